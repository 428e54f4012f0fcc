/**
 * The dashboards' matrix: units × targets for the city, or branches × targets of one unit, each
 * cell a target's items there summed by the engine; and each target's standing over the rows.
 */
import type { ObligationCell, ObligationItem, ObligationRow, Target, TargetStanding } from '../../contract/obligations'
import { cellOf } from './engine'
import type { ObligationOrg } from './inputs'

/** A cell where nothing is owed: the standing of a target that reaches no one in scope. */
export const EMPTY_CELL: ObligationCell = { required: 0, met: 0, pending: 0, open: 0, atRisk: 0, overdue: 0, rate: 1, status: 'green', nextDue: null }

/** The name of a unit's own row on its branch page: items owed by the unit itself (or members in no branch). */
export const UNIT_OWN_ROW = '单位本级'

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN')

/**
 * Rows and standings. Level 'unit': a row per unit. Level 'branch': a row per branch of `unitId`, and
 * a row for the unit itself (id `unitId`) when it owes items outside any of its branches. A target
 * that owes nothing in a row has no cell there.
 */
export function obligationMatrix(
  level: 'unit' | 'branch',
  org: ObligationOrg,
  unitId: string | null,
  targets: Target[],
  items: Map<string, ObligationItem[]>,
  now: Date,
): { rows: Omit<ObligationRow, 'rates'>[]; standings: TargetStanding[] } {
  type Row = Omit<ObligationRow, 'rates'>
  const rows: Row[] = []
  let rowOf: (it: ObligationItem) => string | null
  if (level === 'unit') {
    const known = new Set(org.units.map((u) => u.id))
    for (const u of [...org.units].sort(byName)) rows.push({ id: u.id, name: u.name, unitId: u.id, cells: {} })
    rowOf = (it) => (known.has(it.unitId) ? it.unitId : null)
  } else {
    if (!unitId) throw new Error('obligations: the branch matrix needs a unit')
    const branches = org.branches.filter((b) => b.unitId === unitId).sort(byName)
    const known = new Set(branches.map((b) => b.id))
    for (const b of branches) rows.push({ id: b.id, name: b.name, unitId, cells: {} })
    rows.push({ id: unitId, name: UNIT_OWN_ROW, unitId, cells: {} })
    rowOf = (it) => (it.unitId !== unitId ? null : it.branchId && known.has(it.branchId) ? it.branchId : unitId)
  }
  const byId = new Map(rows.map((r) => [r.id, r]))
  const standings: TargetStanding[] = []
  for (const t of targets) {
    const inScope: ObligationItem[] = []
    const perRow = new Map<string, ObligationItem[]>()
    for (const it of items.get(t.id) ?? []) {
      const r = rowOf(it)
      if (r === null) continue
      inScope.push(it)
      const list = perRow.get(r)
      if (list) list.push(it)
      else perRow.set(r, [it])
    }
    const standing: TargetStanding = { target: t, total: cellOf(inScope, now) ?? EMPTY_CELL, green: 0, amber: 0, red: 0 }
    for (const [id, list] of perRow) {
      const cell = cellOf(list, now)
      const row = byId.get(id)
      if (!cell || !row) continue
      row.cells[t.id] = cell
      standing[cell.status]++
    }
    standings.push(standing)
  }
  // The unit's own row only when it owes something outside its branches.
  const out = level === 'branch' ? rows.filter((r) => r.id !== unitId || Object.keys(r.cells).length > 0) : rows
  return { rows: out, standings }
}
