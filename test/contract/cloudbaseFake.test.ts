/**
 * The fake holds code to CloudBase's documented limits; these tests show each limit is met,
 * so code that would break on CloudBase breaks here first.
 */
import fc from 'fast-check'
import { Db } from '../../cloud/store/cloudbase/access'
import { COL, ensureCollections } from '../../cloud/store/cloudbase/collections'
import { isDuplicateWrite, isTransactionConflict } from '../../cloud/store/cloudbase/sdk'
import type { Doc, Query, Transaction } from '../../cloud/store/cloudbase/sdk'
import { type FakeDatabase, fakeDb } from '../helpers/cloudbaseFake'
import { fakeStorage } from '../helpers/cloudbaseFakeStorage'
import { fuzzSeed } from '../helpers/fuzz'

/** Any collection will do; one of the adapter's, so its helpers can read it. */
const ITEMS = COL.units

async function withDocs(n: number): Promise<FakeDatabase> {
  const db = fakeDb()
  await db.createCollection(ITEMS)
  for (let i = 0; i < n; i++) await db.collection(ITEMS).add({ data: { _id: `i${String(i).padStart(5, '0')}`, n: i, group: `g${i % 30}` } })
  return db
}

describe('the CloudBase storage fake', () => {
  it('answers a cloud:// fileID per path, overwrites the same path, and rejects an unknown fileID', async () => {
    const storage = fakeStorage('env-1')
    const { fileID } = await storage.uploadFile({ cloudPath: 'meeting-photos/a1/p1.jpg', fileContent: Buffer.from([1, 2, 3]) })
    expect(fileID).toMatch(/^cloud:\/\/env-1\.[\w-]+\/meeting-photos\/a1\/p1\.jpg$/)
    expect((await storage.downloadFile({ fileID })).fileContent).toEqual(Buffer.from([1, 2, 3]))
    expect((await storage.uploadFile({ cloudPath: 'meeting-photos/a1/p1.jpg', fileContent: Buffer.from([9]) })).fileID).toBe(fileID)
    expect((await storage.downloadFile({ fileID })).fileContent).toEqual(Buffer.from([9]))
    expect(storage.size).toBe(1)
    await expect(storage.downloadFile({ fileID: `${fileID}x` })).rejects.toMatchObject({ errMsg: expect.stringMatching(/^downloadFile:fail/) })
    await expect(storage.uploadFile({ cloudPath: '/leading-slash.jpg', fileContent: Buffer.from([1]) })).rejects.toMatchObject({ errCode: -501007 })
  })
})

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

/**
 * The fake's fast paths (hash indexes on the leading field of each declared index, unique keys in
 * maps, results kept until the next change, aggregations cloning only what their `$match` keeps)
 * must answer exactly as scanning every record does (`scanOnly`): same records, same order, same
 * errors, whatever writes came before.
 */
