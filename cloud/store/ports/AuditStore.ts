import type { AuditEntry } from '../../contract/model'

export interface AuditFilter {
  unitIds?: string[]
  actorId?: string
  from?: string
  to?: string
}

/** The audit log: who changed what, appended by the dispatcher. */
export interface AuditStore {
  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void>
  listAudit(filter: AuditFilter, limit: number): Promise<AuditEntry[]>
}
