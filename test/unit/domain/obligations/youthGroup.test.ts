/**
 * 青年理论学习小组全覆盖 (cloud/domain/obligations/youthGroup.ts): one item per youth, due months only,
 * the month in progress, the deadline day, ages on the period's first day, and what the trend sees.
 */
import type { YouthGroupInput } from '../../../../cloud/domain/obligations/inputs'
import { cellOf, targetWindows } from '../../../../cloud/domain/obligations/engine'
import { youthGroupItems } from '../../../../cloud/domain/obligations/youthGroup'
import { parsePeriod } from '../../../../cloud/domain/period'
import type { Target } from '../../../../cloud/contract/obligations'
import { anOrg, at, shanghai, targetOf } from './fixtures'

const Y = '1995-06-01'
const member = (id: string, youthGroupId: string | null, birthDate: string | null = Y, unitId = 'u1') => ({ id, name: `青年${id}`, unitId, branchId: unitId === 'u1' ? 'b1' : 'b3', youthGroupId, birthDate })
/** gA met on the given Shanghai times (each the month's first session). */
const input = (members: YouthGroupInput['members'], met: Record<string, string[]> = {}): YouthGroupInput => ({
  members,
  groups: [
    { id: 'gA', name: '甲局青年小组', unitIds: ['u1'] },
    { id: 'gJ', name: '联合小组', unitIds: ['u1', 'u2'] },
  ],
  sessions: new Map(Object.entries(met).map(([g, times]) => [g, new Map(times.map((t) => [t.slice(0, 7), shanghai(t)]))])),
  policyAgeLimit: 35,
})
const evaluate = (i: YouthGroupInput, now: string, period = '2026-Q4', target: Target = targetOf('youthGroup')) => {
  const p = parsePeriod(period, at(now))
  return youthGroupItems(target, targetWindows(target, p, at(now)), p, anOrg(), i, at(now))
}
const one = (i: YouthGroupInput, now: string, period?: string, target?: Target) => evaluate(i, now, period, target)[0]

