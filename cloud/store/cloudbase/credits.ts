/**
 * The ledger and what hangs off it: the daily points cap, counters, reversals.
 *
 * CloudBase has no multi-record atomic write here (one record per transaction), so a credit is
 * written in an order where every crash leaves something repairable:
 *  1. the event that earns it (check-in, check-out, approval) is stored first with the credit
 *     it owes embedded as `pending…` (an outbox), and the ledger entry's `_id` is derived from
 *     that event, so the credit can be written at most once however often it is retried;
 *  2. the daily cap on `daily_points/{member}:{day}` decides the points and records them under
 *     the entry id (a retry reuses the same decision; a check-in decides it alongside step 1, as
 *     the decision is keyed by the entry id the event will have);
 *  3. the ledger entry is added (`add` with that `_id`: a duplicate means it is already there);
 *  4. the six counters (member and unit × month, quarter, year) move by `_.inc` (a reversal
 *     counts in the periods of the entry it reverses: `effectiveAt` on the entry), and, alongside,
 *  5. the event's `pending…` field is removed.
 * A crash after 1 or 2 leaves a `pending…` field that `reconcile` completes; after 3, counters that
 * `reconcile` recomputes from the ledger. Credits with no event (an organizer's confirmation)
 * skip step 1: a crash after 2 leaves a day's cap entry with no ledger entry, which only lowers
 * that member's room for points on that one day. Each step is one request where the rules allow
 * (see `decidePoints`), so a first scan waits on few round trips.
 */
import type { LedgerEntry } from '../../contract/model'
import { capDailyPoints } from '../../domain/checkIn'
import { reversalOf } from '../../domain/credit'
import { periodKeys, shanghaiDay } from '../../domain/time'
import { StoreError } from '../errors'
import type { DailyCap, NewCredit } from '../Store'
import { type Db, nextSeq } from './access'
import { COL, ids } from './collections'
import { docs, isDoc, num, str, toLedger } from './documents'
import type { Doc } from './sdk'

/** A credit owed by an event, stored on the event's record until it is in the ledger. */
export interface PendingCredit {
  ledgerId: string
  activityId: string
  memberId: string
  credit: NewCredit
  cap: DailyCap | null
  /** Wall-clock time it was filed; reconcile completes those older than a minute. */
  since: string
}

export function pendingDoc(p: PendingCredit): Doc {
  const c = p.credit
  return {
    ledgerId: p.ledgerId,
    activityId: p.activityId,
    memberId: p.memberId,
    since: p.since,
    cap: p.cap ? { from: p.cap.from, to: p.cap.to, cap: p.cap.cap } : null,
    credit: { kind: c.kind, points: c.points, hours: c.hours, method: c.method, approvedBy: c.approvedBy, createdAt: c.createdAt, device: c.device, ip: c.ip, reversesId: c.reversesId, note: c.note ?? null },
  }
}

export function toPending(v: unknown): PendingCredit | null {
  if (!isDoc(v) || !isDoc(v.credit)) return null
  const c = toLedger({ ...v.credit, _id: '', activityId: '', memberId: '' })
  const cap = isDoc(v.cap) ? { from: str(v.cap.from), to: str(v.cap.to), cap: num(v.cap.cap) } : null
  const { id: _i, activityId: _a, memberId: _m, ...credit } = c
  return { ledgerId: str(v.ledgerId), activityId: str(v.activityId), memberId: str(v.memberId), since: str(v.since), cap, credit }
}

/** Options of `Credits.apply`, for callers that know more than the entry (the check-in path). */
export interface ApplyOptions {
  /** The event was created by this very call, so no entry for it can exist yet: none is looked for. */
  fresh?: boolean
  /** The points the daily cap already granted this entry (`decidePoints`, run alongside the event's write). */
  points?: number
  /** Work to run once the entry is in, alongside the counters (clearing the event's pending field). */
  alongside?: () => Promise<unknown>
}

/** A day record's key for an entry: a field name, so no dots (CloudBase reads them as paths). */
export const entryKey = (ledgerId: string) => ledgerId.replace(/[.$]/g, '_')

/**
 * A ledger entry's record: the credit as the daily cap left its points, with the periods it counts
 * in (those of `effectiveAt`: a reversal's are its original's) and its place in insertion order.
 */
