import { DEFAULT_POLICY } from '../domain/policy'
import { createCtx, type Ctx } from '../runtime/context'
import type { Store } from '../store/Store'
import type { SubscribeSender } from '../functions/notify/wechatSender'

/** Every night at 02:30 Shanghai time (the same schedule as the WeChat timer trigger). */
export const RECONCILE_CRON = '0 30 2 * * *'
/** Every 5 minutes: reminders due (the same schedule as notify's WeChat timer trigger). */
export const DISPATCH_CRON = '0 */5 * * * *'

/**
 * A context for jobs a world runs by itself (the timer), with no caller and no cached reads; in
 * the WeChat world it keeps the ready views, as the callers' contexts there read them.
 */
export const systemCtx = (store: Store, world: Ctx['world'] = 'local', now: () => Date = () => new Date(), subscribe: SubscribeSender | null = null): Ctx =>
  createCtx(
    { world, store, now, sessions: null, limiter: null, readCache: null, views: world === 'wechat' ? 'ready' : 'live', subscribe },
    { caller: null, policy: DEFAULT_POLICY, request: { ip: null, device: 'cron' } },
  )
