/** The city's targets: the plan's own (tuned or switched off) and those the city admin adds. */
import type { z } from 'zod'
import { OBLIGATION_LIMITS } from '../../../contract/limits'
import type { Target, TargetParams } from '../../../contract/obligations'
import type { obligations as schemas } from '../../../contract/schemas'
import { TARGET_KIND_LABEL, type TargetKind } from '../../../contract/vocabulary'
import { fail } from '../../../domain/errors'
import type { AuthedCtx } from '../../../runtime/action'
import { newId } from '../../../store/ids'
import { cityTargets } from './evaluation'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

/** What each kind lets a target tune; any other setting is refused. */
const PARAMS_OF: Record<TargetKind, (keyof TargetParams)[]> = {
  youthGroup: ['ageLimit', 'monthDeadlineDay'],
  meetingRhythm: ['meetingTypes'],
  training: ['minRank'],
  democraticMeeting: [],
  standardBranch: ['minGrade', 'modelsPerUnit'],
  dutyReport: ['levels'],
}

const PARAM_LABEL: Record<keyof TargetParams, string> = {
  ageLimit: '青年年龄上限',
  monthDeadlineDay: '每月截止日',
  meetingTypes: '会议类型',
  minRank: '职级范围',
  minGrade: '达标等次',
  modelsPerUnit: '每单位样板党支部数',
  levels: '述职书记类别',
}

export async function targets(_input: In<'targets'>, ctx: AuthedCtx): Promise<{ targets: Target[] }> {
  return { targets: await cityTargets(ctx) }
}

/**
 * Add a target of an existing kind (a new id), or change one: a built-in target keeps its kind and
 * can be switched off, never removed. Only the settings of its kind; units that exist.
 */
export async function setTarget(input: In<'setTarget'>, ctx: AuthedCtx): Promise<Target> {
  const all = await cityTargets(ctx)
  const current = input.id ? (all.find((t) => t.id === input.id) ?? fail('NOT_FOUND', '目标不存在')) : null
  if (current && current.kind !== input.kind)
    fail('BAD_INPUT', current.builtIn ? `内置目标的类型不能修改（应为“${TARGET_KIND_LABEL[current.kind]}”）` : '目标的类型不能修改，请新增一个目标', { field: 'kind' })
  if (!current && all.length >= OBLIGATION_LIMITS.targets) fail('BAD_INPUT', `目标最多 ${OBLIGATION_LIMITS.targets} 个，请停用或修改已有目标`)
  const allowed = PARAMS_OF[input.kind]
  const params = input.params as TargetParams
  const extra = (Object.keys(params) as (keyof TargetParams)[]).filter((k) => params[k] !== undefined && !allowed.includes(k))
  if (extra.length)
    fail('BAD_INPUT', `“${TARGET_KIND_LABEL[input.kind]}”类目标不能设置${extra.map((k) => PARAM_LABEL[k]).join('、')}`, { field: `params.${extra[0]}` })
  if (input.unitIds) {
    const missing = await ctx.store.missingOrgIds('unit', input.unitIds)
    if (missing.length) fail('BAD_INPUT', `单位不存在：${missing.slice(0, 5).join('、')}`, { field: 'unitIds' })
  }
  const target: Target = {
    id: current?.id ?? newId(),
    kind: input.kind,
    name: input.name,
    description: input.description,
    rhythm: input.rhythm,
    deadline: input.deadline,
    unitIds: input.unitIds ? [...new Set(input.unitIds)] : null,
    params,
    active: input.active,
    builtIn: current?.builtIn ?? false,
    updatedAt: ctx.now().toISOString(),
    updatedBy: ctx.caller.id,
  }
  return ctx.audit.recording(
    () => ctx.store.saveTarget(target),
    () => target,
  )
}
