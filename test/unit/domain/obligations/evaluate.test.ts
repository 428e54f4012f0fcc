/** evaluate.ts, matrix.ts, rates.ts and trend.ts: what to load, dispatch, the matrix, the rates and the trend. */
import type { ObligationItem } from '../../../../cloud/contract/obligations'
import { dataNeeded, evaluateTarget } from '../../../../cloud/domain/obligations/evaluate'
import { EMPTY_CELL, obligationMatrix } from '../../../../cloud/domain/obligations/matrix'
import { meetingRates, type MeetingTally } from '../../../../cloud/domain/obligations/rates'
import { DEFAULT_TARGETS } from '../../../../cloud/domain/obligations/targets'
import { obligationTrend, trendInstants } from '../../../../cloud/domain/obligations/trend'
import { parsePeriod } from '../../../../cloud/domain/period'
import { aMeeting, anOrg, at, committeeOnly, emptyData, shanghai, targetOf } from './fixtures'

describe('dataNeeded', () => {
  it('only the kinds present; per training target, the ranks it reaches', () => {
    expect(dataNeeded([...DEFAULT_TARGETS, targetOf('training', { id: 't2', params: { minRank: 'section' } })])).toEqual({
      youth: true,
      rhythm: true,
      training: [
        { targetId: 'rotation-training', ranks: ['bureau', 'county'] },
        { targetId: 't2', ranks: ['bureau', 'county', 'section'] },
      ],
      democratic: true,
      standard: true,
      duty: true,
    })
    expect(dataNeeded([targetOf('dutyReport')])).toEqual({ youth: false, rhythm: false, training: [], democratic: false, standard: false, duty: true })
  })
})

describe('evaluateTarget', () => {
  const now = at('2026-11-20 10:00')
  const p = parsePeriod('2026', now)
  it('dispatches on the kind over the target’s windows', () => {
    expect(evaluateTarget(targetOf('democraticMeeting'), p, emptyData(), now).map((i) => i.what)).toEqual(['2026 民主生活会', '2026 民主生活会'])
    expect(evaluateTarget(targetOf('dutyReport'), p, emptyData(), now)).toHaveLength(4)
  })
  it('throws a programming error when its kind’s data was not loaded', () => {
    expect(() => evaluateTarget(targetOf('youthGroup'), p, { ...emptyData(), youth: undefined }, now)).toThrow('no youthGroup data')
    expect(() => evaluateTarget(targetOf('training', { id: 'other' }), p, emptyData(), now)).toThrow('no training data loaded for target other')
  })
})

/** An item of a unit (and branch) in a state. */
const item = (unitId: string, branchId: string | null, state: ObligationItem['state'], dueBy = shanghai('2027-01-01 00:00')): ObligationItem => ({
  what: 'x',
  unitId,
  branchId,
  subject: { kind: 'branch', id: branchId ?? unitId, name: '' },
  state,
  from: shanghai('2026-01-01 00:00'),
  dueBy,
  metAt: state === 'met' ? shanghai('2026-03-01 00:00') : null,
  late: false,
  note: null,
  evidence: [],
})

describe('obligationMatrix', () => {
  const [youth, rhythm] = [targetOf('youthGroup'), targetOf('meetingRhythm')]
  const now = at('2026-06-01 10:00')
  const items = new Map([
    [youth.id, [item('u1', 'b1', 'met'), item('u1', null, 'met'), item('u2', 'b3', 'open')]],
    [rhythm.id, [item('u1', 'b1', 'overdue', shanghai('2026-05-01 00:00')), item('u1', 'b2', 'met'), item('u9', null, 'met')]],
  ])

  it('level unit: a row per unit by name (zh-CN), a cell per target owed there, standings over every row', () => {
    const { rows, standings } = obligationMatrix('unit', anOrg(), null, [youth, rhythm], items, now)
    expect(rows.map((r) => [r.id, r.name, Object.keys(r.cells)])).toEqual([
      ['u1', '甲局', [youth.id, rhythm.id]],
      ['u2', '乙局', [youth.id]],
    ])
    expect(rows[0].cells[youth.id]).toMatchObject({ required: 2, met: 2, status: 'green' })
    expect(rows[0].cells[rhythm.id]).toMatchObject({ required: 2, met: 1, overdue: 1, status: 'red' })
    expect(rows[1].cells[youth.id]).toMatchObject({ open: 1, status: 'amber' })
    // u9 is not a unit in use: left out of rows and totals.
    expect(standings.map((s) => [s.target.id, s.total.required, s.total.met, s.green, s.amber, s.red])).toEqual([
      [youth.id, 3, 2, 1, 1, 0],
      [rhythm.id, 2, 1, 0, 0, 1],
    ])
  })

  it('level branch: a row per branch of the unit, and the unit’s own row for items outside its branches', () => {
    const { rows, standings } = obligationMatrix('branch', anOrg(), 'u1', [youth, rhythm], items, now)
    expect(rows.map((r) => [r.id, r.name, r.unitId, Object.keys(r.cells)])).toEqual([
      ['b2', '第二党支部', 'u1', [rhythm.id]],
      ['b1', '第一党支部', 'u1', [youth.id, rhythm.id]],
      ['u1', '单位本级', 'u1', [youth.id]],
    ])
    expect(standings[0]).toMatchObject({ total: { required: 2, met: 2 }, green: 2 })
    // A unit with no items of its own has no such row; a target owing nothing has an empty standing.
    const none = obligationMatrix('branch', anOrg(), 'u2', [youth, targetOf('dutyReport')], items, now)
    expect(none.rows.map((r) => r.id)).toEqual(['b3'])
    expect(none.standings[1]).toMatchObject({ total: EMPTY_CELL, green: 0, amber: 0, red: 0 })
  })
})

