import type { Activity, CheckIn } from '../contract/model'
import { fail } from './errors'
import type { QrVerdict } from './qrToken'
import { volunteerHours } from './volunteerHours'

/** What a check-out scan does once it passed every rule. */
export type CheckOutDecision =
  /** Checked out before: nothing changes; answer with what was recorded. */
  | { kind: 'alreadyCheckedOut'; checkIn: CheckIn }
  /** An organizer already confirmed the hours; they stand, and the check-out only records the time. */
  | { kind: 'timeOnly'; checkIn: CheckIn }
  /** Hours from check-in to now, clipped to the activity and rounded down to half hours (before the daily split). */
  | { kind: 'credit'; checkIn: CheckIn; hours: number }

/**
 * Every rule a volunteer check-out must pass, in the order a member would want to hear about them.
 * Throws a DomainError whose message says what to do next.
 */
export function assessCheckOut(args: {
  activity: Activity
  /** The member's check-in for this activity, if any. */
  checkIn: CheckIn | null
  /** The scanned token's verdict; a repeat check-out is answered whatever the token. */
  qr: QrVerdict
  now: Date
  /** Whether an organizer already credited hours for this member and activity. */
  hoursConfirmed: boolean
}): CheckOutDecision {
  const { activity, checkIn, qr, now } = args
  if (activity.kind !== 'volunteer') fail('BAD_INPUT', '理论学习和讲座无需签退')
  if (!checkIn) fail('NOT_FOUND', '您尚未签到本次活动，无法签退')
  if (checkIn.checkedOutAt) return { kind: 'alreadyCheckedOut', checkIn }
  if (qr !== 'valid') fail('TOKEN_EXPIRED', '二维码已过期或无效，请扫描现场大屏上最新的二维码签退')
  if (activity.checkOutClosesAt && now.getTime() > Date.parse(activity.checkOutClosesAt))
    fail('WINDOW_CLOSED', '签退时间已过，本次服务时长将由组织者核实确认')
  if (args.hoursConfirmed) return { kind: 'timeOnly', checkIn }
  return { kind: 'credit', checkIn, hours: volunteerHours(activity, checkIn.checkedInAt, now.toISOString()) }
}
