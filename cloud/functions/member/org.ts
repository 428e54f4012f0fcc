/**
 * The organisation in the app: the tree admins and branch runners see, and the changes admins make
 * (create, rename, merge units, branches, 党小组 and youth groups; move members; 转正). Units and
 * youth groups are the city's; a unit admin changes the branches and 党小组 of their own unit.
 */
import type { z } from 'zod'
import type { Member, OrgTree } from '../../contract/model'
import type { member as schemas, OrgChange } from '../../contract/schemas'
import { fail } from '../../domain/errors'
import { adminUnits, branchesRun, homeUnitOf, isAdmin, isCityAdmin, isUnitAdminOf } from '../../domain/roles'
import type { OrgBatch } from '../../store/Store'
import { newId } from '../../store/ids'
import type { AuthedCtx } from '../../runtime/action'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

/** Who may open the org page: admins, and whoever runs a branch (they see theirs). */
export const seesOrg = (m: Member): boolean => isAdmin(m) || branchesRun(m).length > 0

/** The tree as this caller may see it: a city admin all; a unit admin their units and the youth groups they form; a branch runner their branch. */
export async function orgTree(_input: In<'orgTree'>, ctx: AuthedCtx): Promise<OrgTree> {
  const tree = await ctx.store.orgTree()
  if (isCityAdmin(ctx.caller)) return tree
  const units = new Set(adminUnits(ctx.caller) ?? [])
  const branches = new Set(branchesRun(ctx.caller))
  return {
    units: tree.units
      .filter((u) => units.has(u.id) || u.branches.some((b) => branches.has(b.id)))
      .map((u) => (units.has(u.id) ? u : { ...u, branches: u.branches.filter((b) => branches.has(b.id)) })),
    youthGroups: tree.youthGroups.filter((g) => g.unitIds.some((u) => units.has(u))),
  }
}

const KIND_LABEL = { unit: '单位', branch: '党支部', partyGroup: '党小组', youthGroup: '青年理论学习小组' } as const
const PARENT_LABEL = { unit: '', branch: '同一单位下', partyGroup: '同一党支部下', youthGroup: '' } as const

/** What `saveOrg` answers: the node (or members) changed and the unit whose log records it. */
export interface OrgChangeResult {
  op: OrgChange['op']
  kind: keyof typeof KIND_LABEL | null
  id: string | null
  name: string | null
  /** The unit affected; null for youth groups (the log files those under the admin's own unit). */
  unitId: string | null
  members: number
}

const empty = (): OrgBatch => ({ units: [], branches: [], partyGroups: [], youthGroups: [], members: [] })

function assertUnitAdmin(caller: Member, unitId: string) {
  if (!isCityAdmin(caller) && !isUnitAdminOf(caller, unitId)) fail('FORBIDDEN', '只能调整您负责单位的组织')
}
function assertCityAdmin(caller: Member, kind: 'unit' | 'youthGroup') {
  if (!isCityAdmin(caller)) fail('FORBIDDEN', `${KIND_LABEL[kind]}的设立、更名与合并由市直机关工委管理员办理`)
}

/** Sibling names must differ: units among units, a branch within its unit, a 党小组 within its branch, youth groups among them. */
function assertUniqueName(tree: OrgTree, kind: keyof typeof KIND_LABEL, parentId: string | null, name: string, self: string | null) {
  const siblings =
    kind === 'unit'
      ? tree.units
      : kind === 'youthGroup'
        ? tree.youthGroups
        : kind === 'branch'
          ? (tree.units.find((u) => u.id === parentId)?.branches ?? [])
          : (tree.units.flatMap((u) => u.branches).find((b) => b.id === parentId)?.partyGroups ?? [])
  if (siblings.some((s: { id: string; name: string }) => s.id !== self && s.name === name))
    fail('BAD_INPUT', `${PARENT_LABEL[kind]}已有同名${KIND_LABEL[kind]}`, { field: 'name' })
}

