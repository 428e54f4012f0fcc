/**
 * One activity as the detail page reads it (`activity.get`): besides the summary and the make-up
 * offer, who published it by name, when the caller checked in (and out, volunteers), and whether the
 * caller organizes it (the page then adds who is coming and the organizer's buttons). A member outside
 * the audience is refused with a message that says so. Withdrawing a sign-up (取消报名) frees the place.
 *
 * The demo city at 10:00 on 2026-11-20 in Shanghai; the lecture is 14:00–16:00 that day for u01.
 */
import type { ActivityDetail } from '../../cloud/contract/model'
import { between, errorOf, expectOk, world, type World } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/testServer'

let srv: TestServer
let w: World
let organizer: string
let m: string[]
let outsider: string
let lecture: string
let shift: string

const detail = (id: string, who: string): Promise<ActivityDetail> => w.ok('activity', { action: 'get', id }, who)

beforeAll(async () => {
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  ;({ organizer, members: m } = w.u01())
  outsider = w.ids.plain('u02')[0]
  lecture = await w.create(organizer, { title: '处长讲坛：政务公开', description: '第一部分：政策解读\n第二部分：答疑', signUpRequired: true, capacity: 2, ...between('2026-11-20 14:00', '2026-11-20 16:00') })
  shift = await w.create(organizer, { kind: 'volunteer', title: '社区志愿服务', ...between('2026-11-20 09:30', '2026-11-20 12:00') })
})

afterAll(async () => {
  await srv.close()
})

test('a member sees who organizes it by name, the description as written, and no check-in yet', async () => {
  const d = await detail(lecture, m[0])
  expect(d).toMatchObject({
    title: '处长讲坛：政务公开',
    description: '第一部分：政策解读\n第二部分：答疑',
    unitName: '市委办公室',
    organizerName: w.member(organizer).name,
    organizing: false,
    checkedIn: false,
    checkedInAt: null,
    checkedOutAt: null,
  })
})

test('its organizer sees it as theirs, named as themselves', async () => {
  const d = await detail(lecture, organizer)
  expect(d).toMatchObject({ organizing: true, organizerName: w.member(organizer).name })
})

test('after checking in and out of a volunteer shift, the member reads both times', async () => {
  await w.checkIn(organizer, m[1], shift)
  const checkedIn = await detail(shift, m[1])
  expect(checkedIn.checkedInAt).toBe(srv.clock.now().toISOString())
  expect(checkedIn.checkedOutAt).toBeNull()
  srv.clock.advance(90 * 60_000)
  try {
    await w.checkOut(organizer, m[1], shift)
    const out = await detail(shift, m[1])
    expect(out).toMatchObject({ checkedIn: true, checkedOutAt: srv.clock.now().toISOString() })
  } finally {
    srv.clock.set('2026-11-20T02:00:00.000Z')
  }
})

test('a member outside the audience is told so, in Chinese', async () => {
  const res = await w.activity(outsider, { action: 'get', id: lecture })
  expect(errorOf(res)).toMatchObject({ code: 'NOT_IN_AUDIENCE', message: '您不在本次活动的参加范围内' })
})

test('withdrawing a sign-up frees the place for someone else', async () => {
  expectOk(await w.checkin(m[2], { action: 'signUp', activityId: lecture }))
  expectOk(await w.checkin(m[3], { action: 'signUp', activityId: lecture }))
  expect(errorOf(await w.checkin(m[4], { action: 'signUp', activityId: lecture })).code).toBe('FULL')
  expectOk(await w.send('checkin', { action: 'withdrawSignUp', activityId: lecture }, m[2]))
  expect(await detail(lecture, m[2])).toMatchObject({ signedUp: false, signUps: 1 })
  expectOk(await w.checkin(m[4], { action: 'signUp', activityId: lecture }))
  expect(await detail(lecture, m[4])).toMatchObject({ signedUp: true, signUps: 2 })
})
