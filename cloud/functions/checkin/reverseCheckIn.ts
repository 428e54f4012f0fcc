import type { z } from 'zod'
import type { LedgerEntry } from '../../contract/model'
import type { checkin as schemas } from '../../contract/schemas'
import { fail } from '../../domain/errors'
import { assertNotOwnCredit } from '../../domain/fourEyes'
import type { AuthedCtx } from '../../runtime/action'
import { loadOwnActivity } from '../activity/access'

export interface ReversedCheckIn {
  activityId: string
  memberId: string
  /** The correcting entries written, one per credit reversed. */
  reversed: LedgerEntry[]
}

/** The member's credits on the activity that no correction has reversed yet (corrections themselves excluded). */
export function unreversed(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const reversed = new Set(entries.map((e) => e.reversesId).filter((id): id is string => id !== null))
  return entries.filter((e) => e.reversesId === null && !reversed.has(e.id))
}

/**
 * An organizer takes back what one check-in earned (a relayed one, say): every credit of that
 * member on the activity gets its correcting entry. The check-in itself stays on record, shown
 * as reversed; the ledger keeps both entries.
 */
export async function reverseCheckIn(input: z.output<typeof schemas.reverseCheckIn>, ctx: AuthedCtx): Promise<ReversedCheckIn> {
  const activity = await loadOwnActivity(ctx, ctx.caller, input.activityId)
  ctx.audit.actedOn({ activity })
  assertNotOwnCredit(ctx.caller.id, input.memberId, 'reverseCheckIn')
  const open = unreversed(await ctx.store.creditsOf(activity.id, input.memberId))
  if (!open.length) fail('CONFLICT', '该签到没有可撤销的积分或时长')
  const at = ctx.now().toISOString()
  const reverse = (e: LedgerEntry) => ctx.store.reverseCredit(e, ctx.caller.id, at, input.note, ctx.request)
  // Usually one credit (the check-in's points); a volunteer's may be several. The audit row goes with the last.
  const done: LedgerEntry[] = []
  for (const e of open.slice(0, -1)) done.push(await reverse(e))
  const last = open[open.length - 1]
  return ctx.audit.recording(
    () => reverse(last),
    (entry) => ({ activityId: activity.id, memberId: input.memberId, reversed: [...done, entry] }),
  )
}
