/**
 * Contract: what the obligations evaluators read across the city (the organisation with its
 * secretaries, youth groups and their sessions, branch meetings with their records' filing, cadres,
 * training attendance), and the fields they rest on: a member's 职级, an activity's target, a
 * branch's date of setting up.
 */
import { emptyRecord } from '../../../cloud/domain/branchMeetings'
import type { Store } from '../../../cloud/store/Store'
import { rosterMember } from '../../helpers/roster'
import { NOW, addActivity, addBranchOrg, addMeeting, at, checkIn, credit } from '../fixtures'

const LATER = at(3 * 1440)

/** Cadres beside ORG: k4 left. */
async function addCadres(store: Store): Promise<void> {
  await store.importOrg(
    {
      units: [],
      branches: [],
      partyGroups: [],
      youthGroups: [],
      members: [
        rosterMember('k1', 'DY201', '钱局长', 'u01', { branchId: 'u01-b1', cadreRank: 'bureau' }),
        rosterMember('k2', 'DY202', '孙处长', 'u02', { branchId: 'u02-b1', cadreRank: 'county' }),
        rosterMember('k3', 'DY203', '李科长', 'u01', { cadreRank: 'section' }),
        rosterMember('k4', 'DY204', '周离任', 'u02', { cadreRank: 'county', active: false }),
      ],
    },
    NOW,
  )
}

