import Taro from '@tarojs/taro'
import type { MemberProfile } from '@cloud/contract/model'

const KEY = 'party-checkin.session'

export interface StoredSession {
  session: string | null
  expiresAt: string | null
  member: MemberProfile
}

/** The signed-in person, kept in storage so a page reload keeps them signed in. */
export function loadSession(): StoredSession | null {
  try {
    const s = Taro.getStorageSync(KEY) as StoredSession | ''
    if (!s || !s.member) return null
    if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) {
      clearSession()
      return null
    }
    return s
  } catch {
    return null
  }
}

export const saveSession = (s: StoredSession) => Taro.setStorageSync(KEY, s)
export const clearSession = () => Taro.removeStorageSync(KEY)
