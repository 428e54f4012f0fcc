import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { ApiError } from '../services/api'
import { me } from '../services/member'
import { loadSession, saveSession, type StoredSession } from '../services/session'
import { goLogin } from '../utils/nav'

/**
 * The signed-in person; without one, go to the sign-in page and come back here afterwards.
 * In WeChat the identity is the OPENID: a WeChat account bound earlier (say, on another phone)
 * is recognised by asking `member.me` before sending anyone to type a bind code. Only its
 * UNAUTHENTICATED (bound to nobody) means signing in; a call that failed (no network, the service
 * down) says so, with 重试, and asks again: a bound member must not be sent to bind again.
 */
export function useSignedIn(): StoredSession | null {
  const [session, setSession] = useState(loadSession)
  useEffect(() => {
    if (session) return
    if (process.env.TARO_ENV !== 'weapp') return void goLogin()
    let live = true
    const ask = async (): Promise<void> => {
      try {
        const s = { session: null, expiresAt: null, member: await me() }
        saveSession(s)
        if (live) setSession(s)
      } catch (e) {
        if (!live) return
        if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return void goLogin()
        const { confirm } = await Taro.showModal({
          title: '暂时无法确认身份',
          content: e instanceof Error && e.message ? e.message : '请稍后再试',
          confirmText: '重试',
          showCancel: false,
        })
        if (live && confirm) await ask()
      }
    }
    ask().catch(() => undefined)
    return () => {
      live = false
    }
  }, [session])
  return session
}
