/**
 * A branch's meetings from publishing to the filed record, through the real gateway: the secretary
 * of 第一党支部 publishes a 支委会 and a 支部党员大会; members ask leave, the secretary decides; they
 * check in; after the end the record is written with photos, refused while an absentee lacks a
 * reason, submitted (then locked), amended, returned and reviewed by the unit admin; the unit's
 * records read and export with the roll the check-ins make. Then 补开/补报 and a move after a meeting.
 *
 * B1 on the day: a1–a8, seven 正式党员 and one 预备党员 (a7); committee a1 (secretary) and a2, the
 * only people a 支委会 expects.
 */
import type { MeetingRecordView } from '../../cloud/contract/model'
import { excel } from '../../cloud/functions/spreadsheet'
import { between, errorOf, expectError, expectOk, NO_CHECK, type World } from '../helpers/api'
import type { TestServer } from '../helpers/testServer'
import { branchCity, JPEG_HEAD, PNG_1X1, type BranchIds } from './branchCity'

let srv: TestServer
let w: World
let ids: BranchIds
let committee: string
let general: string
let thin: string
/** Leave requests: a5's approved, a6's declined. */
let leaveA5: string
let leaveA6: string

const record = async (id: string, who = 'a1'): Promise<MeetingRecordView> => w.ok('activity', { action: 'record', id }, who)
const meeting = (type: 'committee' | 'generalMeeting', title: string, from: string, to: string, extra: { forPeriod?: string; election?: boolean } = {}) =>
  w.ok('activity', { action: 'create', kind: 'study', title, ...between(from, to), publish: true, noLocationReason: NO_CHECK, meeting: { type, branchId: ids.B1, ...extra } }, 'a1')

beforeAll(async () => {
  ;({ srv, w, ids } = await branchCity())
})

afterAll(async () => {
  await srv.close()
})

describe('the organisation the city admin set up', () => {
  it('shows B1 with its two 党小组, head counts and officers', async () => {
    const tree = await w.ok('member', { action: 'orgTree' }, 'city')
    const uA = tree.units.find((u) => u.id === 'uA')
    const b1 = uA?.branches.find((b) => b.id === ids.B1)
    expect(b1).toMatchObject({ name: '第一党支部', memberCount: 8 })
    expect(b1?.partyGroups.map((g) => [g.name, g.memberCount])).toEqual(expect.arrayContaining([['第一党小组', 4], ['第二党小组', 4]]))
    expect(b1?.officers).toEqual(expect.arrayContaining([expect.objectContaining({ memberId: 'a1', role: 'branchSecretary' })]))
  })

  it('a secretary sees only their branch; the member profile names branch and 党小组', async () => {
    const tree = await w.ok('member', { action: 'orgTree' }, 'a1')
    expect(tree.units.map((u) => u.branches.map((b) => b.id))).toEqual([[ids.B1]])
    const me = await w.ok('member', { action: 'me' }, 'a3')
    expect(me).toMatchObject({ branchId: ids.B1, branchName: '第一党支部', partyGroupName: '第一党小组' })
  })
})

