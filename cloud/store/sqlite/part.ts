import type { Conn } from './connection'

/** A concern of the adapter (org, activities, credits…): it works through the shared connection. */
export abstract class ConnPart {
  protected readonly db: Conn['db']
  protected readonly sql: Conn['sql']
  protected readonly write: Conn['write']

  constructor(c: Conn) {
    this.db = c.db
    this.sql = c.sql
    this.write = c.write
  }
}
