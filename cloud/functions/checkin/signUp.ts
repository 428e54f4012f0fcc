import type { z } from 'zod'
import type { SignUpResult } from '../../contract/model'
import type { checkin as schemas } from '../../contract/schemas'
import { inAudience } from '../../domain/activity'
import { fail } from '../../domain/errors'
import type { AuthedCtx } from '../../runtime/action'
import { loadActivity } from '../activity/access'

/** Sign up for an activity; the last place goes to exactly one person. */
export async function signUp(input: z.output<typeof schemas.signUp>, ctx: AuthedCtx): Promise<SignUpResult> {
  const me = ctx.caller
  const activity = await loadActivity(ctx, input.activityId)
  if (activity.status !== 'published') fail('ACTIVITY_NOT_OPEN', activity.status === 'cancelled' ? '活动已取消' : '活动尚未发布')
  if (!inAudience(activity.audience, me)) fail('NOT_IN_AUDIENCE', '您不在本次活动的参加范围内')
  if (ctx.now().getTime() >= Date.parse(activity.endAt)) fail('WINDOW_CLOSED', '活动已结束，不能报名')
  const outcome = await ctx.store.signUp(activity.id, me.id, activity.capacity, ctx.now().toISOString())
  if (outcome === 'full') fail('FULL', `名额已满（共 ${activity.capacity} 人），请关注后续活动`)
  const signUps = (await ctx.store.countSignUps([activity.id]))[activity.id] ?? 0
  return { signedUp: true, alreadySignedUp: outcome === 'exists', signUps, capacity: activity.capacity }
}
