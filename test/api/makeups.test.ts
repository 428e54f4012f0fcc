/**
 * Make-up check-ins (补签). A member outside the rules asks with a reason within 7 days
 * after the activity; the organizer of its unit approves (a check-in with method `makeup` and its
 * credit, approved by the organizer) or rejects (nothing recorded; the member may ask again).
 * Organizers may add a make-up directly. No make-up before the activity starts.
 */
import { between, errorOf, expectOk, shanghai, world, type MakeupRow, type World } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/testServer'

let srv: TestServer
let w: World
let organizer: string
let otherOrganizer: string
let m: string[]
let outsider: string
let lecture: string
let cancelled: string

const request = (memberId: string, activityId = lecture, reason = '当天在外出差，未能到场签到') =>
  w.checkin(memberId, { action: 'requestMakeup', activityId, reason })
const makeupOf = (memberId: string, status?: string): MakeupRow | undefined =>
  srv.store.db
    .prepare(`SELECT * FROM makeups WHERE activity_id = ? AND member_id = ? ${status ? 'AND status = ?' : ''} ORDER BY requested_at DESC`)
    .get(...[lecture, memberId, ...(status ? [status] : [])]) as MakeupRow | undefined

beforeAll(async () => {
  // 10:00 on 2026-11-20 in Shanghai; the lecture is 14:00–16:00 that day.
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  ;({ organizer, otherOrganizer, members: m } = w.u01())
  outsider = w.ids.plain('u02')[0]
  lecture = await w.create(organizer, { kind: 'lecture', subKind: '处长讲坛', title: '处长讲坛：政务公开', ...between('2026-11-20 14:00', '2026-11-20 16:00') })
  cancelled = await w.create(organizer, { kind: 'lecture', title: '党建知识宣讲（已取消）', ...between('2026-11-20 18:00', '2026-11-20 19:00') })
  expect((await w.activity(organizer, { action: 'cancel', id: cancelled })).status).toBe(200)
})

afterAll(async () => {
  await srv.close()
})

describe('asking for a make-up', () => {
  it('before the activity starts: WINDOW_CLOSED', async () => {
    const res = await w.expectRefused(() => request(m[0]), 'WINDOW_CLOSED', 422)
    expect(errorOf(res).message).toContain('尚未开始')
  })

  it('for a cancelled activity: ACTIVITY_NOT_OPEN', async () => {
    srv.clock.set(shanghai('2026-11-21 10:00'))
    await w.expectRefused(() => request(m[0], cancelled), 'ACTIVITY_NOT_OPEN', 422)
  })

  it('2 days after the lecture: pending', async () => {
    srv.clock.set(shanghai('2026-11-20 14:05'))
    await w.checkIn(organizer, m[1], lecture)

    srv.clock.set(shanghai('2026-11-22 16:00'))
    const res = await request(m[0])
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({
      activityId: lecture,
      memberId: m[0],
      reason: '当天在外出差，未能到场签到',
      status: 'pending',
      requestedBy: m[0],
      requestedAt: shanghai('2026-11-22 16:00'),
      reviewedBy: null,
    })
    expect(makeupOf(m[0])).toMatchObject({ id: expectOk(res).id, status: 'pending' })
    // Asking records no check-in and no credit.
    expect(w.rowsOf('check_ins', lecture, m[0])).toHaveLength(0)
    expect(w.rowsOf('ledger', lecture, m[0])).toHaveLength(0)
  })

  it('asking twice: CONFLICT', async () => {
    await w.expectRefused(() => request(m[0]), 'CONFLICT', 409)
  })

  it('10 requests at once make exactly one pending make-up', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => request(m[7])))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    const refused = results.filter((r) => r.status !== 200)
    expect(refused.map((r) => [r.status, errorOf(r).code])).toEqual(Array(9).fill([409, 'CONFLICT']))
    expect(w.rowsOf('makeups', lecture, m[7])).toHaveLength(1)
  })

  it('a member who checked in: CONFLICT', async () => {
    await w.expectRefused(() => request(m[1]), 'CONFLICT', 409)
  })

  it('a member not in the audience: NOT_IN_AUDIENCE', async () => {
    await w.expectRefused(() => request(outsider), 'NOT_IN_AUDIENCE', 403)
  })

  it('a reason of one character: BAD_INPUT', async () => {
    await w.expectRefused(() => request(m[6], lecture, '病'), 'BAD_INPUT', 400)
  })
})

