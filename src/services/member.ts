import { call } from './api'
import { clearSession, saveSession } from './session'

/** Sign in with a bind code: a session on the web, an OPENID binding in WeChat. */
export async function signIn(bindCode: string) {
  if (process.env.TARO_ENV === 'weapp') {
    const { member } = await call('member', 'bind', { bindCode })
    saveSession({ session: null, expiresAt: null, member })
    return member
  }
  const { session, expiresAt, member } = await call('member', 'signIn', { bindCode })
  saveSession({ session, expiresAt, member })
  return member
}

export async function signOut() {
  try {
    await call('member', 'signOut', {})
  } finally {
    clearSession()
  }
}

export const me = () => call('member', 'me', {})
export const demoAccounts = () => call('member', 'demoAccounts', {})
