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
 *
 * At city scale (a million check-ins, for the bench) the fake stays fast without answering
 * differently (cloudbaseFake.test.ts compares it with plain scans, `{ scanOnly: true }`): the
 * leading field of every declared index is a hash index that narrows the records a `where` or an
 * aggregation's leading `$match` looks at when it asks for a value (or `_.in` values) of that field;
 * unique keys are kept in maps; results are kept until the collection next changes, so paging
 * through a large result sorts it once; an aggregation clones only the records its `$match` keeps,
 * and a `$group` of plain fields right after it is counted directly (`plainGroup`).
 * Sorting and matching stay mingo's, and so does every other stage. Records are never changed in place: a write
 * stores a new object, which is what lets results be shared until the next change.
 */
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { Query as MingoQuery, aggregate as mingoAggregate } from 'mingo'
import type { Aggregate, CloudDatabase, Collection, Condition, DocRef, DocResult, Query, QueryResult, Transaction, WriteResult } from '../../cloud/store/cloudbase/sdk'
import type { Doc } from '../../cloud/store/cloudbase/sdk'
import { applyUpdate, copy, makeCommand, plainData, plainGroup, toMongoExpression, toMongoQuery } from './cloudbaseFakeCommand'
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
  /**
   * Answer every query by scanning the whole collection, with no index, unique-key map or kept
   * results (unique indexes are still enforced): the reference the fast paths are tested against.
   */
  scanOnly?: boolean
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

/** The values a hash index files a record under: what a query can ask for by equality. */
type Key = string | number | boolean
const isKey = (v: unknown): v is Key => typeof v === 'string' || (typeof v === 'number' && !Number.isNaN(v)) || typeof v === 'boolean'
const isPlain = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Every key at `path` in `v`, looking into arrays on the way and at the end as Mongo does (a
 * multikey index): `{ a: [{ b: 1 }, { b: [2, 3] }] }` is filed under 1, 2 and 3 for `a.b`. It may
 * file a record under more keys than a query would match it by, never fewer.
 */
function keysAt(v: unknown, path: readonly string[], at: number, out: Set<Key>): void {
  if (Array.isArray(v)) for (const e of v) keysAt(e, path, at, out)
  else if (at === path.length) {
    if (isKey(v)) out.add(v)
  } else if (isPlain(v)) keysAt(v[path[at]], path, at + 1, out)
}

/** Whether `doc` holds at `path`, through plain objects only (no arrays), a value that is one of `keys`. */
function plainlyOneOf(doc: Doc, path: readonly string[], keys: Set<Key>): boolean {
  let v: unknown = doc
  for (const k of path) {
    if (!isPlain(v)) return false
    v = v[k]
  }
  return isKey(v) && keys.has(v)
}

/** The keys a condition on one field asks for by equality (a value, `_.eq`, `_.in`), or null. */
function askedKeys(cond: unknown): Key[] | null {
  if (isKey(cond)) return [cond]
  if (!isPlain(cond)) return null
  const ops = Object.keys(cond)
  if (ops.length !== 1) return null
  const arg = cond[ops[0]]
  if (ops[0] === '$eq' && isKey(arg)) return [arg]
  if (ops[0] === '$in' && Array.isArray(arg) && arg.every(isKey)) return arg
  return null
}

/** A cache key for a translated query or pipeline (numbers JSON cannot tell apart are spelled out). */
const cacheKey = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? `\u0000${x}` : x))

/** Positions packed below an insertion rank when sorting by it (2^21: ranks up to 2^32 stay exact in a double). */
const PACKED = 2 ** 21

/** Most results a collection keeps between changes. */
const KEPT_RESULTS = 16

/**
 * One collection: its records in insertion order, a hash index per leading field of its declared
 * indexes, the owners of each unique key, and results kept until its next change.
 */
