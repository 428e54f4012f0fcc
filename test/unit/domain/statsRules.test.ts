/**
 * Issue 5 domain rules, pure: reporting periods on the Shanghai calendar, ages on a period's first
 * day (youth = at most 35), 青年理论学习小组全覆盖 (coverage and the green / amber / red status), the
 * leaderboard's tie-breaks and unit averages, and policy versions by effective date.
 */
import { computeCoverage, statusOf, type CoverageInput } from '../../../cloud/domain/coverage'
import { DomainError } from '../../../cloud/domain/errors'
import { rankBoard, rate, unitAverages, type BoardRow } from '../../../cloud/domain/leaderboard'
import { ageOn, currentQuarter, monthsElapsed, parsePeriod } from '../../../cloud/domain/period'
import { DEFAULT_POLICY, policyAt } from '../../../cloud/domain/policy'
import { periodKeys, shanghaiDay } from '../../../cloud/domain/time'

const at = (iso: string) => new Date(iso)
const NOW = at('2026-11-20T02:00:00.000Z')

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f()
  } catch (e) {
    return e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`
  }
  return undefined
}

describe('parsePeriod', () => {
  it('a year: 12 months from Shanghai midnight of 1 January (16:00 UTC the day before)', () => {
    expect(parsePeriod('2026', NOW)).toEqual({
      key: '2026',
      kind: 'year',
      start: '2025-12-31T16:00:00.000Z',
      end: '2026-12-31T16:00:00.000Z',
      months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'],
      firstDay: '2026-01-01',
    })
  })

  it('a quarter: three months; Q4 ends where next year begins', () => {
    expect(parsePeriod('2026-Q4', NOW)).toEqual({
      key: '2026-Q4',
      kind: 'quarter',
      start: '2026-09-30T16:00:00.000Z',
      end: '2026-12-31T16:00:00.000Z',
      months: ['2026-10', '2026-11', '2026-12'],
      firstDay: '2026-10-01',
    })
    expect(parsePeriod('2026-Q1', NOW)).toMatchObject({ start: '2025-12-31T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z', months: ['2026-01', '2026-02', '2026-03'], firstDay: '2026-01-01' })
    expect(parsePeriod('2026-Q3', NOW)).toMatchObject({ start: '2026-06-30T16:00:00.000Z', end: '2026-09-30T16:00:00.000Z', firstDay: '2026-07-01' })
  })

  it('a month: November 2026 begins at 2026-10-31T16:00Z; December ends at next year', () => {
    expect(parsePeriod('2026-11', NOW)).toEqual({
      key: '2026-11',
      kind: 'month',
      start: '2026-10-31T16:00:00.000Z',
      end: '2026-11-30T16:00:00.000Z',
      months: ['2026-11'],
      firstDay: '2026-11-01',
    })
    expect(parsePeriod('2026-12', NOW)).toMatchObject({ start: '2026-11-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' })
    // February of a leap year and of a common year.
    expect(parsePeriod('2028-02', NOW).end).toBe('2028-02-29T16:00:00.000Z')
    expect(parsePeriod('2026-02', NOW).end).toBe('2026-02-28T16:00:00.000Z')
  })

  it('no key: the current Shanghai year (New Year arrives in Shanghai 8 hours before UTC)', () => {
    expect(parsePeriod(undefined, at('2025-12-31T15:59:59.999Z')).key).toBe('2025')
    expect(parsePeriod(undefined, at('2025-12-31T16:00:00.000Z')).key).toBe('2026')
  })

  it('malformed or out-of-range keys: BAD_INPUT', () => {
    for (const bad of ['2026-13', '2026-00', '2026-Q0', '2026-Q5', '2026-1', '26', '2026-q4', ' 2026', '2026/11', '', 'x'])
      expect([bad, codeOf(() => parsePeriod(bad, NOW))]).toEqual([bad, 'BAD_INPUT'])
    expect(codeOf(() => parsePeriod('1999', NOW))).toBe('BAD_INPUT')
    expect(codeOf(() => parsePeriod('2101-Q1', NOW))).toBe('BAD_INPUT')
    expect(codeOf(() => parsePeriod('2000', NOW))).toBeUndefined()
    expect(codeOf(() => parsePeriod('2100-12', NOW))).toBeUndefined()
  })
})

describe('monthsElapsed: months that have begun in Shanghai', () => {
  const q4 = parsePeriod('2026-Q4', NOW)

  it('2026-10-31T16:00Z is already November in Shanghai; a millisecond earlier it is still October', () => {
    expect(monthsElapsed(q4, at('2026-10-31T15:59:59.999Z'))).toEqual(['2026-10'])
    expect(monthsElapsed(q4, at('2026-10-31T16:00:00.000Z'))).toEqual(['2026-10', '2026-11'])
  })

  it('a period not yet begun has no months; a finished one has all', () => {
    expect(monthsElapsed(q4, at('2026-09-30T15:59:59.999Z'))).toEqual([])
    expect(monthsElapsed(q4, at('2026-09-30T16:00:00.000Z'))).toEqual(['2026-10'])
    expect(monthsElapsed(q4, at('2027-03-01T00:00:00.000Z'))).toEqual(['2026-10', '2026-11', '2026-12'])
    expect(monthsElapsed(parsePeriod('2026', NOW), NOW)).toHaveLength(11)
  })
})

describe('ageOn and youth (at most 35 on the period’s first day)', () => {
  it('whole years; the birthday itself counts', () => {
    expect(ageOn('1991-01-01', '2026-01-01')).toBe(35)
    expect(ageOn('1990-01-01', '2026-01-01')).toBe(36)
    expect(ageOn('1990-01-02', '2026-01-01')).toBe(35)
    // Born on New Year's Eve 1990: 35 on 2026-01-01, 36 only from 2026-12-31.
    expect(ageOn('1990-12-31', '2026-01-01')).toBe(35)
    expect(ageOn('1990-12-31', '2026-12-30')).toBe(35)
    expect(ageOn('1990-12-31', '2026-12-31')).toBe(36)
  })

  it('born on 29 February: a year older on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25)
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26)
    expect(ageOn('2000-02-29', '2028-02-29')).toBe(28)
  })

  it('someone turning 36 mid-year is youth for the year (and its first quarter), not for the third quarter', () => {
    const birth = '1990-05-20'
    const youth = (key: string) => ageOn(birth, parsePeriod(key, NOW).firstDay) <= DEFAULT_POLICY.youthAgeLimit
    expect(youth('2026')).toBe(true)
    expect(youth('2026-Q1')).toBe(true)
    expect(youth('2026-05')).toBe(true)
    expect(youth('2026-06')).toBe(false)
    expect(youth('2026-Q3')).toBe(false)
  })
})

describe('currentQuarter and periodKeys follow the Shanghai calendar', () => {
  it('quarters turn at Shanghai midnight', () => {
    expect(currentQuarter(at('2026-09-30T15:59:59.999Z'))).toBe('2026-Q3')
    expect(currentQuarter(at('2026-09-30T16:00:00.000Z'))).toBe('2026-Q4')
    expect(currentQuarter(at('2026-12-31T16:00:00.000Z'))).toBe('2027-Q1')
  })

  it('a credit at 2026-10-31T16:00Z counts for November, Q4 and 2026; one at 2026-12-31T16:00Z for 2027', () => {
    expect(periodKeys(at('2026-10-31T15:59:59.999Z'))).toEqual({ month: '2026-10', quarter: '2026-Q4', year: '2026' })
    expect(periodKeys(at('2026-10-31T16:00:00.000Z'))).toEqual({ month: '2026-11', quarter: '2026-Q4', year: '2026' })
    expect(periodKeys(at('2026-12-31T16:00:00.000Z'))).toEqual({ month: '2027-01', quarter: '2027-Q1', year: '2027' })
    expect(periodKeys(at('2026-03-31T16:00:00.000Z'))).toEqual({ month: '2026-04', quarter: '2026-Q2', year: '2026' })
  })

  it('every key periodKeys gives lies inside the parsed period (and its months)', () => {
    for (const iso of ['2026-01-01T00:00:00Z', '2026-03-31T15:59:59.999Z', '2026-03-31T16:00:00Z', '2026-06-15T10:00:00Z', '2026-12-31T15:59:59Z']) {
      const keys = periodKeys(at(iso))
      for (const k of [keys.month, keys.quarter, keys.year]) {
        const p = parsePeriod(k, NOW)
        expect([iso, k, Date.parse(p.start) <= Date.parse(iso) && Date.parse(iso) < Date.parse(p.end)]).toEqual([iso, k, true])
        expect(p.months).toContain(keys.month)
      }
    }
  })

  it('shanghaiDay: the day of 2026-10-31T16:30Z is 1 November in Shanghai', () => {
    expect(shanghaiDay(at('2026-10-31T16:30:00.000Z'))).toEqual({ start: '2026-10-31T16:00:00.000Z', end: '2026-11-01T16:00:00.000Z' })
  })
})

describe('statusOf', () => {
  it('green only at full coverage with every group meeting monthly; amber from 80%; red below', () => {
    expect(statusOf(1, true)).toBe('green')
    expect(statusOf(1, false)).toBe('amber')
    expect(statusOf(0.8, true)).toBe('amber')
    expect(statusOf(0.8, false)).toBe('amber')
    expect(statusOf(0.7999, true)).toBe('red')
    expect(statusOf(0, true)).toBe('red')
  })
})

describe('computeCoverage', () => {
  const Q4 = ['2026-10', '2026-11', '2026-12']
  // Youth on 2026-10-01: born 1991-01-01 (35). Not youth: born 1990-01-01 (36).
  const Y = '1995-06-01'
  const OLD = '1980-01-01'
  const member = (id: string, unitId: string, youthGroupId: string | null, birthDate: string | null = Y) => ({ id, name: `姓名${id}`, unitId, youthGroupId, birthDate })
  const input = (over: Partial<CoverageInput>): CoverageInput => ({
    units: [],
    members: [],
    groups: [],
    meetings: new Map(),
    months: Q4,
    firstDay: '2026-10-01',
    youthAgeLimit: 35,
    ...over,
  })
  const met = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([g, m]) => [g, new Set(m)]))

  it('4 youth, 3 of them in an active group: 75%, red; the fourth is listed as having no group', () => {
    const c = computeCoverage(
      input({
        units: [{ id: 'uA', name: '甲局' }],
        members: [member('a1', 'uA', 'gA'), member('a2', 'uA', 'gA', '1991-01-01'), member('a3', 'uA', 'gA'), member('a4', 'uA', null), member('a5', 'uA', 'gA', OLD), member('a6', 'uA', null, null)],
        groups: [{ id: 'gA', name: '甲局青年小组', unitIds: ['uA'] }],
        meetings: met({ gA: Q4 }),
      }),
    )
    // a5 is 46 and a6 has no birth date: neither counts as youth.
    expect(c.units).toEqual([
      {
        unitId: 'uA',
        unitName: '甲局',
        youth: 4,
        youthInActiveGroups: 3,
        coverage: 0.75,
        groups: [{ id: 'gA', name: '甲局青年小组', jointWith: [], monthsMet: Q4, monthsMissed: [], active: true, meetsMonthly: true }],
        groupsMeetingMonthly: 1,
        status: 'red',
        uncovered: [{ id: 'a4', name: '姓名a4', reason: 'noGroup' }],
        namesWithheld: false,
      },
    ])
    expect(c).toMatchObject({ youth: 4, youthInActiveGroups: 3, coverage: 0.75, greenUnits: 0, greenShare: 0 })
  })

  it('a joint group of two units counts for both; each sees the other as its partner', () => {
    const c = computeCoverage(
      input({
        units: [{ id: 'uA', name: '甲局' }, { id: 'uB', name: '乙局' }],
        members: [member('a1', 'uA', 'gAB'), member('a2', 'uA', 'gAB'), member('b1', 'uB', 'gAB')],
        groups: [{ id: 'gAB', name: '甲乙联合小组', unitIds: ['uA', 'uB'] }],
        meetings: met({ gAB: Q4 }),
      }),
    )
    const [a, b] = c.units
    expect(a).toMatchObject({ youth: 2, youthInActiveGroups: 2, coverage: 1, groupsMeetingMonthly: 1, status: 'green', uncovered: [] })
    expect(b).toMatchObject({ youth: 1, youthInActiveGroups: 1, coverage: 1, groupsMeetingMonthly: 1, status: 'green', uncovered: [] })
    expect(a.groups.map((g) => [g.id, g.jointWith])).toEqual([['gAB', ['uB']]])
    expect(b.groups.map((g) => [g.id, g.jointWith])).toEqual([['gAB', ['uA']]])
    expect(c).toMatchObject({ youth: 3, youthInActiveGroups: 3, coverage: 1, greenUnits: 2, greenShare: 1 })
  })

  it('a group that skipped one month: its unit at 100% is amber, not green; the partner unit of the joint group is judged on its own groups', () => {
    const c = computeCoverage(
      input({
        units: [{ id: 'uA', name: '甲局' }, { id: 'uB', name: '乙局' }],
        members: [member('a1', 'uA', 'gA'), member('b1', 'uB', 'gB'), member('b2', 'uB', 'gAB')],
        groups: [
          { id: 'gA', name: '甲局小组', unitIds: ['uA'] },
          { id: 'gB', name: '乙局小组', unitIds: ['uB'] },
          { id: 'gAB', name: '联合小组', unitIds: ['uA', 'uB'] },
        ],
        meetings: met({ gA: Q4, gB: ['2026-10', '2026-12'], gAB: Q4 }),
      }),
    )
    const [a, b] = c.units
    expect(a).toMatchObject({ coverage: 1, groupsMeetingMonthly: 2, status: 'green' })
    expect(b).toMatchObject({ coverage: 1, groupsMeetingMonthly: 1, status: 'amber' })
    expect(b.groups.find((g) => g.id === 'gB')).toMatchObject({ monthsMet: ['2026-10', '2026-12'], monthsMissed: ['2026-11'], active: true, meetsMonthly: false })
    expect(c.greenShare).toBe(0.5)
  })

  it('a group that never met is inactive: its members are uncovered (groupInactive)', () => {
    const c = computeCoverage(
      input({
        units: [{ id: 'uA', name: '甲局' }],
        members: [member('a1', 'uA', 'gA'), member('a2', 'uA', 'gA'), member('a3', 'uA', 'gX'), member('a4', 'uA', 'gX'), member('a5', 'uA', 'gX')],
        groups: [
          { id: 'gA', name: '甲', unitIds: ['uA'] },
          { id: 'gX', name: '未开展', unitIds: ['uA'] },
        ],
        meetings: met({ gA: Q4, gOther: Q4 }),
      }),
    )
    expect(c.units[0]).toMatchObject({ youth: 5, youthInActiveGroups: 2, coverage: 0.4, groupsMeetingMonthly: 1, status: 'red' })
    expect(c.units[0].uncovered.map((u) => [u.id, u.reason])).toEqual([['a3', 'groupInactive'], ['a4', 'groupInactive'], ['a5', 'groupInactive']])
    expect(c.units[0].groups.find((g) => g.id === 'gX')).toMatchObject({ active: false, meetsMonthly: false, monthsMet: [], monthsMissed: Q4 })
  })

  it('4 of 5 covered is 80%: amber even with every group meeting', () => {
    const c = computeCoverage(
      input({
        units: [{ id: 'uA', name: '甲局' }],
        members: [member('a1', 'uA', 'gA'), member('a2', 'uA', 'gA'), member('a3', 'uA', 'gA'), member('a4', 'uA', 'gA'), member('a5', 'uA', null)],
        groups: [{ id: 'gA', name: '甲', unitIds: ['uA'] }],
        meetings: met({ gA: Q4 }),
      }),
    )
    expect(c.units[0]).toMatchObject({ coverage: 0.8, status: 'amber' })
  })

  it('a unit with no youth counts as covered, has no uncovered names and does not lower the city coverage', () => {
    const c = computeCoverage(
      input({
        units: [{ id: 'uA', name: '甲局' }, { id: 'uO', name: '老干部局' }],
        members: [member('a1', 'uA', 'gA'), member('o1', 'uO', null, OLD), member('o2', 'uO', null, '1990-01-01')],
        groups: [{ id: 'gA', name: '甲', unitIds: ['uA'] }],
        meetings: met({ gA: Q4 }),
        firstDay: '2026-01-01',
        months: ['2026-01', '2026-02', '2026-03'],
      }),
    )
    // gA met only in Q4 months; here it is judged on Q1, so it never met: a1 is uncovered.
    const o = c.units.find((u) => u.unitId === 'uO')!
    expect(o).toMatchObject({ youth: 0, youthInActiveGroups: 0, coverage: 1, groups: [], groupsMeetingMonthly: 0, uncovered: [], status: 'green' })
    expect(c).toMatchObject({ youth: 1, youthInActiveGroups: 0, coverage: 0 })
  })

  it('months not yet begun are not counted as missed', () => {
    // Judged on 2026-11-05: October and November have begun; December has not.
    const months = monthsElapsed(parsePeriod('2026-Q4', NOW), at('2026-11-05T02:00:00Z'))
    expect(months).toEqual(['2026-10', '2026-11'])
    const c = computeCoverage(
      input({
        units: [{ id: 'uA', name: '甲局' }],
        members: [member('a1', 'uA', 'gA'), member('a2', 'uA', 'gA')],
        groups: [{ id: 'gA', name: '甲', unitIds: ['uA'] }],
        meetings: met({ gA: ['2026-10', '2026-11'] }),
        months,
      }),
    )
    expect(c.units[0].groups[0]).toMatchObject({ monthsMet: ['2026-10', '2026-11'], monthsMissed: [], meetsMonthly: true })
    expect(c.units[0].status).toBe('green')
  })

  it('the age limit is the policy’s: with 40, a 38-year-old counts as youth', () => {
    const base = {
      units: [{ id: 'uA', name: '甲局' }],
      members: [member('a1', 'uA', 'gA'), member('a2', 'uA', null, '1988-03-03')],
      groups: [{ id: 'gA', name: '甲', unitIds: ['uA'] }],
      meetings: met({ gA: Q4 }),
    }
    expect(computeCoverage(input(base)).units[0]).toMatchObject({ youth: 1, coverage: 1, status: 'green' })
    expect(computeCoverage(input({ ...base, youthAgeLimit: 40 })).units[0]).toMatchObject({ youth: 2, coverage: 0.5, status: 'red' })
  })

  it('a city with no units: zero green share, full coverage of nobody', () => {
    expect(computeCoverage(input({}))).toEqual({ units: [], youth: 0, youthInActiveGroups: 0, coverage: 1, greenUnits: 0, greenShare: 0 })
  })
})

describe('rankBoard', () => {
  const row = (memberId: string, score: number, attended: number, eligible: number, reachedAt: string | null, unitId = 'uA'): BoardRow => ({
    memberId,
    name: memberId,
    unitId,
    unitName: unitId,
    score,
    attended,
    eligibleSessions: eligible,
    attendanceRate: rate(attended, eligible),
    reachedAt,
  })

  it('score first, then attendance rate, then whoever reached the score first; ranks 1..n', () => {
    const ranked = rankBoard([
      row('late', 6, 4, 4, '2026-03-09T00:00:00.000Z'),
      row('poor', 6, 3, 6, '2026-01-01T00:00:00.000Z'),
      row('early', 6, 4, 4, '2026-03-01T00:00:00.000Z'),
      row('top', 9, 1, 10, '2026-03-20T00:00:00.000Z'),
      row('never', 0, 0, 4, null),
      row('low', 2, 2, 2, '2026-01-05T00:00:00.000Z'),
    ])
    expect(ranked.map((r) => [r.rank, r.memberId])).toEqual([
      [1, 'top'],
      [2, 'early'],
      [3, 'late'],
      [4, 'poor'],
      [5, 'low'],
      [6, 'never'],
    ])
  })

  it('a member with no reachedAt loses a full tie to one with it; a full tie falls back to member id (stable)', () => {
    const ranked = rankBoard([row('b', 2, 1, 1, null), row('a', 2, 1, 1, null), row('c', 2, 1, 1, '2026-02-01T00:00:00.000Z')])
    expect(ranked.map((r) => r.memberId)).toEqual(['c', 'a', 'b'])
  })

  it('does not reorder its input', () => {
    const rows = [row('x', 1, 1, 1, null), row('y', 5, 1, 1, null)]
    rankBoard(rows)
    expect(rows.map((r) => r.memberId)).toEqual(['x', 'y'])
  })

  it('rate: no eligible sessions is 0; never above 1', () => {
    expect(rate(0, 0)).toBe(0)
    expect(rate(3, 0)).toBe(0)
    expect(rate(2, 3)).toBeCloseTo(2 / 3)
    expect(rate(5, 4)).toBe(1)
  })
})

describe('unitAverages', () => {
  const row = (memberId: string, unitId: string, score: number): BoardRow => ({
    memberId,
    name: memberId,
    unitId,
    unitName: unitId,
    score,
    attended: 0,
    eligibleSessions: 0,
    attendanceRate: 0,
    reachedAt: null,
  })

  it('average score per unit over the members counted for it, rounded to 2 decimals; units without members at 0, last', () => {
    const units = [
      { id: 'uA', name: '甲局' },
      { id: 'uB', name: '乙局' },
      { id: 'uC', name: '丙局' },
      { id: 'uD', name: '丁局' },
    ]
    const rows = [row('a1', 'uA', 9), row('a2', 'uA', 6), row('a3', 'uA', 4), row('a4', 'uA', 4), row('b1', 'uB', 6), row('b2', 'uB', 5), row('c1', 'uC', 4), row('c2', 'uC', 4), row('c3', 'uC', 2)]
    const counts = new Map([
      ['uA', 4],
      ['uB', 2],
      ['uC', 3],
    ])
    expect(unitAverages(rows, units, counts)).toEqual([
      { unitId: 'uA', unitName: '甲局', members: 4, total: 23, average: 5.75, rank: 1 },
      { unitId: 'uB', unitName: '乙局', members: 2, total: 11, average: 5.5, rank: 2 },
      // 10 / 3 = 3.333…
      { unitId: 'uC', unitName: '丙局', members: 3, total: 10, average: 3.33, rank: 3 },
      { unitId: 'uD', unitName: '丁局', members: 0, total: 0, average: 0, rank: 4 },
    ])
  })

  it('equal averages: by unit name in Chinese collation', () => {
    const units = [
      { id: 'u2', name: '乙局' },
      { id: 'u1', name: '甲局' },
    ]
    const out = unitAverages([row('x', 'u1', 3), row('y', 'u2', 3)], units, new Map([['u1', 1], ['u2', 1]]))
    expect(out.map((u) => [u.rank, u.unitName, u.average])).toEqual(
      ['甲局', '乙局'].sort((a, b) => a.localeCompare(b, 'zh')).map((n, i) => [i + 1, n, 3]),
    )
  })
})

describe('policyAt', () => {
  const v = (effectiveFrom: string, policy: unknown) => ({ effectiveFrom, policy })

  it('no versions: the defaults', () => {
    expect(policyAt(DEFAULT_POLICY, [], NOW)).toEqual(DEFAULT_POLICY)
  })

  it('a version applies from its effective moment on, not before', () => {
    const versions = [v('2026-12-01T00:00:00.000Z', { pointsPerKind: { study: 3 } })]
    expect(policyAt(DEFAULT_POLICY, versions, at('2026-11-30T23:59:59.999Z')).pointsPerKind).toEqual({ study: 2, lecture: 1, volunteer: 0 })
    expect(policyAt(DEFAULT_POLICY, versions, at('2026-12-01T00:00:00.000Z')).pointsPerKind).toEqual({ study: 3, lecture: 1, volunteer: 0 })
  })

  it('versions stack in date order whatever order they are given in; a future one does not apply yet', () => {
    const versions = [
      v('2027-01-01T00:00:00.000Z', { dailyPointsCap: 6, youthAgeLimit: 40 }),
      v('2026-03-01T00:00:00.000Z', { pointsPerKind: { study: 3 }, dailyPointsCap: 12 }),
      v('2026-06-01T00:00:00.000Z', { pointsPerKind: { lecture: 2 } }),
    ]
    const now = policyAt(DEFAULT_POLICY, versions, NOW)
    expect(now.pointsPerKind).toEqual({ study: 3, lecture: 2, volunteer: 0 })
    expect(now.dailyPointsCap).toBe(12)
    expect(now.youthAgeLimit).toBe(35)
    // Fields no version touches stay as they were.
    expect(now.qrPeriodSec).toBe(DEFAULT_POLICY.qrPeriodSec)
    expect(now.dailyHoursMax).toBe(DEFAULT_POLICY.dailyHoursMax)

    const later = policyAt(DEFAULT_POLICY, versions, at('2027-01-01T00:00:00.000Z'))
    expect(later).toMatchObject({ dailyPointsCap: 6, youthAgeLimit: 40, pointsPerKind: { study: 3, lecture: 2, volunteer: 0 } })
    expect(policyAt(DEFAULT_POLICY, versions, at('2026-02-28T23:59:59.000Z'))).toEqual(DEFAULT_POLICY)
  })

  it('the base policy object is left untouched', () => {
    const before = JSON.stringify(DEFAULT_POLICY)
    policyAt(DEFAULT_POLICY, [v('2020-01-01T00:00:00.000Z', { pointsPerKind: { study: 9 }, dailyPointsCap: 1 })], NOW)
    expect(JSON.stringify(DEFAULT_POLICY)).toBe(before)
  })
})
