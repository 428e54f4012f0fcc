import type { z } from 'zod'
import type { SignUpResult } from '../../contract/model'
import type { checkin as schemas } from '../../contract/schemas'
import { assertMaySignUp } from '../../domain/activityLifecycle'
import { fail } from '../../domain/errors'
import type { AuthedCtx } from '../../runtime/action'
import { loadActivity } from '../activity/access'

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
