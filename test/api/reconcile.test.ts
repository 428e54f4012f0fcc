/**
 * Counters (member_counters, unit_counters) are bumped on every credit in the same
 * transaction, and `aggregate.reconcile` recomputes them from the ledger, repairs and reports drift.
 *
 * 1. Property: whatever sequence of check-ins, check-outs, make-ups (asked and reviewed, or added by
 *    the organizer), hour confirmations and reviews, and reversals happens on a fresh tiny city
 *    with a moving clock (starting just before a Shanghai month, quarter or year boundary), the
 *    counters equal the ledger exactly: `reconcileCounters()` finds no drift, and an independent
 *    recomputation here (periodKeys of each entry's time) gives the very same rows.
 * 2. Repair: counters corrupted in SQL (changed, deleted, invented) are each reported and repaired
 *    by `aggregate.reconcile` (a city admin over HTTP, or the timer's exported `reconcile(ctx)`);
 *    a second run finds nothing.
 */
import fc from 'fast-check'
import { reconcile } from '../../cloud/functions/aggregate'
import { periodKeys } from '../../cloud/domain/time'
import type { Ctx } from '../../cloud/runtime/context'
import type { OrgBatch } from '../../cloud/store/Store'
import { between, errorOf, expectOk, MIN, person, shanghai, world, type ActivityFields, type Call, type World } from '../helpers/api'
import { fuzzSeed } from '../helpers/fuzz'
import { startTestServer, type TestServer } from '../helpers/testServer'

const ORG: OrgBatch = {
  units: [
    { id: 'uA', name: '甲局' },
    { id: 'uB', name: '乙局' },
  ],
  branches: [],
  partyGroups: [],
  youthGroups: [{ id: 'g1', name: '甲乙联合青年理论学习小组', unitIds: ['uA', 'uB'] }],
  members: [
    person('boss', '蒋书记', 'uA', null, '1970-01-01', [{ role: 'cityAdmin' }]),
    person('m1', '赵一', 'uA', 'g1', '1995-03-01'),
    person('m2', '钱二', 'uA', null, '1990-06-01'),
    person('m3', '孙三', 'uB', 'g1', '1998-07-07'),
    person('m4', '李四', 'uB', null, '1985-05-05'),
  ],
}
const MEMBERS = ['m1', 'm2', 'm3', 'm4']
const AUDIENCES: ActivityFields['audience'][] = [{ type: 'units', unitIds: ['uA', 'uB'] }, { type: 'groups', groupIds: ['g1'] }, { type: 'all' }]
const KINDS = ['study', 'lecture', 'volunteer'] as const

type Counter = { id: string; period: string; kind: string; points: number; hours: number; credits: number; last_at?: string | null }

/**
 * The counters as they must be, computed here from the ledger: every entry counts for the month,
 * quarter and year (Shanghai) of its own time, +1 credit (a reversal −1), and the member's unit.
 */
function countersFromLedger(db: TestServer['store']['db']): { member: Counter[]; unit: Counter[] } {
  const rows = db
    // A reversal counts in the periods of the entry it reverses (corrections land where the error was).
    .prepare(
      `SELECT l.member_id, m.unit_id, l.kind, l.points, l.hours, COALESCE(o.created_at, l.created_at) AS created_at, l.reverses_id
       FROM ledger l JOIN members m ON m.id = l.member_id LEFT JOIN ledger o ON o.id = l.reverses_id ORDER BY l.seq`,
    )
    .all() as { member_id: string; unit_id: string; kind: string; points: number; hours: number; created_at: string; reverses_id: string | null }[]
  const member = new Map<string, Counter>()
  const unit = new Map<string, Counter>()
  const bump = (map: Map<string, Counter>, id: string, period: string, r: (typeof rows)[number], withLast: boolean) => {
    const key = `${id}|${period}|${r.kind}`
    const c = map.get(key) ?? { id, period, kind: r.kind, points: 0, hours: 0, credits: 0, ...(withLast ? { last_at: null } : {}) }
    c.points += r.points
    c.hours += r.hours
    c.credits += r.reverses_id ? -1 : 1
    if (withLast && (c.last_at ?? '') < r.created_at) c.last_at = r.created_at
    map.set(key, c)
  }
  for (const r of rows)
    for (const period of Object.values(periodKeys(new Date(r.created_at)))) {
      bump(member, r.member_id, period, r, true)
      bump(unit, r.unit_id, period, r, false)
    }
  const sorted = (m: Map<string, Counter>) => [...m.values()].sort((a, b) => `${a.id}|${a.period}|${a.kind}`.localeCompare(`${b.id}|${b.period}|${b.kind}`))
  return { member: sorted(member), unit: sorted(unit) }
}

