/**
 * stats.coverage through the real gateway: 青年理论学习小组全覆盖 per unit and for the city, judged on the
 * quarter lived in ./quarter.ts; who sees which uncovered names. Coverage is the youthGroup target's
 * evaluation seen per unit: a youth is covered when their group met in every month that is due (has
 * ended); the month in progress is never missed. Statuses are the engine's lights.
 */
import { Q1_MONTHS, useQuarter } from './quarter'

const q = useQuarter()
const { log, stat } = q

describe('stats.coverage', () => {
  // Q1, judged on 2026-03-25 (January and February due, March in progress):
  //   uA: youth a1 a2 a3 a4 (a5 is 36) = 4; a1 a2 a3 in gAB (met every month) = 3 → 75%; a4 in no group, overdue → red
  //   uB: youth b1 b2 = 2, both in gAB → 100%, green
  //   uC: youth c1 c2 = 2, both in gC, which met in January and March (A7 at 02-28T23:30Z is March 1 in Shanghai)
  //       but not February, a month that has ended → neither covered, 0%, red
  //   uD: youth d1 = 1, no group → 0%, red
  //   city: 9 youth, 5 covered; 1 green unit of 4
  const gAB = { id: 'gAB', name: '甲乙联合青年理论学习小组', monthsMet: Q1_MONTHS, monthsMissed: [], active: true, meetsMonthly: true }
  const gC = { id: 'gC', name: '丙局青年理论学习小组', jointWith: [], monthsMet: ['2026-01', '2026-03'], monthsMissed: ['2026-02'], active: true, meetsMonthly: false }
  const Q1_UNITS = [
    { unitId: 'uA', unitName: '甲局', youth: 4, youthInActiveGroups: 3, coverage: 0.75, groups: [{ ...gAB, jointWith: ['uB'] }], groupsMeetingMonthly: 1, status: 'red', uncovered: [{ id: 'a4', name: '李四', reason: 'noGroup' }], namesWithheld: false, namesOnRequest: false },
    { unitId: 'uB', unitName: '乙局', youth: 2, youthInActiveGroups: 2, coverage: 1, groups: [{ ...gAB, jointWith: ['uA'] }], groupsMeetingMonthly: 1, status: 'green', uncovered: [], namesWithheld: false, namesOnRequest: false },
    {
      unitId: 'uC',
      unitName: '丙局',
      youth: 2,
      youthInActiveGroups: 0,
      coverage: 0,
      groups: [gC],
      groupsMeetingMonthly: 0,
      status: 'red',
      uncovered: [
        { id: 'c1', name: '韩九', reason: 'groupInactive' },
        { id: 'c2', name: '杨十', reason: 'groupInactive' },
      ],
      namesWithheld: false,
      namesOnRequest: false,
    },
    { unitId: 'uD', unitName: '丁局', youth: 1, youthInActiveGroups: 0, coverage: 0, groups: [], groupsMeetingMonthly: 0, status: 'red', uncovered: [{ id: 'd1', name: '朱十一', reason: 'noGroup' }], namesWithheld: false, namesOnRequest: false },
  ]
  /** Every unit at once carries no names: the ones with uncovered youth say the names come on request. */
  const LISTED = Q1_UNITS.map((u) => ({ ...u, uncovered: [], namesOnRequest: u.uncovered.length > 0 }))
  const DUE = ['2026-01', '2026-02']

  it('city admin, default period (the current quarter, 2026-Q1): every unit, its status and the green share', async () => {
    expect(await stat({ action: 'coverage' }, 'city')).toEqual({
      period: '2026-Q1',
      months: Q1_MONTHS,
      monthsDue: DUE,
      youthAgeLimit: 35,
      units: LISTED,
      youth: 9,
      youthInActiveGroups: 5,
      coverage: 5 / 9,
      greenUnits: 1,
      greenShare: 0.25,
    })
  })

  it('on 20 January nothing is due yet: groups that met this month cover their youth, and the month in progress is not missed', () => {
    const c = log.coverageJanuary
    expect(c).toMatchObject({ period: '2026-Q1', months: ['2026-01'], monthsDue: [], greenUnits: 2, greenShare: 0.5 })
    // a4 and d1 are in no group, but January has not ended and is not yet in its last stretch: amber, not red.
    expect(c.units.map((u) => [u.unitId, u.status, u.coverage])).toEqual([
      ['uA', 'amber', 0.75],
      ['uB', 'green', 1],
      ['uC', 'green', 1],
      ['uD', 'amber', 0],
    ])
    expect(c.units[2].groups).toEqual([{ ...gC, monthsMet: ['2026-01'], monthsMissed: [], meetsMonthly: true }])
  })

  it('on 2 March the month just begun is not missed: a unit whose groups met in every ended month is green', () => {
    const c = log.coverageMarch2
    expect(c).toMatchObject({ period: '2026-Q1', months: Q1_MONTHS, monthsDue: DUE })
    // uB: b1 b2 in gAB, which met in January and February and not yet in March → covered, green.
    // uA: a4 in no group (January is overdue) → red; uC: gC skipped February → red; uD: no group → red.
    expect(c.units.map((u) => [u.unitId, u.status, u.coverage])).toEqual([
      ['uA', 'red', 0.75],
      ['uB', 'green', 1],
      ['uC', 'red', 0],
      ['uD', 'red', 0],
    ])
    expect(c.units[1].groups).toEqual([{ ...gAB, jointWith: ['uA'], monthsMet: ['2026-01', '2026-02'], monthsMissed: [] }])
    // gC met on 1 March: the month in progress shows as met; February, which ended, as missed.
    expect(c.units[2].groups).toEqual([gC])
  })

  it('the year 2026 (judged on the months due so far) equals the first quarter here', async () => {
    const y = await stat({ action: 'coverage', period: '2026' }, 'city')
    expect(y).toMatchObject({ period: '2026', months: Q1_MONTHS, monthsDue: DUE, units: LISTED, coverage: 5 / 9, greenShare: 0.25 })
  })

  it('2026-Q3 has not begun: nothing is owed yet, and no group is blamed for a month', async () => {
    const q3 = await stat({ action: 'coverage', period: '2026-Q3' }, 'city')
    expect(q3).toMatchObject({ months: [], monthsDue: [], youth: 0 })
    for (const u of q3.units) {
      expect(u.status).toBe('green')
      for (const g of u.groups) expect(g.monthsMissed).toEqual([])
    }
  })

  it('the city admin gets a unit’s uncovered names by asking for that unit', async () => {
    for (const u of Q1_UNITS) expect((await stat({ action: 'coverage', period: '2026-Q1', unitId: u.unitId }, 'city')).units).toEqual([u])
  })

  it('a unit admin sees every unit’s numbers but uncovered names only for their own unit', async () => {
    const c = await stat({ action: 'coverage', period: '2026-Q1' }, 'admA')
    expect(c.units.map((u) => [u.unitId, u.youth, u.youthInActiveGroups, u.status])).toEqual(Q1_UNITS.map((u) => [u.unitId, u.youth, u.youthInActiveGroups, u.status]))
    expect(c.units.find((u) => u.unitId === 'uA')).toMatchObject({ uncovered: [], namesOnRequest: true, namesWithheld: false })
    expect(c.units.find((u) => u.unitId === 'uD')).toMatchObject({ uncovered: [], namesOnRequest: false, namesWithheld: true })
    const onlyA = await stat({ action: 'coverage', period: '2026-Q1', unitId: 'uA' }, 'admA')
    expect(onlyA.units).toEqual([Q1_UNITS[0]])
    const onlyD = await stat({ action: 'coverage', period: '2026-Q1', unitId: 'uD' }, 'admA')
    expect(onlyD.units).toEqual([{ ...Q1_UNITS[3], uncovered: [], namesWithheld: true }])
    const cityD = await stat({ action: 'coverage', period: '2026-Q1', unitId: 'uD' }, 'city')
    expect(cityD.units).toEqual([Q1_UNITS[3]])
  })

  it('an organizer (not an admin) sees the numbers and no names', async () => {
    const c = await stat({ action: 'coverage', period: '2026-Q1' }, 'orgA')
    expect(c.units.map((u) => u.uncovered)).toEqual([[], [], [], []])
    expect(c.youthInActiveGroups).toBe(5)
  })

  it('bad period: BAD_INPUT', async () => {
    await q.w.expectRefused(() => q.w.call('stats', { action: 'coverage', period: '2026-Q5' }, 'city'), 'BAD_INPUT', 400)
  })
})
