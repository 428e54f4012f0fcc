/**
 * Four eyes (双人把关): an organizer never grants or takes back their own credit. Their own
 * make-up request, hours, and credits are decided by another organizer of the unit or its unit
 * admin; trying it on oneself is FORBIDDEN, says who to ask, and changes nothing.
 */
import { CHINESE, errorOf, NO_CHECK, type Call, type World } from '../../helpers/api'
import type { TestServer } from '../../helpers/testServer'
import { integrityCity, lectureOf, pointsOf } from './city'

let srv: TestServer
let w: World

const WHO_ELSE = '请由本单位其他组织者或单位管理员'
/** The tables a credit decision writes. */
const DECISIONS = ['makeups', 'check_ins', 'ledger', 'hour_claims', 'audit_log', 'counters']

/** FORBIDDEN with the four-eyes message, and not a row of what a decision writes changed. */
async function refusedOwn(request: () => Promise<Call>, words: string) {
  const tables = DECISIONS.filter((t) => w.tables().includes(t))
  const before = w.fingerprint(tables)
  const res = await w.expectRefused(request, 'FORBIDDEN', 403)
  expect(errorOf(res).message).toMatch(CHINESE)
  expect(errorOf(res).message).toContain(words)
  expect(errorOf(res).message).toContain(WHO_ELSE)
  expect(w.fingerprint(tables)).toEqual(before)
}

/** A lecture of 甲局 that started an hour ago, with no location check. */
const runningLecture = async (title: string) => (await w.ok('activity', { ...lectureOf(w, -60, 30, title), publish: true, noLocationReason: NO_CHECK }, 'orgA')).id
const runningService = async (title: string) =>
  (await w.ok('activity', { ...lectureOf(w, -60, 120, title), kind: 'volunteer', publish: true, noLocationReason: NO_CHECK }, 'orgA')).id

beforeAll(async () => {
  ;({ srv, w } = await integrityCity())
})

afterAll(async () => {
  await srv.close()
})

describe('an organizer’s own make-up request', () => {
  it('they cannot decide it either way: FORBIDDEN, still pending, no check-in, no credit', async () => {
    const lecture = await runningLecture('周五理论学习')
    const asked = await w.ok('checkin', { action: 'requestMakeup', activityId: lecture, reason: '在外开会，未能扫码' }, 'orgA')
    for (const approve of [true, false]) await refusedOwn(() => w.checkin('orgA', { action: 'reviewMakeup', makeupId: asked.id, approve }), '不能审核自己的补签申请')
    expect(w.rowsOf('makeups', lecture, 'orgA')).toEqual([expect.objectContaining({ status: 'pending', reviewed_by: null })])
    expect(w.rowsOf('check_ins', lecture, 'orgA')).toEqual([])
    expect(pointsOf(w, 'orgA', lecture)).toBe(0)
  })

  it('another organizer of the unit approves it: the check-in and credit are theirs to approve', async () => {
    const lecture = await runningLecture('党章学习')
    const asked = await w.ok('checkin', { action: 'requestMakeup', activityId: lecture, reason: '在外开会，未能扫码' }, 'orgA')
    expect(await w.ok('checkin', { action: 'reviewMakeup', makeupId: asked.id, approve: true }, 'orgA2')).toMatchObject({ status: 'approved', reviewedBy: 'orgA2' })
    expect(w.rowsOf('ledger', lecture, 'orgA')).toEqual([expect.objectContaining({ points: 1, approved_by: 'orgA2' })])
  })

  it('so may the unit admin', async () => {
    const lecture = await runningLecture('专题党课')
    const asked = await w.ok('checkin', { action: 'requestMakeup', activityId: lecture, reason: '下基层调研' }, 'orgA')
    expect(await w.ok('checkin', { action: 'reviewMakeup', makeupId: asked.id, approve: true }, 'adminA')).toMatchObject({ status: 'approved', reviewedBy: 'adminA' })
  })
})

