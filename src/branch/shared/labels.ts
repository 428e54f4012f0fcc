import type { RecordState, Rhythm } from '@cloud/contract/vocabulary'
import type { Tone } from '../../components/Badge'

/** How a record's filing state reads. */
export const RECORD_TONE: Record<RecordState, Tone> = { draft: 'neutral', submitted: 'primary', returned: 'warning', reviewed: 'success' }

const CN_QUARTER = ['一', '二', '三', '四']

/** A rhythm period as people say it: 2026年11月, 2026年第四季度, 2026年下半年, 2026年. */
export function rhythmPeriodLabel(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key)
  if (q) return `${q[1]}年第${CN_QUARTER[Number(q[2]) - 1]}季度`
  const h = /^(\d{4})-H([12])$/.exec(key)
  if (h) return `${h[1]}年${h[2] === '1' ? '上' : '下'}半年`
  const m = /^(\d{4})-(\d{2})$/.exec(key)
  if (m) return `${m[1]}年${Number(m[2])}月`
  return `${key}年`
}

/** The same, shorter, for tags on a row: 11月, 四季度, 下半年, 2026年. */
export function shortPeriodLabel(key: string): string {
  const q = /^\d{4}-Q([1-4])$/.exec(key)
  if (q) return `${CN_QUARTER[Number(q[1]) - 1]}季度`
  const h = /^\d{4}-H([12])$/.exec(key)
  if (h) return h[1] === '1' ? '上半年' : '下半年'
  const m = /^\d{4}-(\d{2})$/.exec(key)
  if (m) return `${Number(m[1])}月`
  return `${key}年`
}

/** Rhythm choices of the policy page, with 不要求 (null). */
export const RHYTHM_CHOICES: (Rhythm | null)[] = ['month', 'quarter', 'halfYear', 'year', null]

export const pctText = (x: number): string => `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`
