/**
 * The stats read cache: exact (data version, clock window, age), one computation for concurrent
 * misses, bounded by entries and by weight, failures not remembered.
 */
import { type Fresh, ReadCache } from '../../../../cloud/functions/stats/readCache'

/** A computation that counts its runs and resolves when told to. */
function source<T>(value: (n: number) => T, extra: Omit<Fresh<T>, 'value'> = {}) {
  let runs = 0
  const compute = async (): Promise<Fresh<T>> => {
    runs++
    return { value: value(runs), ...extra }
  }
  return { compute, runs: () => runs }
}

describe('ReadCache', () => {
  it('a second read at the same version and within the window is a hit', async () => {
    const cache = new ReadCache()
    const s = source((n) => `v${n}`)
    expect(await cache.get('k', 1, 1000, s.compute)).toBe('v1')
    expect(await cache.get('k', 1, 1500, s.compute)).toBe('v1')
    expect(s.runs()).toBe(1)
  })

  it('keys are separate', async () => {
    const cache = new ReadCache()
    const s = source((n) => n)
    await cache.get('a', 1, 0, s.compute)
    await cache.get('b', 1, 0, s.compute)
    expect(await cache.get('a', 1, 0, s.compute)).toBe(1)
    expect(await cache.get('b', 1, 0, s.compute)).toBe(2)
    expect(s.runs()).toBe(2)
  })

  it('a new data version invalidates every entry', async () => {
    const cache = new ReadCache()
    const a = source((n) => `a${n}`)
    const b = source((n) => `b${n}`)
    await cache.get('a', 1, 0, a.compute)
    await cache.get('b', 1, 0, b.compute)
    expect(cache.size).toBe(2)
    expect(await cache.get('a', 2, 0, a.compute)).toBe('a2')
    expect(cache.size).toBe(1)
    expect(await cache.get('b', 2, 0, b.compute)).toBe('b2')
  })

  it('an entry expires after maxAgeMs', async () => {
    const cache = new ReadCache({ maxAgeMs: 60_000 })
    const s = source((n) => n)
    await cache.get('k', 1, 0, s.compute)
    expect(await cache.get('k', 1, 59_999, s.compute)).toBe(1)
    expect(await cache.get('k', 1, 60_000, s.compute)).toBe(2)
  })

  it('an entry holds only until its validUntil, and not for a clock set back before it was made', async () => {
    const cache = new ReadCache()
    const s = source((n) => n, { validUntil: 5_000 })
    await cache.get('k', 1, 1_000, s.compute)
    expect(await cache.get('k', 1, 4_999, s.compute)).toBe(1)
    expect(await cache.get('k', 1, 5_000, s.compute)).toBe(2)
    expect(await cache.get('k', 1, 999, s.compute)).toBe(3)
  })

  it('concurrent misses share one computation', async () => {
    const cache = new ReadCache()
    let release!: () => void
    let runs = 0
    const compute = async (): Promise<Fresh<string>> => {
      runs++
      await new Promise<void>((r) => (release = r))
      return { value: 'once' }
    }
    const reads = Array.from({ length: 5 }, () => cache.get('k', 1, 0, compute))
    await Promise.resolve()
    release()
    expect(await Promise.all(reads)).toEqual(Array(5).fill('once'))
    expect(runs).toBe(1)
  })

  it('a reader who joined a computation recomputes if the result turns out not to hold at its time', async () => {
    const cache = new ReadCache()
    let release!: () => void
    let runs = 0
    const compute = async (): Promise<Fresh<number>> => {
      const n = ++runs
      if (n === 1) await new Promise<void>((r) => (release = r))
      return { value: n, validUntil: 2_000 }
    }
    const first = cache.get('k', 1, 1_000, compute)
    const late = cache.get('k', 1, 2_500, compute)
    await Promise.resolve()
    release()
    expect(await first).toBe(1)
    expect(await late).toBe(2)
  })

  it('a failed computation is not remembered; the next read tries again', async () => {
    const cache = new ReadCache()
    let runs = 0
    const compute = async (): Promise<Fresh<string>> => {
      if (++runs === 1) throw new Error('busy')
      return { value: 'ok' }
    }
    await expect(cache.get('k', 1, 0, compute)).rejects.toThrow('busy')
    expect(await cache.get('k', 1, 0, compute)).toBe('ok')
    expect(cache.size).toBe(1)
  })

  it('peek: the value only when cached, finished and valid; it never computes', async () => {
    const cache = new ReadCache()
    let release!: () => void
    const compute = async (): Promise<Fresh<string>> => {
      await new Promise<void>((r) => (release = r))
      return { value: 'v', validUntil: 2_000 }
    }
    expect(cache.peek('k', 1, 0)).toBeUndefined()
    const pending = cache.get('k', 1, 0, compute)
    await Promise.resolve()
    expect(cache.peek('k', 1, 0)).toBeUndefined()
    release()
    await pending
    expect(cache.peek('k', 1, 1_999)).toBe('v')
    expect(cache.peek('k', 1, 2_000)).toBeUndefined()
    expect(cache.peek('k', 2, 0)).toBeUndefined()
  })

  it('bounded by entries: the least recently used goes first', async () => {
    const cache = new ReadCache({ maxEntries: 2 })
    const s = source((n) => n)
    await cache.get('a', 1, 0, s.compute)
    await cache.get('b', 1, 0, s.compute)
    await cache.get('a', 1, 0, s.compute) // a is now the most recent
    await cache.get('c', 1, 0, s.compute)
    expect(cache.size).toBe(2)
    expect(await cache.get('a', 1, 0, s.compute)).toBe(1)
    expect(await cache.get('b', 1, 0, s.compute)).toBe(4) // evicted, computed again
  })

  it('bounded by weight; an entry heavier than the bound alone still serves', async () => {
    const cache = new ReadCache({ maxWeight: 100 })
    const light = source((n) => `light${n}`, { weight: 60 })
    const heavy = source((n) => `heavy${n}`, { weight: 150 })
    await cache.get('light', 1, 0, light.compute)
    await cache.get('heavy', 1, 0, heavy.compute)
    expect(cache.size).toBe(1)
    expect(await cache.get('heavy', 1, 0, heavy.compute)).toBe('heavy1')
    expect(await cache.get('light', 1, 0, light.compute)).toBe('light2')
    expect(cache.size).toBe(1)
  })
})
