import { newQrSecret, qrSlot, signQrToken, verifyQrToken } from '../../../cloud/domain/qrToken'

const PERIOD = 15
const SECRET = newQrSecret()
const ACTIVITY = 'act-123'

/** The start of the slot containing `iso`: every age below is measured from here, not guessed. */
const slotStart = (iso: string): number => qrSlot(new Date(iso), PERIOD) * PERIOD * 1000
const at = (ms: number) => new Date(ms)

describe('signQrToken', () => {
  const t0 = slotStart('2026-11-20T02:00:07.000Z')

  it('makes a token of at most 32 characters that fits a mini-program scene', () => {
    for (const iso of ['2026-11-20T02:00:00Z', '2099-12-31T23:59:59Z', '2030-06-01T12:00:00Z']) {
      const { token } = signQrToken(SECRET, ACTIVITY, new Date(iso), PERIOD)
      expect(token.length).toBeLessThanOrEqual(32)
      expect(token).toMatch(/^[0-9A-Za-z._-]+$/)
    }
  })

  it('says when it rotates: the end of its own slot', () => {
    const { rotatesAt } = signQrToken(SECRET, ACTIVITY, at(t0 + 3_000), PERIOD)
    expect(Date.parse(rotatesAt)).toBe(t0 + PERIOD * 1000)
  })

  it('gives the same token throughout one slot and a new one in the next', () => {
    const a = signQrToken(SECRET, ACTIVITY, at(t0), PERIOD).token
    const b = signQrToken(SECRET, ACTIVITY, at(t0 + 14_999), PERIOD).token
    const c = signQrToken(SECRET, ACTIVITY, at(t0 + 15_000), PERIOD).token
    expect(b).toBe(a)
    expect(c).not.toBe(a)
  })
})

describe('verifyQrToken', () => {
  const t0 = slotStart('2026-11-20T02:00:07.000Z')
  const { token } = signQrToken(SECRET, ACTIVITY, at(t0), PERIOD)
  const verify = (tok: string, nowMs: number, secret = SECRET, activityId = ACTIVITY) =>
    verifyQrToken(secret, activityId, tok, at(nowMs), PERIOD)

  it('accepts the token in its own slot', () => {
    expect(verify(token, t0)).toBe('valid')
    expect(verify(token, t0 + 14_000)).toBe('valid')
    expect(verify(token, t0 + 14_999)).toBe('valid')
  })

  it('accepts the token through the next slot (a scan just before the screen redraws)', () => {
    expect(verify(token, t0 + 15_000)).toBe('valid')
    expect(verify(token, t0 + 29_000)).toBe('valid')
    expect(verify(token, t0 + 29_999)).toBe('valid')
  })

  it('accepts a token signed late in its slot for the rest of the next slot only', () => {
    const late = signQrToken(SECRET, ACTIVITY, at(t0 + 14_500), PERIOD).token
    expect(late).toBe(token)
    expect(verify(late, t0 + 29_999)).toBe('valid')
    expect(verify(late, t0 + 30_000)).toBe('expired')
  })

  it('calls it expired two periods after its slot started', () => {
    expect(verify(token, t0 + 30_000)).toBe('expired')
    expect(verify(token, t0 + 31_000)).toBe('expired')
    expect(verify(token, t0 + 3_600_000)).toBe('expired')
  })

  it('rejects the token for another activity', () => {
    expect(verify(token, t0, SECRET, 'act-124')).toBe('invalid')
  })

  it('rejects the token under another secret', () => {
    expect(verify(token, t0, newQrSecret())).toBe('invalid')
  })

  it('rejects a token with any one character changed', () => {
    const [slotPart, macPart] = token.split('.')
    const flip = (c: string) => (c === 'A' ? 'B' : 'A')
    for (const i of [0, 5, macPart.length - 1]) {
      const tamperedMac = macPart.slice(0, i) + flip(macPart[i]) + macPart.slice(i + 1)
      expect(verify(`${slotPart}.${tamperedMac}`, t0)).toBe('invalid')
    }
    // A different slot under the same MAC: the slot is covered by the signature too.
    const otherSlot = (parseInt(slotPart, 36) - 1).toString(36)
    expect(verify(`${otherSlot}.${macPart}`, t0)).toBe('invalid')
  })

  it.each([
    ['empty', ''],
    ['no dot', 'abcdefghijklmnopqrstuvwxyz'],
    ['two dots', 'a.b.c'],
    ['short mac', 'k2j3.abc'],
    ['long mac', `k2j3.${'A'.repeat(23)}`],
    ['upper-case slot', `K2J3.${'A'.repeat(22)}`],
    ['bad mac alphabet', `k2j3.${'A'.repeat(21)}=`],
    ['whitespace', ` ${'k2j3'}.${'A'.repeat(22)}`],
    ['non-ascii', `k2j3.${'签'.repeat(22)}`],
  ])('rejects a malformed token (%s)', (_label, bad) => {
    expect(verify(bad, t0)).toBe('invalid')
  })

  it('rejects a correctly signed token from a future slot', () => {
    const future = signQrToken(SECRET, ACTIVITY, at(t0 + 15_000), PERIOD).token
    expect(verify(future, t0)).toBe('invalid')
    expect(verify(future, t0 + 15_000)).toBe('valid')
  })
})
