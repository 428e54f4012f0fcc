/**
 * An in-memory fake of the wx-server-sdk database (`cloud.database()`), for tests of the CloudBase
 * adapter. It evaluates conditions and aggregation pipelines with mingo and enforces CloudBase's
 * limits, so code that would break on CloudBase breaks here first:
 *
 * - A server-side `get` returns at most 1000 records; without `limit` at most 100. Sources:
 *   Collection.limit reference ("在云函数端默认及最大上限为 1000",
 *   developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.limit.md)
 *   and the database read guide ("云函数端这个数字则是 100" for a get without limit, guide/database/read.html);
 *   the fake applies the stricter of the two when no limit is given.
 * - An aggregation without a `limit` stage returns at most 20 results (reported by developers, see
 *   developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13); with
 *   one, the fake still caps at 1000 (developers report up to 10000 working; 1000 is the safe side).
 * - Transactions (cloudbaseFakeTxn.ts): only `doc(id)` and `add` inside; see there.
 * - `add` of an existing `_id`, or a write that breaks a unique index, fails (DATABASE_DUPLICATE_WRITE).
 * - `doc(id).get()` of a missing record throws unless the database was made with
 *   `{ throwOnNotFound: false }` (Cloud.database reference).
 * - A collection must exist (`createCollection`) before it is used (-502005).
 * - `update` merges plain objects field by field (use `_.set` to replace a whole object).
 * Indexes other than `_id` are created in the CloudBase console; `defineIndexes` is that step here.
 */
import { randomBytes } from 'node:crypto'
import { Query as MingoQuery, aggregate as mingoAggregate } from 'mingo'
import type { Aggregate, CloudDatabase, Collection, Condition, DocRef, DocResult, Query, QueryResult, Transaction, WriteResult } from '../../cloud/store/cloudbase/sdk'
import type { Doc } from '../../cloud/store/cloudbase/sdk'
import { applyUpdate, makeCommand, plainData, toMongoExpression, toMongoQuery } from './cloudbaseFakeCommand'
import { duplicateWrite, fakeError } from './cloudbaseFakeErrors'
import { runFakeTransaction, tick } from './cloudbaseFakeTxn'

export const GET_DEFAULT_LIMIT = 100
export const GET_MAX_LIMIT = 1000
export const AGGREGATE_DEFAULT_LIMIT = 20
export const AGGREGATE_MAX_LIMIT = 1000

export interface FakeDbOptions {
  /** As in `cloud.database({ throwOnNotFound })`; the SDK's default is true. */
  throwOnNotFound?: boolean
  /**
   * Records one transaction may touch. The WeChat reference allows several single-record operations
   * in one transaction; this project's rule (DESIGN.md) is one record per transaction, and the
   * fake holds the adapter to it by default.
   */
  maxDocsPerTransaction?: number
}

export interface FaultPoint {
  collection: string
  action: 'add' | 'set' | 'update' | 'remove' | 'commit'
}

export interface IndexSpec {
  name: string
  fields: string[]
  unique?: boolean
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

export class FakeDatabase implements CloudDatabase {
  readonly command = makeCommand()
  readonly options: Required<FakeDbOptions>
  private readonly tables = new Map<string, Map<string, Doc>>()
  private readonly versions = new Map<string, number>()
  private readonly indexes = new Map<string, IndexSpec[]>()
  private readonly faults: { rule: (op: FaultPoint) => boolean; left: number }[] = []
  /** What happened, for tests that must show a limit or a race was really met. */
  readonly counters = { transactions: 0, conflicts: 0, createCollection: 0 }

  constructor(options: FakeDbOptions = {}) {
    this.options = { throwOnNotFound: options.throwOnNotFound ?? true, maxDocsPerTransaction: options.maxDocsPerTransaction ?? 1 }
  }

  collection(name: string): Collection {
    return new FakeCollection(this, name, { where: null, order: [], skip: 0, limit: null, projection: null })
  }

  async createCollection(name: string): Promise<unknown> {
    await tick()
    this.counters.createCollection++
    if (this.tables.has(name)) throw fakeError(-502001, 'DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
    this.tables.set(name, new Map())
    return { errMsg: 'createCollection:ok' }
  }

  runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, times = 3): Promise<T> {
    return runFakeTransaction(this, callback, times)
  }

  /** The console step: declare a collection's indexes (unique ones are enforced). */
  defineIndexes(collection: string, specs: IndexSpec[]): void {
    this.indexes.set(collection, specs)
  }

  /**
   * Make the next `times` matching writes fail as a lost connection or a crashed function would
   * (before anything is written), to test what a half-finished operation leaves behind.
   */
  failWhen(rule: (op: FaultPoint) => boolean, times = 1): void {
    this.faults.push({ rule, left: times })
  }

