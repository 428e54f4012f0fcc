/** 结束签到 and 延长签到: the organizer moves the close of a running check-in window. */
import type { z } from 'zod'
import type { Activity } from '../../contract/model'
import type { activity as schemas } from '../../contract/schemas'
import { endCheckIn, extendCheckIn } from '../../domain/checkInWindow'
import type { AuthedCtx } from '../../runtime/action'
import { loadOwnActivity } from './access'

/** Close check-in now; the QR screen then shows 已截止 and a later scan is a 补签. Twice changes nothing. */
export async function endCheckInNow({ id }: z.output<typeof schemas.endCheckIn>, ctx: AuthedCtx): Promise<Activity> {
  const a = await loadOwnActivity(ctx, ctx.caller, id)
  const change = endCheckIn(a, ctx.now())
  if (change === 'unchanged') return a
  return ctx.audit.recording(() => ctx.store.updateActivity(id, change, ctx.now().toISOString()))
}

/** Keep check-in open longer (a closed window opens again), up to the activity's end. */
export async function extendCheckInBy({ id, minutes }: z.output<typeof schemas.extendCheckIn>, ctx: AuthedCtx): Promise<Activity> {
  const a = await loadOwnActivity(ctx, ctx.caller, id)
  const change = extendCheckIn(a, minutes, ctx.now())
  return ctx.audit.recording(() => ctx.store.updateActivity(id, change, ctx.now().toISOString()))
}
