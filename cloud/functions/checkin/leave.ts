/** 请假: a member asks before a meeting; whoever runs the branch decides; the asker may take it back while it waits. */
import type { z } from 'zod'
import type { LeaveRequest } from '../../contract/model'
import type { checkin as schemas } from '../../contract/schemas'
import { inAudience } from '../../domain/activity'
import { assertMayRequestLeave, expectedAt } from '../../domain/branchMeetings'
import { onBranchCommittee } from '../../domain/roles'
import { fail } from '../../domain/errors'
import type { AuthedCtx } from '../../runtime/action'
import { StoreError } from '../../store/errors'
import { assertRunsMeeting, loadMeeting } from '../activity/meetingAccess'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

/** The store says `conflict` when someone got there first; say it in the words of the use case. */
async function orConflict<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write()
  } catch (e) {
    if (e instanceof StoreError && e.kind === 'conflict') fail('CONFLICT', message)
    throw e
  }
}

export async function requestLeave(input: In<'requestLeave'>, ctx: AuthedCtx): Promise<LeaveRequest> {
  const me = ctx.caller
  // Whether the member checked in is read alongside the meeting: the asker's own record, needed unless refused.
  const [m, checkedIn] = await Promise.all([loadMeeting(ctx, input.activityId), ctx.store.findCheckIn(input.activityId, me.id)])
  if (m.status !== 'published') fail('ACTIVITY_NOT_OPEN', m.status === 'cancelled' ? '会议已取消' : '会议尚未发布')
  if (!inAudience(m.audience, me)) fail('NOT_IN_AUDIENCE', '您不在本次会议的参加范围内')
  if (!expectedAt(m.meeting.type, onBranchCommittee(me, m.branchId))) fail('NOT_IN_AUDIENCE', '支委会由支部委员参加，您无需请假')
  assertMayRequestLeave(m.startAt, ctx.now())
  if (checkedIn) fail('CONFLICT', '您已签到，无需请假')
  return orConflict(
    () => ctx.store.insertLeave({ activityId: m.id, memberId: me.id, reason: input.reason, requestedAt: ctx.now().toISOString() }),
    '您已提交过请假申请',
  )
}

export async function reviewLeave(input: In<'reviewLeave'>, ctx: AuthedCtx): Promise<LeaveRequest> {
  const leave = (await ctx.store.getLeave(input.leaveId)) ?? fail('NOT_FOUND', '请假申请不存在')
  const m = await loadMeeting(ctx, leave.activityId)
  ctx.audit.actedOn({ activity: m })
  assertRunsMeeting(ctx.caller, m)
  if (leave.memberId === ctx.caller.id) fail('FORBIDDEN', '不能审批自己的请假申请')
  if (leave.status !== 'pending') fail('CONFLICT', '该请假申请已处理过')
  const decision = { status: input.approve ? ('approved' as const) : ('rejected' as const), reviewedBy: ctx.caller.id, reviewedAt: ctx.now().toISOString(), comment: input.comment?.trim() || null }
  return ctx.audit.recording(
    () => orConflict(() => ctx.store.decideLeave(leave.id, decision), '该请假申请已处理过'),
    (decided) => decided ?? fail('CONFLICT', '该请假申请已处理过'),
  )
}

export async function withdrawLeave(input: In<'withdrawLeave'>, ctx: AuthedCtx): Promise<{ withdrawn: true; leaveId: string }> {
  const leave = (await ctx.store.getLeave(input.leaveId)) ?? fail('NOT_FOUND', '请假申请不存在')
  if (leave.memberId !== ctx.caller.id) fail('FORBIDDEN', '只能撤回自己的请假申请')
  if (leave.status !== 'pending') fail('CONFLICT', '请假申请已审批，不能撤回')
  await orConflict(() => ctx.store.decideLeave(leave.id, 'withdraw'), '请假申请已审批，不能撤回')
  return { withdrawn: true, leaveId: leave.id }
}
