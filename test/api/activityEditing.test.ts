/**
 * Running an activity after it is published, through the real gateway: what `update` may change
 * before check-in opens, once it has, after the end and once cancelled; 结束签到 and 延长签到; the
 * window per kind (a volunteer day takes check-ins until its end); long durations; a city admin
 * addressing several units; a member withdrawing a sign-up (取消报名).
 *
 * The demo city at 10:00 on Friday 20 November 2026 (Shanghai); u01's first organizer runs everything.
 */
import { expectError, MIN, shanghai, world, type World } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/testServer'

let srv: TestServer
let w: World
let organizer: string
let m: string[]

beforeAll(async () => {
  srv = await startTestServer({ now: shanghai('2026-11-20 10:00') })
  w = world(srv)
  ;({ organizer, members: m } = w.u01())
})

afterAll(async () => {
  await srv.close()
})

/** Move the clock by minutes. */
const wait = (minutes: number) => srv.clock.advance(minutes * MIN)
const stored = (id: string) => w.one<{ check_in_opens_at: string; check_in_closes_at: string; title: string; start_at: string }>('SELECT * FROM activities WHERE id = ?', id)
const update = (id: string, fields: Record<string, unknown>, who = organizer) => w.send('activity', { action: 'update', id, ...fields }, who)

describe('editing a published activity', () => {
  it('before check-in opens: times, window, capacity and description change; sign-ups stay', async () => {
    const a = await w.createActivity(organizer, { title: '下午的讲座', startAt: w.inMin(4 * 60), endAt: w.inMin(5 * 60), signUpRequired: true, capacity: 10 })
    await w.ok('checkin', { action: 'signUp', activityId: a.id }, m[0])
    const later = w.inMin(5 * 60)
    const edited = await w.ok(
      'activity',
      { action: 'update', id: a.id, title: '改期的讲座', description: '请带笔记本\n会后交流', startAt: later, endAt: w.inMin(6 * 60), capacity: 20, checkInWindow: { closes: 60 } },
      organizer,
    )
    expect(edited).toMatchObject({ title: '改期的讲座', description: '请带笔记本\n会后交流', startAt: later, capacity: 20, checkInOpensAt: w.inMin(5 * 60 - 30), checkInClosesAt: w.inMin(6 * 60) })
    expect(w.n('SELECT COUNT(*) AS n FROM sign_ups WHERE activity_id = ?', a.id)).toBe(1)
    // The chosen window moves with the times when only they change.
    const moved = await w.ok('activity', { action: 'update', id: a.id, startAt: w.inMin(6 * 60), endAt: w.inMin(7 * 60) }, organizer)
    expect(moved).toMatchObject({ checkInOpensAt: w.inMin(6 * 60 - 30), checkInClosesAt: w.inMin(7 * 60) })
  })

  it('refuses a capacity below those signed up, and a change of kind', async () => {
    const a = await w.createActivity(organizer, { title: '报满的讲座', startAt: w.inMin(3 * 60), endAt: w.inMin(4 * 60), signUpRequired: true, capacity: 3 })
    for (const who of m.slice(0, 3)) await w.ok('checkin', { action: 'signUp', activityId: a.id }, who)
    expectError(await update(a.id, { capacity: 2 }), 'BAD_INPUT')
    expect((await update(a.id, { capacity: 2 })).body).toMatchObject({ error: { message: '已有 3 人报名，名额不能少于 3', details: { field: 'capacity' } } })
    expectError(await update(a.id, { kind: 'study' }), 'BAD_INPUT')
  })

  it('once check-in opens: the title, description and place name only; times refused with a message', async () => {
    const a = await w.createActivity(organizer, { title: '马上开始的讲座', startAt: w.inMin(20), endAt: w.inMin(80) })
    await w.checkIn(organizer, m[1], a.id)
    const res = await w.expectRefused(() => update(a.id, { startAt: w.inMin(40), endAt: w.inMin(100) }), 'CONFLICT')
    expect(res.body).toMatchObject({ error: { details: { field: 'startAt' } } })
    expect(JSON.stringify(res.body)).toContain('签到已开始，不能再修改开始时间')
    // The form sends every field: unchanged times pass, only the words change.
    const ok = await w.ok('activity', { action: 'update', id: a.id, title: '讲座（更名）', description: '地点改到二楼', placeName: '二楼报告厅', startAt: a.startAt, endAt: a.endAt }, organizer)
    expect(ok).toMatchObject({ title: '讲座（更名）', placeName: '二楼报告厅', checkInOpensAt: a.checkInOpensAt, checkInClosesAt: a.checkInClosesAt })
    expect(w.n('SELECT COUNT(*) AS n FROM check_ins WHERE activity_id = ?', a.id)).toBe(1)
  })

  it('after the end, and once cancelled: nothing', async () => {
    const ended = await w.createActivity(organizer, { title: '结束的讲座', startAt: w.inMin(-120), endAt: w.inMin(-60) })
    expect(JSON.stringify((await w.expectRefused(() => update(ended.id, { title: '改名' }), 'CONFLICT')).body)).toContain('活动已结束，不能修改')
    const called = await w.createActivity(organizer, { title: '取消的讲座', startAt: w.inMin(120), endAt: w.inMin(180) })
    await w.ok('activity', { action: 'cancel', id: called.id }, organizer)
    expect(JSON.stringify((await w.expectRefused(() => update(called.id, { title: '改名' }), 'CONFLICT')).body)).toContain('活动已取消，不能修改')
  })

  it('a window past the end is refused with its field', async () => {
    const a = await w.createActivity(organizer, { title: '短讲座', startAt: w.inMin(120), endAt: w.inMin(165) })
    const res = await w.expectRefused(() => update(a.id, { checkInWindow: { closes: 60 } }), 'BAD_INPUT')
    expect(res.body).toMatchObject({ error: { message: '签到截止时间不能晚于活动结束（活动共 45 分钟），可选“活动结束时”', details: { field: 'checkInWindow.closes' } } })
  })
})

