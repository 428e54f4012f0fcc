import type { z } from 'zod'
import type { HourClaim, LedgerEntry } from '../../contract/model'
import type { checkin as schemas } from '../../contract/schemas'
import { creditFor, dailyCapOn } from '../../domain/credit'
import { fail } from '../../domain/errors'
import { assertNotOwnCredit } from '../../domain/fourEyes'
import { shanghaiDay } from '../../domain/time'
import { volunteerHours, volunteerPoints } from '../../domain/volunteerHours'
import type { AuthedCtx } from '../../runtime/action'
import { loadOwnActivity } from '../activity/access'

/**
 * No check-out means no hours until an organizer confirms them. The organizer's confirmation is
 * the approval, so up to the daily maximum counts (not just the amount that counts at once).
 */
export async function confirmHours(input: z.output<typeof schemas.confirmHours>, ctx: AuthedCtx): Promise<LedgerEntry> {
  const activity = await loadOwnActivity(ctx, ctx.caller, input.activityId)
  assertNotOwnCredit(ctx.caller.id, input.memberId, 'confirmHours')
  if (activity.kind !== 'volunteer') fail('BAD_INPUT', '只有志愿服务活动需要确认时长')
  const checkIn = (await ctx.store.findCheckIn(activity.id, input.memberId)) ?? fail('NOT_FOUND', '该党员没有本次活动的签到记录')
  // Filed in the audit log under the member's unit (the activity's may be another, for a joint group).
  const member = await ctx.store.getMember(input.memberId)
  if (member) ctx.audit.actedOn({ member })
  const credited = (await ctx.store.creditsOf(activity.id, input.memberId)).reduce((s, c) => s + c.hours, 0)
  const pending = (await ctx.store.hourClaimsOf(activity.id, input.memberId, 'pending')).length > 0
  if (credited > 0 || pending) fail('CONFLICT', '该党员本次活动的时长已记录或正在审核，无需重复确认')
  const longest = volunteerHours(activity, activity.startAt, activity.endAt)
  if (input.hours > longest) fail('BAD_INPUT', `确认时长不能超过活动时长（${longest} 小时）`)
  const day = shanghaiDay(new Date(checkIn.checkedInAt))
  const today = await ctx.store.volunteerHoursBetween(input.memberId, day.start, day.end)
  const room = Math.max(0, ctx.policy.dailyHoursMax - today.effective - today.pending)
  if (input.hours > room) fail('BAD_INPUT', `该党员当天志愿时长最多还能记 ${room} 小时（每天不超过 ${ctx.policy.dailyHoursMax} 小时）`)
  const now = ctx.now()
  const credit = creditFor({
    kind: 'volunteer',
    points: volunteerPoints(input.hours, ctx.policy),
    hours: input.hours,
    method: 'manual',
    approvedBy: ctx.caller.id,
    at: now,
    source: ctx.request,
  })
  return ctx.audit.recording(() => ctx.store.appendCredit(activity.id, input.memberId, credit, dailyCapOn(now, ctx.policy)))
}

/** Hours over the day's amount that counts at once, approved or rejected by the organizer. */
export async function reviewHours(input: z.output<typeof schemas.reviewHours>, ctx: AuthedCtx): Promise<HourClaim> {
  const claim = (await ctx.store.getHourClaim(input.claimId)) ?? fail('NOT_FOUND', '时长申请不存在')
  ctx.audit.actedOn({ activity: await loadOwnActivity(ctx, ctx.caller, claim.activityId) })
  assertNotOwnCredit(ctx.caller.id, claim.memberId, 'reviewHours')
  if (claim.status !== 'pending') fail('CONFLICT', '该时长申请已处理过')
  const now = ctx.now()
  const decision = () => ctx.store.decideHourClaim(
    claim.id,
    input.approve,
    ctx.caller.id,
    now.toISOString(),
    input.approve
      ? creditFor({
          kind: 'volunteer',
          points: volunteerPoints(claim.hours, ctx.policy),
          hours: claim.hours,
          method: 'manual',
          approvedBy: ctx.caller.id,
          at: now,
          source: ctx.request,
        })
      : null,
    dailyCapOn(now, ctx.policy),
  )
  return ctx.audit.recording(decision, (decided) => decided ?? fail('CONFLICT', '该时长申请已处理过'))
}

/** A correction is a new entry that reverses the wrong one; the original stays as it was. */
export async function reverseCredit(input: z.output<typeof schemas.reverseCredit>, ctx: AuthedCtx): Promise<LedgerEntry> {
  const entry = (await ctx.store.getLedgerEntry(input.entryId)) ?? fail('NOT_FOUND', '积分记录不存在')
  ctx.audit.actedOn({ activity: await loadOwnActivity(ctx, ctx.caller, entry.activityId) })
  assertNotOwnCredit(ctx.caller.id, entry.memberId, 'reverseCredit')
  if (entry.reversesId) fail('CONFLICT', '更正记录本身不能再更正')
  return ctx.audit.recording(() => ctx.store.reverseCredit(entry, ctx.caller.id, ctx.now().toISOString(), input.note, ctx.request))
}
