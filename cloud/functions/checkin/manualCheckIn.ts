import type { z } from 'zod'
import type { CheckIn, Member } from '../../contract/model'
import type { checkin as schemas } from '../../contract/schemas'
import { inAudience } from '../../domain/activity'
import { creditFor, dailyCapOn } from '../../domain/credit'
import { fail } from '../../domain/errors'
import { assertNotOwnCredit } from '../../domain/fourEyes'
import { assertManualCheckInOpen } from '../../domain/manualCheckIn'
import type { AuthedCtx } from '../../runtime/action'
import { loadOwnActivity } from '../activity/access'

export interface ManualCheckIn {
  checkIn: CheckIn
  /** What it earned now (volunteer hours come with check-out or the organizer's confirmation). */
  pointsEarned: number
  note: string | null
}

/**
 * 手动签到: on site, the organizer checks in a member of the audience who has no phone. One check-in
 * (method `manual`) and its credit, approved by the organizer, as a scan would be credited; after
 * the end it is refused in favour of 补录, which keeps the make-up's reason.
 */
export async function manualCheckIn(input: z.output<typeof schemas.manualCheckIn>, ctx: AuthedCtx): Promise<ManualCheckIn> {
  // One round trip: the activity, the member and any check-in of theirs.
  const [activity, found, earlier] = await Promise.all([
    loadOwnActivity(ctx, ctx.caller, input.activityId),
    ctx.store.getMember(input.memberId),
    ctx.store.findCheckIn(input.activityId, input.memberId),
  ])
  ctx.audit.actedOn({ activity })
  assertNotOwnCredit(ctx.caller.id, input.memberId, 'manualCheckIn')
  const member: Member = found ?? fail('NOT_FOUND', '党员不存在')
  if (!member.active) fail('CONFLICT', '该党员账号已停用')
  if (!inAudience(activity.audience, member)) fail('NOT_IN_AUDIENCE', '该党员不在本次活动的参加范围内')
  const now = ctx.now()
  assertManualCheckInOpen(activity, now)
  if (earlier) fail('CONFLICT', `${member.name}已签到，无需再签`)

  const note = input.note ?? null
  const earns = activity.kind !== 'volunteer'
  const record = () =>
    ctx.store.recordCheckIn(
      { activityId: activity.id, memberId: member.id, checkedInAt: now.toISOString(), method: 'manual', distanceM: null, accuracyM: null, device: ctx.request.device, ip: ctx.request.ip, idempotencyKey: null },
      earns
        ? { ...creditFor({ kind: activity.kind, points: ctx.policy.pointsPerKind[activity.kind], method: 'manual', approvedBy: ctx.caller.id, at: now, source: ctx.request }), note }
        : null,
      dailyCapOn(now, ctx.policy),
    )
  return ctx.audit.recording(record, ({ checkIn, created, credit }) =>
    // Another organizer (or the member's own scan) got there first: nothing was written.
    created ? { checkIn, pointsEarned: credit?.points ?? 0, note } : fail('CONFLICT', `${member.name}已签到，无需再签`),
  )
}
