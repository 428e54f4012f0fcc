/**
 * The part of the wx-server-sdk database API (`cloud.database()`) this adapter uses, typed here so
 * the adapter never imports wx-server-sdk: the composition root passes the real database in, tests
 * pass the in-memory fake (test/helpers/cloudbaseFake.ts). Prefer `cloud.database(DATABASE_OPTIONS)`,
 * so `doc().get()` of a missing record answers `{ data: null }`; the adapter also copes with the
 * SDK's default, which throws (the contract tests run on that default).
 *
 * Reference: developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/
 */

/** Options for `cloud.database(...)` (throwOnNotFound: wx-server-sdk ≥ 1.7.0; Cloud.database docs). */
export const DATABASE_OPTIONS = { throwOnNotFound: false } as const

export type Doc = Record<string, unknown>

/** A query or update command (`db.command.gte(…)`, `db.command.inc(…)`); opaque to the adapter. */
export interface DbCommandValue {
  /** Field-level chaining: `_.gte(a).and(_.lt(b))`. */
  and(...conditions: DbCommandValue[]): DbCommandValue
  or(...conditions: DbCommandValue[]): DbCommandValue
}

/** A `where` condition: field → value or command; `_.and/_.or` for whole conditions. */
export type Condition = Doc | DbCommandValue

/** An aggregation expression operator result (`db.command.aggregate.sum('$points')`). */
export type AggregateExpression = unknown

export interface AggregateCommand {
  sum(expression: unknown): AggregateExpression
  max(expression: unknown): AggregateExpression
  min(expression: unknown): AggregateExpression
  first(expression: unknown): AggregateExpression
  addToSet(expression: unknown): AggregateExpression
  cond(spec: { if: unknown; then: unknown; else: unknown }): AggregateExpression
  lt(args: [unknown, unknown]): AggregateExpression
  eq(args: [unknown, unknown]): AggregateExpression
}

export interface DbCommand {
  eq(value: unknown): DbCommandValue
  neq(value: unknown): DbCommandValue
  gt(value: unknown): DbCommandValue
  gte(value: unknown): DbCommandValue
  lt(value: unknown): DbCommandValue
  lte(value: unknown): DbCommandValue
  in(values: unknown[]): DbCommandValue
  nin(values: unknown[]): DbCommandValue
  exists(present: boolean): DbCommandValue
  and(conditions: Condition[]): DbCommandValue
  or(conditions: Condition[]): DbCommandValue
  // update commands
  inc(by: number): DbCommandValue
  max(value: unknown): DbCommandValue
  set(value: unknown): DbCommandValue
  remove(): DbCommandValue
  readonly aggregate: AggregateCommand
}

export interface QueryResult {
  data: Doc[]
}
export interface DocResult {
  data: Doc | null
}
export interface WriteResult {
  stats: { updated?: number; removed?: number; created?: number }
}

export interface Query {
  where(condition: Condition): Query
  orderBy(field: string, direction: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(projection: Record<string, boolean>): Query
  get(): Promise<QueryResult>
  count(): Promise<{ total: number }>
  update(options: { data: Doc }): Promise<WriteResult>
  remove(): Promise<WriteResult>
}

export interface DocRef {
  get(): Promise<DocResult>
  /** Replace the whole record, creating it if missing. */
  set(options: { data: Doc }): Promise<WriteResult>
  /** Change some fields; a plain object value is merged field by field (use `_.set` to replace it). */
  update(options: { data: Doc }): Promise<WriteResult>
  remove(): Promise<WriteResult>
}

export interface Aggregate {
  match(condition: Condition): Aggregate
  group(spec: Doc): Aggregate
  sort(spec: Record<string, 1 | -1>): Aggregate
  skip(n: number): Aggregate
  limit(n: number): Aggregate
  project(spec: Doc): Aggregate
  end(): Promise<{ list: Doc[] }>
}

export interface Collection extends Query {
  doc(id: string): DocRef
  add(options: { data: Doc }): Promise<{ _id: string }>
  aggregate(): Aggregate
}

/** Inside `runTransaction` only single-record operations exist: `add` and `doc(id)`. */
export interface TransactionDocRef {
  get(): Promise<DocResult>
  set(options: { data: Doc }): Promise<unknown>
  update(options: { data: Doc }): Promise<unknown>
  remove(): Promise<unknown>
}
export interface TransactionCollection {
  doc(id: string): TransactionDocRef
  add(options: { data: Doc }): Promise<{ _id: string }>
}
export interface Transaction {
  collection(name: string): TransactionCollection
  rollback(reason?: unknown): Promise<void>
}

export interface CloudDatabase {
  readonly command: DbCommand
  collection(name: string): Collection
  runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, times?: number): Promise<T>
  createCollection(name: string): Promise<unknown>
}

// ---- errors the SDK reports, recognised by their code or message ----

const errorText = (e: unknown): string => {
  if (typeof e !== 'object' || e === null) return String(e)
  const { errMsg, message, errCode, code } = e as Record<string, unknown>
  return [errCode, code, errMsg, message].filter((v) => v !== undefined).join(' ')
}

/** A write hit an existing `_id` or a unique index (DATABASE_DUPLICATE_WRITE, Mongo E11000). */
export const isDuplicateWrite = (e: unknown): boolean => /DUPLICATE_WRITE|duplicate key|E11000/i.test(errorText(e))

/** Two transactions touched the same record (DATABASE_TRANSACTION_CONFLICT): retry with backoff. */
export const isTransactionConflict = (e: unknown): boolean => /TRANSACTION_CONFLICT|WriteConflict|transaction conflict/i.test(errorText(e))

/** createCollection of a collection that exists (DATABASE_COLLECTION_ALREADY_EXIST). */
export const isCollectionExists = (e: unknown): boolean => /ALREADY_EXIST|already exists/i.test(errorText(e))

// ---- storage (云存储): meeting photos ----

/**
 * The part of wx-server-sdk's storage API the adapter uses (`cloud.uploadFile`, `cloud.downloadFile`).
 * Upload answers a fileID (`cloud://<env>.<bucket>/<cloudPath>`; the same path again overwrites);
 * downloading a fileID that does not exist rejects.
 * Reference: developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/storage/
 */
export interface CloudStorage {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>
}
