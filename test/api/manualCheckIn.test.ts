/**
 * 手动签到 (`checkin.manualCheckIn`): on site, an organizer checks in a member of the audience who has
 * no phone. Credited like a scan (method `manual`, approved by the organizer), once; never for
 * oneself; only for the audience; from the opening of check-in until the end of the activity, after
 * which 补录 is the way; audited. The attendance view names who did it and each person's 支部.
 *
 * The demo city (u01 = 市委办公室) on 20 November 2026; the lecture runs 14:00–15:30 Shanghai time
 * (check-in 13:30–14:30).
 */
import type { AuditEntry } from '../../cloud/contract/model'
import { between, codeOf, errorOf, shanghai, world, type World } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/testServer'

let srv: TestServer
let w: World
let organizer: string
let otherOrganizer: string
let m: string[]

const manual = (who: string, activityId: string, memberId: string, note?: string) =>
  w.call('checkin', { action: 'manualCheckIn', activityId, memberId, ...(note ? { note } : {}) }, who)

const lectureAt = (title: string, from = '2026-11-20 14:00', to = '2026-11-20 15:30', kind: 'lecture' | 'volunteer' = 'lecture') =>
  w.create(organizer, { kind, title, ...between(from, to) })

beforeAll(async () => {
  srv = await startTestServer({ now: shanghai('2026-11-20 09:00') })
  w = world(srv)
  ;({ organizer, otherOrganizer, members: m } = w.u01())
})

afterAll(() => srv.close())

test('an organizer checks in a member without a phone: one manual check-in, credited as a scan, approved by the organizer, audited', async () => {
  srv.clock.set(shanghai('2026-11-20 09:00'))
  const lecture = await lectureAt('手动签到：讲座')
  srv.clock.set(shanghai('2026-11-20 13:50'))
  const data = await w.ok('checkin', { action: 'manualCheckIn', activityId: lecture, memberId: m[0], note: '老同志没有带手机' }, organizer)
  expect(data).toMatchObject({ checkIn: { activityId: lecture, memberId: m[0], method: 'manual', checkedInAt: shanghai('2026-11-20 13:50') }, pointsEarned: 1, note: '老同志没有带手机' })
  expect(w.rowsOf('ledger', lecture, m[0])).toEqual([expect.objectContaining({ points: 1, method: 'manual', approved_by: organizer, reverses_id: null })])

  // The attendance view: the row says who did it and names the member's 支部.
  const att = await w.ok('activity', { action: 'attendance', id: lecture }, organizer)
  const row = att.present.find((r) => r.memberId === m[0])!
  const branch = w.one<{ name: string | null }>('SELECT b.name FROM members m LEFT JOIN branches b ON b.id = m.branch_id WHERE m.id = ?', m[0]).name
  expect(row).toMatchObject({ method: 'manual', points: 1, approvedByName: w.member(organizer).name, branchName: branch })
  expect(att.absent.find((r) => r.memberId === m[0])).toBeUndefined()

  // Audited: target the activity, filed under its unit, the note kept.
  const audit = (await w.ok('member', { action: 'auditLog', unitId: 'u01' }, w.ids.cityAdmin())).entries as AuditEntry[]
  const entry = audit.find((e) => e.action === 'checkin.manualCheckIn')!
  expect(entry).toMatchObject({ actorId: organizer, target: `activityId:${lecture}`, unitId: 'u01', after: data })
})

test('it is credited once: again by hand, or by hand after the member’s own scan, it is refused and writes nothing', async () => {
  srv.clock.set(shanghai('2026-11-20 09:00'))
  const lecture = await lectureAt('手动签到：只记一次')
  srv.clock.set(shanghai('2026-11-20 14:05'))
  await w.ok('checkin', { action: 'manualCheckIn', activityId: lecture, memberId: m[1] }, organizer)
  const again = await w.expectRefused(() => manual(organizer, lecture, m[1]), 'CONFLICT')
  expect(errorOf(again).message).toContain('已签到')
  // The member scans after all: told they are in, nothing more credited.
  const scan = await w.checkIn(organizer, m[1], lecture)
  expect(scan.alreadyCheckedIn).toBe(true)
  expect(w.rowsOf('ledger', lecture, m[1])).toHaveLength(1)

  // A member who scanned first is not checked in a second time by hand.
  await w.checkIn(organizer, m[2], lecture)
  await w.expectRefused(() => manual(organizer, lecture, m[2]), 'CONFLICT')
  expect(w.rowsOf('check_ins', lecture, m[2])).toEqual([expect.objectContaining({ method: 'qr' })])
})

