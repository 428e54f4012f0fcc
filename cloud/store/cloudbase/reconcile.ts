/**
 * Reconcile: finish what a crash left half written, then recompute every member and unit counter
 * from the ledger (one aggregation, grouped by member, month and kind, rolled up to quarters and
 * years in code; a reversal counts in its original's periods), repair the ones that differ and
 * report each difference, `lastAt` (when a member's score last moved) included.
 *
 * Counters are repaired by `set` to the recomputed value. A credit landing between the
 * recomputation and the repair can be counted twice or not at all; the next run repairs that, and
 * the timer runs at night when no one is checking in.
 */
import type { CounterDrift } from '../Store'
import type { Activities } from './activities'
import type { Db } from './access'
import type { CheckIns } from './checkins'
import { COL, ids } from './collections'
import { isDoc, num, str, strOrNull } from './documents'
import type { Reviews } from './reviews'

/** Pending work younger than this may still be in flight in another instance (default). */
const SETTLE_MS = 60_000

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

export class Reconciler {
  constructor(
    private readonly db: Db,
    private readonly checkIns: CheckIns,
    private readonly reviews: Reviews,
    private readonly activities: Activities,
    private readonly settleMs = SETTLE_MS,
  ) {}

  async run(): Promise<{ checked: number; drift: CounterDrift[] }> {
    const cutoff = new Date(Date.now() - this.settleMs).toISOString()
    await this.reviews.repair(cutoff)
    await this.checkIns.repair(cutoff)
    const { members, units } = await this.recompute()
    const drift = [
      ...(await this.repair('member', members, COL.memberCounters, 'memberId')),
      ...(await this.repair('unit', units, COL.unitCounters, 'unitId')),
    ]
    await this.activities.recountSeats()
    return { checked: members.size + units.size, drift }
  }

  private async recompute(): Promise<{ members: Map<string, Row>; units: Map<string, Row> }> {
    const $ = this.db._.aggregate
    const months = await this.db.aggregateAll(COL.ledger, (a) =>
      a
        .group({ _id: { m: '$memberId', p: '$month', k: '$kind' }, points: $.sum('$points'), hours: $.sum('$hours'), credits: $.sum('$delta'), lastAt: $.max('$effectiveAt') })
        .sort({ '_id.m': 1, '_id.p': 1, '_id.k': 1 }),
    )
    const unitOf = new Map((await this.db.all(COL.members, null)).map((m) => [str(m._id), str(m.unitId)]))
    const members = new Map<string, Row>()
    const units = new Map<string, Row>()
    for (const r of months) {
      const key = isDoc(r._id) ? r._id : {}
      const memberId = str(key.m)
      const unitId = unitOf.get(memberId)
      // As SQLite's join: credits of a member no longer on file count nowhere.
      if (unitId === undefined) continue
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
    name: typeof COL.memberCounters | typeof COL.unitCounters,
    idField: 'memberId' | 'unitId',
  ): Promise<CounterDrift[]> {
    const stored = new Map<string, Row>()
    for (const d of await this.db.all(name, null)) {
      const r: Row = { id: str(d[idField]), period: str(d.period), kind: str(d.kind), points: num(d.points), hours: num(d.hours), credits: num(d.credits), lastAt: strOrNull(d.lastAt) ?? undefined }
      stored.set(keyOf(r), r)
    }
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-6
    const counterId = (r: Row) => (scope === 'member' ? ids.memberCounter(r.id, r.period, r.kind) : ids.unitCounter(r.id, r.period, r.kind))
    const drift: CounterDrift[] = []
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
      await this.db.coll(name).doc(counterId(e)).set({ data: record })
    }
    // A stored counter the ledger does not explain; all-zero ones (a credit and its reversal) are harmless.
    for (const s of stored.values()) {
      if (near(s.points, 0) && near(s.hours, 0) && near(s.credits, 0)) continue
      drift.push({ scope, id: s.id, period: s.period, kind: s.kind, field: 'extra', was: s.points, now: 0 })
      await this.db.coll(name).doc(counterId(s)).remove()
    }
    return drift
  }
}
