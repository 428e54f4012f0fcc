import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SessionIssuer } from '../runtime/context'

export const SESSION_TTL_DAYS = 7

export type SessionCheck = { ok: true; memberId: string } | { ok: false; reason: 'malformed' | 'forged' | 'expired' }

/**
 * Local-world sessions: `<base64url(JSON {sub, exp})>.<HMAC-SHA256>`. Stateless for now; the
 * server secret comes from SESSION_SECRET or a key file beside the data.
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
    const payload = Buffer.from(JSON.stringify({ sub: memberId, exp })).toString('base64url')
    return { session: `${payload}.${this.mac(payload)}`, expiresAt: new Date(exp).toISOString() }
  }

  verify(session: string, now: Date): SessionCheck {
    const [payload, sig, extra] = session.split('.')
    if (!payload || !sig || extra !== undefined) return { ok: false, reason: 'malformed' }
    const expected = Buffer.from(this.mac(payload))
    const given = Buffer.from(sig)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' }
    try {
      const { sub, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: unknown; exp: unknown }
      if (typeof sub !== 'string' || typeof exp !== 'number') return { ok: false, reason: 'malformed' }
      if (now.getTime() >= exp) return { ok: false, reason: 'expired' }
      return { ok: true, memberId: sub }
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