test('four eyes and the audience: never for oneself, only for active members the activity is for, only by its unit’s organizers', async () => {
  srv.clock.set(shanghai('2026-11-20 09:00'))
  const lecture = await lectureAt('手动签到：范围')
  srv.clock.set(shanghai('2026-11-20 14:00'))
  const own = await w.expectRefused(() => manual(organizer, lecture, organizer), 'FORBIDDEN')
  expect(errorOf(own).message).toBe('不能为自己手动签到，请扫码签到或请由本单位其他组织者或单位管理员代为签到')
  // Someone of another unit is not in this unit's audience.
  const outsider = w.ids.plain('u02')[0]
  await w.expectRefused(() => manual(organizer, lecture, outsider), 'NOT_IN_AUDIENCE')
  // Someone who has left.
  const gone = m[m.length - 1]
  w.db.prepare('UPDATE members SET active = 0 WHERE id = ?').run(gone)
  await w.expectRefused(() => manual(organizer, lecture, gone), 'CONFLICT')
  w.db.prepare('UPDATE members SET active = 1 WHERE id = ?').run(gone)
  await w.expectRefused(() => manual(organizer, lecture, 'no-such-member'), 'NOT_FOUND')
  // Another unit's organizer, and a plain member, may not.
  await w.expectRefused(() => manual(otherOrganizer, lecture, m[3]), 'FORBIDDEN')
  await w.expectRefused(() => manual(m[4], lecture, m[3]), 'FORBIDDEN')
})

test('from the opening of check-in until the end: before, refused; after check-in closed, still taken; after the end, refused with 补录 named', async () => {
  srv.clock.set(shanghai('2026-11-20 09:00'))
  const lecture = await lectureAt('手动签到：时间')
  srv.clock.set(shanghai('2026-11-20 13:20'))
  const early = await w.expectRefused(() => manual(organizer, lecture, m[5]), 'WINDOW_CLOSED')
  expect(errorOf(early).message).toContain('签到尚未开始')
  // Check-in closed at 14:30; the activity still runs: the latecomer without a phone is taken.
  srv.clock.set(shanghai('2026-11-20 15:00'))
  await w.ok('checkin', { action: 'manualCheckIn', activityId: lecture, memberId: m[5] }, organizer)
  srv.clock.set(shanghai('2026-11-20 15:30'))
  const late = await w.expectRefused(() => manual(organizer, lecture, m[6]), 'WINDOW_CLOSED')
  expect(errorOf(late).message).toContain('补录')
  // 补录 is what remains, with a reason; the list tells the two apart (both method `manual`).
  await w.ok('checkin', { action: 'addMakeup', activityId: lecture, memberId: m[6], reason: '现场签到表已登记' }, organizer)
  const { present } = await w.ok('activity', { action: 'attendance', id: lecture }, organizer)
  expect(present.filter((r) => [m[5], m[6]].includes(r.memberId)).map((r) => [r.memberId, r.method, r.viaMakeup])).toEqual([
    [m[6], 'manual', true],
    [m[5], 'manual', false],
  ])
})

test('a cancelled activity takes none; a volunteer checked in by hand earns hours later, not points now', async () => {
  srv.clock.set(shanghai('2026-11-20 09:00'))
  const called = await lectureAt('手动签到：已取消')
  await w.ok('activity', { action: 'cancel', id: called }, organizer)
  const shift = await lectureAt('手动签到：志愿服务', '2026-11-20 10:00', '2026-11-20 16:00', 'volunteer')
  srv.clock.set(shanghai('2026-11-20 14:00'))
  expect(codeOf(await manual(organizer, called, m[7]))).toBe('ACTIVITY_NOT_OPEN')
  const data = await w.ok('checkin', { action: 'manualCheckIn', activityId: shift, memberId: m[7] }, organizer)
  expect(data).toMatchObject({ checkIn: { method: 'manual' }, pointsEarned: 0 })
  expect(w.rowsOf('ledger', shift, m[7])).toEqual([])
  const row = (await w.ok('activity', { action: 'attendance', id: shift }, organizer)).present.find((r) => r.memberId === m[7])!
  expect(row).toMatchObject({ method: 'manual', hours: 0, checkedOutAt: null })
})
