/**
 * WeChat subscribe messages, against the openapi fake (field limits, one send per acceptance, 43101
 * when none is left): a member who accepted a template gets one push per acceptance and the server
 * counts it down; with none left, or when WeChat refuses, the reminder stands in the inbox only.
 */
import { between, type World, world } from '../../helpers/api'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { WechatOpenapiFake } from '../../helpers/wechatOpenapiFake'

let srv: TestServer
let w: World
let wx: WechatOpenapiFake
let organizer: string
let city: string
let m: string[]
let a1: string
let a2: string

const dispatch = () => w.ok('notify', { action: 'dispatchDue' }, city)
const message = (key: string, who: string) => w.one<{ pushed: number } | undefined>('SELECT pushed FROM inbox_messages WHERE id = ?', `${key}|${who}`)

beforeAll(async () => {
  wx = new WechatOpenapiFake()
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z', subscribe: wx })
  w = world(srv)
  ;({ organizer, members: m } = w.u01())
  city = w.ids.cityAdmin()
  // The OPENID a member is bound to, as `member.bind` records it in the WeChat world.
  for (const [i, id] of m.slice(0, 3).entries()) expect(await srv.store.bindOpenId(id, `oid-${i}`)).toBe(true)
  a1 = await w.create(organizer, { title: '学习贯彻全会精神专题党课（第一讲：坚持和加强党的全面领导）', placeName: '机关大楼三楼第一会议室', ...between('2026-11-21 14:00', '2026-11-21 16:00') })
  a2 = await w.create(organizer, { title: '党建知识宣讲', ...between('2026-11-22 14:00', '2026-11-22 16:00') })
})

afterAll(async () => {
  await srv.close()
})

it('one acceptance: one push within the template’s limits, counted down on the server', async () => {
  wx.accept('oid-0', ['activityReminder'])
  expect(await w.ok('notify', { action: 'subscribed', accepted: ['activityReminder'] }, m[0])).toMatchObject({ subscriptions: { activityReminder: 1 } })
  w.at('2026-11-20 14:05')
  const r = await dispatch()
  expect(r.pushed).toBe(1)
  expect(wx.refused).toEqual([])
  expect(wx.sent).toEqual([expect.objectContaining({ touser: 'oid-0', templateId: 'tpl-activity', page: 'pages/index/index' })])
  expect([...wx.sent[0].data.thing1.value].length).toBeLessThanOrEqual(20)
  expect(wx.sent[0].data.time2.value).toBe('2026年11月21日 14:00')
  expect(message(`activityTomorrow:${a1}`, m[0])?.pushed).toBe(1)
  expect((await w.ok('notify', { action: 'preferences' }, m[0])).subscriptions.activityReminder ?? 0).toBe(0)
  // Bound but not subscribed: the inbox only, nothing sent.
  expect(message(`activityTomorrow:${a1}`, m[1])?.pushed).toBe(0)
})

it('none left: the next reminder reaches the inbox only, no send tried', async () => {
  w.at('2026-11-21 13:35')
  const sends = wx.sent.length + wx.refused.length
  await dispatch()
  expect(message(`activitySoon:${a1}`, m[0])?.pushed).toBe(0)
  expect(wx.sent.length + wx.refused.length).toBe(sends)
})

it('WeChat refuses (43101): the message stands in the inbox, counted as fallen back', async () => {
  // The server thinks a send is left; WeChat has none (e.g. accepted on another device and spent).
  await w.ok('notify', { action: 'subscribed', accepted: ['activityReminder'] }, m[2])
  w.at('2026-11-21 14:05')
  const r = await dispatch()
  expect(r.fellBack).toBeGreaterThanOrEqual(1)
  expect(wx.refused).toEqual([expect.objectContaining({ touser: 'oid-2', errcode: 43101 })])
  expect(message(`activityTomorrow:${a2}`, m[2])?.pushed).toBe(0)
  expect(w.n('SELECT COUNT(*) AS n FROM inbox_messages WHERE id = ?', `activityTomorrow:${a2}|${m[2]}`)).toBe(1)
})