export function obligationReadsContract(env: { readonly store: Store }): void {
  it('keeps a member’s 职级, an activity’s target and when a branch was set up', async () => {
    const { store } = env
    await addCadres(store)
    expect((await store.getMember('k1'))?.cadreRank).toBe('bureau')
    expect((await store.getMember('m1'))?.cadreRank).toBeNull()
    await store.importOrg({ units: [], branches: [], partyGroups: [], youthGroups: [], members: [rosterMember('k1', 'DY201', '钱局长', 'u01', { branchId: 'u01-b1', cadreRank: 'county' })] }, LATER)
    expect((await store.getMember('k1'))?.cadreRank).toBe('county')

    const a = await addActivity(store, { title: '轮训第一期', targetId: 'rotation-training' })
    expect(a.targetId).toBe('rotation-training')
    expect((await store.getActivity(a.id))?.targetId).toBe('rotation-training')
    expect((await store.updateActivity(a.id, { targetId: null }, at(1))).targetId).toBeNull()
    expect((await store.getActivity(a.id))?.targetId).toBeNull()
    expect((await addActivity(store, { title: '无目标' })).targetId).toBeNull()

    // Set up by the import that made it; importing it again keeps the date.
    expect((await store.getBranch('u01-b1'))?.createdAt).toBe(NOW)
    await store.importOrg({ units: [], branches: [{ id: 'u01-b1', unitId: 'u01', name: '秘书一处党支部（更名）' }, { id: 'u02-b9', unitId: 'u02', name: '新设党支部' }], partyGroups: [], youthGroups: [], members: [] }, LATER)
    expect(await store.getBranch('u01-b1')).toEqual({ id: 'u01-b1', unitId: 'u01', name: '秘书一处党支部（更名）', createdAt: NOW })
    expect((await store.getBranch('u02-b9'))?.createdAt).toBe(LATER)
    expect((await store.branchesOf('branch', ['u02-b9'])).get('u02-b9')?.createdAt).toBe(LATER)
    const tree = await store.orgTree()
    expect(tree.units.flatMap((u) => u.branches).find((b) => b.id === 'u02-b9')?.createdAt).toBe(LATER)
  })

  it('reads the organisation in use: merged nodes left out, each branch’s secretary', async () => {
    const { store } = env
    await addBranchOrg(store)
    await store.importOrg(
      {
        units: [{ id: 'u03', name: '市审计局' }],
        branches: [{ id: 'u03-b1', unitId: 'u03', name: '审计党支部' }],
        partyGroups: [],
        youthGroups: [],
        members: [rosterMember('x1', 'DY301', '前书记', 'u02', { branchId: 'u02-b1', active: false, roles: [{ role: 'branchSecretary', unitId: 'u02', branchId: 'u02-b1' }] })],
      },
      LATER,
    )
    await store.mergeOrg('partyGroup', 'u01-b1-g2', 'u01-b1-g1', at(60))
    await store.mergeOrg('branch', 'u01-b2', 'u01-b1', at(61))
    await store.mergeOrg('unit', 'u03', 'u02', at(62))
    const org = await store.obligationOrg()
    expect(org.units).toEqual([
      { id: 'u01', name: '市委办公室' },
      { id: 'u02', name: '市财政局' },
    ])
    expect(org.branches).toEqual([
      { id: 'u01-b1', name: '秘书一处党支部', unitId: 'u01', createdAt: NOW },
      { id: 'u02-b1', name: '预算处党支部', unitId: 'u02', createdAt: NOW },
      // A merged unit's branch moves to the unit it joined.
      { id: 'u03-b1', name: '审计党支部', unitId: 'u02', createdAt: LATER },
    ])
    expect(org.partyGroups).toEqual([{ id: 'u01-b1-g1', name: '第一党小组', branchId: 'u01-b1' }])
    // s1 is u01-b1's secretary; x1 (u02-b1's) has left, s2 is a committee member.
    expect(org.secretaries).toEqual(new Map([['u01-b1', '周书记']]))
  })

  it('reads active youth, their groups and each group’s first attended session per Shanghai month', async () => {
    const { store } = env
    await store.importOrg({ units: [], branches: [], partyGroups: [], youthGroups: [], members: [rosterMember('y1', 'DY401', '新青年', 'u02', { birthDate: '1991-01-01' }), rosterMember('y2', 'DY402', '已离开', 'u02', { birthDate: '1995-01-01', youthGroupId: 'g02', active: false })] }, NOW)
    const session = async (title: string, startAt: string, groupIds: string[], publish = true) =>
      addActivity(store, { kind: 'study', title, startAt, endAt: new Date(Date.parse(startAt) + 7_200_000).toISOString(), audience: { type: 'groups', groupIds }, publish })
    const attend = (id: string, memberId: string, when: string) => store.recordCheckIn(checkIn(id, memberId, when), credit('study', 2, when))
    const oct10 = await session('十月学习', '2026-10-10T02:00:00.000Z', ['g01'])
    await attend(oct10.id, 'm1', '2026-10-10T02:05:00.000Z')
    // Earlier in October, but nobody came: not a session the group held.
    await session('十月空场', '2026-10-05T02:00:00.000Z', ['g01'])
    const nov3 = await session('联合学习', '2026-11-03T02:00:00.000Z', ['g01', 'g02'])
    await attend(nov3.id, 'm3', '2026-11-03T02:05:00.000Z')
    // 1 November at 01:00 in Shanghai: November's, though still 31 October in UTC.
    const nov1 = await session('深夜学习', '2026-10-31T17:00:00.000Z', ['g02'])
    await attend(nov1.id, 'm3', '2026-10-31T17:05:00.000Z')
    // Its only attendance was reversed (代签): not held.
    const dec5 = await session('十二月学习', '2026-12-05T02:00:00.000Z', ['g02'])
    const { credit: wrong } = await attend(dec5.id, 'm3', '2026-12-05T02:05:00.000Z')
    await store.reverseCredit(wrong!, 'o1', '2026-12-05T03:00:00.000Z', '代签', { device: null, ip: null })
    // A draft, and a session after the range.
    const draft = await session('草稿', '2026-12-10T02:00:00.000Z', ['g02'], false)
    await attend(draft.id, 'm3', '2026-12-10T02:05:00.000Z')
    const jan = await session('明年', '2027-01-05T02:00:00.000Z', ['g01'])
    await attend(jan.id, 'm1', '2027-01-05T02:05:00.000Z')

    const data = await store.youthGroupData('2026-10-01', 35, '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z')
    expect([...data.members].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'm1', name: '李强', unitId: 'u01', branchId: 'u01-b1', youthGroupId: 'g01', birthDate: '1998-05-05' },
      { id: 'm3', name: '陈静', unitId: 'u02', branchId: 'u02-b1', youthGroupId: 'g02', birthDate: '1996-03-03' },
      { id: 'y1', name: '新青年', unitId: 'u02', branchId: null, youthGroupId: null, birthDate: '1991-01-01' },
    ])
    expect([...data.groups].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'g01', name: '市委办公室青年理论学习小组', unitIds: ['u01'] },
      { id: 'g02', name: '财政联合青年理论学习小组', unitIds: ['u01', 'u02'] },
    ])
    expect(data.sessions).toEqual(
      new Map([
        ['g01', new Map([['2026-10', oct10.startAt], ['2026-11', nov3.startAt]])],
        ['g02', new Map([['2026-11', nov1.startAt]])],
      ]),
    )
    // The age limit decides who is youth: m1 is 28 on the day, m3 30.
    expect((await store.youthGroupData('2026-10-01', 28, '2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z')).members.map((m) => m.id)).toEqual(['m1'])
  })

  it('reads published branch meetings with their record’s filing, its filed counts and the 党小组 a 党小组会 is for', async () => {
    const { store } = env
    await addBranchOrg(store)
    const general = await addMeeting(store, { title: '十月党员大会', startAt: '2026-10-15T02:00:00.000Z', endAt: '2026-10-15T04:00:00.000Z' })
    const rows = [
      { memberId: 'm1', name: '张三', status: 'present' as const },
      { memberId: 'm2', name: '李四', status: 'present' as const },
      { memberId: 's1', name: '周书记', status: 'leave' as const },
    ]
    const filedRoll = { expected: 3, present: 2, leave: 1, rows }
    await store.saveMeetingRecord({ ...emptyRecord(general.id, at(1)), version: 1, state: 'submitted', submittedAt: at(2), submittedBy: 's1', filedRoll })
    const group = await addMeeting(store, {
      title: '第一党小组会',
      startAt: '2026-11-02T02:00:00.000Z',
      endAt: '2026-11-02T04:00:00.000Z',
      meeting: { type: 'groupMeeting', forPeriod: '2026-11', election: false },
      audience: { type: 'partyGroups', partyGroupIds: ['u01-b1-g1'] },
    })
    const returned = await addMeeting(store, {
      title: '预算处支委会',
      unitId: 'u02',
      branchId: 'u02-b1',
      startAt: '2026-11-05T02:00:00.000Z',
      endAt: '2026-11-05T04:00:00.000Z',
      meeting: { type: 'committee', forPeriod: '2026-11', election: false },
    })
    await store.saveMeetingRecord({ ...emptyRecord(returned.id, at(1)), version: 1, state: 'returned', submittedAt: at(3), submittedBy: 's1', reviewComment: '请补充' })
    await addMeeting(store, { title: '草稿会议', startAt: '2026-11-06T02:00:00.000Z', endAt: '2026-11-06T04:00:00.000Z', publish: false })
    const cancelled = await addMeeting(store, { title: '取消的会议', startAt: '2026-11-07T02:00:00.000Z', endAt: '2026-11-07T04:00:00.000Z' })
    await store.updateActivity(cancelled.id, { status: 'cancelled' }, at(5))
    await addMeeting(store, { title: '上季度', startAt: '2026-09-10T02:00:00.000Z', endAt: '2026-09-10T04:00:00.000Z', meeting: { type: 'generalMeeting', forPeriod: '2026-Q3', election: false } })
    await addActivity(store, { title: '不是会议', startAt: '2026-11-08T02:00:00.000Z', endAt: '2026-11-08T04:00:00.000Z' })

    const meetings = await store.rhythmMeetings('2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z')
    expect([...meetings].sort((a, b) => a.startAt.localeCompare(b.startAt))).toEqual([
      { activityId: general.id, title: '十月党员大会', unitId: 'u01', branchId: 'u01-b1', partyGroupId: null, type: 'generalMeeting', forPeriod: '2026-Q4', startAt: general.startAt, recordState: 'submitted', submittedAt: at(2), tally: { expected: 3, present: 2, leave: 1 } },
      { activityId: group.id, title: '第一党小组会', unitId: 'u01', branchId: 'u01-b1', partyGroupId: 'u01-b1-g1', type: 'groupMeeting', forPeriod: '2026-11', startAt: group.startAt, recordState: 'draft', submittedAt: null, tally: null },
      { activityId: returned.id, title: '预算处支委会', unitId: 'u02', branchId: 'u02-b1', partyGroupId: null, type: 'committee', forPeriod: '2026-11', startAt: returned.startAt, recordState: 'returned', submittedAt: at(3), tally: null },
    ])
  })

  it('reads active cadres of the ranks asked', async () => {
    const { store } = env
    await addCadres(store)
    const ids = async (ranks: Parameters<Store['cadres']>[0]) => (await store.cadres(ranks)).map((c) => c.id).sort()
    expect([...(await store.cadres(['bureau', 'county']))].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'k1', name: '钱局长', unitId: 'u01', branchId: 'u01-b1', cadreRank: 'bureau' },
      { id: 'k2', name: '孙处长', unitId: 'u02', branchId: 'u02-b1', cadreRank: 'county' },
    ])
    expect(await ids(['section', 'staff'])).toEqual(['k3'])
    expect(await ids([])).toEqual([])
  })

  it('reads each member’s first counted attendance of a training serving the target, make-ups included', async () => {
    const { store } = env
    await addCadres(store)
    const training = (title: string, targetId: string | null, publish = true) =>
      addActivity(store, { kind: 'lecture', title, targetId, audience: { type: 'all' }, endAt: at(720), publish })
    const attend = (id: string, memberId: string, when: string) => store.recordCheckIn(checkIn(id, memberId, when), credit('lecture', 1, when))
    const first = await training('轮训第一期', 'rotation-training')
    const second = await training('轮训第二期', 'rotation-training')
    await attend(first.id, 'k1', at(50))
    await attend(second.id, 'k1', at(30))
    // k2's first attendance was reversed (代签): the later one counts.
    const { credit: wrong } = await attend(first.id, 'k2', at(10))
    await store.reverseCredit(wrong!, 'o1', at(11), '代签', { device: null, ip: null })
    await attend(second.id, 'k2', at(110))
    // k3 missed it and made it up.
    const makeup = await store.insertMakeup({ activityId: first.id, memberId: 'k3', reason: '出差', status: 'pending', requestedBy: 'k3', requestedAt: at(150), reviewedBy: null, reviewedAt: null, reviewComment: null })
    await store.decideMakeup(makeup.id, { approve: true, reviewer: 'o1', comment: null, at: at(200) }, checkIn(first.id, 'k3', at(200), { method: 'makeup' }), credit('lecture', 1, at(200), { method: 'makeup' }))
    // Another target's training, one not tagged, and a draft count for nothing here.
    await attend((await training('其他培训', 'other-training')).id, 'm1', at(5))
    await attend((await training('普通讲座', null)).id, 'm2', at(6))
    await attend((await training('草稿', 'rotation-training', false)).id, 'o1', at(7))

    const attended = await store.trainingAttendance('rotation-training')
    expect(new Map([...attended].sort(([a], [b]) => a.localeCompare(b)))).toEqual(
      new Map([
        ['k1', { at: at(30), activityId: second.id, title: '轮训第二期' }],
        ['k2', { at: at(110), activityId: second.id, title: '轮训第二期' }],
        ['k3', { at: at(200), activityId: first.id, title: '轮训第一期' }],
      ]),
    )
    expect((await store.trainingAttendance('other-training')).get('m1')?.at).toBe(at(5))
    expect(await store.trainingAttendance('nothing')).toEqual(new Map())
  })
}
