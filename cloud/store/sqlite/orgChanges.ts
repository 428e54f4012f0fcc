/**
 * Changes to the organisation: the roster import, the admin's merges and moves, 正式/预备. Every
 * change of a member's placement is written to the history (member_moves) with the member, so a
 * meeting's roll on its day keeps the old membership.
 */
import type { Placement } from '../../contract/model'
import type { PartyStatus } from '../../contract/vocabulary'
import { StoreError } from '../errors'
import type { OrgBatch, OrgKind } from '../Store'
import { ORG_TABLE } from './org'
import { ConnPart } from './part'
import { type Row, placementOf, str } from './rows'

export class OrgChanges extends ConnPart {
  async importOrg(batch: OrgBatch, now: string) {
    const upUnit = this.sql('INSERT INTO units (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name')
    // A branch's set-up time is written once, when it first appears; renames and re-imports keep it.
    const upBranch = this.sql(
      'INSERT INTO branches (id, unit_id, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET unit_id = excluded.unit_id, name = excluded.name',
    )
    const upPartyGroup = this.sql(
      'INSERT INTO party_groups (id, branch_id, name) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET branch_id = excluded.branch_id, name = excluded.name',
    )
    const upGroup = this.sql('INSERT INTO youth_groups (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name')
    const clearGroupUnits = this.sql('DELETE FROM youth_group_units WHERE group_id = ?')
    const addGroupUnit = this.sql('INSERT INTO youth_group_units (group_id, unit_id) VALUES (?, ?)')
    const held = this.sql('SELECT id, unit_id, branch_id, party_group_id, youth_group_id FROM members WHERE id = ?')
    const upMember = this.sql(
      `INSERT INTO members (id, member_no, name, unit_id, branch_id, party_group_id, youth_group_id, birth_date, party_status, phone, bind_code, active,
         created_at, id_number, cadre_rank)
       VALUES (@id, @memberNo, @name, @unitId, @branchId, @partyGroupId, @youthGroupId, @birthDate, @partyStatus, @phone, @bindCode, @active, @now, @idNumber,
         @cadreRank)
       ON CONFLICT(id) DO UPDATE SET member_no = excluded.member_no, name = excluded.name, unit_id = excluded.unit_id,
         branch_id = excluded.branch_id, party_group_id = excluded.party_group_id, youth_group_id = excluded.youth_group_id,
         birth_date = excluded.birth_date, party_status = excluded.party_status, phone = excluded.phone, active = excluded.active,
         id_number = excluded.id_number, cadre_rank = excluded.cadre_rank`,
    )
    const clearRoles = this.sql('DELETE FROM member_roles WHERE member_id = ?')
    const addRole = this.sql('INSERT INTO member_roles (member_id, role, unit_id, group_id, branch_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
    this.write(() => {
      for (const u of batch.units) upUnit.run(u.id, u.name)
      for (const b of batch.branches) upBranch.run(b.id, b.unitId, b.name, now)
      for (const g of batch.partyGroups) upPartyGroup.run(g.id, g.branchId, g.name)
      for (const g of batch.youthGroups) {
        upGroup.run(g.id, g.name)
        clearGroupUnits.run(g.id)
        for (const u of g.unitIds) addGroupUnit.run(g.id, u)
      }
      for (const m of batch.members) {
        // A re-import that puts someone elsewhere is a move: old rolls keep where they were.
        const before = held.get(m.id) as Row | undefined
        if (before) {
          const from = placementOf(before)
          const to = { unitId: m.unitId, branchId: m.branchId, partyGroupId: m.partyGroupId, youthGroupId: m.youthGroupId }
          if (!samePlacement(from, to)) this.recordMove(m.id, from, to, now)
        }
        upMember.run({
          ...m,
          partyGroupId: m.partyGroupId ?? null,
          partyStatus: m.partyStatus ?? 'full',
          idNumber: m.idNumber ?? null,
          cadreRank: m.cadreRank ?? null,
          active: m.active ? 1 : 0,
          now,
        })
        clearRoles.run(m.id)
        for (const g of m.roles) addRole.run(m.id, g.role, g.unitId ?? null, g.groupId ?? null, g.branchId ?? null)
      }
    })
  }

  async mergeOrg(kind: OrgKind, fromId: string, intoId: string, now: string) {
    const table = ORG_TABLE[kind]
    return this.write(() => {
      const living = this.sql(`SELECT id FROM ${table} WHERE id IN (?, ?) AND merged_into IS NULL`).all(fromId, intoId) as Row[]
      if (fromId === intoId || living.length !== 2) throw new StoreError('notFound', 'org')
      const column = { unit: 'unit_id', branch: 'branch_id', partyGroup: 'party_group_id', youthGroup: 'youth_group_id' }[kind]
      const target = this.mergeTarget(kind, intoId)
      const members = this.sql(`SELECT id, unit_id, branch_id, party_group_id, youth_group_id FROM members WHERE ${column} = ?`).all(fromId) as Row[]
      let moved = 0
      for (const m of members) {
        const from = placementOf(m)
        const to = { ...from, ...target }
        if (samePlacement(from, to)) continue
        this.recordMove(str(m.id), from, to, now)
        moved++
      }
      if (kind === 'unit') {
        this.sql('UPDATE branches SET unit_id = ? WHERE unit_id = ?').run(intoId, fromId)
        // Grants on the unit (and on its branches, which now belong to the target) follow it.
        this.sql('UPDATE OR IGNORE member_roles SET unit_id = ? WHERE unit_id = ?').run(intoId, fromId)
        this.sql('DELETE FROM member_roles WHERE unit_id = ?').run(fromId)
        this.sql('INSERT OR IGNORE INTO youth_group_units (group_id, unit_id) SELECT group_id, ? FROM youth_group_units WHERE unit_id = ?').run(intoId, fromId)
        this.sql('DELETE FROM youth_group_units WHERE unit_id = ?').run(fromId)
      } else if (kind === 'branch') {
        this.sql('UPDATE party_groups SET branch_id = ? WHERE branch_id = ?').run(intoId, fromId)
        // The target keeps its own officers; the merged branch's offices end with it.
        this.sql('DELETE FROM member_roles WHERE branch_id = ?').run(fromId)
      } else if (kind === 'youthGroup') {
        this.sql('UPDATE OR IGNORE member_roles SET group_id = ? WHERE group_id = ?').run(intoId, fromId)
        this.sql('DELETE FROM member_roles WHERE group_id = ?').run(fromId)
        this.sql('INSERT OR IGNORE INTO youth_group_units (group_id, unit_id) SELECT ?, unit_id FROM youth_group_units WHERE group_id = ?').run(intoId, fromId)
      }
      this.sql(`UPDATE ${table} SET merged_into = ? WHERE id = ?`).run(intoId, fromId)
      return { membersMoved: moved }
    })
  }

  /** Where a member of a merged node goes: the target, and the branch and unit it belongs to. */
  private mergeTarget(kind: OrgKind, intoId: string): Partial<Placement> {
    if (kind === 'unit') return { unitId: intoId }
    if (kind === 'youthGroup') return { youthGroupId: intoId }
    if (kind === 'branch') {
      const b = this.sql('SELECT unit_id FROM branches WHERE id = ?').get(intoId) as Row
      return { unitId: str(b.unit_id), branchId: intoId }
    }
    const g = this.sql('SELECT b.id, b.unit_id FROM party_groups g JOIN branches b ON b.id = g.branch_id WHERE g.id = ?').get(intoId) as Row
    return { unitId: str(g.unit_id), branchId: str(g.id), partyGroupId: intoId }
  }

  async moveMembers(memberIds: string[], to: Omit<Placement, 'youthGroupId'> & { youthGroupId?: string | null }, now: string) {
    return this.write(() => {
      const rows = this.sql('SELECT id, unit_id, branch_id, party_group_id, youth_group_id FROM members WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(memberIds)) as Row[]
      let moved = 0
      for (const r of rows) {
        const from = placementOf(r)
        const next: Placement = {
          unitId: to.unitId,
          branchId: to.branchId,
          partyGroupId: to.partyGroupId,
          youthGroupId: to.youthGroupId === undefined ? from.youthGroupId : to.youthGroupId,
        }
        if (samePlacement(from, next)) continue
        this.recordMove(str(r.id), from, next, now)
        moved++
      }
      return moved
    })
  }

  /**
   * One change of placement: the history row, then the member. A member changing units takes their
   * counters along, as reconcile (units from their members' counters) would have it.
   */
  private recordMove(memberId: string, from: Placement, to: Placement, at: string): void {
    this.sql('INSERT INTO member_moves (member_id, at, from_json, to_json) VALUES (?, ?, ?, ?)').run(memberId, at, JSON.stringify(from), JSON.stringify(to))
    this.sql('UPDATE members SET unit_id = ?, branch_id = ?, party_group_id = ?, youth_group_id = ? WHERE id = ?')
      .run(to.unitId, to.branchId, to.partyGroupId, to.youthGroupId, memberId)
    if (from.unitId === to.unitId) return
    this.sql(
        `INSERT INTO unit_counters (unit_id, period, kind, points, hours, credits)
         SELECT ?, period, kind, points, hours, credits FROM member_counters WHERE member_id = ? AND true
         ON CONFLICT(unit_id, period, kind) DO UPDATE SET points = points + excluded.points, hours = hours + excluded.hours, credits = credits + excluded.credits`,
      )
      .run(to.unitId, memberId)
    this.sql(
        `UPDATE unit_counters SET points = unit_counters.points - c.points, hours = unit_counters.hours - c.hours, credits = unit_counters.credits - c.credits
         FROM member_counters c
         WHERE c.member_id = ? AND unit_counters.unit_id = ? AND unit_counters.period = c.period AND unit_counters.kind = c.kind`,
      )
      .run(memberId, from.unitId)
    // Rows left at nothing where none of the unit's members has counters are not rows reconcile would make.
    this.sql(
        `DELETE FROM unit_counters WHERE unit_id = @unit AND credits = 0 AND abs(points) < 1e-9 AND abs(hours) < 1e-9
           AND period IN (SELECT period FROM member_counters WHERE member_id = @member)
           AND NOT EXISTS (SELECT 1 FROM members m JOIN member_counters c ON c.member_id = m.id
                           WHERE m.unit_id = @unit AND c.period = unit_counters.period AND c.kind = unit_counters.kind)`,
      )
      .run({ unit: from.unitId, member: memberId })
  }

  async setPartyStatus(memberIds: string[], status: PartyStatus) {
    return this.write(
      () =>
        this.sql('UPDATE members SET party_status = ? WHERE party_status <> ? AND id IN (SELECT value FROM json_each(?))').run(status, status, JSON.stringify(memberIds))
          .changes,
    )
  }
}

const samePlacement = (a: Placement, b: Placement): boolean =>
  a.unitId === b.unitId && a.branchId === b.branchId && a.partyGroupId === b.partyGroupId && a.youthGroupId === b.youthGroupId
