import { useEffect, useState } from 'react'
import { loadSession, type StoredSession } from '../services/session'
import { goLogin } from '../utils/nav'

/** The signed-in person; without one, go to the sign-in page and come back here afterwards. */
export function useSignedIn(): StoredSession | null {
  const [session] = useState(loadSession)
  useEffect(() => {
    if (!session) void goLogin()
  }, [session])
  return session
}
