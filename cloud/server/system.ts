import { DEFAULT_POLICY } from '../domain/policy'
import type { Ctx } from '../runtime/context'
import type { Store } from '../store/Store'

/** Every night at 02:30 Shanghai time (the same schedule as the WeChat timer trigger). */
export const RECONCILE_CRON = '0 30 2 * * *'

/** A context for jobs the server runs by itself, with no caller. */
export const systemCtx = (store: Store, world: Ctx['world'] = 'local'): Ctx => ({
  store,
  caller: null,
  openId: null,
  now: () => new Date(),
  policy: DEFAULT_POLICY,
  publicUrl: '',
  sessions: null,
  session: null,
  request: { ip: null, device: 'cron' },
  limiter: null,
  world,
})