describe('reviewing a make-up', () => {
  let makeupId: string

  beforeAll(() => {
    makeupId = makeupOf(m[0], 'pending')!.id
  })

  it('an organizer of another unit: FORBIDDEN', async () => {
    await w.expectRefused(() => w.checkin(otherOrganizer, { action: 'reviewMakeup', makeupId, approve: true }), 'FORBIDDEN', 403)
  })

  it('a plain member (even the requester): FORBIDDEN', async () => {
    await w.expectRefused(() => w.checkin(m[0], { action: 'reviewMakeup', makeupId, approve: true }), 'FORBIDDEN', 403)
  })

  it('an unknown make-up: NOT_FOUND', async () => {
    await w.expectRefused(() => w.checkin(organizer, { action: 'reviewMakeup', makeupId: 'no-such-makeup', approve: true }), 'NOT_FOUND', 404)
  })

  it('the organizer approves: a make-up check-in and a credit approved by the organizer', async () => {
    srv.clock.set(shanghai('2026-11-22 17:00'))
    const res = await w.checkin(organizer, { action: 'reviewMakeup', makeupId, approve: true })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ id: makeupId, status: 'approved', reviewedBy: organizer, reviewedAt: shanghai('2026-11-22 17:00') })

    const checkIns = w.rowsOf('check_ins', lecture, m[0])
    expect(checkIns).toHaveLength(1)
    expect(checkIns[0]).toMatchObject({ method: 'makeup', distance_m: null, accuracy_m: null })
    const ledger = w.rowsOf('ledger', lecture, m[0])
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ kind: 'lecture', method: 'makeup', approved_by: organizer, points: 1, hours: 0 })
  })

  it('the member sees the approval in checkin.myMakeups', async () => {
    const res = await w.checkin(m[0], { action: 'myMakeups' })
    expect(res.status).toBe(200)
    // Only this lecture's make-ups: the demo city may hold older requests of the same member.
    expect(expectOk(res).makeups.filter((k) => k.activityId === lecture)).toEqual([
      expect.objectContaining({ id: makeupId, activityId: lecture, activityTitle: '处长讲坛：政务公开', status: 'approved', reviewedBy: organizer }),
    ])
  })

  it('the member sees the make-up check-in in checkin.mine', async () => {
    const res = await w.checkin(m[0], { action: 'mine' })
    expect(res.status).toBe(200)
    expect(expectOk(res).records.find((r) => r.activityId === lecture)).toMatchObject({ method: 'makeup', points: 1 })
  })

  it('reviewing it again: CONFLICT, and asking again: CONFLICT (already checked in)', async () => {
    await w.expectRefused(() => w.checkin(organizer, { action: 'reviewMakeup', makeupId, approve: false }), 'CONFLICT', 409)
    await w.expectRefused(() => request(m[0]), 'CONFLICT', 409)
  })

  let rejectedId: string

  it('the organizer rejects with a comment: status rejected, nothing recorded', async () => {
    srv.clock.set(shanghai('2026-11-22 17:10'))
    const asked = await request(m[2], lecture, '身体不适请假')
    expect(asked.status).toBe(200)
    rejectedId = expectOk(asked).id
    srv.clock.set(shanghai('2026-11-22 17:20'))
    const before = w.counts()
    const res = await w.checkin(organizer, { action: 'reviewMakeup', makeupId: rejectedId, approve: false, comment: '请补交请假条' })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ id: rejectedId, status: 'rejected', reviewedBy: organizer, reviewComment: '请补交请假条' })
    expect(makeupOf(m[2])).toMatchObject({ status: 'rejected', reviewed_by: organizer, review_comment: '请补交请假条' })
    expect(w.rowsOf('check_ins', lecture, m[2])).toHaveLength(0)
    expect(w.rowsOf('ledger', lecture, m[2])).toHaveLength(0)
    // The review itself is audited; nothing else is written.
    expect(w.counts()).toEqual({ ...before, audit_log: before.audit_log + 1 })
  })

  it('the member sees the rejection and its comment in checkin.myMakeups', async () => {
    const mine = await w.checkin(m[2], { action: 'myMakeups' })
    expect(mine.status).toBe(200)
    expect(expectOk(mine).makeups.filter((k) => k.activityId === lecture)).toEqual([
      expect.objectContaining({ id: rejectedId, status: 'rejected', reviewComment: '请补交请假条' }),
    ])
  })

  it('after a rejection the member may ask again', async () => {
    srv.clock.set(shanghai('2026-11-22 18:00'))
    const again = await request(m[2], lecture, '已补交请假条，请再次审核')
    expect(again.status).toBe(200)
    expect(expectOk(again)).toMatchObject({ status: 'pending' })
    expect(expectOk(again).id).not.toBe(rejectedId)
    expect(w.rowsOf('makeups', lecture, m[2]).map((r) => r.status).sort()).toEqual(['pending', 'rejected'])

    const att = await w.activity(organizer, { action: 'attendance', id: lecture })
    expect(expectOk(att).absent.find((a) => a.memberId === m[2])).toMatchObject({ makeupStatus: 'pending' })
    const pendingOfMember = expectOk(att).pendingMakeups.filter((k) => k.memberId === m[2])
    expect(pendingOfMember.map((k) => k.id)).toEqual([expectOk(again).id])
    expect(expectOk(att).pendingMakeups.map((k) => k.memberId)).not.toContain(m[0])
  })
})

