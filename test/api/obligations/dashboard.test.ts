/**
 * stats.obligations, stats.obligationTrend and stats.coverage on the city of ./city.ts: the month in
 * progress, the matrix of units and of a unit's branches, each row's rates from the meetings' rolls,
 * a cell's items and whose names they carry, a target the city adds, and the trend of the year.
 */
import type { ObligationsResult } from '../../../cloud/contract/obligations'
import type { ObligationStatus } from '../../../cloud/contract/vocabulary'
import { expectError, type World } from '../../helpers/api'
import type { TestServer } from '../../helpers/testServer'
import { liveNovember, liveOctober, obligationCity, type Lived } from './city'

let srv: TestServer
let w: World

beforeAll(async () => {
  ;({ srv, w } = await obligationCity())
})

afterAll(async () => {
  await srv.close()
})

const matrix = (who: string, extra: { period?: string; unitId?: string; targetId?: string; scopeId?: string } = {}) => w.ok('stats', { action: 'obligations', ...extra }, who)
/** Status of each row's cell of a target ('-': the target owes nothing there). */
const lights = (r: ObligationsResult, targetId: string): Record<string, ObligationStatus | '-'> => Object.fromEntries(r.rows.map((row) => [row.name, row.cells[targetId]?.status ?? '-']))

describe('the month in progress (2026-11-02, the fourth quarter)', () => {
  it('October is due, November is not: gB met in October and covers b1 although it has not met in November', async () => {
    await liveOctober(w)
    w.at('2026-11-02 09:00')
    const c = await w.ok('stats', { action: 'coverage', period: '2026-Q4' }, 'city')
    expect(c).toMatchObject({ months: ['2026-10', '2026-11'], monthsDue: ['2026-10'] })
    expect(c.units.map((u) => [u.unitName, u.youth, u.youthInActiveGroups, u.status])).toEqual([
      ['甲局', 3, 0, 'red'],
      ['乙局', 1, 1, 'green'],
      ['丙局', 0, 0, 'green'],
    ])
    expect(c.units[1].groups).toEqual([expect.objectContaining({ id: 'gB', monthsMet: ['2026-10'], monthsMissed: [], meetsMonthly: true })])
  })

  it('the matrix\'s youth cells say the same as coverage', async () => {
    const [c, o] = await Promise.all([w.ok('stats', { action: 'coverage', period: '2026-Q4' }, 'city'), matrix('city', { period: '2026-Q4' })])
    const fromCoverage = Object.fromEntries(c.units.filter((u) => u.youth > 0).map((u) => [u.unitName, u.status]))
    const fromMatrix = Object.fromEntries(Object.entries(lights(o, 'youth-coverage')).filter(([, s]) => s !== '-'))
    expect(fromMatrix).toEqual(fromCoverage)
    expect(fromMatrix).toEqual({ 甲局: 'red', 乙局: 'green' })
  })
})

let lived: Lived

