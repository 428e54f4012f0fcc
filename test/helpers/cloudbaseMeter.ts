/**
 * A meter around a CloudBase database (the fake, in tests and the bench): every request the SDK
 * would send over the network is counted (each `get` page, `count`, `add`, `update`, `remove`,
 * `doc().get/set/update/remove`, aggregation `end`; in a transaction its start, each operation and
 * the commit), optionally delayed by a simulated round trip, and timed on a logical clock so the
 * longest chain of requests made one after another ("sequential round trips") can be told apart
 * from requests made in parallel.
 */
import type { Aggregate, CloudDatabase, Collection, Condition, DbCommand, DocRef, Query, Transaction, TransactionCollection, TransactionDocRef } from '../../cloud/store/cloudbase/sdk'

export interface MeteredRequest {
  /** `get users`, `doc.update check_ins`, `tx.commit`, … */
  what: string
  /** Logical times: a request that starts after another ended was made after it. */
  start: number
  end: number
  documents: number
}

export interface MeterReport {
  requests: number
  /** The longest chain of requests each started after the previous one ended. */
  sequential: number
  /** Records returned (a `get` page's rows, an aggregation's results, a `doc().get` that found one). */
  documents: number
  /** Requests by kind and collection, most first. */
  byKind: [string, number][]
  /** The requests of the longest chain, in order: what to read when a budget is missed. */
  chain: string[]
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * The longest chain of requests in which each started after the previous one ended, in order, in
 * O(n log n): requests are taken by start, and each extends the longest chain among those that had
 * ended by then. A request still running (no end yet) ends after every other.
 */
export function longestChain(requests: readonly MeteredRequest[]): MeteredRequest[] {
  const endOf = (r: MeteredRequest) => (r.end > 0 ? r.end : Infinity)
  const byEnd = [...requests].sort((a, b) => endOf(a) - endOf(b))
  const byStart = [...requests].sort((a, b) => a.start - b.start)
  const length = new Map<MeteredRequest, number>()
  const prev = new Map<MeteredRequest, MeteredRequest | null>()
  let ended: MeteredRequest | null = null
  let next = 0
  let longest: MeteredRequest | null = null
  for (const r of byStart) {
    for (; next < byEnd.length && endOf(byEnd[next]) < r.start; next++) {
      const e = byEnd[next]
      if (!ended || (length.get(e) ?? 0) > (length.get(ended) ?? 0)) ended = e
    }
    length.set(r, ended ? (length.get(ended) ?? 0) + 1 : 1)
    prev.set(r, ended)
    if (!longest || (length.get(r) ?? 0) > (length.get(longest) ?? 0)) longest = r
  }
  const chain: MeteredRequest[] = []
  for (let at = longest; at; at = prev.get(at) ?? null) chain.unshift(at)
  return chain
}

export class DatabaseMeter {
  private clock = 0
  private log: MeteredRequest[] = []
  /** Stays false until `start()`, so setting a world up is not counted. */
  private on = false

  constructor(readonly delayMs = 0) {}

  /** Forget what was counted and count from now. */
  start(): void {
    this.log = []
    this.on = true
  }

  stop(): MeterReport {
    this.on = false
    return this.report()
  }

  report(): MeterReport {
    const kinds = new Map<string, number>()
    for (const r of this.log) kinds.set(r.what, (kinds.get(r.what) ?? 0) + 1)
    const chain = longestChain(this.log)
    return {
      requests: this.log.length,
      sequential: chain.length,
      documents: this.log.reduce((s, r) => s + r.documents, 0),
      byKind: [...kinds.entries()].sort((a, b) => b[1] - a[1]),
      chain: chain.map((r) => r.what),
    }
  }

  /** Run one request: counted (when on), delayed by the round trip, placed on the logical clock. */
  async request<T>(what: string, run: () => Promise<T>, documents: (result: T) => number = () => 0): Promise<T> {
    if (!this.on) return run()
    const entry: MeteredRequest = { what, start: ++this.clock, end: 0, documents: 0 }
    this.log.push(entry)
    if (this.delayMs > 0) await sleep(this.delayMs)
    try {
      const result = await run()
      entry.documents = documents(result)
      return result
    } finally {
      entry.end = ++this.clock
    }
  }