async function createNode(op: Extract<OrgChange, { op: 'create' }>, ctx: AuthedCtx): Promise<OrgChangeResult> {
  const me = ctx.caller
  const id = newId()
  const batch = empty()
  let unitId: string | null = null
  const tree = await ctx.store.orgTree()
  if (op.kind === 'unit' || op.kind === 'youthGroup') {
    assertCityAdmin(me, op.kind)
    assertUniqueName(tree, op.kind, null, op.name, null)
    if (op.kind === 'unit') {
      batch.units.push({ id, name: op.name })
      unitId = id
    } else {
      const unitIds = [...new Set(op.unitIds ?? [])]
      if (!unitIds.length) fail('BAD_INPUT', '请选择组建学习小组的单位', { field: 'unitIds' })
      const missing = await ctx.store.missingOrgIds('unit', unitIds)
      if (missing.length) fail('NOT_FOUND', `单位不存在：${missing.join('、')}`)
      batch.youthGroups.push({ id, name: op.name, unitIds })
    }
  } else if (op.kind === 'branch') {
    if (!op.parentId) fail('BAD_INPUT', '请选择党支部所属单位', { field: 'parentId' })
    const unit = (await ctx.store.getUnit(op.parentId)) ?? fail('NOT_FOUND', '单位不存在')
    assertUnitAdmin(me, unit.id)
    assertUniqueName(tree, 'branch', unit.id, op.name, null)
    batch.branches.push({ id, unitId: unit.id, name: op.name })
    unitId = unit.id
  } else {
    if (!op.parentId) fail('BAD_INPUT', '请选择党小组所属党支部', { field: 'parentId' })
    const branch = (await ctx.store.getBranch(op.parentId)) ?? fail('NOT_FOUND', '党支部不存在')
    assertUnitAdmin(me, branch.unitId)
    assertUniqueName(tree, 'partyGroup', branch.id, op.name, null)
    batch.partyGroups.push({ id, branchId: branch.id, name: op.name })
    unitId = branch.unitId
  }
  const result: OrgChangeResult = { op: 'create', kind: op.kind, id, name: op.name, unitId, members: 0 }
  return ctx.audit.recording(() => ctx.store.importOrg(batch, ctx.now().toISOString()), () => result)
}

async function renameNode(op: Extract<OrgChange, { op: 'rename' }>, ctx: AuthedCtx): Promise<OrgChangeResult> {
  const me = ctx.caller
  const batch = empty()
  const tree = await ctx.store.orgTree()
  let unitId: string | null = null
  if (op.kind === 'unit') {
    assertCityAdmin(me, 'unit')
    const unit = (await ctx.store.getUnit(op.id)) ?? fail('NOT_FOUND', '单位不存在')
    assertUniqueName(tree, 'unit', null, op.name, unit.id)
    batch.units.push({ id: unit.id, name: op.name })
    unitId = unit.id
  } else if (op.kind === 'youthGroup') {
    assertCityAdmin(me, 'youthGroup')
    const group = (await ctx.store.getYouthGroup(op.id)) ?? fail('NOT_FOUND', '青年理论学习小组不存在')
    assertUniqueName(tree, 'youthGroup', null, op.name, group.id)
    batch.youthGroups.push({ ...group, name: op.name })
  } else if (op.kind === 'branch') {
    const branch = (await ctx.store.getBranch(op.id)) ?? fail('NOT_FOUND', '党支部不存在')
    assertUnitAdmin(me, branch.unitId)
    assertUniqueName(tree, 'branch', branch.unitId, op.name, branch.id)
    batch.branches.push({ ...branch, name: op.name })
    unitId = branch.unitId
  } else {
    const group = (await ctx.store.getPartyGroup(op.id)) ?? fail('NOT_FOUND', '党小组不存在')
    const branch = (await ctx.store.getBranch(group.branchId)) ?? fail('NOT_FOUND', '党支部不存在')
    assertUnitAdmin(me, branch.unitId)
    assertUniqueName(tree, 'partyGroup', branch.id, op.name, group.id)
    batch.partyGroups.push({ ...group, name: op.name })
    unitId = branch.unitId
  }
  const result: OrgChangeResult = { op: 'rename', kind: op.kind, id: op.id, name: op.name, unitId, members: 0 }
  return ctx.audit.recording(() => ctx.store.importOrg(batch, ctx.now().toISOString()), () => result)
}

async function mergeNodes(op: Extract<OrgChange, { op: 'merge' }>, ctx: AuthedCtx): Promise<OrgChangeResult> {
  const me = ctx.caller
  if (op.fromId === op.intoId) fail('BAD_INPUT', `不能把${KIND_LABEL[op.kind]}合并到它自己`, { field: 'intoId' })
  let unitId: string | null = null
  if (op.kind === 'unit' || op.kind === 'youthGroup') {
    assertCityAdmin(me, op.kind)
    const missing = await ctx.store.missingOrgIds(op.kind, [op.fromId, op.intoId])
    if (missing.length) fail('NOT_FOUND', `${KIND_LABEL[op.kind]}不存在：${missing.join('、')}`)
    if (op.kind === 'unit') unitId = op.intoId
  } else if (op.kind === 'branch') {
    const [from, into] = await Promise.all([ctx.store.getBranch(op.fromId), ctx.store.getBranch(op.intoId)])
    if (!from || !into) return fail('NOT_FOUND', '党支部不存在')
    if (from.unitId !== into.unitId) fail('BAD_INPUT', '只能合并同一单位的党支部', { field: 'intoId' })
    assertUnitAdmin(me, from.unitId)
    unitId = from.unitId
  } else {
    const [from, into] = await Promise.all([ctx.store.branchesOf('partyGroup', [op.fromId]), ctx.store.branchesOf('partyGroup', [op.intoId])])
    const fromBranch = from.get(op.fromId)
    const intoBranch = into.get(op.intoId)
    if (!fromBranch || !intoBranch) return fail('NOT_FOUND', '党小组不存在')
    if (fromBranch.unitId !== intoBranch.unitId) fail('BAD_INPUT', '只能合并同一单位的党小组', { field: 'intoId' })
    assertUnitAdmin(me, fromBranch.unitId)
    unitId = fromBranch.unitId
  }
  return ctx.audit.recording(
    () => ctx.store.mergeOrg(op.kind, op.fromId, op.intoId, ctx.now().toISOString()),
    ({ membersMoved }): OrgChangeResult => ({ op: 'merge', kind: op.kind, id: op.intoId, name: null, unitId, members: membersMoved }),
  )
}

