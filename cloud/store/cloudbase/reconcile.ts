/**
 * Reconcile: finish what a crash left half written, then recompute every member and unit counter
 * from the ledger, repair the ones that differ and report each difference, `lastAt` (when a
 * member's score last moved) included. A reversal counts in its original's periods.
 *
 * A pass goes unit by unit (`step`): for the members of a few units at a time, one grouped
 * aggregation of their ledger (by member, month and kind, rolled up to quarters and years in code)
 * against their stored counters and their units' counters. A step reads a few thousand records
 * in a handful of round trips, so a timer invocation finishes within its timeout however large
 * the city, and the pass resumes from the unit it reached (the cursor). The last step recounts
 * sign-up seats.
 *
 * Counters are repaired by `set` to the recomputed value. A credit landing between the
 * recomputation and the repair of its member can be counted twice or not at all; the next pass
 * repairs that, and passes run at night when no one is checking in.
 */
import type { CounterDrift } from '../Store'
import type { Activities } from './activities'
import { chunk, type Db } from './access'
import type { CheckIns } from './checkins'
import { COL, ids } from './collections'
import { isDoc, num, str, strOrNull } from './documents'
import type { Reviews } from './reviews'
import type { Doc } from './sdk'

/** Pending work younger than this may still be in flight in another instance (default). */
const SETTLE_MS = 60_000
/** Units per step: about a thousand members on a city of 20,000 in 100 units. */
export const UNITS_PER_STEP = 5

interface Row {
  id: string
  period: string
  kind: string
  points: number
  hours: number
  credits: number
  lastAt?: string
}

const keyOf = (r: Pick<Row, 'id' | 'period' | 'kind'>) => `${r.id}|${r.period}|${r.kind}`

/** The quarter and year a Shanghai month (`YYYY-MM`) belongs to, as domain/time.periodKeys names them. */
const rollUp = (month: string) => [month, `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`, month.slice(0, 4)]

function add(into: Map<string, Row>, r: Row): void {
  const have = into.get(keyOf(r))
  if (!have) into.set(keyOf(r), { ...r })
  else {
    have.points += r.points
    have.hours += r.hours
    have.credits += r.credits
    if (r.lastAt && (!have.lastAt || r.lastAt > have.lastAt)) have.lastAt = r.lastAt
  }
}

const toRow = (d: Doc, idField: 'memberId' | 'unitId'): Row => ({
  id: str(d[idField]),
  period: str(d.period),
  kind: str(d.kind),
  points: num(d.points),
  hours: num(d.hours),
  credits: num(d.credits),
  lastAt: strOrNull(d.lastAt) ?? undefined,
})

export class Reconciler {
  constructor(
    private readonly db: Db,
    private readonly checkIns: CheckIns,
    private readonly reviews: Reviews,
    private readonly activities: Activities,
    private readonly settleMs = SETTLE_MS,
  ) {}

  /** Complete credits, claims and grants a crash left pending, filed longer ago than the settle time. */
  async repairPending(): Promise<number> {
    const cutoff = new Date(Date.now() - this.settleMs).toISOString()
    return (await this.reviews.repair(cutoff)) + (await this.checkIns.repair(cutoff))
  }

  /** A whole pass at once (tests, and a small city): pending work, then every step. */
  async run(): Promise<{ checked: number; drift: CounterDrift[] }> {
    await this.repairPending()
    let cursor: string | null = null
    let checked = 0
    const drift: CounterDrift[] = []
    do {
      const step = await this.step(cursor)
      checked += step.checked
      drift.push(...step.drift)
      cursor = step.cursor
    } while (cursor !== null)
    return { checked, drift }
  }

  /** The units after `cursor` (null: from the first), a few of them; the next cursor, null at the end. */
  async step(cursor: string | null): Promise<{ cursor: string | null; checked: number; drift: CounterDrift[] }> {
    const units = (await this.db.all(COL.units, cursor === null ? null : { _id: this.db._.gt(cursor) }, [], UNITS_PER_STEP + 1)).map((u) => str(u._id))
    const these = units.slice(0, UNITS_PER_STEP)
    const last = units.length <= UNITS_PER_STEP
    const result = these.length ? await this.reconcileUnits(these) : { checked: 0, drift: [] }
    if (last) await this.activities.recountSeats()
    return { cursor: last ? null : these[these.length - 1], ...result }
  }

