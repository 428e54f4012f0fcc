/**
 * Volunteer check-out and hours through the real gateway. Hours are clipped to the
 * activity and rounded down to half hours; up to 8 h a day count at once, more waits for the
 * organizer, nothing beyond 12 h; no check-out means no hours until an organizer confirms them.
 */
import { between, CHINESE, errorOf, expectOk, MIN, shanghai, world, type World } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/testServer'

let srv: TestServer
let w: World
let organizer: string
let otherOrganizer: string
let m: string[]

const sumOf = (rows: { hours: number; points: number }[], key: 'hours' | 'points') => rows.reduce((s, r) => s + r[key], 0)

beforeAll(async () => {
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  ;({ organizer, otherOrganizer, members: m } = w.u01())
  expect(m.length).toBeGreaterThanOrEqual(10)
})

afterAll(async () => {
  await srv.close()
})

describe('check-out of a volunteer activity 09:00–12:00 (Shanghai)', () => {
  let volunteer: string
  let lecture: string
  let study: string
  let staleToken: string

  beforeAll(async () => {
    volunteer = await w.create(organizer, {
      kind: 'volunteer',
      subKind: '到社区服务',
      title: '到社区服务：清洁家园',
      ...between('2026-11-21 09:00', '2026-11-21 12:00'),
    })
    lecture = await w.create(organizer, { kind: 'lecture', title: '处长讲坛：依法行政', ...between('2026-11-21 09:00', '2026-11-21 10:00') })
    study = await w.create(organizer, { kind: 'study', title: '中心组学习', ...between('2026-11-21 09:00', '2026-11-21 10:00') })
    srv.clock.set(shanghai('2026-11-21 08:50'))
    staleToken = await w.token(organizer, volunteer)
    for (const who of [m[0], m[2], m[3], m[5]]) {
      const res = await w.checkIn(organizer, who, volunteer)
      // Volunteer work earns nothing at check-in: hours (and their points) come at check-out.
      expect(res).toMatchObject({ alreadyCheckedIn: false, pointsEarned: 0, hoursStartCounting: true })
    }
    expect(w.rowsOf('ledger', volunteer, m[0])).toHaveLength(0)
    await w.checkIn(organizer, m[4], lecture)
    await w.checkIn(organizer, m[4], study)
  })

  it('checked in at 08:50, out at 11:20: 2 hours (from 09:00, rounded down), 2 points', async () => {
    srv.clock.set(shanghai('2026-11-21 11:20'))
    const res = await w.checkin(m[0], { action: 'checkOut', activityId: volunteer, token: await w.token(organizer, volunteer) })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({
      alreadyCheckedOut: false,
      hours: 2,
      effectiveHours: 2,
      pendingHours: 0,
      droppedHours: 0,
      pointsEarned: 2,
    })
    expect(expectOk(res).checkIn).toMatchObject({ activityId: volunteer, memberId: m[0], checkedOutAt: shanghai('2026-11-21 11:20') })

    const ledger = w.rowsOf('ledger', volunteer, m[0])
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ kind: 'volunteer', hours: 2, points: 2, method: 'qr', reverses_id: null })
    expect(w.rowsOf('hour_claims', volunteer, m[0])).toHaveLength(0)
    expect(w.rowsOf('check_ins', volunteer, m[0])[0].checked_out_at).toBe(shanghai('2026-11-21 11:20'))
  })

  it('the member sees 2 hours in checkin.mine', async () => {
    const res = await w.checkin(m[0], { action: 'mine', kind: 'volunteer' })
    expect(res.status).toBe(200)
    const rec = expectOk(res).records.find((r) => r.activityId === volunteer)
    expect(rec).toMatchObject({ kind: 'volunteer', hours: 2, points: 2, hoursPending: 0, method: 'qr', checkedOutAt: shanghai('2026-11-21 11:20') })
  })

  it('checking out again answers alreadyCheckedOut and writes nothing', async () => {
    srv.clock.advance(5 * MIN)
    const before = w.counts()
    const res = await w.checkin(m[0], { action: 'checkOut', activityId: volunteer, token: await w.token(organizer, volunteer) })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ alreadyCheckedOut: true, hours: 2, effectiveHours: 2, pendingHours: 0, pointsEarned: 2 })
    expect(w.counts()).toEqual(before)
    expect(w.rowsOf('check_ins', volunteer, m[0])[0].checked_out_at).toBe(shanghai('2026-11-21 11:20'))
  })

  it('checking out of a lecture or a study session: BAD_INPUT', async () => {
    await w.expectRefused(async () => w.checkin(m[4], { action: 'checkOut', activityId: lecture, token: await w.token(organizer, lecture) }), 'BAD_INPUT', 400)
    await w.expectRefused(async () => w.checkin(m[4], { action: 'checkOut', activityId: study, token: await w.token(organizer, study) }), 'BAD_INPUT', 400)
    expect(w.rowsOf('check_ins', lecture, m[4])[0].checked_out_at).toBeNull()
  })

  it('checking out without having checked in: NOT_FOUND', async () => {
    const token = await w.token(organizer, volunteer)
    await w.expectRefused(() => w.checkin(m[1], { action: 'checkOut', activityId: volunteer, token }), 'NOT_FOUND', 404)
    expect(w.rowsOf('check_ins', volunteer, m[1])).toHaveLength(0)
  })

  it('checking out with an expired token: TOKEN_EXPIRED, still checked in', async () => {
    const res = await w.expectRefused(() => w.checkin(m[2], { action: 'checkOut', activityId: volunteer, token: staleToken }), 'TOKEN_EXPIRED', 422)
    expect(errorOf(res).message).toContain('二维码')
    expect(w.rowsOf('check_ins', volunteer, m[2])[0].checked_out_at).toBeNull()
  })

  it('a token of another activity does not check out either: TOKEN_EXPIRED', async () => {
    const token = await w.token(organizer, lecture)
    await w.expectRefused(() => w.checkin(m[2], { action: 'checkOut', activityId: volunteer, token }), 'TOKEN_EXPIRED', 422)
  })

  it('checking out exactly 2 hours after the end still counts (3 hours)', async () => {
    srv.clock.set(shanghai('2026-11-21 14:00'))
    const res = await w.checkin(m[5], { action: 'checkOut', activityId: volunteer, token: await w.token(organizer, volunteer) })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ hours: 3, effectiveHours: 3, pointsEarned: 3 })
  })

  it('checking out later than 2 hours after the end: WINDOW_CLOSED', async () => {
    srv.clock.set(new Date(Date.parse(shanghai('2026-11-21 14:00')) + 1000))
    const token = await w.token(organizer, volunteer)
    const res = await w.expectRefused(() => w.checkin(m[3], { action: 'checkOut', activityId: volunteer, token }), 'WINDOW_CLOSED', 422)
    expect(errorOf(res).message).toContain('签退')
    expect(w.rowsOf('check_ins', volunteer, m[3])[0].checked_out_at).toBeNull()
  })

  it('study and lecture check-ins never produce hours', async () => {
    const lectureCredits = w.rowsOf('ledger', lecture, m[4])
    const studyCredits = w.rowsOf('ledger', study, m[4])
    expect(lectureCredits).toHaveLength(1)
    expect(lectureCredits[0]).toMatchObject({ kind: 'lecture', points: 1, hours: 0 })
    expect(studyCredits).toHaveLength(1)
    expect(studyCredits[0]).toMatchObject({ kind: 'study', points: 2, hours: 0 })
    const mine = await w.checkin(m[4], { action: 'mine' })
    for (const id of [lecture, study]) {
      const rec = expectOk(mine).records.find((r) => r.activityId === id)
      expect(rec).toMatchObject({ hours: 0, hoursPending: 0, checkedOutAt: null })
    }
    const volunteerHours = w.n(`SELECT COALESCE(SUM(hours), 0) AS n FROM ledger WHERE member_id = ? AND kind <> 'volunteer'`, m[4])
    expect(volunteerHours).toBe(0)
  })

  it('an organizer cannot confirm hours for a lecture: BAD_INPUT', async () => {
    await w.expectRefused(() => w.checkin(organizer, { action: 'confirmHours', activityId: lecture, memberId: m[4], hours: 1 }), 'BAD_INPUT', 400)
  })
})