describe('meetingRates', () => {
  const now = at('2026-12-05 10:00')
  const ended = shanghai('2026-11-01 00:00')
  const r = (state: ObligationItem['state'], late = false, dueBy = ended) => ({ ...item('u1', 'b1', state, dueBy), late })
  const meetings = [
    aMeeting({ activityId: 'm1', type: 'committee', forPeriod: '2026-10', startAt: shanghai('2026-10-10 15:00') }),
    aMeeting({ activityId: 'm2', type: 'committee', forPeriod: '2026-09', startAt: shanghai('2026-10-03 15:00') }),
    aMeeting({ activityId: 'm3', type: 'committee', forPeriod: '2026-11', startAt: shanghai('2026-11-28 15:00'), submittedAt: shanghai('2026-12-02 09:00') }),
    aMeeting({ activityId: 'm4', type: 'committee', forPeriod: '2026-12', startAt: shanghai('2026-12-20 15:00') }),
  ]
  const tallies = new Map<string, MeetingTally>([
    ['m1', { activityId: 'm1', expected: 10, leave: 2, present: 8 }],
    ['m2', { activityId: 'm2', expected: 10, leave: 0, present: 5 }],
    ['m4', { activityId: 'm4', expected: 99, leave: 0, present: 99 }],
  ])

  it('compliance, attendance net of leave, 补开补报率 and 逾期率 over ended periods and meetings held', () => {
    const items = [r('met'), r('met', true), r('overdue'), r('pending'), r('open', false, shanghai('2027-01-01 00:00'))]
    const rates = meetingRates(items, meetings, tallies, now)
    // The open item is not yet ended; the pending one is ended but not overdue (its state says so).
    expect(rates).toEqual({
      required: 4,
      onTime: 1,
      held: 3,
      late: 2,
      overdue: 1,
      expected: 20,
      leave: 2,
      present: 13,
      compliance: 0.25,
      attendance: 13 / 18,
      lateRate: 2 / 3,
      overdueRate: 0.25,
    })
  })

  it('a record filed late counts as 补报 only once filed by now; rates over nothing are 0', () => {
    expect(meetingRates([], meetings, tallies, at('2026-12-01 10:00')).late).toBe(1)
    expect(meetingRates([], [], new Map(), now)).toEqual({ required: 0, onTime: 0, held: 0, late: 0, overdue: 0, expected: 0, leave: 0, present: 0, compliance: 0, attendance: 0, lateRate: 0, overdueRate: 0 })
  })
})

describe('obligationTrend', () => {
  it('takes each month’s end of the year begun (the current month at now), over the year up to that month', () => {
    expect(trendInstants('2026', at('2026-03-15 10:00')).map((x) => [x.month, x.at, x.upTo.end, x.upTo.months.length])).toEqual([
      ['2026-01', at('2026-02-01 00:00'), shanghai('2026-02-01 00:00'), 1],
      ['2026-02', at('2026-03-01 00:00'), shanghai('2026-03-01 00:00'), 2],
      ['2026-03', at('2026-03-15 10:00'), shanghai('2026-04-01 00:00'), 3],
    ])
    expect(trendInstants('2027', at('2026-03-15 10:00'))).toEqual([])
  })

  it('each target as each month ended: share met and the units’ lights (or a unit’s branches)', () => {
    const data = emptyData()
    data.rhythm = {
      rhythm: committeeOnly,
      meetings: [
        aMeeting({ activityId: 'j', type: 'committee', forPeriod: '2026-01', startAt: shanghai('2026-01-10 15:00') }),
        aMeeting({ activityId: 'j3', type: 'committee', forPeriod: '2026-01', startAt: shanghai('2026-01-12 15:00'), branchId: 'b3', unitId: 'u2' }),
        aMeeting({ activityId: 'f', type: 'committee', forPeriod: '2026-02', startAt: shanghai('2026-02-10 15:00'), submittedAt: shanghai('2026-03-02 09:00') }),
      ],
    }
    const target = targetOf('meetingRhythm')
    const trend = obligationTrend([target], '2026', data, at('2026-03-15 10:00'), null)
    expect(trend).toMatchObject({ year: '2026', unitId: null })
    // January: b1 and b3 met. February's end: b1's record not yet filed (overdue), b3 none: 2 of 4 met.
    // On 15 March: b1's February filed late (met), March open for both: 3 of 6; 甲局 amber, 乙局 still red.
    expect(trend.targets[0].points).toEqual([
      { month: '2026-01', rate: 1, green: 2, amber: 0, red: 0 },
      { month: '2026-02', rate: 0.5, green: 0, amber: 0, red: 2 },
      { month: '2026-03', rate: 0.5, green: 0, amber: 1, red: 1 },
    ])
    const branches = obligationTrend([target], '2026', data, at('2026-03-15 10:00'), 'u1')
    expect(branches.targets[0].points.map((p) => [p.month, p.rate, p.green, p.amber, p.red])).toEqual([
      ['2026-01', 1, 1, 0, 0],
      ['2026-02', 0.5, 0, 0, 1],
      ['2026-03', 2 / 3, 0, 1, 0],
    ])
  })
})