export function ledgerRecord(memberId: string, activityId: string, c: NewCredit, points: number, effectiveAt: string): Doc {
  const keys = periodKeys(new Date(effectiveAt))
  return {
    memberId,
    activityId,
    kind: c.kind,
    points,
    hours: c.hours,
    method: c.method,
    approvedBy: c.approvedBy,
    createdAt: c.createdAt,
    device: c.device,
    ip: c.ip,
    reversesId: c.reversesId,
    note: c.note ?? null,
    seq: nextSeq(),
    effectiveAt,
    delta: c.reversesId ? -1 : 1,
    month: keys.month,
    quarter: keys.quarter,
    year: keys.year,
  }
}

/** Totals a counter adds up, for one period and kind. */
export interface CounterTotals {
  period: string
  kind: string
  points: number
  hours: number
  credits: number
}

/** Add to a counter by `_.inc` (no read, no race), creating it as `initial` when there is none yet. */
async function bump(db: Db, name: typeof COL.memberCounters | typeof COL.unitCounters, id: string, initial: Doc): Promise<void> {
  const _ = db._
  const change: Doc = { points: _.inc(num(initial.points)), hours: _.inc(num(initial.hours)), credits: _.inc(num(initial.credits)) }
  if (initial.lastAt) change.lastAt = _.max(initial.lastAt)
  for (let attempt = 0; attempt < 3; attempt++) {
    const { stats } = await db.coll(name).doc(id).update({ data: change })
    if (stats.updated) return
    // No counter yet (or, never here, an update that changed nothing): create it.
    if (await db.addOnce(name, id, initial)) return
  }
  throw new Error(`counter ${name}/${id} could not be bumped`)
}

/** Add `by` (negative to take away) to a unit's counter of its period and kind. */
export const bumpUnitCounter = (db: Db, unitId: string, by: CounterTotals): Promise<void> =>
  bump(db, COL.unitCounters, ids.unitCounter(unitId, by.period, by.kind), { period: by.period, kind: by.kind, points: by.points, hours: by.hours, credits: by.credits, unitId })

export class Credits {
  constructor(
    private readonly db: Db,
    /** The member's unit, for the unit counters (org.ts remembers it from the caller's lookup). */
    private readonly unitOf: (memberId: string) => Promise<string | null>,
  ) {}

  /**
   * Write a credit once: returns the entry, and whether this call wrote it (false when an entry
   * with this id was there already, e.g. written by an earlier attempt or by reconcile).
   */
  async apply(p: Omit<PendingCredit, 'since'>, opts: ApplyOptions = {}): Promise<{ entry: LedgerEntry; inserted: boolean }> {
    if (!opts.fresh) {
      const existing = await this.db.read(COL.ledger, p.ledgerId)
      if (existing) {
        await opts.alongside?.()
        return { entry: toLedger(existing), inserted: false }
      }
    }
    const c = p.credit
    // A reversal counts in the periods of the entry it reverses, so a correction lands where the error was.
    const [points, original] = await Promise.all([opts.points ?? this.decidePoints(p), c.reversesId ? this.db.read(COL.ledger, c.reversesId) : null])
    const effectiveAt = original ? str(original.createdAt) : c.createdAt
    const record = ledgerRecord(p.memberId, p.activityId, c, points, effectiveAt)
    const entry = toLedger({ ...record, _id: p.ledgerId })
    // A fresh entry cannot be there yet, so its counters move in the same round trip as its insert
    // (and move back in the rare case it was: a repair that ran meanwhile). Reconcile recounts
    // counters from the ledger, so a crash between the two is repaired there.
    const bumped = opts.fresh ? this.bumpCounters(entry, effectiveAt, 1) : null
    const inserted = await this.db.addOnce(COL.ledger, p.ledgerId, record).catch(async (e: unknown) => {
      await bumped?.catch(() => undefined)
      throw e
    })
    if (!inserted) {
      const [now] = await Promise.all([this.db.read(COL.ledger, p.ledgerId), opts.alongside?.(), bumped?.then(() => this.bumpCounters(entry, effectiveAt, -1))])
      return { entry: toLedger(now ?? { ...record, _id: p.ledgerId }), inserted: false }
    }
    // Once the entry is in, the event's pending credit can go, whether or not its counters have moved yet.
    await Promise.all([bumped ?? this.bumpCounters(entry, effectiveAt, 1), opts.alongside?.()])
    return { entry, inserted: true }
  }

  /** A credit with no event behind it (hours an organizer confirmed, a reversal). */
  async append(activityId: string, memberId: string, credit: NewCredit, cap: DailyCap | null, ledgerId: string): Promise<{ entry: LedgerEntry; inserted: boolean }> {
    return this.apply({ ledgerId, activityId, memberId, credit, cap })
  }

