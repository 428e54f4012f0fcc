/** 县处级以上全员轮训 (cloud/domain/obligations/training.ts): ranks reached, the fixed deadline, 补训, the trend's view. */
import type { TrainingInput } from '../../../../cloud/domain/obligations/inputs'
import { cellOf, targetWindows } from '../../../../cloud/domain/obligations/engine'
import { ranksFrom, trainingItems } from '../../../../cloud/domain/obligations/training'
import { parsePeriod } from '../../../../cloud/domain/period'
import type { Target } from '../../../../cloud/contract/obligations'
import { anOrg, at, shanghai, targetOf } from './fixtures'

const cadres: TrainingInput['cadres'] = [
  { id: 'c1', name: '厅长', unitId: 'u1', branchId: 'b1', cadreRank: 'bureau' },
  { id: 'c2', name: '处长', unitId: 'u1', branchId: null, cadreRank: 'county' },
  { id: 'c3', name: '科长', unitId: 'u2', branchId: 'b3', cadreRank: 'section' },
  { id: 'c4', name: '科员', unitId: 'u2', branchId: 'b3', cadreRank: 'staff' },
]
/** A campaign due on 2026-11-30 (Shanghai, inclusive). */
const CAMPAIGN = targetOf('training', { deadline: '2026-11-30' })
const attended = (entries: Record<string, string>): TrainingInput['attended'] =>
  new Map(Object.entries(entries).map(([id, t]) => [id, { at: shanghai(t), activityId: `act-${id}`, title: '专题轮训班' }]))
const evaluate = (att: TrainingInput['attended'], now: string, target: Target = CAMPAIGN, period = '2026') => {
  const p = parsePeriod(period, at(now))
  return trainingItems(target, targetWindows(target, p, at(now)), p, anOrg(), { cadres, attended: att }, at(now))
}

describe('ranksFrom', () => {
  it('the lowest rank and every rank above it; 县处级 by default', () => {
    expect(ranksFrom(undefined)).toEqual(['bureau', 'county'])
    expect(ranksFrom('bureau')).toEqual(['bureau'])
    expect(ranksFrom('staff')).toEqual(['bureau', 'county', 'section', 'staff'])
  })
})

describe('trainingItems', () => {
  it('one item per cadre at or above the rank; the target’s units narrow them', () => {
    expect(evaluate(new Map(), '2026-06-01 10:00').map((i) => i.subject.id)).toEqual(['c1', 'c2'])
    expect(evaluate(new Map(), '2026-06-01 10:00', { ...CAMPAIGN, params: { minRank: 'section' } }).map((i) => i.subject.id)).toEqual(['c1', 'c2', 'c3'])
    expect(evaluate(new Map(), '2026-06-01 10:00', { ...CAMPAIGN, unitIds: ['u2'], params: { minRank: 'staff' } }).map((i) => i.subject.id)).toEqual(['c3', 'c4'])
  })

  it('attended at 23:59 on the deadline day: met on time; the next day: met late (补训)', () => {
    const onTime = evaluate(attended({ c1: '2026-11-30 23:59' }), '2026-12-02 10:00')[0]
    expect(onTime).toMatchObject({
      what: '2026 轮训',
      subject: { kind: 'member', id: 'c1', name: '厅长' },
      branchId: 'b1',
      state: 'met',
      late: false,
      note: null,
      from: shanghai('2026-01-01 00:00'),
      dueBy: shanghai('2026-12-01 00:00'),
      evidence: [{ kind: 'checkIn', id: 'act-c1', label: '专题轮训班' }],
    })
    expect(evaluate(attended({ c1: '2026-12-01 00:00' }), '2026-12-02 10:00')[0]).toMatchObject({ state: 'met', late: true, note: '逾期参加轮训' })
  })

  it('not attended: open until the deadline day ends, overdue from the next instant', () => {
    expect(evaluate(new Map(), '2026-11-30 23:59')[0]).toMatchObject({ state: 'open', note: '未参加轮训' })
    expect(evaluate(new Map(), '2026-12-01 00:00')[0]).toMatchObject({ state: 'overdue', note: '未参加轮训' })
  })

  it('at risk in the last quarter of the campaign: amber before, red within', () => {
    // 2026-01-01 to 2026-12-01 is 334 days; the last quarter (83.5 days) starts on 8 September 12:00.
    const half = attended({ c1: '2026-03-01 10:00' })
    expect(cellOf(evaluate(half, '2026-09-08 11:59'), at('2026-09-08 11:59'))).toMatchObject({ met: 1, open: 1, atRisk: 0, status: 'amber' })
    expect(cellOf(evaluate(half, '2026-09-08 12:00'), at('2026-09-08 12:00'))).toMatchObject({ atRisk: 1, status: 'red' })
  })

  it('attendance before the window or after now does not count', () => {
    expect(evaluate(attended({ c1: '2025-12-31 23:59' }), '2026-06-01 10:00')[0]).toMatchObject({ state: 'open' })
    expect(evaluate(attended({ c1: '2026-07-01 10:00' }), '2026-06-01 10:00')[0]).toMatchObject({ state: 'open' })
    expect(evaluate(attended({ c1: '2026-07-01 10:00' }), '2026-07-01 10:00')[0]).toMatchObject({ state: 'met' })
  })

  it('a yearly target without a deadline is due at the year’s end; a campaign owes nothing in another year', () => {
    const yearly = targetOf('training')
    expect(evaluate(new Map(), '2026-12-31 23:59', yearly)[0]).toMatchObject({ state: 'open', dueBy: shanghai('2027-01-01 00:00') })
    expect(evaluate(new Map(), '2027-03-01 10:00', CAMPAIGN, '2027')).toEqual([])
  })
})
