/**
 * The audit log of organizer and admin actions, as a wrapper around an audited action's `run`:
 * who, what, when, before and after, filed under the unit its spec declares (action.ts).
 */
import type { AuditEntry, Member } from '../contract/model'
import { homeUnitOf } from '../domain/roles'
import type { AuditSpec, AuditTarget, AuthedCtx } from './action'

/**
 * Records an audited use case already had in hand, named with `ctx.audit.actedOn`, that its spec
 * files the row by: nothing is read again for the log.
 */
export interface ActedOn {
  activity?: { unitId: string }
  member?: { unitId: string }
}

/** What a handler tells the audit log; a no-op for actions that are not audited. */
export interface AuditTrail {
  actedOn(on: ActedOn): void
}

/** The trail of actions that are not audited, and of jobs with no caller. */
export const NO_AUDIT: AuditTrail = { actedOn: () => {} }

/** For actions about no one record (imports, exports, the policy): no target, filed under the caller's home unit. */
export const inCallersUnit = {
  target: (_input: unknown, _result: unknown, { caller }: { caller: Member }): AuditTarget => ({ target: null, unitId: homeUnitOf(caller) }),
}

/** Run an audited action and append its row: before (if the spec reads one), the action, then the row. */
export async function runAudited<I, R>(
  action: string,
  spec: AuditSpec<I, R>,
  input: I,
  ctx: AuthedCtx,
  run: (input: I, ctx: AuthedCtx) => Promise<R>,
): Promise<R> {
  const before = spec.before ? await spec.before(input, ctx) : null
  const seen: ActedOn = {}
  const result = await run(input, { ...ctx, audit: { actedOn: (on) => void Object.assign(seen, on) } })
  await ctx.store.appendAudit(entryOf(action, spec, input, ctx, before, seen, result))
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
    after: auditable(spec.after ? spec.after(result) : result),
  }
}

/** Keep audit rows small: large payloads (exported files) are summarised, not copied. */
function auditable(data: unknown): unknown {
  const json = JSON.stringify(data ?? null)
  if (json.length <= 4000) return data ?? null
  const o = data as Record<string, unknown>
  return { summary: '内容较大，未全文记录', keys: o && typeof o === 'object' ? Object.keys(o) : [], bytes: json.length }
}
