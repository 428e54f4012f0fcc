/**
 * Reminders through the real gateway on the demo city, the test clock moved by hand: who receives
 * what and when (the day before and 30 minutes before an activity, its sign-ups only where sign-up
 * is required, a make-up decision), quiet hours holding until 07:00, a kind turned off, and each
 * member reading and marking only their own inbox.
 */
import type { InboxMessage } from '../../../cloud/contract/notify'
import { between, expectError, type World, world } from '../../helpers/api'
import { startTestServer, type TestServer } from '../../helpers/testServer'

let srv: TestServer
let w: World
let organizer: string
let city: string
let m: string[]
/** A lecture for u01 on 11-21 14:00; one needing sign-up on 11-22 10:00; one late on 11-23 23:30; a past one for a make-up. */
let a1: string
let a2: string
let a3: string
let past: string

const dispatch = () => w.ok('notify', { action: 'dispatchDue' }, city)
const inbox = async (who: string): Promise<InboxMessage[]> => (await w.ok('notify', { action: 'inbox', limit: 50 }, who)).messages
const has = async (who: string, key: string): Promise<boolean> => (await inbox(who)).some((x) => x.id === `${key}|${who}`)
const count = (key: string): number => w.n(`SELECT COUNT(*) AS n FROM inbox_messages WHERE id LIKE ?`, `${key}|%`)

beforeAll(async () => {
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  ;({ organizer, members: m } = w.u01())
  city = w.ids.cityAdmin()
  past = await w.create(organizer, { title: '处长讲坛：政务公开', ...between('2026-11-20 14:00', '2026-11-20 16:00') })
  a1 = await w.create(organizer, { title: '党建知识宣讲：第一讲', placeName: '三楼会议室', ...between('2026-11-21 14:00', '2026-11-21 16:00') })
  a2 = await w.create(organizer, { title: '青年讲座：需报名', signUpRequired: true, capacity: 5, ...between('2026-11-22 10:00', '2026-11-22 11:00') })
  a3 = await w.create(organizer, { title: '夜间学习：深夜场', ...between('2026-11-23 23:30', '2026-11-24 00:30') })
  await w.ok('checkin', { action: 'signUp', activityId: a2 }, m[2])
  await w.ok('notify', { action: 'setPreferences', off: ['activityTomorrow'] }, m[4])
})

afterAll(async () => {
  await srv.close()
})

describe('the day before', () => {
  it('a published activity reaches its audience once, 24 h before its start', async () => {
    w.at('2026-11-20 13:55')
    await dispatch()
    expect(await has(m[0], `activityTomorrow:${a1}`)).toBe(false)
    w.at('2026-11-20 14:05')
    const r = await dispatch()
    expect(r.delivered).toBeGreaterThan(0)
    expect(await has(m[0], `activityTomorrow:${a1}`)).toBe(true)
    const msg = (await inbox(m[0])).find((x) => x.id === `activityTomorrow:${a1}|${m[0]}`)
    expect(msg).toMatchObject({ kind: 'activityTomorrow', readAt: null, pushed: false })
    expect(msg?.title).toContain('党建知识宣讲')
    const before = count(`activityTomorrow:${a1}`)
    w.at('2026-11-20 14:10')
    await dispatch()
    expect(count(`activityTomorrow:${a1}`)).toBe(before)
  })

  it('a kind the member turned off delivers nothing to them', async () => {
    expect(await has(m[4], `activityTomorrow:${a1}`)).toBe(false)
    expect((await w.ok('notify', { action: 'preferences' }, m[4])).off).toEqual(['activityTomorrow'])
  })
})

