/** Members, their roles and WeChat binding, and the organisation (units, branches, youth groups) with its import. */
import type { Member, RoleGrant, Unit } from '../../contract/model'
import type { OrgSnapshot } from '../../domain/roster'
import type { OrgBatch } from '../Store'
import { ConnPart } from './part'
import { type Row, grantOf, memberOf, str, strOrNull } from './rows'

export class Org extends ConnPart {
  private rolesOf(memberIds: string[]): Map<string, RoleGrant[]> {
    const out = new Map<string, RoleGrant[]>()
    if (memberIds.length === 0) return out
    const rows = this.sql(`SELECT member_id, role, unit_id, group_id FROM member_roles WHERE member_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(memberIds)) as Row[]
    for (const r of rows) {
      const list = out.get(str(r.member_id)) ?? []
      list.push(grantOf(r.role, r.unit_id, r.group_id))
      out.set(str(r.member_id), list)
    }
    return out
  }

  private toMember(r: Row | undefined): Member | null {
    if (!r) return null
    const id = str(r.id)
    // One member (every request's caller): a plain indexed lookup, not the json_each list form.
    const grants = (this.sql('SELECT role, unit_id, group_id FROM member_roles WHERE member_id = ?').all(id) as Row[]).map((g) =>
      grantOf(g.role, g.unit_id, g.group_id),
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
    }))
  }

  async setRoleGrant(memberId: string, grant: RoleGrant, on: boolean) {
    return this.write((): Member | null => {
      const member = this.sql('SELECT * FROM members WHERE id = ?')
      if (!member.get(memberId)) return null
      const args = [memberId, grant.role, grant.unitId ?? null, grant.groupId ?? null]
      if (on) this.sql('INSERT INTO member_roles (member_id, role, unit_id, group_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(...args)
      else
        this.sql(`DELETE FROM member_roles WHERE member_id = ? AND role = ? AND ifnull(unit_id, '') = ifnull(?, '') AND ifnull(group_id, '') = ifnull(?, '')`)
          .run(...args)
      return this.toMember(member.get(memberId) as Row)
    })
  }

  // ---- organisation ----

  async getUnit(id: string): Promise<Unit | null> {
    const r = this.sql('SELECT id, name FROM units WHERE id = ?').get(id) as Row | undefined
    return r ? { id: str(r.id), name: str(r.name) } : null
  }

  async missingOrgIds(kind: 'unit' | 'group', ids: string[]) {
    const table = kind === 'unit' ? 'units' : 'youth_groups'
    const found = new Set(
      (this.sql(`SELECT id FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]).map((r) => str(r.id)),
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
        `SELECT u.name AS unit_name, b.name AS branch_name, g.name AS group_name
         FROM units u LEFT JOIN branches b ON b.id = ? LEFT JOIN youth_groups g ON g.id = ?
         WHERE u.id = ?`,
      )
      .get(member.branchId, member.youthGroupId, member.unitId) as Row | undefined
    return {
      unitName: r ? str(r.unit_name) : '',
      branchName: r ? strOrNull(r.branch_name) : null,
      youthGroupName: r ? strOrNull(r.group_name) : null,
    }
  }

  async importOrg(batch: OrgBatch, now: string) {
    const db = this.db
    const upUnit = db.prepare('INSERT INTO units (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name')
    const upBranch = db.prepare(
      'INSERT INTO branches (id, unit_id, name) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET unit_id = excluded.unit_id, name = excluded.name',
    )
    const upGroup = db.prepare('INSERT INTO youth_groups (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name')
    const clearGroupUnits = db.prepare('DELETE FROM youth_group_units WHERE group_id = ?')
    const addGroupUnit = db.prepare('INSERT INTO youth_group_units (group_id, unit_id) VALUES (?, ?)')
    const upMember = db.prepare(
      `INSERT INTO members (id, member_no, name, unit_id, branch_id, youth_group_id, birth_date, phone, bind_code, active, created_at, id_number)
       VALUES (@id, @memberNo, @name, @unitId, @branchId, @youthGroupId, @birthDate, @phone, @bindCode, @active, @now, @idNumber)
       ON CONFLICT(id) DO UPDATE SET member_no = excluded.member_no, name = excluded.name, unit_id = excluded.unit_id,
         branch_id = excluded.branch_id, youth_group_id = excluded.youth_group_id, birth_date = excluded.birth_date,
         phone = excluded.phone, active = excluded.active, id_number = excluded.id_number`,
    )
    const clearRoles = db.prepare('DELETE FROM member_roles WHERE member_id = ?')
    const addRole = db.prepare('INSERT INTO member_roles (member_id, role, unit_id, group_id) VALUES (?, ?, ?, ?)')
    this.write(() => {
      for (const u of batch.units) upUnit.run(u.id, u.name)
      for (const b of batch.branches) upBranch.run(b.id, b.unitId, b.name)
      for (const g of batch.youthGroups) {
        upGroup.run(g.id, g.name)
        clearGroupUnits.run(g.id)
        for (const u of g.unitIds) addGroupUnit.run(g.id, u)
      }
      for (const m of batch.members) {
        upMember.run({ ...m, idNumber: m.idNumber ?? null, active: m.active ? 1 : 0, now })
        clearRoles.run(m.id)
        for (const g of m.roles) addRole.run(m.id, g.role, g.unitId ?? null, g.groupId ?? null)
      }
    })
  }

  async orgSnapshot(): Promise<OrgSnapshot> {
    const units = (this.sql('SELECT id, name FROM units').all() as Row[]).map((r) => ({ id: str(r.id), name: str(r.name) }))
    const branches = (this.sql('SELECT id, unit_id, name FROM branches').all() as Row[]).map((r) => ({
      id: str(r.id),
      unitId: str(r.unit_id),
      name: str(r.name),
    }))
    const groupUnits = this.sql('SELECT group_id, unit_id FROM youth_group_units').all() as Row[]
    const youthGroups = (this.sql('SELECT id, name FROM youth_groups').all() as Row[]).map((r) => ({
      id: str(r.id),
      name: str(r.name),
      unitIds: groupUnits.filter((g) => g.group_id === r.id).map((g) => str(g.unit_id)),
    }))
    const rows = this.sql('SELECT * FROM members').all() as Row[]
    const roles = this.rolesOf(rows.map((r) => str(r.id)))
    const members = rows.map((r) => ({ ...memberOf(r, roles), phone: strOrNull(r.phone), bindCode: str(r.bind_code), idNumber: strOrNull(r.id_number) }))
    return { units, branches, youthGroups, members }
  }
}
