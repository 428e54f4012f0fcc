/** 书记抓党建述职评议 (cloud/domain/obligations/dutyReport.ts): per secretary and year, submitted and appraised. */
import type { DutyReport } from '../../../../cloud/contract/obligations'
import { dutyReportItems } from '../../../../cloud/domain/obligations/dutyReport'
import { targetWindows } from '../../../../cloud/domain/obligations/engine'
import { parsePeriod } from '../../../../cloud/domain/period'
import type { Target } from '../../../../cloud/contract/obligations'
import { anOrg, at, shanghai, targetOf } from './fixtures'

const report = (over: Partial<DutyReport> & Pick<DutyReport, 'id' | 'level' | 'subjectId' | 'unitId' | 'submittedAt'>): DutyReport => ({
  year: '2026',
  reporterName: '王书记',
  text: '述职报告',
  evidence: ['f1'],
  submittedBy: 'm1',
  grade: null,
  comment: null,
  appraisedBy: null,
  appraisedAt: null,
  ...over,
})
const evaluate = (reports: DutyReport[], now: string, target: Target = targetOf('dutyReport'), period = '2026') => {
  const p = parsePeriod(period, at(now))
  return dutyReportItems(target, targetWindows(target, p, at(now)), p, anOrg(), { reports }, at(now))
}
const of = (items: ReturnType<typeof evaluate>, id: string) => items.find((i) => i.subject.id === id)

describe('dutyReportItems', () => {
  it('an item per unit (机关党委书记) and per branch owing the year (党支部书记, by name where appointed)', () => {
    const items = evaluate([], '2026-06-01 10:00')
    expect(items.map((i) => [i.subject.kind, i.subject.id, i.subject.name, i.branchId])).toEqual([
      ['unit', 'u2', '乙局机关党委书记', null],
      ['unit', 'u1', '甲局机关党委书记', null],
      ['branch', 'b1', '王书记', 'b1'],
      ['branch', 'b3', '机关党支部', 'b3'],
    ])
    expect(items[0]).toMatchObject({ what: '2026 年度述职评议', state: 'open', note: '未述职', dueBy: shanghai('2027-01-01 00:00') })
    // b2 was set up in 2026: it owes 2027.
    expect(evaluate([], '2027-06-01 10:00', targetOf('dutyReport'), '2027').map((i) => i.subject.id)).toContain('b2')
    expect(evaluate([], '2026-06-01 10:00', targetOf('dutyReport', { params: { levels: ['unit'] } })).map((i) => i.subject.kind)).toEqual(['unit', 'unit'])
  })

  it('submitted: pending until appraised (overdue if the year ends first); appraised: met, late after the year', () => {
    const r = report({ id: 'r1', level: 'branch', subjectId: 'b1', unitId: 'u1', submittedAt: shanghai('2026-12-20 10:00') })
    expect(of(evaluate([r], '2026-12-20 09:59'), 'b1')).toMatchObject({ state: 'open', note: '未述职', evidence: [] })
    expect(of(evaluate([r], '2026-12-20 10:00'), 'b1')).toMatchObject({
      state: 'pending',
      note: '已述职，待评议',
      evidence: [
        { kind: 'dutyReport', id: 'r1', label: '王书记 2026 年度述职' },
        { kind: 'file', id: 'f1' },
      ],
    })
    expect(of(evaluate([r], '2027-01-01 00:00'), 'b1')).toMatchObject({ state: 'overdue', note: '已述职，待评议' })
    const onTime = { ...r, grade: 'good' as const, appraisedBy: 'u', appraisedAt: shanghai('2026-12-31 23:59') }
    expect(of(evaluate([onTime], '2027-01-02 10:00'), 'b1')).toMatchObject({ state: 'met', late: false, note: null, metAt: shanghai('2026-12-31 23:59') })
    const late = { ...onTime, appraisedAt: shanghai('2027-01-01 00:00') }
    expect(of(evaluate([late], '2027-01-02 10:00'), 'b1')).toMatchObject({ state: 'met', late: true })
    expect(of(evaluate([late], '2026-12-31 23:59'), 'b1')).toMatchObject({ state: 'pending' })
  })

  it('a unit’s report meets the unit’s item only; another year’s report does not count', () => {
    const u = report({ id: 'r2', level: 'unit', subjectId: 'u1', unitId: 'u1', submittedAt: shanghai('2026-03-01 10:00'), appraisedAt: shanghai('2026-03-05 10:00') })
    const items = evaluate([u, { ...u, id: 'r3', subjectId: 'u2', unitId: 'u2', year: '2025' }], '2026-06-01 10:00')
    expect(of(items, 'u1')?.state).toBe('met')
    expect(of(items, 'u2')?.state).toBe('open')
    expect(of(items, 'b1')?.state).toBe('open')
  })
})