class FakeTable {
  private readonly rows = new Map<string, Doc>()
  /** Insertion rank of each record, so results come in the collection's order whatever index found them. */
  private readonly rank = new Map<string, number>()
  private nextRank = 0
  /** Bumped by every change; results kept at an older count are stale. */
  private changes = 0
  private readonly byField = new Map<string, { path: string[]; keys: Map<Key, Set<string>> }>()
  private unique: { spec: IndexSpec; owners: Map<string, Set<string>> }[] = []
  private readonly kept = new Map<string, Doc[]>()
  private keptAt = 0

  constructor(
    private readonly name: string,
    private readonly scanOnly: boolean,
  ) {}

  get size(): number {
    return this.rows.size
  }
  get(id: string): Doc | undefined {
    return this.rows.get(id)
  }
  has(id: string): boolean {
    return this.rows.has(id)
  }
  values(): IterableIterator<Doc> {
    return this.rows.values()
  }

  /** Index the leading field of each spec (and the keys of unique ones) over the records there are. */
  index(specs: IndexSpec[]): void {
    this.byField.clear()
    this.unique = specs.filter((s) => s.unique).map((spec) => ({ spec, owners: new Map() }))
    if (!this.scanOnly)
      for (const s of specs) {
        const path = s.fields[0]?.split('.') ?? []
        // A numeric step would be an array position, which a multikey index does not follow.
        if (path.length && !path.some((k) => /^\d+$/.test(k)) && !this.byField.has(s.fields[0])) this.byField.set(s.fields[0], { path, keys: new Map() })
      }
    for (const [id, doc] of this.rows) this.enter(id, doc)
    this.changes++
  }

  private uniqueKey(spec: IndexSpec, doc: Doc): string {
    return JSON.stringify(spec.fields.map((f) => pathValue(doc, f)))
  }

  /** Throw if `doc` (stored as `id`) would share a unique index key with another record. */
  checkUnique(id: string, doc: Doc): void {
    for (const { spec, owners } of this.unique) {
      const key = this.uniqueKey(spec, doc)
      if (this.scanOnly) {
        for (const [otherId, other] of this.rows) if (otherId !== id && this.uniqueKey(spec, other) === key) throw duplicateWrite(this.name, spec.name, key)
      } else for (const other of owners.get(key) ?? []) if (other !== id) throw duplicateWrite(this.name, spec.name, key)
    }
  }

  private enter(id: string, doc: Doc): void {
    for (const { path, keys } of this.byField.values()) {
      const found = new Set<Key>()
      keysAt(doc, path, 0, found)
      for (const k of found) {
        const ids = keys.get(k)
        if (ids) ids.add(id)
        else keys.set(k, new Set([id]))
      }
    }
    if (this.scanOnly) return
    for (const { spec, owners } of this.unique) {
      const key = this.uniqueKey(spec, doc)
      const ids = owners.get(key)
      if (ids) ids.add(id)
      else owners.set(key, new Set([id]))
    }
  }

  private leave(id: string, doc: Doc): void {
    for (const { path, keys } of this.byField.values()) {
      const found = new Set<Key>()
      keysAt(doc, path, 0, found)
      for (const k of found) {
        const ids = keys.get(k)
        ids?.delete(id)
        if (ids?.size === 0) keys.delete(k)
      }
    }
    if (this.scanOnly) return
    for (const { spec, owners } of this.unique) {
      const key = this.uniqueKey(spec, doc)
      const ids = owners.get(key)
      ids?.delete(id)
      if (ids?.size === 0) owners.delete(key)
    }
  }

  /** Store (or with null delete) one record; a replaced record keeps its place in the order. */
  put(id: string, doc: Doc | null): void {
    const old = this.rows.get(id)
    if (old) this.leave(id, old)
    if (doc) {
      if (!old) this.rank.set(id, this.nextRank++)
      this.rows.set(id, doc)
      this.enter(id, doc)
    } else if (old) {
      this.rows.delete(id)
      this.rank.delete(id)
    }
    this.changes++
  }

