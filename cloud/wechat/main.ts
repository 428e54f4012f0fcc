/**
 * The WeChat world's entry: each deployed cloud function's `exports.main`. Identity is the
 * caller's OPENID from `cloud.getWXContext()`, mapped to the member bound to it (`member.bind`);
 * the handlers are the same tables the local server dispatches.
 */
import type { Envelope } from '../contract/errors'
import type { Policy } from '../domain/policy'
import type { FunctionName } from '../functions'
import type { ActionTable } from '../runtime/action'
import type { ReadCache } from '../functions/stats/readCache'
import { createCtx, type CtxDeps } from '../runtime/context'
import { dispatch } from '../runtime/dispatch'
import { PolicySource } from '../runtime/policySource'
import { MemoryRateLimiter, type RateLimiter } from '../runtime/rateLimit'
import type { Store } from '../store/Store'
import type { SubscribeSender } from '../functions/notify/wechatSender'

/** The part of wx-server-sdk the entry needs; injected so tests can stand in for WeChat. */
export interface WxContextSource {
  getWXContext(): { OPENID?: string; CLIENTIP?: string; CLIENTIPV6?: string; SOURCE?: string }
}

export interface WeChatDeps {
  store: Store
  wx: WxContextSource
  policy: Policy
  /** The h5 domain that QR links open (扫普通链接二维码打开小程序 maps it to the mini-program). */
  publicUrl: string
  now?: () => Date
  log?: (line: string) => void
  limiter?: RateLimiter | null
  /**
   * Per warm instance, if given. None by default: CloudBase has no data version to key cached
   * reads by, so every stats read is computed afresh there anyway.
   */
  readCache?: ReadCache | null
  /** `cloud.openapi.subscribeMessage.send` where template ids are configured (notify); none: inbox only. */
  subscribe?: SubscribeSender | null
}

/** How long a warm instance uses the policy versions it read. */
export const POLICY_TTL_MS = 30_000

/** A deployed bundle passes its own function's table, so it carries only that one. */
export function createWeChatMain(name: FunctionName, deps: WeChatDeps, table: ActionTable) {
  // Per warm instance: CloudBase may run several, so this slows guessing rather than stopping it.
  const limiter = deps.limiter === undefined ? new MemoryRateLimiter() : deps.limiter
  // Versions take effect from a date a city admin sets (usually a later day): an instance may read them twice a minute.
  const policies = new PolicySource(deps.policy, deps.store, POLICY_TTL_MS)
  const now = deps.now ?? (() => new Date())
  const shared: CtxDeps = {
    world: 'wechat',
    store: deps.store,
    now,
    publicUrl: deps.publicUrl,
    sessions: null,
    limiter,
    readCache: deps.readCache ?? null,
    views: 'ready',
    subscribe: deps.subscribe ?? null,
    // Other warm instances pick the new version up within their cache's few seconds.
    policyChanged: () => policies.invalidate(),
  }
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    const wx = deps.wx.getWXContext()
    const openId = wx.OPENID ?? null
    // Who is calling and the policy in force, in one round trip.
    const [caller, policy] = await Promise.all([openId ? deps.store.findMemberByOpenId(openId) : null, policies.at(now())])
    // CloudBase adds its own userInfo to the event; it must never be read as caller input.
    const { userInfo: _ignored, ...clean } = (event ?? {}) as Record<string, unknown>
    const ctx = createCtx(shared, {
      caller,
      openId,
      policy,
      request: { ip: wx.CLIENTIP ?? wx.CLIENTIPV6 ?? null, device: wx.SOURCE ?? null },
    })
    return dispatch(name, table, clean, ctx, (e) => deps.log?.(`[${name}] ${(e as Error)?.stack ?? e}`))
  }
}
