/**
 * 述职评议: a secretary's report for a year (a branch's by its runners or the unit's admin, a unit's
 * 机关党委书记's by the unit's admin) and its appraisal by the level above, never by whoever submitted it.
 */
import type { z } from 'zod'
import type { DutyReport } from '../../../contract/obligations'
import type { obligations as schemas } from '../../../contract/schemas'
import { fail } from '../../../domain/errors'
import { isCityAdmin, isUnitAdminOf, runsBranch } from '../../../domain/roles'
import { periodKeys } from '../../../domain/time'
import type { AuthedCtx } from '../../../runtime/action'
import { StoreError } from '../../../store/errors'
import { unitsListed } from './access'
import { assertEvidence } from './evidence'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

export async function dutyReports(input: In<'dutyReports'>, ctx: AuthedCtx): Promise<{ year: string; reports: DutyReport[] }> {
  const year = input.year ?? periodKeys(ctx.now()).year
  const units = await unitsListed(ctx, input.unitId)
  return { year, reports: units?.length === 0 ? [] : await ctx.store.dutyReports(year, units) }
}

/** The unit a report belongs to, once the caller may submit it. */
async function reportingUnit(input: In<'submitDutyReport'>, ctx: AuthedCtx): Promise<string> {
  const me = ctx.caller
  if (input.level === 'branch') {
    const branch = (await ctx.store.getBranch(input.subjectId)) ?? fail('NOT_FOUND', '党支部不存在')
    if (!runsBranch(me, branch) && !isUnitAdminOf(me, branch.unitId)) fail('FORBIDDEN', '只有本支部书记、组织委员或本单位管理员可以提交党支部书记述职')
    return branch.unitId
  }
  if ((await ctx.store.missingOrgIds('unit', [input.subjectId])).length) fail('NOT_FOUND', '单位不存在或已合并')
  if (!isUnitAdminOf(me, input.subjectId)) fail('FORBIDDEN', '只有本单位管理员可以提交机关党委书记述职')
  return input.subjectId
}

/** Submit or revise a 述职 report until it is appraised. */
export async function submitDutyReport(input: In<'submitDutyReport'>, ctx: AuthedCtx): Promise<DutyReport> {
  const unitId = await reportingUnit(input, ctx)
  if (Number(input.year) > Number(periodKeys(ctx.now()).year)) fail('BAD_INPUT', '不能提交尚未开始年度的述职', { field: 'year' })
  await assertEvidence(ctx, input.evidence, unitId)
  try {
    return await ctx.audit.recording(() =>
      ctx.store.saveDutyReport({
        level: input.level,
        subjectId: input.subjectId,
        unitId,
        year: input.year,
        reporterName: input.reporterName,
        text: input.text,
        evidence: [...new Set(input.evidence)],
        submittedBy: ctx.caller.id,
        submittedAt: ctx.now().toISOString(),
      }),
    )
  } catch (e) {
    if (e instanceof StoreError && e.kind === 'conflict') fail('CONFLICT', '该述职报告已评议，不能再修改')
    throw e
  }
}

/** Appraise a report: a branch's by its unit's admin or the city admin, a unit's by the city admin. */
export async function appraiseDutyReport(input: In<'appraiseDutyReport'>, ctx: AuthedCtx): Promise<DutyReport> {
  const me = ctx.caller
  const report = (await ctx.store.getDutyReport(input.reportId)) ?? fail('NOT_FOUND', '述职报告不存在')
  if (report.submittedBy === me.id) fail('FORBIDDEN', '不能评议自己提交的述职报告，请由上级评议')
  if (report.level === 'unit' ? !isCityAdmin(me) : !isCityAdmin(me) && !isUnitAdminOf(me, report.unitId))
    fail('FORBIDDEN', report.level === 'unit' ? '机关党委书记述职由市直机关工委评议' : '党支部书记述职由本单位管理员或市直机关工委评议')
  if (report.grade) fail('CONFLICT', '该述职报告已评议')
  const appraisal = { grade: input.grade, comment: input.comment && input.comment.trim() ? input.comment.trim() : null, appraisedBy: me.id, appraisedAt: ctx.now().toISOString() }
  try {
    return await ctx.audit.recording(() => ctx.store.appraiseDutyReport(report.id, appraisal))
  } catch (e) {
    if (e instanceof StoreError && e.kind === 'conflict') fail('CONFLICT', '该述职报告已评议')
    throw e
  }
}