describe('an organizer adds no make-up and confirms no hours for themself', () => {
  it('addMakeup for oneself: FORBIDDEN, nothing stored; another organizer may add it', async () => {
    const lecture = await runningLecture('形势政策报告会')
    await refusedOwn(() => w.checkin('orgA', { action: 'addMakeup', activityId: lecture, memberId: 'orgA', reason: '现场签到表已核实' }), '不能为自己补录签到')
    expect(w.rowsOf('makeups', lecture, 'orgA')).toEqual([])
    expect(await w.ok('checkin', { action: 'addMakeup', activityId: lecture, memberId: 'orgA', reason: '现场签到表已核实' }, 'orgA2')).toMatchObject({ status: 'approved', reviewedBy: 'orgA2' })
  })

  it('confirmHours for oneself: FORBIDDEN, no hours; another organizer may confirm them', async () => {
    const service = await runningService('社区志愿服务')
    await w.ok('checkin', { action: 'addMakeup', activityId: service, memberId: 'orgA', reason: '现场登记' }, 'orgA2')
    await refusedOwn(() => w.checkin('orgA', { action: 'confirmHours', activityId: service, memberId: 'orgA', hours: 2 }), '不能确认自己的志愿时长')
    expect(w.rowsOf('ledger', service, 'orgA')).toEqual([])
    expect(await w.ok('checkin', { action: 'confirmHours', activityId: service, memberId: 'orgA', hours: 2 }, 'orgA2')).toMatchObject({ hours: 2, approvedBy: 'orgA2' })
  })

  it('reviewHours of one’s own claim: FORBIDDEN, still pending; the unit admin may decide it', async () => {
    const service = await runningService('敬老院服务')
    await w.ok('checkin', { action: 'addMakeup', activityId: service, memberId: 'orgA', reason: '现场登记' }, 'orgA2')
    // The claim itself is fixture: hours over the day's amount, waiting for an organizer.
    w.db.prepare(`INSERT INTO hour_claims (id, activity_id, member_id, hours, status, created_at) VALUES ('hc-own', ?, 'orgA', 2, 'pending', ?)`).run(service, srv.clock.now().toISOString())
    await refusedOwn(() => w.checkin('orgA', { action: 'reviewHours', claimId: 'hc-own', approve: true }), '不能审核自己的时长申请')
    expect(w.rowsOf('hour_claims', service, 'orgA')).toEqual([expect.objectContaining({ status: 'pending', reviewed_by: null })])
    expect(await w.ok('checkin', { action: 'reviewHours', claimId: 'hc-own', approve: true }, 'adminA')).toMatchObject({ status: 'approved', reviewedBy: 'adminA' })
  })
})

describe('an organizer reverses no credit of their own', () => {
  it('reverseCredit and reverseCheckIn of one’s own check-in: FORBIDDEN, the credit stands; another organizer may reverse it', async () => {
    // Started ten minutes ago: check-in still open, and the organizer scans like everyone else.
    const lecture = (await w.ok('activity', { ...lectureOf(w, -10, 50, '青年讲座'), publish: true, noLocationReason: NO_CHECK }, 'orgA')).id
    await w.checkIn('orgA', 'orgA', lecture)
    const [credit] = w.rowsOf('ledger', lecture, 'orgA')
    await refusedOwn(() => w.checkin('orgA', { action: 'reverseCredit', entryId: credit.id, note: '本人误签，申请更正' }), '不能更正自己的积分记录')
    await refusedOwn(() => w.checkin('orgA', { action: 'reverseCheckIn', activityId: lecture, memberId: 'orgA', note: '本人误签，申请撤销' }), '不能撤销自己的签到积分')
    expect(pointsOf(w, 'orgA', lecture)).toBe(1)
    expect(await w.ok('checkin', { action: 'reverseCheckIn', activityId: lecture, memberId: 'orgA', note: '误签，予以撤销' }, 'orgA2')).toMatchObject({ reversed: [{ reversesId: credit.id, approvedBy: 'orgA2' }] })
    expect(pointsOf(w, 'orgA', lecture)).toBe(0)
  })
})