function storedCounters(db: TestServer['store']['db']): { member: Counter[]; unit: Counter[] } {
  const member = db.prepare('SELECT member_id AS id, period, kind, points, hours, credits, last_at FROM member_counters ORDER BY member_id, period, kind').all() as Counter[]
  const unit = db.prepare('SELECT unit_id AS id, period, kind, points, hours, credits FROM unit_counters ORDER BY unit_id, period, kind').all() as Counter[]
  const sorted = (list: Counter[]) => [...list].sort((a, b) => `${a.id}|${a.period}|${a.kind}`.localeCompare(`${b.id}|${b.period}|${b.kind}`))
  return { member: sorted(member), unit: sorted(unit) }
}

// ---- the operations ----

type Op =
  | { t: 'wait'; min: number }
  | { t: 'activity'; kind: (typeof KINDS)[number]; aud: number; startIn: number; len: number }
  | { t: 'checkIn'; a: number; m: number }
  | { t: 'checkOut'; a: number; m: number }
  | { t: 'request'; a: number; m: number; review: boolean | null }
  | { t: 'review'; k: number; approve: boolean }
  | { t: 'addMakeup'; a: number; m: number }
  | { t: 'confirmHours'; a: number; halves: number }
  | { t: 'reviewHours'; k: number; approve: boolean }
  | { t: 'reverse'; k: number }
  /** A whole day of volunteer work (10 h): 8 h count at once, 2 h wait for the organizer. */
  | { t: 'longService'; m: number }

const nat = fc.nat({ max: 50 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('wait' as const), min: fc.integer({ min: 1, max: 45 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('wait' as const), min: fc.integer({ min: 120, max: 3 * 24 * 60 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('activity' as const), kind: fc.constantFrom(...KINDS), aud: fc.nat({ max: 2 }), startIn: fc.integer({ min: 0, max: 40 }), len: fc.integer({ min: 30, max: 600 }) }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('checkIn' as const), a: nat, m: nat }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('checkOut' as const), a: nat, m: nat }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('request' as const), a: nat, m: nat, review: fc.option(fc.boolean()) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('review' as const), k: nat, approve: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('addMakeup' as const), a: nat, m: nat }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('confirmHours' as const), a: nat, halves: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('reviewHours' as const), k: nat, approve: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('reverse' as const), k: nat }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('longService' as const), m: nat }) },
)

/** Just before a Shanghai month, quarter and year boundary, so credits and their reversals straddle periods. */
const STARTS = ['2026-01-31 21:30', '2026-03-31 20:00', '2026-06-30 22:00', '2026-12-31 21:00', '2026-02-28 23:00'].map(shanghai)

/** Successful operations of each kind over all runs: the generator must really exercise every path. */
const succeeded: Record<string, number> = {}
const attempted: Record<string, number> = {}

