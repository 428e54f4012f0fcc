/**
 * When an activity happens and when check-in is open, as the create and edit forms hold it: a date,
 * a start, a length (or a custom end the same day) and 签到截止. Pure: both forms and their tests use it.
 */
import { CHECK_IN_WINDOW } from '@cloud/contract/limits'
import type { Activity } from '@cloud/contract/model'
import type { ActivityKind } from '@cloud/contract/vocabulary'
import { defaultCheckInWindow, defaultWindowTimes, tooLongProblem, windowChoiceOf, type CheckInClose } from '@cloud/domain/checkInWindow'
import { DEFAULT_POLICY } from '@cloud/domain/policy'
import { fmtDate, fmtTime, fromShanghai, shanghai } from '../../utils/time'

export type DurationKey = '1' | '1.5' | '2' | '3' | '4' | 'half' | 'full' | 'custom'

/** Lengths offered: a lecture's hours, a volunteer's half or whole day, or an end chosen by hand. */
export const DURATIONS: readonly { key: DurationKey; label: string; hours: number | null }[] = [
  { key: '1', label: '1 小时', hours: 1 },
  { key: '1.5', label: '1.5 小时', hours: 1.5 },
  { key: '2', label: '2 小时', hours: 2 },
  { key: '3', label: '3 小时', hours: 3 },
  { key: '4', label: '4 小时', hours: 4 },
  { key: 'half', label: '半天（4 小时）', hours: 4 },
  { key: 'full', label: '全天（8 小时）', hours: 8 },
  { key: 'custom', label: '自定义结束时间', hours: null },
]

export interface Schedule {
  date: string
  time: string
  duration: DurationKey
  /** The end (HH:mm, the same day) when the duration is 'custom'. */
  endTime: string
  /** 签到截止 chosen; null: the kind's default. */
  closes: CheckInClose | null
}

/** 签到截止 choices: so many minutes after the start, or at the end. */
export const CLOSE_CHOICES: readonly CheckInClose[] = [...CHECK_IN_WINDOW.closesAfterStartChoices, 'end']
export const closeLabel = (c: CheckInClose): string => (c === 'end' ? '活动结束时' : `开始后 ${c} 分钟`)

const hhmm = (d: ReturnType<typeof shanghai>) => d.format('HH:mm')

/** The next 10-minute mark in Shanghai time, so check-in (open from before the start) opens at once. */
export function defaultSchedule(now: Date): Schedule {
  const t = shanghai(now)
  const next = t.add(10 - (t.minute() % 10), 'minute').second(0)
  return { date: fmtDate(next.toDate()), time: hhmm(next), duration: '1.5', endTime: hhmm(next.add(2, 'hour')), closes: null }
}

/** An activity's schedule as the edit form starts it: its length as a chip when one fits, else its end. */
export function scheduleOf(a: Pick<Activity, 'kind' | 'startAt' | 'endAt' | 'checkInOpensAt' | 'checkInClosesAt' | 'meeting'>): Schedule {
  const hours = (Date.parse(a.endAt) - Date.parse(a.startAt)) / 3600_000
  const fit = DURATIONS.find((d) => d.hours === hours && d.key !== 'half')
  const d = defaultWindowTimes(a.kind, a.startAt, a.endAt, DEFAULT_POLICY)
  const isDefault = d.checkInOpensAt === a.checkInOpensAt && d.checkInClosesAt === a.checkInClosesAt
  return {
    date: fmtDate(a.startAt),
    time: fmtTime(a.startAt),
    duration: fit?.key ?? 'custom',
    endTime: fmtTime(a.endAt),
    closes: a.meeting || isDefault ? null : windowChoiceOf(a).closes,
  }
}

/** The start and end to send, or what is wrong with them (in the words the server would use). */
export function scheduleTimes(s: Schedule): { startAt: string; endAt: string } | { problem: string } {
  const startAt = fromShanghai(s.date, s.time)
  const hours = DURATIONS.find((d) => d.key === s.duration)?.hours ?? null
  const endAt = hours === null ? fromShanghai(s.date, s.endTime) : new Date(Date.parse(startAt) + hours * 3600_000).toISOString()
  const ms = Date.parse(endAt) - Date.parse(startAt)
  if (!(ms > 0)) return { problem: '结束时间应晚于开始时间（同一天内）' }
  const tooLong = tooLongProblem(ms)
  return tooLong ? { problem: tooLong } : { startAt, endAt }
}

/** 签到截止 in force: the one chosen, else the kind's default. */
export const closesOf = (kind: ActivityKind, s: Pick<Schedule, 'closes'>): CheckInClose => s.closes ?? defaultCheckInWindow(kind, DEFAULT_POLICY).closes

const minutesLabel = (min: number) => (min % 60 === 0 ? `${min / 60} 小时` : `${min} 分钟`)

/** When check-in (and a volunteer's check-out) is open, as the server will set it. */
export function windowNote(kind: ActivityKind, closes: CheckInClose): string {
  const p = DEFAULT_POLICY
  const until = closes === 'end' ? '活动结束' : `开始后 ${minutesLabel(closes)}`
  const checkIn = `签到时间：开始前 ${minutesLabel(p.checkInOpensBeforeStartMin)}至${until}；签到码自动刷新。`
  return kind === 'volunteer' ? `${checkIn}志愿服务结束后 ${minutesLabel(p.checkOutClosesAfterEndMin)}内扫码签退，按时长计入。` : checkIn
}
