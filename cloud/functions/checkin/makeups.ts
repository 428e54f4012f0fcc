import type { z } from 'zod'
import type { Activity, Makeup, Member } from '../../contract/model'
import type { checkin as schemas } from '../../contract/schemas'
import { inAudience } from '../../domain/activity'
import { creditFor, dailyCapOn } from '../../domain/credit'
import { fail } from '../../domain/errors'
import { assertNotOwnCredit } from '../../domain/fourEyes'
import { assertMakeupOpen, assertMayRequestMakeup } from '../../domain/makeup'
import type { AuthedCtx } from '../../runtime/action'
import { loadActivity, loadOwnActivity } from '../activity/access'

/** A member asks for a make-up (补签) with a reason, within the make-up period. */
export async function requestMakeup(input: z.output<typeof schemas.requestMakeup>, ctx: AuthedCtx): Promise<Makeup> {
  const me = ctx.caller
  const activity = await loadActivity(ctx, input.activityId)
  // The rule the check-in page shows (`makeupEligibility`); a request already waiting is refused by the write's unique key.
  const checkedIn = (await ctx.store.findCheckIn(activity.id, me.id)) !== null
  assertMayRequestMakeup(activity, ctx.now(), ctx.policy, { member: me, checkedIn })
  return ctx.store.insertMakeup({
    activityId: activity.id,
    memberId: me.id,
    reason: input.reason,
    status: 'pending',
    requestedBy: me.id,
    requestedAt: ctx.now().toISOString(),
    reviewedBy: null,
    reviewedAt: null,
    reviewComment: null,
  })
}

/** Approving writes the check-in (method `makeup`, or `manual` when the organizer added it) and its credit, approved by the reviewer. */
async function decide(
  ctx: AuthedCtx,
  makeup: Makeup,
  activity: Activity,
  approve: boolean,
  comment: string | null,
  method: 'makeup' | 'manual' = 'makeup',
): Promise<Makeup> {
  const now = ctx.now()
  const at = now.toISOString()
  const earns = activity.kind !== 'volunteer'
  const decision = () => ctx.store.decideMakeup(
    makeup.id,
    { approve, reviewer: ctx.caller.id, comment, at },
    approve
      ? { activityId: activity.id, memberId: makeup.memberId, checkedInAt: at, method, distanceM: null, accuracyM: null, device: ctx.request.device, ip: ctx.request.ip, idempotencyKey: null }
      : null,
    approve && earns
      ? creditFor({ kind: activity.kind, points: ctx.policy.pointsPerKind[activity.kind], method, approvedBy: ctx.caller.id, at: now, source: ctx.request })
      : null,
    dailyCapOn(now, ctx.policy),
  )
  return ctx.audit.recording(decision, (decided) => decided ?? fail('CONFLICT', '该补签申请已处理过'))
}

export async function reviewMakeup(input: z.output<typeof schemas.reviewMakeup>, ctx: AuthedCtx): Promise<Makeup> {
  const makeup = (await ctx.store.getMakeup(input.makeupId)) ?? fail('NOT_FOUND', '补签申请不存在')
  const activity = await loadOwnActivity(ctx, ctx.caller, makeup.activityId)
  ctx.audit.actedOn({ activity })
  assertNotOwnCredit(ctx.caller.id, makeup.memberId, 'reviewMakeup')
  if (makeup.status !== 'pending') fail('CONFLICT', '该补签申请已处理过')
  return decide(ctx, makeup, activity, input.approve, input.comment ?? null)
}

/** An organizer adds a make-up directly, with a reason; it is recorded as requested and approved by them. */
export async function addMakeup(input: z.output<typeof schemas.addMakeup>, ctx: AuthedCtx): Promise<Makeup> {
  const activity = await loadOwnActivity(ctx, ctx.caller, input.activityId)
  assertNotOwnCredit(ctx.caller.id, input.memberId, 'addMakeup')
  const member: Member = (await ctx.store.getMember(input.memberId)) ?? fail('NOT_FOUND', '党员不存在')
  ctx.audit.actedOn({ member })
  if (!member.active) fail('CONFLICT', '该党员账号已停用')
  if (!inAudience(activity.audience, member)) fail('NOT_IN_AUDIENCE', '该党员不在本次活动的参加范围内')
  assertMakeupOpen(activity, ctx.now(), ctx.policy)
  if (await ctx.store.findCheckIn(activity.id, member.id)) fail('CONFLICT', '该党员已签到，无需补签')
  const request = await ctx.store.insertMakeup({
    activityId: activity.id,
    memberId: member.id,
    reason: input.reason,
    status: 'pending',
    requestedBy: ctx.caller.id,
    requestedAt: ctx.now().toISOString(),
    reviewedBy: null,
    reviewedAt: null,
    reviewComment: null,
  })
  // Added by the organizer directly: recorded as 组织者补录, not as a member's 补签.
  return decide(ctx, request, activity, true, input.reason, 'manual')
}
