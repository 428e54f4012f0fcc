import type { Activity } from '../contract/model'
import type { Policy } from './policy'

const HALF_HOUR_MS = 1_800_000

/** Time between check-in and check-out, clipped to the activity, rounded down to half hours. */
export function volunteerHours(activity: Pick<Activity, 'startAt' | 'endAt'>, checkedInAt: string, checkedOutAt: string): number {
  const from = Math.max(Date.parse(checkedInAt), Date.parse(activity.startAt))
  const to = Math.min(Date.parse(checkedOutAt), Date.parse(activity.endAt))
  if (!(to > from)) return 0
  return Math.floor((to - from) / HALF_HOUR_MS) / 2
}

export interface HoursSplit {
  /** Counts at once. */
  effective: number
  /** Over the daily amount that counts at once: waits for an organizer's approval. */
  pending: number
  /** Over the daily maximum: never credited. */
  dropped: number
}

/**
 * Split new hours by what the member already has that day: up to `dailyHoursEffective` count at
 * once, the rest up to `dailyHoursMax` waits for approval, and nothing beyond the maximum counts.
 */
export function splitDailyHours(hours: number, effectiveToday: number, pendingToday: number, policy: Policy): HoursSplit {
  const effective = Math.min(hours, Math.max(0, policy.dailyHoursEffective - effectiveToday))
  const pending = Math.min(hours - effective, Math.max(0, policy.dailyHoursMax - effectiveToday - pendingToday - effective))
  return { effective, pending, dropped: hours - effective - pending }
}

/** Volunteer work earns points per full hour. */
export const volunteerPoints = (hours: number, policy: Policy): number => Math.floor(hours) * policy.volunteerPointsPerHour
