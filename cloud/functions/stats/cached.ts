import type { Ctx } from '../../runtime/context'
import type { StatsStore } from '../../store/StatsStore'
import { type Fresh, ReadCache } from './readCache'

/**
 * One cache per store (so per database connection). At city scale (20,000 members) a ranked board
 * holds 7,000 to 14,000 rows, about 2 to 5 MB; 100,000 rows in all keeps the cache near 30 MB
 * at most (the server's budget is 150 MB), typically a year, a quarter and a month of both boards.
 */
const caches = new WeakMap<StatsStore, ReadCache>()

function cacheOf(stats: StatsStore): ReadCache {
  let cache = caches.get(stats)
  if (!cache) {
    cache = new ReadCache({ maxEntries: 32, maxWeight: 100_000, maxAgeMs: 60_000 })
    caches.set(stats, cache)
  }
  return cache
}

/** Whether reads through `cachedRead` are cached here (false: every read is computed afresh). */
export async function cacheable(ctx: Ctx): Promise<boolean> {
  return (await ctx.store.stats.dataVersion()) !== null
}

/**
 * A derived read through the store's cache: `key` must name everything the result depends on
 * besides the data and the clock (period, policy values, scope); `compute` says until when (clock)
 * its result holds. Stores without a data version compute every time.
 */
export async function cachedRead<T>(ctx: Ctx, key: string, now: Date, compute: () => Promise<Fresh<T>>): Promise<T> {
  const version = await ctx.store.stats.dataVersion()
  if (version === null) return (await compute()).value
  return cacheOf(ctx.store.stats).get(key, version, now.getTime(), compute)
}

/** A cached result if one is ready and valid now; never computes (undefined also where nothing is cached). */
export async function peekRead<T>(ctx: Ctx, key: string, now: Date): Promise<T | undefined> {
  const version = await ctx.store.stats.dataVersion()
  return version === null ? undefined : caches.get(ctx.store.stats)?.peek<T>(key, version, now.getTime())
}
