/**
 * `db.runTransaction` of the CloudBase fake. What the WeChat reference says, and the fake enforces:
 *
 * - "在事务中仅能进行单记录操作，也就是不能使用 where、aggregate 接口", the collection offers only
 *   `add` and `doc(id)` with get/update/set/remove (Transaction.collection reference,
 *   developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/transaction/Transaction.collection.md).
 * - The callback may run several times: on a conflict it is re-run, up to `times` (default 3); other
 *   errors are not retried; `rollback(reason)` makes runTransaction reject with `reason`
 *   (Database.runTransaction reference). Writes become visible only at commit; a record that another
 *   writer changed since the transaction first touched it makes the commit fail with
 *   DATABASE_TRANSACTION_CONFLICT (docs.cloudbase.net/error-code/DATABASE_TRANSACTION_CONFLICT
 *   advises retrying with exponential backoff).
 * - The reference allows several single-record operations in one transaction ("但可以在一个事务中
 *   对多个记录进行操作"); this project allows one record per transaction (`maxDocsPerTransaction`).
 */
import type { Doc, DocResult, Transaction, TransactionCollection, TransactionDocRef } from '../../cloud/store/cloudbase/sdk'
import type { FakeDatabase } from './cloudbaseFake'
import { applyUpdate, plainData } from './cloudbaseFakeCommand'
import { FakeDbError, duplicateWrite, fakeError, transactionConflict } from './cloudbaseFakeErrors'

/** Yield to other pending work, so concurrent calls interleave as they would over the network. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

const isConflict = (e: unknown): boolean => e instanceof FakeDbError && e.errMsg.startsWith('DATABASE_TRANSACTION_CONFLICT')

const NOT_IN_TRANSACTION = ['where', 'aggregate', 'get', 'count', 'orderBy', 'limit', 'skip', 'field', 'update', 'remove', 'watch'] as const

class FakeTransaction implements Transaction {
  private readonly touched = new Map<string, { name: string; id: string; version: number }>()
  private readonly writes = new Map<string, { name: string; id: string; doc: Doc | null }>()
  rolledBack = false
  rollbackReason: unknown = undefined

  constructor(readonly db: FakeDatabase) {}

  collection(name: string): TransactionCollection {
    this.db.table(name)
    const coll: TransactionCollection = {
      doc: (id: string) => this.docRef(name, id),
      add: async ({ data }: { data: Doc }) => {
        const doc = plainData(data)
        const id = typeof doc._id === 'string' ? doc._id : this.db.newId()
        this.touch(name, id)
        await tick()
        if (this.current(name, id)) throw duplicateWrite(name, '_id_', JSON.stringify(id))
        this.buffer(name, id, { ...doc, _id: id })
        return { _id: id }
      },
    }
    for (const method of NOT_IN_TRANSACTION)
      Object.defineProperty(coll, method, {
        value: () => {
          throw fakeError(-501007, 'INVALID_PARAM', `${method}() is not available in a transaction: only single-record operations (add, doc(id)) are allowed`)
        },
      })
    return coll
  }

  async rollback(reason?: unknown): Promise<void> {
    this.rolledBack = true
    this.rollbackReason = reason
  }

  private docRef(name: string, id: string): TransactionDocRef {
    return {
      get: async (): Promise<DocResult> => {
        this.touch(name, id)
        await tick()
        const doc = this.current(name, id)
        if (!doc && this.db.options.throwOnNotFound) throw this.db.notFound(name, id)
        return { data: doc ? structuredClone(doc) : null }
      },
      set: async ({ data }: { data: Doc }) => {
        this.touch(name, id)
        await tick()
        this.buffer(name, id, { ...plainData(data), _id: id })
        return { updated: 1 }
      },
      update: async ({ data }: { data: Doc }) => {
        this.touch(name, id)
        await tick()
        const doc = this.current(name, id)
        if (doc) this.buffer(name, id, applyUpdate(doc, data))
        return { updated: doc ? 1 : 0 }
      },
      remove: async () => {
        this.touch(name, id)
        await tick()
        const existed = this.current(name, id) !== null
        this.buffer(name, id, null)
        return { deleted: existed ? 1 : 0 }
      },
    }
  }

  private key = (name: string, id: string) => `${name}\u0000${id}`

  private touch(name: string, id: string): void {
    const key = this.key(name, id)
    if (this.touched.has(key)) return
    if (this.touched.size >= this.db.options.maxDocsPerTransaction)
      throw fakeError(-501007, 'INVALID_PARAM', `a transaction may touch ${this.db.options.maxDocsPerTransaction} record(s); ${name}/${id} would be one more`)
    this.touched.set(key, { name, id, version: this.db.version(name, id) })
  }

  private current(name: string, id: string): Doc | null {
    const w = this.writes.get(this.key(name, id))
    return w ? w.doc : (this.db.table(name).get(id) ?? null)
  }

  private buffer(name: string, id: string, doc: Doc | null): void {
    if (doc) this.db.checkUnique(name, id, doc)
    this.writes.set(this.key(name, id), { name, id, doc })
  }

  /** Validate that nothing touched has changed, then apply every write at once. */
  async commit(): Promise<void> {
    await tick()
    for (const w of this.writes.values()) this.db.maybeFail({ collection: w.name, action: 'commit' })
    for (const t of this.touched.values()) if (this.db.version(t.name, t.id) !== t.version) throw transactionConflict(t.name, t.id)
    for (const w of this.writes.values()) if (w.doc) this.db.checkUnique(w.name, w.id, w.doc)
    for (const w of this.writes.values()) this.db.write(w.name, w.id, w.doc)
  }
}

export async function runFakeTransaction<T>(db: FakeDatabase, callback: (t: Transaction) => Promise<T>, times: number): Promise<T> {
  let conflict: unknown = transactionConflict('?', '?')
  for (let attempt = 0; attempt < Math.max(1, times); attempt++) {
    const tx = new FakeTransaction(db)
    db.counters.transactions++
    try {
      const result = await callback(tx)
      if (tx.rolledBack) throw tx.rollbackReason
      await tx.commit()
      return result
    } catch (e) {
      if (tx.rolledBack) throw tx.rollbackReason
      if (!isConflict(e)) throw e
      db.counters.conflicts++
      conflict = e
    }
  }
  throw conflict
}
