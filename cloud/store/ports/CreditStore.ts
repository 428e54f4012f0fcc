import type { DailyCap, LedgerEntry, NewCredit } from '../../contract/model'

/** Defined in the contract, so the domain builds them (domain/credit.ts) without importing the store. */
export type { DailyCap, NewCredit }

/** The append-only ledger of credits (points and hours); counters move with every entry. */
export interface CreditStore {
  /** A member's entries for one activity, in the order they were written. */
  creditsOf(activityId: string, memberId: string): Promise<LedgerEntry[]>
  getLedgerEntry(id: string): Promise<LedgerEntry | null>
  /** Append a credit with no check-in change (hours an organizer confirmed), under the daily points cap. */
  appendCredit(activityId: string, memberId: string, credit: NewCredit, dailyCap?: DailyCap): Promise<LedgerEntry>
  /** Append the reversing entry of a credit; StoreError `alreadyReversed` if it has one. */
  reverseCredit(entry: LedgerEntry, by: string, at: string, note: string, request: { device: string | null; ip: string | null }): Promise<LedgerEntry>
  pointsCreditedBetween(memberId: string, fromIso: string, toIso: string): Promise<number>
  /** Volunteer hours credited, and waiting for approval, for services checked into between two times. */
  volunteerHoursBetween(memberId: string, fromIso: string, toIso: string): Promise<{ effective: number; pending: number }>
}
