/**
 * The upward report (记实建档) on the city of ./city.ts at 2026-11-20: the workbook opened with
 * exceljs, its 汇总 equal to `stats.reportSummary` and `stats.obligations`, a sheet per target with
 * every item, 党员出席 and 支部会议 from the meetings' rolls; who may have which report.
 */
import type { ReportSummary } from '../../../cloud/contract/obligations'
import { OBLIGATION_STATUS_LABEL, TARGET_KIND_LABEL } from '../../../cloud/contract/vocabulary'
import { errorOf, type World } from '../../helpers/api'
import { readWorkbook } from '../../helpers/spreadsheets'
import type { TestServer } from '../../helpers/testServer'
import { liveNovember, liveOctober, obligationCity } from './city'

let srv: TestServer
let w: World

beforeAll(async () => {
  ;({ srv, w } = await obligationCity())
  await liveOctober(w)
  await liveNovember(w)
  w.at('2026-11-20 10:00')
})

afterAll(async () => {
  await srv.close()
})

const TARGET_SHEETS = ['青年理论学习小组全覆盖', '三会一课严格执行', '县处级以上领导干部全员轮训', '民主生活会全覆盖列席', '党支部全部达到标准党支部以上', '书记抓党建述职评议']

/** The 汇总 sheet read back: its header lines, target rows, rate rows and overdue count. */
function readSummary(rows: unknown[][]) {
  const at = (label: string) => rows.findIndex((r) => r[0] === label)
  const targetsFrom = at('目标') + 1
  const ratesFrom = at('组织生活指标') + 1
  return {
    scope: rows[at('范围')][1],
    period: rows[at('统计周期')][1],
    targets: rows.slice(targetsFrom, ratesFrom - 2).map((r) => ({ name: r[0], kind: r[1], required: r[2], met: r[3], rate: r[4], status: r[5], green: r[6], amber: r[7], red: r[8] })),
    rates: Object.fromEntries(rows.slice(ratesFrom, ratesFrom + 4).map((r) => [r[0], r[1]])),
    overdue: rows[at('逾期事项')][1],
  }
}

const summaryAsSheet = (s: ReportSummary) => ({
  scope: s.scopeName,
  period: s.period,
  targets: s.targets.map((t) => ({ name: t.name, kind: TARGET_KIND_LABEL[t.kind], required: t.required, met: t.met, rate: t.rate, status: OBLIGATION_STATUS_LABEL[t.status], green: t.green, amber: t.amber, red: t.red })),
  rates: { 规范执行率: s.rates.compliance, 出席率: s.rates.attendance, 补开补报率: s.rates.lateRate, 逾期率: s.rates.overdueRate },
  overdue: s.overdue.length,
})

