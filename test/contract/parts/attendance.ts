/** Contract: make-ups (补签), records of a member, attendance and absentees. */
import type { Store } from '../../../cloud/store/Store'
import { StoreError } from '../../../cloud/store/errors'
import { CAP, NOW, addActivity, at, checkIn, credit, expectRefused, makeupRequest } from '../fixtures'

const approve = (when: string) => ({ approve: true, reviewer: 'o1', comment: '情况属实', at: when })

export function attendanceContract(env: { readonly store: Store }): void {
  it('keeps one open make-up per member and activity; a rejected one may be asked again', async () => {
    const { store } = env
    const a = await addActivity(store)
    const first = await store.insertMakeup(makeupRequest(a.id, 'm1'))
    expect(await store.getMakeup(first.id)).toEqual(first)
    await expectRefused(store.insertMakeup(makeupRequest(a.id, 'm1', at(201))), 'makeupOpen')
    expect(await store.decideMakeup(first.id, { approve: false, reviewer: 'o1', comment: '不符合', at: at(210) }, null, null)).toMatchObject({ status: 'rejected', reviewComment: '不符合' })
    const second = await store.insertMakeup(makeupRequest(a.id, 'm1', at(220)))
    expect(second.id).not.toBe(first.id)
    await store.decideMakeup(second.id, approve(at(230)), checkIn(a.id, 'm1', at(230), { method: 'makeup' }), null)
    await expectRefused(store.insertMakeup(makeupRequest(a.id, 'm1', at(240))), 'makeupOpen')
    expect(await store.getMakeup('none')).toBeNull()
  })

  it('gives one member’s make-ups for an activity, newest first, of one status if asked', async () => {
    const { store } = env
    const a = await addActivity(store)
    const b = await addActivity(store, { title: '另一场' })
    const first = await store.insertMakeup(makeupRequest(a.id, 'm1'))
    await store.decideMakeup(first.id, { approve: false, reviewer: 'o1', comment: '不符合', at: at(210) }, null, null)
    const second = await store.insertMakeup(makeupRequest(a.id, 'm1', at(220)))
    await store.insertMakeup(makeupRequest(a.id, 'm2', at(221)))
    await store.insertMakeup(makeupRequest(b.id, 'm1', at(222)))
    expect((await store.makeupsOf(a.id, 'm1')).map((k) => [k.id, k.status])).toEqual([
      [second.id, 'pending'],
      [first.id, 'rejected'],
    ])
    expect(await store.makeupsOf(a.id, 'm1', 'pending')).toEqual([second])
    expect(await store.makeupsOf(a.id, 'm1', 'approved')).toEqual([])
    expect(await store.makeupsOf(a.id, 'm3')).toEqual([])
  })

  it('lets only one of simultaneous requests through', async () => {
    const { store } = env
    const a = await addActivity(store)
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.insertMakeup(makeupRequest(a.id, 'm2', at(200 + i)))))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as unknown)
    expect(refused.every((e) => e instanceof StoreError && e.kind === 'makeupOpen')).toBe(true)
  })

  it('approving a make-up writes the check-in and its credit once', async () => {
    const { store } = env
    const a = await addActivity(store, { kind: 'study' })
    const m = await store.insertMakeup(makeupRequest(a.id, 'm1'))
    const decided = await store.decideMakeup(m.id, approve(at(300)), checkIn(a.id, 'm1', at(300), { method: 'makeup' }), credit('study', 2, at(300), { method: 'makeup', approvedBy: 'o1' }), CAP)
    expect(decided).toEqual({ ...m, status: 'approved', reviewedBy: 'o1', reviewedAt: at(300), reviewComment: '情况属实' })
    expect(await store.decideMakeup(m.id, approve(at(301)), checkIn(a.id, 'm1', at(301), { method: 'makeup' }), credit('study', 2, at(301)), CAP)).toBeNull()
    expect(await store.findCheckIn(a.id, 'm1')).toMatchObject({ method: 'makeup', checkedInAt: at(300), deviceId: null, lat: null, lng: null })
    expect((await store.creditsOf(a.id, 'm1')).map((c) => [c.points, c.method, c.approvedBy])).toEqual([[2, 'makeup', 'o1']])
  })

  it('a make-up’s check-in sent without a phone’s id or position has them null', async () => {
    const { store } = env
    const a = await addActivity(store, { kind: 'study' })
    const m = await store.insertMakeup(makeupRequest(a.id, 'm1'))
    const { deviceId: _deviceId, lat: _lat, lng: _lng, ...bare } = checkIn(a.id, 'm1', at(300), { method: 'makeup' })
    await store.decideMakeup(m.id, approve(at(300)), bare, null)
    expect(await store.findCheckIn(a.id, 'm1')).toMatchObject({ method: 'makeup', deviceId: null, lat: null, lng: null })
  })

  it('approving after the member checked in makes no second record', async () => {
    const { store } = env
    const a = await addActivity(store, { kind: 'study' })
    const m = await store.insertMakeup(makeupRequest(a.id, 'm1'))
    await store.recordCheckIn(checkIn(a.id, 'm1', at(250)), credit('study', 2, at(250)), CAP)
    expect(await store.decideMakeup(m.id, approve(at(300)), checkIn(a.id, 'm1', at(300), { method: 'makeup' }), credit('study', 2, at(300)), CAP)).toMatchObject({ status: 'approved' })
    expect(await store.findCheckIn(a.id, 'm1')).toMatchObject({ method: 'qr', checkedInAt: at(250) })
    expect(await store.creditsOf(a.id, 'm1')).toHaveLength(1)
  })

  it('lists make-ups of an activity and of a member with names and titles, newest first', async () => {
    const { store } = env
    const a = await addActivity(store, { title: '党课' })
    const b = await addActivity(store, { title: '讲座' })
    const k1 = await store.insertMakeup(makeupRequest(a.id, 'm1', at(200)))
    const k2 = await store.insertMakeup(makeupRequest(a.id, 'm2', at(210)))
    const k3 = await store.insertMakeup(makeupRequest(b.id, 'm1', at(220)))
    await store.decideMakeup(k2.id, { approve: false, reviewer: 'o1', comment: null, at: at(230) }, null, null)
    expect((await store.listMakeupsOfActivity(a.id)).map((k) => [k.id, k.memberName, k.activityTitle])).toEqual([
      [k2.id, '张敏', '党课'],
      [k1.id, '李强', '党课'],
    ])
    expect((await store.listMakeupsOfActivity(a.id, 'pending')).map((k) => k.id)).toEqual([k1.id])
    expect((await store.listMakeupsOfMember('m1', 10)).map((k) => [k.id, k.activityTitle])).toEqual([
      [k3.id, '讲座'],
      [k1.id, '党课'],
    ])
    expect((await store.listMakeupsOfMember('m1', 1)).map((k) => k.id)).toEqual([k3.id])
  })

  it('lists a member’s records with points, hours and hours waiting, newest first', async () => {
    const { store } = env
    const s = await addActivity(store, { kind: 'study', title: '学习' })
    const l = await addActivity(store, { kind: 'lecture', title: '讲座', unitId: 'u02', audience: { type: 'all' } })
    const v = await addActivity(store, { kind: 'volunteer', title: '志愿', endAt: at(700) })
    await store.recordCheckIn(checkIn(s.id, 'm1', at(1)), credit('study', 2, at(1)), CAP)
    await store.recordCheckIn(checkIn(l.id, 'm1', at(2)), credit('lecture', 1, at(2)), CAP)
    const { checkIn: vc } = await store.recordCheckIn(checkIn(v.id, 'm1', at(3)), null)
    await store.recordCheckOut(vc.id, at(700), credit('volunteer', 7, at(700), { hours: 8 }), 1.5, CAP)
    const records = await store.listRecordsOfMember('m1', undefined, 10)
    expect(records.map((r) => [r.title, r.unitName, r.points, r.hours, r.hoursPending])).toEqual([
      ['志愿', '市委办公室', 7, 8, 1.5],
      ['讲座', '市财政局', 1, 0, 0],
      ['学习', '市委办公室', 2, 0, 0],
    ])
    expect(records[0]).toMatchObject({ checkInId: vc.id, activityId: v.id, kind: 'volunteer', subKind: null, startAt: NOW, checkedInAt: at(3), checkedOutAt: at(700), method: 'qr' })
    expect((await store.listRecordsOfMember('m1', 'study', 10)).map((r) => r.title)).toEqual(['学习'])
    expect((await store.listRecordsOfMember('m1', undefined, 2)).map((r) => r.title)).toEqual(['志愿', '讲座'])
    expect(await store.listRecordsOfMember('m2', undefined, 10)).toEqual([])
  })

  it('lists attendance, newest first, with each person’s credit and what their phone sent', async () => {
    const { store } = env
    const a = await addActivity(store, { kind: 'study', audience: { type: 'all' } })
    const one = await store.recordCheckIn(checkIn(a.id, 'm1', at(1)), credit('study', 2, at(1)), CAP)
    const geo = { method: 'geo' as const, distanceM: 12.5, accuracyM: 20, deviceId: 'phone-m3-0001', lat: 30.2741506, lng: 120.1551507 }
    const three = await store.recordCheckIn(checkIn(a.id, 'm3', at(2), geo), credit('study', 2, at(2), { method: 'geo' }), CAP)
    expect(await store.listAttendance(a.id)).toEqual([
      {
        checkInId: three.checkIn.id,
        memberId: 'm3',
        name: '陈静',
        unitName: '市财政局',
        branchName: '预算处党支部',
        checkedInAt: at(2),
        checkedOutAt: null,
        method: 'geo',
        approvedByName: null,
        viaMakeup: false,
        points: 2,
        hours: 0,
        hoursPending: 0,
        reversed: false,
        signals: { deviceId: 'phone-m3-0001', lat: 30.2741506, lng: 120.1551507, accuracyM: 20 },
      },
      {
        checkInId: one.checkIn.id,
        memberId: 'm1',
        name: '李强',
        unitName: '市委办公室',
        branchName: '秘书一处党支部',
        checkedInAt: at(1),
        checkedOutAt: null,
        method: 'qr',
        approvedByName: null,
        viaMakeup: false,
        points: 2,
        hours: 0,
        hoursPending: 0,
        reversed: false,
        signals: { deviceId: null, lat: null, lng: null, accuracyM: null },
      },
    ])
    expect(await store.listAttendance('none')).toEqual([])
  })

  it('names the organizer who credited a check-in by hand, whether through a make-up, and no branch for a member without one', async () => {
    const { store } = env
    const a = await addActivity(store, { kind: 'study', audience: { type: 'all' } })
    await store.recordCheckIn(checkIn(a.id, 'm2', at(1), { method: 'manual' }), credit('study', 2, at(1), { method: 'manual', approvedBy: 'o1' }), CAP)
    await store.recordCheckIn(checkIn(a.id, 'm1', at(2)), credit('study', 2, at(2)), CAP)
    const k = await store.insertMakeup(makeupRequest(a.id, 'm3', at(3), { requestedBy: 'o1' }))
    await store.decideMakeup(k.id, approve(at(4)), checkIn(a.id, 'm3', at(4), { method: 'manual' }), credit('study', 2, at(4), { method: 'manual', approvedBy: 'o1' }))
    expect((await store.listAttendance(a.id)).map((r) => [r.memberId, r.method, r.branchName, r.approvedByName, r.viaMakeup])).toEqual([
      ['m3', 'manual', '预算处党支部', '王芳', true],
      ['m1', 'qr', '秘书一处党支部', null, false],
      ['m2', 'manual', null, '王芳', false],
    ])
  })

  it('marks the attendance of a member whose credit was reversed, and only theirs', async () => {
    const { store } = env
    const a = await addActivity(store, { kind: 'study', audience: { type: 'all' } })
    const b = await addActivity(store, { kind: 'study', title: '另一场', audience: { type: 'all' } })
    const { credit: relayed } = await store.recordCheckIn(checkIn(a.id, 'm1', at(1), { deviceId: 'shared-phone-01' }), credit('study', 2, at(1)), CAP)
    await store.recordCheckIn(checkIn(a.id, 'm2', at(2), { deviceId: 'shared-phone-01' }), credit('study', 2, at(2)), CAP)
    await store.recordCheckIn(checkIn(a.id, 'm3', at(3)), null)
    await store.recordCheckIn(checkIn(b.id, 'm1', at(4)), credit('study', 2, at(4)), CAP)
    await store.reverseCredit(relayed!, 'o1', at(10), '代签，已核实', { device: 'pc', ip: '10.0.0.1' })
    const rows = (await store.listAttendance(a.id)).map((r) => [r.memberId, r.points, r.reversed])
    expect(rows).toEqual([
      ['m3', 0, false],
      ['m2', 2, false],
      ['m1', 0, true],
    ])
    expect((await store.listAttendance(b.id)).map((r) => [r.memberId, r.points, r.reversed])).toEqual([['m1', 2, false]])
  })

  it('lists who is missing from the audience, with their latest make-up, and counts the audience', async () => {
    const { store } = env
    const units = await addActivity(store, { audience: { type: 'units', unitIds: ['u01', 'u02'] } })
    const groups = await addActivity(store, { title: 'g', audience: { type: 'groups', groupIds: ['g02'] } })
    const all = await addActivity(store, { title: 'all', audience: { type: 'all' } })
    await store.recordCheckIn(checkIn(units.id, 'm1'), null)
    const k = await store.insertMakeup(makeupRequest(units.id, 'm2', at(200)))
    await store.decideMakeup(k.id, { approve: false, reviewer: 'o1', comment: null, at: at(201) }, null, null)
    await store.insertMakeup(makeupRequest(units.id, 'm2', at(202)))
    const absent = await store.listAbsent(units)
    // By unit name, then member number; the inactive member is nobody's audience.
    expect(absent).toEqual([
      { memberId: 'o1', name: '王芳', unitName: '市委办公室', branchName: '秘书一处党支部', makeupStatus: null },
      { memberId: 'm2', name: '张敏', unitName: '市委办公室', branchName: null, makeupStatus: 'pending' },
      { memberId: 'm3', name: '陈静', unitName: '市财政局', branchName: '预算处党支部', makeupStatus: null },
      { memberId: 'a1', name: '刘洋', unitName: '市财政局', branchName: null, makeupStatus: null },
    ].sort((x, y) => (x.unitName < y.unitName ? -1 : x.unitName > y.unitName ? 1 : 0)))
    expect(await store.countAudience(units)).toBe(5)
    expect((await store.listAbsent(groups)).map((r) => r.memberId)).toEqual(['m3'])
    expect(await store.countAudience(groups)).toBe(1)
    expect(await store.countAudience(all)).toBe(5)
    expect((await store.listAbsent(all)).map((r) => r.memberId).sort()).toEqual(['a1', 'm1', 'm2', 'm3', 'o1'])
  })
}
