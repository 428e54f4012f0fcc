/**
 * 民主生活会全覆盖列席: every unit's leadership team holds its 民主生活会 in each period, with a 工委
 * comrade attending. Held without one, it waits on the 工委 (pending) until the deadline.
 */
import type { DemocraticMeeting, ObligationItem, Target } from '../../contract/obligations'
import type { Period } from '../period'
import { appliesTo, stateOf, type TargetWindow } from './engine'
import type { DemocraticMeetingInput, ObligationOrg } from './inputs'
import { by, files, lateBy } from './shared'

/** One item per unit and window. */
export function democraticMeetingItems(target: Target, windows: TargetWindow[], _period: Period, org: ObligationOrg, input: DemocraticMeetingInput, now: Date): ObligationItem[] {
  const byUnit = new Map<string, DemocraticMeeting[]>()
  for (const m of input.meetings) {
    if (!by(m.recordedAt, now) || !by(m.heldAt, now)) continue
    const list = byUnit.get(m.unitId)
    if (list) list.push(m)
    else byUnit.set(m.unitId, [m])
  }
  const items: ObligationItem[] = []
  for (const w of windows) {
    for (const u of org.units) {
      if (!appliesTo(target, u.id)) continue
      const held = (byUnit.get(u.id) ?? []).filter((m) => Date.parse(m.heldAt) >= Date.parse(w.start) && Date.parse(m.heldAt) < Date.parse(w.end))
      // One attended by the 工委 meets it; of several, the earliest such.
      const m = held.filter((x) => x.attendeeName).sort((a, b) => a.heldAt.localeCompare(b.heldAt))[0] ?? held.sort((a, b) => a.heldAt.localeCompare(b.heldAt))[0]
      const base = { what: `${w.key} 民主生活会`, unitId: u.id, branchId: null, subject: { kind: 'unit' as const, id: u.id, name: u.name }, from: w.start, dueBy: w.dueBy }
      if (!m) {
        items.push({ ...base, state: stateOf(null, w.dueBy, now), metAt: null, late: false, note: '未召开', evidence: [] })
        continue
      }
      const evidence = [{ kind: 'democraticMeeting' as const, id: m.id, label: m.topic }, ...files(m.evidence)]
      const metAt = m.attendeeName ? m.heldAt : null
      items.push({
        ...base,
        state: stateOf(metAt, w.dueBy, now, m.heldAt),
        metAt,
        late: lateBy(metAt, w.dueBy),
        note: metAt ? null : '工委未派员列席',
        evidence,
      })
    }
  }
  return items
}
