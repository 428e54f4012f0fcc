import type { Activity } from '@cloud/contract/model'
import { fmtDate, fmtDateTime, fmtTime } from '../../utils/time'

/** A time on the screen: HH:mm on the day it is (by the server's clock), with the date otherwise. */
export const when = (iso: string, serverNow: number): string => (fmtDate(iso) === fmtDate(new Date(serverNow)) ? fmtTime(iso) : fmtDateTime(iso))

/** The check-in window as the room reads it, e.g. 签到时间 08:30–09:30 (and 签退截止 for a volunteer activity). */
export function windowText(a: Pick<Activity, 'kind' | 'checkInOpensAt' | 'checkInClosesAt' | 'checkOutClosesAt'>, serverNow: number): string {
  const opens = when(a.checkInOpensAt, serverNow)
  // The closing time on the same day as the opening is HH:mm alone.
  const closes = fmtDate(a.checkInClosesAt) === fmtDate(a.checkInOpensAt) ? fmtTime(a.checkInClosesAt) : fmtDateTime(a.checkInClosesAt)
  const checkOut = a.kind === 'volunteer' && a.checkOutClosesAt ? `，签退截止 ${when(a.checkOutClosesAt, serverNow)}` : ''
  return `签到时间 ${opens}–${closes}${checkOut}`
}

/** Whether the phone's position is checked: at the place, or the organizer's recorded reason for not checking it. */
export function sitingText(a: Pick<Activity, 'placeName' | 'noLocationReason'>): string {
  if (a.noLocationReason) return `未校验位置：${a.noLocationReason}`
  return a.placeName ? `需在活动地点签到（${a.placeName}）` : '需在活动地点签到'
}

/** The rules in one line, for the stage the screen is at. */
export function rulesText(stage: 'notOpen' | 'open' | 'checkOut' | 'closed' | null, periodSec: number): string {
  switch (stage) {
    case 'notOpen':
      return '请稍候，签到开始前扫码无效'
    case 'closed':
      return '未能按时签到的党员，可在“我的记录 · 未签到”中申请补签，由组织者审核'
    case 'checkOut':
      return `服务结束时请志愿者扫码签退，在手机上确认；签退码每 ${periodSec} 秒刷新，截图转发无效`
    default:
      return `请用微信或手机相机扫码，在手机上确认签到；二维码每 ${periodSec} 秒刷新，截图转发无效`
  }
}
