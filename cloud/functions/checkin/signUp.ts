import type { z } from 'zod'
import type { SignUpResult, WithdrawSignUpResult } from '../../contract/model'
import type { checkin as schemas } from '../../contract/schemas'
import { assertMaySignUp, phaseOf } from '../../domain/activityLifecycle'
import { fail } from '../../domain/errors'
import type { AuthedCtx } from '../../runtime/action'
import { loadActivity, maySee } from '../activity/access'

/** Sign up for an activity; the last place goes to exactly one person. */
export async function signUp(input: z.output<typeof schemas.signUp>, ctx: AuthedCtx): Promise<SignUpResult> {
  const me = ctx.caller
  const activity = await loadActivity(ctx, input.activityId)
  assertMaySignUp(activity, me, ctx.now())
  const outcome = await ctx.store.signUp(activity.id, me.id, activity.capacity, ctx.now().toISOString())
  if (outcome === 'full') fail('FULL', `名额已满（共 ${activity.capacity} 人），请关注后续活动`)
  const signUps = (await ctx.store.countSignUps([activity.id]))[activity.id] ?? 0
  return { signedUp: true, alreadySignedUp: outcome === 'exists', signUps, capacity: activity.capacity }
}

/**
 * 取消报名: the caller withdraws their own sign-up before the activity starts, freeing the place for
 * someone else. Not once checked in (the attendance stands) nor once started (the organizer counts on
 * the list). Withdrawing without a sign-up changes nothing.
 */
export async function withdrawSignUp(input: z.output<typeof schemas.withdrawSignUp>, ctx: AuthedCtx): Promise<WithdrawSignUpResult> {
  const me = ctx.caller
  const activity = await loadActivity(ctx, input.activityId)
  if (!maySee(me, activity)) fail('NOT_IN_AUDIENCE', '您不在本次活动的参加范围内')
  if ((await ctx.store.checkedInActivityIds(me.id, [activity.id])).has(activity.id)) fail('CONFLICT', '您已签到，不能取消报名')
  if (phaseOf(activity, ctx.now()) !== 'upcoming') fail('WINDOW_CLOSED', '活动已开始，不能取消报名；不能参加请联系组织者')
  const withdrawn = await ctx.store.withdrawSignUp(activity.id, me.id)
  const signUps = (await ctx.store.countSignUps([activity.id]))[activity.id] ?? 0
  return { withdrawn, signUps, capacity: activity.capacity }
}
