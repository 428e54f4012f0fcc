/** The obligations dashboards: the matrix of a period with a cell's items on request, and the trend of a year. */
import type { z } from 'zod'
import type { ObligationDetail, ObligationsResult, ObligationTrend } from '../../../contract/obligations'
import type { obligations as schemas } from '../../../contract/schemas'
import { fail } from '../../../domain/errors'
import { byUrgency } from '../../../domain/obligations/engine'
import { EMPTY_CELL } from '../../../domain/obligations/matrix'
import { obligationTrend as trendOf } from '../../../domain/obligations/trend'
import { parsePeriod } from '../../../domain/period'
import { periodKeys } from '../../../domain/time'
import type { AuthedCtx } from '../../../runtime/action'
import { visibleItems } from './access'
import { cityTargets, loadData } from './evaluation'
import { scopeView, type ScopeView } from './scope'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

/**
 * Units × targets of the city (or branches × targets of `unitId`) for a period (default: this
 * year), with every row's rates; with `targetId` and `scopeId` also that cell's items. Every
 * organizer sees the numbers; the names behind them only where they answer for the people.
 */
export async function obligations(input: In<'obligations'>, ctx: AuthedCtx): Promise<ObligationsResult> {
  const period = parsePeriod(input.period ?? periodKeys(ctx.now()).year, ctx.now())
  const view = await scopeView(ctx, period, input.unitId ?? null)
  return {
    period: period.key,
    level: view.level,
    unitId: view.unitId,
    unitName: view.unitName,
    targets: view.standings,
    rows: view.rows,
    rates: view.rates,
    detail: input.targetId && input.scopeId ? detailOf(view, input.targetId, input.scopeId, ctx) : null,
    computedAt: view.ev.now.toISOString(),
  }
}

/** A cell's items as the caller may see them, unmet first. */
function detailOf(view: ScopeView, targetId: string, scopeId: string, ctx: AuthedCtx): ObligationDetail {
  if (!view.ev.targets.some((t) => t.id === targetId)) fail('NOT_FOUND', '目标不存在或已停用')
  const row = view.rows.find((r) => r.id === scopeId) ?? fail('NOT_FOUND', view.level === 'unit' ? '单位不存在' : '该党支部不属于本单位')
  const inRow = view.inRow(row.id)
  const all = (view.ev.items.get(targetId) ?? []).filter((it) => view.inScope(it) && inRow(it))
  const { items, namesWithheld } = visibleItems(ctx.caller, all)
  return { targetId, scopeId, scopeName: row.name, cell: row.cells[targetId] ?? EMPTY_CELL, items: items.sort(byUrgency), namesWithheld }
}

/** Each active target's share met at the end of every month of a year (default: this year) so far. */
export async function obligationTrend(input: In<'obligationTrend'>, ctx: AuthedCtx): Promise<ObligationTrend> {
  const now = ctx.now()
  const year = input.year ?? periodKeys(now).year
  const period = parsePeriod(year, now)
  const targets = (await cityTargets(ctx)).filter((t) => t.active)
  const data = await loadData(ctx, targets, period, now)
  if (input.unitId && !data.org.units.some((u) => u.id === input.unitId)) fail('NOT_FOUND', '单位不存在或已合并')
  return trendOf(targets, year, data, now, input.unitId ?? null)
}
