/**
 * 青年理论学习小组全覆盖 per unit and period: how many youth are in a group that keeps meeting, which
 * groups keep the rhythm, and who is left out. It is the youthGroup target's evaluation seen per
 * unit (obligations/youthGroup.ts), so a unit's status here is its youth cell on the matrix. Pure.
 */
import type { Target } from '../contract/obligations'
import type { ObligationStatus } from '../contract/vocabulary'
import { cellOf, targetWindows } from './obligations/engine'
import type { YouthGroupInput } from './obligations/inputs'
import { groupStanding, windowMonths, youthGroupItems, youthWindows } from './obligations/youthGroup'
import type { Period } from './period'

export { AMBER_FROM } from './obligations/engine'
export { youthBornAfter, youthTest } from './period'

export type CoverageStatus = ObligationStatus

export interface CoverageInput {
  units: { id: string; name: string }[]
  /** The youthGroup target as the city set it: its age limit, month deadline day and units. */
  target: Target
  youth: YouthGroupInput
  period: Period
  now: Date
}

export interface GroupCoverage {
  id: string
  name: string
  /** Other units it is formed with (joint group). */
  jointWith: string[]
  /** Months begun (by now) in which it met; the month in progress shows here once it has met. */
  monthsMet: string[]
  /** Due months (ended, or past the deadline day) in which it did not meet. */
  monthsMissed: string[]
  /** It has met at least once in the period. */
  active: boolean
  /** It met in every due month (and, before any month is due, in the current one): its youth are covered. */
  meetsMonthly: boolean
}

export interface UnitCoverage {
  unitId: string
  unitName: string
  youth: number
  /** Youth whose item is met: in a group that met in every due month. */
  youthInActiveGroups: number
  /** 0..1; a unit with no youth counts as covered. */
  coverage: number
  groups: GroupCoverage[]
  groupsMeetingMonthly: number
  /** The engine's status of the unit's youth cell (green where it has no youth). */
  status: CoverageStatus
  /** Youth not covered: in no group, or in a group that missed a due month (or has not met yet). */
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
  /** Months (window keys) of the period due by now: only these can be missed. */
  monthsDue: string[]
}

export function computeCoverage(input: CoverageInput): CityCoverage {
  const { target, youth, period, now } = input
  const windows = targetWindows(target, period, now)
  const ws = youthWindows(target, windows)
  const months = windowMonths(ws)
  const org = { units: input.units, branches: [], partyGroups: [], secretaries: new Map<string, string>() }
  const items = youthGroupItems(target, windows, period, org, youth, now)

  const groupViews = youth.groups.map((g) => {
    const s = groupStanding(youth.sessions.get(g.id), ws, months, now)
    return { id: g.id, name: g.name, unitIds: g.unitIds, monthsMet: [...s.met.keys()], monthsMissed: s.missed, active: s.met.size > 0, meetsMonthly: s.covering }
  })
  const groupOf = new Set(youth.groups.map((g) => g.id))
  const memberGroup = new Map(youth.members.map((m) => [m.id, m.youthGroupId]))
  const itemsByUnit = new Map<string, typeof items>()
  for (const it of items) {
    const list = itemsByUnit.get(it.unitId)
    if (list) list.push(it)
    else itemsByUnit.set(it.unitId, [it])
  }

  const units = input.units.map((u): UnitCoverage => {
    const mine = itemsByUnit.get(u.id) ?? []
    const covered = mine.filter((it) => it.state === 'met').length
    const uncovered = mine
      .filter((it) => it.state !== 'met')
      .map((it) => {
        const g = memberGroup.get(it.subject.id)
        return { id: it.subject.id, name: it.subject.name, reason: g && groupOf.has(g) ? ('groupInactive' as const) : ('noGroup' as const) }
      })
    // A joint group counts for each of its units.
    const groups = groupViews.filter((g) => g.unitIds.includes(u.id)).map(({ unitIds, ...g }) => ({ ...g, jointWith: unitIds.filter((x) => x !== u.id) }))
    const cell = cellOf(mine, now)
    return {
      unitId: u.id,
      unitName: u.name,
      youth: mine.length,
      youthInActiveGroups: covered,
      coverage: mine.length === 0 ? 1 : covered / mine.length,
      groups,
      groupsMeetingMonthly: groups.filter((g) => g.meetsMonthly).length,
      status: cell ? cell.status : 'green',
      uncovered,
      namesWithheld: false,
    }
  })
  const total = units.reduce((s, u) => s + u.youth, 0)
  const inGroups = units.reduce((s, u) => s + u.youthInActiveGroups, 0)
  const green = units.filter((u) => u.status === 'green').length
  return {
    units,
    youth: total,
    youthInActiveGroups: inGroups,
    coverage: total === 0 ? 1 : inGroups / total,
    greenUnits: green,
    greenShare: units.length === 0 ? 0 : green / units.length,
    monthsDue: ws.filter((w) => Date.parse(w.dueBy) <= now.getTime()).map((w) => w.key),
  }
}
