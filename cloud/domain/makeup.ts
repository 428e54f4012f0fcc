import type { Activity, Makeup, MakeupEligibility, Member, MissedActivity } from '../contract/model'
import type { ErrorCode } from '../contract/errors'
import { inAudience, type AudienceMember } from './activity'
import { lifecycleOf } from './activityLifecycle'
import { expectedAt } from './branchMeetings'
import { DomainError } from './errors'
import type { Policy } from './policy'
import { onBranchCommittee } from './roles'

/** Check-in refusals a make-up (补签) can fix: the member was there, but the scan did not count. */
export const MAKEUP_FIXES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['WINDOW_CLOSED', 'TOKEN_EXPIRED', 'OUT_OF_RANGE', 'LOCATION_REQUIRED'])

/** The last moment a make-up may be asked for: N days after the activity's end. */
export const makeupDeadline = (activity: Pick<Activity, 'endAt'>, policy: Pick<Policy, 'makeupDaysAfterEnd'>): string =>
  new Date(Date.parse(activity.endAt) + policy.makeupDaysAfterEnd * 86_400_000).toISOString()

/** Why the activity takes no make-up now, whoever asks; null when its make-up period is open. */
function periodRefusal(activity: Activity, now: Date, policy: Policy): DomainError | null {
  const stage = lifecycleOf(activity, now)
  if (stage === 'cancelled') return new DomainError('ACTIVITY_NOT_OPEN', '活动已取消，无需补签')
  if (stage === 'draft') return new DomainError('ACTIVITY_NOT_OPEN', '活动尚未发布')
  if (stage === 'upcoming') return new DomainError('WINDOW_CLOSED', '活动尚未开始，不能补签；请在活动开始后扫码签到')
  const deadline = makeupDeadline(activity, policy)
  if (now.getTime() > Date.parse(deadline))
    return new DomainError('WINDOW_CLOSED', `已超过补签期限（活动结束后 ${policy.makeupDaysAfterEnd} 天内可申请）`, { deadline })
  return null
}

/** What is known about the member asking. */
export interface MakeupAsker {
  member: AudienceMember
  checkedIn: boolean
  /**
   * Whether the member already has a make-up for this activity waiting for review (an approved one
   * is a check-in). Undefined when not looked up: the store's unique key refuses a second one anyway.
   */
  pending?: boolean
}

/** Why this member may not ask for a make-up now, in the order they would want to hear it; null when they may. */
function makeupRefusal(activity: Activity, now: Date, policy: Policy, asker: MakeupAsker): DomainError | null {
  if (!inAudience(activity.audience, asker.member)) return new DomainError('NOT_IN_AUDIENCE', '您不在本次活动的参加范围内，不能申请补签')
  const closed = periodRefusal(activity, now, policy)
  if (closed) return closed
  if (asker.checkedIn) return new DomainError('CONFLICT', '您已签到，无需补签')
  if (asker.pending) return new DomainError('CONFLICT', '该活动已有待审核或已通过的补签，无需重复申请')
  return null
}

/**
 * May this member ask for a make-up now? After the activity starts, until N days after its end;
 * not for drafts or cancelled activities, not for someone outside its audience, already checked in,
 * or with a request already waiting. The check-in page and `requestMakeup` both go by this.
 */
export function makeupEligibility(activity: Activity, now: Date, policy: Policy, asker: MakeupAsker): MakeupEligibility {
  const refusal = makeupRefusal(activity, now, policy, asker)
  return {
    allowed: refusal === null,
    reason: refusal?.message ?? null,
    deadline: activity.status === 'published' ? makeupDeadline(activity, policy) : null,
  }
}

/** A member's own request: refuse with the reason `makeupEligibility` gives. */
export function assertMayRequestMakeup(activity: Activity, now: Date, policy: Policy, asker: MakeupAsker): void {
  const refusal = makeupRefusal(activity, now, policy, asker)
  if (refusal) throw refusal
}

/** When may a make-up (补签) for this activity still be asked for or added? After it starts, until N days after its end. */
export function assertMakeupOpen(activity: Activity, now: Date, policy: Policy): void {
  const refusal = periodRefusal(activity, now, policy)
  if (refusal) throw refusal
}