describe('each member reads and marks only their own', () => {
  it('the inbox answers the caller’s own messages, whatever the request names', async () => {
    const res = await w.send('notify', { action: 'inbox', memberId: m[0] }, m[1])
    if (res.body.ok) {
      const page = res.body.data as { messages: InboxMessage[] }
      expect(page.messages.every((x) => x.memberId === m[1])).toBe(true)
    } else expectError(res, 'BAD_INPUT')
    expect((await inbox(m[1])).every((x) => x.memberId === m[1])).toBe(true)
  })

  it('marking another member’s messages read changes nothing', async () => {
    const theirs = (await inbox(m[0])).map((x) => x.id)
    const unread = (await w.ok('notify', { action: 'inbox' }, m[0])).unread
    expect(await w.ok('notify', { action: 'markRead', ids: theirs }, m[1])).toMatchObject({ changed: 0 })
    expect((await w.ok('notify', { action: 'inbox' }, m[0])).unread).toBe(unread)
    expect(await w.ok('notify', { action: 'markRead', ids: theirs }, m[0])).toMatchObject({ changed: theirs.length })
    expect((await w.ok('notify', { action: 'inbox' }, m[0])).unread).toBe(unread - theirs.length)
  })

  it('only a city admin runs the dispatch by hand', async () => {
    expectError(await w.call('notify', { action: 'dispatchDue' }, m[0]), 'FORBIDDEN')
    expectError(await w.call('notify', { action: 'inbox' }), 'UNAUTHENTICATED')
  })
})

describe('decisions and sign-ups', () => {
  it('a make-up decision reaches the member; a sign-up-required activity reaches its sign-ups only', async () => {
    w.at('2026-11-21 10:00')
    const makeupId = (await w.ok('checkin', { action: 'requestMakeup', activityId: past, reason: '当天在外出差，未能到场签到' }, m[5])).id
    await w.ok('checkin', { action: 'reviewMakeup', makeupId, approve: false, comment: '请提供出差证明' }, organizer)
    w.at('2026-11-21 10:05')
    await dispatch()
    const decided = (await inbox(m[5])).find((x) => x.id === `makeupDecided:${makeupId}|${m[5]}`)
    expect(decided?.title).toContain('未通过')
    expect(await has(m[2], `activityTomorrow:${a2}`)).toBe(true)
    expect(await has(m[3], `activityTomorrow:${a2}`)).toBe(false)
    expect(count(`activityTomorrow:${a2}`)).toBe(1)
  })
})

describe('30 minutes before', () => {
  it('reaches the audience, also those who turned the day before off', async () => {
    w.at('2026-11-21 13:25')
    await dispatch()
    expect(await has(m[0], `activitySoon:${a1}`)).toBe(false)
    w.at('2026-11-21 13:35')
    await dispatch()
    expect(await has(m[0], `activitySoon:${a1}`)).toBe(true)
    expect(await has(m[4], `activitySoon:${a1}`)).toBe(true)
    expect(count(`activityTomorrow:${a1}`)).toBe(count(`activitySoon:${a1}`) - 1)
  })
})

describe('check-out', () => {
  it('at the end of a volunteer shift, those still checked in are reminded to check out; those who did are not', async () => {
    w.at('2026-11-22 08:00')
    const shift = await w.create(organizer, { kind: 'volunteer', title: '到社区服务：清理楼道', ...between('2026-11-22 09:00', '2026-11-22 11:00') })
    w.at('2026-11-22 09:05')
    await w.checkIn(organizer, m[6], shift)
    await w.checkIn(organizer, m[7], shift)
    w.at('2026-11-22 10:55')
    await w.checkOut(organizer, m[7], shift)
    await dispatch()
    expect(count(`checkOutDue:${shift}`)).toBe(0)
    w.at('2026-11-22 11:05')
    await dispatch()
    expect(await has(m[6], `checkOutDue:${shift}`)).toBe(true)
    expect(count(`checkOutDue:${shift}`)).toBe(1)
  })
})

describe('quiet hours', () => {
  it('hold the day-before reminder from 22:00 until 07:00 Shanghai', async () => {
    w.at('2026-11-22 23:35')
    const r = await dispatch()
    expect(r.held).toBeGreaterThan(0)
    expect(count(`activityTomorrow:${a3}`)).toBe(0)
    w.at('2026-11-23 06:55')
    await dispatch()
    expect(count(`activityTomorrow:${a3}`)).toBe(0)
    w.at('2026-11-23 07:00')
    await dispatch()
    expect(await has(m[0], `activityTomorrow:${a3}`)).toBe(true)
  })
})
