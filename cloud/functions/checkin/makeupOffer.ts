import type { Activity, MakeupEligibility, Member } from '../../contract/model'
import { makeupEligibility } from '../../domain/makeup'
import type { Ctx } from '../../runtime/context'

/**
 * Whether this member may ask for a make-up of the activity, as `requestMakeup` would decide it,
 * for the check-in page. Whether a request is already waiting costs a read, so it is looked up
 * only when every other rule allows a make-up.
 */
export async function makeupOffer(ctx: Ctx, activity: Activity, member: Member, checkedIn: boolean): Promise<MakeupEligibility> {
  const now = ctx.now()
  const asker = { member, checkedIn }
  const offer = makeupEligibility(activity, now, ctx.policy, asker)
  if (!offer.allowed) return offer
  const pending = (await ctx.store.makeupsOf(activity.id, member.id, 'pending')).length > 0
  return pending ? makeupEligibility(activity, now, ctx.policy, { ...asker, pending }) : offer
}
