/**
 * Check-ins, ledger entries, counters and daily-cap records built directly in the shape the
 * CloudBase adapter leaves them once every write of an event and the timer's repair are done
 * (cloud/store/cloudbase: checkins.ts, credits.ts), for a city too large to write through the
 * adapter's round trips. Ids, period keys, sequence numbers, reversals and the daily cap come from
 * the adapter's and the domain's own exports; `checkShapes` (cloudbaseShapes.ts) holds the result
 * to what the adapter writes for the same events.
 */
import { capDailyPoints } from '../cloud/domain/checkIn'
import { reversalOf } from '../cloud/domain/credit'
import { periodKeys, shanghaiDay } from '../cloud/domain/time'
import type { DailyCap, NewCheckIn, NewCredit } from '../cloud/store/Store'
import { checkInRecord } from '../cloud/store/cloudbase/checkins'
import { COL, ids } from '../cloud/store/cloudbase/collections'
import { entryKey, ledgerRecord } from '../cloud/store/cloudbase/credits'
import { toLedger } from '../cloud/store/cloudbase/documents'
import type { Doc } from '../cloud/store/cloudbase/sdk'
import type { FakeDatabase } from '../test/helpers/cloudbaseFake'

export class DirectWriter {
  readonly checkIns: Doc[] = []
  readonly ledger: Doc[] = []
  private readonly days = new Map<string, Doc>()
  private readonly memberCounters = new Map<string, Doc>()
  private readonly unitCounters = new Map<string, Doc>()

  constructor(private readonly unitOf: (memberId: string) => string | null) {}

  /** A check-in and the credit it earns (recordCheckIn, then its pending credit settled). */
  checkIn(c: NewCheckIn, credit: NewCredit | null, cap: DailyCap | null): { record: Doc; entry: Doc | null } {
    const id = ids.checkIn(c.activityId, c.memberId)
    const record: Doc = { ...checkInRecord(c), _id: id }
    this.checkIns.push(record)
    return { record, entry: credit ? this.credit(ids.checkInCredit(id), c.activityId, c.memberId, credit, cap, null) : null }
  }

  /** The check-out of `record` (from `checkIn`) and its credit; no hours left waiting for approval. */
  checkOut(record: Doc, at: string, credit: NewCredit | null, cap: DailyCap | null): Doc | null {
    record.checkedOutAt = at
    return credit ? this.credit(ids.checkOutCredit(String(record._id)), String(record.activityId), String(record.memberId), credit, cap, null) : null
  }

  /** The reversing entry of `entry` (a ledger record from this writer). */
  reverse(entry: Doc, by: string, at: string, note: string, request: { device: string | null; ip: string | null }): Doc {
    const credit = reversalOf(toLedger(entry), by, at, note, request)
    return this.credit(ids.reversal(String(entry._id)), String(entry.activityId), String(entry.memberId), credit, null, entry)
  }

  private credit(ledgerId: string, activityId: string, memberId: string, c: NewCredit, cap: DailyCap | null, original: Doc | null): Doc {
    const points = this.decidePoints(ledgerId, memberId, c, cap)
    const effectiveAt = original ? String(original.createdAt) : c.createdAt
    const keys = periodKeys(new Date(effectiveAt))
    const record: Doc = { ...ledgerRecord(memberId, activityId, c, points, effectiveAt), _id: ledgerId }
    this.ledger.push(record)
    const unitId = this.unitOf(memberId)
    const delta = Number(record.delta)
    for (const period of Object.values(keys)) {
      this.bump(this.memberCounters, ids.memberCounter(memberId, period, c.kind), period, c.kind, points, c.hours, delta, 'memberId', memberId, effectiveAt)
      if (unitId) this.bump(this.unitCounters, ids.unitCounter(unitId, period, c.kind), period, c.kind, points, c.hours, delta, 'unitId', unitId, null)
    }
    return record
  }

  /** credits.ts `decidePoints`: the day's first credit creates the record, the rest `_.inc` it or, when the cap bites, rewrite it. */
  private decidePoints(ledgerId: string, memberId: string, c: NewCredit, cap: DailyCap | null): number {
    const dayStart = cap?.from ?? shanghaiDay(new Date(c.createdAt)).start
    const id = ids.dailyPoints(memberId, dayStart)
    const key = entryKey(ledgerId)
    const base = c.points
    const capped = cap !== null && base > 0
    const day = this.days.get(id)
    if (!day) {
      const first = capped && cap ? capDailyPoints(base, 0, cap.cap).points : base
      this.days.set(id, { memberId, dayStart, total: first, e: { [key]: first }, _id: id })
      return first
    }
    const entries = day.e as Record<string, number>
    if (key in entries) return entries[key]
    if (!capped || !cap || Number(day.total) <= cap.cap - base) {
      day.total = Number(day.total) + base
      entries[key] = base
      return base
    }
    const already = Object.values(entries).reduce((s, v) => s + v, 0)
    const points = capDailyPoints(base, already, cap.cap).points
    this.days.set(id, { memberId, dayStart, total: already + points, e: { ...entries, [key]: points }, _id: id })
    return points
  }

  /**
   * A counter moved by `_.inc` (and a member's `lastAt` by `_.max`), created by the first entry as
   * credits.ts creates it: `{ period, kind, points, hours, credits, memberId, lastAt }` or `{ …, unitId }`.
   */
  private bump(into: Map<string, Doc>, id: string, period: string, kind: string, points: number, hours: number, credits: number, owner: 'memberId' | 'unitId', ownerId: string, lastAt: string | null): void {
    const have = into.get(id)
    if (!have) {
      into.set(id, lastAt === null ? { period, kind, points, hours, credits, [owner]: ownerId, _id: id } : { period, kind, points, hours, credits, [owner]: ownerId, lastAt, _id: id })
      return
    }
    have.points = Number(have.points) + points
    have.hours = Number(have.hours) + hours
    have.credits = Number(have.credits) + credits
    if (lastAt !== null && (have.lastAt === null || have.lastAt === undefined || lastAt > String(have.lastAt))) have.lastAt = lastAt
  }

  /** How many records of each collection this writer holds. */
  counts(): Record<string, number> {
    return {
      [COL.checkIns]: this.checkIns.length,
      [COL.ledger]: this.ledger.length,
      [COL.dailyPoints]: this.days.size,
      [COL.memberCounters]: this.memberCounters.size,
      [COL.unitCounters]: this.unitCounters.size,
    }
  }

  /** Bulk-load everything into the fake (which keeps the objects: the writer is spent afterwards). */
  load(db: FakeDatabase): void {
    db.load(COL.checkIns, this.checkIns)
    db.load(COL.ledger, this.ledger)
    db.load(COL.dailyPoints, [...this.days.values()])
    db.load(COL.memberCounters, [...this.memberCounters.values()])
    db.load(COL.unitCounters, [...this.unitCounters.values()])
  }
}