describe('the window per kind, and long durations', () => {
  it('a volunteer day (8 h): a late arrival 5 hours in still checks in; a lecture closes 30 min after its start', async () => {
    const day = await w.createActivity(organizer, { kind: 'volunteer', title: '社区志愿服务日', startAt: w.inMin(10), endAt: w.inMin(10 + 8 * 60) })
    expect(day.checkInClosesAt).toBe(day.endAt)
    const talk = await w.createActivity(organizer, { title: '同时的讲座', startAt: w.inMin(10), endAt: w.inMin(70) })
    expect(talk.checkInClosesAt).toBe(w.inMin(40))
    wait(5 * 60)
    await w.checkIn(organizer, m[2], day.id)
    const late = await w.send('checkin', { action: 'checkIn', activityId: talk.id, token: await w.token(organizer, talk.id) }, m[2])
    expectError(late, 'WINDOW_CLOSED')
    srv.clock.set(shanghai('2026-11-20 10:00'))
  })

  it('12 hours is a volunteer day; longer is refused with a message', async () => {
    const twelve = await w.createActivity(organizer, { kind: 'volunteer', title: '全天服务', startAt: w.inMin(60), endAt: w.inMin(60 + 12 * 60) })
    expect(twelve.endAt).toBe(w.inMin(60 + 12 * 60))
    const res = await w.expectRefused(
      () => w.send('activity', { action: 'create', kind: 'volunteer', title: '太长的服务', startAt: w.inMin(60), endAt: w.inMin(60 + 13 * 60), audience: { type: 'units', unitIds: ['u01'] }, noLocationReason: '分散开展' }, organizer),
      'BAD_INPUT',
    )
    expect(res.body).toMatchObject({ error: { message: '单次活动最长 12 小时；跨天的活动请按天分别发布', details: { field: 'endAt' } } })
  })
})

