/**
 * The organisation as a tree with head counts, and a branch's roster on a past day. Head counts
 * are counted by the database (`$group`), not by reading every member; the roster on a day reads
 * the members there now and the moves since that day touching the branch, both at once.
 */
import type { OrgOfficer, OrgTree, Placement } from '../../contract/model'
import { BRANCH_ROLES, type Role } from '../../contract/vocabulary'
import type { MemberOnDay } from '../ports/OrgStore'
import { chunk, type Db } from './access'
import { COL, type CollectionName } from './collections'
import { byText, docs, isDoc, num, placementOf, str, strOrNull, strings, toMember } from './documents'
import type { Doc } from './sdk'

const ROLE_ORDER = new Map<string, number>(BRANCH_ROLES.map((r, i) => [r, i]))
const live = (d: Doc) => !d.mergedInto
const byId = (a: Doc, b: Doc) => byText(str(a._id), str(b._id))

export class OrgRoster {
  constructor(private readonly db: Db) {}

  /** Active members per value of `field` (one `$group`). */
  private async headCounts(field: string): Promise<Map<string, number>> {
    const $ = this.db._.aggregate
    const rows = await this.db.aggregateAll(COL.members, (a) =>
      a
        .match({ active: true })
        .group({ _id: `$${field}`, n: $.sum(1) })
        .sort({ _id: 1 }),
    )
    return new Map(rows.filter((r) => r._id !== null && r._id !== undefined).map((r) => [str(r._id), num(r.n)]))
  }

  async orgTree(): Promise<OrgTree> {
    const all = (name: CollectionName) => this.db.all(name, null).then((rows) => rows.filter(live).sort(byId))
    const [units, branches, partyGroups, youthGroups, byUnit, byBranch, byPartyGroup, byYouthGroup, officers] = await Promise.all([
      all(COL.units),
      all(COL.branches),
      all(COL.partyGroups),
      all(COL.youthGroups),
      this.headCounts('unitId'),
      this.headCounts('branchId'),
      this.headCounts('partyGroupId'),
      this.headCounts('youthGroupId'),
      this.db.all(COL.members, { active: true, 'roles.role': this.db._.in([...BRANCH_ROLES]) }, [['memberNo', 'asc']]),
    ])
    const officersOf = new Map<string, OrgOfficer[]>()
    for (const m of officers)
      for (const g of docs(m.roles)) {
        const branchId = strOrNull(g.branchId)
        if (!branchId || !ROLE_ORDER.has(str(g.role))) continue
        const list = officersOf.get(branchId) ?? []
        list.push({ memberId: str(m._id), name: str(m.name), role: str(g.role) as Role })
        officersOf.set(branchId, list)
      }
    for (const list of officersOf.values()) list.sort((a, b) => (ROLE_ORDER.get(a.role) ?? 0) - (ROLE_ORDER.get(b.role) ?? 0))
    const count = (m: Map<string, number>, d: Doc) => m.get(str(d._id)) ?? 0
    return {
      units: units.map((u) => ({
        id: str(u._id),
        name: str(u.name),
        memberCount: count(byUnit, u),
        branches: branches
          .filter((b) => str(b.unitId) === str(u._id))
          .map((b) => ({
            id: str(b._id),
            unitId: str(b.unitId),
            name: str(b.name),
            createdAt: strOrNull(b.createdAt),
            memberCount: count(byBranch, b),
            officers: officersOf.get(str(b._id)) ?? [],
            partyGroups: partyGroups
              .filter((g) => str(g.branchId) === str(b._id))
              .map((g) => ({ id: str(g._id), branchId: str(g.branchId), name: str(g.name), memberCount: count(byPartyGroup, g) })),
          })),
      })),
      youthGroups: youthGroups.map((g) => ({ id: str(g._id), name: str(g.name), unitIds: strings(g.unitIds), memberCount: count(byYouthGroup, g) })),
    }
  }

  /**
   * Who belonged to the branches (or 党小组) at `at`. A member's placement then is the `from` of
   * their first move after `at`, or where they are now if they have not moved since. Among the
   * moves touching the scope (from or to it), the first after `at` starts from the scope exactly
   * when the member was in it at `at`, so those moves and the members there now are all it needs.
   */
  async rosterOn(scope: { kind: 'branch' | 'partyGroup'; ids: string[] }, at: string): Promise<MemberOnDay[]> {
    const _ = this.db._
    const ids = [...new Set(scope.ids)]
    if (!ids.length) return []
    const field = scope.kind === 'branch' ? 'branchId' : 'partyGroupId'
    const [fromField, toField] = scope.kind === 'branch' ? ['fromBranchId', 'toBranchId'] : ['fromPartyGroupId', 'toPartyGroupId']
    const [here, moves] = await Promise.all([
      this.db.allIn(COL.members, field, ids, { active: true }),
      Promise.all(
        chunk(ids).map((part) =>
          this.db.all(COL.memberMoves, _.and([{ at: _.gt(at) }, _.or([{ [fromField]: _.in(part) }, { [toField]: _.in(part) }])]), [
            ['at', 'asc'],
            ['seq', 'asc'],
          ]),
        ),
      ).then((pages) => pages.flat()),
    ])
    const firstMove = new Map<string, Doc>()
    for (const m of moves) {
      const prev = firstMove.get(str(m.memberId))
      if (!prev || str(m.at) < str(prev.at) || (str(m.at) === str(prev.at) && num(m.seq) < num(prev.seq))) firstMove.set(str(m.memberId), m)
    }
    const inScope = new Set(ids)
    const nowHere = new Map(here.map((d) => [str(d._id), d]))
    const elsewhere = [...firstMove.keys()].filter((id) => !nowHere.has(id) && inScope.has(str(firstMove.get(id)?.[fromField])))
    const moved = elsewhere.length ? await this.db.allIn(COL.members, '_id', elsewhere, { active: true }) : []
    const out: MemberOnDay[] = []
    for (const d of [...here, ...moved]) {
      // Joined after the day: not on its roster.
      if (typeof d.createdAt === 'string' && d.createdAt > at) continue
      const move = firstMove.get(str(d._id))
      let placement: Placement
      if (!move) placement = placementOf(d)
      else if (inScope.has(str(move[fromField])) && isDoc(move.from)) placement = placementOf(move.from)
      else continue
      out.push({ ...toMember(d), placement })
    }
    return out.sort((a, b) => byText(a.memberNo, b.memberNo) || byText(a.id, b.id))
  }
}
