import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../services/api'
import { goLogin } from '../utils/nav'

export interface Remote<T> {
  data: T | null
  error: ApiError | Error | null
  loading: boolean
  reload: () => Promise<void>
}

/**
 * Load something from a cloud function with loading and error state; an expired session goes to
 * sign-in. A change of `key` (e.g. a filter) loads again.
 */
export function useRemote<T>(load: () => Promise<T>, enabled = true, key = ''): Remote<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<ApiError | Error | null>(null)
  const [loading, setLoading] = useState(enabled)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    setLoading(true)
    try {
      setData(await loadRef.current())
      setError(null)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return void goLogin()
      setError(e instanceof Error ? e : new Error(String(e)))
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    if (enabled) void reload()
  }, [enabled, reload, key])

  return { data, error, loading, reload }
}