  private async reconcileUnits(unitIds: string[]): Promise<{ checked: number; drift: CounterDrift[] }> {
    const _ = this.db._
    const members = await this.db.all(COL.members, { unitId: _.in(unitIds) })
    const unitOf = new Map(members.map((m) => [str(m._id), str(m.unitId)]))
    const memberIds = [...unitOf.keys()]
    const [expected, storedMembers, storedUnits] = await Promise.all([
      this.recompute(memberIds, unitOf, unitIds),
      this.db.allIn(COL.memberCounters, 'memberId', memberIds),
      this.db.all(COL.unitCounters, { unitId: _.in(unitIds) }),
    ])
    const drift = [
      ...(await this.repair('member', expected.members, storedMembers, COL.memberCounters, 'memberId')),
      ...(await this.repair('unit', expected.units, storedUnits, COL.unitCounters, 'unitId')),
    ]
    return { checked: expected.members.size + expected.units.size, drift }
  }

  /** These members' counters and their units', from one grouped aggregation per hundred members. */
  private async recompute(memberIds: string[], unitOf: Map<string, string>, unitIds: string[]): Promise<{ members: Map<string, Row>; units: Map<string, Row> }> {
    const $ = this.db._.aggregate
    const parts = await Promise.all(
      chunk(memberIds).map((part) =>
        this.db.aggregateAll(COL.ledger, (a) =>
          a
            .match({ memberId: this.db._.in(part) })
            .group({ _id: { m: '$memberId', p: '$month', k: '$kind' }, points: $.sum('$points'), hours: $.sum('$hours'), credits: $.sum('$delta'), lastAt: $.max('$effectiveAt') })
            .sort({ '_id.m': 1, '_id.p': 1, '_id.k': 1 }),
        ),
      ),
    )
    const members = new Map<string, Row>()
    const units = new Map<string, Row>()
    for (const r of parts.flat()) {
      const key = isDoc(r._id) ? r._id : {}
      const memberId = str(key.m)
      const unitId = unitOf.get(memberId)
      if (unitId === undefined || !unitIds.includes(unitId)) continue
      for (const period of rollUp(str(key.p))) {
        const values = { period, kind: str(key.k), points: num(r.points), hours: num(r.hours), credits: num(r.credits) }
        add(members, { ...values, id: memberId, lastAt: str(r.lastAt) })
        add(units, { ...values, id: unitId })
      }
    }
    return { members, units }
  }

  private async repair(
    scope: 'member' | 'unit',
    expected: Map<string, Row>,
    storedDocs: Doc[],
    name: typeof COL.memberCounters | typeof COL.unitCounters,
    idField: 'memberId' | 'unitId',
  ): Promise<CounterDrift[]> {
    const stored = new Map<string, Row>()
    for (const d of storedDocs) {
      const r = toRow(d, idField)
      stored.set(keyOf(r), r)
    }
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-6
    const counterId = (r: Row) => (scope === 'member' ? ids.memberCounter(r.id, r.period, r.kind) : ids.unitCounter(r.id, r.period, r.kind))
    const drift: CounterDrift[] = []
    const writes: (() => Promise<unknown>)[] = []
    for (const e of expected.values()) {
      const s = stored.get(keyOf(e))
      stored.delete(keyOf(e))
      const base = { scope, id: e.id, period: e.period, kind: e.kind }
      const found: CounterDrift[] = s
        ? (['points', 'hours', 'credits'] as const).filter((f) => !near(s[f], e[f])).map((f) => ({ ...base, field: f, was: s[f], now: e[f] }))
        : [{ ...base, field: 'missing', was: 0, now: e.points }]
      // When a score last moved breaks leaderboard ties, so it is checked too (as SQLite does).
      if (s && scope === 'member' && (s.lastAt ?? null) !== (e.lastAt ?? null))
        found.push({ ...base, field: 'lastAt', was: Date.parse(s.lastAt ?? '') || 0, now: Date.parse(e.lastAt ?? '') || 0 })
      if (found.length === 0) continue
      drift.push(...found)
      const record = { [idField]: e.id, period: e.period, kind: e.kind, points: e.points, hours: e.hours, credits: e.credits, ...(scope === 'member' ? { lastAt: e.lastAt ?? null } : {}) }
      writes.push(() => this.db.coll(name).doc(counterId(e)).set({ data: record }))
    }
    // A stored counter the ledger does not explain; all-zero ones (a credit and its reversal) are harmless.
    for (const s of stored.values()) {
      if (near(s.points, 0) && near(s.hours, 0) && near(s.credits, 0)) continue
      drift.push({ scope, id: s.id, period: s.period, kind: s.kind, field: 'extra', was: s.points, now: 0 })
      writes.push(() => this.db.coll(name).doc(counterId(s)).remove())
    }
    for (const part of chunk(writes, 20)) await Promise.all(part.map((w) => w()))
    return drift
  }
}
