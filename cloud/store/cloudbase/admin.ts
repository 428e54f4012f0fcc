/** Revoked sessions, the audit log and small settings. */
import type { AuditEntry } from '../../contract/model'
import type { AuditFilter, AuditNames, ReadyView } from '../Store'
import { chunk, type Db, nextSeq } from './access'
import { COL, type CollectionName } from './collections'
import { num, str, strOrNull } from './documents'
import type { Condition, Doc } from './sdk'

/** Before/after are free-form: stored as JSON text, so no key of theirs can upset the database. */
const json = (v: unknown): string => JSON.stringify(v ?? null)
const parse = (v: unknown): unknown => JSON.parse(typeof v === 'string' ? v : 'null') as unknown

export class Admin {
  constructor(private readonly db: Db) {}

  async revokeSession(sid: string, memberId: string, at: string, expiresAt: string): Promise<void> {
    await this.db.addOnce(COL.revokedSessions, sid, { memberId, revokedAt: at, expiresAt })
  }

  async isRevoked(sid: string): Promise<boolean> {
    return (await this.db.read(COL.revokedSessions, sid)) !== null
  }

  async appendAudit(e: Omit<AuditEntry, 'seq'>): Promise<void> {
    await this.db.coll(COL.audit).add({
      data: { seq: nextSeq(), at: e.at, actorId: e.actorId, actorName: e.actorName, unitId: e.unitId, action: e.action, target: e.target, beforeJson: json(e.before), afterJson: json(e.after) },
    })
  }

  async listAudit(f: AuditFilter, limit: number): Promise<AuditEntry[]> {
    const _ = this.db._
    const where: Doc = {}
    if (f.unitIds) where.unitId = _.in(f.unitIds)
    if (f.actorId && f.actorIds) where.actorId = f.actorIds.includes(f.actorId) ? f.actorId : _.in([])
    else if (f.actorId) where.actorId = f.actorId
    else if (f.actorIds) where.actorId = _.in(f.actorIds)
    const range = [f.from ? _.gte(f.from) : null, f.to ? _.lt(f.to) : null].filter((c) => c !== null)
    if (range.length === 2) where.at = range[0].and(range[1])
    else if (range.length === 1) where.at = range[0]
    const condition: Condition | null = Object.keys(where).length ? where : null
    const rows = await this.db.all(COL.audit, condition, [['seq', 'desc']], Math.max(0, limit))
    return rows.map((r) => ({
      seq: num(r.seq),
      at: str(r.at),
      actorId: str(r.actorId),
      actorName: str(r.actorName),
      unitId: strOrNull(r.unitId),
      action: str(r.action),
      target: strOrNull(r.target),
      before: parse(r.beforeJson),
      after: parse(r.afterJson),
    }))
  }

  /** One `$group` over the rows in scope, newest first so each actor keeps their newest name. */
  async auditActors(unitIds: string[] | undefined): Promise<{ id: string; name: string }[]> {
    const $ = this.db._.aggregate
    const rows = await this.db.aggregateAll(COL.audit, (a) =>
      (unitIds ? a.match({ unitId: this.db._.in(unitIds) }) : a)
        .sort({ seq: -1 })
        .group({ _id: '$actorId', name: $.first('$actorName') })
        .sort({ _id: 1 }),
    )
    return rows.map((r) => ({ id: str(r._id), name: str(r.name) }))
  }

  /** One projected read per kind asked for (chunked by `allIn`). */
  async auditNames(ids: { members: string[]; activities: string[]; units: string[] }): Promise<AuditNames> {
    const named = async (name: CollectionName, field: string, list: string[]) =>
      list.length === 0 ? new Map<string, string>() : new Map((await this.db.allIn(name, '_id', list, {}, [field])).map((d) => [str(d._id), str(d[field])]))
    const [members, activities, units] = await Promise.all([named(COL.members, 'name', ids.members), named(COL.activities, 'title', ids.activities), named(COL.units, 'name', ids.units)])
    return { members, activities, units }
  }

  async getSetting(key: string): Promise<string | null> {
    const d = await this.db.read(COL.settings, key)
    return d ? str(d.value) : null
  }

  async readView(key: string): Promise<ReadyView | null> {
    const d = await this.db.read(COL.views, key)
    return d ? { key, value: parse(d.value), builtAt: str(d.builtAt) } : null
  }

  /** Each view one document (its value as JSON text, like audit rows), written twenty at a time. */
  async writeViews(views: ReadyView[]): Promise<void> {
    for (const part of chunk(views, 20)) await Promise.all(part.map((v) => this.db.coll(COL.views).doc(v.key).set({ data: { value: json(v.value), builtAt: v.builtAt } })))
  }

  async putSetting(key: string, value: string): Promise<void> {
    await this.db.coll(COL.settings).doc(key).set({ data: { value } })
  }
}