describe('youthGroupItems', () => {
  const inGroup = input([member('m1', 'gA')], { gA: ['2026-10-10 19:00', '2026-11-10 19:00'] })

  it('one item per youth, with the member as subject and their branch', () => {
    expect(one(inGroup, '2026-11-20 10:00')).toMatchObject({
      what: '参加青年理论学习小组学习',
      unitId: 'u1',
      branchId: 'b1',
      subject: { kind: 'member', id: 'm1', name: '青年m1' },
    })
  })

  it('on the first day of the period nothing is due: in no group is open (due at the month’s end), not overdue', () => {
    const it = one(input([member('m1', null)]), '2026-10-01 00:00')
    expect(it).toMatchObject({ state: 'open', from: shanghai('2026-10-01 00:00'), dueBy: shanghai('2026-11-01 00:00'), note: '未编入青年理论学习小组' })
    expect(one(input([member('m1', null)]), '2026-11-01 00:00')).toMatchObject({ state: 'overdue' })
  })

  it('the month in progress never counts as missed: on 2 December a group that met in October and November is met', () => {
    expect(one(inGroup, '2026-12-02 09:00')).toMatchObject({ state: 'met', metAt: shanghai('2026-11-10 19:00'), late: false, note: null })
    // On the last day of the period December is still in progress.
    expect(one(inGroup, '2026-12-31 23:59')).toMatchObject({ state: 'met' })
    // Once the period has ended, December was missed.
    expect(one(inGroup, '2027-01-01 00:00')).toMatchObject({ state: 'overdue', note: '小组 2026-12 未开展学习', dueBy: shanghai('2027-01-01 00:00') })
  })

  it('a group that missed an ended month: overdue, the months missed listed', () => {
    const i = input([member('m1', 'gA')], { gA: ['2026-11-03 19:00'] })
    expect(one(i, '2026-11-01 00:00')).toMatchObject({ state: 'overdue', note: '小组 2026-10 未开展学习', dueBy: shanghai('2026-11-01 00:00') })
    expect(one(i, '2026-12-15 10:00')).toMatchObject({ state: 'overdue', note: '小组 2026-10 未开展学习' })
    expect(one(input([member('m1', 'gA')]), '2026-12-15 10:00').note).toBe('小组 2026-10、2026-11 未开展学习')
  })

  it('before any month is due: met once the group has met this month, else open until the month ends', () => {
    const i = input([member('m1', 'gA')], { gA: ['2026-10-10 19:00'] })
    expect(one(i, '2026-10-10 18:59')).toMatchObject({ state: 'open', note: '小组 2026-10 尚未开展学习' })
    expect(one(i, '2026-10-10 19:00')).toMatchObject({ state: 'met', metAt: shanghai('2026-10-10 19:00') })
  })

  it('with a deadline day (the 20th): on the 21st a group that has not met this month has missed it; met later is late', () => {
    const target = targetOf('youthGroup', { params: { monthDeadlineDay: 20 } })
    const i = input([member('m1', 'gA')], { gA: ['2026-10-10 19:00', '2026-11-25 19:00'] })
    expect(one(i, '2026-11-20 23:59', '2026-Q4', target)).toMatchObject({ state: 'met', metAt: shanghai('2026-10-10 19:00') })
    expect(one(i, '2026-11-21 00:00', '2026-Q4', target)).toMatchObject({ state: 'overdue', note: '小组 2026-11 未开展学习', dueBy: shanghai('2026-11-21 00:00') })
    expect(one(i, '2026-11-26 09:00', '2026-Q4', target)).toMatchObject({ state: 'met', late: true, note: '小组 2026-11 逾期开展学习', metAt: shanghai('2026-11-25 19:00') })
    // A day past the month's last is its last: 31 in November falls due at the month's end.
    const t31 = targetOf('youthGroup', { params: { monthDeadlineDay: 31 } })
    expect(one(input([member('m1', 'gA')], { gA: ['2026-10-10 19:00'] }), '2026-11-30 23:59', '2026-Q4', t31)).toMatchObject({ state: 'met' })
  })

  it('a member turning 36 mid-period is youth for that period, not for the next', () => {
    const i = input([member('m1', 'gA', '1990-11-15')], { gA: ['2026-10-10 19:00'] })
    expect(evaluate(i, '2026-11-20 10:00')).toHaveLength(1)
    expect(evaluate(i, '2027-01-05 10:00', '2027-Q1')).toHaveLength(0)
    // The target's own age limit wins over the policy's.
    expect(evaluate(i, '2027-01-05 10:00', '2027-Q1', targetOf('youthGroup', { params: { ageLimit: 40 } }))).toHaveLength(1)
  })

  it('a joint group counts for each of its units; the target reaches only its units', () => {
    const i = input([member('m1', 'gJ'), member('m2', 'gJ', Y, 'u2')], { gJ: ['2026-10-10 19:00', '2026-11-10 19:00'] })
    expect(evaluate(i, '2026-12-02 09:00').map((x) => [x.unitId, x.state])).toEqual([
      ['u1', 'met'],
      ['u2', 'met'],
    ])
    expect(evaluate(i, '2026-12-02 09:00', '2026-Q4', targetOf('youthGroup', { unitIds: ['u2'] })).map((x) => x.unitId)).toEqual(['u2'])
  })

  it('ignores sessions after now, so a past month end sees what it saw then', () => {
    expect(one(inGroup, '2026-11-05 10:00')).toMatchObject({ state: 'met', metAt: shanghai('2026-10-10 19:00') })
    expect(one(input([member('m1', 'gA')], { gA: ['2026-10-10 19:00'] }), '2026-10-09 10:00')).toMatchObject({ state: 'open' })
  })

  it('nothing owed before the period has begun', () => {
    expect(evaluate(inGroup, '2026-09-30 23:59')).toEqual([])
  })

  it('an open item in the last stretch of its month turns the cell red; before it, amber', () => {
    const i = input([member('m1', 'gA'), member('m2', 'gA')])
    const cell = (now: string) => cellOf(evaluate(i, now), at(now))!
    // October has 31 days: the last quarter (7.75 days) starts on 24 October 06:00.
    expect(cell('2026-10-24 05:59')).toMatchObject({ open: 2, atRisk: 0, status: 'amber' })
    expect(cell('2026-10-24 06:00')).toMatchObject({ open: 2, atRisk: 2, status: 'red' })
    expect(cell('2026-11-01 00:00')).toMatchObject({ overdue: 2, status: 'red' })
  })
})
