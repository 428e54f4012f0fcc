/**
 * Members and the organisation. Roles live on the member record (one document, so a role change
 * is one transaction). A WeChat account is tied to one member by a claim record whose `_id` is the
 * OPENID (`member_open_ids`); the member record holds the binding itself. Reading units, branches,
 * 党小组 and youth groups is here too; changing them is orgChanges.ts, the tree and past rosters
 * orgRoster.ts.
 */
import type { Branch, Member, PartyGroup, RoleGrant, Unit, YouthGroup } from '../../contract/model'
import type { OrgKind } from '../ports/OrgStore'
import type { Db } from './access'
import { COL, type CollectionName } from './collections'
import { docs, grantDoc, sameGrant, str, strOrNull, strings, toMember, toMemberRow } from './documents'
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

/** The collection of each kind of organisation. */
export const ORG_COLLECTION: Record<OrgKind, CollectionName> = {
  unit: COL.units,
  branch: COL.branches,
  partyGroup: COL.partyGroups,
  youthGroup: COL.youthGroups,
}

const toBranch = (d: Doc): Branch => ({ id: str(d._id), unitId: str(d.unitId), name: str(d.name), createdAt: strOrNull(d.createdAt) })
const toPartyGroup = (d: Doc): PartyGroup => ({ id: str(d._id), branchId: str(d.branchId), name: str(d.name) })
const toYouthGroup = (d: Doc): YouthGroup => ({ id: str(d._id), name: str(d.name), unitIds: strings(d.unitIds) })

export class Org {
  private readonly callers = new InstanceCache<Member | null>(CALLER_TTL_MS)
  private readonly units = new InstanceCache<string | null>(MEMBER_UNIT_TTL_MS, 5_000)
  private readonly names = new InstanceCache<Map<string, string>>(MEMBER_UNIT_TTL_MS, 2)

  constructor(private readonly db: Db) {}

  /** A member just read: its unit is remembered for counting its credits. */
  private seen(d: Doc | undefined | null): Member | null {
    if (!d) return null
    const m = toMember(d)
    this.units.put(m.id, m.unitId)
    return m
  }

  /** Any change to members or the organisation through this instance: nothing remembered about them is trusted. */
  changed<T>(result: T): T {
    this.callers.clear()
    this.units.clear()
    this.names.clear()
    return result
  }

  /** Every unit's name by id (a city has about a hundred: one page), remembered for a minute. */
  unitNames(): Promise<Map<string, string>> {
    return this.names.get('all', async () => new Map((await this.db.all(COL.units, null)).map((u) => [str(u._id), str(u.name)])))
  }

