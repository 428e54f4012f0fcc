/**
 * Reconcile on CloudBase goes a few units at a time, so a timer invocation always ends inside its
 * timeout. These tests break counters across many units, then run the pass one step per fresh
 * store (as separate timer invocations would, sharing only the database) and through the timer's
 * own `timerTick`, whose progress survives between invocations.
 */
import { reconcile, timerTick } from '../../cloud/functions/aggregate'
import { systemCtx } from '../../cloud/server/system'
import { COL, ids } from '../../cloud/store/cloudbase/collections'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import { UNITS_PER_STEP } from '../../cloud/store/cloudbase/reconcile'
import { bucketOf } from '../../cloud/functions/stats/views'
import type { CounterDrift, OrgBatch } from '../../cloud/store/Store'
import type { FakeDatabase } from '../helpers/cloudbaseFake'
import { memberNo, rosterMember } from '../helpers/roster'
import { freshDb } from './cloudbaseDb'
import { CAP, NOW, addActivity, checkIn, credit } from './fixtures'

const UNITS = 13

const member = (i: number, unitId: string) => rosterMember(`m${i}`, memberNo(i), `党员${i}`, unitId)
const unitId = (u: number) => `u${String(u).padStart(2, '0')}`
const ORG: OrgBatch = {
  units: Array.from({ length: UNITS }, (_, u) => ({ id: unitId(u), name: `单位${u}` })),
  branches: [],
  partyGroups: [],
  youthGroups: [],
  members: [{ ...member(999, unitId(0)), id: 'o1', roles: [{ role: 'member' }, { role: 'organizer', unitId: unitId(0) }] }, ...Array.from({ length: UNITS * 3 }, (_, i) => member(i, unitId(i % UNITS)))],
}

let db: FakeDatabase

/** Every member checks in to one lecture: one credit each, counters for month, quarter and year. */
beforeEach(async () => {
  db = freshDb()
  const store = new CloudBaseStore(db, { settleMs: 0 })
  await store.importOrg(ORG, NOW)
  const a = await addActivity(store, { kind: 'lecture', unitId: 'u00' })
  for (const m of ORG.members) await store.recordCheckIn(checkIn(a.id, m.id), credit('lecture', 1), CAP)
  // Broken counters in the first, a middle and the last unit: changed, deleted and invented.
  const _ = db.command
  await db.collection(COL.memberCounters).doc(ids.memberCounter('m0', '2026-11', 'lecture')).update({ data: { points: 7 } })
  await db.collection(COL.unitCounters).doc(ids.unitCounter(unitId(6), '2026', 'lecture')).remove()
  await db.collection(COL.memberCounters).add({ data: { _id: ids.memberCounter('m12', '2026-10', 'study'), memberId: 'm12', period: '2026-10', kind: 'study', points: 3, hours: 0, credits: 1, lastAt: NOW } })
  await db.collection(COL.unitCounters).doc(ids.unitCounter(unitId(12), '2026-Q4', 'lecture')).update({ data: { credits: _.inc(5) } })
})

const EXPECTED_DRIFT = [
  expect.objectContaining({ scope: 'member', id: 'm0', period: '2026-11', field: 'points', was: 7, now: 1 }),
  expect.objectContaining({ scope: 'unit', id: unitId(6), period: '2026', field: 'missing' }),
  expect.objectContaining({ scope: 'member', id: 'm12', period: '2026-10', kind: 'study', field: 'extra' }),
  expect.objectContaining({ scope: 'unit', id: unitId(12), period: '2026-Q4', field: 'credits', was: 8, now: 3 }),
]

