import { POLICY_RANGES } from '@cloud/contract/limits'
import {
  ACTIVITY_KIND_LABEL,
  MEETING_LEVEL,
  MEETING_TYPE_LABEL,
  MEETING_TYPES,
  ORG_LEVEL_LABEL,
  ORG_LEVELS,
  RHYTHM_LABEL,
  type MeetingType,
  type OrgLevel,
  type Rhythm,
} from '@cloud/contract/vocabulary'
import { DEFAULT_POLICY, type PolicyChange } from '@cloud/domain/policy'

const points = POLICY_RANGES.pointsPerKind

/** The rules the city admin may change, flattened to one number each, with the server's limits (`stats.setPolicy`). */
export const FIELDS = [
  { key: 'study', label: `${ACTIVITY_KIND_LABEL.study}（每次签到积分）`, ...points, unit: '分' },
  { key: 'lecture', label: `${ACTIVITY_KIND_LABEL.lecture}（每次签到积分）`, ...points, unit: '分' },
  {
    key: 'volunteer',
    label: `${ACTIVITY_KIND_LABEL.volunteer}（签到积分，另按时长每小时 ${DEFAULT_POLICY.volunteerPointsPerHour} 分）`,
    ...points,
    unit: '分',
  },
  { key: 'dailyPointsCap', label: '每人每日积分上限', ...POLICY_RANGES.dailyPointsCap, unit: '分' },
  { key: 'youthAgeLimit', label: '青年年龄上限（统计期首日）', ...POLICY_RANGES.youthAgeLimit, unit: '周岁' },
  { key: 'defaultRadiusM', label: '默认签到半径', ...POLICY_RANGES.defaultRadiusM, unit: '米' },
  { key: 'qrPeriodSec', label: '签到码刷新周期', ...POLICY_RANGES.qrPeriodSec, unit: '秒' },
] as const

/** Digits a policy number can have: enough for the largest maximum. */
export const FIELD_DIGITS = Math.max(...FIELDS.map((f) => String(f.max).length))

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
  const flat: Partial<Values> = { ...change.pointsPerKind, ...change, pointsPerKind: undefined, meetingRhythm: undefined } as Partial<Values>
  for (const f of FIELDS) {
    const v = flat[f.key]
    if (v !== undefined) parts.push(`${shortLabel(f.label)} ${v} ${f.unit}`)
  }
  const rhythm = describeRhythm(change.meetingRhythm)
  if (rhythm) parts.push(`会议频次：${rhythm}`)
  return parts.join('；') || '（无变化）'
}

// ---- meeting rhythm (三会一课 and the others), per level ----

/** Types each level keeps a rhythm for: a 党小组 its 党小组会, a branch the rest. */
export const RHYTHM_LEVELS = ORG_LEVELS.map((level) => ({ level, label: ORG_LEVEL_LABEL[level], types: MEETING_TYPES.filter((t) => MEETING_LEVEL[t] === level) }))

export type RhythmValues = Record<OrgLevel, Partial<Record<MeetingType, Rhythm | null>>>

export const rhythmLabel = (r: Rhythm | null | undefined): string => (r ? RHYTHM_LABEL[r] : '不要求')

/** The types whose rhythm differs from the one in force, level by level; null when none does. */
export function rhythmChanges(edited: RhythmValues, current: RhythmValues): Partial<RhythmValues> | null {
  const out: Partial<RhythmValues> = {}
  for (const { level, types } of RHYTHM_LEVELS) {
    const diff = Object.fromEntries(types.filter((t) => (edited[level][t] ?? null) !== (current[level][t] ?? null)).map((t) => [t, edited[level][t] ?? null]))
    if (Object.keys(diff).length) out[level] = diff
  }
  return Object.keys(out).length ? out : null
}

/** A rhythm change in words: 党支部 支委会 每月；党小组 党小组会 不要求. */
export function describeRhythm(change: Partial<RhythmValues> | undefined): string {
  if (!change) return ''
  const parts: string[] = []
  for (const { level, label } of RHYTHM_LEVELS)
    for (const [t, r] of Object.entries(change[level] ?? {})) parts.push(`${label}${MEETING_TYPE_LABEL[t as MeetingType]} ${rhythmLabel(r)}`)
  return parts.join('；')
}
