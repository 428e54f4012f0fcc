/** The audit log and small settings. */
import type { AuditEntry } from '../../contract/model'
import type { AuditFilter, AuditNames, ReadyView } from '../Store'
import type { Conn } from './connection'
import { ConnPart } from './part'
import { type Row, str, strOrNull } from './rows'

/** One audit row; `Conn.write` calls it inside the transaction of the change the row records. */
export function insertAudit(sql: Conn['sql'], e: Omit<AuditEntry, 'seq'>): void {
  sql(
      `INSERT INTO audit_log (at, actor_id, actor_name, unit_id, action, target, before_json, after_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(e.at, e.actorId, e.actorName, e.unitId, e.action, e.target, JSON.stringify(e.before ?? null), JSON.stringify(e.after ?? null))
}

export class Admin extends ConnPart {
  /** A row for an audited action that wrote nothing (an export, a dry run). */
  async appendAudit(e: Omit<AuditEntry, 'seq'>) {
    insertAudit(this.sql, e)
  }

  async listAudit(f: AuditFilter, limit: number): Promise<AuditEntry[]> {
    const rows = this.sql(
        `SELECT * FROM audit_log
         WHERE (@units IS NULL OR unit_id IN (SELECT value FROM json_each(@units)))
           AND (@actor IS NULL OR actor_id = @actor)
           AND (@actors IS NULL OR actor_id IN (SELECT value FROM json_each(@actors)))
           AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({
        units: f.unitIds ? JSON.stringify(f.unitIds) : null,
        actor: f.actorId ?? null,
        actors: f.actorIds ? JSON.stringify(f.actorIds) : null,
        from: f.from ?? null,
        to: f.to ?? null,
        limit,
      }) as Row[]
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: str(r.at),
      actorId: str(r.actor_id),
      actorName: str(r.actor_name),
      unitId: strOrNull(r.unit_id),
      action: str(r.action),
      target: strOrNull(r.target),
      before: JSON.parse(str(r.before_json ?? 'null')) as unknown,
      after: JSON.parse(str(r.after_json ?? 'null')) as unknown,
    }))
  }

  async auditActors(unitIds: string[] | undefined) {
    // SQLite takes the bare column from the row holding MAX(seq): the actor's newest name.
    const rows = this.sql(
        `SELECT actor_id, actor_name, MAX(seq) FROM audit_log
         WHERE (@units IS NULL OR unit_id IN (SELECT value FROM json_each(@units)))
         GROUP BY actor_id ORDER BY actor_id`,
      )
      .all({ units: unitIds ? JSON.stringify(unitIds) : null }) as Row[]
    return rows.map((r) => ({ id: str(r.actor_id), name: str(r.actor_name) }))
  }

  async auditNames(ids: { members: string[]; activities: string[]; units: string[] }): Promise<AuditNames> {
    const named = (table: string, column: string, list: string[]) =>
      list.length === 0
        ? new Map<string, string>()
        : new Map(
            (this.sql(`SELECT id, ${column} AS name FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...new Set(list)])) as Row[]).map((r) => [
              str(r.id),
              str(r.name),
            ]),
          )
    return { members: named('members', 'name', ids.members), activities: named('activities', 'title', ids.activities), units: named('units', 'name', ids.units) }
  }

  async getSetting(key: string) {
    const r = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as Row | undefined
    return r ? str(r.value) : null
  }

  async readView(key: string): Promise<ReadyView | null> {
    const r = this.sql('SELECT value_json, built_at FROM ready_views WHERE key = ?').get(key) as Row | undefined
    return r ? { key, value: JSON.parse(str(r.value_json)) as unknown, builtAt: str(r.built_at) } : null
  }

  async writeViews(views: ReadyView[]) {
    const put = this.sql('INSERT INTO ready_views (key, value_json, built_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, built_at = excluded.built_at')
    for (const v of views) put.run(v.key, JSON.stringify(v.value), v.builtAt)
  }

  async putSetting(key: string, value: string) {
    this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value)
  }
}
