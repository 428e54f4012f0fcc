/**
 * 青年理论学习小组全覆盖: every youth of a unit is in a youth group that met in every window (month)
 * that is due. A window is due once it has ended or, for a monthly target with a deadline day, once
 * that day of its month has ended: the month in progress is never counted as missed before then.
 */
import type { ObligationItem, Target } from '../../contract/obligations'
import { monthDueAt, youthTest, type Period } from '../period'
import { periodsOf, appliesTo, stateOf, type TargetWindow } from './engine'
import type { ObligationOrg, YouthGroupInput } from './inputs'

/** The target's windows with the deadline day applied: a monthly target's month falls due at the end of that day. */
export function youthWindows(target: Pick<Target, 'rhythm' | 'deadline' | 'params'>, windows: TargetWindow[]): TargetWindow[] {
  const day = target.params.monthDeadlineDay
  if (target.rhythm !== 'month' || target.deadline || !day) return windows
  return windows.map((w) => ({ ...w, dueBy: monthDueAt(w.key, day) }))
}

/** How a group kept the windows by `now`. */
export interface GroupStanding {
  /** Window key → the group's first session in it (by now). */
  met: Map<string, string>
  /** Keys of the windows due by now. */
  due: string[]
  /** Due windows without a session. */
  missed: string[]
  /** Due windows whose session came only after they fell due. */
  late: string[]
  /** Its youth count as covered: no due window missed, and, before any is due, a session in the current one. */
  covering: boolean
  /** When the group last met the requirement: its latest session among due windows (or the current one's). */
  metAt: string | null
}

/** Months (`YYYY-MM`) a window holds, computed once per window and shared by every group. */
export function windowMonths(windows: TargetWindow[]): string[][] {
  return windows.map((w) => periodsOf('month', w).map((p) => p.key))
}

/** A group's sessions (month → first session) read against the windows at `now`. */
export function groupStanding(sessions: Map<string, string> | undefined, windows: TargetWindow[], months: string[][], now: Date): GroupStanding {
  const t = now.getTime()
  const met = new Map<string, string>()
  const due: string[] = []
  const missed: string[] = []
  const late: string[] = []
  let lastDueSession: string | null = null
  windows.forEach((w, i) => {
    let first: string | null = null
    for (const m of months[i]) {
      const at = sessions?.get(m)
      if (at && Date.parse(at) <= t && (!first || at < first)) first = at
    }
    if (first) met.set(w.key, first)
    if (Date.parse(w.dueBy) > t) return
    due.push(w.key)
    if (!first) missed.push(w.key)
    else {
      if (Date.parse(first) >= Date.parse(w.dueBy)) late.push(w.key)
      if (!lastDueSession || first > lastDueSession) lastDueSession = first
    }
  })
  const current = windows.length ? met.get(windows[windows.length - 1].key) ?? null : null
  const covering = missed.length === 0 && (due.length > 0 || current !== null)
  return { met, due, missed, late, covering, metAt: covering ? (due.length ? lastDueSession : current) : null }
}

/** The youth the target reaches: active members of its units, at most the age limit on the period's first day. */
export function youthOf(target: Pick<Target, 'unitIds' | 'params'>, period: Pick<Period, 'firstDay'>, input: YouthGroupInput): YouthGroupInput['members'] {
  const isYouth = youthTest(period.firstDay, target.params.ageLimit ?? input.policyAgeLimit)
  return input.members.filter((m) => appliesTo(target, m.unitId) && isYouth(m.birthDate))
}

/** One item per youth: in a youth group that met in every due window. */
export function youthGroupItems(target: Target, windows: TargetWindow[], period: Period, _org: ObligationOrg, input: YouthGroupInput, now: Date): ObligationItem[] {
  const ws = youthWindows(target, windows)
  if (!ws.length) return []
  const months = windowMonths(ws)
  const groups = new Set(input.groups.map((g) => g.id))
  const standings = new Map<string, GroupStanding>()
  const standingOf = (groupId: string) => {
    let s = standings.get(groupId)
    if (!s) standings.set(groupId, (s = groupStanding(input.sessions.get(groupId), ws, months, now)))
    return s
  }
  const windowOf = (key: string) => ws.find((w) => w.key === key) ?? ws[0]
  const lastDue = (s: GroupStanding) => windowOf(s.due.length ? s.due[s.due.length - 1] : ws[ws.length - 1].key)
  const current = ws.find((w) => Date.parse(w.dueBy) > now.getTime()) ?? ws[ws.length - 1]

  // What an item says depends on the youth's group only: worked out once per group (a city has
  // thousands of youth in a few hundred groups), then shared by its youth's items.
  type Outcome = Pick<ObligationItem, 'state' | 'from' | 'dueBy' | 'metAt' | 'late' | 'note'>
  const noGroupWindow = ws[0]
  const noGroup: Outcome = { state: stateOf(null, noGroupWindow.dueBy, now), from: noGroupWindow.start, dueBy: noGroupWindow.dueBy, metAt: null, late: false, note: '未编入青年理论学习小组' }
  const outcomes = new Map<string, Outcome>()
  const outcomeOf = (groupId: string | null): Outcome => {
    if (!groupId || !groups.has(groupId)) return noGroup
    let o = outcomes.get(groupId)
    if (o) return o
    const s = standingOf(groupId)
    if (s.missed.length) {
      const w = windowOf(s.missed[0])
      o = { state: 'overdue', from: w.start, dueBy: w.dueBy, metAt: null, late: false, note: `小组 ${s.missed.join('、')} 未开展学习` }
    } else if (!s.covering) {
      o = { state: stateOf(null, current.dueBy, now), from: current.start, dueBy: current.dueBy, metAt: null, late: false, note: `小组 ${current.key} 尚未开展学习` }
    } else {
      const w = lastDue(s)
      o = { state: stateOf(s.metAt, w.dueBy, now), from: w.start, dueBy: w.dueBy, metAt: s.metAt, late: s.late.length > 0, note: s.late.length ? `小组 ${s.late.join('、')} 逾期开展学习` : null }
    }
    outcomes.set(groupId, o)
    return o
  }

  return youthOf(target, period, input).map(
    (m): ObligationItem => ({
      what: '参加青年理论学习小组学习',
      unitId: m.unitId,
      branchId: m.branchId,
      subject: { kind: 'member', id: m.id, name: m.name },
      evidence: [],
      ...outcomeOf(m.youthGroupId),
    }),
  )
}
