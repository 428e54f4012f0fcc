/**
 * Roster import (花名册导入) as a pure plan: rows from a spreadsheet, the organisation as it is,
 * and who is importing → every bad row with a Chinese reason, or the exact changes to write.
 * All or nothing: the caller writes the batch only when there are no errors.
 */
import type { Member, RoleGrant, Unit } from '../contract/model'
import type { BranchRole, CadreRank, PartyStatus, Role } from '../contract/vocabulary'

export interface OrgBatch {
  units: Unit[]
  branches: { id: string; unitId: string; name: string }[]
  partyGroups: { id: string; branchId: string; name: string }[]
  youthGroups: { id: string; name: string; unitIds: string[] }[]
  members: (Member & { phone: string | null; bindCode: string; idNumber?: string | null })[]
}

export type OrgSnapshot = OrgBatch

/** One data row as read from the file; `row` is the spreadsheet's own row number (header = 1). */
export interface RosterRow {
  row: number
  memberNo: string
  name: string
  unit: string
  branch: string
  birthDate: string
  phone: string
  roles: string | null
  youthGroup: string
  status: string
  idNumber: string
  /** The 党小组 within the row's branch; left out when the file has no such column (then kept as on file). */
  partyGroup?: string
  /** 正式党员 or 预备党员; blank or left out keeps what is on file (正式党员 for someone new). */
  partyStatus?: string
  /** 职级 (厅局级, 县处级, 乡科级, 一般干部); blank clears it; left out keeps what is on file. */
  cadreRank?: string
}

export interface RosterError {
  row: number
  reason: string
}

export interface RosterSummary {
  rows: number
  created: number
  updated: number
  unchanged: number
  deactivated: number
  newUnits: number
  newBranches: number
  newPartyGroups: number
  newGroups: number
}

export interface RosterPlan {
  errors: RosterError[]
  /** Only what changes: new or changed rows. */
  batch: OrgBatch
  summary: RosterSummary
}

export interface ImportScope {
  cityAdmin: boolean
  /** Units a unit admin may import into. */
  unitIds: string[]
}

/** Header aliases people use in their own sheets. */
export const ROSTER_HEADERS: Record<keyof Omit<RosterRow, 'row'>, string[]> = {
  memberNo: ['党员编号', '编号', '工号'],
  name: ['姓名'],
  unit: ['单位', '部门单位', '所在单位'],
  branch: ['党支部', '支部', '所在支部'],
  birthDate: ['出生日期', '出生年月'],
  phone: ['手机号', '手机', '联系电话'],
  roles: ['角色'],
  youthGroup: ['青年理论学习小组', '青年小组', '学习小组'],
  status: ['状态'],
  idNumber: ['身份证号', '证件号码', '公民身份号码'],
  partyGroup: ['党小组', '所在党小组'],
  partyStatus: ['党员类别', '党员身份'],
  cadreRank: ['职级', '干部职级'],
}

/** The template's columns; those added later come last, so older sheets still line up. */
export const TEMPLATE_HEADER = ['党员编号', '姓名', '单位', '党支部', '出生日期', '手机号', '角色', '青年理论学习小组', '状态', '身份证号', '党小组', '党员类别', '职级']

/** Columns a roster file must have; the others may be left out. */
export const ROSTER_REQUIRED = ['memberNo', 'name', 'unit'] as const

const ROLE_WORDS: Record<string, Role> = {
  党员: 'member',
  干部: 'member',
  活动组织者: 'organizer',
  组织者: 'organizer',
  单位管理员: 'unitAdmin',
  机关党委: 'unitAdmin',
  市直机关工委管理员: 'cityAdmin',
  支部书记: 'branchSecretary',
  组织委员: 'branchOrganizer',
  支部委员: 'branchCommittee',
}
const ROLE_CHOICES = '党员、活动组织者、单位管理员、支部书记、组织委员、支部委员'
const BRANCH_ROLE_SET: ReadonlySet<Role> = new Set<Role>(['branchSecretary', 'branchOrganizer', 'branchCommittee'])
const isBranchRole = (role: Role): role is BranchRole => BRANCH_ROLE_SET.has(role)
const PARTY_STATUS_WORDS: Record<string, PartyStatus> = { 正式党员: 'full', 正式: 'full', 预备党员: 'probationary', 预备: 'probationary' }
const CADRE_RANK_WORDS: Record<string, CadreRank> = {
  厅局级: 'bureau',
  正厅: 'bureau',
  副厅: 'bureau',
  县处级: 'county',
  正处: 'county',
  副处: 'county',
  县处: 'county',
  乡科级: 'section',
  正科: 'section',
  副科: 'section',
  科级: 'section',
  一般干部: 'staff',
  科员: 'staff',
  办事员: 'staff',
  一般: 'staff',
}
const ACTIVE_WORDS = new Set(['', '在册', '在职', '正常'])
const LEFT_WORDS = new Set(['离开', '调出', '离职', '停用', '退休'])