describe('publishing meetings', () => {
  it('the secretary publishes a 支委会 and two 支部党员大会, addressed to the branch', async () => {
    w.at('2026-11-03 09:00')
    const c = await meeting('committee', '十一月支委会', '2026-11-10 14:00', '2026-11-10 15:00')
    expect(c).toMatchObject({ subKind: '支委会', unitId: 'uA', branchId: ids.B1, audience: { type: 'branches', branchIds: [ids.B1] }, meeting: { type: 'committee', forPeriod: '2026-11', election: false } })
    committee = c.id
    general = (await meeting('generalMeeting', '第四季度支部党员大会', '2026-11-12 14:00', '2026-11-12 16:00')).id
    thin = (await meeting('generalMeeting', '支部党员大会（补充议题）', '2026-11-13 14:00', '2026-11-13 15:00')).id
    const g = await w.ok('activity', { action: 'get', id: general }, 'a3')
    expect(g.meeting).toMatchObject({ type: 'generalMeeting', forPeriod: '2026-Q4' })
  })

  it('a meeting with an audience, of another kind, or with election off a 大会 is refused', async () => {
    const base = { action: 'create' as const, title: '支委会', ...between('2026-11-20 14:00', '2026-11-20 15:00'), publish: true, noLocationReason: NO_CHECK }
    await w.expectRefused(() => w.activity('a1', { ...base, kind: 'study', meeting: { type: 'committee', branchId: ids.B1 }, audience: { type: 'units', unitIds: ['uA'] } }), 'BAD_INPUT')
    await w.expectRefused(() => w.activity('a1', { ...base, kind: 'lecture', meeting: { type: 'committee', branchId: ids.B1 } }), 'BAD_INPUT')
    await w.expectRefused(() => w.activity('a1', { ...base, kind: 'study', meeting: { type: 'committee', branchId: ids.B1, election: true } }), 'BAD_INPUT')
    await w.expectRefused(() => w.activity('a1', { ...base, kind: 'study', meeting: { type: 'groupMeeting', branchId: ids.B1 } }), 'BAD_INPUT')
    await w.expectRefused(() => w.activity('a1', { ...base, kind: 'study', meeting: { type: 'committee', branchId: 'nope' } }), 'NOT_FOUND')
    await w.expectRefused(() => w.activity('a1', { ...base, kind: 'study' }), 'BAD_INPUT')
  })

  it('a 党小组会 is addressed to its 党小组 only', async () => {
    const g = await w.ok(
      'activity',
      { action: 'create', kind: 'study', title: '第一党小组学习', ...between('2026-11-18 14:00', '2026-11-18 15:00'), publish: true, noLocationReason: NO_CHECK, meeting: { type: 'groupMeeting', branchId: ids.B1, partyGroupId: ids.G1 } },
      'a1',
    )
    expect(g.audience).toEqual({ type: 'partyGroups', partyGroupIds: [ids.G1] })
    const mine = async (who: string) => (await w.ok('activity', { action: 'branchMeetings', period: '2026' }, who)).meetings.map((m) => m.activityId)
    expect(await mine('a3')).toContain(g.id)
    expect(await mine('a5')).not.toContain(g.id)
    expect(await mine('a5')).toEqual(expect.arrayContaining([general, thin]))
    // A 支委会 is the committee's: it is on a2's list, not on a5's.
    expect(await mine('a5')).not.toContain(committee)
    expect(await mine('a2')).toEqual(expect.arrayContaining([committee, general, thin]))
  })
})

describe('leave', () => {
  it('members ask leave before the meeting; the secretary approves one and declines another', async () => {
    w.at('2026-11-05 10:00')
    leaveA5 = (await w.ok('checkin', { action: 'requestLeave', activityId: general, reason: '赴外地参加培训' }, 'a5')).id
    leaveA6 = (await w.ok('checkin', { action: 'requestLeave', activityId: general, reason: '家中有事需要处理' }, 'a6')).id
    const overview = await w.ok('activity', { action: 'branchOverview' }, 'a1')
    expect(overview.pendingLeaves.map((l) => [l.memberName, l.activityTitle])).toEqual(expect.arrayContaining([['周五', '第四季度支部党员大会'], ['吴六', '第四季度支部党员大会']]))
    expect(await w.ok('checkin', { action: 'reviewLeave', leaveId: leaveA5, approve: true }, 'a1')).toMatchObject({ status: 'approved', reviewedBy: 'a1' })
    expect(await w.ok('checkin', { action: 'reviewLeave', leaveId: leaveA6, approve: false, comment: '会议重要，请调整安排' }, 'a1')).toMatchObject({ status: 'rejected' })
    await w.expectRefused(() => w.checkin('a1', { action: 'reviewLeave', leaveId: leaveA5, approve: false }), 'CONFLICT')
  })

  it('a member withdraws a request still waiting, never someone else\'s', async () => {
    // a4 is not on the committee: a 支委会 needs no leave from them.
    await w.expectRefused(() => w.checkin('a4', { action: 'requestLeave', activityId: committee, reason: '临时出差两天' }), 'NOT_IN_AUDIENCE')
    const l = await w.ok('checkin', { action: 'requestLeave', activityId: committee, reason: '临时出差两天' }, 'a2')
    await w.expectRefused(() => w.checkin('a3', { action: 'withdrawLeave', leaveId: l.id }), 'FORBIDDEN')
    expect(await w.ok('checkin', { action: 'withdrawLeave', leaveId: l.id }, 'a2')).toMatchObject({ withdrawn: true })
  })

  it('the member sees their leave on their meetings', async () => {
    const mine = (await w.ok('activity', { action: 'branchMeetings' }, 'a5')).meetings.find((m) => m.activityId === general)
    expect(mine).toMatchObject({ mine: 'leave', leave: { status: 'approved' }, mayRequestLeave: false })
    const a6 = (await w.ok('activity', { action: 'branchMeetings' }, 'a6')).meetings.find((m) => m.activityId === general)
    expect(a6).toMatchObject({ mine: 'upcoming', leave: { status: 'rejected' }, mayRequestLeave: true })
  })
})

