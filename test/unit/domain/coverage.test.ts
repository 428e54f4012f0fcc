/**
 * 青年理论学习小组全覆盖 (cloud/domain/coverage.ts): coverage per unit and for the city as the youthGroup
 * target evaluates it (joint groups, months due and missed, the month in progress, the deadline day,
 * the age limit), and the youth test the stores' prefilter relies on.
 */
import fc from 'fast-check'
import type { Target } from '../../../cloud/contract/obligations'
import { computeCoverage, youthBornAfter, youthTest, type CoverageInput } from '../../../cloud/domain/coverage'
import type { YouthGroupInput } from '../../../cloud/domain/obligations/inputs'
import { DEFAULT_TARGETS } from '../../../cloud/domain/obligations/targets'
import { ageOn, parsePeriod } from '../../../cloud/domain/period'
import { fuzzSeed } from '../../helpers/fuzz'

const at = (iso: string) => new Date(iso)
const YOUTH = DEFAULT_TARGETS.find((t) => t.kind === 'youthGroup')!
const SEED = fuzzSeed(20261127)

describe('computeCoverage: the youthGroup target seen per unit', () => {
  const Q4 = ['2026-10', '2026-11', '2026-12']
  // Youth on 2026-10-01: born 1991-01-01 (35). Not youth: born 1990-01-01 (36).
  const Y = '1995-06-01'
  const OLD = '1980-01-01'
  const AFTER_Q4 = at('2027-01-05T02:00:00Z')
  const member = (id: string, unitId: string, youthGroupId: string | null, birthDate: string | null = Y) => ({ id, name: `姓名${id}`, unitId, branchId: null, youthGroupId, birthDate })
  type Input = { units: CoverageInput['units']; members: ReturnType<typeof member>[]; groups: YouthGroupInput['groups']; met: Record<string, string[]>; period?: string; now?: Date; youthAgeLimit?: number; target?: Target }
  /** Each group's session on the 10th of the months it met. */
  const sessions = (met: Record<string, string[]>) => new Map(Object.entries(met).map(([g, ms]) => [g, new Map(ms.map((m) => [m, `${m}-10T02:00:00.000Z`]))]))
  const coverage = (over: Partial<Input>) => {
    const i: Input = { units: [], members: [], groups: [], met: {}, ...over }
    const now = i.now ?? AFTER_Q4
    return computeCoverage({
      units: i.units,
      target: i.target ?? YOUTH,
      youth: { members: i.members, groups: i.groups, sessions: sessions(i.met), policyAgeLimit: i.youthAgeLimit ?? 35 },
      period: parsePeriod(i.period ?? '2026-Q4', now),
      now,
    })
  }

  it('4 youth, 3 of them in a group that met every month: 75%, red (the fourth is overdue: in no group)', () => {
    const c = coverage({
      units: [{ id: 'uA', name: '甲局' }],
      members: [member('a1', 'uA', 'gA'), member('a2', 'uA', 'gA', '1991-01-01'), member('a3', 'uA', 'gA'), member('a4', 'uA', null), member('a5', 'uA', 'gA', OLD), member('a6', 'uA', null, null)],
      groups: [{ id: 'gA', name: '甲局青年小组', unitIds: ['uA'] }],
      met: { gA: Q4 },
    })
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
    expect(c).toMatchObject({ youth: 4, youthInActiveGroups: 3, coverage: 0.75, greenUnits: 0, greenShare: 0, monthsDue: Q4 })
  })

  it('a joint group of two units counts for both; each sees the other as its partner', () => {
    const c = coverage({
      units: [{ id: 'uA', name: '甲局' }, { id: 'uB', name: '乙局' }],
      members: [member('a1', 'uA', 'gAB'), member('a2', 'uA', 'gAB'), member('b1', 'uB', 'gAB')],
      groups: [{ id: 'gAB', name: '甲乙联合小组', unitIds: ['uA', 'uB'] }],
      met: { gAB: Q4 },
    })
    const [a, b] = c.units
    expect(a).toMatchObject({ youth: 2, youthInActiveGroups: 2, coverage: 1, groupsMeetingMonthly: 1, status: 'green', uncovered: [] })
    expect(b).toMatchObject({ youth: 1, youthInActiveGroups: 1, coverage: 1, groupsMeetingMonthly: 1, status: 'green', uncovered: [] })
    expect(a.groups.map((g) => [g.id, g.jointWith])).toEqual([['gAB', ['uB']]])
    expect(b.groups.map((g) => [g.id, g.jointWith])).toEqual([['gAB', ['uA']]])
    expect(c).toMatchObject({ youth: 3, youthInActiveGroups: 3, coverage: 1, greenUnits: 2, greenShare: 1 })
  })

  it('a youth whose group missed an ended month is uncovered (groupInactive); a group with no youth of the unit does not change its status', () => {
    const c = coverage({
      units: [{ id: 'uA', name: '甲局' }, { id: 'uB', name: '乙局' }],
      members: [member('a1', 'uA', 'gA'), member('b1', 'uB', 'gB'), member('b2', 'uB', 'gAB')],
      groups: [
        { id: 'gA', name: '甲局小组', unitIds: ['uA'] },
        { id: 'gB', name: '乙局小组', unitIds: ['uB'] },
        { id: 'gAB', name: '联合小组', unitIds: ['uA', 'uB'] },
      ],
      met: { gA: Q4, gB: ['2026-10', '2026-12'], gAB: Q4 },
    })
    const [a, b] = c.units
    expect(a).toMatchObject({ coverage: 1, groupsMeetingMonthly: 2, status: 'green' })
    expect(b).toMatchObject({ youth: 2, youthInActiveGroups: 1, coverage: 0.5, groupsMeetingMonthly: 1, status: 'red', uncovered: [{ id: 'b1', name: '姓名b1', reason: 'groupInactive' }] })
    expect(b.groups.find((g) => g.id === 'gB')).toMatchObject({ monthsMet: ['2026-10', '2026-12'], monthsMissed: ['2026-11'], active: true, meetsMonthly: false })
    expect(c.greenShare).toBe(0.5)
  })

  it('a group that never met is inactive: its members are uncovered (groupInactive)', () => {
    const c = coverage({
      units: [{ id: 'uA', name: '甲局' }],
      members: [member('a1', 'uA', 'gA'), member('a2', 'uA', 'gA'), member('a3', 'uA', 'gX'), member('a4', 'uA', 'gX'), member('a5', 'uA', 'gX')],
      groups: [
        { id: 'gA', name: '甲', unitIds: ['uA'] },
        { id: 'gX', name: '未开展', unitIds: ['uA'] },
      ],
      met: { gA: Q4, gOther: Q4 },
    })
    expect(c.units[0]).toMatchObject({ youth: 5, youthInActiveGroups: 2, coverage: 0.4, groupsMeetingMonthly: 1, status: 'red' })
    expect(c.units[0].uncovered.map((u) => [u.id, u.reason])).toEqual([['a3', 'groupInactive'], ['a4', 'groupInactive'], ['a5', 'groupInactive']])
    expect(c.units[0].groups.find((g) => g.id === 'gX')).toMatchObject({ active: false, meetsMonthly: false, monthsMet: [], monthsMissed: Q4 })
  })

  it('4 of 5 covered is 80%: amber even with one youth overdue', () => {
    const c = coverage({
      units: [{ id: 'uA', name: '甲局' }],
      members: [member('a1', 'uA', 'gA'), member('a2', 'uA', 'gA'), member('a3', 'uA', 'gA'), member('a4', 'uA', 'gA'), member('a5', 'uA', null)],
      groups: [{ id: 'gA', name: '甲', unitIds: ['uA'] }],
      met: { gA: Q4 },
    })
    expect(c.units[0]).toMatchObject({ coverage: 0.8, status: 'amber' })
  })

  it('a unit with no youth counts as covered, has no uncovered names and does not lower the city coverage', () => {
    const c = coverage({
      units: [{ id: 'uA', name: '甲局' }, { id: 'uO', name: '老干部局' }],
      members: [member('a1', 'uA', 'gA'), member('o1', 'uO', null, OLD), member('o2', 'uO', null, '1990-01-01')],
      groups: [{ id: 'gA', name: '甲', unitIds: ['uA'] }],
      met: { gA: Q4 },
      period: '2026-Q1',
      now: at('2026-04-05T02:00:00Z'),
    })
    // gA met only in Q4 months; here it is judged on Q1, so it never met: a1 is uncovered.
    const o = c.units.find((u) => u.unitId === 'uO')!
    expect(o).toMatchObject({ youth: 0, youthInActiveGroups: 0, coverage: 1, groups: [], groupsMeetingMonthly: 0, uncovered: [], status: 'green' })
    expect(c).toMatchObject({ youth: 1, youthInActiveGroups: 0, coverage: 0 })
  })

  it('the month in progress never counts as missed: on 2 December a group that met in October and November is green', () => {
    const base = {
      units: [{ id: 'uA', name: '甲局' }],
      members: [member('a1', 'uA', 'gA'), member('a2', 'uA', 'gA')],
      groups: [{ id: 'gA', name: '甲', unitIds: ['uA'] }],
      met: { gA: ['2026-10', '2026-11'] },
    }
    const c = coverage({ ...base, now: at('2026-12-02T01:00:00Z') })
    expect(c.monthsDue).toEqual(['2026-10', '2026-11'])
    expect(c.units[0].groups[0]).toMatchObject({ monthsMet: ['2026-10', '2026-11'], monthsMissed: [], meetsMonthly: true })
    expect(c.units[0]).toMatchObject({ youthInActiveGroups: 2, status: 'green' })
    // Once December has ended without a session, it is missed.
    const jan = coverage({ ...base, now: AFTER_Q4 })
    expect(jan.units[0].groups[0]).toMatchObject({ monthsMissed: ['2026-12'], meetsMonthly: false })
    expect(jan.units[0]).toMatchObject({ youthInActiveGroups: 0, status: 'red' })
  })

  it('in the first month of a period nothing is due: a group that has met this month covers, one that has not is still open (amber)', () => {
    const base = {
      units: [{ id: 'uA', name: '甲局' }],
      members: [member('a1', 'uA', 'gA')],
      groups: [{ id: 'gA', name: '甲', unitIds: ['uA'] }],
    }
    const early = coverage({ ...base, met: { gA: ['2026-10'] }, now: at('2026-10-12T02:00:00Z') })
    expect(early.monthsDue).toEqual([])
    expect(early.units[0]).toMatchObject({ youthInActiveGroups: 1, status: 'green' })
    expect(early.units[0].groups[0]).toMatchObject({ monthsMet: ['2026-10'], monthsMissed: [], meetsMonthly: true })
    const notYet = coverage({ ...base, met: {}, now: at('2026-10-05T02:00:00Z') })
    expect(notYet.units[0]).toMatchObject({ youthInActiveGroups: 0, status: 'amber', uncovered: [{ id: 'a1', name: '姓名a1', reason: 'groupInactive' }] })
  })

  it('with a deadline day (the 20th), a month with no session is missed from the 21st (Shanghai)', () => {
    const target = { ...YOUTH, params: { monthDeadlineDay: 20 } }
    const base = {
      units: [{ id: 'uA', name: '甲局' }],
      members: [member('a1', 'uA', 'gA')],
      groups: [{ id: 'gA', name: '甲', unitIds: ['uA'] }],
      met: { gA: ['2026-10'] },
      target,
    }
    // 2026-11-20 23:59 Shanghai is 15:59 UTC.
    expect(coverage({ ...base, now: at('2026-11-20T15:59:00Z') }).units[0]).toMatchObject({ youthInActiveGroups: 1, status: 'green' })
    const late = coverage({ ...base, now: at('2026-11-20T16:00:00Z') })
    expect(late.monthsDue).toEqual(['2026-10', '2026-11'])
    expect(late.units[0]).toMatchObject({ youthInActiveGroups: 0, status: 'red' })
    expect(late.units[0].groups[0].monthsMissed).toEqual(['2026-11'])
  })

  it('the age limit is the policy’s where the target sets none: with 40, a 38-year-old counts as youth; the target’s own wins', () => {
    const base = {
      units: [{ id: 'uA', name: '甲局' }],
      members: [member('a1', 'uA', 'gA'), member('a2', 'uA', null, '1988-03-03')],
      groups: [{ id: 'gA', name: '甲', unitIds: ['uA'] }],
      met: { gA: Q4 },
    }
    expect(coverage(base).units[0]).toMatchObject({ youth: 1, coverage: 1, status: 'green' })
    expect(coverage({ ...base, youthAgeLimit: 40 }).units[0]).toMatchObject({ youth: 2, coverage: 0.5, status: 'red' })
    expect(coverage({ ...base, youthAgeLimit: 40, target: { ...YOUTH, params: { ageLimit: 35 } } }).units[0]).toMatchObject({ youth: 1 })
  })

  it('a city with no units: zero green share, full coverage of nobody', () => {
    expect(coverage({})).toEqual({ units: [], youth: 0, youthInActiveGroups: 0, coverage: 1, greenUnits: 0, greenShare: 0, monthsDue: Q4 })
  })
})

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const isoDay = fc.tuple(fc.integer({ min: 1900, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`)
const oddDay = fc.oneof(fc.constant('1990-1-5'), fc.constant('1990/01/05'), fc.constant(''), fc.constant('19900105'), fc.string({ maxLength: 12 }))

describe('youthTest: the same answer as age on the day ≤ the limit', () => {
  it('for well-formed, odd and missing birth dates, any day and limit', () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(isoDay, oddDay)), isoDay, fc.integer({ min: 18, max: 60 }), (birth, day, limit) => {
        expect(youthTest(day, limit)(birth)).toBe(birth !== null && ageOn(birth, day) <= limit)
      }),
      { numRuns: 2000, seed: SEED },
    )
  })

  it('at the edge: 35 on the day is youth, 36 is not', () => {
    expect(youthBornAfter('2026-01-01', 35)).toBe('1990-01-01')
    const youth = youthTest('2026-01-01', 35)
    expect([youth('1990-01-01'), youth('1990-01-02'), youth('1991-01-01'), youth(null)]).toEqual([false, true, true, false])
  })
})
