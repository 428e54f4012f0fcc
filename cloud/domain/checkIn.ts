import type { Activity, Member } from '../contract/model'
import type { DeviceLocation } from '../contract/schemas'
import type { CreditMethod } from '../contract/vocabulary'
import { inAudience } from './activity'
import { fail } from './errors'
import { checkGeofence } from './geo'
import type { Policy } from './policy'
import type { QrVerdict } from './qrToken'

const hhmm = (iso: string): string => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  return `${String(d.getUTCMonth() + 1)}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}

export interface CheckInAssessment {
  method: CreditMethod
  distanceM: number | null
  accuracyM: number | null
}

/**
 * Every rule a QR check-in must pass, in the order a member would want to hear about them.
 * Throws a DomainError whose message says what to do next.
 */
export function assessCheckIn(args: {
  activity: Activity
  member: Member
  qr: QrVerdict
  location?: DeviceLocation
  now: Date
  /** Whether the member signed up; only asked when the activity requires sign-up. */
  signedUp?: boolean
}): CheckInAssessment {
  const { activity, member, qr, location, now } = args
  if (activity.status === 'cancelled') fail('ACTIVITY_NOT_OPEN', '该活动已取消，无需签到')
  if (activity.status !== 'published') fail('ACTIVITY_NOT_OPEN', '该活动尚未发布，暂不能签到')
  if (!inAudience(activity.audience, member))
    fail('NOT_IN_AUDIENCE', '您不在本次活动的参加范围内；如有疑问请联系组织者')
  if (activity.signUpRequired && !args.signedUp)
    fail('NOT_SIGNED_UP', '本活动需要提前报名，您未报名，不能签到；如有疑问请联系组织者')
  if (qr === 'expired') fail('TOKEN_EXPIRED', '二维码已过期，请扫描大屏上最新的二维码')
  if (qr === 'invalid') fail('TOKEN_EXPIRED', '二维码无效或不属于本活动，请扫描现场大屏上的二维码')
  const t = now.getTime()
  if (t < Date.parse(activity.checkInOpensAt))
    fail('WINDOW_CLOSED', `签到尚未开始，${hhmm(activity.checkInOpensAt)} 起可签到`, { opensAt: activity.checkInOpensAt })
  if (t > Date.parse(activity.checkInClosesAt))
    fail('WINDOW_CLOSED', `签到已于 ${hhmm(activity.checkInClosesAt)} 截止；如确实参加，可申请补签`, {
      closedAt: activity.checkInClosesAt,
    })
  if (!activity.place) return { method: 'qr', distanceM: null, accuracyM: null }
  const geo = checkGeofence(activity.place, location)
  if (!geo.ok) {
    if (geo.reason === 'missing') fail('LOCATION_REQUIRED', '本活动需要定位签到，请允许获取位置后重试')
    if (geo.reason === 'inaccurate')
      fail('OUT_OF_RANGE', `当前定位精度约 ${Math.round(geo.accuracyM ?? 0)} 米，不够准确；请到开阔处或打开 GPS 后重试`, {
        accuracyM: geo.accuracyM,
      })
    fail('OUT_OF_RANGE', `您距活动地点约 ${geo.distanceM} 米，超出 ${activity.place.radiusM} 米签到范围`, {
      distanceM: geo.distanceM,
    })
  }
  return { method: 'geo', distanceM: geo.distanceM, accuracyM: geo.accuracyM }
}

/** Points left under a daily cap (anti-formalism): what is earned and what the cap withheld. */
export function capDailyPoints(base: number, pointsAlreadyToday: number, cap: number): { points: number; capped: number } {
  const points = Math.min(base, Math.max(0, cap - pointsAlreadyToday))
  return { points, capped: base - points }
}

/** Points a check-in earns under the daily cap. */
export const pointsForCheckIn = (kind: Activity['kind'], policy: Policy, pointsAlreadyToday: number) =>
  capDailyPoints(policy.pointsPerKind[kind], pointsAlreadyToday, policy.dailyPointsCap)
