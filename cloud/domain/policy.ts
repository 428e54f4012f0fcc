import type { ActivityKind, MeetingType, OrgLevel, Rhythm } from '../contract/vocabulary'
import { DEFAULT_MEETING_RHYTHM } from './meetingRhythm'

/** How often each meeting type must be held, per level; null: not required there. */
export type MeetingRhythm = Record<OrgLevel, Partial<Record<MeetingType, Rhythm | null>>>

/** Defaults from DESIGN.md "Domain rules"; the city admin's policy (issue 5) will override them. */
export interface Policy {
  qrPeriodSec: number
  checkInOpensBeforeStartMin: number
  checkInClosesAfterStartMin: number
  checkOutClosesAfterEndMin: number
  defaultRadiusM: number
  pointsPerKind: Record<ActivityKind, number>
  dailyPointsCap: number
  volunteerPointsPerHour: number
  /** Volunteer hours a day that count at once; more waits for an organizer, up to the maximum. */
  dailyHoursEffective: number
  dailyHoursMax: number
  makeupDaysAfterEnd: number
  /** Youth = at most this age on a period's first day (some cities use 40). */
  youthAgeLimit: number
  meetingRhythm: MeetingRhythm
}

export const DEFAULT_POLICY: Policy = {
  qrPeriodSec: 15,
  checkInOpensBeforeStartMin: 30,
  checkInClosesAfterStartMin: 30,
  checkOutClosesAfterEndMin: 120,
  defaultRadiusM: 300,
  // Volunteer work earns 1 point per full hour at check-out, nothing at check-in.
  pointsPerKind: { study: 2, lecture: 1, volunteer: 0 },
  dailyPointsCap: 10,
  volunteerPointsPerHour: 1,
  dailyHoursEffective: 8,
  dailyHoursMax: 12,
  makeupDaysAfterEnd: 7,
  youthAgeLimit: 35,
  meetingRhythm: DEFAULT_MEETING_RHYTHM,
}

/** What the city admin may change; the rest are fixed rules. */
export const EDITABLE_POLICY_FIELDS = ['pointsPerKind', 'dailyPointsCap', 'youthAgeLimit', 'defaultRadiusM', 'qrPeriodSec', 'meetingRhythm'] as const
export type PolicyChange = Partial<Omit<Pick<Policy, (typeof EDITABLE_POLICY_FIELDS)[number]>, 'meetingRhythm'>> & { meetingRhythm?: Partial<MeetingRhythm> }

/**
 * The policy in force at `now`: the defaults, then every version whose effective date has come,
 * in order. Past credits keep the points they were given; only new ones use a new version.
 */
export function policyAt(base: Policy, versions: { effectiveFrom: string; policy: unknown }[], now: Date): Policy {
  let p = base
  for (const v of [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))) {
    if (Date.parse(v.effectiveFrom) > now.getTime()) break
    const change = v.policy as PolicyChange
    p = {
      ...p,
      ...change,
      pointsPerKind: { ...p.pointsPerKind, ...(change.pointsPerKind ?? {}) },
      // A version changes the types it names, level by level; null takes a type off the list.
      meetingRhythm: {
        branch: { ...p.meetingRhythm.branch, ...(change.meetingRhythm?.branch ?? {}) },
        partyGroup: { ...p.meetingRhythm.partyGroup, ...(change.meetingRhythm?.partyGroup ?? {}) },
      },
    }
  }
  return p
}
