import { useEffect, useState } from 'react'
import { me } from '../services/member'
import { loadSession, saveSession, type StoredSession } from '../services/session'
import { goLogin } from '../utils/nav'

/**
 * The signed-in person; without one, go to the sign-in page and come back here afterwards.
 * In WeChat the identity is the OPENID: a WeChat account bound earlier (say, on another phone)
 * is recognised by asking `member.me` before sending anyone to type a bind code.
 */
export function useSignedIn(): StoredSession | null {
  const [session, setSession] = useState(loadSession)
  useEffect(() => {
    if (session) return
    if (process.env.TARO_ENV !== 'weapp') return void goLogin()
    me()
      .then((member) => {
        const s = { session: null, expiresAt: null, member }
        saveSession(s)
        setSession(s)
      })
      .catch(() => void goLogin())
  }, [session])
  return session
}
