import type { MyScoreResult } from '@cloud/functions/stats/boards'

type Entry = MyScoreResult['entries'][number]

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`)

/**
 * What a ledger entry credits, in 我的记录's words (src/pages/records): study and lectures in 积分,
 * volunteer service in hours (its points do not count towards the study score); a correction keeps
 * its minus sign.
 */
export function creditText(e: Pick<Entry, 'kind' | 'points' | 'hours'>): string {
  if (e.kind === 'volunteer') return `${e.hours < 0 ? signed(e.hours) : e.hours} 小时`
  return `${signed(e.points)} 积分`
}
