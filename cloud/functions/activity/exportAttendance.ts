import type { Activity, Attendance, AttendanceRow } from '../../contract/model'
import { ACTIVITY_KIND_LABEL, CREDIT_METHOD_LABEL, MAKEUP_STATUS_LABEL, RELAY_FLAG_LABEL } from '../../contract/vocabulary'
import { toFile, type ExportFile } from '../spreadsheet'

const HEADER = ['姓名', '单位', '状态', '签到方式', '签到时间', '签退时间', '积分', '志愿时长(小时)', '待确认时长(小时)', '补签状态', '位置校验', '异常标记']

/** Shanghai wall-clock time for people reading the sheet. */
const local = (iso: string | null): string => {
  if (!iso) return ''
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  return d.toISOString().slice(0, 16).replace('T', ' ')
}

/** Whether the scan was checked against the venue; a CSV has no preface, so each scanned row says it. */
const locationCheck = (a: Activity, p: AttendanceRow): string => {
  if (p.method !== 'qr' && p.method !== 'geo') return ''
  if (a.place) return '已校验'
  return a.noLocationReason ? `未校验：${a.noLocationReason}` : '未校验'
}

/** Why the check-in looks relayed, and whether its credit was taken back. */
const flagText = (p: AttendanceRow): string => {
  const labels = p.flags.map((f) => RELAY_FLAG_LABEL[f]).join('；')
  return p.reversed ? `${labels}（已撤销）` : labels
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
    locationCheck(a.activity, p),
    flagText(p),
  ])
  const absent = a.absent.map((m) => [m.name, m.unitName, '未签到', '', '', '', 0, 0, 0, m.makeupStatus ? MAKEUP_STATUS_LABEL[m.makeupStatus] : '', '', ''])
  return [...present, ...absent]
}

/** The lines above the table: the activity, the counts, and how check-in was checked. */
function preface(a: Attendance): string[] {
  const { activity } = a
  const lines = [
    `${activity.title}（${ACTIVITY_KIND_LABEL[activity.kind]}） 活动时间：${local(activity.startAt)} – ${local(activity.endAt)}`,
    `应到 ${a.audienceCount} 人，实到 ${a.presentCount} 人`,
  ]
  if (!activity.place) lines.push(`本活动未校验签到位置${activity.noLocationReason ? `，原因：${activity.noLocationReason}` : ''}`)
  if (a.flagged) lines.push(`有 ${a.flagged} 条签到存在异常标记，请核实`)
  return lines
}

export type { ExportFile }

export async function exportAttendance(a: Attendance, format: 'csv' | 'xlsx'): Promise<ExportFile> {
  return toFile(`${a.activity.title}-签到记录`, format, HEADER, attendanceRows(a), { sheet: '签到记录', preface: preface(a) })
}
