/** Contract: the read side (counters, boards, coverage) and reconcile. */
import type { Store } from '../../../cloud/store/Store'
import { CAP, addActivity, at, checkIn, credit } from '../fixtures'

const byId = <T extends { memberId?: string; unitId?: string }>(rows: T[]) => [...rows].sort((a, b) => `${a.memberId ?? a.unitId}`.localeCompare(`${b.memberId ?? b.unitId}`))

/** Study, lecture and volunteer credits of m1 and m3 in November 2026, one reversed. */
async function season(store: Store) {
  const study = await addActivity(store, { kind: 'study', title: '小组学习', audience: { type: 'groups', groupIds: ['g01', 'g02'] } })
  const lecture = await addActivity(store, { kind: 'lecture', subKind: '处长讲坛', title: '讲座', audience: { type: 'all' } })
  const volunteer = await addActivity(store, { kind: 'volunteer', title: '志愿', endAt: at(300), audience: { type: 'all' } })
  await store.recordCheckIn(checkIn(study.id, 'm1', at(1)), credit('study', 2, at(1)), CAP)
  await store.recordCheckIn(checkIn(lecture.id, 'm1', at(2)), credit('lecture', 1, at(2)), CAP)
  const { credit: wrong } = await store.recordCheckIn(checkIn(lecture.id, 'm3', at(3)), credit('lecture', 1, at(3)), CAP)
  await store.reverseCredit(wrong!, 'o1', at(4), '代签', { device: null, ip: null })
  const { checkIn: v } = await store.recordCheckIn(checkIn(volunteer.id, 'm3', at(5)), null)
  await store.recordCheckOut(v.id, at(300), credit('volunteer', 4, at(300), { hours: 4.5 }), 0, CAP)
  return { study, lecture, volunteer }
}

