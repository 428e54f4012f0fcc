/**
 * Fixed-window counters kept in memory: enough to stop code guessing and runaway retries from one
 * address or member on one server. (CloudBase runs many instances; there, each counts on its own.)
 */
export interface RateLimiter {
  /** Count one attempt; false when the key has used up its window. */
  take(bucket: string, key: string, now: Date): boolean
}

export interface Limit {
  max: number
  windowMs: number
}

export const LIMITS: Record<string, Limit> = {
  // Bind codes are 8 characters from 32 symbols; 10 tries a minute makes guessing hopeless.
  signIn: { max: 10, windowMs: 60_000 },
  bind: { max: 10, windowMs: 60_000 },
  checkIn: { max: 30, windowMs: 60_000 },
  // Anyone may check a certificate; a separate bucket so it never eats into sign-in attempts.
  verify: { max: 30, windowMs: 60_000 },
}

export class MemoryRateLimiter implements RateLimiter {
  private windows = new Map<string, { start: number; count: number }>()

  constructor(private readonly limits: Record<string, Limit> = LIMITS) {}

  take(bucket: string, key: string, now: Date): boolean {
    const limit = this.limits[bucket]
    if (!limit) return true
    const t = now.getTime()
    const id = `${bucket}:${key}`
    const w = this.windows.get(id)
    if (!w || t - w.start >= limit.windowMs) {
      if (this.windows.size > 100_000) this.sweep(t)
      this.windows.set(id, { start: t, count: 1 })
      return true
    }
    w.count++
    return w.count <= limit.max
  }

  private sweep(t: number) {
    const longest = Math.max(...Object.values(this.limits).map((l) => l.windowMs))
    for (const [id, w] of this.windows) if (t - w.start >= longest) this.windows.delete(id)
  }
}
