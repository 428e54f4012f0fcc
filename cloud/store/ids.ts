import { randomBytes } from 'node:crypto'

/** Short URL-safe ids (72 random bits): they appear in QR links, so shorter is kinder to scanners. */
export const newId = (): string => randomBytes(9).toString('base64url')
