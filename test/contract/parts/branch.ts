/** Contract: branch life — meetings addressed to branches and 党小组, their records, amendments, leave and photos. */
import type { LeaveRequest, MeetingRecord, RecordAmendment } from '../../../cloud/contract/model'
import type { Store } from '../../../cloud/store/Store'
import { NOW, addActivity, addBranchOrg, addMeeting, at, checkIn, credit, CAP, expectRefused } from '../fixtures'

const DAY_MIN = 24 * 60

export const record = (activityId: string, version: number, over: Partial<MeetingRecord> = {}): MeetingRecord => ({
  activityId,
  state: 'draft',
  host: '周书记',
  recorder: '吴委员',
  topics: ['学习党章', '讨论发展党员'],
  decisions: '同意接收预备党员',
  minutes: '会议由周书记主持。',
  photos: [],
  absences: [{ memberId: 'm1', reason: 'business', note: '外出开会' }],
  version,
  updatedAt: at(version),
  updatedBy: 's1',
  submittedAt: null,
  submittedBy: null,
  reviewedAt: null,
  reviewedBy: null,
  reviewComment: null,
  filedRoll: null,
  ...over,
})

const leave = (activityId: string, memberId: string, when = at(-60)): Omit<LeaveRequest, 'id' | 'status' | 'reviewedBy' | 'reviewedAt' | 'comment'> => ({
  activityId,
  memberId,
  reason: '出差',
  requestedAt: when,
})

