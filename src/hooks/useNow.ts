import { useEffect, useState } from 'react'

/**
 * The current time (ms since the epoch) for a render to judge by: read when the component mounts
 * and again every `ms` while it is mounted, so rendering itself never reads the clock.
 */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}
