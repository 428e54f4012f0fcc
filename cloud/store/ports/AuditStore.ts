import type { AuditEntry } from '../../contract/model'

export interface AuditFilter {
  unitIds?: string[]
  actorId?: string
  from?: string
  to?: string
}

/**
 * The audit log: who changed what. A row normally rides the write it records (pendingAudit.ts);
 * `appendAudit` is for audited actions that wrote nothing.
 */
export interface AuditStore {
  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void>
  listAudit(filter: AuditFilter, limit: number): Promise<AuditEntry[]>
}
