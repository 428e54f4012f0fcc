import type { DailyCap, LedgerEntry, NewCredit } from '../contract/model'
import type { ActivityKind, CreditMethod } from '../contract/vocabulary'
import type { Policy } from './policy'
import { shanghaiDay } from './time'

/** Where a request came from, as the ledger records it. */
export interface CreditSource {
  device: string | null
  ip: string | null
}

/**
 * A new ledger entry: what was earned, how, who approved it, when and from where. Entries are only
 * ever appended; a correction is a reversing entry (`reversalOf`).
 */
export function creditFor(c: {
  kind: ActivityKind
  points: number
  /** Volunteer hours; study sessions and lectures earn none. */
  hours?: number
  method: CreditMethod
  /** The organizer whose decision made this credit; null when the member's own scan did. */
  approvedBy?: string | null
  at: Date
  source: CreditSource
}): NewCredit {
  return {
    kind: c.kind,
    points: c.points,
    hours: c.hours ?? 0,
    method: c.method,
    approvedBy: c.approvedBy ?? null,
    createdAt: c.at.toISOString(),
    device: c.source.device,
    ip: c.source.ip,
    reversesId: null,
  }
}

/**
 * The entry that undoes `entry`: its points and hours negated, made by hand by `by`, pointing at
 * the entry it reverses. Both stores append it as it is (at most once per entry).
 */
export function reversalOf(entry: LedgerEntry, by: string, at: string, note: string, source: CreditSource): NewCredit {
  return {
    kind: entry.kind,
    // `|| 0`: no negative zero in the ledger.
    points: -entry.points || 0,
    hours: -entry.hours || 0,
    method: 'manual',
    approvedBy: by,
    createdAt: at,
    device: source.device,
    ip: source.ip,
    reversesId: entry.id,
    note,
  }
}

/** The daily points cap for the Shanghai day containing `at`, as the store applies it inside the write. */
export function dailyCapOn(at: Date, policy: Pick<Policy, 'dailyPointsCap'>): DailyCap {
  const day = shanghaiDay(at)
  return { from: day.start, to: day.end, cap: policy.dailyPointsCap }
}