async function runOps(srv: TestServer, w: World, ops: Op[]) {
  const acts: { id: string; kind: string }[] = []
  const pick = <T>(list: T[], k: number): T | undefined => (list.length ? list[k % list.length] : undefined)
  /** Check-ins mostly concern what is on now: one of the three newest activities. */
  const recent = <T>(list: T[], k: number): T => list[list.length - 1 - (k % Math.min(3, list.length))]
  const ids = (sql: string): string[] => (srv.store.db.prepare(sql).all() as { id: string }[]).map((r) => r.id)

  const newActivity = async (kind: (typeof KINDS)[number], aud: number, startIn: number, len: number) => {
    const start = srv.clock.now().getTime() + startIn * MIN
    const id = await w.create('boss', {
      kind,
      title: `随机活动${acts.length + 1}`,
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + len * MIN).toISOString(),
      audience: AUDIENCES[aud],
    })
    acts.push({ id, kind })
  }
  // Something to check into from the first operation on.
  await newActivity('study', 1, 10, 90)
  await newActivity('volunteer', 0, 5, 240)

  for (const op of ops) {
    let res: Call | null = null
    const a = 'a' in op ? (op.t === 'checkIn' ? recent(acts, op.a) : pick(acts, op.a)) : undefined
    const m = 'm' in op ? MEMBERS[op.m % MEMBERS.length] : undefined
    switch (op.t) {
      case 'wait':
        srv.clock.advance(op.min * MIN)
        continue
      case 'activity':
        await newActivity(op.kind, op.aud, op.startIn, op.len)
        res = { status: 200, body: { ok: true, data: null } }
        break
      case 'longService': {
        await newActivity('volunteer', 0, 0, 600)
        const id = acts[acts.length - 1].id
        const checkedIn = await w.call('checkin', { action: 'checkIn', activityId: id, token: await w.token('boss', id) }, m)
        if (checkedIn.status >= 500) throw new Error(`longService check-in → ${JSON.stringify(checkedIn.body)}`)
        srv.clock.advance(600 * MIN)
        res = await w.call('checkin', { action: 'checkOut', activityId: id, token: await w.token('boss', id) }, m)
        break
      }
      case 'checkIn':
        res = await w.call('checkin', { action: 'checkIn', activityId: a!.id, token: await w.token('boss', a!.id) }, m)
        break
      case 'checkOut': {
        // Someone who is checked in to volunteer work and has not checked out yet (if anyone is).
        const open = srv.store.db
          .prepare(`SELECT c.activity_id, c.member_id FROM check_ins c JOIN activities v ON v.id = c.activity_id
                    WHERE v.kind = 'volunteer' AND c.checked_out_at IS NULL ORDER BY c.checked_in_at, c.id`)
          .all() as { activity_id: string; member_id: string }[]
        const o = pick(open, op.a)
        if (!o) continue
        res = await w.call('checkin', { action: 'checkOut', activityId: o.activity_id, token: await w.token('boss', o.activity_id) }, o.member_id)
        break
      }
      case 'request': {
        const asked = await w.call('checkin', { action: 'requestMakeup', activityId: a!.id, reason: '因公外出未能扫码' }, m)
        res = asked
        // Sometimes the organizer decides at once (later reviews come from the 'review' operation).
        if (asked.status === 200 && op.review !== null) {
          attempted.review = (attempted.review ?? 0) + 1
          const decided = await w.call('checkin', { action: 'reviewMakeup', makeupId: expectOk(asked).id, approve: op.review }, 'boss')
          if (decided.status >= 500) throw new Error(`review → ${JSON.stringify(decided.body)}`)
          if (decided.status === 200) succeeded.review = (succeeded.review ?? 0) + 1
        }
        break
      }
      case 'review': {
        const id = pick(ids(`SELECT id FROM makeups WHERE status = 'pending' ORDER BY requested_at, id`), op.k)
        if (!id) continue
        res = await w.call('checkin', { action: 'reviewMakeup', makeupId: id, approve: op.approve }, 'boss')
        break
      }
      case 'addMakeup':
        res = await w.call('checkin', { action: 'addMakeup', activityId: a!.id, memberId: m!, reason: '经核实确已参加' }, 'boss')
        break
      case 'confirmHours': {
        // Volunteer check-ins with no hours yet (no check-out, or a make-up) and none waiting for review.
        const open = srv.store.db
          .prepare(`SELECT c.activity_id, c.member_id FROM check_ins c JOIN activities v ON v.id = c.activity_id
                    WHERE v.kind = 'volunteer'
                      AND NOT EXISTS (SELECT 1 FROM ledger l WHERE l.activity_id = c.activity_id AND l.member_id = c.member_id AND l.hours <> 0)
                      AND NOT EXISTS (SELECT 1 FROM hour_claims h WHERE h.activity_id = c.activity_id AND h.member_id = c.member_id AND h.status = 'pending')
                    ORDER BY c.checked_in_at, c.id`)
          .all() as { activity_id: string; member_id: string }[]
        const o = pick(open, op.a)
        if (!o) continue
        res = await w.call('checkin', { action: 'confirmHours', activityId: o.activity_id, memberId: o.member_id, hours: op.halves / 2 }, 'boss')
        break
      }
      case 'reviewHours': {
        const id = pick(ids(`SELECT id FROM hour_claims WHERE status = 'pending' ORDER BY created_at, id`), op.k)
        if (!id) continue
        res = await w.call('checkin', { action: 'reviewHours', claimId: id, approve: op.approve }, 'boss')
        break
      }
      case 'reverse': {
        const id = pick(ids('SELECT id FROM ledger WHERE reverses_id IS NULL ORDER BY seq'), op.k)
        if (!id) continue
        res = await w.call('checkin', { action: 'reverseCredit', entryId: id, note: '核实后更正' }, 'boss')
        break
      }
    }
    attempted[op.t] = (attempted[op.t] ?? 0) + 1
    // Refusals are part of life (a closed window, a second check-in…); a server error never is.
    if (res!.status >= 500) throw new Error(`${op.t} → ${res!.status} ${JSON.stringify(res!.body)}`)
    if (res!.status === 200) succeeded[op.t] = (succeeded[op.t] ?? 0) + 1
  }
}

