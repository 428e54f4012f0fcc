/**
 * An activity's check-in window: when scanning the code checks someone in. Each kind has a default
 * (a lecture closes half an hour after its start; a volunteer shift stays open to its end, so late
 * arrivals on a long shift still check in); the organizer may choose another when creating or
 * editing, and close it early (结束签到) or extend it (延长签到) while it runs.
 */
import { ACTIVITY_HOURS, CHECK_IN_WINDOW } from '../contract/limits'
import type { Activity } from '../contract/model'
import type { ActivityKind } from '../contract/vocabulary'
import { fail } from './errors'
import type { Policy } from './policy'
import { addMinutes } from './time'

/** When check-in closes: so many minutes after the start, or at the activity's end. */
export type CheckInClose = number | 'end'

/** The window relative to the activity, so it moves with the activity when the times change. */
export interface CheckInWindowChoice {
  opensBeforeStartMin: number
  closes: CheckInClose
}

const MIN = 60_000

/** The window of an activity of this kind unless the organizer chose another. */
export function defaultCheckInWindow(kind: ActivityKind, policy: Pick<Policy, 'checkInOpensBeforeStartMin' | 'checkInClosesAfterStartMin'>): CheckInWindowChoice {
  return { opensBeforeStartMin: policy.checkInOpensBeforeStartMin, closes: kind === 'volunteer' ? 'end' : policy.checkInClosesAfterStartMin }
}

/**
 * The default window's times. Unlike a chosen window it is not held to the end: a lecture shorter
 * than half an hour still takes check-ins until 30 minutes after its start, as it always has.
 */
export function defaultWindowTimes(kind: ActivityKind, startAt: string, endAt: string, policy: Pick<Policy, 'checkInOpensBeforeStartMin' | 'checkInClosesAfterStartMin'>): Pick<Activity, 'checkInOpensAt' | 'checkInClosesAt'> {
  const { opensBeforeStartMin, closes } = defaultCheckInWindow(kind, policy)
  return {
    checkInOpensAt: addMinutes(startAt, -opensBeforeStartMin),
    checkInClosesAt: closes === 'end' ? new Date(Date.parse(endAt)).toISOString() : addMinutes(startAt, closes),
  }
}

/** Why an activity of this length (ms) cannot be: longer than a volunteer day; null when it may. The form says the same. */
export const tooLongProblem = (ms: number): string | null =>
  ms > ACTIVITY_HOURS.max * 3600_000 ? `单次活动最长 ${ACTIVITY_HOURS.max} 小时；跨天的活动请按天分别发布` : null

/** Refuse an activity longer than a volunteer day (or not ending after it starts). */
export function assertActivityLength(startAt: string, endAt: string): void {
  const ms = Date.parse(endAt) - Date.parse(startAt)
  if (!(ms > 0)) fail('BAD_INPUT', '结束时间应晚于开始时间', { field: 'endAt' })
  const tooLong = tooLongProblem(ms)
  if (tooLong) fail('BAD_INPUT', tooLong, { field: 'endAt' })
}

/**
 * The stored opening and closing times of a window, or why it cannot be: it opens no later than the
 * start and at most two hours before, closes after it opens and no later than the end.
 */
export function checkInWindowTimes(startAt: string, endAt: string, choice: CheckInWindowChoice): Pick<Activity, 'checkInOpensAt' | 'checkInClosesAt'> {
  const { opensBeforeStartMin: before, closes } = choice
  if (!Number.isFinite(before) || before < 0) fail('BAD_INPUT', '签到开放时间不能晚于活动开始时间', { field: 'checkInWindow.opensBeforeStartMin' })
  if (before > CHECK_IN_WINDOW.opensBeforeMaxMin)
    fail('BAD_INPUT', `签到最早在活动开始前 ${CHECK_IN_WINDOW.opensBeforeMaxMin / 60} 小时开放`, { field: 'checkInWindow.opensBeforeStartMin' })
  const checkInOpensAt = addMinutes(startAt, -before)
  if (closes === 'end') return { checkInOpensAt, checkInClosesAt: new Date(Date.parse(endAt)).toISOString() }
  const lengthMin = (Date.parse(endAt) - Date.parse(startAt)) / MIN
  if (!Number.isFinite(closes) || closes <= -before)
    fail('BAD_INPUT', '签到截止时间应晚于签到开放时间', { field: 'checkInWindow.closes' })
  if (closes > lengthMin) fail('BAD_INPUT', `签到截止时间不能晚于活动结束（活动共 ${Math.round(lengthMin)} 分钟），可选“活动结束时”`, { field: 'checkInWindow.closes' })
  return { checkInOpensAt, checkInClosesAt: addMinutes(startAt, closes) }
}

/** The window an activity has now, as a choice: what editing keeps when the times move. */
export function windowChoiceOf(a: Pick<Activity, 'startAt' | 'endAt' | 'checkInOpensAt' | 'checkInClosesAt'>): CheckInWindowChoice {
  const start = Date.parse(a.startAt)
  const closesAt = Date.parse(a.checkInClosesAt)
  return {
    opensBeforeStartMin: Math.max(0, Math.round((start - Date.parse(a.checkInOpensAt)) / MIN)),
    closes: closesAt >= Date.parse(a.endAt) ? 'end' : Math.round((closesAt - start) / MIN),
  }
}

type Running = Pick<Activity, 'status' | 'startAt' | 'endAt' | 'checkInOpensAt' | 'checkInClosesAt'>

function assertRunning(a: Running, now: Date, verb: string): void {
  if (a.status === 'cancelled') fail('CONFLICT', `活动已取消，不能${verb}`)
  if (a.status !== 'published') fail('CONFLICT', `活动尚未发布，不能${verb}`)
  if (now.getTime() >= Date.parse(a.endAt)) fail('CONFLICT', `活动已结束，不能${verb}；确实参加而未签到的请申请补签`)
  if (now.getTime() < Date.parse(a.checkInOpensAt)) fail('CONFLICT', `签到尚未开始，不能${verb}；如需调整请在编辑页修改签到时间`)
}

/** 结束签到: check-in closes now; 'unchanged' when it already has. */
export function endCheckIn(a: Running, now: Date): { checkInClosesAt: string } | 'unchanged' {
  assertRunning(a, now, '结束签到')
  if (now.getTime() > Date.parse(a.checkInClosesAt)) return 'unchanged'
  return { checkInClosesAt: now.toISOString() }
}

/**
 * 延长签到 by some minutes, from the later of the current close and now (a closed window opens
 * again), never past the activity's end whatever its kind: a later arrival is a 补签.
 */
export function extendCheckIn(a: Running, minutes: number, now: Date): { checkInClosesAt: string } {
  assertRunning(a, now, '延长签到')
  const end = Date.parse(a.endAt)
  const closes = Date.parse(a.checkInClosesAt)
  if (closes >= end) fail('CONFLICT', '签到已开放到活动结束，不能再延长', { field: 'minutes' })
  const next = Math.min(Math.max(closes, now.getTime()) + minutes * MIN, end)
  return { checkInClosesAt: new Date(next).toISOString() }
}
