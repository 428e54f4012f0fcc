/**
 * The audit row an audited action's recording write carries. The runtime (`ctx.audit.recording`)
 * runs the write inside a scope holding the pending row; the adapter takes it inside that write:
 * SQLite inserts it in the write's own transaction (both commit or neither does), CloudBase adds
 * the audit document in the same store call right after the change (single-document transactions
 * only: a failed audit insert there cannot undo the change).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { AuditEntry } from '../contract/model'

export interface PendingAudit {
  /**
   * The row for what the write returned. It may throw (the use case's check of the write's
   * result): the adapter then lets the write fail too.
   */
  entryFor(written: unknown): Omit<AuditEntry, 'seq'>
}

interface Scope {
  pending: PendingAudit
  taken: boolean
}

const scopes = new AsyncLocalStorage<Scope>()

/** Run `write` with `pending` for the adapter to take; `taken` says whether one did. */
export async function withPendingAudit<W>(pending: PendingAudit, write: () => Promise<W>): Promise<{ written: W; taken: boolean }> {
  const scope: Scope = { pending, taken: false }
  const written = await scopes.run(scope, write)
  return { written, taken: scope.taken }
}

/**
 * For adapters, inside a write (its transaction, after its statements): the row to append with
 * it, once per recording write; null outside one, or once taken.
 */
export function takePendingAudit(written: unknown): Omit<AuditEntry, 'seq'> | null {
  const scope = scopes.getStore()
  if (!scope || scope.taken) return null
  const entry = scope.pending.entryFor(written)
  scope.taken = true
  return entry
}
