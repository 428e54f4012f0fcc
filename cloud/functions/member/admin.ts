import type { z } from 'zod'
import { LIST_MAX } from '../../contract/limits'
import type { Member, RoleGrant } from '../../contract/model'
import type { member as schemas } from '../../contract/schemas'
import { BRANCH_ROLES, type CadreRank, type PartyStatus } from '../../contract/vocabulary'
import { fail } from '../../domain/errors'
import { planRoster, type RosterError, type RosterSummary } from '../../domain/roster'
import { idNumberFor, maskPhone } from '../../domain/privacy'
import { adminUnits, isCityAdmin, isUnitAdminOf, mayGrant, organizesUnit, outranks } from '../../domain/roles'
import { newBindCode, newId } from '../../store/ids'
import type { AuthedCtx } from '../../runtime/action'
import { readRoster } from './rosterFile'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

export interface ImportResult {
  applied: boolean
  summary: RosterSummary
  errors: RosterError[]
}

/** 花名册导入: every bad row reported, nothing written unless every row is good. */
export async function importRoster(input: In<'importRoster'>, ctx: AuthedCtx): Promise<ImportResult> {
  const rows = await readRoster(input.format, input.file)
  const org = await ctx.store.orgSnapshot()
  const plan = planRoster(
    rows,
    org,
    { cityAdmin: isCityAdmin(ctx.caller), unitIds: adminUnits(ctx.caller) ?? [] },
    { deactivateMissing: input.deactivateMissing ?? false, today: ctx.now().toISOString().slice(0, 10) },
    { id: newId, bindCode: newBindCode },
  )
  if (plan.errors.length)
    fail('BAD_INPUT', `花名册有 ${new Set(plan.errors.map((e) => e.row)).size} 行需要修改，未导入任何数据`, {
      errors: plan.errors,
      summary: plan.summary,
    })
  const result: ImportResult = { applied: !input.dryRun, summary: plan.summary, errors: [] }
  if (input.dryRun) return result
  return ctx.audit.recording(() => ctx.store.importOrg(plan.batch, ctx.now().toISOString()), () => result)
}

export interface RosterMember {
  id: string
  memberNo: string
  name: string
  birthDate: string | null
  /** Where they sit in the unit, and whether they vote (正式) or not yet (预备). */
  branchId: string | null
  partyGroupId: string | null
  partyStatus: PartyStatus
  /** 职级 as the roster recorded it; null: not recorded. */
  cadreRank: CadreRank | null
  phone: string | null
  idNumber: string | null
  roles: RoleGrant[]
  active: boolean
  /** Only for people who organize the unit: they hand out the codes. */
  bindCode: string | null
  /** A WeChat account is bound (the WeChat world). */
  bound: boolean
  /** Has signed in since the code was issued: bound a WeChat account, or signed in with the code (local world). */
  signedIn: boolean
}

/** The unit's roster; phones masked except for the unit's own admins. */
export async function roster(input: In<'roster'>, ctx: AuthedCtx): Promise<{ members: RosterMember[] }> {
  if (!organizesUnit(ctx.caller, input.unitId)) fail('FORBIDDEN', '只能查看您负责单位的花名册')
  const list = await ctx.store.listMembersOfUnit(input.unitId, input.query, input.includeInactive ?? false, LIST_MAX.roster)
  return {
    members: list.map((m) => ({
      id: m.id,
      memberNo: m.memberNo,
      name: m.name,
      birthDate: m.birthDate,
      branchId: m.branchId,
      partyGroupId: m.partyGroupId,
      partyStatus: m.partyStatus,
      cadreRank: m.cadreRank,
      phone: maskPhone(m.phone, ctx.caller, m.unitId),
      idNumber: idNumberFor(m.idNumber, ctx.caller, m.unitId),
      roles: m.roles,
      active: m.active,
      // A code is a standing sign-in: shown only to someone who stands above its holder.
      bindCode: m.active && outranks(ctx.caller, m) ? m.bindCode : null,
      bound: m.bound,
      signedIn: m.signedIn,
    })),
  }
}

export async function setRole(input: In<'setRole'>, ctx: AuthedCtx): Promise<Member> {
  const target: Member = (await ctx.store.getMember(input.memberId)) ?? fail('NOT_FOUND', '党员不存在')
  const grant: RoleGrant = { role: input.role }
  const branchRole = (BRANCH_ROLES as readonly string[]).includes(input.role)
  if (branchRole) {
    // A branch role names its branch, and its unit follows from the branch.
    if (!input.branchId) fail('BAD_INPUT', '请选择党支部', { field: 'branchId' })
    const branch = (await ctx.store.getBranch(input.branchId)) ?? fail('NOT_FOUND', '党支部不存在')
    grant.branchId = branch.id
    grant.unitId = branch.unitId
    if (!mayGrant(ctx.caller, grant, [])) fail('FORBIDDEN', '您没有设置该角色的权限')
    if (input.grant && target.branchId !== branch.id) fail('BAD_INPUT', '该党员不在本支部')
  } else if (input.branchId) {
    fail('BAD_INPUT', '只有支部书记、组织委员、支部委员需要选择党支部', { field: 'branchId' })
  } else if (input.role === 'cityAdmin') {
    if (input.unitId || input.groupId) fail('BAD_INPUT', '市直机关工委管理员不属于某个单位或小组')
  } else if (input.groupId) {
    grant.groupId = input.groupId
    grant.unitId = target.unitId
  } else {
    grant.unitId = input.unitId ?? target.unitId
    if (grant.unitId !== target.unitId) fail('BAD_INPUT', '只能在党员所在单位为其设置角色')
  }
  const groupUnits = input.groupId ? ((await ctx.store.youthGroupUnits(input.groupId)) ?? fail('NOT_FOUND', '青年理论学习小组不存在')) : []
  if (input.groupId && target.youthGroupId !== input.groupId) fail('BAD_INPUT', '该党员不在这个青年理论学习小组')
  if (!mayGrant(ctx.caller, grant, groupUnits)) fail('FORBIDDEN', '您没有设置该角色的权限')
  if (!input.grant && target.id === ctx.caller.id && (input.role === 'cityAdmin' || input.role === 'unitAdmin'))
    fail('CONFLICT', '不能撤销自己的管理员角色，请由其他管理员操作')
  return ctx.audit.recording(() => ctx.store.setRoleGrant(target.id, grant, input.grant), (member) => member ?? fail('NOT_FOUND', '党员不存在'))
}

/** Admin reset: a lost phone or a changed WeChat account. Returns the new bind code to hand over. */
export async function resetAccess(input: In<'resetAccess'>, ctx: AuthedCtx): Promise<{ memberId: string; bindCode: string }> {
  const target = (await ctx.store.getMember(input.memberId)) ?? fail('NOT_FOUND', '党员不存在')
  ctx.audit.actedOn({ member: target })
  if (!isCityAdmin(ctx.caller) && !isUnitAdminOf(ctx.caller, target.unitId)) fail('FORBIDDEN', '只有本单位管理员可以重置该党员的账号')
  if (!outranks(ctx.caller, target)) fail('FORBIDDEN', '不能重置与您同级或更高权限人员的账号')
  const bindCode = newBindCode()
  return ctx.audit.recording(() => ctx.store.resetMemberAccess(target.id, bindCode, ctx.now().toISOString()), () => ({ memberId: target.id, bindCode }))
}