export function branchContract(env: { readonly store: Store }): void {
  beforeEach(async () => addBranchOrg(env.store))

  it('stores a meeting with its branch, and branch and 党小组 audiences, whole', async () => {
    const { store } = env
    const a = await addMeeting(store, { meeting: { type: 'generalMeeting', forPeriod: '2026-Q3', election: true } })
    expect(a).toMatchObject({ unitId: 'u01', branchId: 'u01-b1', meeting: { type: 'generalMeeting', forPeriod: '2026-Q3', election: true }, audience: { type: 'branches', branchIds: ['u01-b1'] } })
    expect(await store.getActivity(a.id)).toEqual(a)
    const g = await addMeeting(store, { title: '党小组会', meeting: { type: 'groupMeeting', forPeriod: '2026-11', election: false }, audience: { type: 'partyGroups', partyGroupIds: ['u01-b1-g1'] } })
    expect(await store.getActivity(g.id)).toEqual(g)
    const plain = await addActivity(store)
    expect(plain).toMatchObject({ branchId: null, meeting: null })
    const moved = await store.updateActivity(plain.id, { audience: { type: 'partyGroups', partyGroupIds: ['u01-b1-g2'] } }, at(1))
    expect(moved.audience).toEqual({ type: 'partyGroups', partyGroupIds: ['u01-b1-g2'] })
    expect(moved).toMatchObject({ branchId: null, meeting: null })
    expect(await store.getActivity(plain.id)).toEqual(moved)
  })

  it('shows branch- and 党小组-addressed activities to their members only', async () => {
    const { store } = env
    const branch = await addMeeting(store)
    const group = await addMeeting(store, { title: '第一党小组会', meeting: { type: 'groupMeeting', forPeriod: '2026-11', election: false }, audience: { type: 'partyGroups', partyGroupIds: ['u01-b1-g1'] } })
    const other = await addMeeting(store, { title: '预算处大会', unitId: 'u02', branchId: 'u02-b1' })
    const seen = async (memberId: string) =>
      (await store.listActivitiesForMember((await store.getMember(memberId))!, at(-DAY_MIN), 50)).map((a) => a.title).sort()
    expect(await seen('s1')).toEqual([branch.title, group.title].sort())
    expect(await seen('p1')).toEqual([branch.title, group.title].sort())
    expect(await seen('s2')).toEqual([branch.title])
    expect(await seen('m1')).toEqual([branch.title])
    expect(await seen('m2')).toEqual([])
    expect(await seen('m3')).toEqual([other.title])
  })

  it('lists meetings by branch or unit within a time range, soonest first, any status', async () => {
    const { store } = env
    const later = await addMeeting(store, { title: '十二月大会', startAt: at(20 * DAY_MIN), endAt: at(20 * DAY_MIN + 90), publish: false })
    const first = await addMeeting(store, { title: '十一月支委会', meeting: { type: 'committee', forPeriod: '2026-11', election: false } })
    const b2 = await addMeeting(store, { title: '二支部大会', branchId: 'u01-b2', startAt: at(DAY_MIN), endAt: at(DAY_MIN + 60) })
    await addMeeting(store, { title: '预算处大会', unitId: 'u02', branchId: 'u02-b1' })
    await addActivity(store, { title: '不是会议', branchId: 'u01-b1' })
    await addActivity(store, { title: '普通讲座' })
    const range = { from: at(-DAY_MIN), to: at(30 * DAY_MIN) }
    const titles = async (filter: Parameters<Store['listMeetings']>[0]) => (await store.listMeetings(filter)).map((a) => a.title)
    expect(await titles({ branchIds: ['u01-b1'], ...range })).toEqual([first.title, later.title])
    expect(await titles({ unitIds: ['u01'], ...range })).toEqual([first.title, b2.title, later.title])
    expect(await titles({ branchIds: ['u01-b1', 'u01-b2'], from: at(-1), to: at(10 * DAY_MIN) })).toEqual([first.title, b2.title])
    expect(await titles({ unitIds: ['u01'], from: at(2 * DAY_MIN), to: at(20 * DAY_MIN) })).toEqual([])
    expect((await store.listMeetings({ unitIds: ['u02'], ...range }))[0]).toMatchObject({ branchId: 'u02-b1', meeting: { type: 'generalMeeting' } })
    expect((await store.listMeetings({ branchIds: ['u01-b1'], ...range }))[1].status).toBe('draft')
  })

  it('counts a branch audience and lists its absentees; a 党小组 audience likewise', async () => {
    const { store } = env
    const a = await addMeeting(store)
    expect(await store.countAudience(a)).toBe(5)
    await store.recordCheckIn(checkIn(a.id, 's1'), credit('study', 1), CAP)
    expect((await store.listAbsent(a)).map((r) => r.memberId).sort()).toEqual(['m1', 'o1', 'p1', 's2'])
    const g = await addMeeting(store, { title: '党小组会', meeting: { type: 'groupMeeting', forPeriod: '2026-11', election: false }, audience: { type: 'partyGroups', partyGroupIds: ['u01-b1-g1', 'u01-b1-g2'] } })
    expect(await store.countAudience(g)).toBe(3)
    expect((await store.listAbsent(g)).map((r) => r.memberId).sort()).toEqual(['p1', 's1', 's2'])
  })

  it('saves a record by version: first save 1, then 2; a stale save is refused', async () => {
    const { store } = env
    const a = await addMeeting(store)
    expect(await store.getMeetingRecord(a.id)).toBeNull()
    const v1 = await store.saveMeetingRecord(record(a.id, 1))
    expect(v1).toEqual(record(a.id, 1))
    expect(await store.getMeetingRecord(a.id)).toEqual(v1)
    await expectRefused(store.saveMeetingRecord(record(a.id, 1, { minutes: '另一人的初稿' })), 'conflict')
    const v2 = await store.saveMeetingRecord(record(a.id, 2, { topics: ['学习党章'], photos: ['ph1', 'ph2'], absences: [] }))
    expect(await store.getMeetingRecord(a.id)).toEqual(v2)
    await expectRefused(store.saveMeetingRecord(record(a.id, 2, { minutes: '晚了一步' })), 'conflict')
    await expectRefused(store.saveMeetingRecord(record(a.id, 4)), 'conflict')
    const b = await addMeeting(store, { title: '另一场' })
    await expectRefused(store.saveMeetingRecord(record(b.id, 2)), 'conflict')
    const v3 = await store.saveMeetingRecord(
      record(a.id, 3, { state: 'submitted', submittedAt: at(3), submittedBy: 's1', reviewComment: null, absences: [{ memberId: 'm1', reason: 'other', note: null }] }),
    )
    expect(await store.getMeetingRecord(a.id)).toEqual(v3)
    const both = await store.meetingRecords([a.id, b.id, 'none'])
    expect([...both.keys()]).toEqual([a.id])
    expect(both.get(a.id)).toEqual(v3)
  })

  it('keeps the roll filed with a record; submitting again replaces it whole', async () => {
    const { store } = env
    const a = await addMeeting(store)
    const first: MeetingRecord['filedRoll'] = {
      expected: 3,
      present: 1,
      leave: 1,
      rows: [
        { memberId: 'm1', name: '张三', status: 'present' },
        { memberId: 'm2', name: '李四', status: 'leave' },
        { memberId: 'm3', name: '王五', status: 'absent' },
      ],
    }
    await store.saveMeetingRecord(record(a.id, 1))
    const filed = await store.saveMeetingRecord(record(a.id, 2, { state: 'submitted', submittedAt: at(3), submittedBy: 's1', filedRoll: first }))
    expect(filed.filedRoll).toEqual(first)
    expect(await store.getMeetingRecord(a.id)).toEqual(filed)
    const returned = record(a.id, 3, { state: 'returned', submittedAt: at(3), submittedBy: 's1', reviewComment: '请补充', filedRoll: first })
    expect((await store.meetingRecords([a.id])).get(a.id)?.filedRoll).toEqual((await store.saveMeetingRecord(returned)).filedRoll)
    const second = { expected: 2, present: 2, leave: 0, rows: [{ memberId: 'm1', name: '张三', status: 'present' as const }, { memberId: 'm3', name: '王五', status: 'present' as const }] }
    await store.saveMeetingRecord(record(a.id, 4, { state: 'submitted', submittedAt: at(9), submittedBy: 's1', filedRoll: second }))
    expect((await store.getMeetingRecord(a.id))?.filedRoll).toEqual(second)
    expect((await store.recordsInState(['u01'], 'submitted', 10))[0].filedRoll).toEqual(second)
  })

  it('finds records by filing state and unit, newest meeting first', async () => {
    const { store } = env
    const older = await addMeeting(store, { title: '十月', startAt: at(-30 * DAY_MIN), endAt: at(-30 * DAY_MIN + 60) })
    const newer = await addMeeting(store, { title: '十一月' })
    const draft = await addMeeting(store, { title: '草稿', branchId: 'u01-b2' })
    const elsewhere = await addMeeting(store, { title: '预算处', unitId: 'u02', branchId: 'u02-b1' })
    for (const a of [older, newer, elsewhere]) await store.saveMeetingRecord(record(a.id, 1, { state: 'submitted', submittedAt: at(5), submittedBy: 's1' }))
    await store.saveMeetingRecord(record(draft.id, 1))
    const ids = async (units: string[] | null, state: MeetingRecord['state'], limit = 10) => (await store.recordsInState(units, state, limit)).map((r) => r.activityId)
    expect(await ids(['u01'], 'submitted')).toEqual([newer.id, older.id])
    expect(await ids(null, 'submitted')).toEqual(expect.arrayContaining([newer.id, older.id, elsewhere.id]))
    expect(await ids(null, 'submitted')).toHaveLength(3)
    expect(await ids(['u01'], 'submitted', 1)).toEqual([newer.id])
    expect(await ids(['u01', 'u02'], 'draft')).toEqual([draft.id])
    expect(await ids(['u02'], 'reviewed')).toEqual([])
    expect((await store.recordsInState(['u02'], 'submitted', 10))[0]).toEqual(record(elsewhere.id, 1, { state: 'submitted', submittedAt: at(5), submittedBy: 's1' }))
  })

  it('appends amendments and lists them in order', async () => {
    const { store } = env
    const a = await addMeeting(store)
    const b = await addMeeting(store, { title: '另一场' })
    const amend = (activityId: string, field: RecordAmendment['field'], value: RecordAmendment['value'], when: string): Omit<RecordAmendment, 'id'> => ({
      activityId,
      field,
      value,
      reason: '记录有误',
      by: 's1',
      at: when,
    })
    const first = await store.insertAmendment(amend(a.id, 'minutes', '补充：会议延长半小时。', at(10)))
    expect(first).toEqual({ id: expect.any(String), ...amend(a.id, 'minutes', '补充：会议延长半小时。', at(10)) })
    const second = await store.insertAmendment(amend(a.id, 'topics', ['学习党章', '民主评议'], at(11)))
    const third = await store.insertAmendment(amend(a.id, 'absence', { memberId: 'm1', reason: 'sick', note: '住院' }, at(12)))
    const other = await store.insertAmendment(amend(b.id, 'host', '吴委员', at(13)))
    expect(new Set([first.id, second.id, third.id, other.id]).size).toBe(4)
    expect(await store.listAmendments([a.id])).toEqual([first, second, third])
    expect((await store.listAmendments([a.id, b.id])).map((x) => x.id)).toEqual([first.id, second.id, third.id, other.id])
    expect(await store.listAmendments(['none'])).toEqual([])
  })

  it('keeps one waiting or approved leave request per member and meeting', async () => {
    const { store } = env
    const a = await addMeeting(store)
    const first = await store.insertLeave(leave(a.id, 'm1'))
    expect(first).toEqual({ id: expect.any(String), ...leave(a.id, 'm1'), status: 'pending', reviewedBy: null, reviewedAt: null, comment: null })
    expect(await store.getLeave(first.id)).toEqual(first)
    await expectRefused(store.insertLeave(leave(a.id, 'm1', at(-50))), 'conflict')
    const rejected = await store.decideLeave(first.id, { status: 'rejected', reviewedBy: 's1', reviewedAt: at(-40), comment: '会议重要' })
    expect(rejected).toEqual({ ...first, status: 'rejected', reviewedBy: 's1', reviewedAt: at(-40), comment: '会议重要' })
    expect(await store.getLeave(first.id)).toEqual(rejected)
    await expectRefused(store.decideLeave(first.id, { status: 'approved', reviewedBy: 's1', reviewedAt: at(-39), comment: null }), 'conflict')
    await expectRefused(store.decideLeave(first.id, 'withdraw'), 'conflict')

    const second = await store.insertLeave(leave(a.id, 'm1', at(-30)))
    expect(await store.decideLeave(second.id, { status: 'approved', reviewedBy: 's1', reviewedAt: at(-20), comment: null })).toMatchObject({ status: 'approved', reviewedBy: 's1' })
    await expectRefused(store.insertLeave(leave(a.id, 'm1', at(-10))), 'conflict')
    await expectRefused(store.decideLeave('none', 'withdraw'), 'notFound', 'leave')
  })

  it('lets a waiting request be withdrawn, after which the member may ask again', async () => {
    const { store } = env
    const a = await addMeeting(store)
    const asked = await store.insertLeave(leave(a.id, 'p1'))
    await store.decideLeave(asked.id, 'withdraw')
    expect(await store.getLeave(asked.id)).toBeNull()
    expect(await store.leavesOf([a.id])).toEqual([])
    const again = await store.insertLeave(leave(a.id, 'p1', at(-5)))
    expect(again.status).toBe('pending')
  })

  it('lets only one of simultaneous leave requests through', async () => {
    const { store } = env
    const a = await addMeeting(store)
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.insertLeave(leave(a.id, 's2', at(-60 + i)))))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
  })

  it('gives the leave of meetings, and one member’s', async () => {
    const { store } = env
    const a = await addMeeting(store)
    const b = await addMeeting(store, { title: '另一场' })
    const l1 = await store.insertLeave(leave(a.id, 'm1'))
    const l2 = await store.insertLeave(leave(a.id, 's2'))
    const l3 = await store.insertLeave(leave(b.id, 'm1'))
    await store.decideLeave(l2.id, { status: 'approved', reviewedBy: 's1', reviewedAt: at(-1), comment: null })
    const ids = (ls: LeaveRequest[]) => ls.map((l) => l.id).sort()
    expect(ids(await store.leavesOf([a.id]))).toEqual([l1.id, l2.id].sort())
    expect((await store.leavesOf([a.id])).find((l) => l.id === l2.id)?.status).toBe('approved')
    expect(ids(await store.leavesOf([a.id, b.id]))).toEqual([l1.id, l2.id, l3.id].sort())
    expect(ids(await store.leavesOfMember('m1', [a.id, b.id]))).toEqual([l1.id, l3.id].sort())
    expect(ids(await store.leavesOfMember('m1', [b.id]))).toEqual([l3.id])
    expect(await store.leavesOfMember('p1', [a.id, b.id])).toEqual([])
    expect(await store.leavesOf([])).toEqual([])
  })

  it('keeps photos with their bytes and type', async () => {
    const { store } = env
    const a = await addMeeting(store)
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3, 254, 255])
    const { id } = await store.putPhoto({ activityId: a.id, mime: 'image/jpeg', bytes, uploadedBy: 's1', uploadedAt: NOW })
    const other = await store.putPhoto({ activityId: a.id, mime: 'image/png', bytes: new Uint8Array([0x89, 0x50]), uploadedBy: 's2', uploadedAt: at(1) })
    expect(other.id).not.toBe(id)
    const got = await store.getPhoto(id)
    expect(got).toMatchObject({ id, activityId: a.id, mime: 'image/jpeg', uploadedBy: 's1', uploadedAt: NOW })
    expect(Buffer.from(got!.bytes)).toEqual(Buffer.from(bytes))
    expect(Buffer.from((await store.getPhoto(other.id))!.bytes)).toEqual(Buffer.from([0x89, 0x50]))
    expect(await store.getPhoto('none')).toBeNull()
  })
}
