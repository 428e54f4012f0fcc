import type { DailyCap, NewCredit } from '../contract/model'
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
 * ever appended; a correction is a reversing entry the store writes itself.
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

/** The daily points cap for the Shanghai day containing `at`, as the store applies it inside the write. */
export function dailyCapOn(at: Date, policy: Pick<Policy, 'dailyPointsCap'>): DailyCap {
  const day = shanghaiDay(at)
  return { from: day.start, to: day.end, cap: policy.dailyPointsCap }
}
