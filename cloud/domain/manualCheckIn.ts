/**
 * 手动签到: on site, an organizer checks in a member who has no phone (or whose phone failed). It
 * counts as that member's check-in, credited like a scan, decided by the organizer (four eyes).
 */
import type { Activity } from '../contract/model'
import { fail } from './errors'

type Timed = Pick<Activity, 'status' | 'checkInOpensAt' | 'checkInClosesAt' | 'endAt'>

/** The last moment a manual check-in is taken: the end of the activity, or the close of its check-in if that is later. */
export const manualCheckInClosesAt = (a: Timed): string => (Date.parse(a.checkInClosesAt) > Date.parse(a.endAt) ? a.checkInClosesAt : a.endAt)

/** Why a manual check-in is refused now, in words the organizer can act on; null: it is taken. */
export function manualCheckInRefusal(a: Timed, now: Date): { code: 'ACTIVITY_NOT_OPEN' | 'WINDOW_CLOSED'; message: string } | null {
  if (a.status === 'cancelled') return { code: 'ACTIVITY_NOT_OPEN', message: '活动已取消，不能签到' }
  if (a.status !== 'published') return { code: 'ACTIVITY_NOT_OPEN', message: '活动尚未发布，发布后才能签到' }
  const t = now.getTime()
  if (t < Date.parse(a.checkInOpensAt)) return { code: 'WINDOW_CLOSED', message: '签到尚未开始，开始签到后才能手动签到' }
  if (t >= Date.parse(manualCheckInClosesAt(a))) return { code: 'WINDOW_CLOSED', message: '活动已结束，不能再手动签到；请在“未签到”中为其补录（补签）' }
  return null
}

/** From the opening of check-in until the end of the activity (or check-in's close, if later). */
export function assertManualCheckInOpen(a: Timed, now: Date): void {
  const refusal = manualCheckInRefusal(a, now)
  if (refusal) fail(refusal.code, refusal.message)
}
