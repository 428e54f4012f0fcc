import { fail } from '../domain/errors'

/**
 * Limits kept in memory, per server process: enough to stop code guessing and runaway retries on
 * one server. CloudBase runs many instances and each counts on its own there, so across a busy
 * city the numbers below hold per instance: guessing is slowed by them, not stopped outright.
 *
 * Two kinds of limit:
 * - `take`: a ceiling on attempts per key (an address, a member) in a fixed window, counted before
 *   the action runs (dispatch does this for actions that declare `rateLimit`);
 * - `lockedFor` / `failed`: the guard on sign-in codes, which only the action can feed, since only
 *   it knows whether the code was right. Wrong codes lock the key with a backoff; successes never do.
 */
export interface RateLimiter {
  /** Count one attempt; 0 when it may go ahead, else the seconds until the key's window opens again. */
  take(bucket: string, key: string, now: Date): number
  /** Seconds before this key's next code may be checked (0: check it now), right or wrong. */
  lockedFor(key: string, now: Date): number
  /** Count a wrong code from this key; returns the seconds it is now locked for (0: not locked). */
  failed(key: string, now: Date): number
}

export interface Limit {
  max: number
  windowMs: number
}

const MIN = 60_000

export const LIMITS: Record<string, Limit> = {
  // All sign-in attempts from one address, right or wrong: a 300-person hall behind one NAT
  // signing in within minutes, with typos and second devices, stays well under it.
  signIn: { max: 1_000, windowMs: 10 * MIN },
  // Per WeChat user (one person binding once, retrying after typos).
  bind: { max: 30, windowMs: 10 * MIN },
  checkIn: { max: 30, windowMs: MIN },
  // Anyone may check a certificate; a separate bucket so it never eats into sign-in attempts.
  verify: { max: 30, windowMs: MIN },
}

/** How wrong sign-in codes are held back (bind codes: 8 characters from 32 symbols, 32⁸ ≈ 10¹²). */
export interface CodeGuard {
  /** Wrong codes from one key within `windowMs` that lock it. */
  failures: number
  windowMs: number
  /** The first lockout; each further one doubles, up to `maxLockMs`. */
  firstLockMs: number
  maxLockMs: number
  /** A key with no wrong code and no lockout for this long starts afresh. */
  quietMs: number
  /** Wrong codes from all keys within `windowMs` past which the city is being guessed at… */
  cityFailures: number
  /** …and, while it is, a key that got a code wrong waits this long before the next is checked. */
  cityHoldMs: number
}

export const CODE_GUARD: CodeGuard = {
  // A hall of 300 behind one NAT makes a few dozen typos at most; one address guessing 30 codes per
  // 10 minutes would need millions of years to find one of 20,000 codes among 32⁸.
  failures: 30,
  windowMs: 10 * MIN,
  firstLockMs: MIN,
  maxLockMs: 60 * MIN,
  quietMs: 60 * MIN,
  // A city of 20,000 members sees a few dozen typos in ten minutes on a busy morning.
  cityFailures: 300,
  cityHoldMs: 10 * MIN,
}

/** A key's wrong codes: the recent ones (at most `failures`), how often it was locked, until when. */
interface Strikes {
  recent: number[]
  lockouts: number
  lockedUntil: number
  lastFailure: number
}

/** Slices of the city-wide window: wrong codes are counted per tenth of it. */
const CITY_SLICES = 10

const seconds = (ms: number) => Math.ceil(ms / 1000)

/** Whole minutes, rounded up, for a refusal's message. */
export const retryMinutes = (sec: number) => Math.max(1, Math.ceil(sec / 60))

/** The refusal while a key is locked: it says when, and that a right code waits too. */
export const tooManyWrongCodes = (retryAfterSec: number): never =>
  fail('RATE_LIMITED', `登录码错误次数过多，请 ${retryMinutes(retryAfterSec)} 分钟后再试（在此之前输入正确的登录码也无法登录）`, { retryAfterSec })

export class MemoryRateLimiter implements RateLimiter {
  private windows = new Map<string, { start: number; count: number }>()
  private strikes = new Map<string, Strikes>()
  /** Wrong codes of the whole city, by slice of the window (slice number → count). */
  private city = new Map<number, number>()

  constructor(
    private readonly limits: Record<string, Limit> = LIMITS,
    private readonly guard: CodeGuard = CODE_GUARD,
  ) {}

  take(bucket: string, key: string, now: Date): number {
    const limit = this.limits[bucket]
    if (!limit) return 0
    const t = now.getTime()
    const id = `${bucket}:${key}`
    const w = this.windows.get(id)
    if (!w || t - w.start >= limit.windowMs) {
      if (this.windows.size > 100_000) this.sweepWindows(t)
      this.windows.set(id, { start: t, count: 1 })
      return 0
    }
    w.count++
    return w.count <= limit.max ? 0 : seconds(w.start + limit.windowMs - t)
  }

  lockedFor(key: string, now: Date): number {
    const s = this.strikes.get(key)
    if (!s) return 0
    const t = now.getTime()
    const held = this.cityUnderAttack(t) ? s.lastFailure + this.guard.cityHoldMs : 0
    const until = Math.max(s.lockedUntil, held)
    return until > t ? seconds(until - t) : 0
  }

  failed(key: string, now: Date): number {
    const g = this.guard
    const t = now.getTime()
    this.countCityFailure(t)
    let s = this.strikes.get(key)
    if (!s || t - Math.max(s.lastFailure, s.lockedUntil) >= g.quietMs) {
      if (this.strikes.size > 100_000) this.sweepStrikes(t)
      s = { recent: [], lockouts: 0, lockedUntil: 0, lastFailure: 0 }
      this.strikes.set(key, s)
    }
    s.lastFailure = t
    s.recent = s.recent.filter((at) => t - at < g.windowMs)
    s.recent.push(t)
    if (s.recent.length >= g.failures) {
      s.lockedUntil = t + Math.min(g.maxLockMs, g.firstLockMs * 2 ** s.lockouts)
      s.lockouts++
      s.recent = []
    }
    return this.lockedFor(key, now)
  }

  private slice(t: number) {
    return Math.floor(t / (this.guard.windowMs / CITY_SLICES))
  }

  private countCityFailure(t: number) {
    const now = this.slice(t)
    this.city.set(now, (this.city.get(now) ?? 0) + 1)
    for (const s of this.city.keys()) if (s <= now - CITY_SLICES) this.city.delete(s)
  }

  /** More wrong codes city-wide in the last window (to the slice) than an office's typos explain. */
  private cityUnderAttack(t: number): boolean {
    const now = this.slice(t)
    let n = 0
    for (const [s, count] of this.city) if (s > now - CITY_SLICES && s <= now) n += count
    return n > this.guard.cityFailures
  }

  private sweepWindows(t: number) {
    const longest = Math.max(...Object.values(this.limits).map((l) => l.windowMs))
    for (const [id, w] of this.windows) if (t - w.start >= longest) this.windows.delete(id)
  }

  private sweepStrikes(t: number) {
    for (const [key, s] of this.strikes) if (t - Math.max(s.lastFailure, s.lockedUntil) >= this.guard.quietMs) this.strikes.delete(key)
  }
}
