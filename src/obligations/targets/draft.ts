import { POLICY_RANGES } from '@cloud/contract/limits'
import type { Target } from '@cloud/contract/model'
import {
  BRANCH_GRADES,
  CADRE_RANKS,
  DUTY_LEVELS,
  type BranchGrade,
  type CadreRank,
  type DutyLevel,
  type MeetingType,
  type Rhythm,
  type TargetKind,
} from '@cloud/contract/vocabulary'
import type { TargetInput } from '../../services/obligationRecords'

/** The target form as typed: numbers as text until saved, every kind's params kept while the kind is chosen. */
export interface Draft {
  id: string | null
  kind: TargetKind
  builtIn: boolean
  active: boolean
  name: string
  description: string
  rhythm: Rhythm
  deadline: string | null
  allUnits: boolean
  unitIds: string[]
  ageLimit: string
  monthDeadlineDay: string
  meetingTypes: MeetingType[]
  minRank: CadreRank
  minGrade: BranchGrade
  modelsPerUnit: string
  levels: DutyLevel[]
}

/** Grades a branch can be asked to reach (未达标 is no aim). */
export const AIM_GRADES = BRANCH_GRADES.filter((g) => g !== 'below')

const text = (n: number | undefined) => (n === undefined ? '' : String(n))

export function draftOf(t: Target): Draft {
  const p = t.params
  return {
    id: t.id,
    kind: t.kind,
    builtIn: t.builtIn,
    active: t.active,
    name: t.name,
    description: t.description,
    rhythm: t.rhythm,
    deadline: t.deadline,
    allUnits: t.unitIds === null,
    unitIds: t.unitIds ?? [],
    ageLimit: text(p.ageLimit),
    monthDeadlineDay: text(p.monthDeadlineDay),
    meetingTypes: p.meetingTypes ?? [],
    minRank: p.minRank ?? 'county',
    minGrade: p.minGrade ?? 'standard',
    modelsPerUnit: text(p.modelsPerUnit),
    levels: p.levels ?? [...DUTY_LEVELS],
  }
}

/** A new target of a kind: the kind's defaults, every unit, each period's end as the deadline. */
export function newDraft(kind: TargetKind): Draft {
  return {
    id: null,
    kind,
    builtIn: false,
    active: true,
    name: '',
    description: '',
    rhythm: kind === 'youthGroup' || kind === 'meetingRhythm' ? 'month' : 'year',
    deadline: null,
    allUnits: true,
    unitIds: [],
    ageLimit: '',
    monthDeadlineDay: '',
    meetingTypes: [],
    minRank: CADRE_RANKS[1],
    minGrade: 'standard',
    modelsPerUnit: '',
    levels: [...DUTY_LEVELS],
  }
}

/** A whole number typed in a field, blank for the default; a problem in Chinese when it is not one. */
function wholeNumber(t: string, what: string, min: number, max: number): { n?: number; problem?: string } {
  const s = t.trim()
  if (!s) return {}
  const n = Number(s)
  if (!Number.isInteger(n) || n < min || n > max) return { problem: `${what}应为 ${min}–${max} 的整数，不填按默认` }
  return { n }
}

/** The params of the draft's kind only. */
function paramsOf(d: Draft): { params: TargetInput['params']; problem?: string } {
  switch (d.kind) {
    case 'youthGroup': {
      const age = wholeNumber(d.ageLimit, '年龄上限', POLICY_RANGES.youthAgeLimit.min, POLICY_RANGES.youthAgeLimit.max)
      const day = wholeNumber(d.monthDeadlineDay, '每月截止日', 1, 28)
      return { params: { ageLimit: age.n, monthDeadlineDay: day.n }, problem: age.problem ?? day.problem }
    }
    case 'meetingRhythm':
      return { params: d.meetingTypes.length ? { meetingTypes: d.meetingTypes } : {} }
    case 'training':
      return { params: { minRank: d.minRank } }
    case 'standardBranch': {
      const models = wholeNumber(d.modelsPerUnit, '每单位样板支部数', 0, 20)
      return { params: { minGrade: d.minGrade, modelsPerUnit: models.n }, problem: models.problem }
    }
    case 'dutyReport':
      return { params: { levels: d.levels } }
    case 'democraticMeeting':
      return { params: {} }
  }
}

/** What `setTarget` is sent, or the first thing to fix (the server checks again). */
export function inputOf(d: Draft): { input?: TargetInput; problem?: string } {
  if (!d.name.trim()) return { problem: '请填写目标名称' }
  if (!d.allUnits && d.unitIds.length === 0) return { problem: '请至少选择一个单位，或选择全部单位' }
  if (d.kind === 'dutyReport' && d.levels.length === 0) return { problem: '请至少选择一类书记' }
  const { params, problem } = paramsOf(d)
  if (problem) return { problem }
  // Blank numbers are left out: the kind's default applies.
  const kept = Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined))
  return {
    input: {
      ...(d.id ? { id: d.id } : {}),
      kind: d.kind,
      name: d.name.trim(),
      description: d.description.trim(),
      rhythm: d.rhythm,
      deadline: d.deadline,
      unitIds: d.allUnits ? null : d.unitIds,
      params: kept,
      active: d.active,
    },
  }
}

/** The target as the form would save it, to switch it on or off from the list. */
export const switched = (t: Target): TargetInput => {
  const { input } = inputOf({ ...draftOf(t), active: !t.active })
  return input ?? { id: t.id, kind: t.kind, name: t.name, rhythm: t.rhythm, active: !t.active }
}
