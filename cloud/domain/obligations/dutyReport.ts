/**
 * 书记抓党建述职评议: each year the 机关党委书记 of every unit and the 党支部书记 of every branch report
 * (述职) and the level above appraises the report (评议). A report not yet appraised waits (pending).
 */
import type { DutyReport, ObligationItem, ObligationSubject, Target } from '../../contract/obligations'
import type { DutyLevel } from '../../contract/vocabulary'
import type { Period } from '../period'
import { appliesTo, stateOf, type TargetWindow } from './engine'
import type { DutyReportInput, ObligationOrg } from './inputs'
import { by, files, lateBy, owesFrom, yearOf } from './shared'

/** One item per secretary (of each unit and branch, as the target's levels say) and window. */
export function dutyReportItems(target: Target, windows: TargetWindow[], _period: Period, org: ObligationOrg, input: DutyReportInput, now: Date): ObligationItem[] {
  const levels = new Set<DutyLevel>(target.params.levels ?? ['unit', 'branch'])
  const reportOf = new Map<string, DutyReport>()
  for (const r of input.reports) if (by(r.submittedAt, now)) reportOf.set(`${r.level}/${r.subjectId}/${r.year}`, r)
  const items: ObligationItem[] = []
  for (const w of windows) {
    const year = yearOf(w.key)
    const owe = (level: DutyLevel, subject: ObligationSubject, unitId: string, branchId: string | null) => {
      const r = reportOf.get(`${level}/${subject.id}/${year}`)
      const metAt = r && by(r.appraisedAt, now) ? r.appraisedAt : null
      items.push({
        what: `${year} 年度述职评议`,
        unitId,
        branchId,
        subject,
        state: stateOf(metAt, w.dueBy, now, r?.submittedAt ?? null),
        from: w.start,
        dueBy: w.dueBy,
        metAt,
        late: lateBy(metAt, w.dueBy),
        note: !r ? '未述职' : metAt ? null : '已述职，待评议',
        evidence: r ? [{ kind: 'dutyReport', id: r.id, label: `${r.reporterName} ${year} 年度述职` }, ...files(r.evidence)] : [],
      })
    }
    for (const u of org.units) {
      if (!appliesTo(target, u.id)) continue
      if (levels.has('unit')) owe('unit', { kind: 'unit', id: u.id, name: `${u.name}机关党委书记` }, u.id, null)
    }
    if (!levels.has('branch')) continue
    for (const b of org.branches) {
      if (!appliesTo(target, b.unitId) || !owesFrom(b.createdAt, w)) continue
      owe('branch', { kind: 'branch', id: b.id, name: org.secretaries.get(b.id) ?? b.name }, b.unitId, b.id)
    }
  }
  return items
}
