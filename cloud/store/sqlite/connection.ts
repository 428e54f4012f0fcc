/**
 * The connection every part of the SQLite adapter shares: opened with its pragmas, migrated to
 * the latest schema, with one cache of prepared statements.
 */
import Database from 'better-sqlite3'
import { takePendingAudit } from '../pendingAudit'
import { insertAudit } from './admin'
import { MIGRATIONS } from './migrations'
import { statementCache } from './statements'

export interface SqliteOptions {
  /** FULL makes every acknowledged write survive a power cut; NORMAL is for throwaway test files. */
  synchronous?: 'FULL' | 'NORMAL'
  /** Checkpoint the write-ahead log from a thread of its own (the server), not inside commits. */
  backgroundCheckpoints?: boolean
  /** With background checkpoints: the pass that runs whether or not a commit asked for one (ms). */
  checkpointEveryMs?: number
}

/** The database and its prepared statements, one per SQL text. */
export interface Conn {
  readonly db: Database.Database
  readonly sql: (sql: string) => Database.Statement
  /**
   * One write transaction (BEGIN IMMEDIATE; a savepoint inside another). When it is an audited
   * action's recording write (store/pendingAudit.ts), the action's audit row is inserted in the
   * same transaction, from what `body` returned: the change and its row commit together or not at all.
   */
  readonly write: <T>(body: () => T) => T
}

export function open(file: string, opts: SqliteOptions): Conn {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`)
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // 8 MB of page cache (the driver's default is 16 MB): dashboards are served from the read
  // cache, and the hot check-in pages are few; the server's memory budget is 150 MB in all.
  db.pragma('cache_size = -8000')
  const sql = statementCache(db)
  migrate(db)
  const write = <T>(body: () => T): T =>
    db
      .transaction((): T => {
        const written = body()
        const audit = takePendingAudit(written)
        if (audit) insertAudit(sql, audit)
        return written
      })
      .immediate()
  return { db, sql, write }
}

function migrate(db: Database.Database): void {
  const version = Number(db.pragma('user_version', { simple: true }))
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v])
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}
