import { aggregate as schemas } from '../../contract/schemas'
import { isCityAdmin } from '../../domain/roles'
import { defineAction } from '../../runtime/action'
import type { Ctx } from '../../runtime/context'

/** Recompute every counter from the ledger, repair drift, and say what was repaired. */
export async function reconcile(ctx: Ctx) {
  const started = Date.now()
  const { checked, drift } = await ctx.store.reconcileCounters()
  return { checked, repaired: drift.length, drift: drift.slice(0, 100), tookMs: Date.now() - started, at: ctx.now().toISOString() }
}

export const aggregateActions = {
  // The timer (WeChat trigger, local cron) calls `reconcile` directly; people need to be city admins.
  reconcile: defineAction({ input: schemas.reconcile, auth: isCityAdmin, run: async (_input, ctx) => reconcile(ctx) }),
}