describe('an organizer adds a make-up directly', () => {
  it('records a make-up check-in at once, requested and approved by the organizer', async () => {
    srv.clock.set(shanghai('2026-11-23 09:00'))
    const res = await w.checkin(organizer, { action: 'addMakeup', activityId: lecture, memberId: m[3], reason: '会议现场签到表已核实' })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ memberId: m[3], status: 'approved', requestedBy: organizer, reviewedBy: organizer })

    const checkIns = w.rowsOf('check_ins', lecture, m[3])
    expect(checkIns).toHaveLength(1)
    expect(checkIns[0].method).toBe('manual')
    const ledger = w.rowsOf('ledger', lecture, m[3])
    expect(ledger).toHaveLength(1)
    expect(ledger[0]).toMatchObject({ method: 'manual', approved_by: organizer, points: 1 })
  })

  it('the member sees the record with method manual (组织者补录) in checkin.mine', async () => {
    const res = await w.checkin(m[3], { action: 'mine', kind: 'lecture' })
    expect(res.status).toBe(200)
    expect(expectOk(res).records.find((r) => r.activityId === lecture)).toMatchObject({
      method: 'manual',
      points: 1,
      title: '处长讲坛：政务公开',
    })
  })

  it('for someone already checked in: CONFLICT', async () => {
    await w.expectRefused(() => w.checkin(organizer, { action: 'addMakeup', activityId: lecture, memberId: m[1], reason: '重复补签' }), 'CONFLICT', 409)
    await w.expectRefused(() => w.checkin(organizer, { action: 'addMakeup', activityId: lecture, memberId: m[3], reason: '重复补签' }), 'CONFLICT', 409)
  })

  it('for someone outside the audience: NOT_IN_AUDIENCE', async () => {
    await w.expectRefused(() => w.checkin(organizer, { action: 'addMakeup', activityId: lecture, memberId: outsider, reason: '外单位人员' }), 'NOT_IN_AUDIENCE', 403)
  })

  it('by a plain member or an organizer of another unit: FORBIDDEN', async () => {
    await w.expectRefused(() => w.checkin(m[4], { action: 'addMakeup', activityId: lecture, memberId: m[4], reason: '给自己补签' }), 'FORBIDDEN', 403)
    await w.expectRefused(() => w.checkin(otherOrganizer, { action: 'addMakeup', activityId: lecture, memberId: m[4], reason: '越权补签' }), 'FORBIDDEN', 403)
  })

  it('for an unknown member: NOT_FOUND', async () => {
    await w.expectRefused(() => w.checkin(organizer, { action: 'addMakeup', activityId: lecture, memberId: 'm9999', reason: '查无此人' }), 'NOT_FOUND', 404)
  })
})

describe('the make-up period ends 7 days after the activity', () => {
  it('exactly 7 days after the end: still open', async () => {
    srv.clock.set(shanghai('2026-11-27 16:00'))
    const res = await request(m[5])
    expect(res.status).toBe(200)
    expect(expectOk(res).status).toBe('pending')
  })

  it('8 days after the end: WINDOW_CLOSED, for members and organizers alike', async () => {
    srv.clock.set(shanghai('2026-11-28 16:00'))
    const res = await w.expectRefused(() => request(m[4]), 'WINDOW_CLOSED', 422)
    expect(errorOf(res).message).toContain('7')
    await w.expectRefused(() => w.checkin(organizer, { action: 'addMakeup', activityId: lecture, memberId: m[4], reason: '逾期补录' }), 'WINDOW_CLOSED', 422)
  })
})