describe('the CloudBase fake answers the same with its indexes as by scanning', () => {
  const INDEXES = [
    { name: 'a', fields: ['a', 'n'] },
    { name: 'tags', fields: ['tags'] },
    { name: 'nested', fields: ['p.q'] },
    { name: 'flag', fields: ['flag', 'n'] },
    { name: 'code', fields: ['code'], unique: true },
  ]
  const VALUES = ['x', 'y', '1', 1, 2, true, false, null] as const
  const IDS = Array.from({ length: 40 }, (_, i) => `d${i}`)

  async function pair(): Promise<[FakeDatabase, FakeDatabase]> {
    const made = [fakeDb({ throwOnNotFound: false }), fakeDb({ throwOnNotFound: false, scanOnly: true })] as const
    for (const db of made) {
      db.defineIndexes('items', INDEXES)
      await db.createCollection('items')
    }
    return [made[0], made[1]]
  }

  /** What a call answered, or the error it threw, comparable across the two databases. */
  const outcome = (p: Promise<unknown>): Promise<unknown> => p.then((v) => ({ ok: v }), (e: unknown) => ({ error: String((e as Error)?.message ?? e) }))

  const value = fc.constantFrom(...VALUES)
  const id = fc.constantFrom(...IDS)
  const nested = fc.oneof(
    value.map((q) => ({ q })),
    fc.array(value, { maxLength: 2 }).map((qs) => qs.map((q) => ({ q }))),
    fc.constant(null),
  )
  const fields = { a: value, n: fc.integer({ min: 0, max: 5 }), tags: fc.array(value, { maxLength: 3 }), p: nested, flag: fc.boolean(), code: fc.integer({ min: 0, max: 99 }).map((k) => `c${k}`) }
  // Every record has a code: records with none would share the unique key null (as CloudBase's would).
  // Most have `a` and `flag`, so a group over them is counted directly; some lack them, so mingo counts it.
  const record = fc.oneof(
    { arbitrary: fc.record(fields, { requiredKeys: ['n', 'code', 'a', 'flag'] }), weight: 4 },
    { arbitrary: fc.record(fields, { requiredKeys: ['n', 'code'] }), weight: 1 },
  )
  const change = fc.oneof(
    value.map((a) => ({ a })),
    value.map((q) => ({ p: { q } })),
    fc.array(value, { maxLength: 3 }).map((tags) => ({ tags: { set: tags } })),
    fc.boolean().map((flag) => ({ flag })),
    fc.integer({ min: 0, max: 5 }).map((n) => ({ n })),
    fc.constantFrom('c1', 'c2', 'c7').map((code) => ({ code })),
  )
  const condition = fc.oneof(
    value.map((v) => ({ kind: 'eq' as const, field: 'a', v })),
    fc.constantFrom('c1', 'c2', 'c7').map((v) => ({ kind: 'eq' as const, field: 'code', v })),
    value.map((v) => ({ kind: 'eq' as const, field: 'tags', v })),
    value.map((v) => ({ kind: 'nested' as const, v })),
    value.map((v) => ({ kind: 'cmdEq' as const, v })),
    fc.array(value, { maxLength: 3 }).map((vs) => ({ kind: 'in' as const, vs })),
    fc.array(id, { maxLength: 4 }).map((ids) => ({ kind: 'ids' as const, ids })),
    id.map((v) => ({ kind: 'id' as const, v })),
    fc.tuple(value, fc.integer({ min: 0, max: 5 })).map(([v, n]) => ({ kind: 'and' as const, v, n })),
    fc.tuple(value, fc.boolean()).map(([v, flag]) => ({ kind: 'or' as const, v, flag })),
    fc.tuple(value, fc.boolean(), fc.integer({ min: 0, max: 5 })).map(([v, flag, n]) => ({ kind: 'nestedAnd' as const, v, flag, n })),
    fc.tuple(value, fc.integer({ min: 0, max: 5 })).map(([v, n]) => ({ kind: 'orUnindexed' as const, v, n })),
    fc.integer({ min: 0, max: 5 }).map((n) => ({ kind: 'range' as const, n })),
  )
  type Cond = typeof condition extends fc.Arbitrary<infer C> ? C : never

  function where(db: FakeDatabase, c: Cond): Doc | ReturnType<FakeDatabase['command']['and']> {
    const _ = db.command
    switch (c.kind) {
      case 'eq':
        return { [c.field]: c.v }
      case 'nested':
        return { p: { q: c.v } }
      case 'cmdEq':
        return { a: _.eq(c.v) }
      case 'in':
        return { a: _.in(c.vs) }
      case 'ids':
        return { _id: _.in(c.ids) }
      case 'id':
        return { _id: c.v }
      case 'and':
        return _.and([{ a: c.v }, { n: _.gte(c.n) }])
      case 'or':
        return _.or([{ tags: c.v }, { flag: c.flag }])
      case 'nestedAnd':
        return _.and([{ tags: c.v, flag: c.flag }, { n: _.gte(c.n) }])
      case 'orUnindexed':
        return _.or([{ a: c.v }, { n: c.n }])
      case 'range':
        return { n: _.lt(c.n) }
    }
  }

  const op = fc.oneof(
    fc.tuple(id, record).map(([i, data]) => ({ op: 'add' as const, id: i, data })),
    fc.tuple(id, record).map(([i, data]) => ({ op: 'set' as const, id: i, data })),
    fc.tuple(id, change).map(([i, data]) => ({ op: 'update' as const, id: i, data })),
    fc.tuple(condition, change).map(([c, data]) => ({ op: 'updateWhere' as const, c, data })),
    id.map((i) => ({ op: 'remove' as const, id: i })),
    condition.map((c) => ({ op: 'removeWhere' as const, c })),
    fc.tuple(id, change).map(([i, data]) => ({ op: 'txUpdate' as const, id: i, data })),
    fc.tuple(id, record).map(([i, data]) => ({ op: 'txAdd' as const, id: i, data })),
    id.map((i) => ({ op: 'txRemove' as const, id: i })),
  )
  type Op = typeof op extends fc.Arbitrary<infer O> ? O : never

  const updateData = (db: FakeDatabase, data: Doc): Doc => {
    const { tags, ...rest } = data as { tags?: { set: unknown[] } }
    return tags ? { ...rest, tags: db.command.set(tags.set) } : rest
  }

  function apply(db: FakeDatabase, o: Op): Promise<unknown> {
    const items = db.collection('items')
    switch (o.op) {
      case 'add':
        return items.add({ data: { ...o.data, _id: o.id } })
      case 'set':
        return items.doc(o.id).set({ data: o.data })
      case 'update':
        return items.doc(o.id).update({ data: updateData(db, o.data) })
      case 'updateWhere':
        return items.where(where(db, o.c)).update({ data: updateData(db, o.data) })
      case 'remove':
        return items.doc(o.id).remove()
      case 'removeWhere':
        return items.where(where(db, o.c)).remove()
      case 'txUpdate':
        return db.runTransaction((t) => t.collection('items').doc(o.id).update({ data: updateData(db, o.data) }))
      case 'txAdd':
        return db.runTransaction((t) => t.collection('items').add({ data: { ...o.data, _id: o.id } }))
      case 'txRemove':
        return db.runTransaction((t) => t.collection('items').doc(o.id).remove())
    }
  }

  const read = fc.oneof(
    fc.tuple(condition, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 6 })).map(([c, skip, limit]) => ({ read: 'page' as const, c, skip, limit })),
    condition.map((c) => ({ read: 'unordered' as const, c })),
    condition.map((c) => ({ read: 'ties' as const, c })),
    condition.map((c) => ({ read: 'count' as const, c })),
    condition.map((c) => ({ read: 'group' as const, c })),
    fc.tuple(condition, fc.integer({ min: 0, max: 4 })).map(([c, skip]) => ({ read: 'aggregatePage' as const, c, skip })),
    fc.constant({ read: 'groupAll' as const }),
    fc.tuple(condition, fc.constantFrom('a', 'n', 'flag', 'code', 'tags', 'missing')).map(([c, by]) => ({ read: 'groupFields' as const, c, by })),
  )
  type Read = typeof read extends fc.Arbitrary<infer R> ? R : never

  function ask(db: FakeDatabase, r: Read): Promise<unknown> {
    const items = db.collection('items')
    const $ = db.command.aggregate
    switch (r.read) {
      case 'page':
        return items.where(where(db, r.c)).orderBy('n', 'desc').orderBy('_id', 'asc').skip(r.skip).limit(r.limit).get()
      case 'unordered':
        return items.where(where(db, r.c)).get()
      case 'ties':
        return items.where(where(db, r.c)).orderBy('flag', 'asc').limit(1000).get()
      case 'count':
        return items.where(where(db, r.c)).count()
      case 'group':
        return items.aggregate().match(where(db, r.c)).group({ _id: '$n', k: $.sum(1), tags: $.addToSet('$tags') }).sort({ _id: 1 }).limit(100).end()
      case 'aggregatePage':
        return items.aggregate().match(where(db, r.c)).sort({ n: 1, _id: 1 }).skip(r.skip).limit(3).end()
      case 'groupAll':
        return items.aggregate().group({ _id: '$a', k: $.sum(1) }).sort({ k: -1 }).end()
      case 'groupFields':
        // Ids of one field, of several, and none; every accumulator the fake counts directly, over fields of mixed types too.
        return Promise.all([
          items.aggregate().match(where(db, r.c)).group({ _id: `$${r.by}`, k: $.sum(1), s: $.sum('$n'), x: $.max('$code'), m: $.min('$a'), f: $.first('$flag') }).limit(100).end(),
          items.aggregate().match(where(db, r.c)).group({ _id: { by: `$${r.by}`, n: '$n' }, s: $.sum('$a'), x: $.max('$n'), m: $.min('$n'), t: $.sum(2.5) }).sort({ '_id.n': 1 }).limit(100).end(),
          items.aggregate().match(where(db, r.c)).group({ _id: null, s: $.sum('$n'), x: $.max(`$${r.by}`) }).limit(1).end(),
        ])
    }
  }

  it('after any writes (updates of indexed fields, removes, transactions) every read answers alike', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(id, record), { minLength: 20, maxLength: 40 }), fc.array(fc.tuple(op, fc.array(read, { maxLength: 3 })), { minLength: 1, maxLength: 25 }), async (start, steps) => {
        const [indexed, scanned] = await pair()
        for (const [i, data] of start) for (const db of [indexed, scanned]) await outcome(db.collection('items').add({ data: { ...data, _id: i } }))
        for (const [o, reads] of steps) {
          expect(await outcome(apply(indexed, o))).toEqual(await outcome(apply(scanned, o)))
          // Each read twice: the second may come from results the indexed database kept.
          for (const r of [...reads, ...reads]) expect(await outcome(ask(indexed, r))).toEqual(await outcome(ask(scanned, r)))
        }
        expect(indexed.dump('items')).toEqual(scanned.dump('items'))
      }),
      { numRuns: 150, seed: fuzzSeed(20261204) },
    )
    // 150 runs take about 5 s alone, more beside a build: a limit of its own, not the default 5 s.
  }, 30_000)

  it('finds records by an indexed field after it changed, and not after a remove or a transaction’s remove', async () => {
    const [db] = await pair()
    const items = db.collection('items')
    await items.add({ data: { _id: 'r1', a: 'x', n: 1, tags: ['t1', 't2'], p: [{ q: 'deep' }], code: 'c1' } })
    await items.add({ data: { _id: 'r2', a: 'x', n: 2, code: 'c2' } })
    const ids = async (c: Doc) => (await items.where(c).orderBy('_id', 'asc').get()).data.map((d) => d._id)
    expect(await ids({ a: 'x' })).toEqual(['r1', 'r2'])
    expect(await ids({ tags: 't2' })).toEqual(['r1'])
    expect(await ids({ p: { q: 'deep' } })).toEqual(['r1'])
    await items.doc('r1').update({ data: { a: 'y', tags: db.command.set(['t3']) } })
    expect([await ids({ a: 'x' }), await ids({ a: 'y' }), await ids({ tags: 't2' }), await ids({ tags: 't3' })]).toEqual([['r2'], ['r1'], [], ['r1']])
    await db.runTransaction((t) => t.collection('items').doc('r2').update({ data: { a: 'y' } }))
    expect(await ids({ a: db.command.in(['x', 'y']) })).toEqual(['r1', 'r2'])
    await db.runTransaction((t) => t.collection('items').doc('r1').remove())
    await items.where({ a: 'y' }).remove()
    expect([await ids({ a: 'y' }), (await items.count()).total]).toEqual([[], 0])
    // The unique key of a removed record is free again; a taken one is still refused.
    await items.add({ data: { _id: 'r3', n: 3, code: 'c1' } })
    await expect(items.add({ data: { _id: 'r4', n: 4, code: 'c1' } })).rejects.toMatchObject({ errMsg: expect.stringMatching(/index: code/) })
  })

  it('bulk-loads records as adds would store them, indexed and checked', async () => {
    const [loaded, added] = await pair()
    const records = Array.from({ length: 1500 }, (_, i) => ({ _id: `r${String(i).padStart(4, '0')}`, a: VALUES[i % VALUES.length], n: i % 6, tags: [`t${i % 7}`], code: `k${i}` }))
    loaded.load('items', records.map((r) => structuredClone(r)))
    for (const r of records) await added.collection('items').add({ data: r })
    expect(loaded.size('items')).toBe(1500)
    for (const db of [loaded, added]) await db.collection('items').doc('r0001').update({ data: { a: 'moved' } })
    for (const c of [{ a: 'x' }, { a: 'moved' }, { tags: 't3' }, { n: 2 }]) {
      const page = (db: FakeDatabase) => db.collection('items').where(c).orderBy('_id', 'asc').skip(200).limit(1000).get()
      expect(await page(loaded)).toEqual(await page(added))
    }
    expect(() => loaded.load('items', [{ _id: 'r0002', n: 0 }])).toThrow(/DUPLICATE_WRITE/)
    expect(() => loaded.load('items', [{ _id: 'new', n: 0, code: 'k5' }])).toThrow(/index: code/)
    expect(() => loaded.load('missing', [])).toThrow(/does not exist/)
    await expect(loaded.collection('items').add({ data: { _id: 'x', code: 'k7' } })).rejects.toMatchObject({ errMsg: expect.stringMatching(/index: code/) })
    // The reference database checks each add against every record: slow on a busy machine.
  }, 30_000)
})
