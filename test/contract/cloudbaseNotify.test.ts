/**
 * Reminders on CloudBase where the adapter differs from SQLite: several function instances (each a
 * store of its own over one database) delivering the same reminder and spending the same
 * subscription at once, a deployment upgraded to the inbox's collections, and what each call costs
 * in round trips (every request is billed).
 */
import { COL } from '../../cloud/store/cloudbase/collections'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import type { Delivery } from '../../cloud/store/Store'
import type { FakeDatabase } from '../helpers/cloudbaseFake'
import { DatabaseMeter } from '../helpers/cloudbaseMeter'
import { freshDb } from './cloudbaseDb'
import { NOW, ORG, addActivity, addBranchOrg, addMeeting, at, checkIn } from './fixtures'

let db: FakeDatabase
let meter: DatabaseMeter
let store: CloudBaseStore

beforeEach(async () => {
  db = freshDb()
  meter = new DatabaseMeter()
  store = new CloudBaseStore(meter.wrap(db))
  await store.ping()
})

const delivery = (key: string, memberId: string, createdAt = at(0)): Delivery => ({
  key,
  memberId,
  kind: 'activitySoon',
  title: '处长讲坛 30 分钟后开始',
  body: '地点：三楼会议室',
  link: null,
  createdAt,
})

/** Function instances of their own over the same database. */
const instances = (n: number) => Array.from({ length: n }, () => new CloudBaseStore(db))

async function cost<T>(call: () => Promise<T>) {
  meter.start()
  const result = await call()
  return { result, ...meter.stop() }
}

describe('reminders across function instances', () => {
  it('puts a reminder raced by overlapping runs in the inbox once, and every run answers that message', async () => {
    const runs = instances(8)
    const results = await Promise.all(runs.map((s, i) => s.deliverOnce(delivery('activityTomorrow:a1', 'm1', at(i)))))
    expect(results.filter((r) => r.delivered)).toHaveLength(1)
    const winner = results.find((r) => r.delivered)!.message
    for (const r of results) expect(r.message).toEqual(winner)
    expect(db.size(COL.inbox)).toBe(1)
    expect(await store.unreadCount('m1')).toBe(1)
  })

  it('never spends a subscription below zero when runs race for it', async () => {
    await store.addSubscriptions('m1', ['activityReminder', 'activityReminder', 'activityReminder'])
    const runs = instances(10)
    const spent = await Promise.all(runs.flatMap((s) => [s.spendSubscription('m1', 'activityReminder'), s.spendSubscription('m1', 'activityReminder')]))
    expect(spent.filter(Boolean)).toHaveLength(3)
    expect(db.dump(COL.notifyPrefs)).toEqual([{ _id: 'm1', off: [], subs: { activityReminder: 0 } }])
    expect((await store.getPreferences('m1')).subscriptions).toEqual({})
  })

  it('counts acceptances arriving at once for a member with no preferences yet', async () => {
    await Promise.all(instances(6).map((s) => s.addSubscriptions('m9', ['taskReminder'])))
    expect((await store.getPreferences('m9')).subscriptions).toEqual({ taskReminder: 6 })
  })

  it('makes the inbox’s collections on a deployment from before reminders', async () => {
    const old = freshDb()
    const kept = Object.values(COL).filter((c) => c !== COL.inbox && c !== COL.notifyPrefs)
    for (const c of kept) await old.createCollection(c)
    await old.collection(COL.settings).doc('__cloudbase_schema').set({ data: { value: '4' } })
    const upgraded = new CloudBaseStore(old)
    expect((await upgraded.deliverOnce(delivery('activitySoon:a1', 'm1'))).delivered).toBe(true)
    expect(await upgraded.unreadCount('m1')).toBe(1)
  })
})

describe('round trips of reminders on CloudBase', () => {
  it('delivers in one request, and answers an earlier delivery in two', async () => {
    const first = await cost(() => store.deliverOnce(delivery('activitySoon:a1', 'm1')))
    expect([first.requests, first.sequential]).toEqual([1, 1])
    const again = await cost(() => store.deliverOnce(delivery('activitySoon:a1', 'm1')))
    expect([again.requests, again.sequential]).toEqual([2, 2])
    const pushed = await cost(() => store.markPushed(first.result.message.id))
    expect(pushed.requests).toBe(1)
  })

  it('pre-filters a run’s recipients, reads their preferences and spends a send in one request each', async () => {
    const pairs = Array.from({ length: 80 }, (_, i) => ({ key: 'activitySoon:a1', memberId: `m${i}` }))
    for (const p of pairs.slice(0, 10)) await store.deliverOnce(delivery(p.key, p.memberId))
    const keys = await cost(() => store.deliveredKeys(pairs))
    expect(keys.result.size).toBe(10)
    expect([keys.requests, keys.documents]).toEqual([1, 10])
    const prefs = await cost(() => store.preferencesOf(pairs.map((p) => p.memberId)))
    expect([prefs.requests, prefs.result.size]).toEqual([1, 80])
    await store.addSubscriptions('m1', ['activityReminder'])
    const spend = await cost(() => store.spendSubscription('m1', 'activityReminder'))
    expect([spend.result, spend.requests]).toEqual([true, 1])
  })

  it('shows an inbox page and the unread badge in one request each, a later page in two', async () => {
    for (let i = 0; i < 30; i++) await store.deliverOnce(delivery(`activitySoon:a${i}`, 'm1', at(i)))
    const page = await cost(() => store.inbox('m1', null, 20))
    expect([page.requests, page.documents]).toEqual([1, 20])
    const next = await cost(() => store.inbox('m1', page.result[19].id, 20))
    expect([next.requests, next.sequential, next.result.length]).toEqual([2, 2, 10])
    const badge = await cost(() => store.unreadCount('m1'))
    expect([badge.result, badge.requests]).toEqual([30, 1])
    const read = await cost(() => store.markRead('m1', 'all', at(100)))
    expect([read.result, read.requests]).toEqual([30, 1])
  })

  it('reads what is due in at most two rounds of requests each', async () => {
    await store.importOrg(ORG, NOW)
    await addBranchOrg(store)
    await addActivity(store, { title: '单位', startAt: at(10), audience: { type: 'units', unitIds: ['u01'] } })
    await addActivity(store, { title: '全市', startAt: at(20), audience: { type: 'all' } })
    const signUps = await addActivity(store, { title: '报名', startAt: at(30), signUpRequired: true, capacity: 10 })
    await store.signUp(signUps.id, 'm2', 10, at(-10))
    await addMeeting(store, { title: '支部', startAt: at(40) })
    const shift = await addActivity(store, { kind: 'volunteer', title: '志愿', startAt: at(-120), endAt: at(-5) })
    await store.recordCheckIn(checkIn(shift.id, 'm1', at(-100)), null)
    const starting = await cost(() => store.activitiesStarting(at(0), at(60)))
    expect(starting.result).toHaveLength(4)
    expect(starting.sequential).toBe(2)
    const shifts = await cost(() => store.openShifts(at(-60), at(0)))
    expect([shifts.result.length, shifts.sequential]).toEqual([1, 2])
    const decisions = await cost(() => store.decisionsBetween(at(-60), at(0)))
    expect(decisions.sequential).toBeLessThanOrEqual(2)
    const returned = await cost(() => store.recordsReturned(at(-60), at(0)))
    expect(returned.sequential).toBeLessThanOrEqual(2)
  })
})