describe('the city on 2026-11-20', () => {
  beforeAll(async () => {
    lived = await liveNovember(w)
    w.at('2026-11-20 10:00')
  })

  it('defaults to this year; a row per unit by name, a standing per built-in target', async () => {
    const r = await matrix('city')
    expect(r).toMatchObject({ period: '2026', level: 'unit', unitId: null, unitName: null, detail: null })
    expect(r.rows.map((x) => x.name)).toEqual(['丙局', '甲局', '乙局'].sort((a, b) => a.localeCompare(b, 'zh-CN')))
    expect(r.targets.map((t) => t.target.id)).toEqual(['youth-coverage', 'branch-rhythm', 'rotation-training', 'democratic-meeting', 'standard-branch', 'duty-report'])
  })

  it('each unit\'s light per target, as worked out by hand', async () => {
    const r = await matrix('city')
    // Youth: nobody's group met every month of the year; 丙局 has no youth.
    expect(lights(r, 'youth-coverage')).toMatchObject({ 甲局: 'red', 乙局: 'red', 丙局: '-' })
    // 三会一课: every branch missed months that have ended.
    expect(lights(r, 'branch-rhythm')).toMatchObject({ 甲局: 'red', 乙局: 'red', 丙局: 'red' })
    // Training: a1 and a4 attended; b2 did not, and the year is in its last quarter; 丙局 has no cadres.
    expect(lights(r, 'rotation-training')).toMatchObject({ 甲局: 'green', 乙局: 'red', 丙局: '-' })
    // 民主生活会: uA's attended by the 工委 (met); uB's without (waits on the 工委: amber); uC none (at risk).
    expect(lights(r, 'democratic-meeting')).toMatchObject({ 甲局: 'green', 乙局: 'amber', 丙局: 'red' })
    // Standard branches: A1 示范, A2 标准 and one 样板 or better in uA; B1 and C1 not scored.
    expect(lights(r, 'standard-branch')).toMatchObject({ 甲局: 'green', 乙局: 'red', 丙局: 'red' })
    expect(lights(r, 'duty-report')).toMatchObject({ 甲局: 'red', 乙局: 'red', 丙局: 'red' })
    const t = Object.fromEntries(r.targets.map((s) => [s.target.id, s]))
    expect(t['rotation-training']).toMatchObject({ total: { required: 3, met: 2, atRisk: 1 }, green: 1, amber: 0, red: 1 })
    expect(t['democratic-meeting']).toMatchObject({ total: { required: 3, met: 1, pending: 1, open: 1 }, green: 1, amber: 1, red: 1 })
    expect(t['standard-branch']).toMatchObject({ total: { required: 7, met: 3 }, green: 1, red: 2 })
    // 述职: three units' 机关党委书记 and four branches' 书记; A1's appraised, uA's submitted (pending).
    expect(t['duty-report']).toMatchObject({ total: { required: 7, met: 1, pending: 1, open: 5 } })
  })

  it('a unit\'s page: a row per branch, rates from the meetings\' rolls', async () => {
    const r = await matrix('admA', { unitId: 'uA' })
    expect(r).toMatchObject({ level: 'branch', unitId: 'uA', unitName: '甲局' })
    expect(r.rows.map((x) => x.id)).toEqual(expect.arrayContaining(['A1', 'A2']))
    // Per branch, 2026 to 11-20: 支委会 and 主题党日 monthly (10 ended), 大会 and 党课 quarterly (3 ended) = 26 ended.
    // A1 held two: the 支委会 (a1 a2 present) and the 大会 (a1 present, a2 on leave, a3 absent): 应到 5, 请假 1, 实到 3.
    const a1 = r.rows.find((x) => x.id === 'A1')
    expect(a1?.rates).toMatchObject({ required: 26, onTime: 0, overdue: 26, held: 2, late: 0, expected: 5, leave: 1, present: 3, compliance: 0, overdueRate: 1 })
    expect(a1?.rates.attendance).toBeCloseTo(3 / 4)
    expect(r.rows.find((x) => x.id === 'A2')?.rates).toMatchObject({ required: 26, held: 0, expected: 0, attendance: 0 })
    expect(r.rates).toMatchObject({ required: 52, held: 2, expected: 5, leave: 1, present: 3 })
    // The city's row of 甲局 carries the same rates as the unit's page.
    const city = await matrix('city')
    expect(city.rows.find((x) => x.id === 'uA')?.rates).toEqual(r.rates)
    expect(city.rates).toMatchObject({ required: 104, held: 2, expected: 5 })
  })

  it('a filed meeting\'s counts come with its record: only the 大会, not filed yet, is rolled from the roster', async () => {
    // A minute on, past the read cache's window: the rolls are worked out afresh.
    w.at('2026-11-18 12:05')
    const rosterOn = jest.spyOn(srv.store, 'rosterOn')
    const attendance = jest.spyOn(srv.store, 'listAttendance')
    try {
      const city = await matrix('city')
      expect(city.rates).toMatchObject({ held: 2, expected: 5, leave: 1, present: 3 })
      expect(attendance.mock.calls.map(([id]) => id)).toEqual([lived.general])
      expect(rosterOn).toHaveBeenCalledTimes(1)
    } finally {
      rosterOn.mockRestore()
      attendance.mockRestore()
      w.at('2026-11-18 12:00')
    }
  })

  it('A1\'s 支委会 of November is met with the meeting as evidence; the 大会 waits for its record', async () => {
    const r = await matrix('a1', { unitId: 'uA', targetId: 'branch-rhythm', scopeId: 'A1' })
    const items = r.detail?.items ?? []
    expect(items.find((it) => it.what === '2026-11 支委会')).toMatchObject({ state: 'met', late: false, evidence: [{ kind: 'meeting', id: lived.committee }] })
    expect(items.find((it) => it.what === '2026-Q4 支部党员大会')).toMatchObject({ state: 'pending', note: '会议已召开，记录未上报' })
    // Unmet first, soonest due first.
    expect(items[0].state).toBe('overdue')
    expect(items[items.length - 1].state).toBe('met')
  })

  it('names: the city admin, the unit\'s admin and the branch\'s runners see them; others see the numbers only', async () => {
    const youth = (who: string) => matrix(who, { targetId: 'youth-coverage', scopeId: 'uA' })
    const named = (await youth('admA')).detail
    expect(named).toMatchObject({ scopeName: '甲局', namesWithheld: false, cell: { required: 3, met: 0 } })
    expect(named?.items.map((it) => it.subject.name).sort()).toEqual(['孙三', '赵一', '钱二'].sort())
    expect((await youth('city')).detail?.items).toHaveLength(3)
    // Another unit's admin: the cell, no names.
    const other = (await youth('admB')).detail
    expect(other).toMatchObject({ namesWithheld: true, items: [], cell: { required: 3, met: 0 } })
    // A branch's secretary sees their own branch's youth, not the other branch's.
    expect((await matrix('a1', { unitId: 'uA', targetId: 'youth-coverage', scopeId: 'A1' })).detail).toMatchObject({ namesWithheld: false })
    expect((await matrix('a5', { unitId: 'uA', targetId: 'youth-coverage', scopeId: 'A1' })).detail).toMatchObject({ namesWithheld: true, items: [] })
    // Items owed by units and branches carry no personal names: shown to every organizer.
    const dm = (await matrix('admB', { targetId: 'democratic-meeting', scopeId: 'uA' })).detail
    expect(dm).toMatchObject({ namesWithheld: false, items: [{ state: 'met', subject: { kind: 'unit', id: 'uA' } }] })
  })

  it('a unit admin on another unit\'s page gets the numbers only', async () => {
    const r = await matrix('admB', { unitId: 'uA', targetId: 'rotation-training', scopeId: 'A1' })
    expect(r.rows.find((x) => x.id === 'A1')?.cells['rotation-training']).toMatchObject({ required: 1, met: 1 })
    expect(r.detail).toMatchObject({ namesWithheld: true, items: [] })
  })

  it('refusals: a member, an unknown unit or target, a bad period', async () => {
    await w.expectRefused(() => w.call('stats', { action: 'obligations' }, 'a3'), 'FORBIDDEN')
    await w.expectRefused(() => w.call('stats', { action: 'obligations', unitId: 'nope' }, 'city'), 'NOT_FOUND')
    await w.expectRefused(() => w.call('stats', { action: 'obligations', targetId: 'nope', scopeId: 'uA' }, 'city'), 'NOT_FOUND')
    await w.expectRefused(() => w.call('stats', { action: 'obligations', unitId: 'uA', targetId: 'youth-coverage', scopeId: 'B1' }, 'city'), 'NOT_FOUND')
    await w.expectRefused(() => w.call('stats', { action: 'obligations', period: '2026-13' }, 'city'), 'BAD_INPUT')
    expectError(await w.call('stats', { action: 'obligationTrend', year: '2026' }, 'a3'), 'FORBIDDEN')
  })
})

