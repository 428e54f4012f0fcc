/**
 * Reporting periods as the stats functions take them: a year `2026`, a quarter `2026-Q4` or a month
 * `2026-11`, on the Shanghai calendar. Only what the pickers and labels need; the server parses them.
 */
export type PeriodKind = 'quarter' | 'month' | 'year'

export const PERIOD_KIND_LABEL: Record<PeriodKind, string> = { quarter: '季度', month: '月度', year: '年度' }

const OFFSET_MS = 8 * 3600_000

/** Shanghai year and month (1–12) of an instant. */
function shanghaiYm(now: Date): { y: number; m: number } {
  const local = new Date(now.getTime() + OFFSET_MS)
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1 }
}

const pad = (m: number) => String(m).padStart(2, '0')

export function periodKindOf(key: string): PeriodKind {
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter'
  if (/^\d{4}-\d{2}$/.test(key)) return 'month'
  return 'year'
}

/** The period of a kind that contains `now`, e.g. the current quarter `2026-Q4`. */
export function currentPeriod(kind: PeriodKind, now = new Date()): string {
  const { y, m } = shanghaiYm(now)
  if (kind === 'year') return String(y)
  if (kind === 'quarter') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`
  return `${y}-${pad(m)}`
}

/** The period `delta` steps before (negative) or after (positive) a given one, of the same kind. */
export function shiftPeriod(key: string, delta: number): string {
  const kind = periodKindOf(key)
  const y = Number(key.slice(0, 4))
  if (kind === 'year') return String(y + delta)
  if (kind === 'quarter') {
    const index = y * 4 + (Number(key.slice(6)) - 1) + delta
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
  }
  const index = y * 12 + (Number(key.slice(5)) - 1) + delta
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`
}

/** Keys of one kind sort in time order as strings. */
export const isFuture = (key: string, now = new Date()): boolean => key > currentPeriod(periodKindOf(key), now)

/** 2026年第4季度 · 2026年11月 · 2026年 */
export function periodLabel(key: string): string {
  const kind = periodKindOf(key)
  const y = key.slice(0, 4)
  if (kind === 'quarter') return `${y}年第${key.slice(6)}季度`
  if (kind === 'month') return `${y}年${Number(key.slice(5))}月`
  return `${y}年`
}

/** `2026-11` → 11月 */
export const monthLabel = (month: string): string => `${Number(month.slice(5))}月`

/** 0.923 → 92% (whole percent; 99.6% stays 99% so "full" is never shown when it is not). */
export const pct = (x: number): string => `${x >= 1 ? 100 : Math.min(99, Math.round(x * 100))}%`
