/**
 * Members, their roles and WeChat binding, and the organisation (units, branches, 党小组, youth
 * groups) as it is and as it was on a day (from the history of moves); changes are in orgChanges.ts.
 */
import type { Branch, Member, OrgOfficer, OrgTree, PartyGroup, Placement, RoleGrant, Unit, YouthGroup } from '../../contract/model'
import { BRANCH_ROLES, type Role } from '../../contract/vocabulary'
import type { OrgSnapshot } from '../../domain/roster'
import type { MemberOnDay, OrgKind } from '../Store'
import { ConnPart } from './part'
import { type Row, grantOf, memberOf, placementOf, str, strOrNull } from './rows'

export class Org extends ConnPart {
  private rolesOf(memberIds: string[]): Map<string, RoleGrant[]> {
    const out = new Map<string, RoleGrant[]>()
    if (memberIds.length === 0) return out
    const rows = this.sql(`SELECT member_id, role, unit_id, group_id, branch_id FROM member_roles WHERE member_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(memberIds)) as Row[]
    for (const r of rows) {
      const list = out.get(str(r.member_id)) ?? []
      list.push(grantOf(r.role, r.unit_id, r.group_id, r.branch_id))
      out.set(str(r.member_id), list)
    }
    return out
  }

  private toMember(r: Row | undefined): Member | null {
    if (!r) return null
    const id = str(r.id)
    // One member (every request's caller): a plain indexed lookup, not the json_each list form.
    const grants = (this.sql('SELECT role, unit_id, group_id, branch_id FROM member_roles WHERE member_id = ?').all(id) as Row[]).map((g) =>
      grantOf(g.role, g.unit_id, g.group_id, g.branch_id),
    )
    return memberOf(r, new Map([[id, grants]]))
  }

  // ---- members ----

  async getMember(id: string) {
    return this.toMember(this.sql('SELECT * FROM members WHERE id = ?').get(id) as Row | undefined)
  }

  async findMemberByBindCode(bindCode: string) {
    return this.toMember(
      this.sql('SELECT * FROM members WHERE bind_code = ? AND active = 1').get(bindCode.toUpperCase()) as
        | Row
        | undefined,
    )
  }

  async findMemberByOpenId(openId: string) {
    return this.toMember(
      this.sql('SELECT * FROM members WHERE open_id = ? AND active = 1').get(openId) as Row | undefined,
    )
  }

  async bindOpenId(memberId: string, openId: string) {
    // One WeChat account, one member: an OPENID bound elsewhere is refused, not an error.
    if (this.sql('SELECT 1 FROM members WHERE open_id = ? AND id <> ?').get(openId, memberId)) return false
    const { changes } = this.sql('UPDATE members SET open_id = ? WHERE id = ? AND (open_id IS NULL OR open_id = ?)')
      .run(openId, memberId, openId)
    return changes === 1
  }

  async listMembersOfUnit(unitId: string, query: string | undefined, includeInactive: boolean, limit: number) {
    const like = query ? `%${query.replace(/[%_]/g, '')}%` : null
    const rows = this.sql(
        `SELECT * FROM members WHERE unit_id = @unitId AND (@all = 1 OR active = 1)
           AND (@like IS NULL OR name LIKE @like OR member_no LIKE @like)
         ORDER BY member_no LIMIT @limit`,
      )
      .all({ unitId, all: includeInactive ? 1 : 0, like, limit }) as Row[]
    const roles = this.rolesOf(rows.map((r) => str(r.id)))
    return rows.map((r) => ({
      ...memberOf(r, roles),
      phone: strOrNull(r.phone),
      idNumber: strOrNull(r.id_number),
      bindCode: str(r.bind_code),
      bound: r.open_id !== null,
      signedIn: r.open_id !== null || r.signed_in_at != null,
    }))
  }

  async setRoleGrant(memberId: string, grant: RoleGrant, on: boolean) {
    return this.write((): Member | null => {
      const member = this.sql('SELECT * FROM members WHERE id = ?')
      if (!member.get(memberId)) return null
      const args = [memberId, grant.role, grant.unitId ?? null, grant.groupId ?? null, grant.branchId ?? null]
      if (on) this.sql('INSERT INTO member_roles (member_id, role, unit_id, group_id, branch_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(...args)
      else
        this.sql(
            `DELETE FROM member_roles WHERE member_id = ? AND role = ? AND ifnull(unit_id, '') = ifnull(?, '') AND ifnull(group_id, '') = ifnull(?, '')
               AND ifnull(branch_id, '') = ifnull(?, '')`,
          )
          .run(...args)
      return this.toMember(member.get(memberId) as Row)
    })
  }


  // ---- organisation ----

  async getUnit(id: string): Promise<Unit | null> {
    const r = this.sql('SELECT id, name FROM units WHERE id = ?').get(id) as Row | undefined
    return r ? { id: str(r.id), name: str(r.name) } : null
  }

  /** Merged branches, 党小组 and youth groups still answer here: old records name them. */
  async getBranch(id: string): Promise<Branch | null> {
    const r = this.sql('SELECT id, unit_id, name, created_at FROM branches WHERE id = ?').get(id) as Row | undefined
    return r ? toBranch(r) : null
  }

  async getPartyGroup(id: string): Promise<PartyGroup | null> {
    const r = this.sql('SELECT id, branch_id, name FROM party_groups WHERE id = ?').get(id) as Row | undefined
    return r ? { id: str(r.id), branchId: str(r.branch_id), name: str(r.name) } : null
  }

  async partyGroupsOf(branchId: string): Promise<PartyGroup[]> {
    const rows = this.sql('SELECT id, branch_id, name FROM party_groups WHERE branch_id = ? AND merged_into IS NULL ORDER BY name, id').all(branchId) as Row[]
    return rows.map((r) => ({ id: str(r.id), branchId: str(r.branch_id), name: str(r.name) }))
  }

  async getYouthGroup(id: string): Promise<YouthGroup | null> {
    const r = this.sql('SELECT id, name FROM youth_groups WHERE id = ?').get(id) as Row | undefined
    if (!r) return null
    const units = this.sql('SELECT unit_id FROM youth_group_units WHERE group_id = ? ORDER BY unit_id').all(id) as Row[]
    return { id: str(r.id), name: str(r.name), unitIds: units.map((u) => str(u.unit_id)) }
  }

  async branchesOf(kind: 'branch' | 'partyGroup', ids: string[]) {
    const out = new Map<string, Branch>()
    if (ids.length === 0) return out
    const rows = (
      kind === 'branch'
        ? this.sql('SELECT id AS asked, id, unit_id, name, created_at FROM branches WHERE id IN (SELECT value FROM json_each(?))')
        : this.sql(
            `SELECT g.id AS asked, b.id, b.unit_id, b.name, b.created_at FROM party_groups g JOIN branches b ON b.id = g.branch_id
             WHERE g.id IN (SELECT value FROM json_each(?))`,
          )
    ).all(JSON.stringify(ids)) as Row[]
    for (const r of rows) out.set(str(r.asked), toBranch(r))
    return out
  }

  async missingOrgIds(kind: OrgKind | 'group', ids: string[]) {
    const table = ORG_TABLE[kind === 'group' ? 'youthGroup' : kind]
    const found = new Set(
      (this.sql(`SELECT id FROM ${table} WHERE merged_into IS NULL AND id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]).map((r) =>
        str(r.id),
      ),
    )
    return ids.filter((id) => !found.has(id))
  }

  async youthGroupUnits(groupId: string) {
    // The group's row, joined to its units by their key: one row per unit, or one with no unit.
    const rows = this.sql('SELECT l.unit_id FROM youth_groups g LEFT JOIN youth_group_units l ON l.group_id = g.id WHERE g.id = ?')
      .all(groupId) as Row[]
    return rows.length ? rows.filter((r) => r.unit_id !== null).map((r) => str(r.unit_id)) : null
  }

  async orgNames(member: Member) {
    const r = this.sql(
        `SELECT u.name AS unit_name, b.name AS branch_name, p.name AS party_group_name, g.name AS group_name
         FROM units u LEFT JOIN branches b ON b.id = ? LEFT JOIN party_groups p ON p.id = ? LEFT JOIN youth_groups g ON g.id = ?
         WHERE u.id = ?`,
      )
      .get(member.branchId, member.partyGroupId, member.youthGroupId, member.unitId) as Row | undefined
    return {
      unitName: r ? str(r.unit_name) : '',
      branchName: r ? strOrNull(r.branch_name) : null,
      partyGroupName: r ? strOrNull(r.party_group_name) : null,
      youthGroupName: r ? strOrNull(r.group_name) : null,
    }
  }

  /** The living organisation (merged nodes left out: a roster names where people are now). */
  async orgSnapshot(): Promise<OrgSnapshot> {
    const units = (this.sql('SELECT id, name FROM units WHERE merged_into IS NULL').all() as Row[]).map((r) => ({ id: str(r.id), name: str(r.name) }))
    // As a batch names them: when a branch was set up is the store's to keep, not an import's to write.
    const branches = (this.sql('SELECT id, unit_id, name FROM branches WHERE merged_into IS NULL').all() as Row[]).map((r) => ({
      id: str(r.id),
      unitId: str(r.unit_id),
      name: str(r.name),
    }))
    const partyGroups = (this.sql('SELECT id, branch_id, name FROM party_groups WHERE merged_into IS NULL').all() as Row[]).map((r) => ({
      id: str(r.id),
      branchId: str(r.branch_id),
      name: str(r.name),
    }))
    const groupUnits = this.sql('SELECT group_id, unit_id FROM youth_group_units').all() as Row[]
    const youthGroups = (this.sql('SELECT id, name FROM youth_groups WHERE merged_into IS NULL').all() as Row[]).map((r) => ({
      id: str(r.id),
      name: str(r.name),
      unitIds: groupUnits.filter((g) => g.group_id === r.id).map((g) => str(g.unit_id)),
    }))
    const rows = this.sql('SELECT * FROM members').all() as Row[]
    const roles = this.rolesOf(rows.map((r) => str(r.id)))
    const members = rows.map((r) => ({ ...memberOf(r, roles), phone: strOrNull(r.phone), bindCode: str(r.bind_code), idNumber: strOrNull(r.id_number) }))
    return { units, branches, partyGroups, youthGroups, members }
  }

  async orgTree(): Promise<OrgTree> {
    const counts = (column: string) =>
      new Map(
        (this.sql(`SELECT ${column} AS id, COUNT(*) AS n FROM members WHERE active = 1 AND ${column} IS NOT NULL GROUP BY ${column}`).all() as Row[]).map(
          (r) => [str(r.id), Number(r.n)],
        ),
      )
    const byUnit = counts('unit_id')
    const byBranch = counts('branch_id')
    const byPartyGroup = counts('party_group_id')
    const byYouthGroup = counts('youth_group_id')
    const officers = new Map<string, OrgOfficer[]>()
    const officerRows = this.sql(
        `SELECT r.branch_id, r.member_id, m.name, r.role FROM member_roles r JOIN members m ON m.id = r.member_id
         WHERE r.branch_id IS NOT NULL AND m.active = 1 ORDER BY m.member_no`,
      )
      .all() as Row[]
    for (const r of officerRows.sort((a, b) => roleRank(a.role) - roleRank(b.role))) {
      const list = officers.get(str(r.branch_id)) ?? []
      list.push({ memberId: str(r.member_id), name: str(r.name), role: str(r.role) as Role })
      officers.set(str(r.branch_id), list)
    }
    const partyGroups = this.sql('SELECT id, branch_id, name FROM party_groups WHERE merged_into IS NULL ORDER BY id').all() as Row[]
    const branches = (this.sql('SELECT id, unit_id, name, created_at FROM branches WHERE merged_into IS NULL ORDER BY id').all() as Row[]).map((r) => ({
      ...toBranch(r),
      memberCount: byBranch.get(str(r.id)) ?? 0,
      officers: officers.get(str(r.id)) ?? [],
      partyGroups: partyGroups
        .filter((g) => g.branch_id === r.id)
        .map((g) => ({ id: str(g.id), branchId: str(g.branch_id), name: str(g.name), memberCount: byPartyGroup.get(str(g.id)) ?? 0 })),
    }))
    const units = (this.sql('SELECT id, name FROM units WHERE merged_into IS NULL ORDER BY id').all() as Row[]).map((r) => ({
      id: str(r.id),
      name: str(r.name),
      memberCount: byUnit.get(str(r.id)) ?? 0,
      branches: branches.filter((b) => b.unitId === r.id),
    }))
    const links = this.sql('SELECT group_id, unit_id FROM youth_group_units ORDER BY unit_id').all() as Row[]
    const youthGroups = (this.sql('SELECT id, name FROM youth_groups WHERE merged_into IS NULL ORDER BY id').all() as Row[]).map((r) => ({
      id: str(r.id),
      name: str(r.name),
      unitIds: links.filter((l) => l.group_id === r.id).map((l) => str(l.unit_id)),
      memberCount: byYouthGroup.get(str(r.id)) ?? 0,
    }))
    return { units, youthGroups }
  }

  async rosterOn(scope: { kind: 'branch' | 'partyGroup'; ids: string[] }, at: string): Promise<MemberOnDay[]> {
    if (scope.ids.length === 0) return []
    const column = scope.kind === 'branch' ? 'branch_id' : 'party_group_id'
    // Those there now, and those who moved since (wherever they are now); their first move after
    // `at` says where they were then.
    const rows = this.sql(
        `SELECT m.*, (SELECT v.from_json FROM member_moves v WHERE v.member_id = m.id AND v.at > @at ORDER BY v.at, v.seq LIMIT 1) AS then_json
         FROM members m
         WHERE m.active = 1 AND m.created_at <= @at
           AND (m.${column} IN (SELECT value FROM json_each(@ids)) OR m.id IN (SELECT member_id FROM member_moves WHERE at > @at))
         ORDER BY m.member_no`,
      )
      .all({ at, ids: JSON.stringify(scope.ids) }) as Row[]
    const ids = new Set(scope.ids)
    const key = scope.kind === 'branch' ? 'branchId' : 'partyGroupId'
    const then = rows
      .map((r) => ({ r, placement: r.then_json ? (JSON.parse(str(r.then_json)) as Placement) : placementOf(r) }))
      .filter(({ placement }) => placement[key] !== null && ids.has(placement[key]))
    const roles = this.rolesOf(then.map(({ r }) => str(r.id)))
    return then.map(({ r, placement }) => ({ ...memberOf(r, roles), placement }))
  }
}

export const ORG_TABLE: Record<OrgKind, string> = { unit: 'units', branch: 'branches', partyGroup: 'party_groups', youthGroup: 'youth_groups' }

const toBranch = (r: Row): Branch => ({ id: str(r.id), unitId: str(r.unit_id), name: str(r.name), createdAt: strOrNull(r.created_at) })

/** Officers in the order people read them: secretary, 组织委员, then the committee. */
const roleRank = (role: unknown): number => {
  const i = (BRANCH_ROLES as readonly unknown[]).indexOf(role)
  return i < 0 ? BRANCH_ROLES.length : i
}
