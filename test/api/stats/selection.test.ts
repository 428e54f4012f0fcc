/**
 * Study-model selection through the real gateway, on the quarter lived in ./quarter.ts: a city admin
 * freezes the top of the board (own-group attendance ≥ 80%), a 7-day public notice (公示) during which
 * the list is locked, then final, exportable, and kept as the record; stats.snapshot for everyone.
 * Objections (异议) to a list on notice: ./objections.test.ts.
 */
import { errorOf, expectOk, shanghai } from '../../helpers/api'
import { readCsv, readXlsx } from '../../helpers/spreadsheets'
import { useQuarter } from './quarter'

const q = useQuarter()
const { stat } = q

describe('study-model selection: freeze, 7-day public notice (公示), final', () => {
  // Own-group study attendance in Q1 (gAB: A1 A4 A6; gC: A2 A7), eligibility needs ≥ 80%:
  //   a1 3/3, b1 3/3, a2 3/3, c2 2/2, c1 2/2 → eligible
  //   b2 2/3 (missed A6) → out despite rank 4 and 5 points; a4 has no group → out; d1 scores 0 → out
  // Top 4 of the eligible, in board order: a1, b1, a2, c2.
  const TOP4 = [
    { rank: 1, memberId: 'a1', name: '赵一', unitName: '甲局', score: 9, attendanceRate: 5 / 6, groupAttendanceRate: 1 },
    { rank: 2, memberId: 'b1', name: '冯六', unitName: '乙局', score: 6, attendanceRate: 1, groupAttendanceRate: 1 },
    { rank: 3, memberId: 'a2', name: '钱二', unitName: '甲局', score: 6, attendanceRate: 0.5, groupAttendanceRate: 1 },
    { rank: 4, memberId: 'c2', name: '杨十', unitName: '丙局', score: 4, attendanceRate: 1, groupAttendanceRate: 1 },
  ]
  const FROZEN_AT = shanghai('2026-03-25 10:00')
  const NOTICE_UNTIL = shanghai('2026-04-01 10:00')
  let snapshotId: string
  const exportModels = (format: 'csv' | 'xlsx') => q.w.call('stats', { action: 'export', what: 'studyModels', period: '2026-Q1', format }, 'city')

  it('before any freeze: no snapshot, and nothing to export (NOT_FOUND)', async () => {
    q.srv.clock.set(FROZEN_AT)
    expect(await stat({ action: 'snapshot', period: '2026-Q1' }, 'a1')).toBeNull()
    await q.w.expectRefused(() => exportModels('csv'), 'NOT_FOUND', 404)
  })

  it('only a city admin may freeze; a period with nobody eligible: CONFLICT', async () => {
    for (const who of ['admA', 'orgA', 'a1']) await q.w.expectRefused(() => q.w.call('stats', { action: 'freezeSnapshot', period: '2026-Q1', topN: 4 }, who), 'FORBIDDEN', 403)
    await q.w.expectRefused(() => q.w.call('stats', { action: 'freezeSnapshot', period: '2026-Q3', topN: 4 }, 'city'), 'CONFLICT', 409)
    expect(q.srv.store.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get()).toEqual({ n: 0 })
  })

  it('the city admin freezes the top 4: own-group attendance below 80% excludes b2 despite a higher score', async () => {
    const s = await stat({ action: 'freezeSnapshot', period: '2026-Q1', topN: 4, minGroupAttendance: 0.8 }, 'city')
    snapshotId = s.id
    expect(s).toEqual({
      id: expect.any(String),
      period: '2026-Q1',
      status: 'notice',
      rules: { topN: 4, minGroupAttendance: 0.8 },
      entries: TOP4,
      frozenBy: 'city',
      frozenAt: FROZEN_AT,
      noticeUntil: NOTICE_UNTIL,
      pendingObjections: 0,
      withdrawn: null,
      mine: [],
    })
  })

  it('during the notice the list is locked: freezing again is refused (CONFLICT) and the list on notice stays', async () => {
    q.srv.clock.set(shanghai('2026-03-28 09:00'))
    for (const rules of [{}, { topN: 10 }, { topN: 4, minGroupAttendance: 0.6 }]) {
      const res = await q.w.expectRefused(() => q.w.call('stats', { action: 'freezeSnapshot', period: '2026-Q1', ...rules }, 'city'), 'CONFLICT', 409)
      expect(errorOf(res).message).toBe('公示期内名单已锁定，不能重新生成；如有异议请按异议程序处理')
    }
    expect(await stat({ action: 'snapshot', period: '2026-Q1' }, 'd1')).toMatchObject({ id: snapshotId, status: 'notice', entries: TOP4 })
    q.srv.clock.set(FROZEN_AT)
  })

  it('during the notice every member sees it as 公示, and the list cannot be exported (CONFLICT)', async () => {
    const s = await stat({ action: 'snapshot', period: '2026-Q1' }, 'd1')
    expect(s).toMatchObject({ id: snapshotId, status: 'notice', entries: TOP4, frozenAt: FROZEN_AT, noticeUntil: NOTICE_UNTIL })
    await q.w.expectRefused(() => exportModels('csv'), 'CONFLICT', 409)
    q.srv.clock.set(new Date(Date.parse(NOTICE_UNTIL) - 1).toISOString())
    expect(await stat({ action: 'snapshot', period: '2026-Q1' }, 'd1')).toMatchObject({ status: 'notice' })
    await q.w.expectRefused(() => exportModels('xlsx'), 'CONFLICT', 409)
  })

  it('7 days after the freeze it is final, and exports: CSV (BOM, header, rows) and XLSX', async () => {
    q.srv.clock.set(NOTICE_UNTIL)
    expect(await stat({ action: 'snapshot' }, 'd1')).toMatchObject({ period: '2026-Q1', status: 'final', entries: TOP4 })
    const header = ['名次', '姓名', '单位', '学习积分', '出勤率', '小组学习出勤率']
    const rows = [
      [1, '赵一', '甲局', 9, '83.3%', '100%'],
      [2, '冯六', '乙局', 6, '100%', '100%'],
      [3, '钱二', '甲局', 6, '50%', '100%'],
      [4, '杨十', '丙局', 4, '100%', '100%'],
    ]
    const csvRes = await exportModels('csv')
    expect(csvRes.status).toBe(200)
    expect(expectOk(csvRes).filename).toBe('青年理论学习标兵-2026-Q1.csv')
    const csv = readCsv(expectOk(csvRes))
    expect(csv.bom).toBe(true)
    expect(csv.rows).toEqual([header, ...rows.map((r) => r.map(String))])
    const xlsxRes = await exportModels('xlsx')
    expect(xlsxRes.status).toBe(200)
    expect(await readXlsx(expectOk(xlsxRes))).toEqual([header, ...rows])
  })

  it('a final list is the record: freezing again is refused (CONFLICT), the list and its export stay', async () => {
    const csvBefore = expectOk(await exportModels('csv')).base64
    const res = await q.w.expectRefused(() => q.w.call('stats', { action: 'freezeSnapshot', period: '2026-Q1', topN: 10 }, 'city'), 'CONFLICT', 409)
    expect(errorOf(res).message).toBe('本期名单已确定，是评选结果的记录，不能重新生成')
    expect(await stat({ action: 'snapshot', period: '2026-Q1' }, 'd1')).toMatchObject({ id: snapshotId, status: 'final', entries: TOP4 })
    expect(expectOk(await exportModels('csv')).base64).toBe(csvBefore)
  })

  it('other periods have no snapshot', async () => {
    expect(await stat({ action: 'snapshot', period: '2026-Q3' }, 'a1')).toBeNull()
  })

  it('a credit reversed as a proxy check-in (代签) does not count as attending one’s group', async () => {
    // Group attendance counts live credits, not check-in rows: a3's A6 check-in whose credit was reversed
    // as 代签 (not there) is not attendance, so a3 has 2/3 (below 80%) and stays out, as the board's
    // attendance already says. The year's list (the quarter's is final and stays), with room for all.
    const s = await stat({ action: 'freezeSnapshot', period: '2026', topN: 10, minGroupAttendance: 0.8 }, 'city')
    expect(s.entries.map((e) => e.memberId)).toEqual(['a1', 'b1', 'a2', 'c2', 'c1'])
  })
})