  /**
   * Every branch's name by id (a city has a few hundred: one page), remembered for a minute like the
   * units': the attendance list names each person's 支部 without a read after the members'.
   */
  branchNames(): Promise<Map<string, string>> {
    return this.names.get('branches', async () => new Map((await this.db.all(COL.branches, null, [], Infinity, ['_id', 'name'])).map((b) => [str(b._id), str(b.name)])))
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

  /** A branch, 党小组 or youth group, merged or not (old records name merged ones). */
  async getBranch(id: string): Promise<Branch | null> {
    const d = await this.db.read(COL.branches, id)
    return d ? toBranch(d) : null
  }

  async getPartyGroup(id: string): Promise<PartyGroup | null> {
    const d = await this.db.read(COL.partyGroups, id)
    return d ? toPartyGroup(d) : null
  }

  async partyGroupsOf(branchId: string): Promise<PartyGroup[]> {
    const docs = await this.db.all(COL.partyGroups, { branchId })
    return docs
      .filter((d) => !d.mergedInto)
      .map(toPartyGroup)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
  }

  async getYouthGroup(id: string): Promise<YouthGroup | null> {
    const d = await this.db.read(COL.youthGroups, id)
    return d ? toYouthGroup(d) : null
  }

  async branchesOf(kind: 'branch' | 'partyGroup', idList: string[]): Promise<Map<string, Branch>> {
    const out = new Map<string, Branch>()
    if (kind === 'branch') {
      for (const d of await this.db.allIn(COL.branches, '_id', idList)) out.set(str(d._id), toBranch(d))
      return out
    }
    const groups = await this.db.allIn(COL.partyGroups, '_id', idList)
    const branches = new Map((await this.db.allIn(COL.branches, '_id', groups.map((g) => str(g.branchId)))).map((d) => [str(d._id), toBranch(d)]))
    for (const g of groups) {
      const b = branches.get(str(g.branchId))
      if (b) out.set(str(g._id), b)
    }
    return out
  }

  /** Merged organisations count as gone: nothing new may name them. */
  async missingOrgIds(kind: OrgKind | 'group', idList: string[]): Promise<string[]> {
    const name = ORG_COLLECTION[kind === 'group' ? 'youthGroup' : kind]
    const found = new Set((await this.db.allIn(name, '_id', idList)).filter((d) => !d.mergedInto).map((d) => str(d._id)))
    return idList.filter((id) => !found.has(id))
  }

  async youthGroupUnits(groupId: string): Promise<string[] | null> {
    const d = await this.db.read(COL.youthGroups, groupId)
    return d ? strings(d.unitIds) : null
  }

  /** The unit's name from the names kept (one read of the city's units a minute), the others read at once beside it. */
  async orgNames(member: Member) {
    const [unitName, branch, partyGroup, group] = await Promise.all([
      this.getUnit(member.unitId).then((u) => u?.name ?? null),
      member.branchId ? this.db.read(COL.branches, member.branchId) : null,
      member.partyGroupId ? this.db.read(COL.partyGroups, member.partyGroupId) : null,
      member.youthGroupId ? this.db.read(COL.youthGroups, member.youthGroupId) : null,
    ])
    if (unitName === null) return { unitName: '', branchName: null, partyGroupName: null, youthGroupName: null }
    return {
      unitName,
      branchName: branch ? str(branch.name) : null,
      partyGroupName: partyGroup ? str(partyGroup.name) : null,
      youthGroupName: group ? str(group.name) : null,
    }
  }

  async listMembersOfUnit(unitId: string, query: string | undefined, includeInactive: boolean, limit: number) {
    const rows = await this.db.all(COL.members, includeInactive ? { unitId } : { unitId, active: true }, [['memberNo', 'asc']])
    // SQLite's LIKE: a substring, ASCII case folded, with its wildcards taken out of the query.
    const q = query ? query.replace(/[%_]/g, '').toLowerCase() : null
    const hits = q === null ? rows : rows.filter((r) => str(r.name).toLowerCase().includes(q) || str(r.memberNo).toLowerCase().includes(q))
    return hits.slice(0, Math.max(0, limit)).map((r) => ({ ...toMemberRow(r), bound: Boolean(r.openId), signedIn: Boolean(r.openId) || Boolean(r.signedInAt) }))
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

  /** A sign-in with the code: one update of the member, no read. */
  async noteSignIn(memberId: string, at: string): Promise<void> {
    await this.db.coll(COL.members).where({ _id: memberId }).update({ data: { signedInAt: at } })
  }

  /** New bind code, WeChat binding cleared (record and claim), sessions issued so far void, the sign-in forgotten. */
  async resetMemberAccess(memberId: string, newBindCode: string, at: string): Promise<void> {
    const member = await this.db.read(COL.members, memberId)
    if (!member) return
    await this.db.coll(COL.members).doc(memberId).update({ data: { bindCode: newBindCode, openId: null, sessionsValidAfter: at, signedInAt: null } })
    if (member.openId) await this.db.coll(COL.openIds).where({ _id: str(member.openId), memberId }).remove()
    this.changed(undefined)
  }

  async sessionsValidAfter(memberId: string): Promise<{ exists: boolean; after: string | null }> {
    const d = await this.db.read(COL.members, memberId)
    return { exists: d !== null, after: d ? strOrNull(d.sessionsValidAfter) : null }
  }
}