describe('the city\'s report', () => {
  it('a workbook: 汇总, a sheet per active target, 党员出席, 支部会议', async () => {
    const file = await w.ok('stats', { action: 'report' }, 'city')
    expect(file).toMatchObject({ filename: '记实建档-市直机关-2026.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    const book = await readWorkbook(file)
    expect([...book.keys()]).toEqual(['汇总', ...TARGET_SHEETS, '党员出席', '支部会议'])
  })

  it('汇总 says what reportSummary and obligations say', async () => {
    const [file, summary, matrix] = await Promise.all([
      w.ok('stats', { action: 'report', period: '2026' }, 'city'),
      w.ok('stats', { action: 'reportSummary', period: '2026' }, 'city'),
      w.ok('stats', { action: 'obligations', period: '2026' }, 'city'),
    ])
    const sheet = readSummary((await readWorkbook(file)).get('汇总') ?? [])
    expect(sheet).toEqual(summaryAsSheet(summary))
    expect(sheet).toMatchObject({ scope: '市直机关', period: '2026' })
    // The summary's numbers are the matrix's.
    expect(summary.targets.map((t) => [t.targetId, t.required, t.met, t.rate, t.status, t.green, t.amber, t.red])).toEqual(
      matrix.targets.map((s) => [s.target.id, s.total.required, s.total.met, s.total.rate, s.total.status, s.green, s.amber, s.red]),
    )
    expect(summary.rates).toEqual(matrix.rates)
    expect(summary.overdue.length).toBe(matrix.targets.reduce((n, s) => n + s.total.overdue, 0))
    expect(summary.overdue[0]).toMatchObject({ state: 'overdue', targetName: expect.any(String), unitName: expect.any(String) })
  })

  it('a target\'s sheet lists every item with unit, branch, subject and state', async () => {
    const [file, matrix] = await Promise.all([w.ok('stats', { action: 'report' }, 'city'), w.ok('stats', { action: 'obligations' }, 'city')])
    const book = await readWorkbook(file)
    const header = ['单位', '党支部', '对象', '事项', '状态', '截止日期', '完成时间', '说明']
    for (const [i, name] of TARGET_SHEETS.entries()) {
      const rows = book.get(name) ?? []
      expect(rows[0]).toEqual(header)
      const total = matrix.targets[i].total
      expect(rows.length - 1).toBe(total.required)
      expect(rows.filter((r) => r[4] === '已完成')).toHaveLength(total.met)
      expect(rows.filter((r) => r[4] === '逾期')).toHaveLength(total.overdue)
    }
    expect(book.get('县处级以上领导干部全员轮训')?.slice(1)).toEqual([
      ['乙局', '乙局党支部', '陈七', '2026 轮训', '未到期', '2026-12-31', '', '未参加轮训'],
      // Met items after unmet ones, by name (pinyin order: 李 before 赵).
      ['甲局', '甲局第二党支部', '李四', '2026 轮训', '已完成', '2026-12-31', '2026-11-05 09:05', ''],
      ['甲局', '甲局第一党支部', '赵一', '2026 轮训', '已完成', '2026-12-31', '2026-11-05 09:05', ''],
    ])
  })

  it('党员出席 and 支部会议 from the rolls: A1\'s 支委会 and 大会', async () => {
    const book = await readWorkbook(await w.ok('stats', { action: 'report' }, 'city'))
    expect(book.get('党员出席')).toEqual([
      ['单位', '党支部', '姓名', '应到', '实到', '请假', '缺席', '出席率'],
      // By name in pinyin order; a2's approved leave is out of her rate, a3 missed the 大会.
      ['甲局', '甲局第一党支部', '钱二', 2, 1, 1, 0, 1],
      ['甲局', '甲局第一党支部', '孙三', 1, 0, 0, 1, 0],
      ['甲局', '甲局第一党支部', '赵一', 2, 2, 0, 0, 1],
    ])
    expect(book.get('支部会议')).toEqual([
      ['单位', '党支部', '会议', '类型', '所属周期', '召开时间', '补开', '记录状态', '补报', '应到', '实到', '请假'],
      ['甲局', '甲局第一党支部', '十一月支委会', '支委会', '2026-11', '2026-11-10 14:00', '', '已上报', '', 2, 2, 0],
      ['甲局', '甲局第一党支部', '第四季度支部党员大会', '支部党员大会', '2026-Q4', '2026-11-12 14:00', '', '未上报', '', 3, 1, 1],
    ])
  })
})

describe('a unit\'s report', () => {
  it('its admin gets it with its own names; its numbers are the unit page\'s', async () => {
    const [file, summary, page] = await Promise.all([
      w.ok('stats', { action: 'report', unitId: 'uA' }, 'admA'),
      w.ok('stats', { action: 'reportSummary', unitId: 'uA' }, 'admA'),
      w.ok('stats', { action: 'obligations', unitId: 'uA' }, 'admA'),
    ])
    expect(file.filename).toBe('记实建档-甲局-2026.xlsx')
    const book = await readWorkbook(file)
    expect(readSummary(book.get('汇总') ?? [])).toEqual(summaryAsSheet(summary))
    expect(summary).toMatchObject({ scopeName: '甲局', unitId: 'uA', rates: page.rates })
    expect(summary.targets.map((t) => t.required)).toEqual(page.targets.map((s) => s.total.required))
    expect(book.get('青年理论学习小组全覆盖')?.slice(1).map((r) => r[2])).toEqual(expect.arrayContaining(['赵一', '钱二', '孙三']))
    expect(book.get('党员出席')?.length).toBe(4)
    // Every overdue item is of 甲局.
    expect(new Set(summary.overdue.map((o) => o.unitName))).toEqual(new Set(['甲局']))
  })

  it('the city admin may have any unit\'s; a unit admin neither the city\'s nor another unit\'s; organizers none', async () => {
    expect((await w.ok('stats', { action: 'reportSummary', unitId: 'uB' }, 'city')).scopeName).toBe('乙局')
    for (const action of ['report', 'reportSummary'] as const) {
      const city = await w.expectRefused(() => w.send('stats', { action }, 'admA'), 'FORBIDDEN')
      expect(errorOf(city).message).toMatch(/只有市直机关工委管理员可以生成全市报告/)
      const other = await w.expectRefused(() => w.send('stats', { action, unitId: 'uB' }, 'admA'), 'FORBIDDEN')
      expect(errorOf(other).message).toBe('只能生成本单位的记实报告')
      await w.expectRefused(() => w.send('stats', { action, unitId: 'uA' }, 'orgA'), 'FORBIDDEN')
      await w.expectRefused(() => w.send('stats', { action, unitId: 'uA' }, 'a1'), 'FORBIDDEN')
    }
    await w.expectRefused(() => w.send('stats', { action: 'report', unitId: 'nope' }, 'city'), 'NOT_FOUND')
  })

  it('the report is audited under the unit it covers', () => {
    const rows = w.all<{ actor_id: string; unit_id: string; target: string }>(`SELECT actor_id, unit_id, target FROM audit_log WHERE action = 'stats.report' ORDER BY seq`)
    expect(rows.filter((r) => r.actor_id === 'admA')).toEqual([{ actor_id: 'admA', unit_id: 'uA', target: 'unitId:uA' }])
  })
})
