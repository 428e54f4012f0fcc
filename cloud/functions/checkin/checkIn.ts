import type { CheckIn, CheckInResult, Activity } from '../../contract/model'
import type { checkin as schemas } from '../../contract/schemas'
import type { z } from 'zod'
import { assessCheckIn } from '../../domain/checkIn'
import { creditFor, dailyCapOn } from '../../domain/credit'
import { DomainError, fail } from '../../domain/errors'
import { MAKEUP_FIXES, withMakeupOffer } from '../../domain/makeup'
import { verifyQrToken } from '../../domain/qrToken'
import type { AuthedCtx } from '../../runtime/action'
import { loadActivity } from '../activity/access'
import { makeupOffer } from './makeupOffer'

type Input = z.output<typeof schemas.checkIn>

async function resultOf(ctx: AuthedCtx, activity: Activity, checkIn: CheckIn, alreadyCheckedIn: boolean): Promise<CheckInResult> {
  const credits = await ctx.store.creditsOf(activity.id, checkIn.memberId)
  return {
    checkIn,
    activity: pick(activity),
    alreadyCheckedIn,
    pointsEarned: credits.reduce((sum, c) => sum + c.points, 0),
    pointsCapped: 0,
    hoursStartCounting: activity.kind === 'volunteer',
  }
}

export const pick = (a: Activity): CheckInResult['activity'] => ({
  id: a.id,
  title: a.title,
  kind: a.kind,
  subKind: a.subKind,
  startAt: a.startAt,
  endAt: a.endAt,
  placeName: a.placeName,
})

/** Scan → checks → one check-in and its credit, written atomically; repeats return the first one. */
export async function checkIn(input: Input, ctx: AuthedCtx): Promise<CheckInResult> {
  const me = ctx.caller
  // One round trip: the activity, its QR secret (the same record: read once) and any earlier check-in.
  const [activity, earlier, secret] = await Promise.all([
    loadActivity(ctx, input.activityId),
    ctx.store.findCheckIn(input.activityId, me.id),
    ctx.store.getQrSecret(input.activityId),
  ])

  // One read decides both repeats: a retry after a lost response (same key) gets the same success
  // it would have seen; any other scan after check-in is told so. A key already used on another
  // activity is refused by the write itself (the key is unique per member), so no read is spent on it.
  if (earlier) return resultOf(ctx, activity, earlier, !input.idempotencyKey || earlier.idempotencyKey !== input.idempotencyKey)

  const now = ctx.now()
  if (secret === null) fail('NOT_FOUND', '活动不存在')
  const qr = verifyQrToken(secret, activity.id, input.token, now, ctx.policy.qrPeriodSec)
  const signedUp = activity.signUpRequired
    ? (await ctx.store.signedUpActivityIds(me.id, [activity.id])).has(activity.id)
    : undefined
  const assessed = await offeringMakeup(ctx, activity, () => assessCheckIn({ activity, member: me, qr, location: input.location, now, signedUp }))

  const at = now.toISOString()
  // Volunteer work earns hours at check-out; study and lectures earn points now, under the daily cap.
  const base = ctx.policy.pointsPerKind[activity.kind]
  const { checkIn, created, credit } = await ctx.store.recordCheckIn(
    {
      activityId: activity.id,
      memberId: me.id,
      checkedInAt: at,
      method: assessed.method,
      distanceM: assessed.distanceM,
      accuracyM: assessed.accuracyM ?? input.location?.accuracyM ?? null,
      device: ctx.request.device,
      ip: ctx.request.ip,
      idempotencyKey: input.idempotencyKey ?? null,
      // What the phone said about itself, for the relay flags the attendance view works out (no read here).
      deviceId: input.deviceId ?? null,
      lat: input.location?.lat ?? null,
      lng: input.location?.lng ?? null,
    },
    activity.kind === 'volunteer' ? null : creditFor({ kind: activity.kind, points: base, method: assessed.method, at: now, source: ctx.request }),
    dailyCapOn(now, ctx.policy),
  )
  if (!created) return resultOf(ctx, activity, checkIn, true)
  return {
    checkIn,
    activity: pick(activity),
    alreadyCheckedIn: false,
    pointsEarned: credit?.points ?? 0,
    pointsCapped: credit ? base - credit.points : 0,
    hoursStartCounting: activity.kind === 'volunteer',
  }
}

/**
 * A refusal a make-up (补签) could fix (window closed, stale code, out of range) tells the page
 * whether this member may ask for one, in `details.makeup`, as `requestMakeup` would decide it.
 */
async function offeringMakeup<T>(ctx: AuthedCtx, activity: Activity, rule: () => T): Promise<T> {
  try {
    return rule()
  } catch (e) {
    if (!(e instanceof DomainError) || !MAKEUP_FIXES.has(e.code)) throw e
    throw withMakeupOffer(e, await makeupOffer(ctx, activity, ctx.caller, false))
  }
}
