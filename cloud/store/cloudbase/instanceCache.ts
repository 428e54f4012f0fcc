/**
 * What one function instance may remember between calls, for a short, stated time. A warm CloudBase
 * instance serves many calls; reading the same activity or caller for each costs a billed round
 * trip. Entries expire after `ttlMs` (wall clock), are dropped by any write this instance makes to
 * them, and concurrent reads of one key share one request. Other instances' writes are seen once
 * the entry expires: that is the staleness this cache accepts, and why lifetimes are seconds.
 */
export class InstanceCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>()

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 500,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The cached value of `key`, or `load()`'s (kept only if it succeeds and `keep` agrees). */
  get(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const now = this.clock()
    const hit = this.entries.get(key)
    if (hit && now - hit.at < this.ttlMs) return hit.value
    const value = load()
    const entry = { at: now, value }
    this.entries.set(key, entry)
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    value.then(
      (v) => {
        if (!keep(v) && this.entries.get(key) === entry) this.entries.delete(key)
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key)
      },
    )
    return value
  }

  /** A value this instance just read or wrote, so the next `get` needs no request. */
  put(key: string, value: T): void {
    this.entries.set(key, { at: this.clock(), value: Promise.resolve(value) })
  }

  forget(key: string): void {
    this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }
}
