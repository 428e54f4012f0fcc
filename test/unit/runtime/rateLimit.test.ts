/**
 * The in-memory limiter on a clock moved by hand: the fixed-window ceilings (`take`) and the guard
 * on sign-in codes (`lockedFor` / `failed`): a lockout after 10 wrong codes in 10 minutes that
 * doubles each time up to an hour and is forgotten after a quiet hour; a city-wide budget that,
 * once more than 300 wrong codes came in 10 minutes, holds every address that just failed for 10
 * minutes until the rate falls.
 */
import { CODE_GUARD, LIMITS, MemoryRateLimiter, retryMinutes } from '../../../cloud/runtime/rateLimit'

const MIN = 60_000
const T0 = Date.parse('2026-11-20T02:00:00.000Z')

/** A limiter and its clock. */
function setup() {
  let t = T0
  const limiter = new MemoryRateLimiter()
  return {
    limiter,
    now: () => new Date(t),
    advance: (ms: number) => (t += ms),
  }
}

describe('ceilings (take)', () => {
  it('the sign-in ceiling lets 1,000 attempts from one address through in 10 minutes, then says how long to wait', () => {
    const { limiter, now, advance } = setup()
    expect(LIMITS.signIn).toEqual({ max: 1_000, windowMs: 10 * MIN })
    for (let i = 0; i < 1_000; i++) {
      expect(limiter.take('signIn', '10.0.0.1', now())).toBe(0)
      if (i % 100 === 99) advance(30_000)
    }
    // 5 minutes into the window: 5 minutes left.
    expect(limiter.take('signIn', '10.0.0.1', now())).toBe(300)
    expect(limiter.take('signIn', '10.0.0.2', now())).toBe(0)
    advance(300_000)
    expect(limiter.take('signIn', '10.0.0.1', now())).toBe(0)
  })

  it('check-in stays at 30 a minute per member; buckets without a limit are never refused', () => {
    const { limiter, now, advance } = setup()
    for (let i = 0; i < 30; i++) expect(limiter.take('checkIn', 'm1', now())).toBe(0)
    expect(limiter.take('checkIn', 'm1', now())).toBe(60)
    advance(MIN)
    expect(limiter.take('checkIn', 'm1', now())).toBe(0)
    for (let i = 0; i < 5_000; i++) expect(limiter.take('noSuchBucket', 'k', now())).toBe(0)
  })
})

const N = CODE_GUARD.failures

describe('wrong codes from one address (lockedFor / failed)', () => {
  it('successes never count: only failures lock, and nothing is locked before the last one the limit allows', () => {
    const { limiter, now, advance } = setup()
    for (let i = 1; i < N; i++) {
      expect(limiter.failed('ip:a', now())).toBe(0)
      expect(limiter.lockedFor('ip:a', now())).toBe(0)
      advance(10_000)
    }
    // The last within 10 minutes (the first was under 5 minutes ago) locks the address for a minute.
    expect(limiter.failed('ip:a', now())).toBe(60)
    expect(limiter.lockedFor('ip:a', now())).toBe(60)
    expect(limiter.lockedFor('ip:b', now())).toBe(0)
    advance(59_000)
    expect(limiter.lockedFor('ip:a', now())).toBe(1)
    advance(1_000)
    expect(limiter.lockedFor('ip:a', now())).toBe(0)
  })

  it('failures older than 10 minutes fall out of the count', () => {
    const { limiter, now, advance } = setup()
    for (let i = 0; i < N - 1; i++) limiter.failed('ip:a', now())
    advance(10 * MIN)
    for (let i = 0; i < N - 1; i++) expect(limiter.failed('ip:a', now())).toBe(0)
    advance(MIN)
    expect(limiter.failed('ip:a', now())).toBe(60)
  })

  it('each further lockout doubles: 1, 2, 4, 8, 16, 32, then 60 minutes at most', () => {
    const { limiter, now, advance } = setup()
    for (const minutes of [1, 2, 4, 8, 16, 32, 60, 60]) {
      for (let i = 0; i < N - 1; i++) expect(limiter.failed('ip:a', now())).toBe(0)
      expect(limiter.failed('ip:a', now())).toBe(minutes * 60)
      advance(minutes * MIN)
      expect(limiter.lockedFor('ip:a', now())).toBe(0)
    }
  })

  it('a quiet hour after the last lockout resets the backoff to one minute', () => {
    const { limiter, now, advance } = setup()
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < N; i++) limiter.failed('ip:a', now())
      advance(10 * MIN)
    }
    // Three lockouts (1, 2, 4 minutes); the next would be 8 minutes, unless an hour passes quietly.
    advance(50 * MIN - 1)
    for (let i = 0; i < N - 1; i++) limiter.failed('ip:a', now())
    expect(limiter.failed('ip:a', now())).toBe(8 * 60)
    advance(8 * MIN + 60 * MIN)
    for (let i = 0; i < N - 1; i++) limiter.failed('ip:a', now())
    expect(limiter.failed('ip:a', now())).toBe(60)
  })
})