export function statsContract(env: { readonly store: Store }): void {
  it('tells whether any credit came in: the newest ledger sequence moves with every entry, reversals too', async () => {
    const { store } = env
    expect(await store.stats.latestCreditSeq()).toBe(0)
    const a = await addActivity(store, { kind: 'lecture' })
    const { credit: first } = await store.recordCheckIn(checkIn(a.id, 'm1', at(1)), credit('lecture', 1, at(1)), CAP)
    const afterOne = await store.stats.latestCreditSeq()
    expect(afterOne).toBeGreaterThan(0)
    await store.recordCheckIn(checkIn(a.id, 'm2', at(2)), null)
    expect(await store.stats.latestCreditSeq()).toBe(afterOne)
    await store.reverseCredit(first!, 'o1', at(3), '代签', { device: null, ip: null })
    expect(await store.stats.latestCreditSeq()).toBeGreaterThan(afterOne)
  })

  it('keeps counters equal to a recomputation from the ledger', async () => {
    const { store } = env
    await season(store)
    const k = await store.insertMakeup({ activityId: (await addActivity(store, { kind: 'study', title: '补' })).id, memberId: 'm2', reason: 'r', status: 'pending', requestedBy: 'm2', requestedAt: at(6), reviewedBy: null, reviewedAt: null, reviewComment: null })
    const made = (await store.getMakeup(k.id))!
    await store.decideMakeup(made.id, { approve: true, reviewer: 'o1', comment: null, at: at(7) }, checkIn(made.activityId, 'm2', at(7), { method: 'makeup' }), credit('study', 2, at(7), { method: 'makeup' }), CAP)
    await store.appendCredit(made.activityId, 'm2', credit('study', 1, '2026-12-31T16:30:00.000Z'))
    const first = await store.reconcileCounters()
    expect(first.drift).toEqual([])
    // member × (month, quarter, year) × kind and unit × … : m1 study+lecture, m3 lecture+volunteer, m2 study in two months.
    expect(first.checked).toBeGreaterThanOrEqual(18)
    expect(await store.reconcileCounters()).toEqual(first)
  })

  it('scores active members over kinds in a period, by points or hours', async () => {
    const { store } = env
    await season(store)
    const points = byId(await store.stats.memberScores('2026-11', ['study', 'lecture'], 'points'))
    expect(points.map((r) => r.memberId)).toEqual(['a1', 'm1', 'm2', 'm3', 'o1'])
    expect(points.find((r) => r.memberId === 'm1')).toEqual({ memberId: 'm1', name: '李强', unitId: 'u01', unitName: '市委办公室', birthDate: '1998-05-05', youthGroupId: 'g01', score: 3, credits: 2, reachedAt: at(2) })
    // A reversal counts when the entry it reverses was made.
    expect(points.find((r) => r.memberId === 'm3')).toMatchObject({ score: 0, credits: 0, reachedAt: at(3) })
    expect(points.find((r) => r.memberId === 'm2')).toMatchObject({ score: 0, credits: 0, reachedAt: null })
    const hours = await store.stats.memberScores('2026', ['volunteer'], 'hours', 'u02')
    expect(byId(hours).map((r) => [r.memberId, r.score])).toEqual([
      ['a1', 0],
      ['m3', 4.5],
    ])
    expect((await store.stats.memberScores('2026-Q4', ['study'], 'points', 'u01')).find((r) => r.memberId === 'm1')?.score).toBe(2)
  })

  it('totals units per period and counts participation', async () => {
    const { store } = env
    await season(store)
    const lecture = byId(await store.stats.unitTotals(['2026-11', '2026-Q4', '2026'], 'lecture'))
    expect(lecture.filter((r) => r.unitId === 'u01').map((r) => [r.period, r.points, r.credits]).sort()).toEqual([
      ['2026', 1, 1],
      ['2026-11', 1, 1],
      ['2026-Q4', 1, 1],
    ])
    expect(lecture.filter((r) => r.unitId === 'u02').every((r) => r.points === 0 && r.credits === 0)).toBe(true)
    expect(await store.stats.unitTotals(['2026-11'], 'volunteer')).toEqual([{ unitId: 'u02', period: '2026-11', points: 4, hours: 4.5, credits: 1 }])
    expect(await store.stats.unitTotals(['2025-01'], 'study')).toEqual([])
    expect(byId(await store.stats.participation('2026-11', 'volunteer'))).toEqual([
      { unitId: 'u01', members: 3, participants: 0 },
      { unitId: 'u02', members: 2, participants: 1 },
    ])
  })

  it('knows the sessions held and who of each group attended', async () => {
    const { store } = env
    const { study } = await season(store)
    await addActivity(store, { kind: 'study', title: '无人到', startAt: '2026-10-10T02:00:00.000Z', endAt: '2026-10-10T04:00:00.000Z', audience: { type: 'groups', groupIds: ['g02'] } })
    await addActivity(store, { kind: 'study', title: '草稿', audience: { type: 'groups', groupIds: ['g01'] }, publish: false })
    const from = '2026-09-30T16:00:00.000Z'
    const to = '2026-12-31T16:00:00.000Z'
    const sessions = await store.stats.sessionCounts(from, to)
    expect(sessions.all).toBe(1)
    expect(sessions.byGroup).toEqual(new Map([['g01', 1], ['g02', 2]]))
    expect(sessions.byUnit).toEqual(new Map())
    const attendance = await store.stats.groupAttendance(from, to)
    expect(attendance.get('m1')).toEqual({ sessions: 1, attended: 1 })
    expect(attendance.get('m3')).toEqual({ sessions: 2, attended: 0 })
    expect(attendance.has('m2')).toBe(false)
    expect(study.status).toBe('published')
  })

  it('counts a reversal in the periods of the entry it reverses', async () => {
    const { store } = env
    const nov30 = '2026-11-30T10:00:00.000Z'
    const dec2 = '2026-12-02T02:00:00.000Z'
    const a = await addActivity(store, { kind: 'study', startAt: nov30, endAt: '2026-11-30T12:00:00.000Z' })
    const { credit: wrong } = await store.recordCheckIn(checkIn(a.id, 'm1', nov30), credit('study', 2, nov30))
    await store.reverseCredit(wrong!, 'o1', dec2, '代签', { device: null, ip: null })
    const totals = await store.stats.unitTotals(['2026-11', '2026-12'], 'study')
    expect(totals.map((t) => [t.period, t.points, t.credits])).toEqual([['2026-11', 0, 0]])
    const nov = await store.stats.ledgerOf('m1', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z', ['study'])
    expect(nov.map((e) => e.points)).toEqual([2, -2])
    expect(await store.stats.ledgerOf('m1', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z', ['study'])).toEqual([])
    // …while today's points, for the daily cap, are those credited today.
    expect(await store.pointsCreditedBetween('m1', '2026-12-01T16:00:00.000Z', '2026-12-02T16:00:00.000Z')).toBe(-2)
    expect((await store.reconcileCounters()).drift).toEqual([])
  })

  it('does not count a check-in whose credit was reversed as attending', async () => {
    const { store } = env
    const { study } = await season(store)
    const [entry] = await store.creditsOf(study.id, 'm1')
    await store.reverseCredit(entry, 'o1', at(20), '代签', { device: null, ip: null })
    const from = '2026-10-31T16:00:00.000Z'
    const to = '2026-11-30T16:00:00.000Z'
    expect((await store.stats.groupAttendance(from, to)).get('m1')).toEqual({ sessions: 1, attended: 0 })
  })

  it('shows how a score was made and sums volunteer service for a certificate', async () => {
    const { store } = env
    const { volunteer } = await season(store)
    const from = '2026-10-31T16:00:00.000Z'
    const to = '2026-11-30T16:00:00.000Z'
    const ledger = await store.stats.ledgerOf('m3', from, to, ['lecture', 'volunteer'])
    // `+ 0`: a reversal of 0 hours is -0, which SQLite stores as 0.
    // With the activity's sub-label, so 我的积分 labels an entry as 我的记录 does.
    expect(ledger.map((e) => [e.activityTitle, e.kind, e.subKind, e.points, e.hours + 0, e.reversesId === null])).toEqual([
      ['讲座', 'lecture', '处长讲坛', 1, 0, true],
      ['讲座', 'lecture', '处长讲坛', -1, 0, false],
      ['志愿', 'volunteer', null, 4, 4.5, true],
    ])
    expect(await store.stats.ledgerOf('m3', from, to, ['study'])).toEqual([])
    expect(await store.stats.volunteerSummary('m3', from, to)).toEqual({ hours: 4.5, activities: 1 })
    expect(await store.stats.volunteerSummary('m1', from, to)).toEqual({ hours: 0, activities: 0 })
    expect(await store.stats.certificateSubject('m1')).toEqual({ name: '李强', idNumber: '110101199805050011', unitId: 'u01', unitName: '市委办公室' })
    expect(await store.stats.certificateSubject('nobody')).toBeNull()
    expect(volunteer.kind).toBe('volunteer')
  })
}
