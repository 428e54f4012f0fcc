import type { Member } from '../contract/model'
import type { Policy } from '../domain/policy'
import type { Store } from '../store/Store'
import type { RateLimiter } from './rateLimit'

/** Issues local-world sessions; absent in the WeChat world, where OPENID is the identity. */
export interface SessionIssuer {
  issue(memberId: string, now: Date): { session: string; expiresAt: string }
}

/**
 * What every handler receives, built by the entry point of its world (local server or WeChat).
 * Handlers never ask which world they run in: they read the caller from here.
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
  /** Tell the policy cache a new version was saved (a no-op where there is none). */
  policyChanged?: () => void
  world: 'local' | 'wechat'
}
