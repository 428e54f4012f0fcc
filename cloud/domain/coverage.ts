/**
 * 青年理论学习小组全覆盖: per unit and period, how many youth are in a group that actually meets.
 * Pure: the store supplies people, groups and the months each group met.
 */
import { ageOn } from './period'

export type CoverageStatus = 'green' | 'amber' | 'red'

export interface CoverageInput {
  units: { id: string; name: string }[]
  members: { id: string; name: string; unitId: string; youthGroupId: string | null; birthDate: string | null }[]
  groups: { id: string; name: string; unitIds: string[] }[]
  /** Group id → months (`YYYY-MM`) in which it held at least one session someone attended. */
  meetings: Map<string, Set<string>>
  /** Months that count (those of the period already begun). */
  months: string[]
  /** Ages are taken on the period's first day. */
  firstDay: string
  youthAgeLimit: number
}

export interface GroupCoverage {
  id: string
  name: string
  /** Other units it is formed with (joint group). */
  jointWith: string[]
  monthsMet: string[]
  monthsMissed: string[]
  active: boolean
  meetsMonthly: boolean
}

export interface UnitCoverage {
  unitId: string
  unitName: string
  youth: number
  youthInActiveGroups: number
  /** 0..1; a unit with no youth counts as covered. */
  coverage: number
  groups: GroupCoverage[]
  groupsMeetingMonthly: number
  status: CoverageStatus
  /** Youth not in any active group (for drill-down). */
  uncovered: { id: string; name: string; reason: 'noGroup' | 'groupInactive' }[]
  /** True where the names were left out because the viewer does not administer the unit. */
  namesWithheld: boolean
}

export interface CityCoverage {
  units: UnitCoverage[]
  youth: number
  youthInActiveGroups: number
  coverage: number
  greenUnits: number
  greenShare: number
}

export const AMBER_FROM = 0.8

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

export function statusOf(coverage: number, allGroupsMonthly: boolean): CoverageStatus {
  if (coverage >= 1 && allGroupsMonthly) return 'green'
  return coverage >= AMBER_FROM ? 'amber' : 'red'
}

export function computeCoverage(input: CoverageInput): CityCoverage {
  const groupViews = new Map<string, Omit<GroupCoverage, 'jointWith'> & { unitIds: string[] }>()
  for (const g of input.groups) {
    const met = input.months.filter((m) => input.meetings.get(g.id)?.has(m))
    groupViews.set(g.id, {
      id: g.id,
      name: g.name,
      unitIds: g.unitIds,
      monthsMet: met,
      monthsMissed: input.months.filter((m) => !met.includes(m)),
      active: met.length > 0,
      meetsMonthly: input.months.length > 0 && met.length === input.months.length,
    })
  }
  // One pass over the roster, not one per unit: a city has 20,000 members in 100 units.
  const isYouth = youthTest(input.firstDay, input.youthAgeLimit)
  const youthByUnit = new Map<string, CoverageInput['members']>()
  for (const m of input.members) {
    if (!isYouth(m.birthDate)) continue
    const list = youthByUnit.get(m.unitId)
    if (list) list.push(m)
    else youthByUnit.set(m.unitId, [m])
  }
  const allGroups = [...groupViews.values()]
  const units = input.units.map((u): UnitCoverage => {
    const youth = youthByUnit.get(u.id) ?? []
    const uncovered: UnitCoverage['uncovered'] = []
    let covered = 0
    for (const m of youth) {
      const g = m.youthGroupId ? groupViews.get(m.youthGroupId) : undefined
      if (g?.active) covered++
      else uncovered.push({ id: m.id, name: m.name, reason: g ? 'groupInactive' : 'noGroup' })
    }
    // A joint group counts for each of its units.
    const groups = allGroups
      .filter((g) => g.unitIds.includes(u.id))
      .map(({ unitIds, ...g }) => ({ ...g, jointWith: unitIds.filter((x) => x !== u.id) }))
    const coverage = youth.length === 0 ? 1 : covered / youth.length
    const monthly = groups.filter((g) => g.meetsMonthly).length
    return {
      unitId: u.id,
      unitName: u.name,
      youth: youth.length,
      youthInActiveGroups: covered,
      coverage,
      groups,
      groupsMeetingMonthly: monthly,
      status: statusOf(coverage, groups.length > 0 ? monthly === groups.length : youth.length === 0),
      uncovered,
      namesWithheld: false,
    }
  })
  const youth = units.reduce((s, u) => s + u.youth, 0)
  const inGroups = units.reduce((s, u) => s + u.youthInActiveGroups, 0)
  const green = units.filter((u) => u.status === 'green').length
  return {
    units,
    youth,
    youthInActiveGroups: inGroups,
    coverage: youth === 0 ? 1 : inGroups / youth,
    greenUnits: green,
    greenShare: units.length === 0 ? 0 : green / units.length,
  }
}
