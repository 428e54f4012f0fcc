/**
 * The obligations engine: every target of the plan is a population, a requirement, a period and a
 * deadline. A requirement kind's evaluator (./<kind>.ts) turns the records into items, one per thing
 * owed (a youth's group, a branch's 2026-11 支委会, a cadre's training); the engine sums items into
 * cells per unit or branch and gives each a traffic light by one rule. Pure: the functions load the
 * records and the caller's rights decide whose names are shown.
 */
import type { ObligationCell, ObligationItem, Target } from '../../contract/obligations'
import type { ObligationStatus, Rhythm } from '../../contract/vocabulary'
import { rhythmPeriod, rhythmPeriodOf, shiftRhythmPeriod } from '../meetingRhythm'
import type { Period } from '../period'
import { SHANGHAI_OFFSET_MS } from '../time'

/** A unit or branch with this share of its items met is amber even with some overdue. */
export const AMBER_FROM = 0.8
/** An open item is at risk in the last quarter of its period, and at least this many days before its deadline. */
export const MIN_WARN_DAYS = 7
const DAY_MS = 86_400_000

/** Whether an open item is in the last stretch before its deadline. */
export function atRisk(it: Pick<ObligationItem, 'from' | 'dueBy'>, now: Date): boolean {
  const due = Date.parse(it.dueBy)
  const warn = Math.max(MIN_WARN_DAYS * DAY_MS, (due - Date.parse(it.from)) / 4)
  return now.getTime() >= due - warn
}

/**
 * The one rule for every target: green when everything owed is met; amber when at least AMBER_FROM
 * of it is, or when what is missing is under way or still has time; red when something is overdue
 * or at risk (its deadline near and nothing under way).
 */
export function statusOf(c: Pick<ObligationCell, 'required' | 'met' | 'overdue' | 'atRisk'>): ObligationStatus {
  if (c.met >= c.required) return 'green'
  if (c.met / c.required >= AMBER_FROM) return 'amber'
  return c.overdue > 0 || c.atRisk > 0 ? 'red' : 'amber'
}

/** Items summed into a cell; null when nothing is owed there (the target does not apply). */
export function cellOf(items: readonly ObligationItem[], now: Date): ObligationCell | null {
  if (!items.length) return null
  let met = 0
  let pending = 0
  let open = 0
  let risky = 0
  let overdue = 0
  let nextDue: string | null = null
  for (const it of items) {
    switch (it.state) {
      case 'met':
        met++
        continue
      case 'pending':
        pending++
        break
      case 'open':
        open++
        if (atRisk(it, now)) risky++
        break
      case 'overdue':
        overdue++
        break
    }
    if (nextDue === null || it.dueBy < nextDue) nextDue = it.dueBy
  }
  const c = { required: items.length, met, pending, open, atRisk: risky, overdue }
  return { ...c, nextDue, rate: met / c.required, status: statusOf(c) }
}

/** Items grouped by a key (unit, branch); items whose key is null are left out. */
export function groupItems(items: readonly ObligationItem[], key: (it: ObligationItem) => string | null): Map<string, ObligationItem[]> {
  const out = new Map<string, ObligationItem[]>()
  for (const it of items) {
    const k = key(it)
    if (k === null) continue
    const list = out.get(k)
    if (list) list.push(it)
    else out.set(k, [it])
  }
  return out
}

/** Unmet first (overdue, then open, soonest due first), then met; for drill-downs and the report. */
export function byUrgency(a: ObligationItem, b: ObligationItem): number {
  const rank = { overdue: 0, open: 1, pending: 2, met: 3 } as const
  return rank[a.state] - rank[b.state] || a.dueBy.localeCompare(b.dueBy) || a.subject.name.localeCompare(b.subject.name, 'zh-CN')
}

/** One period of a target that is owed: its key (`2026-11`, `2026-Q4`, `2026`), bounds and deadline. */
export interface TargetWindow {
  key: string
  start: string
  end: string
  /** When it must be met: the window's end, or the target's fixed deadline. */
  dueBy: string
}

/** The first instant after a Shanghai day `YYYY-MM-DD`: a deadline day counts in full. */
export function endOfDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS + DAY_MS).toISOString()
}

/**
 * The windows of a target owed in a reporting period by `now`: each period of its rhythm that
 * overlaps the reporting period and has begun. A target with a fixed deadline has one window: the
 * period of its rhythm that holds the deadline, due at the deadline's end.
 */
export function targetWindows(t: Pick<Target, 'rhythm' | 'deadline'>, period: Pick<Period, 'start' | 'end'>, now: Date): TargetWindow[] {
  const begun = (w: { start: string }) => Date.parse(w.start) <= now.getTime()
  const overlaps = (w: { start: string; end: string }) => w.start < period.end && w.end > period.start
  if (t.deadline) {
    const dueBy = endOfDay(t.deadline)
    const p = rhythmPeriod(t.rhythm, new Date(Date.parse(dueBy) - 1))
    const w = { key: p.key, start: p.start, end: dueBy, dueBy }
    return overlaps(w) && begun(w) ? [w] : []
  }
  return periodsOf(t.rhythm, period).filter(begun).map((p) => ({ ...p, dueBy: p.end }))
}

/** Every period of a rhythm that overlaps [start, end), oldest first. */
export function periodsOf(rhythm: Rhythm, range: Pick<Period, 'start' | 'end'>): { key: string; start: string; end: string }[] {
  const out: { key: string; start: string; end: string }[] = []
  for (let p = rhythmPeriod(rhythm, new Date(range.start)); p.start < range.end; p = rhythmPeriodOf(shiftRhythmPeriod(p.key, 1))) out.push(p)
  return out
}

/** Whether a target reaches a unit: every unit, or those it names. */
export const appliesTo = (t: Pick<Target, 'unitIds'>, unitId: string): boolean => t.unitIds === null || t.unitIds.includes(unitId)

/**
 * An item's state: met once `metAt` has come (late or not); else overdue once its deadline has
 * passed; else pending while under way (`underWay` has come), or open.
 */
export function stateOf(metAt: string | null, dueBy: string, now: Date, underWay: string | null = null): ObligationItem['state'] {
  const t = now.getTime()
  if (metAt && Date.parse(metAt) <= t) return 'met'
  if (t >= Date.parse(dueBy)) return 'overdue'
  return underWay && Date.parse(underWay) <= t ? 'pending' : 'open'
}