describe('an activity kept from before the 12-hour limit', () => {
  it('still takes a new title before check-in opens; moving its times holds it to the limit', async () => {
    const a = await w.createActivity(organizer, { title: '两天的培训', startAt: w.inMin(24 * 60), endAt: w.inMin(30 * 60) })
    // Stored longer than today's limit allows, as an activity made before it would be.
    w.db.prepare('UPDATE activities SET end_at = ? WHERE id = ?').run(w.inMin(24 * 60 + 30 * 60), a.id)
    expect(await w.ok('activity', { action: 'update', id: a.id, title: '两天的集中培训' }, organizer)).toMatchObject({ title: '两天的集中培训', endAt: w.inMin(24 * 60 + 30 * 60) })
    const res = await w.expectRefused(() => update(a.id, { startAt: w.inMin(25 * 60) }), 'BAD_INPUT')
    expect(res.body).toMatchObject({ error: { message: '单次活动最长 12 小时；跨天的活动请按天分别发布' } })
    expect(stored(a.id).title).toBe('两天的集中培训')
  })
})

describe('结束签到 and 延长签到', () => {
  it('延长签到 keeps check-in open longer, 结束签到 closes it; both audited, a later scan is refused', async () => {
    const a = await w.createActivity(organizer, { title: '签到控制讲座', startAt: w.inMin(-20), endAt: w.inMin(100) })
    const extended = await w.ok('activity', { action: 'extendCheckIn', id: a.id, minutes: 30 }, organizer)
    expect(extended.checkInClosesAt).toBe(new Date(Date.parse(a.checkInClosesAt) + 30 * MIN).toISOString())
    wait(35)
    await w.checkIn(organizer, m[3], a.id)
    const ended = await w.ok('activity', { action: 'endCheckIn', id: a.id }, organizer)
    expect(ended.checkInClosesAt).toBe(srv.clock.now().toISOString())
    wait(1)
    expectError(await w.send('checkin', { action: 'checkIn', activityId: a.id, token: await w.token(organizer, a.id) }, m[4]), 'WINDOW_CLOSED')
    const audit = w.all<{ action: string; target: string; unit_id: string }>(`SELECT action, target, unit_id FROM audit_log WHERE target = ? ORDER BY seq`, `id:${a.id}`)
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['activity.extendCheckIn', 'activity.endCheckIn']))
    expect(audit.every((r) => r.unit_id === 'u01')).toBe(true)
    // Reopened by 延长签到 from now, never past the end.
    const reopened = await w.ok('activity', { action: 'extendCheckIn', id: a.id, minutes: 60 }, organizer)
    expect(reopened.checkInClosesAt).toBe(w.inMin(60))
    expect((await w.ok('activity', { action: 'extendCheckIn', id: a.id, minutes: 60 }, organizer)).checkInClosesAt).toBe(a.endAt)
    expectError(await w.send('activity', { action: 'extendCheckIn', id: a.id, minutes: 15 }, organizer), 'CONFLICT')
    srv.clock.set(shanghai('2026-11-20 10:00'))
  })

  it('another unit\'s organizer may not; an odd number of minutes is refused', async () => {
    const a = await w.createActivity(organizer, { title: '他人不可控', startAt: w.inMin(-10), endAt: w.inMin(50) })
    expectError(await w.send('activity', { action: 'endCheckIn', id: a.id }, w.u01().otherOrganizer), 'FORBIDDEN')
    expectError(await w.send('activity', { action: 'extendCheckIn', id: a.id, minutes: 20 }, organizer), 'BAD_INPUT')
    expect(stored(a.id).check_in_closes_at).toBe(a.checkInClosesAt)
  })
})