test('a pass in steps, each by a fresh instance, repairs what one pass at once would, and ends', async () => {
  const drift: CounterDrift[] = []
  let cursor: string | null = null
  let steps = 0
  do {
    const step = await new CloudBaseStore(db).reconcileStep(cursor)
    drift.push(...step.drift)
    cursor = step.cursor
    steps++
    // Each step covers a few units only (three members each, the organizer besides; three periods).
    expect(step.checked).toBeLessThanOrEqual((UNITS_PER_STEP * 3 + 1) * 3 + UNITS_PER_STEP * 3)
  } while (cursor !== null)
  expect(steps).toBe(Math.ceil(UNITS / UNITS_PER_STEP))
  expect(drift).toEqual(expect.arrayContaining(EXPECTED_DRIFT))
  expect(drift).toHaveLength(EXPECTED_DRIFT.length)
  expect((await new CloudBaseStore(db).reconcileCounters()).drift).toEqual([])
  expect(db.dump(COL.memberCounters).find((c) => c._id === ids.memberCounter('m0', '2026-11', 'lecture'))).toMatchObject({ points: 1, credits: 1 })
})

test('the timer carries a pass on across invocations, recording its progress, and starts the next one the following night', async () => {
  const at = new Date('2026-11-21T18:05:00.000Z') // 02:05 in Shanghai
  // Each invocation a new instance with a budget of one step, as if every step took the whole budget.
  const tick = () => reconcile(systemCtx(new CloudBaseStore(db), 'wechat', () => at), { start: 'nightly', budgetMs: 0 })
  const first = await tick()
  expect(first).toMatchObject({ complete: false, steps: 1 })
  const progress = JSON.parse(String(db.dump(COL.settings).find((s) => s._id === 'reconcile:progress')?.value))
  expect(progress.pass).toMatchObject({ steps: 1, cursor: unitId(UNITS_PER_STEP - 1) })
  const second = await tick()
  expect(second).toMatchObject({ complete: false, steps: 2, startedAt: first.startedAt })
  const third = await tick()
  expect(third).toMatchObject({ complete: true, steps: 3, repaired: EXPECTED_DRIFT.length })
  expect(third.drift).toEqual(expect.arrayContaining(EXPECTED_DRIFT))
  // Done for tonight: later ticks only finish pending writes.
  expect(await tick()).toMatchObject({ complete: true, steps: 0, startedAt: null })
  const tomorrow = new Date('2026-11-22T18:10:00.000Z')
  expect(await reconcile(systemCtx(new CloudBaseStore(db), 'wechat', () => tomorrow), { start: 'nightly', budgetMs: 0 })).toMatchObject({ complete: false, steps: 1, repaired: 0 })
})

test('the timer keeps the views of the current periods ready', async () => {
  const report = await timerTick(systemCtx(new CloudBaseStore(db), 'wechat', () => new Date(NOW)))
  expect(report.reconcile.complete).toBe(true)
  const views = db.dump(COL.views).map((v) => String(v._id))
  // Both boards for month, quarter and year: the units view, the top, and the units' cuts in buckets.
  for (const period of ['2026-11', '2026-Q4', '2026']) {
    expect(views).toContain(`board:studyModel:${period}:35:units`)
    expect(views).toContain(`board:volunteer:${period}:top`)
    expect(views).toContain(`board:studyModel:${period}:35:bucket:${bucketOf(unitId(12))}`)
    expect(views).toContain(`volunteer:${period}`)
  }
  expect(views.some((v) => v.startsWith('coverage:2026-Q4:'))).toBe(true)
  expect(report.views.built).toBe(views.length)
})

test('the timer rebuilds the views when scores may have moved, not on every tick', async () => {
  const tick = (minutes: number) => timerTick(systemCtx(new CloudBaseStore(db), 'wechat', () => new Date(Date.parse(NOW) + minutes * 60_000)))
  expect((await tick(0)).views.built).toBeGreaterThan(0)
  // Nothing new: left as they are, for up to an hour.
  expect((await tick(5)).views.built).toBe(0)
  expect((await tick(55)).views.built).toBe(0)
  // A credit: rebuilt at the next tick at least 5 minutes after the last build.
  const store = new CloudBaseStore(db)
  const a = await addActivity(store, { kind: 'study', unitId: 'u00', title: '再学习' })
  await store.recordCheckIn(checkIn(a.id, 'm1'), credit('study', 2), CAP)
  expect((await tick(56)).views.built).toBeGreaterThan(0)
  expect((await tick(58)).views.built).toBe(0)
  // An hour without credits: rebuilt all the same (sessions that started move attendance rates).
  expect((await tick(117)).views.built).toBeGreaterThan(0)
})
