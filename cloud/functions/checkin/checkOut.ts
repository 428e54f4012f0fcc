import type { z } from 'zod'
import type { CheckOutResult } from '../../contract/model'
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
  const activity = await loadActivity(ctx, input.activityId)
  const now = ctx.now()
  const secret = (await ctx.store.getQrSecret(activity.id)) ?? fail('NOT_FOUND', '活动不存在')
  const decision = assessCheckOut({
    activity,
    checkIn: await ctx.store.findCheckIn(activity.id, me.id),
    qr: verifyQrToken(secret, activity.id, input.token, now, ctx.policy.qrPeriodSec),
    now,
    hoursConfirmed: (await ctx.store.creditsOf(activity.id, me.id)).some((c) => c.hours !== 0),
  })
  const { checkIn } = decision
  if (decision.kind === 'alreadyCheckedOut') return summary(ctx, activity.id, checkIn, true)

  const at = now.toISOString()
  if (decision.kind === 'timeOnly') {
    const { checkIn: updated } = await ctx.store.recordCheckOut(checkIn.id, at, null, 0)
    return summary(ctx, activity.id, updated, false)
  }
  const { hours } = decision
  const day = shanghaiDay(new Date(checkIn.checkedInAt))
  const today = await ctx.store.volunteerHoursBetween(me.id, day.start, day.end)
  const split = splitDailyHours(hours, today.effective, today.pending, ctx.policy)
  const points = volunteerPoints(split.effective, ctx.policy)
  const { checkIn: updated, updated: changed } = await ctx.store.recordCheckOut(
    checkIn.id,
    at,
    split.effective > 0
      ? creditFor({ kind: 'volunteer', points, hours: split.effective, method: checkIn.method, at: now, source: ctx.request })
      : null,
    split.pending,
    dailyCapOn(now, ctx.policy),
  )
  if (!changed) return summary(ctx, activity.id, updated, true)
  const credits = await ctx.store.creditsOf(activity.id, me.id)
  return {
    checkIn: updated,
    alreadyCheckedOut: false,
    hours,
    effectiveHours: split.effective,
    pendingHours: split.pending,
    droppedHours: split.dropped,
    pointsEarned: credits.reduce((s, c) => s + c.points, 0),
  }
}

async function summary(ctx: AuthedCtx, activityId: string, checkIn: CheckOutResult['checkIn'], already: boolean): Promise<CheckOutResult> {
  const credits = await ctx.store.creditsOf(activityId, checkIn.memberId)
  const effective = credits.reduce((s, c) => s + c.hours, 0)
  const pending = (await ctx.store.hourClaimsOf(activityId, checkIn.memberId, 'pending')).reduce((s, c) => s + c.hours, 0)
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