describe('the city-wide failure budget', () => {
  /** One wrong code from each of `n` addresses named `prefix`0… */
  const spread = (limiter: MemoryRateLimiter, now: () => Date, prefix: string, n: number) => {
    for (let i = 0; i < n; i++) limiter.failed(`ip:${prefix}${i}`, now())
  }

  it('up to 300 wrong codes in 10 minutes city-wide: an address that failed once is not held', () => {
    const { limiter, now } = setup()
    spread(limiter, now, 'x', CODE_GUARD.cityFailures)
    expect(limiter.lockedFor('ip:x0', now())).toBe(0)
    expect(limiter.lockedFor('ip:x299', now())).toBe(0)
  })

  it('past 300: every address that just failed waits 10 minutes; others may still try; when the rate falls, the hold lifts', () => {
    const { limiter, now, advance } = setup()
    spread(limiter, now, 'x', 300)
    advance(MIN)
    // The 301st wrong code: the city is being guessed at.
    expect(limiter.failed('ip:y', now())).toBe(600)
    expect(limiter.lockedFor('ip:y', now())).toBe(600)
    // Addresses that failed a minute ago are held too, for what is left of their 10 minutes.
    expect(limiter.lockedFor('ip:x0', now())).toBe(540)
    // An address that did not fail may try (a right code signs in); its first wrong code holds it.
    expect(limiter.lockedFor('ip:fresh', now())).toBe(0)
    expect(limiter.failed('ip:fresh', now())).toBe(600)
    // Nine minutes later the first 300 have left the window: the rate has fallen, nobody is held.
    advance(9 * MIN)
    expect(limiter.lockedFor('ip:y', now())).toBe(0)
    expect(limiter.lockedFor('ip:fresh', now())).toBe(0)
  })

  it('while the city is under attack, an address gets one wrong code per 10 minutes', () => {
    const { limiter, now, advance } = setup()
    // Attackers keep the rate over the budget: 40 fresh addresses a minute, each failing once.
    let wave = 0
    const keepUp = () => spread(limiter, now, `w${wave++}-`, 40)
    for (let i = 0; i < N; i++) {
      keepUp()
      advance(MIN)
    }
    let tries = 0
    for (let minute = 0; minute < 30; minute++) {
      keepUp()
      if (limiter.lockedFor('ip:guesser', now()) === 0) {
        tries++
        expect(limiter.failed('ip:guesser', now())).toBe(600)
      }
      advance(MIN)
    }
    expect(tries).toBe(3)
  })
})

describe('messages', () => {
  it('minutes are rounded up, at least one', () => {
    expect([1, 59, 60, 61, 600, 3600].map(retryMinutes)).toEqual([1, 1, 1, 2, 10, 60])
  })
})
