import type { Member } from '../contract/model'
import type { Policy } from '../domain/policy'
import type { ReadCache } from '../functions/stats/readCache'
import type { SubscribeSender } from '../functions/notify/wechatSender'
import type { Store } from '../store/Store'
import { type AuditTrail, NO_AUDIT } from './audit'
import type { RateLimiter } from './rateLimit'

/** Issues local-world sessions; absent in the WeChat world, where OPENID is the identity. */
export interface SessionIssuer {
  issue(memberId: string, now: Date): { session: string; expiresAt: string }
}

/**
 * What every handler receives, built by `createCtx` for the entry point of its world (local server,
 * WeChat, the server's own timer jobs). Handlers never ask which world they run in: they read the
 * caller from here.
 */
export interface Ctx {
  store: Store
  /** The signed-in member, resolved by the entry point from the session or the OPENID. */
  caller: Member | null
  /** WeChat only: the caller's OPENID, for `member.bind`. */
  openId: string | null
  now: () => Date
  policy: Policy
  /** Where the h5 app is reachable, for QR links. */
  publicUrl: string
  sessions: SessionIssuer | null
  /** Local world: the session this request came with, so sign-out can revoke it. */
  session: { sid: string; expiresAt: string } | null
  request: { ip: string | null; device: string | null }
  limiter: RateLimiter | null
  /**
   * The exact cache of derived stats reads (boards, coverage), owned by the composition root:
   * one per store in the local world; none where the store has no data version (CloudBase).
   */
  readCache: ReadCache | null
  /** Tell the policy cache a new version was saved (a no-op where there is none). */
  policyChanged?: () => void
  /**
   * Where boards, coverage and volunteer totals come from: computed on request (`live`, the local
   * world, whose exact read cache keeps that cheap), or read from documents kept ready by the timer
   * (`ready`, the WeChat world, where computing means reading the roster over the network).
   */
  views: 'live' | 'ready'
  /** What an audited action's use case tells its audit row (dispatch gives each audited call its own). */
  audit: AuditTrail
  world: 'local' | 'wechat'
  /** WeChat's subscribe-message sender (the WeChat world, with template ids configured); none: inbox only. */
  subscribe?: SubscribeSender | null
}

/** What a world sets up once: its store, clock and the shared pieces every request uses. */
export interface CtxDeps {
  world: Ctx['world']
  store: Store
  now: () => Date
  sessions: SessionIssuer | null
  limiter: RateLimiter | null
  readCache: ReadCache | null
  /** Where QR links point unless the request says otherwise. */
  publicUrl?: string
  policyChanged?: () => void
  /** `live` unless given. */
  views?: Ctx['views']
  subscribe?: SubscribeSender | null
}

/** What one call brings: who is calling, from where, and the policy in force. */
export interface CtxRequest {
  caller: Member | null
  policy: Policy
  request: Ctx['request']
  openId?: string | null
  session?: Ctx['session']
  /** The local server's default is the Host the request came to. */
  publicUrl?: string
}

/** The one place a handler context is assembled; the local server, WeChat and the timer jobs all use it. */
export function createCtx(deps: CtxDeps, req: CtxRequest): Ctx {
  return {
    store: deps.store,
    caller: req.caller,
    openId: req.openId ?? null,
    now: deps.now,
    policy: req.policy,
    publicUrl: req.publicUrl ?? deps.publicUrl ?? '',
    sessions: deps.sessions,
    session: req.session ?? null,
    request: req.request,
    limiter: deps.limiter,
    readCache: deps.readCache,
    ...(deps.policyChanged ? { policyChanged: deps.policyChanged } : {}),
    audit: NO_AUDIT,
    views: deps.views ?? 'live',
    world: deps.world,
    ...(deps.subscribe ? { subscribe: deps.subscribe } : {}),
  }
}