/** A check-in refusal that a make-up could fix, told whether this member may ask for one. */
export function withMakeupOffer(refusal: DomainError, makeup: MakeupEligibility): DomainError {
  if (!MAKEUP_FIXES.has(refusal.code)) return refusal
  return new DomainError(refusal.code, refusal.message, { ...refusal.details, makeup })
}

// ---- the activities a member missed (未签到), each with its make-up offer ----

/**
 * Which activities may still take a make-up now, as bounds a store can query: started by now, ending
 * no earlier than the make-up period reaches back (N days before now).
 */
export const makeupWindow = (now: Date, policy: Pick<Policy, 'makeupDaysAfterEnd'>): { startedBy: string; endingFrom: string } => ({
  startedBy: now.toISOString(),
  endingFrom: new Date(now.getTime() - policy.makeupDaysAfterEnd * 86_400_000).toISOString(),
})

/** What is known about one member and the candidate activities (ids of each set are activity ids). */
export interface MissedFacts {
  member: AudienceMember & Pick<Member, 'roles'>
  checkedIn: ReadonlySet<string>
  /** Meetings the member has approved leave (请假) for: excused, not missed. */
  onLeave: ReadonlySet<string>
  /** Activities the member signed up for (only those requiring sign-up need asking). */
  signedUp: ReadonlySet<string>
  /** The member's make-ups for the candidates, any order; the latest per activity is the one shown. */
  makeups: readonly Makeup[]
}

/**
 * Was the member expected and absent? A published activity meant for them (and, for a 支委会, they
 * are on the committee; where sign-up is required, they signed up) whose check-in has closed, with
 * no check-in and no approved leave, and whose make-up period is still open. While check-in is open
 * the member can still scan, so it is not missed yet.
 */
function missed(a: Activity, now: Date, policy: Policy, facts: MissedFacts): boolean {
  const stage = lifecycleOf(a, now)
  if (stage !== 'ongoing' && stage !== 'ended') return false
  if (now.getTime() <= Date.parse(a.checkInClosesAt)) return false
  if (now.getTime() > Date.parse(makeupDeadline(a, policy))) return false
  if (!inAudience(a.audience, facts.member)) return false
  if (a.meeting && !expectedAt(a.meeting.type, onBranchCommittee(facts.member, a.branchId ?? ''))) return false
  if (a.signUpRequired && !facts.signedUp.has(a.id)) return false
  return !facts.checkedIn.has(a.id) && !facts.onLeave.has(a.id)
}

/**
 * The latest make-up per activity (by when it was asked for). A pending one is always the latest:
 * a member asks again only after the earlier one was decided, even within the same millisecond.
 */
function latestMakeups(makeups: readonly Makeup[]): Map<string, Makeup> {
  const latest = new Map<string, Makeup>()
  const newer = (m: Makeup, seen: Makeup) =>
    m.requestedAt > seen.requestedAt || (m.requestedAt === seen.requestedAt && m.status === 'pending' && seen.status !== 'pending')
  for (const m of makeups) {
    const seen = latest.get(m.activityId)
    if (!seen || newer(m, seen)) latest.set(m.activityId, m)
  }
  return latest
}

/**
 * The activities this member missed, latest start first, each with whether they may ask for a
 * make-up now (`makeupEligibility`: a request waiting refuses another; a rejected one may be asked
 * again within the period) and their latest request.
 */
export function missedActivities(candidates: readonly Activity[], now: Date, policy: Policy, facts: MissedFacts): MissedActivity[] {
  const latest = latestMakeups(facts.makeups)
  return candidates
    .filter((a) => missed(a, now, policy, facts))
    .sort((a, b) => (a.startAt === b.startAt ? (a.id < b.id ? -1 : 1) : a.startAt < b.startAt ? 1 : -1))
    .map((a) => {
      const last = latest.get(a.id) ?? null
      const waiting = last !== null && last.status !== 'rejected'
      return {
        activity: { id: a.id, title: a.title, kind: a.kind, subKind: a.subKind, startAt: a.startAt, endAt: a.endAt, placeName: a.placeName },
        makeup: makeupEligibility(a, now, policy, { member: facts.member, checkedIn: false, pending: waiting }),
        lastRequest: last && { id: last.id, status: last.status, requestedAt: last.requestedAt, reviewComment: last.reviewComment },
      }
    })
}
