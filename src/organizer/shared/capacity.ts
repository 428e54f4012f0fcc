import { CAPACITY } from '@cloud/contract/limits'

/** Digits the capacity field takes: enough for the largest capacity. */
export const CAPACITY_DIGITS = String(CAPACITY.max).length

/** The optional capacity field: empty means no limit; otherwise a whole number of people. */
export function parseCapacity(text: string): { capacity?: number; problem?: string } {
  const t = text.trim()
  if (!t) return {}
  const n = Number(t)
  if (!Number.isInteger(n) || n < CAPACITY.min || n > CAPACITY.max)
    return { problem: `名额应为 ${CAPACITY.min} 到 ${CAPACITY.max} 之间的整数，不限人数请留空` }
  return { capacity: n }
}