describe('the meeting and its record', () => {
  it('members check in with the QR code', async () => {
    w.at('2026-11-10 14:05')
    await w.checkIn('a1', 'a1', committee)
    w.at('2026-11-12 14:05')
    for (const m of ['a1', 'a2', 'a3', 'a4', 'a7']) await w.checkIn('a1', m, general)
    w.at('2026-11-13 14:05')
    for (const m of ['a1', 'a2']) await w.checkIn('a1', m, thin)
  })

  it('the roll: 应到 正式/预备 apart, 实到 from check-ins, approved leave not absent nor in the rate, quorum met', async () => {
    w.at('2026-11-12 17:00')
    const v = await record(general)
    expect(v.roll).toMatchObject({
      expected: { full: 7, probationary: 1, total: 8 },
      present: { full: 4, probationary: 1, total: 5 },
      leave: 1,
      absent: 2,
      reasonsMissing: 2,
      quorum: { needed: 4, present: 4, met: true },
    })
    expect(v.roll.attendanceRate).toBeCloseTo(5 / 7)
    const status = Object.fromEntries(v.roll.rows.map((r) => [r.memberId, r.status]))
    expect(status).toEqual({ a1: 'present', a2: 'present', a3: 'present', a4: 'present', a7: 'present', a5: 'leave', a6: 'absent', a8: 'absent' })
    expect(v.roll.rows.find((r) => r.memberId === 'a5')?.leaveReason).toBe('赴外地参加培训')
    expect(v.may).toMatchObject({ edit: true, submit: false, amend: false, review: false })
    expect(v.problems).toEqual(expect.arrayContaining(['请填写主持人', '还有 2 名缺席党员未登记缺席原因']))
  })

  it('a 大会 with too few 正式党员 and a 支委会 without half its committee miss quorum', async () => {
    w.at('2026-11-13 16:00')
    expect((await record(thin)).roll.quorum).toMatchObject({ needed: 4, present: 2, met: false })
    expect((await record(committee)).roll).toMatchObject({ expected: { total: 2 }, quorum: { needed: 2, present: 1, met: false } })
  })

  let version = 0
  let photoIds: string[] = []
  it('after the end, the record is saved with photos', async () => {
    w.at('2026-11-12 17:00')
    const png = await w.ok('activity', { action: 'uploadPhoto', activityId: general, mime: 'image/png', data: PNG_1X1 }, 'a1')
    const jpg = await w.ok('activity', { action: 'uploadPhoto', activityId: general, mime: 'image/jpeg', data: JPEG_HEAD }, 'a1')
    photoIds = [png.id, jpg.id]
    const saved = await w.ok(
      'activity',
      {
        action: 'saveRecord',
        id: general,
        version: 0,
        host: '赵一',
        recorder: '钱二',
        topics: ['学习贯彻全会精神', '讨论发展党员工作'],
        decisions: '同意接收李某为预备党员',
        minutes: '会议由赵一主持，传达学习了全会精神……',
        photos: photoIds,
      },
      'a1',
    )
    expect(saved).toMatchObject({ state: 'draft', version: 1, updatedBy: 'a1', photos: photoIds })
    version = saved.version
    const back = await w.ok('activity', { action: 'photo', id: png.id }, 'a3')
    expect(back).toEqual({ id: png.id, mime: 'image/png', data: PNG_1X1 })
  })

  it('submitting is refused while an absentee lacks a reason (details.problems)', async () => {
    const before = w.mark()
    const res = await w.activity('a1', { action: 'submitRecord', id: general, version })
    expectError(res, 'BAD_INPUT')
    expect(errorOf(res).details?.problems).toEqual(['还有 2 名缺席党员未登记缺席原因'])
    expect(w.mark()).toEqual(before)
  })

  it('a stale version is a conflict, a reason for someone present is bad input', async () => {
    await w.expectRefused(() => w.activity('a1', { action: 'saveRecord', id: general, version: 0, minutes: '覆盖' }), 'CONFLICT')
    await w.expectRefused(() => w.activity('a1', { action: 'saveRecord', id: general, version, absences: [{ memberId: 'a3', reason: 'sick' }] }), 'BAD_INPUT')
    await w.expectRefused(() => w.activity('a1', { action: 'saveRecord', id: general, version, absences: [{ memberId: 'a5', reason: 'sick' }] }), 'BAD_INPUT')
  })

  it('with the reasons entered it is submitted and locked', async () => {
    const saved = await w.ok(
      'activity',
      { action: 'saveRecord', id: general, version, absences: [{ memberId: 'a6', reason: 'personal', note: '家中有事' }, { memberId: 'a8', reason: 'business' }] },
      'a1',
    )
    expect((await record(general)).may.submit).toBe(true)
    const submitted = await w.ok('activity', { action: 'submitRecord', id: general, version: saved.version }, 'a1')
    expect(saved.filedRoll).toBeNull()
    expect(submitted).toMatchObject({ state: 'submitted', submittedBy: 'a1', version: saved.version + 1 })
    // The roll is kept with the record as it was filed: the counts and who came out how.
    expect(submitted.filedRoll).toMatchObject({ expected: 8, present: 5, leave: 1 })
    expect(Object.fromEntries(submitted.filedRoll!.rows.map((r) => [r.memberId, r.status]))).toEqual({
      a1: 'present', a2: 'present', a3: 'present', a4: 'present', a7: 'present', a5: 'leave', a6: 'absent', a8: 'absent',
    })
    version = submitted.version
    const v = await record(general)
    expect(v.may).toMatchObject({ edit: false, submit: false, amend: true })
    expect(v.filedLate).toBe(false)
    expect(v.roll.rows.find((r) => r.memberId === 'a6')?.absence).toEqual({ memberId: 'a6', reason: 'personal', note: '家中有事' })
  })

  it('saving a submitted record: CONFLICT, nothing changed', async () => {
    await w.expectRefused(() => w.activity('a1', { action: 'saveRecord', id: general, version, minutes: '改写' }), 'CONFLICT')
    await w.expectRefused(() => w.activity('a1', { action: 'uploadPhoto', activityId: general, mime: 'image/png', data: PNG_1X1 }), 'CONFLICT')
  })

  it('an amendment is appended with who, when and why; the filed record stays, `record` reads amended', async () => {
    w.at('2026-11-14 09:00')
    await w.expectRefused(() => w.activity('a1', { action: 'amendRecord', id: committee, field: 'minutes', value: '补充', reason: '补充会议内容' }), 'CONFLICT')
    const a = await w.ok('activity', { action: 'amendRecord', id: general, field: 'decisions', value: '同意接收李某、张某为预备党员', reason: '记录时漏记一名' }, 'a1')
    expect(a).toMatchObject({ field: 'decisions', by: 'a1', reason: '记录时漏记一名' })
    const v = await record(general)
    expect(v.filed.decisions).toBe('同意接收李某为预备党员')
    expect(v.record.decisions).toBe('同意接收李某、张某为预备党员')
    expect(v.amendments).toEqual([expect.objectContaining({ byName: '赵一', reason: '记录时漏记一名', at: new Date(srv.clock.now()).toISOString() })])
    expect(v.filed.version).toBe(version)
  })

  it('the unit admin returns it with a comment (a comment is required), the branch corrects and resubmits, the admin reviews', async () => {
    await w.expectRefused(() => w.activity('adminA', { action: 'reviewRecord', id: general, approve: false }), 'BAD_INPUT')
    const queue = await w.ok('activity', { action: 'recordsToReview' }, 'adminA')
    expect(queue.meetings.map((m) => m.activityId)).toEqual([general])
    const filedRoll = (await record(general)).filed.filedRoll
    expect(await w.ok('activity', { action: 'reviewRecord', id: general, approve: false, comment: '请补充会议照片说明' }, 'adminA')).toMatchObject({
      state: 'returned',
      reviewComment: '请补充会议照片说明',
      filedRoll,
    })
    const v = await record(general)
    expect(v.may.edit).toBe(true)
    const saved = await w.ok('activity', { action: 'saveRecord', id: general, version: v.filed.version, minutes: '会议由赵一主持，传达学习了全会精神。照片为会场全景。' }, 'a1')
    // Submitted again, it keeps the roll as it stands now; reviewing keeps that.
    const again = await w.ok('activity', { action: 'submitRecord', id: general, version: saved.version }, 'a1')
    expect(again.filedRoll).toEqual({ ...filedRoll, rows: v.roll.rows.map((r) => ({ memberId: r.memberId, name: r.name, status: r.status })) })
    expect(await w.ok('activity', { action: 'reviewRecord', id: general, approve: true }, 'adminA')).toMatchObject({ state: 'reviewed', reviewedBy: 'adminA', filedRoll: again.filedRoll })
    expect((await record(general, 'adminA')).names).toEqual({ updatedBy: '赵一', submittedBy: '赵一', reviewedBy: '吴管理' })
  })

  it('the submitter cannot review their own record', async () => {
    // The unit admin runs every branch of the unit, so may write and file the 支委会 record too.
    w.at('2026-11-14 10:00')
    const saved = await w.ok(
      'activity',
      { action: 'saveRecord', id: committee, version: 0, host: '赵一', recorder: '钱二', topics: ['研究发展党员'], minutes: '……', absences: [{ memberId: 'a2', reason: 'other' as const }] },
      'adminA',
    )
    await w.ok('activity', { action: 'submitRecord', id: committee, version: saved.version }, 'adminA')
    await w.expectRefused(() => w.activity('adminA', { action: 'reviewRecord', id: committee, approve: true }), 'FORBIDDEN')
  })
})

