/**
 * The audit log of organizer and admin actions, as a wrapper around an audited action's `run`:
 * who, what, when, before and after, filed under the unit its spec declares (action.ts).
 *
 * The row is written with the change it records: the use case runs that one write through
 * `ctx.audit.recording`, and the store appends the row inside it (store/pendingAudit.ts; on
 * SQLite in the same transaction). An action that writes nothing (an export, a dry run, publishing
 * what is already published) gets its row after it returns.
 */
import type { AuditEntry, Member } from '../contract/model'
import { homeUnitOf } from '../domain/roles'
import { withPendingAudit } from '../store/pendingAudit'
import type { AuditSpec, AuditTarget, AuthedCtx } from './action'

/**
 * Records an audited use case already had in hand, named with `ctx.audit.actedOn`, that its spec
 * files the row by: nothing is read again for the log.
 */
export interface ActedOn {
  activity?: { unitId: string }
  member?: { unitId: string }
}

/** What a handler tells the audit log; for actions that are not audited, a pass-through. */
export interface AuditTrail {
  actedOn(on: ActedOn): void
  /**
   * Run the write that makes the change an audited action records; its row commits with it.
   * `toResult` turns what the write returns into the action's result (the row's `after`), inside
   * the write: if it throws, the write is undone (SQLite) and no row is written. An audited action
   * makes at most one recording write and returns what it returns.
   */
  recording<W, R = W>(write: () => Promise<W>, toResult?: (written: W) => R): Promise<R>
}

const asResult = <W, R>(written: W, toResult?: (written: W) => R): R => (toResult ? toResult(written) : (written as unknown as R))

/** The trail of actions that are not audited, and of jobs with no caller. */
export const NO_AUDIT: AuditTrail = {
  actedOn: () => {},
  recording: async (write, toResult) => asResult(await write(), toResult),
}

/** For actions about no one record (imports, exports, the policy): no target, filed under the caller's home unit. */
export const inCallersUnit = {
  target: (_input: unknown, _result: unknown, { caller }: { caller: Member }): AuditTarget => ({ target: null, unitId: homeUnitOf(caller) }),
}

/**
 * Run an audited action with its own trail: `before` (if the spec reads one), then the action,
 * whose recording write carries the row; if it made none, the row is appended after it.
 */
export async function runAudited<I, R>(
  action: string,
  spec: AuditSpec<I, R>,
  input: I,
  ctx: AuthedCtx,
  run: (input: I, ctx: AuthedCtx) => Promise<R>,
): Promise<R> {
  const before = spec.before ? await spec.before(input, ctx) : null
  const seen: ActedOn = {}
  const rowFor = (result: R) => entryOf(action, spec, input, ctx, before, seen, result)
  let recorded = false
  const trail: AuditTrail = {
    actedOn: (on) => void Object.assign(seen, on),
    async recording<W, X = W>(write: () => Promise<W>, toResult?: (written: W) => X): Promise<X> {
      if (recorded) throw new Error(`${action}: an audited action records one write`)
      recorded = true
      let result: X | undefined
      const resultOf = (written: W) => (result = asResult(written, toResult))
      // The action returns what this returns, so its result is the row's `after`.
      const pending = { entryFor: (written: unknown) => rowFor(resultOf(written as W) as unknown as R) }
      const { written, taken } = await withPendingAudit(pending, write)
      // A store that does not carry the row in its write: append it right after.
      if (!taken) await ctx.store.appendAudit(rowFor(resultOf(written) as unknown as R))
      return result as X
    },
  }
  const result = await run(input, { ...ctx, audit: trail })
  if (!recorded) await ctx.store.appendAudit(rowFor(result))
  return result
}

function entryOf<I, R>(action: string, spec: AuditSpec<I, R>, input: I, ctx: AuthedCtx, before: unknown, seen: ActedOn, result: R): Omit<AuditEntry, 'seq'> {
  const { target, unitId } = spec.target(input, result, { ...seen, caller: ctx.caller })
  if (unitId === undefined) throw new Error(`${action}: the use case did not name what it acted on (ctx.audit.actedOn), so its audit row has no unit`)
  return {
    at: ctx.now().toISOString(),
    actorId: ctx.caller.id,
    actorName: ctx.caller.name,
    unitId,
    action,
    target,
    before,
    after: auditable(spec.after ? spec.after(result, input) : result),
  }
}

/** Keep audit rows small: large payloads (exported files) are summarised, not copied. */
function auditable(data: unknown): unknown {
  const json = JSON.stringify(data ?? null)
  if (json.length <= 4000) return data ?? null
  const o = data as Record<string, unknown>
  return { summary: '内容较大，未全文记录', keys: o && typeof o === 'object' ? Object.keys(o) : [], bytes: json.length }
}
