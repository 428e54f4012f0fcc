/**
 * Reporting periods as the stats functions take them: a year `2026`, a quarter `2026-Q4` or a month
 * `2026-11`, on the Shanghai calendar. The arithmetic is the domain's (`@cloud/domain/period`); only
 * the pickers' defaults and the Chinese labels are the app's.
 */
import { currentPeriodKey, periodKindOf, type PeriodKind } from '@cloud/domain/period'

export { periodKindOf, shiftPeriod, type PeriodKind } from '@cloud/domain/period'

export const PERIOD_KIND_LABEL: Record<PeriodKind, string> = { quarter: '季度', month: '月度', year: '年度' }

/** The period of a kind that contains now, e.g. the current quarter `2026-Q4`. */
export const currentPeriod = (kind: PeriodKind, now = new Date()): string => currentPeriodKey(kind, now)

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
