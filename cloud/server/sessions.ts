import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SessionIssuer } from '../runtime/context'

export const SESSION_TTL_DAYS = 7

export type SessionCheck =
  | { ok: true; memberId: string; sid: string; issuedAt: string; expiresAt: string }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' }

/**
 * Local-world sessions: `<base64url(JSON {sub, sid, iat, exp})>.<HMAC-SHA256>`. Issuing needs no
 * database; revocation does (sign-out lists the sid, an admin reset voids everything issued before
 * it), checked by the gateway on every request. The secret comes from SESSION_SECRET or a key file.
 */
export class SessionSigner implements SessionIssuer {
  constructor(
    private readonly secret: string,
    private readonly ttlMs = SESSION_TTL_DAYS * 86_400_000,
  ) {}

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url')
  }

  issue(memberId: string, now: Date) {
    const exp = now.getTime() + this.ttlMs
    const sid = randomBytes(12).toString('base64url')
    const payload = Buffer.from(JSON.stringify({ sub: memberId, sid, iat: now.getTime(), exp })).toString('base64url')
    return { session: `${payload}.${this.mac(payload)}`, expiresAt: new Date(exp).toISOString() }
  }

  verify(session: string, now: Date): SessionCheck {
    const [payload, sig, extra] = session.split('.')
    if (!payload || !sig || extra !== undefined) return { ok: false, reason: 'malformed' }
    const expected = Buffer.from(this.mac(payload))
    const given = Buffer.from(sig)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' }
    try {
      const { sub, sid, iat, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
      if (typeof sub !== 'string' || typeof sid !== 'string' || typeof iat !== 'number' || typeof exp !== 'number')
        return { ok: false, reason: 'malformed' }
      if (now.getTime() >= exp) return { ok: false, reason: 'expired' }
      return { ok: true, memberId: sub, sid, issuedAt: new Date(iat).toISOString(), expiresAt: new Date(exp).toISOString() }
    } catch {
      return { ok: false, reason: 'malformed' }
    }
  }
}

/** SESSION_SECRET wins; else a random key kept in the data folder so sessions survive restarts. */
export function loadSessionSecret(dataDir: string): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET
  const file = join(dataDir, 'session.key')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret + '\n', { mode: 0o600 })
  chmodSync(file, 0o600)
  return secret
}
