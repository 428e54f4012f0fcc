import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import type { Activity } from '@cloud/contract/model'
import { phaseOf as clockPhaseOf } from '@cloud/domain/activityLifecycle'
import { SHANGHAI_OFFSET_MS } from '@cloud/domain/time'

dayjs.extend(utc)

/** Times are stored in UTC and always shown in Asia/Shanghai (UTC+8, no daylight saving), as the domain reckons them. */
const OFFSET_MIN = SHANGHAI_OFFSET_MS / 60_000
export const shanghai = (iso: string | Date) => dayjs(iso).utcOffset(OFFSET_MIN)

export const fmtDateTime = (iso: string) => shanghai(iso).format('M月D日 HH:mm')
export const fmtTime = (iso: string) => shanghai(iso).format('HH:mm')
export const fmtClock = (iso: string | Date) => shanghai(iso).format('HH:mm:ss')
export const fmtDate = (iso: string | Date) => shanghai(iso).format('YYYY-MM-DD')

/**
 * The quiet line under figures read from a view the timer rebuilds every 5 minutes: when they were
 * computed, in Shanghai time, with the day when that was not today (in Shanghai) at `now`.
 */
export function asOfText(asOf: string, now: Date): string {
  return fmtDate(asOf) === fmtDate(now) ? `数据更新于 ${fmtTime(asOf)}（每 5 分钟更新）` : `数据更新于 ${fmtDateTime(asOf)}`
}

export function fmtRange(startIso: string, endIso: string): string {
  const s = shanghai(startIso)
  const e = shanghai(endIso)
  return s.isSame(e, 'day') ? `${s.format('M月D日 HH:mm')}–${e.format('HH:mm')}` : `${s.format('M月D日 HH:mm')} – ${e.format('M月D日 HH:mm')}`
}

/** Shanghai wall-clock date and time (from pickers) to a UTC ISO string. */
export const fromShanghai = (date: string, time: string): string =>
  dayjs.utc(`${date}T${time}:00`).subtract(SHANGHAI_OFFSET_MS, 'millisecond').toISOString()

/**
 * The Shanghai date of the latest day whose `time` has already passed at `now`: today once that time
 * is past, otherwise yesterday. A form recording a meeting that was held defaults to it, so its
 * default is never in the future (before 09:00 a 09:00 default today would be refused).
 */
export function latestDayAt(time: string, now: Date = new Date()): string {
  const today = fmtDate(now)
  return Date.parse(fromShanghai(today, time)) <= now.getTime() ? today : shanghai(now).subtract(1, 'day').format('YYYY-MM-DD')
}

export type Phase = 'cancelled' | 'upcoming' | 'checkingIn' | 'ongoing' | 'ended'

export const PHASE_LABEL: Record<Phase, string> = {
  cancelled: '已取消',
  upcoming: '未开始',
  checkingIn: '签到中',
  ongoing: '进行中',
  ended: '已结束',
}

/** The domain's phase by the clock (upcoming, ongoing, ended), with the check-in window the server set marked out. */
export function phaseOf(a: Pick<Activity, 'status' | 'startAt' | 'checkInOpensAt' | 'checkInClosesAt' | 'endAt'>, now = Date.now()): Phase {
  if (a.status === 'cancelled') return 'cancelled'
  if (now >= Date.parse(a.checkInOpensAt) && now <= Date.parse(a.checkInClosesAt)) return 'checkingIn'
  if (clockPhaseOf(a, new Date(now)) === 'ended') return 'ended'
  return now < Date.parse(a.checkInOpensAt) ? 'upcoming' : 'ongoing'
}

/** When a message came, as a person says it: 刚刚, 5 分钟前, 3 小时前, 昨天 18:30, 12月1日 18:30, 2025年12月1日. */
export function fmtAgo(iso: string, now: Date = new Date()): string {
  const ms = now.getTime() - Date.parse(iso)
  if (ms < 60_000) return '刚刚'
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} 分钟前`
  const t = shanghai(iso)
  const today = shanghai(now)
  if (t.isSame(today, 'day')) return `${Math.floor(ms / 3_600_000)} 小时前`
  if (t.isSame(today.subtract(1, 'day'), 'day')) return `昨天 ${t.format('HH:mm')}`
  return t.isSame(today, 'year') ? t.format('M月D日 HH:mm') : t.format('YYYY年M月D日')
}
