/**
 * The upward report's summary (记实建档): each target's standing, the branch-life rates and every
 * overdue item. The printable page (`stats.reportSummary`) and the workbook's 汇总 sheet are built
 * from this one value, so the file says what the page says.
 */
import type { z } from 'zod'
import type { Member } from '../../../contract/model'
import type { ObligationItem, ReportSummary } from '../../../contract/obligations'
import type { obligations as schemas } from '../../../contract/schemas'
import { byUrgency } from '../../../domain/obligations/engine'
import { parsePeriod } from '../../../domain/period'
import { periodKeys } from '../../../domain/time'
import type { AuthedCtx } from '../../../runtime/action'
import { assertMayReport, seesNamesOf } from './access'
import { scopeView, type ScopeView } from './scope'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

/** The city's report is named for the city. */
export const CITY_SCOPE_NAME = '市直机关'
/** What stands in for a name the caller may not see. */
export const NAME_WITHHELD = '（姓名不公开）'

/** An item with the names the caller may see: a member they do not answer for is not named. */
export function shownItem<T extends ObligationItem>(m: Member, it: T): T {
  return it.subject.kind === 'member' && !seesNamesOf(m, it) ? { ...it, subject: { ...it.subject, id: '', name: NAME_WITHHELD } } : it
}

/** Names of units and branches, for the report's rows. */
export function namesOf(view: ScopeView): { unit: (id: string) => string; branch: (id: string | null) => string | null } {
  const units = new Map(view.ev.data.org.units.map((u) => [u.id, u.name]))
  const branches = new Map(view.ev.data.org.branches.map((b) => [b.id, b.name]))
  return { unit: (id) => units.get(id) ?? '', branch: (id) => (id ? (branches.get(id) ?? null) : null) }
}

export function summaryOf(view: ScopeView, caller: Member): ReportSummary {
  const names = namesOf(view)
  const overdue: ReportSummary['overdue'] = []
  for (const t of view.ev.targets) {
    const items = (view.ev.items.get(t.id) ?? []).filter((it) => it.state === 'overdue' && view.inScope(it)).sort(byUrgency)
    for (const it of items) overdue.push({ ...shownItem(caller, it), targetName: t.name, unitName: names.unit(it.unitId), branchName: names.branch(it.branchId) })
  }
  return {
    period: view.ev.period.key,
    scopeName: view.unitName ?? CITY_SCOPE_NAME,
    unitId: view.unitId,
    targets: view.standings.map((s) => ({
      targetId: s.target.id,
      name: s.target.name,
      kind: s.target.kind,
      required: s.total.required,
      met: s.total.met,
      rate: s.total.rate,
      status: s.total.status,
      green: s.green,
      amber: s.amber,
      red: s.red,
    })),
    rates: view.rates,
    overdue,
    computedAt: view.ev.now.toISOString(),
  }
}

/** The page of the report a caller may have: the city's for the city admin, a unit's for its admins. */
export async function reportView(input: { period?: string; unitId?: string }, ctx: AuthedCtx): Promise<ScopeView> {
  assertMayReport(ctx.caller, input.unitId ?? null)
  const now = ctx.now()
  return scopeView(ctx, parsePeriod(input.period ?? periodKeys(now).year, now), input.unitId ?? null)
}

export async function reportSummary(input: In<'reportSummary'>, ctx: AuthedCtx): Promise<ReportSummary> {
  return summaryOf(await reportView(input, ctx), ctx.caller)
}
