import type { ActivitySummary, AttendanceRow } from '@cloud/contract/model'

/** A name on the wall of last arrivals. */
export interface Arrival {
  checkInId: string
  name: string
  /** When they checked in (UTC ISO). */
  at: string
}

/** How many names the wall holds: a projector shows as many as fit, newest first. */
export const WALL_SIZE = 12

/**
 * The attendance list is read again at most this often, and only when the count the code's refresh
 * brings has moved: a quiet room costs no reads, a rush one every 10 s (each read is billed).
 */
export const WALL_GAP_MS = 10_000

/**
 * The people who just arrived, newest first: scans and an organizer's on-site 补录, not a 补签
 * approved later (nobody walked in) nor a check-in whose credit was reversed.
 */
export function latestArrivals(rows: readonly AttendanceRow[], limit = WALL_SIZE): Arrival[] {
  return rows
    .filter((r) => !r.reversed && r.method !== 'makeup')
    .sort((a, b) => Date.parse(b.checkedInAt) - Date.parse(a.checkedInAt) || b.checkInId.localeCompare(a.checkInId))
    .slice(0, limit)
    .map((r) => ({ checkInId: r.checkInId, name: r.name, at: r.checkedInAt }))
}

/** The last read of the wall: the arrivals count it was read for (null: never read) and when it was asked for. */
export interface WallRead {
  count: number | null
  readAt: number
}

/** Whether to read the wall again, now that the code's refresh says `arrivals`: the count moved and the last read is old enough. */
export const wallDue = (last: WallRead, arrivals: number, now: number, gapMs = WALL_GAP_MS): boolean =>
  last.count !== arrivals && now - last.readAt >= gapMs

/**
 * How many are expected, where that is known: those signed up when sign-up is required, otherwise
 * everyone the activity is meant for (the attendance list's audience count).
 */
export function expectedCount(a: Pick<ActivitySummary, 'signUpRequired' | 'signUps'> | null, audienceCount: number | null): number | null {
  if (a?.signUpRequired) return a.signUps > 0 ? a.signUps : null
  return audienceCount !== null && audienceCount > 0 ? audienceCount : null
}
