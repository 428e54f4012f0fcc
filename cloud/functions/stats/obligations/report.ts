/**
 * The upward report (记实建档) as one workbook: 汇总 (the summary the printable page shows), a sheet
 * per active target with every item, 党员出席 (each member's meetings) and 支部会议 (each meeting's
 * roll and filing). Names only as the caller may see them.
 */
import type { Worksheet } from 'exceljs'
import type { z } from 'zod'
import type { ItemState, MeetingRates, ReportSummary } from '../../../contract/obligations'
import type { obligations as schemas } from '../../../contract/schemas'
import { MEETING_TYPE_LABEL, OBLIGATION_STATUS_LABEL, RECORD_STATE_LABEL, TARGET_KIND_LABEL } from '../../../contract/vocabulary'
import { byUrgency } from '../../../domain/obligations/engine'
import { meetingLateness } from '../../../domain/obligations/meetingRhythm'
import type { AuthedCtx } from '../../../runtime/action'
import { excel, type ExportFile } from '../../spreadsheet'
import { seesNamesOf } from './access'
import { rollsWithRows, type Roll } from './rolls'
import type { ScopeView } from './scope'
import { NAME_WITHHELD, namesOf, reportView, shownItem, summaryOf } from './summary'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>
type Cell = string | number

const STATE_LABEL: Record<ItemState, string> = { met: '已完成', pending: '办理中', open: '未到期', overdue: '逾期' }
const PERCENT = '0.0%'
/** Shanghai wall-clock time (`YYYY-MM-DD HH:mm`), or the day alone. */
const local = (iso: string | null, len = 16): string => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, len).replace('T', ' ') : '')
/** A deadline is the first instant after its last day: show that day. */
const lastDay = (dueBy: string): string => local(new Date(Date.parse(dueBy) - 1).toISOString(), 10)
const yesNo = (b: boolean) => (b ? '是' : '')

/** The rates as the summary lists them: name, share, and what it is a share of. */
export function rateLines(r: MeetingRates): [string, number, string][] {
  return [
    ['规范执行率', r.compliance, `${r.onTime} / ${r.required}（按时召开并上报 / 应召开）`],
    ['出席率', r.attendance, `${r.present} / ${r.expected - r.leave}（实到 / 应到 − 请假）`],
    ['补开补报率', r.lateRate, `${r.late} / ${r.held}（补开或补报 / 已召开）`],
    ['逾期率', r.overdueRate, `${r.overdue} / ${r.required}（逾期未开 / 应召开）`],
  ]
}

function table(sheet: Worksheet, header: string[], rows: Cell[][], percentColumns: number[] = []): void {
  sheet.addRow(header).font = { bold: true }
  for (const r of rows) sheet.addRow(r)
  for (const c of percentColumns) sheet.getColumn(c).numFmt = PERCENT
  sheet.columns.forEach((c, i) => (c.width = i < 3 ? 18 : 14))
}

function summarySheet(sheet: Worksheet, s: ReportSummary): void {
  sheet.addRow(['范围', s.scopeName])
  sheet.addRow(['统计周期', s.period])
  sheet.addRow(['生成时间', local(s.computedAt)])
  sheet.addRow([])
  sheet.addRow(['目标', '类型', '应完成', '已完成', '完成率', '状态', '达标', '推进中', '滞后']).font = { bold: true }
  for (const t of s.targets) sheet.addRow([t.name, TARGET_KIND_LABEL[t.kind], t.required, t.met, t.rate, OBLIGATION_STATUS_LABEL[t.status], t.green, t.amber, t.red])
  sheet.addRow([])
  sheet.addRow(['组织生活指标', '比率', '计算']).font = { bold: true }
  for (const line of rateLines(s.rates)) sheet.addRow(line)
  sheet.addRow([])
  sheet.addRow(['逾期事项', s.overdue.length])
  sheet.getColumn(1).width = 30
  for (const c of [2, 3, 4, 5]) sheet.getColumn(c).width = 14
  // Shares as percentages, the numbers kept: 完成率 (column 5) and the rates' column 2.
  sheet.eachRow((row, n) => {
    if (n > 5 && n <= 5 + s.targets.length) row.getCell(5).numFmt = PERCENT
    if (n > 7 + s.targets.length && n <= 11 + s.targets.length) row.getCell(2).numFmt = PERCENT
  })
}

