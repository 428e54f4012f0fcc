import type { z } from 'zod'
import type { CheckOutResult, LedgerEntry } from '../../contract/model'
import type { checkin as schemas } from '../../contract/schemas'
import { assessCheckOut } from '../../domain/checkOut'
import { creditFor, dailyCapOn } from '../../domain/credit'
import { fail } from '../../domain/errors'
import { verifyQrToken } from '../../domain/qrToken'
import { shanghaiDay } from '../../domain/time'
import { splitDailyHours, volunteerPoints } from '../../domain/volunteerHours'
import type { AuthedCtx } from '../../runtime/action'
import { loadActivity } from '../activity/access'

/**
 * Volunteer check-out: scan the same QR code at the end. Hours are clipped to the activity and
 * rounded down to half hours; what is over the day's amount waits for the organizer.
 */
export async function checkOut(input: z.output<typeof schemas.checkOut>, ctx: AuthedCtx): Promise<CheckOutResult> {
  const me = ctx.caller
  const now = ctx.now()
  // One round trip for everything the decision needs. Volunteer hours are counted per day of
  // check-in: today's are read now, and another day's (a shift past midnight) only if needed.
  const today = shanghaiDay(now)
  const [activity, secret, found, credits, hoursToday] = await Promise.all([
    loadActivity(ctx, input.activityId),
    ctx.store.getQrSecret(input.activityId),
    ctx.store.findCheckIn(input.activityId, me.id),
    ctx.store.creditsOf(input.activityId, me.id),
    ctx.store.volunteerHoursBetween(me.id, today.start, today.end),
  ])
  if (secret === null) fail('NOT_FOUND', '活动不存在')
  const decision = assessCheckOut({
    activity,
    checkIn: found,
    qr: verifyQrToken(secret, activity.id, input.token, now, ctx.policy.qrPeriodSec),
    now,
    hoursConfirmed: credits.some((c) => c.hours !== 0),
  })
  const { checkIn } = decision
  if (decision.kind === 'alreadyCheckedOut') return summary(ctx, activity.id, checkIn, true, credits)

  const at = now.toISOString()
  if (decision.kind === 'timeOnly') {
    const { checkIn: updated } = await ctx.store.recordCheckOut(checkIn.id, at, null, 0)
    return summary(ctx, activity.id, updated, false, credits)
  }
  const { hours } = decision
  const day = shanghaiDay(new Date(checkIn.checkedInAt))
  const sameDay = await (day.start === today.start ? hoursToday : ctx.store.volunteerHoursBetween(me.id, day.start, day.end))
  const split = splitDailyHours(hours, sameDay.effective, sameDay.pending, ctx.policy)
  const points = volunteerPoints(split.effective, ctx.policy)
  const credit = split.effective > 0 ? creditFor({ kind: 'volunteer', points, hours: split.effective, method: checkIn.method, at: now, source: ctx.request }) : null
  const { checkIn: updated, updated: changed, credit: entry } = await ctx.store.recordCheckOut(checkIn.id, at, credit, split.pending, dailyCapOn(now, ctx.policy))
  if (!changed) return summary(ctx, activity.id, updated, true)
  // Points of the activity: those before, and this check-out's as the daily cap left them.
  const earned = [...credits, ...(entry ? [entry] : [])].reduce((s, c) => s + c.points, 0)
  return {
    checkIn: updated,
    alreadyCheckedOut: false,
    hours,
    effectiveHours: split.effective,
    pendingHours: split.pending,
    droppedHours: split.dropped,
    pointsEarned: earned,
  }
}

async function summary(ctx: AuthedCtx, activityId: string, checkIn: CheckOutResult['checkIn'], already: boolean, known?: LedgerEntry[]): Promise<CheckOutResult> {
  const [credits, claims] = await Promise.all([known ?? ctx.store.creditsOf(activityId, checkIn.memberId), ctx.store.hourClaimsOf(activityId, checkIn.memberId, 'pending')])
  const effective = credits.reduce((s, c) => s + c.hours, 0)
  const pending = claims.reduce((s, c) => s + c.hours, 0)
  return {
    checkIn,
    alreadyCheckedOut: already,
    hours: effective + pending,
    effectiveHours: effective,
    pendingHours: pending,
    droppedHours: 0,
    pointsEarned: credits.reduce((s, c) => s + c.points, 0),
  }
}