  /** The reversing entry of a credit; its id is derived from the original, so there is only one. */
  async reverse(entry: LedgerEntry, by: string, at: string, note: string, request: { device: string | null; ip: string | null }): Promise<LedgerEntry> {
    const credit = reversalOf(entry, by, at, note, request)
    const { entry: reversal, inserted } = await this.append(entry.activityId, entry.memberId, credit, null, ids.reversal(entry.id))
    if (!inserted) throw new StoreError('alreadyReversed')
    return reversal
  }

  /**
   * The points an entry gets under the daily cap, decided once on the member's record for the day
   * (`total` and, per entry id, its points; a retry reuses the decision). Every credit is entered
   * there (capped or not, reversals too), as SQLite sums the ledger for the day. Usually one
   * request: the day's first credit creates the record; a later one that fits is one conditional
   * `_.inc` (the condition and the change are applied together, so two credits cannot both fit
   * into the last room). Only a credit that fits partly, a repeated decision, or a record written
   * in the older shape (an `entries` list) goes through a transaction.
   */
  async decidePoints(p: Omit<PendingCredit, 'since'>): Promise<number> {
    const dayStart = p.cap?.from ?? shanghaiDay(new Date(p.credit.createdAt)).start
    const id = ids.dailyPoints(p.memberId, dayStart)
    const key = entryKey(p.ledgerId)
    const base = p.credit.points
    const capped = p.cap !== null && base > 0
    const first = capped && p.cap ? capDailyPoints(base, 0, p.cap.cap).points : base
    if (await this.db.addOnce(COL.dailyPoints, id, { memberId: p.memberId, dayStart, total: first, e: { [key]: first } })) return first
    const _ = this.db._
    const fits: Doc = { _id: id, e: { [key]: _.exists(false) }, ...(capped && p.cap ? { total: _.lte(p.cap.cap - base) } : {}) }
    const { stats } = await this.db.coll(COL.dailyPoints).where(fits).update({ data: { total: _.inc(base), e: { [key]: base } } })
    if (stats.updated) return base
    return this.db.transact(async (t) => {
      const day = await this.db.txRead(t, COL.dailyPoints, id)
      const entries: Record<string, number> = {}
      for (const e of docs(day?.entries)) entries[entryKey(str(e.id))] = num(e.points)
      if (isDoc(day?.e)) for (const [k, v] of Object.entries(day.e)) entries[k] = num(v)
      if (key in entries) return entries[key]
      const already = Object.values(entries).reduce((s, v) => s + v, 0)
      const points = capped && p.cap ? capDailyPoints(base, already, p.cap.cap).points : base
      entries[key] = points
      await t.collection(COL.dailyPoints).doc(id).set({ data: { memberId: p.memberId, dayStart, total: already + points, e: entries } })
      return points
    })
  }

  /**
   * Member and unit counters for month, quarter and year, moved by `_.inc` (no read, no race);
   * `sign` -1 takes an entry back out (its `lastAt` stays: reconcile recomputes it).
   */
  private async bumpCounters(e: LedgerEntry, effectiveAt: string, sign: 1 | -1): Promise<void> {
    const unitId = await this.unitOf(e.memberId)
    const delta = (e.reversesId ? -1 : 1) * sign
    const jobs: Promise<void>[] = []
    for (const period of Object.values(periodKeys(new Date(effectiveAt)))) {
      const base = { period, kind: e.kind, points: e.points * sign, hours: e.hours * sign, credits: delta }
      jobs.push(bump(this.db, COL.memberCounters, ids.memberCounter(e.memberId, period, e.kind), { ...base, memberId: e.memberId, ...(sign > 0 ? { lastAt: effectiveAt } : {}) }))
      if (unitId) jobs.push(bumpUnitCounter(this.db, unitId, base))
    }
    await Promise.all(jobs)
  }

  async pointsBetween(memberId: string, fromIso: string, toIso: string): Promise<number> {
    const $ = this.db._.aggregate
    const { list } = await this.db
      .coll(COL.ledger)
      .aggregate()
      .match({ memberId, createdAt: this.db._.gte(fromIso).and(this.db._.lt(toIso)) })
      .group({ _id: null, points: $.sum('$points') })
      .limit(1)
      .end()
    return num(list[0]?.points)
  }

  /** Entries of one member and activity, in the order they were written. */
  async of(activityId: string, memberId: string): Promise<LedgerEntry[]> {
    return (await this.db.all(COL.ledger, { activityId, memberId }, [['seq', 'asc']])).map(toLedger)
  }
}
