import type { ActivityKind } from '../contract/vocabulary'

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
}
