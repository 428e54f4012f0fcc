import type { AuditEntry } from '../../contract/model'

export interface AuditFilter {
  unitIds?: string[]
  actorId?: string
  /** Rows by any of these actors (a name search resolved to ids); an empty list matches nothing. */
  actorIds?: string[]
  from?: string
  to?: string
}

/** Names of what audit rows point at, by id; ids not found are left out. */
export interface AuditNames {
  members: Map<string, string>
  activities: Map<string, string>
  units: Map<string, string>
}

/**
 * The audit log: who changed what. A row normally rides the write it records (pendingAudit.ts);
 * `appendAudit` is for audited actions that wrote nothing.
 */
export interface AuditStore {
  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void>
  listAudit(filter: AuditFilter, limit: number): Promise<AuditEntry[]>
  /**
   * Everyone who has acted in these units' logs (all units: undefined), each once, by the name
   * of their newest row: what a search by name is resolved against.
   */
  auditActors(unitIds: string[] | undefined): Promise<{ id: string; name: string }[]>
  /** Member names, activity titles and unit names for the ids audit rows carry: one read per kind asked for. */
  auditNames(ids: { members: string[]; activities: string[]; units: string[] }): Promise<AuditNames>
}