describe('a long day: two volunteer activities of 6 hours each', () => {
  let morning: string
  let afternoon: string
  let claimId: string
  const v = () => m[6]

  beforeAll(async () => {
    srv.clock.set(shanghai('2026-11-21 20:00'))
    morning = await w.create(organizer, { kind: 'volunteer', title: '夏送清凉：慰问一线职工', ...between('2026-11-22 06:00', '2026-11-22 12:00') })
    afternoon = await w.create(organizer, { kind: 'volunteer', title: '金秋助学：结对帮扶', ...between('2026-11-22 13:00', '2026-11-22 19:00') })
  })

  it('the first activity: 6 hours count at once', async () => {
    srv.clock.set(shanghai('2026-11-22 05:50'))
    await w.checkIn(organizer, v(), morning)
    srv.clock.set(shanghai('2026-11-22 12:00'))
    const res = await w.checkin(v(), { action: 'checkOut', activityId: morning, token: await w.token(organizer, morning) })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ hours: 6, effectiveHours: 6, pendingHours: 0, droppedHours: 0, pointsEarned: 6 })
    expect(sumOf(w.rowsOf('ledger', morning, v()), 'hours')).toBe(6)
  })

  it('the second: 2 hours count at once, 4 wait for the organizer as an hour claim', async () => {
    srv.clock.set(shanghai('2026-11-22 12:50'))
    await w.checkIn(organizer, v(), afternoon)
    srv.clock.set(shanghai('2026-11-22 19:00'))
    const res = await w.checkin(v(), { action: 'checkOut', activityId: afternoon, token: await w.token(organizer, afternoon) })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ hours: 6, effectiveHours: 2, pendingHours: 4, droppedHours: 0, pointsEarned: 2 })

    const ledger = w.rowsOf('ledger', afternoon, v())
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ hours: 2, points: 2 })
    const claims = w.rowsOf('hour_claims', afternoon, v())
    expect(claims).toHaveLength(1)
    expect(claims[0]).toMatchObject({ hours: 4, status: 'pending', reviewed_by: null })
    claimId = claims[0].id
  })

  it('activity.attendance lists the pending claim', async () => {
    const res = await w.activity(organizer, { action: 'attendance', id: afternoon })
    expect(res.status).toBe(200)
    expect(expectOk(res).pendingHours).toEqual([
      expect.objectContaining({ id: claimId, memberId: v(), memberName: w.member(v()).name, hours: 4, status: 'pending' }),
    ])
    const row = expectOk(res).present.find((p) => p.memberId === v())
    expect(row).toMatchObject({ hours: 2, hoursPending: 4 })
    expect(expectOk(res).notCheckedOut).toBe(0)
  })

  it('the member sees the 4 hours as pending in checkin.mine', async () => {
    const res = await w.checkin(v(), { action: 'mine', kind: 'volunteer' })
    const rec = expectOk(res).records.find((r) => r.activityId === afternoon)
    expect(rec).toMatchObject({ hours: 2, hoursPending: 4 })
  })

  it('a plain member or an organizer of another unit cannot review the claim: FORBIDDEN', async () => {
    await w.expectRefused(() => w.checkin(v(), { action: 'reviewHours', claimId, approve: true }), 'FORBIDDEN', 403)
    await w.expectRefused(() => w.checkin(otherOrganizer, { action: 'reviewHours', claimId, approve: true }), 'FORBIDDEN', 403)
  })

  it('the organizer approves: 4 more hours credited, approved by the organizer', async () => {
    srv.clock.set(shanghai('2026-11-22 19:10'))
    const res = await w.checkin(organizer, { action: 'reviewHours', claimId, approve: true })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ id: claimId, status: 'approved', reviewedBy: organizer, hours: 4 })

    const ledger = w.rowsOf('ledger', afternoon, v())
    expect(ledger).toHaveLength(2)
    expect(ledger[1]).toMatchObject({ hours: 4, approved_by: organizer, kind: 'volunteer' })
    expect(sumOf(ledger, 'hours')).toBe(6)
    expect(w.rowsOf('hour_claims', afternoon, v())[0]).toMatchObject({ status: 'approved', reviewed_by: organizer })

    const mine = await w.checkin(v(), { action: 'mine', kind: 'volunteer' })
    const rec = expectOk(mine).records.find((r) => r.activityId === afternoon)
    expect(rec).toMatchObject({ hours: 6, hoursPending: 0 })
    const att = await w.activity(organizer, { action: 'attendance', id: afternoon })
    expect(expectOk(att).pendingHours).toEqual([])
  })

  it('the approval respects the daily points cap of 10 (6 + 2 earned already: 2 more, not 4)', async () => {
    const day = { from: shanghai('2026-11-22 00:00'), to: shanghai('2026-11-23 00:00') }
    const pointsToday = w.n(
      'SELECT COALESCE(SUM(points), 0) AS n FROM ledger WHERE member_id = ? AND created_at >= ? AND created_at < ?',
      v(),
      day.from,
      day.to,
    )
    expect(pointsToday).toBe(10)
    expect(w.rowsOf('ledger', afternoon, v())[1]).toMatchObject({ hours: 4, points: 2 })
  })

  it('reviewing the claim again: CONFLICT, nothing written', async () => {
    await w.expectRefused(() => w.checkin(organizer, { action: 'reviewHours', claimId, approve: true }), 'CONFLICT', 409)
    await w.expectRefused(() => w.checkin(organizer, { action: 'reviewHours', claimId, approve: false }), 'CONFLICT', 409)
  })

  it('an unknown claim: NOT_FOUND', async () => {
    await w.expectRefused(() => w.checkin(organizer, { action: 'reviewHours', claimId: 'no-such-claim', approve: true }), 'NOT_FOUND', 404)
  })
})