  /** Add records with new `_id`s in one go (the bulk load): checked like `add`, indexed, one change. */
  load(docs: readonly Doc[]): void {
    for (const doc of docs) {
      const id = doc._id
      if (typeof id !== 'string') throw fakeError(-501007, 'INVALID_PARAM', `load(${this.name}): every record needs a string _id`)
      if (this.rows.has(id)) throw duplicateWrite(this.name, '_id_', JSON.stringify(id))
      this.checkUnique(id, doc)
      this.rank.set(id, this.nextRank++)
      this.rows.set(id, doc)
      this.enter(id, doc)
    }
    this.changes++
  }

  /**
   * How an index answers `q`: the ids of the records that can match (a superset of those that do),
   * and, when one condition on an indexed field chose them, that condition (`field`, its `keys`)
   * and what else `q` asks (`rest`). Null when no index narrows `q`: every record is looked at.
   */
  private candidates(q: Doc): { ids: Set<string>; field: string | null; keys: Set<Key>; rest: Doc | null } | null {
    const fields = Object.keys(q)
    if (fields.length !== 1) return null
    const [field] = fields
    const cond = q[field]
    if (field === '$and' && Array.isArray(cond)) {
      let best: { ids: Set<string>; field: string | null; keys: Set<Key>; rest: Doc | null } | null = null
      let at = -1
      cond.forEach((part, i) => {
        const found = isPlain(part) ? this.candidates(part) : null
        if (found && (!best || found.ids.size < best.ids.size)) [best, at] = [found, i]
      })
      if (!best) return null
      const chosen: { ids: Set<string>; field: string | null; keys: Set<Key>; rest: Doc | null } = best
      // The rest of an $and is the other parts (and whatever the chosen part left).
      const others = [...cond.filter((_, i) => i !== at), ...(chosen.rest ? [chosen.rest] : [])] as Doc[]
      return { ...chosen, rest: others.length === 0 ? null : others.length === 1 ? others[0] : { $and: others } }
    }
    if (field === '$or' && Array.isArray(cond)) {
      const union = new Set<string>()
      for (const part of cond) {
        const found = isPlain(part) ? this.candidates(part) : null
        if (!found) return null
        for (const id of found.ids) union.add(id)
      }
      return { ids: union, field: null, keys: new Set(), rest: null }
    }
    const asked = askedKeys(cond)
    if (!asked) return null
    const keys = new Set(asked)
    if (field === '_id') return { ids: new Set(asked.filter((k): k is string => typeof k === 'string' && this.rows.has(k))), field, keys, rest: null }
    const index = this.byField.get(field)
    if (!index) return null
    let ids: Set<string>
    if (asked.length === 1) ids = index.keys.get(asked[0]) ?? new Set()
    else {
      ids = new Set()
      for (const k of keys) for (const id of index.keys.get(k) ?? []) ids.add(id)
    }
    return { ids, field, keys, rest: null }
  }

  /** The records of these ids, in the collection's order. */
  private inOrder(ids: Set<string>): Doc[] {
    const out: Doc[] = []
    if (ids.size * 4 > this.rows.size || ids.size >= PACKED) {
      for (const id of this.rows.keys()) if (ids.has(id)) out.push(this.rows.get(id) as Doc)
      return out
    }
    // Sorted by insertion rank natively: each rank packed with its position in `list` (ranks stay below 2^32).
    const list = [...ids]
    const packed = new Float64Array(list.length)
    list.forEach((id, i) => (packed[i] = (this.rank.get(id) ?? 0) * PACKED + i))
    packed.sort()
    for (const key of packed) out.push(this.rows.get(list[key % PACKED]) as Doc)
    return out
  }

  /** The records matching `q`, in the collection's order. */
  private matching(q: Doc | null): Doc[] {
    if (!q) return [...this.rows.values()]
    const found = this.scanOnly ? null : this.candidates(q)
    const query = new MingoQuery(q, {})
    if (!found) return [...this.rows.values()].filter((d) => query.test(d))
    const { ids, field, keys, rest } = found
    const rows = this.inOrder(ids)
    if (field === null) return rows.filter((d) => query.test(d))
    // A record whose field holds, outside any array, one of the asked values meets that condition
    // for certain: only the rest is left to test. Others (values in arrays) take the whole query.
    const path = field.split('.')
    const restQuery = rest ? new MingoQuery(rest, {}) : null
    return rows.filter((d) => (plainlyOneOf(d, path, keys) ? (restQuery ? restQuery.test(d) : true) : query.test(d)))
  }

