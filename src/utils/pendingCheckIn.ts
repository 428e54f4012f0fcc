import Taro from '@tarojs/taro'
import type { CheckInLink } from './checkinLink'

/**
 * A check-in waiting for its member to sign in: the link they scanned while signed out, and when.
 * Kept in app storage so it survives the sign-in page (and, on weapp, the bind step or a closed
 * browser tab); the sign-in page says it is waiting, and signing in completes it. A rotating code
 * lives 15–30 s, so a pending one older than that is usually spent; the check-in page then asks for
 * one more scan instead of retrying a dead code.
 */
export interface PendingCheckIn extends CheckInLink {
  scannedAt: number
}

const KEY = 'party-checkin.pendingCheckIn'

/** After this long a scanned code is forgotten: the meeting has moved on, and so has its screen. */
export const PENDING_KEEP_MS = 30 * 60_000

export function rememberPendingCheckIn(link: CheckInLink, now = Date.now()): void {
  const pending: PendingCheckIn = { activityId: link.activityId, token: link.token, scannedAt: now }
  Taro.setStorageSync(KEY, pending)
}

/** The waiting check-in, if one was scanned within the last half hour. */
export function pendingCheckIn(now = Date.now()): PendingCheckIn | null {
  try {
    const p = Taro.getStorageSync(KEY) as PendingCheckIn | ''
    if (!p || typeof p.activityId !== 'string' || typeof p.token !== 'string' || typeof p.scannedAt !== 'number') return null
    if (now - p.scannedAt > PENDING_KEEP_MS || p.scannedAt > now + 60_000) return null
    return p
  } catch {
    return null
  }
}

/** Forget it: answered (checked in, or refused for good), or replaced by a newer scan. */
export const forgetPendingCheckIn = (): void => Taro.removeStorageSync(KEY)

/** "刚才" / "N 秒前" / "N 分钟前": how long ago it was scanned, as the sign-in page says it. */
export function scannedAgo(p: PendingCheckIn, now = Date.now()): string {
  const sec = Math.max(0, Math.round((now - p.scannedAt) / 1000))
  if (sec < 10) return '刚才'
  if (sec < 60) return `${sec} 秒前`
  return `${Math.floor(sec / 60)} 分钟前`
}