/** A volunteer morning (09:00–12:00 on `day`) created the evening before (20:00 on `eve`), with `who` checked in at 08:55. */
async function morningServiceWith(who: string, title: string, eve: string, day: string): Promise<string> {
  srv.clock.set(shanghai(`${eve} 20:00`))
  const service = await w.create(organizer, { kind: 'volunteer', title, ...between(`${day} 09:00`, `${day} 12:00`) })
  srv.clock.set(shanghai(`${day} 08:55`))
  await w.checkIn(organizer, who, service)
  return service
}

describe('no check-out: hours wait for the organizer to confirm them', () => {
  let service: string
  const v = () => m[7]

  beforeAll(async () => {
    service = await morningServiceWith(v(), '冬送温暖：走访慰问', '2026-11-22', '2026-11-23')
    srv.clock.set(shanghai('2026-11-23 15:00'))
  })

  it('attendance shows one not checked out, with 0 hours', async () => {
    const res = await w.activity(organizer, { action: 'attendance', id: service })
    expect(res.status).toBe(200)
    expect(expectOk(res).notCheckedOut).toBe(1)
    expect(expectOk(res).present).toEqual([expect.objectContaining({ memberId: v(), checkedOutAt: null, hours: 0, hoursPending: 0, points: 0 })])
    expect(w.rowsOf('ledger', service, v())).toHaveLength(0)
  })

  it('confirming more than the activity lasts (3 h): BAD_INPUT', async () => {
    const res = await w.expectRefused(
      () => w.checkin(organizer, { action: 'confirmHours', activityId: service, memberId: v(), hours: 3.5 }),
      'BAD_INPUT',
      400,
    )
    expect(errorOf(res).message).toContain('3')
  })

  it('hours that are not whole half hours: BAD_INPUT', async () => {
    await w.expectRefused(() => w.checkin(organizer, { action: 'confirmHours', activityId: service, memberId: v(), hours: 0.3 }), 'BAD_INPUT', 400)
    await w.expectRefused(() => w.checkin(organizer, { action: 'confirmHours', activityId: service, memberId: v(), hours: 1.2 }), 'BAD_INPUT', 400)
    await w.expectRefused(() => w.checkin(organizer, { action: 'confirmHours', activityId: service, memberId: v(), hours: 0 }), 'BAD_INPUT', 400)
  })

  it('a plain member cannot confirm hours (not even their own): FORBIDDEN', async () => {
    await w.expectRefused(() => w.checkin(v(), { action: 'confirmHours', activityId: service, memberId: v(), hours: 3 }), 'FORBIDDEN', 403)
    await w.expectRefused(() => w.checkin(otherOrganizer, { action: 'confirmHours', activityId: service, memberId: v(), hours: 3 }), 'FORBIDDEN', 403)
  })

  it('confirming for someone who never checked in: NOT_FOUND', async () => {
    await w.expectRefused(() => w.checkin(organizer, { action: 'confirmHours', activityId: service, memberId: m[8], hours: 3 }), 'NOT_FOUND', 404)
  })

  it('the organizer confirms 3 hours: a manual credit approved by the organizer', async () => {
    const res = await w.checkin(organizer, { action: 'confirmHours', activityId: service, memberId: v(), hours: 3 })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ activityId: service, memberId: v(), kind: 'volunteer', hours: 3, points: 3, method: 'manual', approvedBy: organizer })
    const ledger = w.rowsOf('ledger', service, v())
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ hours: 3, points: 3, method: 'manual', approved_by: organizer })

    const mine = await w.checkin(v(), { action: 'mine', kind: 'volunteer' })
    expect(expectOk(mine).records.find((r) => r.activityId === service)).toMatchObject({ hours: 3, points: 3 })
  })

  it('confirming again: CONFLICT, nothing written', async () => {
    const res = await w.expectRefused(
      () => w.checkin(organizer, { action: 'confirmHours', activityId: service, memberId: v(), hours: 1 }),
      'CONFLICT',
      409,
    )
    expect(errorOf(res).message).toMatch(CHINESE)
  })
})

describe('hours confirmed by the organizer, then the member checks out after all', () => {
  let service: string
  const v = () => m[8]

  beforeAll(async () => {
    service = await morningServiceWith(v(), '到社区服务：垃圾分类宣传', '2026-11-23', '2026-11-24')
    srv.clock.set(shanghai('2026-11-24 12:30'))
    const confirmed = await w.checkin(organizer, { action: 'confirmHours', activityId: service, memberId: v(), hours: 3 })
    expect(confirmed.status).toBe(200)
  })

  it('the late check-out (still inside the window) does not credit the same 3 hours twice', async () => {
    // confirmHours already credited this check-in: the check-out must not credit the same hours again (6
    // hours and 6 points for a 3-hour activity).
    srv.clock.set(shanghai('2026-11-24 13:00'))
    const res = await w.checkin(v(), { action: 'checkOut', activityId: service, token: await w.token(organizer, service) })
    expect([200, 409]).toContain(res.status)
    const ledger = w.rowsOf('ledger', service, v())
    expect(sumOf(ledger, 'hours')).toBe(3)
    expect(sumOf(ledger, 'points')).toBe(3)
    expect(w.rowsOf('hour_claims', service, v())).toHaveLength(0)
  })
})
