import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Rotating QR tokens: `<slot in base36>.<22 chars of HMAC-SHA256>` (about 28 characters, so it also
 * fits a mini-program code's 32-character `scene`). A slot is one QR period; a token is accepted in
 * its own slot and the next one, so a member who scans just before the screen redraws still gets in.
 */
const MAC_LENGTH = 22

export const newQrSecret = (): string => randomBytes(24).toString('base64url')

export const qrSlot = (now: Date, periodSec: number): number => Math.floor(now.getTime() / (periodSec * 1000))

const mac = (secret: string, activityId: string, slot: number): string =>
  createHmac('sha256', secret).update(`${activityId}:${slot}`).digest('base64url').slice(0, MAC_LENGTH)

export function signQrToken(secret: string, activityId: string, now: Date, periodSec: number) {
  const slot = qrSlot(now, periodSec)
  return {
    token: `${slot.toString(36)}.${mac(secret, activityId, slot)}`,
    rotatesAt: new Date((slot + 1) * periodSec * 1000).toISOString(),
  }
}

export type QrVerdict = 'valid' | 'expired' | 'invalid'

export function verifyQrToken(
  secret: string,
  activityId: string,
  token: string,
  now: Date,
  periodSec: number,
): QrVerdict {
  const match = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/.exec(token)
  if (!match) return 'invalid'
  const slot = parseInt(match[1], 36)
  const expected = Buffer.from(mac(secret, activityId, slot))
  const given = Buffer.from(match[2])
  // A MAC made for another activity or with another secret is indistinguishable from a forgery.
  if (!timingSafeEqual(expected, given)) return 'invalid'
  const current = qrSlot(now, periodSec)
  if (slot > current) return 'invalid'
  return current - slot <= 1 ? 'valid' : 'expired'
}
