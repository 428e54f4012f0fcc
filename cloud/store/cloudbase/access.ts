/**
 * How this adapter talks to the database within CloudBase's limits: reads page through results
 * 1000 at a time (the most one server-side `get` returns), aggregations always state their limit
 * (without one CloudBase answers 20 rows), `_.in` lists go in chunks, and transactions touch one
 * record each and are retried with backoff when they collide.
 */
import type { CollectionName } from './collections'
import type { Aggregate, CloudDatabase, Collection, Condition, DbCommand, Doc, Transaction } from './sdk'
import { isDuplicateWrite, isTransactionConflict } from './sdk'

/** Most records one server-side `get` returns; also the page size of aggregations here. */
export const PAGE = 1000
/** Ids per `_.in` query. */
const IN_CHUNK = 100
/** Attempts at a contended transaction (each of which the SDK itself retries up to 3 times). */
const TX_ATTEMPTS = 25

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Not found, as a `doc().get()` reports it when the database was made with throwOnNotFound true. */
const isNotFound = (e: unknown): boolean => {
  const text = String((e as { errMsg?: unknown })?.errMsg ?? (e as Error)?.message ?? e)
  return /does not exist|not exist/i.test(text) && !/COLLECTION/i.test(text)
}

let lastSeq = 0
/** Insertion order across records (CloudBase has no autoincrement): milliseconds × 1000 + a counter. */
export function nextSeq(): number {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000)
  return lastSeq
}

export function chunk<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export class Db {
  constructor(readonly raw: CloudDatabase) {}

  get _(): DbCommand {
    return this.raw.command
  }

  coll(name: CollectionName): Collection {
    return this.raw.collection(name)
  }

  async read(name: CollectionName, id: string): Promise<Doc | null> {
    try {
      return (await this.coll(name).doc(id).get()).data ?? null
    } catch (e) {
      if (isNotFound(e)) return null
      throw e
    }
  }

  /** Insert a record with a chosen `_id`; false if one with that `_id` exists already. */
  async addOnce(name: CollectionName, id: string, data: Doc): Promise<boolean> {
    try {
      await this.coll(name).add({ data: { ...data, _id: id } })
      return true
    } catch (e) {
      if (isDuplicateWrite(e)) return false
      throw e
    }
  }

  /**
   * Every record matching, in order, a page of at most 1000 at a time (`max` stops early). One
   * request when it fits a page; otherwise the count and the second page go together, then every
   * remaining page at once, so a result of any size costs three round trips one after another.
   * Records added while it pages may be left out (as with any paging by `skip`); the next read has them.
   * `fields` projects each record to those fields (and `_id`), so a wide record costs only what is read.
   */
  async all(name: CollectionName, where: Condition | null, order: [string, 'asc' | 'desc'][] = [], max = Infinity, fields?: readonly string[]): Promise<Doc[]> {
    const projection = fields ? Object.fromEntries(fields.map((f) => [f, true])) : null
    const page = async (skip: number, limit: number): Promise<Doc[]> => {
      let q = where ? this.coll(name).where(where) : this.coll(name)
      for (const [field, dir] of [...order, ['_id', 'asc'] as [string, 'asc']]) q = q.orderBy(field, dir)
      if (projection) q = q.field(projection)
      return (await q.skip(skip).limit(limit).get()).data
    }
    const out = await page(0, Math.min(PAGE, max))
    if (out.length < PAGE || max <= PAGE) return out
    const counted = where ? this.coll(name).where(where).count() : this.coll(name).count()
    const [{ total }, second] = await Promise.all([counted, page(PAGE, Math.min(PAGE, max - PAGE))])
    out.push(...second)
    const want = Math.min(total, max)
    const starts: number[] = []
    for (let s = out.length; second.length === PAGE && s < want; s += PAGE) starts.push(s)
    for (const rows of await Promise.all(starts.map((s) => page(s, Math.min(PAGE, want - s))))) out.push(...rows)
    return out
  }

  /** Records whose `field` is one of `values`, querying in chunks. */
  async allIn(name: CollectionName, field: string, values: readonly string[], extra: Doc = {}, fields?: readonly string[]): Promise<Doc[]> {
    const unique = [...new Set(values)]
    const pages = await Promise.all(chunk(unique).map((part) => this.all(name, { ...extra, [field]: this._.in(part) }, [], Infinity, fields)))
    return pages.flat()
  }

  /**
   * Every result of an aggregation, paged: `build` adds the stages, ending with a `sort` on a
   * unique key so pages do not overlap; this adds skip and limit.
   */
  async aggregateAll(name: CollectionName, build: (a: Aggregate) => Aggregate): Promise<Doc[]> {
    const out: Doc[] = []
    for (;;) {
      const { list } = await build(this.coll(name).aggregate()).skip(out.length).limit(PAGE).end()
      out.push(...list)
      if (list.length < PAGE) return out
    }
  }

  /**
   * A transaction on one record. Collisions are retried with jittered exponential backoff
   * (CloudBase's advice for DATABASE_TRANSACTION_CONFLICT); any other error is the caller's.
   */
  async transact<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.raw.runTransaction(fn)
      } catch (e) {
        if (!isTransactionConflict(e) || attempt >= TX_ATTEMPTS) throw e
        await sleep(Math.random() * Math.min(2 ** attempt, 200))
      }
    }
  }

  /** Read one record inside a transaction; null if missing. */
  async txRead(t: Transaction, name: CollectionName, id: string): Promise<Doc | null> {
    try {
      return (await t.collection(name).doc(id).get()).data ?? null
    } catch (e) {
      if (isNotFound(e)) return null
      throw e
    }
  }
}