  /** A result kept until the collection next changes (computed afresh every time with `scanOnly`). */
  private keep(key: string, compute: () => Doc[]): Doc[] {
    if (this.scanOnly) return compute()
    if (this.keptAt !== this.changes) {
      this.kept.clear()
      this.keptAt = this.changes
    }
    const hit = this.kept.get(key)
    if (hit) return hit
    const rows = compute()
    this.kept.set(key, rows)
    if (this.kept.size > KEPT_RESULTS) this.kept.delete(this.kept.keys().next().value as string)
    return rows
  }

  /**
   * The stored records matching `q`, sorted by `order` (else in the collection's order). The
   * records themselves, not copies, and the array may be shared: read them, never change them.
   */
  select(q: Doc | null, order: [string, 1 | -1][]): Doc[] {
    return this.keep(cacheKey(['select', q, order]), () => {
      const rows = this.matching(q)
      return order.length ? (mingoAggregate(rows, [{ $sort: Object.fromEntries(order) }]) as Doc[]) : rows
    })
  }

  /**
   * An aggregation's results before its trailing `$skip`/`$limit` stages (which the caller applies):
   * mingo runs the pipeline on copies of the records its leading `$match` keeps. Shared: never change them.
   */
  aggregate(stages: Doc[]): Doc[] {
    return this.keep(cacheKey(['aggregate', stages]), () => {
      const first = stages[0]
      const match = first && '$match' in first && isPlain(first.$match) ? first.$match : null
      const rows = this.matching(match)
      const rest = match ? stages.slice(1) : stages
      // A `$group` of plain fields is counted directly, with no copies (its results hold no record's objects).
      const grouped = !this.scanOnly && rest[0] && isPlain(rest[0].$group) ? plainGroup(rows, rest[0].$group) : null
      if (grouped) return rest.length > 1 ? (mingoAggregate(grouped, rest.slice(1)) as Doc[]) : grouped
      const copies = rows.map((d) => copy(d))
      return rest.length ? (mingoAggregate(copies, rest) as Doc[]) : copies
    })
  }
}

export class FakeDatabase implements CloudDatabase {
  readonly command = makeCommand()
  readonly options: Required<FakeDbOptions>
  private readonly tables = new Map<string, FakeTable>()
  private readonly versions = new Map<string, number>()
  private readonly indexes = new Map<string, IndexSpec[]>()
  private readonly faults: { rule: (op: FaultPoint) => boolean; left: number }[] = []
  /** What happened, for tests that must show a limit or a race was really met. */
  readonly counters = { transactions: 0, conflicts: 0, createCollection: 0 }
  /**
   * Milliseconds the fake has spent answering queries and aggregations (matching, sorting, grouping,
   * copying results): its own CPU, which a benchmark tells apart from the round trips it simulates.
   */
  busyMs = 0

  /** Run `fn`, adding its time to `busyMs`. */
  timed<T>(fn: () => T): T {
    const t = performance.now()
    try {
      return fn()
    } finally {
      this.busyMs += performance.now() - t
    }
  }

  constructor(options: FakeDbOptions = {}) {
    this.options = {
      throwOnNotFound: options.throwOnNotFound ?? true,
      maxDocsPerTransaction: options.maxDocsPerTransaction ?? 1,
      scanOnly: options.scanOnly ?? false,
    }
  }

  collection(name: string): Collection {
    return new FakeCollection(this, name, { where: null, order: [], skip: 0, limit: null, projection: null })
  }

