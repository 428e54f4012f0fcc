/** Who came to an activity, as its organizer sees it: rows with their relay flags, the absent, make-ups and hour claims waiting. */
import type { Activity } from './model'
import type { CreditMethod, RelayFlag, ReviewStatus } from './vocabulary'

export interface AttendanceRow {
  memberId: string
  name: string
  unitName: string
  /** The member's 支部; null: not in one. What the organizer tells people apart by within a unit. */
  branchName: string | null
  checkedInAt: string
  checkedOutAt: string | null
  method: CreditMethod
  /** The organizer whose decision credited it (手动签到, 补录, an approved 补签); null: the member's own scan. */
  approvedByName: string | null
  /** Recorded through an approved make-up (补签, or the organizer's 补录), not at the time: method `manual` is then 补录, else 手动签到. */
  viaMakeup: boolean
  points: number
  hours: number
  /** Volunteer hours waiting for an organizer (over the daily amount, or no check-out). */
  hoursPending: number
  checkInId: string
  /** Why this check-in looks relayed; empty when it does not. It counts either way. */
  flags: RelayFlag[]
  /** Its credit was reversed by an organizer (a correction entry in the ledger). */
  reversed: boolean
}

/**
 * What the phone sent with a check-in, as the store hands it to the attendance view; the view turns
 * these into flags and never passes positions or device ids on.
 */
export interface CheckInSignals {
  deviceId: string | null
  lat: number | null
  lng: number | null
  accuracyM: number | null
}

/** An attendance row as the store reads it: the row without its flags, with the signals they come from. */
export type AttendanceEntry = Omit<AttendanceRow, 'flags'> & { signals: CheckInSignals }

/** A place of a unit saved for check-in (its meeting room, a 党性教育基地): chosen when publishing. */
export interface UnitPlace {
  id: string
  unitId: string
  name: string
  lat: number
  lng: number
  radiusM: number
  savedBy: string
  savedAt: string
}

export interface AbsentRow {
  memberId: string
  name: string
  unitName: string
  branchName: string | null
  makeupStatus: ReviewStatus | null
}

export interface Makeup {
  id: string
  activityId: string
  memberId: string
  reason: string
  status: ReviewStatus
  requestedBy: string
  requestedAt: string
  reviewedBy: string | null
  reviewedAt: string | null
  reviewComment: string | null
}

export interface MakeupView extends Makeup {
  memberName: string
  activityTitle: string
}

export interface HourClaim {
  id: string
  activityId: string
  memberId: string
  hours: number
  status: ReviewStatus
  createdAt: string
  reviewedBy: string | null
  reviewedAt: string | null
}

export interface HourClaimView extends HourClaim {
  memberName: string
}

export interface Attendance {
  activity: Activity
  present: AttendanceRow[]
  presentCount: number
  /** Check-ins with a relay flag whose credit still stands: what the organizer has yet to look at. */
  flagged: number
  absent: AbsentRow[]
  audienceCount: number
  pendingMakeups: MakeupView[]
  pendingHours: HourClaimView[]
  /** Volunteers who checked in but not out; their hours wait for the organizer. */
  notCheckedOut: number
}
