import type { Attendance } from '../../contract/model'
import { ACTIVITY_KIND_LABEL, CREDIT_METHOD_LABEL, MAKEUP_STATUS_LABEL } from '../../contract/vocabulary'
import { toFile, type ExportFile } from '../spreadsheet'

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

export type { ExportFile }

export async function exportAttendance(a: Attendance, format: 'csv' | 'xlsx'): Promise<ExportFile> {
  return toFile(`${a.activity.title}-签到记录`, format, HEADER, attendanceRows(a), {
    sheet: '签到记录',
    preface: [
      `${a.activity.title}（${ACTIVITY_KIND_LABEL[a.activity.kind]}） 活动时间：${local(a.activity.startAt)} – ${local(a.activity.endAt)}`,
      `应到 ${a.audienceCount} 人，实到 ${a.presentCount} 人`,
    ],
  })
}
