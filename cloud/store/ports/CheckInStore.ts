import type { CheckIn, LedgerEntry } from '../../contract/model'
import type { DailyCap, NewCredit } from './CreditStore'

/** A check-in about to be written; what the phone sent about itself (device id, position) is optional, null when absent. */
export type NewCheckIn = Omit<CheckIn, 'id' | 'checkedOutAt' | 'deviceId' | 'lat' | 'lng'> & Partial<Pick<CheckIn, 'deviceId' | 'lat' | 'lng'>>

export interface RecordCheckInResult {
  checkIn: CheckIn
  /** False when a check-in for this member and activity already existed; nothing was written then. */
  created: boolean
  credit: LedgerEntry | null
}

/** Check-ins and volunteer check-outs, each written with the credit it earns. */
export interface CheckInStore {
  /**
   * Atomically: insert the check-in (one per member and activity, by a unique key), append its
   * credit to the ledger (points reduced to what `dailyCap` leaves, counted in the same
   * transaction so concurrent check-ins cannot pass it) and bump the counters. If the member
   * already checked in, write nothing and return the existing check-in. StoreError
   * `idempotencyKeyReused` if the key was used for a check-in to another activity.
   */
  recordCheckIn(checkIn: NewCheckIn, credit: NewCredit | null, dailyCap?: DailyCap): Promise<RecordCheckInResult>
  findCheckIn(activityId: string, memberId: string): Promise<CheckIn | null>
  checkedInActivityIds(memberId: string, activityIds: string[]): Promise<Set<string>>
  countCheckIns(activityIds: string[]): Promise<Record<string, number>>
  /**
   * Set the check-out time once (a second check-out changes nothing), append the credit for the
   * hours that count at once, and file the rest as a claim waiting for the organizer. `credit` is
   * the entry this call appended (its points as the daily cap left them), or null.
   * StoreError `notFound` (checkIn) if there is no such check-in.
   */
  recordCheckOut(
    checkInId: string,
    at: string,
    credit: NewCredit | null,
    pendingHours: number,
    dailyCap?: DailyCap,
  ): Promise<{ checkIn: CheckIn; updated: boolean; credit: LedgerEntry | null }>
}
