/**
 * An exact read cache for derived results (ranked leaderboards, coverage, dashboard totals): an entry
 * serves only while the store's data version is the one it was computed at, the clock is inside
 * the window the result holds for, and it is younger than `maxAgeMs`. Concurrent misses of one key
 * share one computation. Bounded by entry count and by total weight (about rows held), least
 * recently used out first, so memory stays small at city scale.
 */

export interface Fresh<T> {
  value: T
  /** Clock time (ms) from which the result no longer holds, e.g. when the next session starts. */
  validUntil?: number
  /** Roughly the rows it holds; counts against `maxWeight`. */
  weight?: number
}

export interface ReadCacheOptions {
  maxEntries?: number
  maxWeight?: number
  maxAgeMs?: number
}

interface Entry {
  version: number
  from: number
  until: number
  weight: number
  value: Promise<unknown>
  /** Set once the computation has finished. */
  done?: { value: unknown }
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>()
  private version: number | null = null
  private weight = 0
  private readonly maxEntries: number
  private readonly maxWeight: number
  private readonly maxAgeMs: number

  constructor(opts: ReadCacheOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 32
    this.maxWeight = opts.maxWeight ?? Infinity
    this.maxAgeMs = opts.maxAgeMs ?? 60_000
  }

  get size(): number {
    return this.entries.size
  }

  /**
   * The value of `key` at data `version` and clock `now` (ms): cached if still valid, else computed
   * (once, however many ask at the same time).
   */
  async get<T>(key: string, version: number, now: number, compute: () => Promise<Fresh<T>>): Promise<T> {
    if (version !== this.version) {
      // Every entry was computed at an older version: none can be served again.
      this.entries.clear()
      this.weight = 0
      this.version = version
    }
    const hit = this.entries.get(key)
    if (hit && hit.version === version && now >= hit.from && now < hit.until) {
      this.entries.delete(key)
      this.entries.set(key, hit)
      const value = (await hit.value) as T
      // Joined a computation still running when asked: its window is only known now.
      if (now < hit.until) return value
    }
    return this.compute(key, version, now, compute)
  }

  /** The value of `key` if one is cached, finished and valid at `version` and `now`; never computes. */
  peek<T>(key: string, version: number, now: number): T | undefined {
    const hit = this.entries.get(key)
    if (!hit?.done || version !== this.version || hit.version !== version || now < hit.from || now >= hit.until) return undefined
    this.entries.delete(key)
    this.entries.set(key, hit)
    return hit.done.value as T
  }

  private async compute<T>(key: string, version: number, now: number, compute: () => Promise<Fresh<T>>): Promise<T> {
    const entry: Entry = { version, from: now, until: now + this.maxAgeMs, weight: 0, value: Promise.resolve() }
    const run = compute()
    entry.value = run.then((f) => f.value)
    // Those who joined see the failure; with none, it must not surface as an unhandled rejection.
    entry.value.catch(() => {})
    this.drop(key)
    this.entries.set(key, entry)
    try {
      const fresh = await run
      if (this.entries.get(key) === entry) {
        entry.until = Math.min(entry.until, fresh.validUntil ?? Infinity)
        entry.weight = fresh.weight ?? 1
        entry.done = { value: fresh.value }
        this.weight += entry.weight
        this.evict(key)
      }
      return fresh.value
    } catch (e) {
      // A failed read is not remembered: the next caller tries again.
      if (this.entries.get(key) === entry) this.drop(key)
      throw e
    }
  }

  private drop(key: string): void {
    const old = this.entries.get(key)
    if (!old) return
    this.weight -= old.weight
    this.entries.delete(key)
  }

  /** Least recently used first; the entry just computed stays even if it alone is over the weight. */
  private evict(keep: string): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.weight <= this.maxWeight) return
      if (key !== keep) this.drop(key)
    }
  }
}
