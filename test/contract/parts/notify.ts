/** Contract: reminders — inboxes delivered once, preferences, WeChat subscriptions, and what a dispatch run reads. */
import type { NotifyKind } from '../../../cloud/contract/vocabulary'
import type { Delivery, Store } from '../../../cloud/store/Store'
import { addActivity, addBranchOrg, addMeeting, at, checkIn } from '../fixtures'
import { record } from './branch'

const delivery = (key: string, memberId: string, createdAt = at(0), over: Partial<Delivery> = {}): Delivery => ({
  key,
  memberId,
  kind: 'activitySoon',
  title: '处长讲坛 30 分钟后开始',
  body: '地点：三楼会议室',
  link: '/pages/checkin/index?a=x',
  createdAt,
  ...over,
})

const sorted = (xs: string[]): string[] => [...xs].sort()

export function notifyContract(env: { readonly store: Store }): void {
  it('delivers a reminder once per key and member: the second call delivers nothing and changes nothing', async () => {
    const { store } = env
    const first = await store.deliverOnce(delivery('activitySoon:a1', 'm1'))
    expect(first.delivered).toBe(true)
    expect(first.message).toMatchObject({
      memberId: 'm1',
      kind: 'activitySoon',
      title: '处长讲坛 30 分钟后开始',
      body: '地点：三楼会议室',
      link: '/pages/checkin/index?a=x',
      createdAt: at(0),
      readAt: null,
      pushed: false,
    })
    const again = await store.deliverOnce(delivery('activitySoon:a1', 'm1', at(5), { title: '另一次运行' }))
    expect(again).toEqual({ message: first.message, delivered: false })
    // The same key for another member is that member's own.
    expect((await store.deliverOnce(delivery('activitySoon:a1', 'm2'))).delivered).toBe(true)
    expect(await store.inbox('m1', null, 10)).toEqual([first.message])
    expect(await store.deliveredKeys([])).toEqual(new Set())
    expect(
      await store.deliveredKeys([
        { key: 'activitySoon:a1', memberId: 'm1' },
        { key: 'activitySoon:a1', memberId: 'm3' },
        { key: 'activityTomorrow:a1', memberId: 'm1' },
      ]),
    ).toEqual(new Set(['activitySoon:a1|m1']))
    await store.markPushed(first.message.id)
    expect((await store.inbox('m1', null, 10))[0]).toEqual({ ...first.message, pushed: true })
  })

  it('reads the WeChat OPENIDs members are bound to, leaving out those not bound', async () => {
    const { store } = env
    expect(await store.bindOpenId('m1', 'wx-open-1')).toBe(true)
    expect(await store.bindOpenId('m2', 'wx-open-2')).toBe(true)
    expect(await store.openIdsOf(['m1', 'm2', 'm3'])).toEqual(new Map([['m1', 'wx-open-1'], ['m2', 'wx-open-2']]))
    expect(await store.openIdsOf([])).toEqual(new Map())
  })

  it('delivers exactly once when overlapping runs deliver the same reminder at once', async () => {
    const { store } = env
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.deliverOnce(delivery('makeupDecided:k1', 'm1', at(i), { kind: 'makeupDecided' }))))
    expect(results.filter((r) => r.delivered)).toHaveLength(1)
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1)
    expect(await store.inbox('m1', null, 20)).toHaveLength(1)
    expect(await store.unreadCount('m1')).toBe(1)
  })

  it('pages a member’s inbox newest first, without losing or repeating messages of the same time', async () => {
    const { store } = env
    for (let i = 1; i <= 5; i++) await store.deliverOnce(delivery(`activitySoon:a${i}`, 'm1', at(i)))
    await store.deliverOnce(delivery('activitySoon:same1', 'm1', at(6)))
    await store.deliverOnce(delivery('activitySoon:same2', 'm1', at(6)))
    await store.deliverOnce(delivery('activitySoon:other', 'm2', at(7)))
    const seen: string[] = []
    const times: string[] = []
    let before: string | null = null
    for (let page = 0; page < 5; page++) {
      const messages = await store.inbox('m1', before, 3)
      if (messages.length === 0) break
      expect(messages.length).toBeLessThanOrEqual(3)
      for (const m of messages) {
        expect(m.memberId).toBe('m1')
        seen.push(m.id)
        times.push(m.createdAt)
      }
      before = messages[messages.length - 1].id
    }
    expect(seen).toHaveLength(7)
    expect(new Set(seen).size).toBe(7)
    expect(times).toEqual([at(6), at(6), at(5), at(4), at(3), at(2), at(1)])
    expect((await store.inbox('m1', null, 2)).map((m) => m.createdAt)).toEqual([at(6), at(6)])
    expect(await store.inbox('m3', null, 10)).toEqual([])
  })

  it('counts unread messages and marks read only the member’s own, or all of them', async () => {
    const { store } = env
    const a = (await store.deliverOnce(delivery('activitySoon:a1', 'm1', at(1)))).message
    const b = (await store.deliverOnce(delivery('activitySoon:a2', 'm1', at(2)))).message
    await store.deliverOnce(delivery('activitySoon:a3', 'm1', at(3)))
    const other = (await store.deliverOnce(delivery('activitySoon:a1', 'm2', at(1)))).message
    expect(await store.unreadCount('m1')).toBe(3)
    expect(await store.unreadCount('m3')).toBe(0)
    // Another member's id is ignored.
    expect(await store.markRead('m1', [a.id, other.id, 'none'], at(10))).toBe(1)
    expect(await store.unreadCount('m1')).toBe(2)
    expect(await store.unreadCount('m2')).toBe(1)
    expect((await store.inbox('m2', null, 10))[0].readAt).toBeNull()
    // Already read: nothing changes, and the first reading time stays.
    expect(await store.markRead('m1', [a.id], at(11))).toBe(0)
    expect(await store.markRead('m1', [], at(11))).toBe(0)
    expect(await store.markRead('m1', 'all', at(12))).toBe(2)
    expect(await store.unreadCount('m1')).toBe(0)
    const read = new Map((await store.inbox('m1', null, 10)).map((m) => [m.id, m.readAt]))
    expect(read.get(a.id)).toBe(at(10))
    expect(read.get(b.id)).toBe(at(12))
    expect(await store.markRead('m1', 'all', at(13))).toBe(0)
    expect(await store.unreadCount('m2')).toBe(1)
  })

  it('keeps each member’s preferences: nothing off and no subscriptions until saved', async () => {
    const { store } = env
    expect(await store.getPreferences('m1')).toEqual({ off: [], subscriptions: {} })
    const off: NotifyKind[] = ['activityTomorrow', 'obligationDue']
    expect(await store.setKindsOff('m1', off)).toEqual({ off, subscriptions: {} })
    expect(await store.getPreferences('m1')).toEqual({ off, subscriptions: {} })
    await store.addSubscriptions('m1', ['reviewResult'])
    expect(await store.setKindsOff('m1', ['recordReturned'])).toEqual({ off: ['recordReturned'], subscriptions: { reviewResult: 1 } })
    const many = await store.preferencesOf(['m1', 'm2'])
    expect(many.size).toBe(2)
    expect(many.get('m1')).toEqual({ off: ['recordReturned'], subscriptions: { reviewResult: 1 } })
    expect(many.get('m2')).toEqual({ off: [], subscriptions: {} })
    expect((await store.preferencesOf([])).size).toBe(0)
    expect(await store.setKindsOff('m1', [])).toEqual({ off: [], subscriptions: { reviewResult: 1 } })
  })

  it('counts WeChat sends per template: each acceptance adds one, each send spends one, none below zero', async () => {
    const { store } = env
    expect(await store.spendSubscription('m1', 'activityReminder')).toBe(false)
    expect(await store.addSubscriptions('m1', ['activityReminder', 'reviewResult'])).toEqual({ off: [], subscriptions: { activityReminder: 1, reviewResult: 1 } })
    expect((await store.addSubscriptions('m1', ['activityReminder'])).subscriptions).toEqual({ activityReminder: 2, reviewResult: 1 })
    expect(await store.spendSubscription('m1', 'activityReminder')).toBe(true)
    expect(await store.spendSubscription('m2', 'activityReminder')).toBe(false)
    expect(await store.spendSubscription('m1', 'activityReminder')).toBe(true)
    expect(await store.spendSubscription('m1', 'activityReminder')).toBe(false)
    expect(await store.spendSubscription('m1', 'taskReminder')).toBe(false)
    const prefs = await store.getPreferences('m1')
    expect(prefs.subscriptions.activityReminder ?? 0).toBe(0)
    expect(prefs.subscriptions.reviewResult).toBe(1)
    // Accepted again after running out: one send again.
    expect((await store.addSubscriptions('m1', ['activityReminder'])).subscriptions.activityReminder).toBe(1)
  })

  it('spends each send once under concurrent runs, and counts concurrent acceptances', async () => {
    const { store } = env
    await Promise.all(Array.from({ length: 4 }, () => store.addSubscriptions('m1', ['taskReminder'])))
    expect((await store.getPreferences('m1')).subscriptions.taskReminder).toBe(4)
    const spent = await Promise.all(Array.from({ length: 12 }, () => store.spendSubscription('m1', 'taskReminder')))
    expect(spent.filter(Boolean)).toHaveLength(4)
    expect((await store.getPreferences('m1')).subscriptions.taskReminder ?? 0).toBe(0)
    expect(await store.spendSubscription('m1', 'taskReminder')).toBe(false)
  })

  it('reads published activities starting in a window, with their sign-ups or their audience’s active members', async () => {
    const { store } = env
    await addBranchOrg(store)
    const units = await addActivity(store, { title: '单位', startAt: at(0), endAt: at(60), audience: { type: 'units', unitIds: ['u01'] } })
    const groups = await addActivity(store, { title: '青年', startAt: at(10), endAt: at(70), audience: { type: 'groups', groupIds: ['g02'] } })
    const all = await addActivity(store, { title: '全市', unitId: 'u02', startAt: at(20), endAt: at(80), audience: { type: 'all' } })
    const signUps = await addActivity(store, { title: '报名', startAt: at(30), endAt: at(90), audience: { type: 'all' }, signUpRequired: true, capacity: 10 })
    const branch = await addMeeting(store, { title: '支部', startAt: at(40), endAt: at(100) })
    const partyGroup = await addMeeting(store, { title: '小组', startAt: at(50), endAt: at(110), audience: { type: 'partyGroups', partyGroupIds: ['u01-b1-g1'] } })
    const nobody = await addActivity(store, { title: '空', startAt: at(55), endAt: at(115), signUpRequired: true, capacity: 10 })
    await addActivity(store, { title: '草稿', startAt: at(30), endAt: at(90), publish: false })
    await addActivity(store, { title: '窗口外', startAt: at(60), endAt: at(120) })
    await addActivity(store, { title: '已开始', startAt: at(-1), endAt: at(120) })
    await store.signUp(signUps.id, 'm2', 10, at(-100))
    await store.signUp(signUps.id, 'm3', 10, at(-99))
    await store.signUp(groups.id, 'm1', 10, at(-98))
    const starting = await store.activitiesStarting(at(0), at(60))
    const byId = new Map(starting.map((a) => [a.id, { ...a, memberIds: sorted(a.memberIds) }]))
    expect(sorted([...byId.keys()])).toEqual(sorted([units.id, groups.id, all.id, signUps.id, branch.id, partyGroup.id, nobody.id]))
    expect(byId.get(units.id)).toEqual({ id: units.id, title: '单位', kind: 'lecture', startAt: at(0), endAt: at(60), placeName: units.placeName, memberIds: ['m1', 'm2', 'o1', 'p1', 's1', 's2'] })
    expect(byId.get(groups.id)?.memberIds).toEqual(['m3'])
    // m4 is inactive.
    expect(byId.get(all.id)?.memberIds).toEqual(['a1', 'm1', 'm2', 'm3', 'o1', 'p1', 's1', 's2'])
    expect(byId.get(signUps.id)?.memberIds).toEqual(['m2', 'm3'])
    expect(byId.get(branch.id)).toMatchObject({ title: '支部', kind: 'study', memberIds: ['m1', 'o1', 'p1', 's1', 's2'] })
    expect(byId.get(partyGroup.id)?.memberIds).toEqual(['p1', 's1'])
    expect(byId.get(nobody.id)?.memberIds).toEqual([])
    expect(await store.activitiesStarting(at(200), at(300))).toEqual([])
  })

  it('reads volunteers still checked in on shifts that ended in a window', async () => {
    const { store } = env
    const shift = await addActivity(store, { kind: 'volunteer', title: '志愿服务', startAt: at(-240), endAt: at(-10) })
    const later = await addActivity(store, { kind: 'volunteer', title: '晚班', startAt: at(-100), endAt: at(30) })
    const lecture = await addActivity(store, { kind: 'lecture', title: '讲座', startAt: at(-100), endAt: at(-20) })
    const out = await store.recordCheckIn(checkIn(shift.id, 'm1', at(-230)), null)
    await store.recordCheckOut(out.checkIn.id, at(-15), null, 0)
    await store.recordCheckIn(checkIn(shift.id, 'm2', at(-230)), null)
    await store.recordCheckIn(checkIn(later.id, 'm1', at(-90)), null)
    await store.recordCheckIn(checkIn(lecture.id, 'm1', at(-90)), null)
    expect(await store.openShifts(at(-60), at(0))).toEqual([
      { activityId: shift.id, title: '志愿服务', endAt: at(-10), checkOutClosesAt: shift.checkOutClosesAt, memberId: 'm2' },
    ])
    expect((await store.openShifts(at(0), at(60))).map((s) => [s.activityId, s.memberId])).toEqual([[later.id, 'm1']])
    expect(await store.openShifts(at(100), at(200))).toEqual([])
  })

  it('reads make-ups, leave and hour claims decided in a window', async () => {
    const { store } = env
    const a = await addActivity(store, { kind: 'study', title: '学习' })
    const makeup = (memberId: string, when: string) =>
      store.insertMakeup({ activityId: a.id, memberId, reason: '外出', status: 'pending', requestedBy: memberId, requestedAt: when, reviewedBy: null, reviewedAt: null, reviewComment: null })
    const k1 = await makeup('m1', at(200))
    const k2 = await makeup('m2', at(201))
    await makeup('m3', at(202))
    const k4 = await makeup('o1', at(203))
    await store.decideMakeup(k1.id, { approve: true, reviewer: 'o1', comment: '情况属实', at: at(300) }, checkIn(a.id, 'm1', at(300), { method: 'makeup' }), null)
    await store.decideMakeup(k2.id, { approve: false, reviewer: 'o1', comment: '不符合', at: at(310) }, null, null)
    await store.decideMakeup(k4.id, { approve: false, reviewer: 'o1', comment: null, at: at(500) }, null, null)
    const meeting = await addMeeting(store, { title: '支部党员大会' })
    const leave = await store.insertLeave({ activityId: meeting.id, memberId: 'm1', reason: '出差', requestedAt: at(-60) })
    await store.decideLeave(leave.id, { status: 'approved', reviewedBy: 'o1', reviewedAt: at(320), comment: '同意' })
    await store.insertLeave({ activityId: meeting.id, memberId: 'o1', reason: '出差', requestedAt: at(-50) })
    const v = await addActivity(store, { kind: 'volunteer', title: '志愿', endAt: at(200) })
    const { checkIn: vc } = await store.recordCheckIn(checkIn(v.id, 'm2', at(1)), null)
    await store.recordCheckOut(vc.id, at(200), null, 1.5)
    const [claim] = await store.listHourClaims(v.id, 'pending')
    await store.decideHourClaim(claim.id, false, 'o1', at(330), null)
    const decisions = await store.decisionsBetween(at(250), at(400))
    expect([...decisions].sort((x, y) => x.decidedAt.localeCompare(y.decidedAt))).toEqual([
      { kind: 'makeup', id: k1.id, memberId: 'm1', activityId: a.id, title: '学习', approved: true, decidedAt: at(300), comment: '情况属实' },
      { kind: 'makeup', id: k2.id, memberId: 'm2', activityId: a.id, title: '学习', approved: false, decidedAt: at(310), comment: '不符合' },
      { kind: 'leave', id: leave.id, memberId: 'm1', activityId: meeting.id, title: '支部党员大会', approved: true, decidedAt: at(320), comment: '同意' },
      { kind: 'hours', id: claim.id, memberId: 'm2', activityId: v.id, title: '志愿', approved: false, decidedAt: at(330), comment: null },
    ])
    expect((await store.decisionsBetween(at(400), at(600))).map((d) => d.id)).toEqual([k4.id])
    expect(await store.decisionsBetween(at(600), at(700))).toEqual([])
  })

  it('reads meeting records sent back in a window, for whoever submitted them', async () => {
    const { store } = env
    await addBranchOrg(store)
    const a = await addMeeting(store, { title: '三月党员大会' })
    const b = await addMeeting(store, { title: '四月党员大会' })
    const c = await addMeeting(store, { title: '五月党员大会' })
    for (const m of [a, b, c]) await store.saveMeetingRecord(record(m.id, 1))
    await store.saveMeetingRecord(record(a.id, 2, { state: 'returned', submittedAt: at(100), submittedBy: 's1', reviewedAt: at(300), reviewedBy: 'o1', reviewComment: '请补充决议' }))
    await store.saveMeetingRecord(record(b.id, 2, { state: 'returned', submittedAt: at(100), submittedBy: 's2', reviewedAt: at(500), reviewedBy: 'o1', reviewComment: '请补充' }))
    await store.saveMeetingRecord(record(c.id, 2, { state: 'reviewed', submittedAt: at(100), submittedBy: 's1', reviewedAt: at(310), reviewedBy: 'o1' }))
    expect(await store.recordsReturned(at(250), at(400))).toEqual([
      { activityId: a.id, title: '三月党员大会', returnedAt: at(300), comment: '请补充决议', submittedBy: 's1' },
    ])
    expect((await store.recordsReturned(at(400), at(600))).map((r) => r.submittedBy)).toEqual(['s2'])
    expect(await store.recordsReturned(at(600), at(700))).toEqual([])
  })
}
