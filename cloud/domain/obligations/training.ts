/**
 * 县处级以上全员轮训: every cadre at or above the target's rank attends an activity that serves the
 * target (or its make-up) by the deadline; attending after it still meets the item, late.
 */
import type { ObligationItem, Target } from '../../contract/obligations'
import { CADRE_RANKS, type CadreRank } from '../../contract/vocabulary'
import type { Period } from '../period'
import { appliesTo, stateOf, type TargetWindow } from './engine'
import type { ObligationOrg, TrainingInput } from './inputs'
import { lateBy } from './shared'

/** The ranks a training target reaches: its lowest rank and every rank above it (CADRE_RANKS is highest first). */
export function ranksFrom(minRank: CadreRank | undefined): CadreRank[] {
  return CADRE_RANKS.slice(0, CADRE_RANKS.indexOf(minRank ?? 'county') + 1)
}

/** One item per cadre and window: attended between the window's start and now. */
export function trainingItems(target: Target, windows: TargetWindow[], _period: Period, _org: ObligationOrg, input: TrainingInput, now: Date): ObligationItem[] {
  const ranks = new Set(ranksFrom(target.params.minRank))
  const cadres = input.cadres.filter((c) => ranks.has(c.cadreRank) && appliesTo(target, c.unitId))
  const t = now.getTime()
  const items: ObligationItem[] = []
  for (const w of windows) {
    for (const c of cadres) {
      const a = input.attended.get(c.id)
      const counts = a && Date.parse(a.at) >= Date.parse(w.start) && Date.parse(a.at) <= t ? a : null
      const metAt = counts ? counts.at : null
      const late = lateBy(metAt, w.dueBy)
      items.push({
        what: `${w.key} 轮训`,
        unitId: c.unitId,
        branchId: c.branchId,
        subject: { kind: 'member', id: c.id, name: c.name },
        state: stateOf(metAt, w.dueBy, now),
        from: w.start,
        dueBy: w.dueBy,
        metAt,
        late,
        note: !counts ? '未参加轮训' : late ? '逾期参加轮训' : null,
        evidence: counts ? [{ kind: 'checkIn', id: counts.activityId, label: counts.title }] : [],
      })
    }
  }
  return items
}
