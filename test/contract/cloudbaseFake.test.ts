/**
 * The fake holds code to CloudBase's documented limits; these tests show each limit is met,
 * so code that would break on CloudBase breaks here first.
 */
import { Db } from '../../cloud/store/cloudbase/access'
import { COL, ensureCollections } from '../../cloud/store/cloudbase/collections'
import { isDuplicateWrite, isTransactionConflict } from '../../cloud/store/cloudbase/sdk'
import type { Doc, Query, Transaction } from '../../cloud/store/cloudbase/sdk'
import { type FakeDatabase, fakeDb } from '../helpers/cloudbaseFake'

/** Any collection will do; one of the adapter's, so its helpers can read it. */
const ITEMS = COL.units

async function withDocs(n: number): Promise<FakeDatabase> {
  const db = fakeDb()
  await db.createCollection(ITEMS)
  for (let i = 0; i < n; i++) await db.collection(ITEMS).add({ data: { _id: `i${String(i).padStart(5, '0')}`, n: i, group: `g${i % 30}` } })
  return db
}

describe('the CloudBase fake enforces the platform’s limits', () => {
  it('returns at most 1000 records per get, 100 without a limit, and pages with skip', async () => {
    const db = await withDocs(1500)
    const items = db.collection(ITEMS)
    expect((await items.limit(1500).get()).data).toHaveLength(1000)
    expect((await items.get()).data).toHaveLength(100)
    expect((await items.orderBy('n', 'asc').skip(1000).limit(1000).get()).data.map((d) => d.n)).toEqual(Array.from({ length: 500 }, (_, i) => 1000 + i))
    expect((await items.count()).total).toBe(1500)
    expect(await new Db(db).all(ITEMS, null)).toHaveLength(1500)
  })

  it('returns 20 aggregation results without a limit stage, at most 1000 with one', async () => {
    const db = await withDocs(1500)
    const $ = db.command.aggregate
    const grouped = () => db.collection(ITEMS).aggregate().group({ _id: '$group', n: $.sum(1) }).sort({ _id: 1 })
    expect((await grouped().end()).list).toHaveLength(20)
    expect((await grouped().limit(1000).end()).list).toHaveLength(30)
    expect((await db.collection(ITEMS).aggregate().match({ n: db.command.gte(0) }).limit(5000).end()).list).toHaveLength(1000)
  })

  it('allows only single-record operations inside a transaction', async () => {
    const db = await withDocs(3)
    const run = (fn: (t: Transaction) => Promise<unknown>) => db.runTransaction(fn)
    const asQuery = (t: Transaction) => t.collection(ITEMS) as unknown as Query & { aggregate(): unknown }
    await expect(run(async (t) => asQuery(t).where({ n: 1 }))).rejects.toThrow(/where\(\) is not available in a transaction/)
    await expect(run(async (t) => asQuery(t).aggregate())).rejects.toThrow(/aggregate\(\) is not available/)
    await expect(run(async (t) => asQuery(t).limit(1))).rejects.toThrow(/limit\(\) is not available/)
    // This project's rule: one record per transaction.
    await expect(run(async (t) => Promise.all([t.collection(ITEMS).doc('i00000').get(), t.collection(ITEMS).doc('i00001').get()]))).rejects.toThrow(/may touch 1 record/)
    const two = fakeDb({ maxDocsPerTransaction: 2 })
    await two.createCollection(ITEMS)
    await two.runTransaction(async (t) => {
      await t.collection(ITEMS).add({ data: { _id: 'a', n: 1 } })
      await t.collection(ITEMS).add({ data: { _id: 'b', n: 2 } })
    })
    expect(two.dump(ITEMS)).toHaveLength(2)
  })

  it('applies a transaction’s writes at commit only, or not at all', async () => {
    const db = await withDocs(1)
    const seen: unknown[] = []
    await db.runTransaction(async (t) => {
      await t.collection(ITEMS).doc('i00000').update({ data: { n: 42 } })
      seen.push((await db.collection(ITEMS).doc('i00000').get()).data?.n)
    })
    expect(seen).toEqual([0])
    expect((await db.collection(ITEMS).doc('i00000').get()).data?.n).toBe(42)
    await expect(
      db.runTransaction(async (t) => {
        await t.collection(ITEMS).doc('i00000').update({ data: { n: 7 } })
        await t.rollback('no')
      }),
    ).rejects.toBe('no')
    await expect(
      db.runTransaction(async (t) => {
        await t.collection(ITEMS).doc('i00000').update({ data: { n: 8 } })
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect((await db.collection(ITEMS).doc('i00000').get()).data?.n).toBe(42)
  })

  it('fails colliding transactions after their retries; backoff gets every one through', async () => {
    const db = fakeDb()
    await db.createCollection('c')
    await db.collection('c').add({ data: { _id: 'x', n: 0 } })
    const bump = (t: Transaction) => t.collection('c').doc('x').get().then(({ data }) => t.collection('c').doc('x').set({ data: { n: Number(data?.n) + 1 } }))
    const raw = await Promise.allSettled(Array.from({ length: 20 }, () => db.runTransaction(bump)))
    const failed = raw.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.every((r) => isTransactionConflict(r.reason))).toBe(true)
    expect((await db.collection('c').doc('x').get()).data?.n).toBe(20 - failed.length)
    const before = Number((await db.collection('c').doc('x').get()).data?.n)
    const tx = new Db(db)
    await Promise.all(Array.from({ length: 20 }, () => tx.transact(bump)))
    expect((await db.collection('c').doc('x').get()).data?.n).toBe(before + 20)
    expect(db.counters.conflicts).toBeGreaterThan(0)
  })

  it('refuses a second record with the same _id, or one that breaks a unique index', async () => {
    const db = fakeDb()
    await db.createCollection('m')
    db.defineIndexes('m', [{ name: 'no', fields: ['memberNo'], unique: true }])
    await db.collection('m').add({ data: { _id: 'a', memberNo: 'DY1' } })
    const dup = await db.collection('m').add({ data: { _id: 'a', memberNo: 'DY2' } }).catch((e: unknown) => e)
    expect(dup).toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(/^DATABASE_DUPLICATE_WRITE/) })
    expect(isDuplicateWrite(dup)).toBe(true)
    await expect(db.collection('m').add({ data: { _id: 'b', memberNo: 'DY1' } })).rejects.toMatchObject({ errMsg: expect.stringMatching(/index: no/) })
    await db.collection('m').add({ data: { _id: 'b', memberNo: 'DY2' } })
    await expect(db.collection('m').doc('b').update({ data: { memberNo: 'DY1' } })).rejects.toMatchObject({ errCode: -502001 })
    // set() replaces a record whole and creates a missing one; it is not a duplicate.
    await db.collection('m').doc('a').set({ data: { memberNo: 'DY3' } })
    expect(db.dump('m')).toEqual([{ _id: 'a', memberNo: 'DY3' }, { _id: 'b', memberNo: 'DY2' }])
  })

  it('merges plain objects on update, replaces with _.set, and refuses what the SDK refuses', async () => {
    const db = fakeDb()
    await db.createCollection('a')
    const _ = db.command
    const doc = db.collection('a').doc('x')
    await doc.set({ data: { place: { lat: 1, lng: 2 }, none: null } })
    await doc.update({ data: { place: { lat: 3 } } })
    expect((await doc.get()).data).toEqual({ _id: 'x', place: { lat: 3, lng: 2 }, none: null })
    await doc.update({ data: { place: _.set({ lat: 5 }) } })
    expect((await doc.get()).data?.place).toEqual({ lat: 5 })
    await expect(doc.update({ data: { none: { lat: 1 } } })).rejects.toThrow(/cannot create field/)
    await expect(doc.update({ data: { n: undefined } as Doc })).rejects.toThrow(/undefined/)
    await expect(db.collection('a').where({ n: { $gt: 1 } }).get()).rejects.toThrow(/raw operator/)
    await expect(db.collection('a').where({ n: undefined } as Doc).get()).rejects.toThrow(/undefined/)
  })

  it('throws on a missing record unless told not to, and on a missing collection', async () => {
    const strict = fakeDb()
    await strict.createCollection('a')
    await expect(strict.collection('a').doc('nope').get()).rejects.toThrow(/does not exist/)
    const lenient = fakeDb({ throwOnNotFound: false })
    await lenient.createCollection('a')
    expect(await lenient.collection('a').doc('nope').get()).toEqual({ data: null })
    await expect(strict.collection('b').get()).rejects.toMatchObject({ errCode: -502005 })
    await expect(strict.createCollection('a')).rejects.toThrow(/ALREADY_EXIST/)
  })

  it('creates every collection once; later starts only read a marker', async () => {
    const db = fakeDb()
    await ensureCollections(db)
    const made = db.counters.createCollection
    expect(made).toBe(Object.keys(COL).length)
    await ensureCollections(db)
    expect(db.counters.createCollection).toBe(made)
    expect(db.dump(COL.checkIns)).toEqual([])
  })
})