  maybeFail(op: FaultPoint): void {
    const fault = this.faults.find((f) => f.left > 0 && f.rule(op))
    if (!fault) return
    fault.left--
    throw fakeError(-501002, 'RESOURCE_TIMEOUT', `injected failure of ${op.action} on ${op.collection}`)
  }

  /** Every record of a collection, for tests. */
  dump(name: string): Doc[] {
    return [...this.table(name).values()].map((d) => structuredClone(d))
  }

  // ---- internals shared with queries and transactions ----

  table(name: string): Map<string, Doc> {
    const t = this.tables.get(name)
    if (!t) throw fakeError(-502005, 'DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist`)
    return t
  }

  version(name: string, id: string): number {
    return this.versions.get(`${name}\u0000${id}`) ?? 0
  }

  newId(): string {
    return randomBytes(16).toString('hex')
  }

  /** Throw if `doc` (stored as `id`) would share a unique index key with another record. */
  checkUnique(name: string, id: string, doc: Doc): void {
    for (const index of this.indexes.get(name) ?? []) {
      if (!index.unique) continue
      const key = JSON.stringify(index.fields.map((f) => pathValue(doc, f)))
      for (const [otherId, other] of this.table(name)) {
        if (otherId !== id && JSON.stringify(index.fields.map((f) => pathValue(other, f))) === key) throw duplicateWrite(name, index.name, key)
      }
    }
  }

  /** Store (or with null delete) one record, bumping its version. */
  write(name: string, id: string, doc: Doc | null): void {
    const t = this.table(name)
    if (doc) t.set(id, doc)
    else t.delete(id)
    this.versions.set(`${name}\u0000${id}`, this.version(name, id) + 1)
  }

  notFound(name: string, id: string): Error {
    return fakeError(-502001, 'DATABASE_REQUEST_FAILED', `document.get:fail document with _id ${id} does not exist in ${name}`)
  }
}

const pathValue = (doc: Doc, path: string): unknown => {
  let v: unknown = doc
  for (const k of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Doc)[k] : undefined
  return v ?? null
}

interface QuerySpec {
  /** As given; checked and translated when the query runs, as the SDK reports errors then. */
  where: Condition | null
  order: [string, 1 | -1][]
  skip: number
  limit: number | null
  projection: Record<string, boolean> | null
}

class FakeQuery implements Query {
  constructor(
    protected readonly db: FakeDatabase,
    protected readonly name: string,
    protected readonly spec: QuerySpec,
  ) {}

  private with(change: Partial<QuerySpec>): FakeQuery {
    return new FakeQuery(this.db, this.name, { ...this.spec, ...change })
  }
  where(condition: Condition): Query {
    return this.with({ where: condition })
  }
  orderBy(field: string, direction: 'asc' | 'desc'): Query {
    return this.with({ order: [...this.spec.order, [field, direction === 'desc' ? -1 : 1]] })
  }
  skip(n: number): Query {
    return this.with({ skip: n })
  }
  limit(n: number): Query {
    if (!(n > 0)) throw fakeError(-501007, 'INVALID_PARAM', 'limit must be a positive number')
    return this.with({ limit: n })
  }
  field(projection: Record<string, boolean>): Query {
    return this.with({ projection })
  }

  protected matching(): Doc[] {
    const rows = [...this.db.table(this.name).values()]
    if (!this.spec.where) return rows
    const query = new MingoQuery(toMongoQuery(this.spec.where), {})
    return rows.filter((d) => query.test(d))
  }

  async get(): Promise<QueryResult> {
    await tick()
    let rows = this.matching()
    if (this.spec.order.length) rows = mingoAggregate(rows, [{ $sort: Object.fromEntries(this.spec.order) }]) as Doc[]
    const limit = Math.min(this.spec.limit ?? GET_DEFAULT_LIMIT, GET_MAX_LIMIT)
    rows = rows.slice(this.spec.skip, this.spec.skip + limit)
    if (this.spec.projection) {
      const keep = this.spec.projection
      rows = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k === '_id' || keep[k])))
    }
    return { data: rows.map((r) => structuredClone(r)) }
  }

  async count(): Promise<{ total: number }> {
    await tick()
    return { total: this.matching().length }
  }

  async update({ data }: { data: Doc }): Promise<WriteResult> {
    await tick()
    this.db.maybeFail({ collection: this.name, action: 'update' })
    let updated = 0
    for (const doc of this.matching()) {
      const id = String(doc._id)
      const next = applyUpdate(doc, data)
      if (same(next, doc)) continue
      this.db.checkUnique(this.name, id, next)
      this.db.write(this.name, id, next)
      updated++
    }
    return { stats: { updated } }
  }

  async remove(): Promise<WriteResult> {
    await tick()
    this.db.maybeFail({ collection: this.name, action: 'remove' })
    const rows = this.matching()
    for (const doc of rows) this.db.write(this.name, String(doc._id), null)
    return { stats: { removed: rows.length } }
  }
}

