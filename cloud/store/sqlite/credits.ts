/**
 * The ledger: append-only entries (triggers refuse UPDATE and DELETE), each moving the member and
 * unit counters of its month, quarter and year in the same transaction, under the daily points cap.
 * `appendSync` is the one way in; check-ins, check-outs and reviews call it inside their own
 * transactions.
 */
import type Database from 'better-sqlite3'
import type { LedgerEntry } from '../../contract/model'
import { capDailyPoints } from '../../domain/checkIn'
import { reversalOf } from '../../domain/credit'
import { periodKeys } from '../../domain/time'
import { StoreError } from '../errors'
import { newSeqId } from '../ids'
import type { DailyCap, NewCredit } from '../Store'
import { ConnPart } from './part'
import { type Row, str, toLedger } from './rows'

export class Credits extends ConnPart {
  private insertLedgerStmt?: Database.Statement
  private bumpCounterStmt?: Database.Statement
  private bumpUnitCounterStmt?: Database.Statement

  /** Reduce a credit's points to what the daily cap leaves; read inside the caller's transaction. */
  capped(memberId: string, credit: NewCredit, dailyCap?: DailyCap): NewCredit {
    if (!dailyCap || credit.points <= 0) return credit
    const already = this.pointsBetween(memberId, dailyCap.from, dailyCap.to)
    return { ...credit, points: capDailyPoints(credit.points, already, dailyCap.cap).points }
  }

  /** Append an entry and move its counters; the caller holds the transaction. */
  appendSync(activityId: string, memberId: string, credit: NewCredit): LedgerEntry {
    this.insertLedgerStmt ??= this.sql(
      `INSERT INTO ledger (id, member_id, activity_id, kind, points, hours, method, approved_by, created_at, device, ip, reverses_id, note)
       VALUES (@id, @memberId, @activityId, @kind, @points, @hours, @method, @approvedBy, @createdAt, @device, @ip, @reversesId, @note)`,
    )
    this.bumpCounterStmt ??= this.sql(
      `INSERT INTO member_counters (member_id, period, kind, points, hours, credits, last_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(member_id, period, kind) DO UPDATE SET points = points + excluded.points,
         hours = hours + excluded.hours, credits = credits + excluded.credits,
         last_at = max(ifnull(last_at, ''), excluded.last_at)`,
    )
    this.bumpUnitCounterStmt ??= this.sql(
      `INSERT INTO unit_counters (unit_id, period, kind, points, hours, credits)
       SELECT unit_id, ?, ?, ?, ?, ? FROM members WHERE id = ?
       ON CONFLICT(unit_id, period, kind) DO UPDATE SET points = points + excluded.points,
         hours = hours + excluded.hours, credits = credits + excluded.credits`,
    )
    const entry: LedgerEntry = { ...credit, note: credit.note ?? null, id: newSeqId(), memberId, activityId }
    this.insertLedgerStmt.run(entry)
    // Counters move in the same transaction as the credit, so reads never scan the ledger.
    const delta = credit.reversesId ? -1 : 1
    // A reversal lands in the periods of the entry it reverses (see sqlText EFFECTIVE_AT).
    const original = credit.reversesId
      ? (this.sql('SELECT created_at FROM ledger WHERE id = ?').get(credit.reversesId) as Row | undefined)
      : undefined
    const effectiveAt = original ? str(original.created_at) : credit.createdAt
    for (const period of Object.values(periodKeys(new Date(effectiveAt)))) {
      this.bumpCounterStmt.run(memberId, period, credit.kind, credit.points, credit.hours, delta, effectiveAt)
      this.bumpUnitCounterStmt.run(period, credit.kind, credit.points, credit.hours, delta, memberId)
    }
    return entry
  }

  async appendCredit(activityId: string, memberId: string, credit: NewCredit, dailyCap?: DailyCap) {
    return this.write(() => this.appendSync(activityId, memberId, this.capped(memberId, credit, dailyCap)))
  }

  async reverseCredit(entry: LedgerEntry, by: string, at: string, note: string, request: { device: string | null; ip: string | null }) {
    try {
      return await this.appendCredit(entry.activityId, entry.memberId, reversalOf(entry, by, at, note, request))
    } catch (e) {
      // Match the SQLite code, not the class: the native module's error class may come from another realm.
      if ((e as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new StoreError('alreadyReversed')
      throw e
    }
  }

  async creditsOf(activityId: string, memberId: string) {
    const rows = this.sql('SELECT * FROM ledger WHERE activity_id = ? AND member_id = ? ORDER BY seq')
      .all(activityId, memberId) as Row[]
    return rows.map((r) => toLedger(r))
  }

  async getLedgerEntry(id: string) {
    const r = this.sql('SELECT * FROM ledger WHERE id = ?').get(id) as Row | undefined
    return r ? toLedger(r) : null
  }

  private pointsBetween(memberId: string, fromIso: string, toIso: string): number {
    const r = this.sql('SELECT COALESCE(SUM(points), 0) AS p FROM ledger WHERE member_id = ? AND created_at >= ? AND created_at < ?')
      .get(memberId, fromIso, toIso) as Row
    return Number(r.p)
  }

  async pointsCreditedBetween(memberId: string, fromIso: string, toIso: string) {
    return this.pointsBetween(memberId, fromIso, toIso)
  }

  async volunteerHoursBetween(memberId: string, fromIso: string, toIso: string) {
    // A day's hours are those of services checked into that day, whenever they were credited.
    const sum = (table: 'ledger' | 'hour_claims', extra: string) =>
      Number(
        (
          this.sql(
              `SELECT COALESCE(SUM(x.hours), 0) AS h FROM ${table} x
               JOIN check_ins c ON c.activity_id = x.activity_id AND c.member_id = x.member_id
               WHERE x.member_id = ? AND c.checked_in_at >= ? AND c.checked_in_at < ? ${extra}`,
            )
            .get(memberId, fromIso, toIso) as Row
        ).h,
      )
    return { effective: sum('ledger', ''), pending: sum('hour_claims', "AND x.status = 'pending'") }
  }
}
