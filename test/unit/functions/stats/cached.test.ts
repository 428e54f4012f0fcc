/**
 * Cached stats reads go through the cache the composition root put in the context
 * (`ctx.readCache`): none there, or a store without a data version (CloudBase), computes every time.
 */
import { cachedRead, cacheable, newStatsReadCache, peekRead } from '../../../../cloud/functions/stats/cached'
import type { Ctx } from '../../../../cloud/runtime/context'

const NOW = new Date('2026-03-01T02:00:00.000Z')

function ctxWith(readCache: Ctx['readCache'], version: number | null): Ctx {
  return { readCache, store: { stats: { dataVersion: async () => version } } } as unknown as Ctx
}

function counter() {
  let runs = 0
  return { compute: async () => ({ value: ++runs }), runs: () => runs }
}

describe('cachedRead uses the context’s cache', () => {
  it('with a cache and a data version: computed once, then served (and peekable)', async () => {
    const ctx = ctxWith(newStatsReadCache(), 7)
    const c = counter()
    expect(await cacheable(ctx)).toBe(true)
    expect(await cachedRead(ctx, 'k', NOW, c.compute)).toBe(1)
    expect(await cachedRead(ctx, 'k', NOW, c.compute)).toBe(1)
    expect(await peekRead(ctx, 'k', NOW)).toBe(1)
    expect(c.runs()).toBe(1)
  })

  it('two contexts with their own caches share nothing (one cache per store, given by its root)', async () => {
    const c = counter()
    await cachedRead(ctxWith(newStatsReadCache(), 7), 'k', NOW, c.compute)
    await cachedRead(ctxWith(newStatsReadCache(), 7), 'k', NOW, c.compute)
    expect(c.runs()).toBe(2)
  })

  it.each([
    ['no cache in the context', null, 7],
    ['a store without a data version (CloudBase)', newStatsReadCache(), null],
  ] as const)('%s: computed every time, nothing to peek', async (_name, cache, version) => {
    const ctx = ctxWith(cache, version)
    const c = counter()
    expect(await cacheable(ctx)).toBe(false)
    expect(await cachedRead(ctx, 'k', NOW, c.compute)).toBe(1)
    expect(await cachedRead(ctx, 'k', NOW, c.compute)).toBe(2)
    expect(await peekRead(ctx, 'k', NOW)).toBeUndefined()
  })
})