describe('the server tells the check-in page whether a make-up may be asked for', () => {
  // A second lecture, 14:00–16:00 on 2026-11-29; make-ups may be asked for until 16:00 on 2026-12-06.
  let talk: string
  let late: string
  let present: string
  const deadline = shanghai('2026-12-06 16:00')
  const makeupOnGet = async (memberId: string, activityId = talk) => (await w.ok('activity', { action: 'get', id: activityId }, memberId)).makeup
  const scan = async (memberId: string, token?: string) =>
    w.checkin(memberId, { action: 'checkIn', activityId: talk, token: token ?? (await w.token(organizer, talk)) })

  beforeAll(async () => {
    srv.clock.set(shanghai('2026-11-28 17:00'))
    talk = await w.create(organizer, { kind: 'lecture', title: '青年讲座：基层治理', ...between('2026-11-29 14:00', '2026-11-29 16:00') })
    ;[late, present] = [m[8], m[9]]
    expect(late && present).toBeTruthy()
  })

  it('activity.get before the start: not yet, with the deadline', async () => {
    srv.clock.set(shanghai('2026-11-29 13:40'))
    expect(await makeupOnGet(late)).toEqual({ allowed: false, reason: '活动尚未开始，不能补签；请在活动开始后扫码签到', deadline })
  })

  it('a check-in refused for a stale code after the start carries details.makeup: allowed', async () => {
    srv.clock.set(shanghai('2026-11-29 14:10'))
    const res = await w.expectRefused(() => scan(late, 'AAAA.BBBBBBBBBBBBBBBBBBBBBB'), 'TOKEN_EXPIRED', 422)
    expect(errorOf(res).details).toEqual({ makeup: { allowed: true, reason: null, deadline } })
  })

  it('a check-in refused after the window closed carries details.makeup next to closedAt', async () => {
    srv.clock.set(shanghai('2026-11-29 14:45'))
    const res = await w.expectRefused(() => scan(late), 'WINDOW_CLOSED', 422)
    expect(errorOf(res).details).toEqual({ closedAt: shanghai('2026-11-29 14:30'), makeup: { allowed: true, reason: null, deadline } })
    expect(await makeupOnGet(late)).toEqual({ allowed: true, reason: null, deadline })
  })

  it('a refusal a make-up cannot fix carries none', async () => {
    const res = await w.expectRefused(() => scan(outsider), 'NOT_IN_AUDIENCE', 403)
    expect(errorOf(res).details?.makeup).toBeUndefined()
  })

  it('once a request is waiting: not allowed, on activity.get and on the next refused scan alike', async () => {
    expect((await request(late, talk)).status).toBe(200)
    const waiting = { allowed: false, reason: '该活动已有待审核或已通过的补签，无需重复申请', deadline }
    expect(await makeupOnGet(late)).toEqual(waiting)
    const res = await w.expectRefused(() => scan(late), 'WINDOW_CLOSED', 422)
    expect(errorOf(res).details?.makeup).toEqual(waiting)
  })

  it('someone checked in: not allowed', async () => {
    srv.clock.set(shanghai('2026-11-29 14:05'))
    await w.checkIn(organizer, present, talk)
    expect(await makeupOnGet(present)).toEqual({ allowed: false, reason: '您已签到，无需补签', deadline })
  })

  it('a cancelled activity: never, and no deadline; 8 days after the end: too late', async () => {
    expect(await makeupOnGet(late, cancelled)).toEqual({ allowed: false, reason: '活动已取消，无需补签', deadline: null })
    srv.clock.set(shanghai('2026-12-07 16:00'))
    expect(await makeupOnGet(m[10])).toEqual({ allowed: false, reason: '已超过补签期限（活动结束后 7 天内可申请）', deadline })
  })

  it('activity.list does not carry it (it would cost reads per activity)', async () => {
    const list = await w.ok('activity', { action: 'list', view: 'organizing' }, organizer)
    expect(list.activities.map((a) => a.id)).toContain(talk)
    for (const a of list.activities) expect(a).not.toHaveProperty('makeup')
  })
})