describe('a city admin addresses several units', () => {
  it('two units: their members see it, a third unit\'s do not', async () => {
    const city = w.ids.cityAdmin()
    const a = await w.ok(
      'activity',
      { action: 'create', kind: 'study', title: '两个单位的联学', startAt: w.inMin(120), endAt: w.inMin(180), audience: { type: 'units', unitIds: ['u02', 'u03'] }, publish: true, noLocationReason: '线上活动' },
      city,
    )
    expect(a.audience).toEqual({ type: 'units', unitIds: ['u02', 'u03'] })
    const seen = async (who: string) => (await w.ok('activity', { action: 'list', view: 'forMe' }, who)).activities.some((x) => x.id === a.id)
    expect(await seen(w.ids.plain('u02')[0])).toBe(true)
    expect(await seen(w.ids.plain('u03')[0])).toBe(true)
    expect(await seen(w.ids.plain('u04')[0])).toBe(false)
    // Edited to one unit and a youth group list works the same way.
    const edited = await w.ok('activity', { action: 'update', id: a.id, audience: { type: 'units', unitIds: ['u04'] } }, city)
    expect(edited.audience).toEqual({ type: 'units', unitIds: ['u04'] })
    expect(await seen(w.ids.plain('u04')[0])).toBe(true)
  })
})

describe('取消报名 (withdrawSignUp)', () => {
  it('frees the place for someone else; someone else\'s sign-up is untouched', async () => {
    const a = await w.createActivity(organizer, { title: '限两人的讲座', startAt: w.inMin(3 * 60), endAt: w.inMin(4 * 60), signUpRequired: true, capacity: 2 })
    await w.ok('checkin', { action: 'signUp', activityId: a.id }, m[5])
    await w.ok('checkin', { action: 'signUp', activityId: a.id }, m[6])
    expectError(await w.send('checkin', { action: 'signUp', activityId: a.id }, m[7]), 'FULL')
    expect(await w.ok('checkin', { action: 'withdrawSignUp', activityId: a.id }, m[5])).toEqual({ withdrawn: true, signUps: 1, capacity: 2 })
    expect(w.n('SELECT COUNT(*) AS n FROM sign_ups WHERE activity_id = ? AND member_id = ?', a.id, m[6])).toBe(1)
    await w.ok('checkin', { action: 'signUp', activityId: a.id }, m[7])
    // Withdrawing twice, or without a sign-up, changes nothing.
    expect(await w.ok('checkin', { action: 'withdrawSignUp', activityId: a.id }, m[5])).toEqual({ withdrawn: false, signUps: 2, capacity: 2 })
  })

  it('refused once checked in, and once started', async () => {
    const a = await w.createActivity(organizer, { title: '快开始的讲座', startAt: w.inMin(20), endAt: w.inMin(80), signUpRequired: true })
    await w.ok('checkin', { action: 'signUp', activityId: a.id }, m[8])
    await w.ok('checkin', { action: 'signUp', activityId: a.id }, m[9])
    await w.checkIn(organizer, m[8], a.id)
    const checkedIn = await w.expectRefused(() => w.send('checkin', { action: 'withdrawSignUp', activityId: a.id }, m[8]), 'CONFLICT')
    expect(JSON.stringify(checkedIn.body)).toContain('您已签到，不能取消报名')
    wait(25)
    const started = await w.expectRefused(() => w.send('checkin', { action: 'withdrawSignUp', activityId: a.id }, m[9]), 'WINDOW_CLOSED')
    expect(JSON.stringify(started.body)).toContain('活动已开始，不能取消报名')
    srv.clock.set(shanghai('2026-11-20 10:00'))
  })

  it('an activity for others is refused as not in the audience', async () => {
    const a = await w.createActivity(organizer, { title: '本单位的讲座', startAt: w.inMin(3 * 60), endAt: w.inMin(4 * 60), signUpRequired: true })
    expectError(await w.send('checkin', { action: 'withdrawSignUp', activityId: a.id }, w.ids.plain('u02')[0]), 'NOT_IN_AUDIENCE')
  })
})