describe('the unit\'s records, read and exported', () => {
  it('meetingRecords lists the branch\'s published meetings of the period, oldest first, with their rolls', async () => {
    const { records } = await w.ok('activity', { action: 'meetingRecords', unitId: 'uA', period: '2026-Q4' }, 'adminA')
    expect(records.map((r) => r.activity.id).slice(0, 3)).toEqual([committee, general, thin])
    const g = records.find((r) => r.activity.id === general)
    expect(g).toMatchObject({ activity: { branchName: '第一党支部', unitName: '甲局' }, filed: { state: 'reviewed' }, roll: { present: { total: 5 } } })
    await w.expectRefused(() => w.activity('adminA', { action: 'meetingRecords', unitId: 'uA', branchId: ids.B1 }), 'BAD_INPUT')
  })

  it('exportRecords: the 会议 sheet\'s 实到 and the 出席 sheet\'s names match the check-ins', async () => {
    const file = await w.ok('activity', { action: 'exportRecords', branchId: ids.B1, period: '2026', format: 'xlsx' }, 'a1')
    expect(file.filename).toBe('第一党支部-会议记录-2026.xlsx')
    const book = new (await excel()).Workbook()
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const rows = (name: string) => {
      const out: string[][] = []
      book.getWorksheet(name)?.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
      return out
    }
    const meetings = rows('会议')
    const header = meetings[0]
    const line = meetings.find((r) => r[2] === '第四季度支部党员大会') as string[]
    expect(line[header.indexOf('实到')]).toBe('5')
    expect(line[header.indexOf('应到(正式/预备)')]).toBe('8（7/1）')
    expect(line[header.indexOf('请假')]).toBe('1')
    expect(line[header.indexOf('缺席')]).toBe('2')
    expect(line[header.indexOf('状态')]).toBe('已审阅')
    expect(line[header.indexOf('决议')]).toBe('同意接收李某、张某为预备党员')
    const present = rows('出席').filter((r) => r[1] === '第四季度支部党员大会' && r[6] === '出席').map((r) => r[3])
    expect(present.sort()).toEqual(['孙三', '李四', '赵一', '郑七', '钱二'].sort())
    expect(rows('更正').slice(1)).toEqual([expect.arrayContaining(['第四季度支部党员大会', '决议', '记录时漏记一名', '赵一'])])
    const csv = await w.ok('activity', { action: 'exportRecords', branchId: ids.B1, period: '2026', format: 'csv' }, 'a1')
    expect(csv.filename).toBe('第一党支部-会议记录-2026.csv')
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain('第四季度支部党员大会')
  })
})

