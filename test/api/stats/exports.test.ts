/**
 * stats.export through the real gateway, on the quarter lived in ./quarter.ts: the CSV and XLSX files
 * say what the JSON says; plain members may not export.
 */
import { shanghai } from '../../helpers/api'
import { pct, readCsv, readXlsx } from '../../helpers/spreadsheets'
import type { EventOf } from '../../helpers/testServer'
import { Q1_MONTHS, useQuarter } from './quarter'

const q = useQuarter()
const { stat } = q

describe('exports: CSV and XLSX say what the JSON says', () => {
  const STATUS: Record<string, string> = { green: '绿（达标：全覆盖且按月学习）', amber: '黄（推进中）', red: '红（滞后：有逾期或临近截止）' }

  async function both(what: EventOf<'stats', 'export'>['what'], period: string) {
    const csv = await stat({ action: 'export', what, period, format: 'csv' }, 'orgA')
    const xlsx = await stat({ action: 'export', what, period, format: 'xlsx' }, 'orgA')
    const c = readCsv(csv)
    expect(c.bom).toBe(true)
    expect(csv.mimeType).toContain('text/csv')
    expect(xlsx.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    return { csv, xlsx, csvRows: c.rows, xlsxRows: await readXlsx(xlsx) }
  }

  /** The CSV holds every cell as text; the XLSX keeps numbers as numbers. */
  function expectRows(file: Awaited<ReturnType<typeof both>>, header: string[], rows: (string | number)[][]) {
    expect(file.csvRows).toEqual([header, ...rows.map((r) => r.map(String))])
    expect(file.xlsxRows).toEqual([header, ...rows])
    expect(file.csv.rows).toBe(rows.length)
    expect(file.xlsx.rows).toBe(rows.length)
  }

  it('coverage', async () => {
    const json = await stat({ action: 'coverage', period: '2026-Q1' }, 'orgA')
    const f = await both('coverage', '2026-Q1')
    expect(f.csv.filename).toBe('青年理论学习小组覆盖-2026-Q1.csv')
    expect(f.xlsx.filename).toBe('青年理论学习小组覆盖-2026-Q1.xlsx')
    const header = ['单位', '青年人数', '已覆盖人数', '覆盖率', '按月学习的小组', '小组数', '状态']
    const byHand = [
      ['甲局', 4, 3, '75%', 1, 1, STATUS.red],
      ['乙局', 2, 2, '100%', 1, 1, STATUS.green],
      // gC missed February, a month that has ended: its youth are not covered.
      ['丙局', 2, 0, '0%', 0, 1, STATUS.red],
      ['丁局', 1, 0, '0%', 0, 0, STATUS.red],
    ]
    expect(json.units.map((u) => [u.unitName, u.youth, u.youthInActiveGroups, pct(u.coverage), u.groupsMeetingMonthly, u.groups.length, STATUS[u.status]])).toEqual(byHand)
    expectRows(f, header, byHand)
  })

  it('volunteer', async () => {
    const json = await stat({ action: 'volunteer', period: '2026-Q1' }, 'orgA')
    const f = await both('volunteer', '2026-Q1')
    expect(f.csv.filename).toBe('志愿服务统计-2026-Q1.csv')
    const header = ['单位', '志愿服务时长(小时)', '党员人数', '参与人数', '参与率', ...Q1_MONTHS]
    const byHand = [
      ['乙局', 10, 4, 2, '50%', 0, 10, 0],
      ['甲局', 4.5, 7, 2, '28.6%', 4.5, 0, 0],
      ['丙局', 2, 4, 1, '25%', 0, 0, 2],
      ['丁局', 0, 1, 0, '0%', 0, 0, 0],
    ]
    expect(json.units.map((u) => [u.unitName, u.hours, u.members, u.participants, pct(u.participation), ...Q1_MONTHS.map((m) => u.byMonth[m])])).toEqual(byHand)
    expectRows(f, header, byHand)
  })

  it('leaderboard (the study-model board, city, members)', async () => {
    const json = await stat({ action: 'leaderboard', period: '2026-Q1', view: 'members' }, 'orgA')
    const f = await both('leaderboard', '2026-Q1')
    expect(f.csv.filename).toBe('学习积分排行-2026-Q1.csv')
    const header = ['名次', '姓名', '单位', '学习积分', '出勤率']
    const byHand = [
      [1, '赵一', '甲局', 9, '83.3%'],
      [2, '冯六', '乙局', 6, '100%'],
      [3, '钱二', '甲局', 6, '50%'],
      [4, '陈七', '乙局', 5, '75%'],
      [5, '杨十', '丙局', 4, '100%'],
      [6, '韩九', '丙局', 4, '100%'],
      [7, '李四', '甲局', 4, '100%'],
      [8, '孙三', '甲局', 4, '33.3%'],
      [9, '朱十一', '丁局', 0, '0%'],
    ]
    expect(json.rows.map((r) => [r.rank, r.name, r.unitName, r.score, pct(r.attendanceRate)])).toEqual(byHand)
    expectRows(f, header, byHand)
  })

  it('plain members may not export, nor see the coverage and volunteer dashboards, nor freeze a selection', async () => {
    for (const event of [
      { action: 'export', what: 'coverage', period: '2026-Q1', format: 'csv' },
      { action: 'export', what: 'studyModels', period: '2026-Q1', format: 'xlsx' },
      { action: 'coverage', period: '2026-Q1' },
      { action: 'volunteer', period: '2026-Q1' },
      { action: 'freezeSnapshot', period: '2026-Q1', topN: 3 },
      { action: 'setPolicy', effectiveFrom: shanghai('2026-04-01 00:00'), dailyPointsCap: 8 },
    ])
      await q.w.expectRefused(() => q.w.send('stats', event, 'a1'), 'FORBIDDEN', 403)
  })
})
