import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../services/api'
import { goLogin } from '../utils/nav'

export interface Remote<T> {
  data: T | null
  /** When `data` arrived (the last successful load), or null before the first. */
  loadedAt: Date | null
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
  const [loadedAt, setLoadedAt] = useState<Date | null>(null)
  const [error, setError] = useState<ApiError | Error | null>(null)
  const [loading, setLoading] = useState(enabled)
  // The latest `load` (it closes over the page's filters), for loads started by effects and handlers.
  const loadRef = useRef(load)
  useEffect(() => {
    loadRef.current = load
  })

  // A load that is about to start (enabled, or a new key) shows as loading from this render on:
  // state adjusted while rendering, not in the effect that starts the load.
  const [requested, setRequested] = useState({ enabled, key })
  if (requested.enabled !== enabled || requested.key !== key) {
    setRequested({ enabled, key })
    if (enabled) setLoading(true)
  }

  /** Load and settle data, error and loading; the caller has shown loading already. */
  const settle = useCallback(async () => {
    try {
      setData(await loadRef.current())
      setLoadedAt(new Date())
      setError(null)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return void goLogin()
      setError(e instanceof Error ? e : new Error(String(e)))
    } finally {
      setLoading(false)
    }
  }, [])

  const reload = useCallback(async () => {
    setLoading(true)
    await settle()
  }, [settle])

  useEffect(() => {
    if (enabled) void settle()
  }, [enabled, settle, key])

  return { data, loadedAt, error, loading, reload }
}
