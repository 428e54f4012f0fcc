/**
 * The check-in rules through the real gateway — sign-up and capacity, cancelled
 * activities, the geofence, the check-in window, one check-in per member whatever the
 * concurrency, and the daily points cap.
 */
import { between, errorOf, expectOk, shanghai, world, type World } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/testServer'

let srv: TestServer
let w: World
let organizer: string
let m: string[]

const PLACE = { lat: 30.2741, lng: 120.1551, radiusM: 300 }
const lectureAt2pm = (title: string, extra: Record<string, unknown> = {}) =>
  w.create(organizer, { kind: 'lecture', title, ...between('2026-11-20 14:00', '2026-11-20 15:00'), ...extra })
const signUp = (memberId: string, activityId: string) => w.checkin(memberId, { action: 'signUp', activityId })
const signUps = (activityId: string) => w.n('SELECT COUNT(*) AS n FROM sign_ups WHERE activity_id = ?', activityId)

beforeAll(async () => {
  // 10:00 on 2026-11-20 in Shanghai.
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  ;({ organizer, members: m } = w.u01())
  expect(m.length).toBeGreaterThanOrEqual(32)
})

afterAll(async () => {
  await srv.close()
})

describe('sign-up with a capacity of 2', () => {
  let activity: string

  beforeAll(async () => {
    srv.clock.set(shanghai('2026-11-20 10:00'))
    activity = await lectureAt2pm('青年讲座：需报名', { signUpRequired: true, capacity: 2 })
  })

  it('two members sign up', async () => {
    const first = await signUp(m[0], activity)
    expect(first.status).toBe(200)
    expect(expectOk(first)).toEqual({ signedUp: true, alreadySignedUp: false, signUps: 1, capacity: 2 })
    const second = await signUp(m[1], activity)
    expect(second.status).toBe(200)
    expect(expectOk(second)).toEqual({ signedUp: true, alreadySignedUp: false, signUps: 2, capacity: 2 })
    expect(signUps(activity)).toBe(2)
  })

  it('the third: FULL (409)', async () => {
    const res = await w.expectRefused(() => signUp(m[2], activity), 'FULL', 409)
    expect(errorOf(res).message).toContain('名额已满')
    expect(signUps(activity)).toBe(2)
  })

  it('signing up twice answers alreadySignedUp and writes nothing', async () => {
    const before = w.counts()
    const res = await signUp(m[0], activity)
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ signedUp: true, alreadySignedUp: true, signUps: 2 })
    expect(w.counts()).toEqual(before)
  })

  it('a member who did not sign up cannot check in: NOT_SIGNED_UP (403)', async () => {
    srv.clock.set(shanghai('2026-11-20 13:50'))
    const token = await w.token(organizer, activity)
    const res = await w.expectRefused(() => w.checkin(m[2], { action: 'checkIn', activityId: activity, token }), 'NOT_SIGNED_UP', 403)
    expect(errorOf(res).message).toContain('报名')
  })

  it('a signed-up member checks in', async () => {
    const res = await w.checkIn(organizer, m[0], activity)
    expect(res).toMatchObject({ alreadyCheckedIn: false, pointsEarned: 1 })
    expect(w.rowsOf('check_ins', activity, m[0])).toHaveLength(1)
  })
})