/** A sheet name Excel accepts (31 characters, none of []:*?/\), unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28)
  let out = base
  for (let i = 2; taken.has(out); i++) out = `${base}${i}`
  taken.add(out)
  return out
}

/** Each member expected at the scope's meetings: 应到, 实到, 请假, 缺席 and the rate. */
function attendanceRows(view: ScopeView, rolls: Map<string, Roll>, ctx: AuthedCtx): Cell[][] {
  const names = namesOf(view)
  const per = new Map<string, { unitId: string; branchId: string; name: string; expected: number; present: number; leave: number; absent: number }>()
  for (const m of view.meetings) {
    const roll = rolls.get(m.activityId)
    if (!roll) continue
    const shown = seesNamesOf(ctx.caller, m)
    for (const r of roll.rows) {
      const key = `${m.branchId}/${shown ? r.memberId : ''}`
      const p = per.get(key) ?? { unitId: m.unitId, branchId: m.branchId, name: shown ? r.name : NAME_WITHHELD, expected: 0, present: 0, leave: 0, absent: 0 }
      p.expected++
      p[r.status]++
      per.set(key, p)
    }
  }
  return [...per.values()]
    .sort((a, b) => names.unit(a.unitId).localeCompare(names.unit(b.unitId), 'zh-CN') || (names.branch(a.branchId) ?? '').localeCompare(names.branch(b.branchId) ?? '', 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'))
    .map((p) => {
      const counted = p.expected - p.leave
      return [names.unit(p.unitId), names.branch(p.branchId) ?? '', p.name, p.expected, p.present, p.leave, p.absent, counted > 0 ? p.present / counted : '—']
    })
}

function meetingRows(view: ScopeView): Cell[][] {
  const names = namesOf(view)
  return view.meetings.map((m) => {
    const roll = view.tallies.tallies.get(m.activityId)
    const late = meetingLateness(m)
    return [
      names.unit(m.unitId),
      names.branch(m.branchId) ?? '',
      m.title,
      MEETING_TYPE_LABEL[m.type],
      m.forPeriod,
      local(m.startAt),
      yesNo(late.heldLate),
      RECORD_STATE_LABEL[m.recordState],
      yesNo(late.filedLate),
      roll?.expected ?? 0,
      roll?.present ?? 0,
      roll?.leave ?? 0,
    ]
  })
}

export async function report(input: In<'report'>, ctx: AuthedCtx): Promise<ExportFile> {
  const view = await reportView(input, ctx)
  const summary = summaryOf(view, ctx.caller)
  const names = namesOf(view)
  const book = new (await excel()).Workbook()
  const taken = new Set(['汇总', '党员出席', '支部会议'])
  summarySheet(book.addWorksheet('汇总'), summary)
  let rows = summary.targets.length
  for (const t of view.ev.targets) {
    const items = (view.ev.items.get(t.id) ?? []).filter(view.inScope).sort(byUrgency)
    rows += items.length
    table(
      book.addWorksheet(sheetName(t.name, taken)),
      ['单位', '党支部', '对象', '事项', '状态', '截止日期', '完成时间', '说明'],
      items.map((raw) => {
        const it = shownItem(ctx.caller, raw)
        const note = [it.late ? '逾期完成' : '', it.note ?? ''].filter(Boolean).join('；')
        return [names.unit(it.unitId), names.branch(it.branchId) ?? '', it.subject.name, it.what, STATE_LABEL[it.state], lastDay(it.dueBy), local(it.metAt), note]
      }),
    )
  }
  const attendance = attendanceRows(view, await rollsWithRows(ctx, view.meetings, view.tallies), ctx)
  table(book.addWorksheet('党员出席'), ['单位', '党支部', '姓名', '应到', '实到', '请假', '缺席', '出席率'], attendance, [8])
  const meetings = meetingRows(view)
  table(book.addWorksheet('支部会议'), ['单位', '党支部', '会议', '类型', '所属周期', '召开时间', '补开', '记录状态', '补报', '应到', '实到', '请假'], meetings)
  rows += attendance.length + meetings.length
  const buffer = await book.xlsx.writeBuffer()
  const title = `记实建档-${summary.scopeName}-${summary.period}`.replace(/[\\/:*?"<>|]/g, '_')
  return {
    filename: `${title}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
    rows,
  }
}