describe('a target the city adds', () => {
  it('a training target of 乡科级 and above for 乙局 alone, due 2026-11-30, appears in the matrix', async () => {
    w.at('2026-11-20 10:00')
    const t = await w.ok(
      'stats',
      { action: 'setTarget', kind: 'training', name: '乡科级以上干部专题轮训', rhythm: 'year', deadline: '2026-11-30', unitIds: ['uB'], params: { minRank: 'section' } },
      'city',
    )
    expect(t).toMatchObject({ builtIn: false, active: true, updatedBy: 'city' })
    const r = await matrix('city')
    expect(r.targets.map((s) => s.target.id)).toContain(t.id)
    // b2 (县处级) is reached; nobody of 甲局 or 丙局 is; ten days before the deadline, nothing under way: red.
    expect(lights(r, t.id)).toEqual({ 丙局: '-', 甲局: '-', 乙局: 'red' })
    const d = (await matrix('admB', { targetId: t.id, scopeId: 'uB' })).detail
    expect(d?.items).toEqual([expect.objectContaining({ subject: expect.objectContaining({ kind: 'member', name: '陈七' }), state: 'open', note: '未参加轮训' })])
    expect(d?.items[0].dueBy).toBe(new Date('2026-11-30T16:00:00.000Z').toISOString())
    const listed = await w.ok('stats', { action: 'targets' }, 'orgA')
    expect(listed.targets.map((x) => x.id)).toEqual(['youth-coverage', 'branch-rhythm', 'rotation-training', 'democratic-meeting', 'standard-branch', 'duty-report', t.id])
    // Switched off, it leaves the matrix but stays listed.
    await w.ok('stats', { action: 'setTarget', id: t.id, kind: 'training', name: t.name, rhythm: 'year', deadline: '2026-11-30', unitIds: ['uB'], params: { minRank: 'section' }, active: false }, 'city')
    expect((await matrix('city')).targets.map((s) => s.target.id)).not.toContain(t.id)
    expect((await w.ok('stats', { action: 'targets' }, 'city')).targets.find((x) => x.id === t.id)).toMatchObject({ active: false })
  })
})

describe('the trend of 2026', () => {
  it('a point per month begun; the 民主生活会 target as each month ended', async () => {
    w.at('2026-11-20 10:00')
    const trend = await w.ok('stats', { action: 'obligationTrend' }, 'orgA')
    expect(trend).toMatchObject({ year: '2026', unitId: null })
    const dm = trend.targets.find((t) => t.targetId === 'democratic-meeting')
    expect(dm?.points.map((p) => p.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'])
    expect(dm?.points[9]).toMatchObject({ month: '2026-10', rate: 0 })
    expect(dm?.points[10]).toMatchObject({ month: '2026-11', green: 1, amber: 1, red: 1 })
    expect(dm?.points[10].rate).toBeCloseTo(1 / 3)
    const unit = await w.ok('stats', { action: 'obligationTrend', year: '2026', unitId: 'uA' }, 'admA')
    expect(unit.targets.find((t) => t.targetId === 'rotation-training')?.points[10]).toMatchObject({ rate: 1 })
    await w.expectRefused(() => w.call('stats', { action: 'obligationTrend', unitId: 'nope' }, 'city'), 'NOT_FOUND')
  })
})