/** Every member named must exist; a unit admin may only touch members of their own units. */
async function membersOf(ids: string[], ctx: AuthedCtx): Promise<Member[]> {
  const found = await Promise.all([...new Set(ids)].map((id) => ctx.store.getMember(id)))
  const missing = [...new Set(ids)].filter((_id, i) => !found[i])
  if (missing.length) fail('NOT_FOUND', `党员不存在：${missing.slice(0, 5).join('、')}`)
  const members = found as Member[]
  for (const m of members) assertUnitAdmin(ctx.caller, m.unitId)
  return members
}

async function moveMembers(op: Extract<OrgChange, { op: 'move' }>, ctx: AuthedCtx): Promise<OrgChangeResult> {
  const { to } = op
  const [members, unit, branch, group, youth] = await Promise.all([
    membersOf(op.memberIds, ctx),
    ctx.store.getUnit(to.unitId),
    to.branchId ? ctx.store.getBranch(to.branchId) : null,
    to.partyGroupId ? ctx.store.getPartyGroup(to.partyGroupId) : null,
    to.youthGroupId ? ctx.store.getYouthGroup(to.youthGroupId) : null,
  ])
  if (!unit) return fail('NOT_FOUND', '单位不存在')
  assertUnitAdmin(ctx.caller, unit.id)
  if (to.branchId && !branch) fail('NOT_FOUND', '党支部不存在')
  if (branch && branch.unitId !== unit.id) fail('BAD_INPUT', '该党支部不属于所选单位', { field: 'to.branchId' })
  if (to.partyGroupId && !group) fail('NOT_FOUND', '党小组不存在')
  if (group && (!branch || group.branchId !== branch.id)) fail('BAD_INPUT', '该党小组不属于所选党支部', { field: 'to.partyGroupId' })
  if (to.youthGroupId && !youth) fail('NOT_FOUND', '青年理论学习小组不存在')
  if (youth && !youth.unitIds.includes(unit.id)) fail('BAD_INPUT', '该青年理论学习小组不由所选单位组建', { field: 'to.youthGroupId' })
  return ctx.audit.recording(
    () => ctx.store.moveMembers(members.map((m) => m.id), to, ctx.now().toISOString()),
    (moved): OrgChangeResult => ({ op: 'move', kind: null, id: null, name: null, unitId: unit.id, members: moved }),
  )
}

async function setPartyStatus(op: Extract<OrgChange, { op: 'setPartyStatus' }>, ctx: AuthedCtx): Promise<OrgChangeResult> {
  const members = await membersOf(op.memberIds, ctx)
  return ctx.audit.recording(
    () => ctx.store.setPartyStatus(members.map((m) => m.id), op.partyStatus),
    (changed): OrgChangeResult => ({ op: 'setPartyStatus', kind: null, id: null, name: null, unitId: members[0].unitId, members: changed }),
  )
}

export async function saveOrg(op: In<'saveOrg'>, ctx: AuthedCtx): Promise<OrgChangeResult> {
  switch (op.op) {
    case 'create':
      return createNode(op, ctx)
    case 'rename':
      return renameNode(op, ctx)
    case 'merge':
      return mergeNodes(op, ctx)
    case 'move':
      return moveMembers(op, ctx)
    case 'setPartyStatus':
      return setPartyStatus(op, ctx)
  }
}

/** Where a change's audit row is filed: the node changed (or the members moved), under the unit affected. */
export const orgAudit = {
  target: (op: In<'saveOrg'>, r: OrgChangeResult, { caller }: { caller: Member }) => ({
    target: r.id ? `${r.kind}:${r.id}` : 'memberIds' in op ? `memberIds:${op.memberIds.slice(0, 20).join(',')}` : null,
    unitId: r.unitId ?? homeUnitOf(caller),
  }),
}
