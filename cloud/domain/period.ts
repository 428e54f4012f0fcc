import { fail } from './errors'
import { periodKeys, SHANGHAI_OFFSET_MS as OFFSET_MS } from './time'

/** A reporting period: a year `2026`, a quarter `2026-Q4` or a month `2026-11` (Shanghai calendar). */
export interface Period {
  key: string
  kind: 'year' | 'quarter' | 'month'
  /** UTC instants of the period's first moment and the moment after it. */
  start: string
  end: string
  /** Month keys `YYYY-MM` in the period. */
  months: string[]
  /** The period's first day `YYYY-MM-DD`, for ages. */
  firstDay: string
}

const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m - 1, 1) - OFFSET_MS).toISOString()
const mkey = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`

export function parsePeriod(key: string | undefined, now: Date): Period {
  const local = new Date(now.getTime() + OFFSET_MS)
  const k = key ?? String(local.getUTCFullYear())
  let y: number
  let first: number
  let count: number
  let kind: Period['kind']
  let m: RegExpExecArray | null
  if ((m = /^(\d{4})$/.exec(k))) [y, first, count, kind] = [Number(m[1]), 1, 12, 'year']
  else if ((m = /^(\d{4})-Q([1-4])$/.exec(k))) [y, first, count, kind] = [Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3, 'quarter']
  else if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(k))) [y, first, count, kind] = [Number(m[1]), Number(m[2]), 1, 'month']
  else return fail('BAD_INPUT', '统计周期格式应为 2026、2026-Q4 或 2026-11')
  if (y < 2000 || y > 2100) fail('BAD_INPUT', '统计周期超出范围')
  const months = Array.from({ length: count }, (_, i) => mkey(y, first + i))
  const last = first + count
  return {
    key: k,
    kind,
    start: monthStart(y, first),
    end: last > 12 ? monthStart(y + 1, 1) : monthStart(y, last),
    months,
    firstDay: `${mkey(y, first)}-01`,
  }
}

/** Months of the period that have begun by `now`: a group cannot be blamed for a month still to come. */
export function monthsElapsed(p: Period, now: Date): string[] {
  const local = new Date(now.getTime() + OFFSET_MS)
  const current = mkey(local.getUTCFullYear(), local.getUTCMonth() + 1)
  return p.months.filter((m) => m <= current)
}

/** Age in whole years on a day (`YYYY-MM-DD`). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = day.split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** The current quarter's key, e.g. `2026-Q4`: the default for coverage, judged month by month. */
export const currentQuarter = (now: Date): string => periodKeys(now).quarter

export type PeriodKind = Period['kind']

/** The period of a kind that contains `now` (Shanghai calendar), e.g. `2026-Q4`, `2026-11`, `2026`. */
export const currentPeriodKey = (kind: PeriodKind, now: Date): string => periodKeys(now)[kind]

/** The kind of a period key; a key that is neither a quarter nor a month reads as a year (`parsePeriod` checks keys). */
export function periodKindOf(key: string): PeriodKind {
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter'
  if (/^\d{4}-\d{2}$/.test(key)) return 'month'
  return 'year'
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
  return mkey(Math.floor(index / 12), (index % 12) + 1)
}

/**
 * When a month `YYYY-MM` falls due: the moment it ends or, with a deadline day, the end of that day
 * of it (a day past the month's last, e.g. 31 in February, is its last day).
 */
export function monthDueAt(month: string, deadlineDay?: number): string {
  const [y, m] = month.split('-').map(Number)
  const end = m === 12 ? monthStart(y + 1, 1) : monthStart(y, m + 1)
  if (!deadlineDay) return end
  return new Date(Math.min(Date.parse(monthStart(y, m)) + deadlineDay * 86_400_000, Date.parse(end))).toISOString()
}

/** Months of the period that are due by `now` (ended, or past their deadline day): only these can be missed. */
export function monthsDue(p: Period, now: Date, deadlineDay?: number): string[] {
  return p.months.filter((m) => Date.parse(monthDueAt(m, deadlineDay)) <= now.getTime())
}

const YYYY_MM_DD = /^\d{4}-\d{2}-\d{2}$/

/**
 * Youth are at most `ageLimit` years old on `day`: exactly those whose `YYYY-MM-DD` birth date,
 * compared as text, is later than this (day and month of `day`, `ageLimit + 1` years earlier).
 */
export function youthBornAfter(day: string, ageLimit: number): string {
  return `${String(Number(day.slice(0, 4)) - ageLimit - 1).padStart(4, '0')}${day.slice(4)}`
}

/** Whether a birth date makes a youth on `day`; one text comparison per member instead of date arithmetic. */
export function youthTest(day: string, ageLimit: number): (birthDate: string | null) => boolean {
  const after = youthBornAfter(day, ageLimit)
  return (b) => b !== null && (YYYY_MM_DD.test(b) ? b > after : ageOn(b, day) <= ageLimit)
}
