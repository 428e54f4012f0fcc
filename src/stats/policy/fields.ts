import type { PolicyChange } from '@cloud/domain/policy'

/** The rules the city admin may change, flattened to one number each, with the server's limits. */
export const FIELDS = [
  { key: 'study', label: '理论学习（每次签到积分）', min: 0, max: 20, unit: '分' },
  { key: 'lecture', label: '讲座（每次签到积分）', min: 0, max: 20, unit: '分' },
  { key: 'volunteer', label: '志愿服务（签到积分，另按时长每小时 1 分）', min: 0, max: 20, unit: '分' },
  { key: 'dailyPointsCap', label: '每人每日积分上限', min: 1, max: 100, unit: '分' },
  { key: 'youthAgeLimit', label: '青年年龄上限（统计期首日）', min: 28, max: 45, unit: '周岁' },
  { key: 'defaultRadiusM', label: '默认签到半径', min: 50, max: 3000, unit: '米' },
  { key: 'qrPeriodSec', label: '签到码刷新周期', min: 10, max: 60, unit: '秒' },
] as const

export type FieldKey = (typeof FIELDS)[number]['key']
export type Values = Record<FieldKey, number>
type Current = Required<Pick<PolicyChange, 'pointsPerKind' | 'dailyPointsCap' | 'youthAgeLimit' | 'defaultRadiusM' | 'qrPeriodSec'>>

export const valuesOf = (p: Current): Values => ({
  study: p.pointsPerKind.study,
  lecture: p.pointsPerKind.lecture,
  volunteer: p.pointsPerKind.volunteer,
  dailyPointsCap: p.dailyPointsCap,
  youthAgeLimit: p.youthAgeLimit,
  defaultRadiusM: p.defaultRadiusM,
  qrPeriodSec: p.qrPeriodSec,
})

/** Typed texts → the fields that differ from the current values, or the first problem found. */
export function changesOf(texts: Record<FieldKey, string>, current: Values): { changes: Partial<Values>; problem: string | null } {
  const changes: Partial<Values> = {}
  for (const f of FIELDS) {
    const t = texts[f.key].trim()
    const n = Number(t)
    if (!/^\d+$/.test(t) || n < f.min || n > f.max) return { changes, problem: `${f.label}应为 ${f.min}–${f.max} 的整数` }
    if (n !== current[f.key]) changes[f.key] = n
  }
  return { changes, problem: null }
}

/** The changed numbers in the shape `stats.setPolicy` takes. */
export function toPolicyChange(c: Partial<Values>): PolicyChange {
  const out: PolicyChange = {}
  const points = { study: c.study, lecture: c.lecture, volunteer: c.volunteer }
  const kinds = Object.fromEntries(Object.entries(points).filter(([, v]) => v !== undefined))
  if (Object.keys(kinds).length) out.pointsPerKind = kinds as PolicyChange['pointsPerKind']
  if (c.dailyPointsCap !== undefined) out.dailyPointsCap = c.dailyPointsCap
  if (c.youthAgeLimit !== undefined) out.youthAgeLimit = c.youthAgeLimit
  if (c.defaultRadiusM !== undefined) out.defaultRadiusM = c.defaultRadiusM
  if (c.qrPeriodSec !== undefined) out.qrPeriodSec = c.qrPeriodSec
  return out
}

/** A field's label without its explanation: 理论学习（每次签到积分） → 理论学习. */
export const shortLabel = (label: string) => label.replace(/（.*）/, '')

/** One version's changes in words: 理论学习 3 分；每日上限 12 分. */
export function describe(change: PolicyChange): string {
  const parts: string[] = []
  const flat: Partial<Values> = { ...change.pointsPerKind, ...change, pointsPerKind: undefined } as Partial<Values>
  for (const f of FIELDS) {
    const v = flat[f.key]
    if (v !== undefined) parts.push(`${shortLabel(f.label)} ${v} ${f.unit}`)
  }
  return parts.join('；') || '（无变化）'
}
