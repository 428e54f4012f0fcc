/**
 * Members and the organisation. Roles live on the member record (one document, so a role change
 * is one transaction). A WeChat account is tied to one member by a claim record whose `_id` is the
 * OPENID (`member_open_ids`); the member record holds the binding itself.
 *
 * An import writes records one by one (CloudBase has no multi-record atomic write): the batch is
 * validated before (domain/roster.ts) and every write is an upsert by id, so an import cut short
 * by a crash is completed by running it again.
 */
import type { Member, RoleGrant, Unit } from '../../contract/model'
import type { OrgBatch, OrgSnapshot } from '../../domain/roster'
import { chunk, type Db } from './access'
import { COL } from './collections'
import { docs, grantDoc, str, strOrNull, strings, toMember, toMemberRow } from './documents'
import { InstanceCache } from './instanceCache'
import type { Doc } from './sdk'

/**
 * How long an instance trusts the member it resolved from an OPENID: every call of a warm instance
 * starts with that lookup. A role taken away or a member deactivated through another instance
 * takes effect here within this time (at once for writes made through this instance).
 */
export const CALLER_TTL_MS = 10_000
/** How long an instance trusts a member's unit (to count a credit there) and the units' names. */
export const MEMBER_UNIT_TTL_MS = 60_000

/** Writes at once during an import. */
const IMPORT_PARALLEL = 20

const sameGrant = (a: Doc, b: Doc) => a.role === b.role && (a.unitId ?? null) === (b.unitId ?? null) && (a.groupId ?? null) === (b.groupId ?? null)

export class Org {
  private readonly callers = new InstanceCache<Member | null>(CALLER_TTL_MS)
  private readonly units = new InstanceCache<string | null>(MEMBER_UNIT_TTL_MS, 5_000)
  private readonly names = new InstanceCache<Map<string, string>>(MEMBER_UNIT_TTL_MS, 1)

  constructor(private readonly db: Db) {}

  /** A member just read: its unit is remembered for counting its credits. */
  private seen(d: Doc | undefined | null): Member | null {
    if (!d) return null
    const m = toMember(d)
    this.units.put(m.id, m.unitId)
    return m
  }

  /** Any change to members through this instance: nothing remembered about them is trusted. */
  private changed<T>(result: T): T {
    this.callers.clear()
    this.units.clear()
    this.names.clear()
    return result
  }

  /** Every unit's name by id (a city has about a hundred: one page), remembered for a minute. */
  unitNames(): Promise<Map<string, string>> {
    return this.names.get('all', async () => new Map((await this.db.all(COL.units, null)).map((u) => [str(u._id), str(u.name)])))
  }

  async getMember(id: string): Promise<Member | null> {
    return this.seen(await this.db.read(COL.members, id))
  }

  /** The unit a member belongs to (remembered for a minute), for the unit counters of a credit. */
  unitOf(memberId: string): Promise<string | null> {
    return this.units.get(memberId, async () => (await this.getMember(memberId))?.unitId ?? null, (u) => u !== null)
  }

  private async findOne(where: Doc): Promise<Member | null> {
    const { data } = await this.db.coll(COL.members).where(where).limit(1).get()
    return this.seen(data[0])
  }

  findByBindCode(bindCode: string): Promise<Member | null> {
    return this.findOne({ bindCode: bindCode.toUpperCase(), active: true })
  }

  findByOpenId(openId: string): Promise<Member | null> {
    return this.callers.get(openId, () => this.findOne({ openId, active: true }), (m) => m !== null)
  }

  /** Claim the WeChat account, then bind it on the member (once); false if either is taken. */
  async bindOpenId(memberId: string, openId: string): Promise<boolean> {
    return this.changed(await this.bind(memberId, openId))
  }

  private async bind(memberId: string, openId: string): Promise<boolean> {
    const member = await this.db.read(COL.members, memberId)
    if (!member) return false
    if (member.openId === openId) return true
    if (member.openId) return false
    if (!(await this.db.addOnce(COL.openIds, openId, { memberId }))) {
      const claim = await this.db.read(COL.openIds, openId)
      const owner = claim ? str(claim.memberId) : null
      if (owner !== memberId) {
        const holder = owner ? await this.db.read(COL.members, owner) : null
        if (holder?.openId === openId) return false
        // A stale claim (its member was reset, or a bind was cut short): take it over.
        const took = await this.db.transact(async (t) => {
          const now = await this.db.txRead(t, COL.openIds, openId)
          if (now && strOrNull(now.memberId) !== owner) return false
          await t.collection(COL.openIds).doc(openId).set({ data: { memberId } })
          return true
        })
        if (!took) return false
      }
    }
    const bound = await this.db.transact(async (t) => {
      const d = await this.db.txRead(t, COL.members, memberId)
      if (!d || (d.openId && d.openId !== openId)) return false
      if (!d.openId) await t.collection(COL.members).doc(memberId).update({ data: { openId } })
      return true
    })
    if (!bound) await this.db.coll(COL.openIds).where({ _id: openId, memberId }).remove()
    return bound
  }

  /** From the units' names this instance keeps (one page for the whole city); one not among them is read. */
  async getUnit(id: string): Promise<Unit | null> {
    const name = (await this.unitNames()).get(id)
    if (name !== undefined) return { id, name }
    const d = await this.db.read(COL.units, id)
    return d ? { id: str(d._id), name: str(d.name) } : null
  }

  async missingOrgIds(kind: 'unit' | 'group', idList: string[]): Promise<string[]> {
    const found = new Set((await this.db.allIn(kind === 'unit' ? COL.units : COL.youthGroups, '_id', idList)).map((d) => str(d._id)))
    return idList.filter((id) => !found.has(id))
  }

