import { randomBytes } from 'node:crypto'

/** Short URL-safe ids (72 random bits): they appear in QR links, so shorter is kinder to scanners. */
export const newId = (): string => randomBytes(9).toString('base64url')

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O or 1/I: read aloud and typed on phones

/** A one-time bind code: 8 symbols from 32 (40 bits), hopeless to guess at 10 tries a minute. */
export function newBindCode(): string {
  const bytes = randomBytes(8)
  let code = ''
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length]
  return code
}
