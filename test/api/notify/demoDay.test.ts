/**
 * The demo city through a whole day with the dispatch every 5 minutes, as the timer runs it: each due
 * reminder reaches the right people once, in the inbox and (for a member bound to WeChat who accepted
 * the template) through the openapi fake once per acceptance; a member who turned a kind off gets
 * nothing of it.
 */
import type { DispatchReport } from '../../../cloud/contract/notify'
import { DAY, MIN, shanghai, world } from '../../helpers/api'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { WechatOpenapiFake } from '../../helpers/wechatOpenapiFake'

let srv: TestServer
const wx = new WechatOpenapiFake()

beforeAll(async () => {
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z', subscribe: wx })
})

afterAll(async () => {
  await srv.close()
})

it('a day of the demo city: each reminder once, pushed once per acceptance, nothing of a kind turned off', async () => {
  const w = world(srv)
  const city = w.ids.cityAdmin()
  const start = Date.parse(shanghai('2026-11-25 00:00'))
  srv.clock.set(new Date(start))
  const starting = await srv.store.activitiesStarting(new Date(start + 30 * MIN).toISOString(), new Date(start + DAY).toISOString())
  const withPeople = starting.find((a) => a.memberIds.length >= 2)
  if (!withPeople) throw new Error('the demo city has no activity with an audience on 2026-11-25')
  const [quiet, bound] = withPeople.memberIds
  // One member turns the activity reminders off; another is bound to WeChat and accepted twice.
  await w.ok('notify', { action: 'setPreferences', off: ['activityTomorrow', 'activitySoon'] }, quiet)
  expect(await srv.store.bindOpenId(bound, 'oid-bound')).toBe(true)
  for (let i = 0; i < 2; i++) {
    wx.accept('oid-bound', ['activityReminder'])
    await w.ok('notify', { action: 'subscribed', accepted: ['activityReminder'] }, bound)
  }

  const totals = { delivered: 0, pushed: 0 }
  for (let t = start; t < start + DAY; t += 5 * MIN) {
    srv.clock.set(new Date(t))
    const r: DispatchReport = await w.ok('notify', { action: 'dispatchDue' }, city)
    totals.delivered += r.delivered
    totals.pushed += r.pushed
  }

  const messages = w.all<{ id: string; member_id: string; kind: string; pushed: number }>('SELECT id, member_id, kind, pushed FROM inbox_messages')
  expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length)
  expect(messages.filter((m) => m.kind === 'activitySoon' || m.kind === 'activityTomorrow')).not.toEqual([])
  // Every audience member of every activity starting that day got its 30-minute reminder, except the one who turned it off.
  for (const a of starting) {
    const soon = new Set(messages.filter((m) => m.id.startsWith(`activitySoon:${a.id}|`)).map((m) => m.member_id))
    expect(soon).toEqual(new Set(a.memberIds.filter((id) => id !== quiet)))
  }
  expect(messages.filter((m) => m.member_id === quiet && (m.kind === 'activitySoon' || m.kind === 'activityTomorrow'))).toEqual([])
  // Two acceptances: two pushes to the bound member, each for a message of theirs marked pushed, never the same twice.
  const pushedOfBound = messages.filter((m) => m.member_id === bound && m.pushed === 1)
  expect(wx.sent.filter((s) => s.touser === 'oid-bound')).toHaveLength(2)
  expect(pushedOfBound).toHaveLength(2)
  expect(totals.pushed).toBe(2)
  expect(wx.refused).toEqual([])
  // A second pass over the same day delivers nothing more.
  srv.clock.set(new Date(start + DAY - 5 * MIN))
  const again: DispatchReport = await w.ok('notify', { action: 'dispatchDue' }, city)
  expect(again.delivered).toBe(0)
}, 180_000)
