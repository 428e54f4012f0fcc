import type Database from 'better-sqlite3'

/**
 * Prepared statements, prepared once per SQL text. Preparing costs far more than running a simple
 * indexed statement, and the SQL texts in the adapter form a small fixed set.
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>()
  return (sql) => {
    let stmt = cache.get(sql)
    if (!stmt) {
      stmt = db.prepare(sql)
      cache.set(sql, stmt)
    }
    return stmt
  }
}
