import type { Ctx } from '../../runtime/context'
import { type Fresh, ReadCache } from './readCache'

/**
 * Bounds of the stats read cache. At city scale (20,000 members) a ranked board holds 7,000 to
 * 14,000 rows, about 2 to 5 MB; 100,000 rows in all keeps the cache near 30 MB at most (the
 * server's budget is 150 MB), typically a year, a quarter and a month of both boards.
 */
export const STATS_READ_CACHE = { maxEntries: 32, maxWeight: 100_000, maxAgeMs: 60_000 }

/** The cache a composition root gives its contexts (`ctx.readCache`): one per store. */
export const newStatsReadCache = (): ReadCache => new ReadCache(STATS_READ_CACHE)

/** The store's data version when reads are cached here; null (compute afresh) without a cache or a version. */
async function cachingVersion(ctx: Ctx): Promise<number | null> {
  return ctx.readCache ? ctx.store.stats.dataVersion() : null
}

/** Whether reads through `cachedRead` are cached here (false: every read is computed afresh). */
export async function cacheable(ctx: Ctx): Promise<boolean> {
  return (await cachingVersion(ctx)) !== null
}

/**
 * A derived read through the context's cache: `key` must name everything the result depends on
 * besides the data and the clock (period, policy values, scope); `compute` says until when (clock)
 * its result holds. Without a cache, or a store without a data version, it computes every time.
 */
export async function cachedRead<T>(ctx: Ctx, key: string, now: Date, compute: () => Promise<Fresh<T>>): Promise<T> {
  const version = await cachingVersion(ctx)
  if (version === null || !ctx.readCache) return (await compute()).value
  return ctx.readCache.get(key, version, now.getTime(), compute)
}

/** A cached result if one is ready and valid now; never computes (undefined also where nothing is cached). */
export async function peekRead<T>(ctx: Ctx, key: string, now: Date): Promise<T | undefined> {
  const version = await cachingVersion(ctx)
  return version === null ? undefined : ctx.readCache?.peek<T>(key, version, now.getTime())
}