describe('property: counters always equal the ledger', () => {
  it('random check-ins, check-outs, make-ups, hour reviews and reversals leave no drift', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...STARTS), fc.array(opArb, { minLength: 5, maxLength: 30 }), async (start, ops) => {
        const srv = await startTestServer({ seed: false, now: start })
        try {
          await srv.store.importOrg(ORG, start)
          await runOps(srv, world(srv), ops)
          const expected = countersFromLedger(srv.store.db)
          expect(storedCounters(srv.store.db)).toEqual(expected)
          const { checked, drift } = await srv.store.reconcileCounters()
          expect(drift).toEqual([])
          expect(checked).toBe(expected.member.length + expected.unit.length)
          // Nothing was rewritten: still exactly the same rows.
          expect(storedCounters(srv.store.db)).toEqual(expected)
        } finally {
          await srv.close()
        }
      }),
      { numRuns: 80, seed: fuzzSeed(20261126) },
    )
    // The runs did exercise every credit path (and not just refusals).
    for (const t of ['checkIn', 'checkOut', 'request', 'review', 'addMakeup', 'confirmHours', 'reviewHours', 'reverse', 'longService']) expect([t, (succeeded[t] ?? 0) > 0]).toEqual([t, true])
  }, 60_000)
})

describe('aggregate.reconcile repairs drift and says what it repaired', () => {
  let srv: TestServer
  let w: World

  const sql = (statement: string, ...args: unknown[]) => srv.store.db.prepare(statement).run(...args)
  const counter = (table: 'member_counters' | 'unit_counters', id: string, period: string, kind: string) =>
    srv.store.db.prepare(`SELECT * FROM ${table} WHERE ${table === 'member_counters' ? 'member_id' : 'unit_id'} = ? AND period = ? AND kind = ?`).get(id, period, kind) as Omit<Counter, 'id'>
  const reconcileAs = (who?: string) => w.call('aggregate', { action: 'reconcile' }, who)
  const byKey = (d: { scope: string; id: string; period: string; kind: string; field: string }) => `${d.scope}|${d.id}|${d.period}|${d.kind}|${d.field}`

  beforeAll(async () => {
    // A lecture and a study session in March, volunteer work in uB, one credit reversed in April.
    srv = await startTestServer({ seed: false, now: shanghai('2026-03-20 08:00') })
    w = world(srv)
    await srv.store.importOrg(ORG, srv.clock.now().toISOString())
    const lecture = await w.create('boss', { kind: 'lecture', title: '处长讲坛', ...between('2026-03-20 09:00', '2026-03-20 10:00'), audience: AUDIENCES[0] })
    const studyId = await w.create('boss', { kind: 'study', title: '青年小组学习', ...between('2026-03-20 10:00', '2026-03-20 11:00'), audience: AUDIENCES[1] })
    const service = await w.create('boss', { kind: 'volunteer', title: '社区服务', ...between('2026-03-21 09:00', '2026-03-21 12:00'), audience: AUDIENCES[0] })
    w.at('2026-03-20 09:05')
    for (const m of MEMBERS) await w.checkIn('boss', m, lecture)
    w.at('2026-03-20 10:05')
    for (const m of ['m1', 'm3']) await w.checkIn('boss', m, studyId)
    w.at('2026-03-21 09:00')
    for (const m of ['m3', 'm4']) await w.checkIn('boss', m, service)
    w.at('2026-03-21 12:00')
    for (const m of ['m3', 'm4']) await w.checkOut('boss', m, service)
    w.at('2026-04-02 10:00')
    const entry = srv.store.db.prepare(`SELECT id FROM ledger WHERE member_id = 'm1' AND activity_id = ?`).get(studyId) as { id: string }
    await w.ok('checkin', { action: 'reverseCredit', entryId: entry.id, note: '代签，经核实未到场' }, 'boss')
  })

  afterAll(() => srv.close())

  it('on clean counters: nothing to repair', async () => {
    const res = await reconcileAs('boss')
    expect(res.status).toBe(200)
    const expected = countersFromLedger(srv.store.db)
    expect(expectOk(res)).toEqual({
      complete: true,
      startedAt: shanghai('2026-04-02 10:00'),
      steps: 1,
      checked: expected.member.length + expected.unit.length,
      repaired: 0,
      drift: [],
      pendingRepaired: 0,
      tookMs: expect.any(Number),
      at: shanghai('2026-04-02 10:00'),
    })
  })

  it('only city admins may run it by hand', async () => {
    const res = await reconcileAs('m1')
    expect([res.status, errorOf(res).code]).toEqual([403, 'FORBIDDEN'])
    const anon = await reconcileAs()
    expect([anon.status, errorOf(anon).code]).toEqual([401, 'UNAUTHENTICATED'])
  })

  it('every corrupted counter is reported with what it was and what it is now, and repaired; a second run finds nothing', async () => {
    const before = storedCounters(srv.store.db)
    const study = counter('member_counters', 'm3', '2026-03', 'study') // 2 points, 1 credit
    const service = counter('unit_counters', 'uB', '2026-Q1', 'volunteer') // m3 3 h + m4 3 h
    const lectureYear = counter('member_counters', 'm2', '2026', 'lecture') // 1 point
    expect([study.points, study.credits, service.hours, lectureYear.points]).toEqual([2, 1, 6, 1])

    sql(`UPDATE member_counters SET points = points + 5 WHERE member_id = 'm3' AND period = '2026-03' AND kind = 'study'`)
    sql(`UPDATE member_counters SET credits = credits - 1 WHERE member_id = 'm4' AND period = '2026-Q1' AND kind = 'lecture'`)
    sql(`UPDATE unit_counters SET hours = hours + 1.5 WHERE unit_id = 'uB' AND period = '2026-Q1' AND kind = 'volunteer'`)
    sql(`DELETE FROM member_counters WHERE member_id = 'm2' AND period = '2026' AND kind = 'lecture'`)
    sql(`INSERT INTO unit_counters (unit_id, period, kind, points, hours, credits) VALUES ('uA', '2031-05', 'study', 7, 0, 1)`)
    sql(`INSERT INTO member_counters (member_id, period, kind, points, hours, credits, last_at) VALUES ('m1', '2026-05', 'volunteer', 0, 2.5, 1, '2026-05-01T00:00:00.000Z')`)

    const res = await reconcileAs('boss')
    expect(res.status).toBe(200)
    expect(expectOk(res).repaired).toBe(6)
    expect([...expectOk(res).drift].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
      [
        { scope: 'member', id: 'm3', period: '2026-03', kind: 'study', field: 'points', was: 7, now: 2 },
        { scope: 'member', id: 'm4', period: '2026-Q1', kind: 'lecture', field: 'credits', was: 0, now: 1 },
        { scope: 'unit', id: 'uB', period: '2026-Q1', kind: 'volunteer', field: 'hours', was: 7.5, now: 6 },
        { scope: 'member', id: 'm2', period: '2026', kind: 'lecture', field: 'missing', was: 0, now: 1 },
        { scope: 'unit', id: 'uA', period: '2031-05', kind: 'study', field: 'extra', was: 7, now: 0 },
        { scope: 'member', id: 'm1', period: '2026-05', kind: 'volunteer', field: 'extra', was: 0, now: 0 },
      ].sort((a, b) => byKey(a).localeCompare(byKey(b))),
    )
    expect(storedCounters(srv.store.db)).toEqual(before)
    expect(storedCounters(srv.store.db)).toEqual(countersFromLedger(srv.store.db))

    const again = await reconcileAs('boss')
    expect(expectOk(again)).toMatchObject({ repaired: 0, drift: [] })
  })

  it('the timer’s entry, reconcile(ctx), does the same without a caller', async () => {
    sql(`UPDATE unit_counters SET points = points - 1 WHERE unit_id = 'uA' AND period = '2026-03' AND kind = 'lecture'`)
    const ctx = { store: srv.store, now: srv.clock.now, caller: null } as unknown as Ctx
    const first = await reconcile(ctx)
    expect(first).toMatchObject({ repaired: 1, drift: [{ scope: 'unit', id: 'uA', period: '2026-03', kind: 'lecture', field: 'points', was: 1, now: 2 }], at: shanghai('2026-04-02 10:00') })
    expect(await reconcile(ctx)).toMatchObject({ repaired: 0, drift: [] })
    expect(storedCounters(srv.store.db)).toEqual(countersFromLedger(srv.store.db))
  })

  it('a drifted "reached at" time (the leaderboard tie-break) is repaired too', async () => {
    // The study-model board breaks ties on member_counters.last_at (reachedAt), so reconcile compares and
    // repairs it too, not only points, hours and credits: a January counter holding a March time is drift.
    const right = counter('member_counters', 'm3', '2026-03', 'lecture').last_at
    sql(`UPDATE member_counters SET last_at = '2026-12-31T00:00:00.000Z' WHERE member_id = 'm3' AND period = '2026-03' AND kind = 'lecture'`)
    const res = await reconcileAs('boss')
    expect(expectOk(res).repaired).toBe(1)
    expect(counter('member_counters', 'm3', '2026-03', 'lecture').last_at).toBe(right)
  })
})
