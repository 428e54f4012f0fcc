/** 未签到: the activities a member missed whose make-up (补签) may still be asked for, from 我的记录. */
import type { LeaveRequest, Makeup, MissedActivity } from '../../contract/model'
import { makeupWindow, missedActivities } from '../../domain/makeup'
import type { AuthedCtx } from '../../runtime/action'

/** Candidates read: the member's started activities of the make-up period, checked-in ones included. */
const CANDIDATES = 200
/** Rows the list shows at most, latest first. */
const MISSED_LIMIT = 50

/**
 * One read for the member's candidates (as `activity.list` finds them, by audience), then, together,
 * their check-ins, make-ups, leave (meetings only) and sign-ups (where required): two round trips
 * after the caller is known.
 */
export async function missedCheckIns(_input: unknown, ctx: AuthedCtx): Promise<{ activities: MissedActivity[]; makeupDays: number }> {
  const me = ctx.caller
  const now = ctx.now()
  const candidates = await ctx.store.listStartedActivitiesForMember(me, makeupWindow(now, ctx.policy), CANDIDATES)
  const ids = candidates.map((a) => a.id)
  const meetings = candidates.filter((a) => a.meeting !== null).map((a) => a.id)
  const bySignUp = candidates.filter((a) => a.signUpRequired).map((a) => a.id)
  // Nothing to ask about costs no read.
  const noIds = new Set<string>()
  const [checkedIn, makeups, leaves, signedUp] = await Promise.all([
    ids.length ? ctx.store.checkedInActivityIds(me.id, ids) : noIds,
    ids.length ? ctx.store.makeupsOfMemberFor(me.id, ids) : ([] as Makeup[]),
    meetings.length ? ctx.store.leavesOfMember(me.id, meetings) : ([] as LeaveRequest[]),
    bySignUp.length ? ctx.store.signedUpActivityIds(me.id, bySignUp) : noIds,
  ])
  const onLeave = new Set(leaves.filter((l) => l.status === 'approved').map((l) => l.activityId))
  const activities = missedActivities(candidates, now, ctx.policy, { member: me, checkedIn, onLeave, signedUp, makeups })
  return { activities: activities.slice(0, MISSED_LIMIT), makeupDays: ctx.policy.makeupDaysAfterEnd }
}