  async youthGroupUnits(groupId: string): Promise<string[] | null> {
    const d = await this.db.read(COL.youthGroups, groupId)
    return d ? strings(d.unitIds) : null
  }

  async orgNames(member: Member) {
    const [unit, branch, group] = await Promise.all([
      this.db.read(COL.units, member.unitId),
      member.branchId ? this.db.read(COL.branches, member.branchId) : null,
      member.youthGroupId ? this.db.read(COL.youthGroups, member.youthGroupId) : null,
    ])
    if (!unit) return { unitName: '', branchName: null, youthGroupName: null }
    return { unitName: str(unit.name), branchName: branch ? str(branch.name) : null, youthGroupName: group ? str(group.name) : null }
  }

  async importOrg(batch: OrgBatch, now: string): Promise<void> {
    const run = async <T>(items: T[], write: (item: T) => Promise<unknown>) => {
      for (const part of chunk(items, IMPORT_PARALLEL)) await Promise.all(part.map(write))
    }
    await run(batch.units, (u) => this.db.coll(COL.units).doc(u.id).set({ data: { name: u.name } }))
    await run(batch.branches, (b) => this.db.coll(COL.branches).doc(b.id).set({ data: { unitId: b.unitId, name: b.name } }))
    await run(batch.youthGroups, (g) => this.db.coll(COL.youthGroups).doc(g.id).set({ data: { name: g.name, unitIds: [...g.unitIds] } }))
    await run(batch.members, (m) => this.upsertMember(m, now))
    this.changed(undefined)
  }

  /** Update what the roster decides, keeping the bind code, binding and creation time of a known member. */
  private async upsertMember(m: OrgBatch['members'][number], now: string): Promise<void> {
    const fields: Doc = {
      memberNo: m.memberNo,
      name: m.name,
      unitId: m.unitId,
      branchId: m.branchId,
      youthGroupId: m.youthGroupId,
      birthDate: m.birthDate,
      phone: m.phone,
      active: m.active,
      idNumber: m.idNumber ?? null,
      roles: m.roles.map(grantDoc),
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const { stats } = await this.db.coll(COL.members).doc(m.id).update({ data: fields })
      if (stats.updated || (await this.db.read(COL.members, m.id))) return
      const created = { ...fields, bindCode: m.bindCode, openId: null, sessionsValidAfter: null, createdAt: now }
      if (await this.db.addOnce(COL.members, m.id, created)) return
    }
    throw new Error(`member ${m.id} could not be written`)
  }

  async orgSnapshot(): Promise<OrgSnapshot> {
    const [units, branches, groups, members] = await Promise.all([
      this.db.all(COL.units, null),
      this.db.all(COL.branches, null),
      this.db.all(COL.youthGroups, null),
      this.db.all(COL.members, null),
    ])
    return {
      units: units.map((u) => ({ id: str(u._id), name: str(u.name) })),
      branches: branches.map((b) => ({ id: str(b._id), unitId: str(b.unitId), name: str(b.name) })),
      youthGroups: groups.map((g) => ({ id: str(g._id), name: str(g.name), unitIds: strings(g.unitIds) })),
      members: members.map(toMemberRow),
    }
  }

  async listMembersOfUnit(unitId: string, query: string | undefined, includeInactive: boolean, limit: number) {
    const rows = await this.db.all(COL.members, includeInactive ? { unitId } : { unitId, active: true }, [['memberNo', 'asc']])
    // SQLite's LIKE: a substring, ASCII case folded, with its wildcards taken out of the query.
    const q = query ? query.replace(/[%_]/g, '').toLowerCase() : null
    const hits = q === null ? rows : rows.filter((r) => str(r.name).toLowerCase().includes(q) || str(r.memberNo).toLowerCase().includes(q))
    return hits.slice(0, Math.max(0, limit)).map((r) => ({ ...toMemberRow(r), bound: Boolean(r.openId) }))
  }

  /** Grant or take back one role, in a transaction on the member; the member afterwards (read right after). */
  async setRoleGrant(memberId: string, grant: RoleGrant, on: boolean): Promise<Member | null> {
    const wanted = grantDoc(grant)
    const exists = await this.db.transact(async (t) => {
      const d = await this.db.txRead(t, COL.members, memberId)
      if (!d) return false
      const roles = docs(d.roles)
      const has = roles.some((r) => sameGrant(r, wanted))
      if (on === has) return true
      const next = on ? [...roles, wanted] : roles.filter((r) => !sameGrant(r, wanted))
      await t.collection(COL.members).doc(memberId).update({ data: { roles: next } })
      return true
    })
    this.changed(undefined)
    return exists ? this.getMember(memberId) : null
  }

  /** New bind code, WeChat binding cleared (record and claim), sessions issued so far void. */
  async resetMemberAccess(memberId: string, newBindCode: string, at: string): Promise<void> {
    const member = await this.db.read(COL.members, memberId)
    if (!member) return
    await this.db.coll(COL.members).doc(memberId).update({ data: { bindCode: newBindCode, openId: null, sessionsValidAfter: at } })
    if (member.openId) await this.db.coll(COL.openIds).where({ _id: str(member.openId), memberId }).remove()
    this.changed(undefined)
  }

  async sessionsValidAfter(memberId: string): Promise<{ exists: boolean; after: string | null }> {
    const d = await this.db.read(COL.members, memberId)
    return { exists: d !== null, after: d ? strOrNull(d.sessionsValidAfter) : null }
  }
}
