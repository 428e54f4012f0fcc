/** How a month reads on a youth group's line of the coverage page. */
export type MonthState = 'met' | 'missed' | 'pending'

/**
 * Met when the group met in it; missed only once it is due (ended, or past the deadline day); the
 * month in progress is pending until then, as the engine counts it (domain/coverage.ts).
 */
export function monthState(month: string, met: readonly string[], due: readonly string[]): MonthState {
  if (met.includes(month)) return 'met'
  return due.includes(month) ? 'missed' : 'pending'
}

export const MONTH_WORDS: Record<MonthState, string> = { met: '✓ 已学习', missed: '✗ 未学习', pending: '进行中' }
export const MONTH_SPOKEN: Record<MonthState, string> = { met: '已学习', missed: '未学习', pending: '尚未结束，暂不计未学习' }