describe('补开, 补报 and history', () => {
  let late: string
  it('a 支委会 held in November for October is 补开; its record filed in December is 补报', async () => {
    w.at('2026-11-19 09:00')
    late = (await meeting('committee', '补开十月支委会', '2026-11-20 09:00', '2026-11-20 10:00', { forPeriod: '2026-10' })).id
    await w.expectRefused(() => w.activity('a1', { action: 'create', kind: 'study', title: '提前开', ...between('2026-11-20 14:00', '2026-11-20 15:00'), meeting: { type: 'committee', branchId: ids.B1, forPeriod: '2026-12' } }), 'BAD_INPUT')
    w.at('2026-11-20 09:05')
    await w.checkIn('a1', 'a1', late)
    await w.checkIn('a1', 'a2', late)
    w.at('2026-12-02 10:00')
    const v = await record(late)
    expect(v.heldLate).toBe(true)
    const absentees = v.roll.rows.filter((r) => r.status === 'absent').map((r) => ({ memberId: r.memberId, reason: 'business' as const }))
    const saved = await w.ok('activity', { action: 'saveRecord', id: late, version: 0, host: '赵一', recorder: '钱二', topics: ['补开十月支委会'], minutes: '……', absences: absentees }, 'a1')
    await w.ok('activity', { action: 'submitRecord', id: late, version: saved.version }, 'a1')
    const filed = await record(late)
    expect({ heldLate: filed.heldLate, filedLate: filed.filedLate }).toEqual({ heldLate: true, filedLate: true })
    const summary = (await w.ok('activity', { action: 'branchOverview', branchId: ids.B1 }, 'a1')).meetings.find((m) => m.activityId === late)
    expect(summary).toMatchObject({ heldLate: true, filedLate: true, recordState: 'submitted', arrivals: 2 })
  })

  it('a member moved to another branch after a meeting stays in its 应到, not in later ones', async () => {
    w.at('2026-12-03 09:00')
    await w.ok('member', { action: 'saveOrg', op: 'move', memberIds: ['a3'], to: { unitId: 'uA', branchId: ids.B2, partyGroupId: null } }, 'adminA')
    expect((await record(general)).roll.rows.map((r) => r.memberId)).toContain('a3')
    const next = await meeting('generalMeeting', '十二月支部党员大会', '2026-12-10 14:00', '2026-12-10 15:00')
    const v = await record(next.id)
    expect(v.roll.rows.map((r) => r.memberId)).not.toContain('a3')
    expect(v.roll.expected).toEqual({ full: 6, probationary: 1, total: 7 })
  })

  it('the branch overview shows this year\'s rhythm with what is held and what is owed', async () => {
    const o = await w.ok('activity', { action: 'branchOverview' }, 'a1')
    expect(o.branch).toMatchObject({ id: ids.B1, name: '第一党支部', unitName: '甲局' })
    expect(o.may).toEqual({ run: true, review: false })
    const committeeRow = o.rhythm.find((r) => r.type === 'committee')
    expect(committeeRow).toMatchObject({ period: '2026-12', status: 'due' })
    expect(committeeRow?.missed).not.toContain('2026-11')
    expect(committeeRow?.missed).not.toContain('2026-10')
    expect(o.rhythm.find((r) => r.type === 'generalMeeting')).toMatchObject({ period: '2026-Q4', status: 'held' })
    expect(o.rhythm.filter((r) => r.type === 'groupMeeting').map((r) => r.partyGroupName).sort()).toEqual(['第一党小组', '第二党小组'].sort())
    expect(o.members.find((m) => m.id === 'a2')).toMatchObject({ committee: true, partyGroupName: '第一党小组' })
  })

  it('the photo of a meeting is served to members of the branch only', async () => {
    const photoId = (await record(general)).record.photos[0]
    expectOk(await w.activity('a4', { action: 'photo', id: photoId }))
    await w.expectRefused(() => w.activity('a10', { action: 'photo', id: photoId }), 'FORBIDDEN')
  })
})
