/** Records that meet targets: a unit's 民主生活会, the standard-branch checklist and branches' scores on it. */
import type { z } from 'zod'
import type { BranchScore, Checklist, Criterion, DemocraticMeeting } from '../../../contract/obligations'
import type { obligations as schemas } from '../../../contract/schemas'
import { fail } from '../../../domain/errors'
import { gradeOf, scoreProblems } from '../../../domain/obligations/standardBranch'
import { DEFAULT_CHECKLIST } from '../../../domain/obligations/targets'
import { parsePeriod } from '../../../domain/period'
import { isCityAdmin, isUnitAdminOf } from '../../../domain/roles'
import { periodKeys } from '../../../domain/time'
import type { AuthedCtx } from '../../../runtime/action'
import type { Ctx } from '../../../runtime/context'
import { newId } from '../../../store/ids'
import { unitsListed } from './access'
import { assertEvidence } from './evidence'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

const thisYear = (ctx: Ctx) => periodKeys(ctx.now()).year
const orNull = (s: string | null) => (s && s.trim() ? s.trim() : null)

export async function democraticMeetings(input: In<'democraticMeetings'>, ctx: AuthedCtx): Promise<{ year: string; meetings: DemocraticMeeting[] }> {
  const year = input.year ?? thisYear(ctx)
  const units = await unitsListed(ctx, input.unitId)
  const p = parsePeriod(year, ctx.now())
  return { year, meetings: units?.length === 0 ? [] : await ctx.store.democraticMeetings(p.start, p.end, units) }
}

/** A unit's 民主生活会, recorded by its admin or the city admin once it has been held; it counts for the year it was held in. */
export async function recordDemocraticMeeting(input: In<'recordDemocraticMeeting'>, ctx: AuthedCtx): Promise<DemocraticMeeting> {
  if ((await ctx.store.missingOrgIds('unit', [input.unitId])).length) fail('NOT_FOUND', '单位不存在或已合并')
  if (!isCityAdmin(ctx.caller) && !isUnitAdminOf(ctx.caller, input.unitId)) fail('FORBIDDEN', '只有本单位管理员或市直机关工委可以登记民主生活会')
  if (Date.parse(input.heldAt) > ctx.now().getTime()) fail('BAD_INPUT', '召开时间不能晚于现在，会议召开后再登记', { field: 'heldAt' })
  await assertEvidence(ctx, input.evidence, input.unitId)
  const heldAt = new Date(input.heldAt).toISOString()
  return ctx.audit.recording(() =>
    ctx.store.insertDemocraticMeeting({
      unitId: input.unitId,
      heldAt,
      forPeriod: periodKeys(new Date(heldAt)).year,
      topic: input.topic,
      attendeeName: orNull(input.attendeeName),
      attendeePost: orNull(input.attendeePost),
      evidence: [...new Set(input.evidence)],
      recordedBy: ctx.caller.id,
      recordedAt: ctx.now().toISOString(),
    }),
  )
}

const checklistOf = async (ctx: Ctx): Promise<Checklist> => (await ctx.store.getChecklist()) ?? DEFAULT_CHECKLIST

export async function checklist(_input: In<'checklist'>, ctx: AuthedCtx): Promise<Checklist> {
  return checklistOf(ctx)
}

/**
 * The city's checklist: a criterion sent with its id (or with the same text as one kept) keeps that
 * id, so scores already given stay attached to it; a new one gets a new id.
 */
export async function setChecklist(input: In<'setChecklist'>, ctx: AuthedCtx): Promise<Checklist> {
  const current = await checklistOf(ctx)
  const byId = new Map(current.criteria.map((c) => [c.id, c]))
  const used = new Set<string>()
  const criteria: Criterion[] = input.criteria.map((c) => {
    let id = c.id && byId.has(c.id) ? c.id : undefined
    if (c.id && used.has(c.id)) fail('BAD_INPUT', '考评内容重复，请检查后再保存', { field: 'criteria' })
    id ??= current.criteria.find((k) => k.text === c.text && !used.has(k.id) && !input.criteria.some((x) => x.id === k.id))?.id ?? newId()
    used.add(id)
    return { id, text: c.text, maxScore: c.maxScore }
  })
  const next: Checklist = { criteria, thresholds: input.thresholds, updatedAt: ctx.now().toISOString(), updatedBy: ctx.caller.id }
  return ctx.audit.recording(
    () => ctx.store.saveChecklist(next),
    () => next,
  )
}

export async function branchScores(input: In<'branchScores'>, ctx: AuthedCtx): Promise<{ year: string; scores: BranchScore[] }> {
  const year = input.year ?? thisYear(ctx)
  const units = await unitsListed(ctx, input.unitId)
  return { year, scores: units?.length === 0 ? [] : await ctx.store.branchScores(year, units) }
}

/** A branch scored on the city's checklist for a year, by its unit's admin or the city admin; the grade follows from the total. */
export async function scoreBranch(input: In<'scoreBranch'>, ctx: AuthedCtx): Promise<BranchScore> {
  const branch = (await ctx.store.getBranch(input.branchId)) ?? fail('NOT_FOUND', '党支部不存在')
  if (!isCityAdmin(ctx.caller) && !isUnitAdminOf(ctx.caller, branch.unitId)) fail('FORBIDDEN', '只有本单位管理员或市直机关工委可以评定党支部')
  if (Number(input.year) > Number(thisYear(ctx))) fail('BAD_INPUT', '不能评定尚未开始的年度', { field: 'year' })
  const list = await checklistOf(ctx)
  const problem = scoreProblems(list, input.scores)
  if (problem) fail('BAD_INPUT', problem, { field: 'scores' })
  await assertEvidence(
    ctx,
    input.scores.flatMap((s) => s.evidence),
    branch.unitId,
    'scores',
  )
  const total = input.scores.reduce((s, x) => s + x.score, 0)
  const maxTotal = list.criteria.reduce((s, c) => s + c.maxScore, 0)
  const score: BranchScore = {
    branchId: branch.id,
    unitId: branch.unitId,
    year: input.year,
    scores: input.scores.map((s) => ({ criterionId: s.criterionId, score: s.score, note: orNull(s.note), evidence: [...new Set(s.evidence)] })),
    total,
    maxTotal,
    grade: gradeOf(total, maxTotal, list.thresholds),
    scoredBy: ctx.caller.id,
    scoredAt: ctx.now().toISOString(),
  }
  return ctx.audit.recording(
    () => ctx.store.saveBranchScore(score),
    () => score,
  )
}