describe('20 members sign up at once for 5 places', () => {
  it('makes exactly 5 sign-ups; the others get FULL', async () => {
    srv.clock.set(shanghai('2026-11-20 10:00'))
    const activity = await w.create(organizer, {
      kind: 'study',
      title: '主题党日：限额报名',
      ...between('2026-11-21 14:00', '2026-11-21 16:00'),
      signUpRequired: true,
      capacity: 5,
    })
    const people = m.slice(10, 30)
    const results = await Promise.all(people.map((p) => signUp(p, activity)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(5)
    const full = results.filter((r) => r.status !== 200)
    expect(full).toHaveLength(15)
    for (const r of full) expect(errorOf(r).code).toBe('FULL')
    expect(signUps(activity)).toBe(5)
    // Every success saw its own place: the counts it reported are 1..5, each once.
    expect(results.filter((r) => r.status === 200).map((r) => expectOk(r).signUps).sort()).toEqual([1, 2, 3, 4, 5])
  })
})

describe('a cancelled activity', () => {
  it('refuses check-in: ACTIVITY_NOT_OPEN', async () => {
    srv.clock.set(shanghai('2026-11-20 10:00'))
    const activity = await lectureAt2pm('讲座（将取消）')
    srv.clock.set(shanghai('2026-11-20 13:50'))
    const token = await w.token(organizer, activity)
    const cancel = await w.activity(organizer, { action: 'cancel', id: activity, reason: '主讲人临时有事' })
    expect(cancel.status).toBe(200)
    expect(expectOk(cancel).status).toBe('cancelled')
    const res = await w.expectRefused(() => w.checkin(m[3], { action: 'checkIn', activityId: activity, token }), 'ACTIVITY_NOT_OPEN', 422)
    expect(errorOf(res).message).toContain('取消')
    await w.expectRefused(() => signUp(m[3], activity), 'ACTIVITY_NOT_OPEN', 422)
  })
})

describe('geofence: 300 m around the place', () => {
  let activity: string
  let token: string
  const checkIn = (memberId: string, location?: { lat: number; lng: number; accuracyM: number }) =>
    w.checkin(memberId, { action: 'checkIn', activityId: activity, token, ...(location ? { location } : {}) })

  beforeAll(async () => {
    srv.clock.set(shanghai('2026-11-20 10:00'))
    activity = await w.create(organizer, {
      kind: 'study',
      title: '中心组学习（定位签到）',
      ...between('2026-11-20 14:00', '2026-11-20 16:00'),
      placeName: '市委党校报告厅',
      place: PLACE,
    })
    srv.clock.set(shanghai('2026-11-20 13:50'))
    token = await w.token(organizer, activity)
  })

  it('without a location: LOCATION_REQUIRED', async () => {
    const res = await w.expectRefused(() => checkIn(m[4]), 'LOCATION_REQUIRED', 422)
    expect(errorOf(res).message).toContain('定位')
  })

  it('1 km away: OUT_OF_RANGE, with the distance', async () => {
    // 0.009° of latitude is about 1 km north.
    const res = await w.expectRefused(() => checkIn(m[4], { lat: PLACE.lat + 0.009, lng: PLACE.lng, accuracyM: 20 }), 'OUT_OF_RANGE', 422)
    expect(errorOf(res).details?.distanceM).toBeGreaterThan(950)
    expect(errorOf(res).details?.distanceM).toBeLessThan(1050)
    expect(errorOf(res).message).toContain(String(errorOf(res).details?.distanceM))
  })

  it('at the place but with an accuracy of 500 m (worse than 300): OUT_OF_RANGE', async () => {
    const res = await w.expectRefused(() => checkIn(m[4], { lat: PLACE.lat, lng: PLACE.lng, accuracyM: 500 }), 'OUT_OF_RANGE', 422)
    expect(errorOf(res).details?.accuracyM).toBe(500)
    expect(errorOf(res).message).toContain('精度')
  })

  it('inside: a geo check-in that stores distance and accuracy', async () => {
    // 0.001° of latitude is about 111 m.
    const res = await checkIn(m[4], { lat: PLACE.lat + 0.001, lng: PLACE.lng, accuracyM: 30 })
    expect(res.status).toBe(200)
    expect(expectOk(res).checkIn).toMatchObject({ method: 'geo', accuracyM: 30 })
    const [row] = w.rowsOf('check_ins', activity, m[4])
    expect(row).toMatchObject({ method: 'geo', accuracy_m: 30 })
    expect(row.distance_m).toBeGreaterThan(100)
    expect(row.distance_m).toBeLessThan(120)
    const [credit] = w.rowsOf('ledger', activity, m[4])
    expect(credit).toMatchObject({ method: 'geo', points: 2 })
  })
})

describe('the check-in window: 30 minutes before to 30 minutes after the start', () => {
  let activity: string

  beforeAll(async () => {
    srv.clock.set(shanghai('2026-11-20 10:00'))
    activity = await lectureAt2pm('讲座：签到时段')
  })

  const tryAt = async (memberId: string, at: string | Date) => {
    srv.clock.set(at)
    const token = await w.token(organizer, activity)
    return () => w.checkin(memberId, { action: 'checkIn', activityId: activity, token })
  }

  it('before it opens: WINDOW_CLOSED, saying when it opens', async () => {
    const res = await w.expectRefused(await tryAt(m[5], new Date(Date.parse(shanghai('2026-11-20 13:30')) - 1000)), 'WINDOW_CLOSED', 422)
    expect(errorOf(res).message).toContain('13:30')
    expect(errorOf(res).details?.opensAt).toBe(shanghai('2026-11-20 13:30'))
  })

  it('at the moment it opens: ok', async () => {
    const res = await (await tryAt(m[5], shanghai('2026-11-20 13:30')))()
    expect(res.status).toBe(200)
  })

  it('at the moment it closes: ok', async () => {
    const res = await (await tryAt(m[6], shanghai('2026-11-20 14:30')))()
    expect(res.status).toBe(200)
  })

  it('after it closes: WINDOW_CLOSED, pointing to make-ups', async () => {
    const res = await w.expectRefused(await tryAt(m[7], new Date(Date.parse(shanghai('2026-11-20 14:30')) + 1000)), 'WINDOW_CLOSED', 422)
    expect(errorOf(res).message).toContain('补签')
    expect(errorOf(res).details?.closedAt).toBe(shanghai('2026-11-20 14:30'))
  })
})

describe('200 parallel check-ins by one member', () => {
  it('make exactly one check-in and one credit', async () => {
    srv.clock.set(shanghai('2026-11-20 10:00'))
    const activity = await lectureAt2pm('讲座：并发签到')
    srv.clock.set(shanghai('2026-11-20 13:50'))
    const token = await w.token(organizer, activity)
    const session = w.as(m[8])
    const results = await Promise.all(
      Array.from({ length: 200 }, () => srv.call('checkin', { action: 'checkIn', activityId: activity, token }, session)),
    )
    expect(results.map((r) => r.status)).toEqual(Array(200).fill(200))
    expect(results.filter((r) => expectOk(r).alreadyCheckedIn === false)).toHaveLength(1)
    expect(new Set(results.map((r) => expectOk(r).checkIn.id)).size).toBe(1)
    expect(w.rowsOf('check_ins', activity, m[8])).toHaveLength(1)
    expect(w.rowsOf('ledger', activity, m[8])).toHaveLength(1)
    expect(w.rowsOf('ledger', activity, m[8])[0].points).toBe(1)
  })
})

describe('the daily points cap of 10', () => {
  const capped = () => m[9]
  const today = { from: shanghai('2026-11-20 00:00'), to: shanghai('2026-11-21 00:00') }
  const pointsToday = () =>
    w.n('SELECT COALESCE(SUM(points), 0) AS n FROM ledger WHERE member_id = ? AND created_at >= ? AND created_at < ?', capped(), today.from, today.to)
  let studies: string[]
  let lectures: string[]

  beforeAll(async () => {
    srv.clock.set(shanghai('2026-11-20 10:00'))
    studies = []
    for (let i = 0; i < 5; i++)
      studies.push(await w.create(organizer, { kind: 'study', title: `理论学习 ${i + 1}`, ...between('2026-11-20 14:00', '2026-11-20 15:00') }))
    lectures = [await lectureAt2pm('讲座 A'), await lectureAt2pm('讲座 B')]
    srv.clock.set(shanghai('2026-11-20 13:50'))
    // 4 study sessions (2 each) and a lecture (1): 9 points today.
    for (const id of studies.slice(0, 4)) expect(await w.checkIn(organizer, capped(), id)).toMatchObject({ pointsEarned: 2, pointsCapped: 0 })
    expect(await w.checkIn(organizer, capped(), lectures[0])).toMatchObject({ pointsEarned: 1, pointsCapped: 0 })
  })

  it('a member with 9 points today earns 1 for a study session, 1 capped', async () => {
    expect(pointsToday()).toBe(9)
    const res = await w.checkIn(organizer, capped(), studies[4])
    expect(res).toMatchObject({ alreadyCheckedIn: false, pointsEarned: 1, pointsCapped: 1 })
    expect(w.rowsOf('ledger', studies[4], capped())[0].points).toBe(1)
    expect(pointsToday()).toBe(10)
  })

  it('at the cap, a lecture still records attendance but earns nothing', async () => {
    const res = await w.checkIn(organizer, capped(), lectures[1])
    expect(res).toMatchObject({ alreadyCheckedIn: false, pointsEarned: 0, pointsCapped: 1 })
    expect(w.rowsOf('check_ins', lectures[1], capped())).toHaveLength(1)
    expect(pointsToday()).toBe(10)
  })

  it('the counters agree with the ledger', async () => {
    const counted = w.n(`SELECT COALESCE(SUM(points), 0) AS n FROM member_counters WHERE member_id = ? AND period = '2026-11'`, capped())
    const ledger = w.n(`SELECT COALESCE(SUM(points), 0) AS n FROM ledger WHERE member_id = ? AND created_at >= ? AND created_at < ?`, capped(), shanghai('2026-11-01 00:00'), shanghai('2026-12-01 00:00'))
    expect(counted).toBe(ledger)
  })
})
