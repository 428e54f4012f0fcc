/** China has one time zone and no daylight saving: Asia/Shanghai is always UTC+8. */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000

export const addMinutes = (iso: string, minutes: number): string =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString()

/** The Shanghai calendar day containing `at`, as a [start, end) pair of UTC ISO strings. */
export function shanghaiDay(at: Date): { start: string; end: string } {
  const local = at.getTime() + SHANGHAI_OFFSET_MS
  const dayStartLocal = local - (((local % 86_400_000) + 86_400_000) % 86_400_000)
  const start = dayStartLocal - SHANGHAI_OFFSET_MS
  return { start: new Date(start).toISOString(), end: new Date(start + 86_400_000).toISOString() }
}

/** Month, quarter and year keys (Shanghai calendar) that a credit at `at` counts towards. */
export function periodKeys(at: Date): { month: string; quarter: string; year: string } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS)
  const y = local.getUTCFullYear()
  const m = local.getUTCMonth() + 1
  return {
    month: `${y}-${String(m).padStart(2, '0')}`,
    quarter: `${y}-Q${Math.ceil(m / 3)}`,
    year: String(y),
  }
}