class FakeCollection extends FakeQuery implements Collection {
  doc(id: string): DocRef {
    return new FakeDocRef(this.db, this.name, id)
  }

  async add({ data }: { data: Doc }): Promise<{ _id: string }> {
    await tick()
    this.db.maybeFail({ collection: this.name, action: 'add' })
    const doc = plainData(data)
    const id = typeof doc._id === 'string' ? doc._id : this.db.newId()
    doc._id = id
    if (this.db.table(this.name).has(id)) throw duplicateWrite(this.name, '_id_', JSON.stringify(id))
    this.db.checkUnique(this.name, id, doc)
    this.db.write(this.name, id, doc)
    return { _id: id }
  }

  aggregate(): Aggregate {
    return new FakeAggregate(this.db, this.name, [])
  }
}

class FakeDocRef implements DocRef {
  constructor(
    private readonly db: FakeDatabase,
    private readonly name: string,
    private readonly id: string,
  ) {}

  async get(): Promise<DocResult> {
    await tick()
    const doc = this.db.table(this.name).get(this.id)
    if (!doc && this.db.options.throwOnNotFound) throw this.db.notFound(this.name, this.id)
    return { data: doc ? structuredClone(doc) : null }
  }

  async set({ data }: { data: Doc }): Promise<WriteResult> {
    await tick()
    this.db.maybeFail({ collection: this.name, action: 'set' })
    if ('_id' in data) throw fakeError(-501007, 'INVALID_PARAM', 'set() data must not contain _id')
    const existed = this.db.table(this.name).has(this.id)
    const doc = { ...plainData(data), _id: this.id }
    this.db.checkUnique(this.name, this.id, doc)
    this.db.write(this.name, this.id, doc)
    return { stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } }
  }

  async update({ data }: { data: Doc }): Promise<WriteResult> {
    await tick()
    this.db.maybeFail({ collection: this.name, action: 'update' })
    const doc = this.db.table(this.name).get(this.id)
    if (!doc) return { stats: { updated: 0 } }
    const next = applyUpdate(doc, data)
    if (same(next, doc)) return { stats: { updated: 0 } }
    this.db.checkUnique(this.name, this.id, next)
    this.db.write(this.name, this.id, next)
    return { stats: { updated: 1 } }
  }

  async remove(): Promise<WriteResult> {
    await tick()
    this.db.maybeFail({ collection: this.name, action: 'remove' })
    const existed = this.db.table(this.name).has(this.id)
    if (existed) this.db.write(this.name, this.id, null)
    return { stats: { removed: existed ? 1 : 0 } }
  }
}

class FakeAggregate implements Aggregate {
  constructor(
    private readonly db: FakeDatabase,
    private readonly name: string,
    private readonly stages: (() => Doc)[],
  ) {}

  private then(stage: () => Doc): Aggregate {
    return new FakeAggregate(this.db, this.name, [...this.stages, stage])
  }
  match(condition: Condition): Aggregate {
    return this.then(() => ({ $match: toMongoQuery(condition) }))
  }
  group(spec: Doc): Aggregate {
    return this.then(() => ({ $group: toMongoExpression(spec) }))
  }
  sort(spec: Record<string, 1 | -1>): Aggregate {
    return this.then(() => ({ $sort: spec }))
  }
  skip(n: number): Aggregate {
    return this.then(() => ({ $skip: n }))
  }
  limit(n: number): Aggregate {
    return this.then(() => ({ $limit: n }))
  }
  project(spec: Doc): Aggregate {
    return this.then(() => ({ $project: toMongoExpression(spec) }))
  }

  async end(): Promise<{ list: Doc[] }> {
    await tick()
    const rows = [...this.db.table(this.name).values()].map((d) => structuredClone(d))
    const stages = this.stages.map((stage) => stage())
    const list = mingoAggregate(rows, stages) as Doc[]
    const cap = stages.some((s) => '$limit' in s) ? AGGREGATE_MAX_LIMIT : AGGREGATE_DEFAULT_LIMIT
    return { list: list.slice(0, cap) }
  }
}

/** A fresh, empty fake database, like `cloud.database(options)`. */
export const fakeDb = (options: FakeDbOptions = {}): FakeDatabase => new FakeDatabase(options)
