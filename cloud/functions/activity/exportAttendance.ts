import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { Attendance } from '../../contract/model'
import { ACTIVITY_KIND_LABEL, CREDIT_METHOD_LABEL, MAKEUP_STATUS_LABEL } from '../../contract/vocabulary'

const HEADER = ['姓名', '单位', '状态', '签到方式', '签到时间', '签退时间', '积分', '志愿时长(小时)', '待确认时长(小时)', '补签状态']

/** Shanghai wall-clock time for people reading the sheet. */
const local = (iso: string | null): string => {
  if (!iso) return ''
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  return d.toISOString().slice(0, 16).replace('T', ' ')
}

export function attendanceRows(a: Attendance): (string | number)[][] {
  const present = a.present.map((p) => [
    p.name,
    p.unitName,
    '已签到',
    CREDIT_METHOD_LABEL[p.method],
    local(p.checkedInAt),
    local(p.checkedOutAt),
    p.points,
    p.hours,
    p.hoursPending,
    '',
  ])
  const absent = a.absent.map((m) => [m.name, m.unitName, '未签到', '', '', '', 0, 0, 0, m.makeupStatus ? MAKEUP_STATUS_LABEL[m.makeupStatus] : ''])
  return [...present, ...absent]
}

export interface ExportFile {
  filename: string
  mimeType: string
  /** File content, base64, so it travels in a JSON envelope in both worlds. */
  base64: string
  rows: number
}

export async function exportAttendance(a: Attendance, format: 'csv' | 'xlsx'): Promise<ExportFile> {
  const title = `${a.activity.title}-签到记录`.replace(/[\\/:*?"<>|]/g, '_')
  const rows = attendanceRows(a)
  if (format === 'csv') {
    // UTF-8 with BOM: Excel on Windows opens Chinese text correctly only with it.
    const csv = stringify([HEADER, ...rows], { bom: true })
    return { filename: `${title}.csv`, mimeType: 'text/csv; charset=utf-8', base64: Buffer.from(csv, 'utf8').toString('base64'), rows: rows.length }
  }
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('签到记录')
  sheet.addRow([`${a.activity.title}（${ACTIVITY_KIND_LABEL[a.activity.kind]}） 活动时间：${local(a.activity.startAt)} – ${local(a.activity.endAt)}`])
  sheet.addRow([`应到 ${a.audienceCount} 人，实到 ${a.presentCount} 人`])
  sheet.addRow(HEADER).font = { bold: true }
  for (const r of rows) sheet.addRow(r)
  sheet.columns.forEach((c, i) => (c.width = i < 2 ? 18 : 14))
  const buffer = await book.xlsx.writeBuffer()
  return {
    filename: `${title}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
    rows: rows.length,
  }
}
