/**
 * The request meter the round-trip tests and the bench read: every request counted once, requests
 * made together count as one step, requests made one after another add up, and the chain it shows
 * is the longest such sequence.
 */
import fc from 'fast-check'
import type { CloudDatabase } from '../../../cloud/store/cloudbase/sdk'
import { fakeDb } from '../../helpers/cloudbaseFake'
import { fuzzSeed } from '../../helpers/fuzz'
import { DatabaseMeter, longestChain, type MeteredRequest } from '../../helpers/cloudbaseMeter'

async function metered(delayMs = 0): Promise<{ meter: DatabaseMeter; db: CloudDatabase }> {
  const raw = fakeDb({ throwOnNotFound: false })
  await raw.createCollection('items')
  for (let i = 0; i < 5; i++) await raw.collection('items').add({ data: { _id: `i${i}`, n: i } })
  const meter = new DatabaseMeter(delayMs)
  return { meter, db: meter.wrap(raw) }
}

describe('DatabaseMeter', () => {
  it('counts requests made together as one step, and one after another as one step each', async () => {
    const { meter, db } = await metered()
    const items = db.collection('items')
    meter.start()
    await Promise.all([items.doc('i0').get(), items.where({ n: 1 }).get(), items.count()])
    const together = meter.stop()
    expect([together.requests, together.sequential, together.documents]).toEqual([3, 1, 2])

    meter.start()
    await items.doc('i0').get()
    await items.limit(3).get()
    await items.doc('i1').update({ data: { n: 10 } })
    const after = meter.stop()
    expect([after.requests, after.sequential, after.documents]).toEqual([3, 3, 4])
    expect(after.chain).toEqual(['doc.get items', 'get items', 'doc.update items'])

    // Two chains side by side: the longer one is the figure.
    meter.start()
    await Promise.all([items.doc('i0').get().then(() => items.doc('i1').get()).then(() => items.doc('i2').get()), items.count().then(() => items.add({ data: { n: 5 } }))])
    const both = meter.stop()
    expect([both.requests, both.sequential]).toEqual([5, 3])
    expect(both.chain).toEqual(['doc.get items', 'doc.get items', 'doc.get items'])
    expect(both.byKind).toEqual([['doc.get items', 3], ['count items', 1], ['add items', 1]])
  })

  it('counts a transaction’s start, each operation and its commit, one after another', async () => {
    const { meter, db } = await metered()
    meter.start()
    await db.runTransaction(async (t) => {
      const { data } = await t.collection('items').doc('i2').get()
      await t.collection('items').doc('i2').update({ data: { n: Number(data?.n) + 1 } })
    })
    expect(meter.stop()).toMatchObject({ requests: 4, sequential: 4, chain: ['tx.start', 'tx.get items', 'tx.update items', 'tx.commit'] })
  })

  it('counts nothing before start() or after stop(), and start() forgets what came before', async () => {
    const { meter, db } = await metered()
    await db.collection('items').get()
    meter.start()
    await db.collection('items').doc('i0').get()
    meter.stop()
    await db.collection('items').get()
    expect(meter.report().requests).toBe(1)
    meter.start()
    expect(meter.stop()).toMatchObject({ requests: 0, sequential: 0, documents: 0, chain: [] })
  })

  it('delays each request by the round trip: made one after another, the delays add up', async () => {
    const { meter, db } = await metered(20)
    const items = db.collection('items')
    meter.start()
    const t0 = Date.now()
    for (const id of ['i0', 'i1', 'i2']) await items.doc(id).get()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3 * 19)
    expect(meter.stop().sequential).toBe(3)
  })

  it('finds the longest chain as a check of every pair would', () => {
    /** Every pair checked: the reference for `longestChain`. */
    const reference = (rs: MeteredRequest[]): number => {
      const byEnd = [...rs].sort((a, b) => a.end - b.end)
      const best: number[] = []
      byEnd.forEach((r, i) => (best[i] = 1 + Math.max(0, ...byEnd.slice(0, i).map((e, j) => (e.end < r.start ? best[j] : 0)))))
      return Math.max(0, ...best)
    }
    // Requests as they happen on the logical clock: each takes the next tick to start and a later one to end.
    const schedule = fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 40 }).map((spans) => {
      const rs: MeteredRequest[] = []
      let clock = 0
      for (const span of spans) rs.push({ what: `r${rs.length}`, start: ++clock, end: clock + span * 2, documents: 0 })
      return rs
    })
    fc.assert(
      fc.property(schedule, (rs) => {
        const chain = longestChain(rs)
        expect(chain).toHaveLength(reference(rs))
        for (let i = 1; i < chain.length; i++) expect(chain[i].start).toBeGreaterThan(chain[i - 1].end)
      }),
      { numRuns: 300, seed: fuzzSeed(20261205) },
    )
  })
})