/** Accepts 1990-01-31, 1990/1/31, 1990.1.31 and 19900131. */
export function normalizeDate(raw: string): string | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(raw.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

export function planRoster(
  rows: RosterRow[],
  org: OrgSnapshot,
  scope: ImportScope,
  opts: { deactivateMissing: boolean; today: string },
  make: { id: () => string; bindCode: () => string },
): RosterPlan {
  const errors: RosterError[] = []
  const bad = (row: number, reason: string) => errors.push({ row, reason })
  const unitByName = new Map(org.units.map((u) => [u.name, u]))
  const branchByKey = new Map(org.branches.map((b) => [`${b.unitId}/${b.name}`, b]))
  const partyGroupByKey = new Map(org.partyGroups.map((g) => [`${g.branchId}/${g.name}`, g]))
  const groupByName = new Map(org.youthGroups.map((g) => [g.name, { ...g, unitIds: [...g.unitIds] }]))
  const memberByNo = new Map(org.members.map((m) => [m.memberNo, m]))
  const newUnits: Unit[] = []
  const newBranches: OrgBatch['branches'] = []
  const newPartyGroups: OrgBatch['partyGroups'] = []
  const touchedGroups = new Set<string>()
  const newGroupIds = new Set<string>()
  const out: OrgBatch['members'] = []
  const seen = new Map<string, number>()
  const unitsInFile = new Set<string>()
  let created = 0
  let updated = 0
  let unchanged = 0

  for (const r of rows) {
    const before = errors.length
    const memberNo = r.memberNo.trim()
    const name = r.name.trim()
    if (!memberNo) bad(r.row, '缺少党员编号')
    else if (memberNo.length > 32) bad(r.row, '党员编号过长（不超过 32 个字符）')
    else if (seen.has(memberNo)) bad(r.row, `党员编号“${memberNo}”与第 ${seen.get(memberNo)} 行重复`)
    else seen.set(memberNo, r.row)
    if (!name) bad(r.row, '缺少姓名')
    else if ([...name].length > 40) bad(r.row, '姓名过长（不超过 40 字）')

    const unitName = r.unit.trim()
    let unit = unitByName.get(unitName)
    const unitOutOfScope = !!unit && !scope.cityAdmin && !scope.unitIds.includes(unit.id)
    if (!unitName) bad(r.row, '缺少单位')
    else if (!unit && !scope.cityAdmin) bad(r.row, `单位“${unitName}”不存在；新增单位须由市直机关工委管理员导入`)
    else if (unitOutOfScope) bad(r.row, `无权导入“${unitName}”的人员，只能导入您管理的单位`)
    else if ([...unitName].length > 60) bad(r.row, '单位名称过长（不超过 60 字）')

    const birthDate = r.birthDate.trim() ? normalizeDate(r.birthDate) : null
    if (r.birthDate.trim() && !birthDate) bad(r.row, `出生日期“${r.birthDate.trim()}”格式不正确，应如 1990-01-31`)
    else if (birthDate && (birthDate > opts.today || birthDate < '1900-01-01')) bad(r.row, `出生日期“${birthDate}”不合理`)

    const phone = r.phone.replace(/[\s-]/g, '')
    if (phone && !/^1\d{10}$/.test(phone)) bad(r.row, `手机号“${r.phone.trim()}”格式不正确，应为 11 位数字`)

    const roleWords = r.roles === null ? null : r.roles.split(/[,，、;；\s]+/).filter(Boolean)
    const unknownRole = roleWords?.find((w) => !ROLE_WORDS[w])
    if (unknownRole) bad(r.row, `角色“${unknownRole}”无法识别，可填：${ROLE_CHOICES}`)
    else if (roleWords?.some((w) => ROLE_WORDS[w] === 'cityAdmin')) bad(r.row, '市直机关工委管理员只能在系统中设置，不能通过花名册导入')

    const idNumber = r.idNumber.trim().toUpperCase()
    if (idNumber && !/^\d{17}[\dX]$/.test(idNumber)) bad(r.row, '身份证号应为 18 位（最后一位可为 X）')
    // Scope: a unit admin touches only people of their own units, wherever the row tries to put them.
    const held = memberNo ? memberByNo.get(memberNo) : undefined
    if (held && !unitOutOfScope && !scope.cityAdmin && !scope.unitIds.includes(held.unitId)) {
      const heldUnit = org.units.find((u) => u.id === held.unitId)?.name ?? held.unitId
      bad(r.row, `党员编号“${memberNo}”是“${heldUnit}”的党员，您无权修改`)
    }
    // The 单位管理员 role is the city admin's to give or take, here as in setRole.
    if (!scope.cityAdmin && roleWords) {
      const grants = roleWords.some((w) => ROLE_WORDS[w] === 'unitAdmin')
      const holds = !!held?.roles.some((g) => g.role === 'unitAdmin' && !g.groupId && g.unitId === held.unitId)
      if (grants && !holds) bad(r.row, '单位管理员只能由市直机关工委管理员设置')
      else if (holds && !grants) bad(r.row, '不能通过花名册取消单位管理员，请联系市直机关工委管理员')
    }
    const status = r.status.trim()
    if (!ACTIVE_WORDS.has(status) && !LEFT_WORDS.has(status)) bad(r.row, `状态“${status}”无法识别，可填：在册、离开`)
    const branchName = r.branch.trim()
    if ([...branchName].length > 60) bad(r.row, '党支部名称过长（不超过 60 字）')
    const groupName = r.youthGroup.trim()
    if ([...groupName].length > 60) bad(r.row, '青年理论学习小组名称过长（不超过 60 字）')
    const partyGroupName = (r.partyGroup ?? '').trim()
    if ([...partyGroupName].length > 60) bad(r.row, '党小组名称过长（不超过 60 字）')
    else if (partyGroupName && !branchName) bad(r.row, `填写了党小组“${partyGroupName}”，请同时填写所在党支部`)
    const branchRoleWord = roleWords?.find((w) => ROLE_WORDS[w] && isBranchRole(ROLE_WORDS[w]))
    if (branchRoleWord && !branchName) bad(r.row, `角色“${branchRoleWord}”须同时填写所在党支部`)
    const statusWord = (r.partyStatus ?? '').trim()
    const partyStatusGiven = statusWord ? PARTY_STATUS_WORDS[statusWord] : undefined
    if (statusWord && !partyStatusGiven) bad(r.row, `党员类别“${statusWord}”无法识别，可填：正式党员、预备党员`)
    const rankWord = (r.cadreRank ?? '').trim()
    const cadreRankGiven = rankWord ? CADRE_RANK_WORDS[rankWord] : undefined
    if (rankWord && !cadreRankGiven) bad(r.row, `职级“${rankWord}”无法识别，可填：厅局级、县处级、乡科级、一般干部`)
    if (errors.length > before) continue

    if (!unit) {
      unit = { id: make.id(), name: unitName }
      unitByName.set(unitName, unit)
      newUnits.push(unit)
    }
    unitsInFile.add(unit.id)
    let branchId: string | null = null
    if (branchName) {
      const key = `${unit.id}/${branchName}`
      let branch = branchByKey.get(key)
      if (!branch) {
        branch = { id: make.id(), unitId: unit.id, name: branchName }
        branchByKey.set(key, branch)
        newBranches.push(branch)
      }
      branchId = branch.id
    }
    let partyGroupId: string | null = null
    if (partyGroupName && branchId) {
      const key = `${branchId}/${partyGroupName}`
      let group = partyGroupByKey.get(key)
      if (!group) {
        group = { id: make.id(), branchId, name: partyGroupName }
        partyGroupByKey.set(key, group)
        newPartyGroups.push(group)
      }
      partyGroupId = group.id
    }
    let youthGroupId: string | null = null
    if (groupName) {
      let group = groupByName.get(groupName)
      if (!group) {
        group = { id: make.id(), name: groupName, unitIds: [] }
        groupByName.set(groupName, group)
        newGroupIds.add(group.id)
      }
      // A group whose members come from several units is a joint group of those units.
      if (!group.unitIds.includes(unit.id)) {
        group.unitIds.push(unit.id)
        touchedGroups.add(groupName)
      }
      youthGroupId = group.id
    }

    const existing = memberByNo.get(memberNo)
    // A file without the 党小组 column (an older sheet) leaves people in their 党小组 while their branch stays.
    if (r.partyGroup === undefined && existing && existing.branchId === branchId) partyGroupId = existing.partyGroupId
    const named = (roleWords ?? []).map((w) => ROLE_WORDS[w])
    const unitRoles: RoleGrant[] = named
      .filter((role): role is 'organizer' | 'unitAdmin' => role === 'organizer' || role === 'unitAdmin')
      .map((role) => ({ role, unitId: unit!.id }))
    // Branch roles are for the row's branch (a row naming one without a branch was refused above).
    const branchRoles: RoleGrant[] = branchId ? named.filter(isBranchRole).map((role) => ({ role, unitId: unit!.id, branchId: branchId! })) : []
    // A 角色 column says which unit and branch roles the member holds; youth group roles stay as they are.
    const replaced = (g: RoleGrant) => ((g.role === 'organizer' || g.role === 'unitAdmin') && !!g.unitId && !g.groupId) || isBranchRole(g.role)
    const kept = existing ? existing.roles.filter((g) => g.role !== 'member' && (roleWords === null || !replaced(g))) : []
    const roles = dedupeRoles([...kept, ...unitRoles, ...branchRoles])
    const next = {
      id: existing?.id ?? make.id(),
      memberNo,
      name,
      unitId: unit.id,
      branchId,
      partyGroupId,
      youthGroupId,
      birthDate,
      partyStatus: partyStatusGiven ?? existing?.partyStatus ?? 'full',
      // A file without the 职级 column keeps what is on file; a blank cell says the member holds none.
      cadreRank: r.cadreRank === undefined ? (existing?.cadreRank ?? null) : (cadreRankGiven ?? null),
      phone: phone || null,
      roles: roles.length ? roles : [{ role: 'member' as const }],
      active: !LEFT_WORDS.has(status),
      bindCode: existing?.bindCode ?? make.bindCode(),
      // A blank cell keeps what is on file: people leave the column out of quick updates.
      idNumber: idNumber || existing?.idNumber || null,
    }
    if (!existing) {
      created++
      out.push(next)
    } else if (sameMember(existing, next)) unchanged++
    else {
      updated++
      out.push(next)
    }
  }

  let deactivated = out.filter((m) => !m.active && memberByNo.get(m.memberNo)?.active).length
  if (opts.deactivateMissing && errors.length === 0) {
    for (const m of org.members) {
      if (m.active && unitsInFile.has(m.unitId) && !seen.has(m.memberNo)) {
        out.push({ ...m, active: false })
        deactivated++
      }
    }
  }
  const youthGroups = [...groupByName.values()].filter((g) => newGroupIds.has(g.id) || touchedGroups.has(g.name))
  return {
    errors,
    batch: errors.length
      ? { units: [], branches: [], partyGroups: [], youthGroups: [], members: [] }
      : { units: newUnits, branches: newBranches, partyGroups: newPartyGroups, youthGroups, members: out },
    summary: {
      rows: rows.length,
      created,
      updated,
      unchanged,
      deactivated,
      newUnits: newUnits.length,
      newBranches: newBranches.length,
      newPartyGroups: newPartyGroups.length,
      newGroups: newGroupIds.size,
    },
  }
}

const roleKey = (g: RoleGrant) => `${g.role}/${g.unitId ?? ''}/${g.groupId ?? ''}/${g.branchId ?? ''}`

function dedupeRoles(roles: RoleGrant[]): RoleGrant[] {
  const seen = new Set<string>()
  return roles.filter((g) => (seen.has(roleKey(g)) ? false : (seen.add(roleKey(g)), true)))
}

function sameMember(a: OrgBatch['members'][number], b: OrgBatch['members'][number]): boolean {
  const roles = (m: Member) => m.roles.filter((g) => g.role !== 'member').map(roleKey).sort().join(',')
  return (
    a.name === b.name &&
    a.unitId === b.unitId &&
    a.branchId === b.branchId &&
    (a.partyGroupId ?? null) === (b.partyGroupId ?? null) &&
    a.youthGroupId === b.youthGroupId &&
    a.partyStatus === b.partyStatus &&
    (a.cadreRank ?? null) === (b.cadreRank ?? null) &&
    a.birthDate === b.birthDate &&
    (a.phone ?? null) === (b.phone ?? null) &&
    a.active === b.active &&
    (a.idNumber ?? null) === (b.idNumber ?? null) &&
    roles(a) === roles(b)
  )
}
