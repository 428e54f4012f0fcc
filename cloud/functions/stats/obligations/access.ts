/**
 * Who may see and record what on the obligations pages: names behind the numbers only for those who
 * answer for the people (the city admin, the unit's admins, the branch's runners); records of a unit
 * for those who keep them.
 */
import type { Member } from '../../../contract/model'
import type { ObligationItem } from '../../../contract/obligations'
import { fail } from '../../../domain/errors'
import { adminUnits, branchesRun, isCityAdmin, isUnitAdminOf, organizesUnit, runsBranch } from '../../../domain/roles'
import type { AuthedCtx } from '../../../runtime/action'

/** Whether the caller may see the names on an item: its unit's admins, its branch's runners, the city admin. */
export const seesNamesOf = (m: Member, it: Pick<ObligationItem, 'unitId' | 'branchId'>): boolean =>
  isCityAdmin(m) || isUnitAdminOf(m, it.unitId) || (it.branchId !== null && runsBranch(m, { id: it.branchId, unitId: it.unitId }))

/** Items as the caller may see them: a member's item whose name they may not see is left out. */
export function visibleItems<T extends ObligationItem>(m: Member, items: T[]): { items: T[]; namesWithheld: boolean } {
  const shown = items.filter((it) => it.subject.kind !== 'member' || seesNamesOf(m, it))
  return { items: shown, namesWithheld: shown.length < items.length }
}

/** The units whose branches the caller runs by a branch grant (one store read, none without such grants). */
async function unitsOfBranchesRun(ctx: AuthedCtx): Promise<Set<string>> {
  const ids = branchesRun(ctx.caller)
  if (!ids.length) return new Set()
  return new Set([...(await ctx.store.branchesOf('branch', ids)).values()].map((b) => b.unitId))
}

/** May the caller record for the unit (民主生活会 evidence, scores' evidence, 述职 evidence)? */
export async function recordsFor(ctx: AuthedCtx, unitId: string): Promise<boolean> {
  const me = ctx.caller
  return isCityAdmin(me) || isUnitAdminOf(me, unitId) || (await unitsOfBranchesRun(ctx)).has(unitId)
}

/** May the caller read the unit's records (evidence, scores, reports)? Its admins and organizers, its branches' runners, the city admin. */
export async function readsRecordsOf(ctx: AuthedCtx, unitId: string): Promise<boolean> {
  return organizesUnit(ctx.caller, unitId) || (await unitsOfBranchesRun(ctx)).has(unitId)
}

/**
 * The units whose records a list shows: the one asked for (if the caller may read it), else every
 * unit the caller may read (null: all of them, for the city admin).
 */
export async function unitsListed(ctx: AuthedCtx, unitId: string | undefined): Promise<string[] | null> {
  if (unitId) {
    if (!(await readsRecordsOf(ctx, unitId))) fail('FORBIDDEN', '只能查看您负责单位的记录')
    return [unitId]
  }
  const me = ctx.caller
  if (isCityAdmin(me)) return null
  const own = me.roles.filter((g) => (g.role === 'organizer' || g.role === 'unitAdmin') && g.unitId && !g.groupId).map((g) => g.unitId as string)
  return [...new Set([...own, ...(adminUnits(me) ?? []), ...(await unitsOfBranchesRun(ctx))])]
}

/** The city's report is the city admin's; a unit's is its admins' (and the city admin's). */
export function assertMayReport(m: Member, unitId: string | null): void {
  if (unitId === null) {
    if (!isCityAdmin(m)) fail('FORBIDDEN', '只有市直机关工委管理员可以生成全市报告，单位管理员请选择本单位')
  } else if (!isCityAdmin(m) && !isUnitAdminOf(m, unitId)) fail('FORBIDDEN', '只能生成本单位的记实报告')
}
