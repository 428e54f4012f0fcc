import { randomBytes } from 'node:crypto'

/** Short URL-safe ids (72 random bits): they appear in QR links, so shorter is kinder to scanners. */
export const newId = (): string => randomBytes(9).toString('base64url')

/** URL-safe symbols in ASCII order, so that ids sort (as SQLite compares text) in the order they were made. */
const SORTABLE = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'

let lastMs = 0
let seq = 0

/**
 * Time-ordered ids for the rows written by the thousand (check-ins, ledger entries): a new key
 * lands at the end of its index instead of on a random page of a million-row index, which is
 * what a random id costs on every insert (a page read and a page written per index per row).
 * 8 symbols of milliseconds, 2 of sequence within the millisecond, 3 random (18 bits) so that
 * two processes writing in the same millisecond still differ. Not secret: nothing is
 * authorised by knowing one.
 */
export function newSeqId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now
    seq = 0
  } else if (++seq >= 4096) {
    // More than 4,096 ids in one millisecond: borrow the next millisecond, order stays strict.
    lastMs++
    seq = 0
  }
  let out = ''
  for (let i = 7, t = lastMs; i >= 0; i--, t = Math.floor(t / 64)) out = SORTABLE[t % 64] + out
  out += SORTABLE[seq >> 6] + SORTABLE[seq & 63]
  // Only tells processes apart, guards nothing: Math.random is enough and costs no system call.
  const bits = Math.floor(Math.random() * 262_144)
  return out + SORTABLE[(bits >> 12) & 63] + SORTABLE[(bits >> 6) & 63] + SORTABLE[bits & 63]
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789' // no 0/O or 1/I: read aloud and typed on phones

/** A one-time bind code: 8 symbols from 32 (40 bits), hopeless to guess at 10 tries a minute. */
export function newBindCode(): string {
  const bytes = randomBytes(8)
  let code = ''
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length]
  return code
}