  async createCollection(name: string): Promise<unknown> {
    await tick()
    this.counters.createCollection++
    if (this.tables.has(name)) throw fakeError(-502001, 'DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
    const table = new FakeTable(name, this.options.scanOnly)
    table.index(this.indexes.get(name) ?? [])
    this.tables.set(name, table)
    return { errMsg: 'createCollection:ok' }
  }

  runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, times = 3): Promise<T> {
    return runFakeTransaction(this, callback, times)
  }

  /** The console step: declare a collection's indexes (unique ones are enforced). */
  defineIndexes(collection: string, specs: IndexSpec[]): void {
    this.indexes.set(collection, specs)
    this.tables.get(collection)?.index(specs)
  }

  /**
   * Put many records into an existing collection at once, as a console import would: no round
   * trips, no per-record copies (the fake keeps the given objects: do not change them afterwards).
   * Each record needs a new string `_id`; unique indexes are checked and every index kept up to date.
   */
  load(collection: string, docs: readonly Doc[]): void {
    this.table(collection).load(docs)
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

  /** How many records a collection holds. */
  size(name: string): number {
    return this.table(name).size
  }

  // ---- internals shared with queries and transactions ----

  table(name: string): FakeTable {
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
    this.table(name).checkUnique(id, doc)
  }

  /** Store (or with null delete) one record, bumping its version. */
  write(name: string, id: string, doc: Doc | null): void {
    this.table(name).put(id, doc)
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

  /** The matching records (stored objects: copy before handing out), sorted as asked. */
  protected matching(order: [string, 1 | -1][] = []): Doc[] {
    return this.db.table(this.name).select(this.spec.where ? toMongoQuery(this.spec.where) : null, order)
  }

  async get(): Promise<QueryResult> {
    await tick()
    return this.db.timed(() => {
      const limit = Math.min(this.spec.limit ?? GET_DEFAULT_LIMIT, GET_MAX_LIMIT)
      let rows = this.matching(this.spec.order).slice(this.spec.skip, this.spec.skip + limit)
      if (this.spec.projection) {
        const keep = this.spec.projection
        rows = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k === '_id' || keep[k])))
      }
      return { data: rows.map((r) => copy(r)) }
    })
  }

  async count(): Promise<{ total: number }> {
    await tick()
    return this.db.timed(() => ({ total: this.matching().length }))
  }

  async update({ data }: { data: Doc }): Promise<WriteResult> {
    await tick()
    this.db.maybeFail({ collection: this.name, action: 'update' })
    let updated = 0
    for (const doc of this.db.timed(() => this.matching())) {
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
    const rows = this.db.timed(() => this.matching())
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
    return { data: doc ? copy(doc) : null }
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
    const stages = this.stages.map((stage) => stage())
    const cap = stages.some((s) => '$limit' in s) ? AGGREGATE_MAX_LIMIT : AGGREGATE_DEFAULT_LIMIT
    // Trailing skip and limit stages page through results kept until the collection changes.
    let body = stages.length
    while (body > 0 && pagingStage(stages[body - 1])) body--
    let from = 0
    let to = Infinity
    for (const stage of stages.slice(body)) {
      if ('$skip' in stage) from = Math.min(to, from + Number(stage.$skip))
      else to = Math.min(to, from + Number(stage.$limit))
    }
    return this.db.timed(() => {
      const list = this.db.table(this.name).aggregate(stages.slice(0, body))
      return { list: list.slice(from, Math.min(to, from + cap)).map((d) => copy(d)) }
    })
  }
}

/** A `$skip` or `$limit` stage with a count mingo would take as it is. */
function pagingStage(stage: Doc): boolean {
  const keys = Object.keys(stage)
  if (keys.length !== 1) return false
  const n = stage[keys[0]]
  return typeof n === 'number' && Number.isInteger(n) && ((keys[0] === '$skip' && n >= 0) || (keys[0] === '$limit' && n > 0))
}

/** A fresh, empty fake database, like `cloud.database(options)`. */
export const fakeDb = (options: FakeDbOptions = {}): FakeDatabase => new FakeDatabase(options)