  /** The database as the adapter sees it, every request going through this meter. */
  wrap(db: CloudDatabase): CloudDatabase {
    const runTransaction = async <T>(callback: (t: Transaction) => Promise<T>, times?: number): Promise<T> => {
      await this.request('tx.start', async () => undefined)
      const result = await db.runTransaction((t) => callback(meteredTransaction(this, t)), times)
      await this.request('tx.commit', async () => undefined)
      return result
    }
    return {
      get command(): DbCommand {
        return db.command
      },
      collection: (name: string) => meteredCollection(this, name, db.collection(name)),
      createCollection: (name: string) => this.request(`createCollection ${name}`, () => db.createCollection(name)),
      runTransaction,
    }
  }
}

function meteredQuery(meter: DatabaseMeter, name: string, q: Query): Query {
  return {
    where: (c: Condition) => meteredQuery(meter, name, q.where(c)),
    orderBy: (f: string, d: 'asc' | 'desc') => meteredQuery(meter, name, q.orderBy(f, d)),
    skip: (n: number) => meteredQuery(meter, name, q.skip(n)),
    limit: (n: number) => meteredQuery(meter, name, q.limit(n)),
    field: (p: Record<string, boolean>) => meteredQuery(meter, name, q.field(p)),
    get: () => meter.request(`get ${name}`, () => q.get(), (r) => r.data.length),
    count: () => meter.request(`count ${name}`, () => q.count()),
    update: (o) => meter.request(`update ${name}`, () => q.update(o)),
    remove: () => meter.request(`remove ${name}`, () => q.remove()),
  }
}

function meteredCollection(meter: DatabaseMeter, name: string, c: Collection): Collection {
  return {
    ...meteredQuery(meter, name, c),
    doc: (id: string) => meteredDoc(meter, name, c.doc(id)),
    add: (o) => meter.request(`add ${name}`, () => c.add(o)),
    aggregate: () => meteredAggregate(meter, name, c.aggregate()),
  }
}

function meteredDoc(meter: DatabaseMeter, name: string, d: DocRef): DocRef {
  return {
    get: () => meter.request(`doc.get ${name}`, () => d.get(), (r) => (r.data ? 1 : 0)),
    set: (o) => meter.request(`doc.set ${name}`, () => d.set(o)),
    update: (o) => meter.request(`doc.update ${name}`, () => d.update(o)),
    remove: () => meter.request(`doc.remove ${name}`, () => d.remove()),
  }
}

function meteredAggregate(meter: DatabaseMeter, name: string, a: Aggregate): Aggregate {
  return {
    match: (c) => meteredAggregate(meter, name, a.match(c)),
    group: (s) => meteredAggregate(meter, name, a.group(s)),
    sort: (s) => meteredAggregate(meter, name, a.sort(s)),
    skip: (n) => meteredAggregate(meter, name, a.skip(n)),
    limit: (n) => meteredAggregate(meter, name, a.limit(n)),
    project: (s) => meteredAggregate(meter, name, a.project(s)),
    end: () => meter.request(`aggregate ${name}`, () => a.end(), (r) => r.list.length),
  }
}

function meteredTransaction(meter: DatabaseMeter, t: Transaction): Transaction {
  return {
    collection(name: string): TransactionCollection {
      const c = t.collection(name)
      const doc = (id: string): TransactionDocRef => {
        const d = c.doc(id)
        return {
          get: () => meter.request(`tx.get ${name}`, () => d.get(), (r) => (r.data ? 1 : 0)),
          set: (o) => meter.request(`tx.set ${name}`, () => d.set(o)),
          update: (o) => meter.request(`tx.update ${name}`, () => d.update(o)),
          remove: () => meter.request(`tx.remove ${name}`, () => d.remove()),
        }
      }
      return { doc, add: (o) => meter.request(`tx.add ${name}`, () => c.add(o)) }
    },
    rollback: (reason?: unknown) => t.rollback(reason),
  }
}
