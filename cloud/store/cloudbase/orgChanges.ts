/**
 * Changes to the organisation: the roster import, and what an admin does in the app (merge, move
 * members, 正式/预备). Every change of a member's placement is kept in `member_moves` (rosterOn in
 * orgRoster.ts reads it), written before the member itself: a crash between the two leaves a move
 * on record that did not happen yet, which running the change again makes true, never a member
 * moved with no trace of where they were.
 *
 * CloudBase has no multi-record atomic write, so each change writes record by record, in an order
 * that running it again completes: an import upserts by id (its batch validated before, in
 * domain/roster.ts), a merge marks the merged node last.
 *
 * A member who changes unit takes their credit totals along (unit counters are the sums of their
 * members' counters, as reconcile recounts them): once the members are placed, their counters
 * move between the unit counters in two rounds of `_.inc` (see `moveUnitTotals`).
 */
import type { Placement } from '../../contract/model'
import type { PartyStatus } from '../../contract/vocabulary'
import type { OrgBatch, OrgSnapshot } from '../../domain/roster'
import { StoreError } from '../errors'
import { newId } from '../ids'
import type { OrgKind } from '../ports/OrgStore'
import { chunk, nextSeq, type Db } from './access'
import { COL } from './collections'
import { bumpUnitCounter, type CounterTotals } from './credits'
import { docs, grantDoc, num, placementOf, samePlacement, str, strings, toMemberRow } from './documents'
import { ORG_COLLECTION } from './org'
import type { Doc } from './sdk'

/** Writes at once during an import or a merge. */
const PARALLEL = 20

async function inParallel<T>(items: readonly T[], write: (item: T) => Promise<unknown>): Promise<void> {
  for (const part of chunk(items, PARALLEL)) await Promise.all(part.map(write))
}

/** A member placed in another unit by this call (the same unit on both sides: not a unit change). */
interface UnitChange {
  memberId: string
  from: string
  to: string
}

const unitChange = (d: Doc, to: Placement): UnitChange => ({ memberId: str(d._id), from: placementOf(d).unitId, to: to.unitId })

const placementDoc = (p: Placement): Doc => ({ unitId: p.unitId, branchId: p.branchId, partyGroupId: p.partyGroupId, youthGroupId: p.youthGroupId })

/** A member's fields as the roster decides them. */
function memberFields(m: OrgBatch['members'][number]): Doc {
  return {
    memberNo: m.memberNo,
    name: m.name,
    ...placementDoc(m),
    birthDate: m.birthDate,
    partyStatus: m.partyStatus,
    cadreRank: m.cadreRank ?? null,
    phone: m.phone,
    active: m.active,
    idNumber: m.idNumber ?? null,
    roles: m.roles.map(grantDoc),
  }
}

export class OrgChanges {
  constructor(
    private readonly db: Db,
    /** Drops what the instance remembers of members and names (org.ts). */
    private readonly changed: () => void,
  ) {}

  /** Keep a change of placement; the flat ids are what rosterOn asks by. */
  private async recordMove(memberId: string, from: Placement, to: Placement, at: string): Promise<string> {
    const id = newId()
    await this.db.coll(COL.memberMoves).add({
      data: {
        _id: id,
        memberId,
        at,
        seq: nextSeq(),
        from: placementDoc(from),
        to: placementDoc(to),
        fromBranchId: from.branchId,
        toBranchId: to.branchId,
        fromPartyGroupId: from.partyGroupId,
        toPartyGroupId: to.partyGroupId,
      },
    })
    return id
  }

  /**
   * Move one member (its stored document `d`) to `to`: the placement fields (or `fields`, which
   * hold them) are written only if the member is still where it was read (else the recorded move
   * is taken back), so of two calls moving one member only one answers true.
   */
  private async move(d: Doc, to: Placement, at: string, fields: Doc = placementDoc(to)): Promise<boolean> {
    const from = placementOf(d)
    const id = str(d._id)
    if (samePlacement(from, to)) return false
    const moveId = await this.recordMove(id, from, to, at)
    const { stats } = await this.db
      .coll(COL.members)
      .where({ _id: id, ...placementDoc(from) })
      .update({ data: fields })
    if (stats.updated) return true
    await this.db.coll(COL.memberMoves).doc(moveId).remove()
    return false
  }

  /**
   * Carry the counters of members this call moved to another unit from the old unit's counters to
   * the new one's: their member counters are read once the members are placed, summed per unit,
   * period and kind, taken off the old units in one round and added to the new ones in the next.
   * Only the call whose conditional update moved a member gets here for that move, so a retried
   * or concurrent change cannot carry them twice. A crash before or between the rounds leaves the
   * totals in the old unit or in neither, never in both; reconcile recounts every unit from its
   * current members and sets both right. (A credit landing during the move may be counted in the
   * wrong unit, as with any credit racing a move; reconcile repairs that too.)
   */
  private async moveUnitTotals(changes: readonly UnitChange[]): Promise<void> {
    const moving = new Map(changes.filter((c) => c.from !== c.to).map((c) => [c.memberId, c]))
    if (!moving.size) return
    const counters = await this.db.allIn(COL.memberCounters, 'memberId', [...moving.keys()])
    const off = new Map<string, CounterTotals & { unitId: string }>()
    const on = new Map<string, CounterTotals & { unitId: string }>()
    const add = (into: typeof off, unitId: string, c: Doc, sign: 1 | -1) => {
      const key = `${unitId}|${str(c.period)}|${str(c.kind)}`
      const t = into.get(key) ?? { unitId, period: str(c.period), kind: str(c.kind), points: 0, hours: 0, credits: 0 }
      t.points += sign * num(c.points)
      t.hours += sign * num(c.hours)
      t.credits += sign * num(c.credits)
      into.set(key, t)
    }
    for (const c of counters) {
      const change = moving.get(str(c.memberId))
      if (!change) continue
      add(off, change.from, c, -1)
      add(on, change.to, c, 1)
    }
    // A credit and its reversal leave nothing to move (and an `_.inc` of nothing updates no record).
    const some = (t: CounterTotals) => t.points !== 0 || t.hours !== 0 || t.credits !== 0
    for (const round of [off, on]) await inParallel([...round.values()].filter(some), (t) => bumpUnitCounter(this.db, t.unitId, t))
  }

  // ---- the roster import ----

  async importOrg(batch: OrgBatch, now: string): Promise<void> {
    const [units, branches, partyGroups, youthGroups, members] = await Promise.all([
      this.existing(COL.units, batch.units),
      this.existing(COL.branches, batch.branches),
      this.existing(COL.partyGroups, batch.partyGroups),
      this.existing(COL.youthGroups, batch.youthGroups),
      this.existing(COL.members, batch.members),
    ])
    // `set` replaces a record: what the batch does not decide (a merge mark) is carried over.
    const keep = (old: Map<string, Doc>, id: string, fields: Doc): Doc => {
      const kept = { ...old.get(id), ...fields }
      delete kept._id
      return kept
    }
    await inParallel(batch.units, (u) => this.db.coll(COL.units).doc(u.id).set({ data: keep(units, u.id, { name: u.name }) }))
    // A new branch is dated (it owes no period it was set up in); a known one keeps its date.
    const dated = (id: string): Doc => (branches.has(id) ? {} : { createdAt: now })
    await inParallel(batch.branches, (b) => this.db.coll(COL.branches).doc(b.id).set({ data: keep(branches, b.id, { unitId: b.unitId, name: b.name, ...dated(b.id) }) }))
    await inParallel(batch.partyGroups, (g) => this.db.coll(COL.partyGroups).doc(g.id).set({ data: keep(partyGroups, g.id, { branchId: g.branchId, name: g.name }) }))
    await inParallel(batch.youthGroups, (g) => this.db.coll(COL.youthGroups).doc(g.id).set({ data: keep(youthGroups, g.id, { name: g.name, unitIds: [...g.unitIds] }) }))
    const moved: UnitChange[] = []
    await inParallel(batch.members, async (m) => {
      const change = await this.upsertMember(m, members.get(m.id) ?? null, now)
      if (change) moved.push(change)
    })
    await this.moveUnitTotals(moved)
    this.changed()
  }

  /** The stored records of a batch's ids, by id (one round trip). */
  private async existing(name: (typeof COL)[keyof typeof COL], items: readonly { id: string }[]): Promise<Map<string, Doc>> {
    if (!items.length) return new Map()
    return new Map((await this.db.allIn(name, '_id', items.map((i) => i.id))).map((d) => [str(d._id), d]))
  }

  /**
   * Update what the roster decides, keeping the bind code, binding and creation time of a known
   * member; a member placed elsewhere is moved (answered, for their counters).
   */
  private async upsertMember(m: OrgBatch['members'][number], old: Doc | null, now: string): Promise<UnitChange | null> {
    const fields = memberFields(m)
    for (let attempt = 0; attempt < 3; attempt++) {
      if (old && samePlacement(placementOf(old), m)) {
        await this.db.coll(COL.members).doc(m.id).update({ data: fields })
        return null
      }
      if (old) {
        if (await this.move(old, m, now, fields)) return unitChange(old, m)
        // Moved meanwhile: place it from where it is now.
        old = await this.db.read(COL.members, m.id)
        continue
      }
      const created = { ...fields, bindCode: m.bindCode, openId: null, sessionsValidAfter: null, createdAt: now }
      if (await this.db.addOnce(COL.members, m.id, created)) return null
      // Added meanwhile by another import: update it as a known member.
      old = await this.db.read(COL.members, m.id)
    }
    throw new Error(`member ${m.id} could not be written`)
  }

  /** What an import plans against: merged nodes left out, so no new row lands in one. */
  async orgSnapshot(): Promise<OrgSnapshot> {
    const [units, branches, partyGroups, groups, members] = await Promise.all([
      this.db.all(COL.units, null),
      this.db.all(COL.branches, null),
      this.db.all(COL.partyGroups, null),
      this.db.all(COL.youthGroups, null),
      this.db.all(COL.members, null),
    ])
    const live = (d: Doc) => !d.mergedInto
    return {
      units: units.filter(live).map((u) => ({ id: str(u._id), name: str(u.name) })),
      branches: branches.filter(live).map((b) => ({ id: str(b._id), unitId: str(b.unitId), name: str(b.name) })),
      partyGroups: partyGroups.filter(live).map((g) => ({ id: str(g._id), branchId: str(g.branchId), name: str(g.name) })),
      youthGroups: groups.filter(live).map((g) => ({ id: str(g._id), name: str(g.name), unitIds: strings(g.unitIds) })),
      members: members.map(toMemberRow),
    }
  }

  // ---- what an admin changes in the app ----

  async moveMembers(memberIds: string[], to: Omit<Placement, 'youthGroupId'> & { youthGroupId?: string | null }, now: string): Promise<number> {
    const found = await this.db.allIn(COL.members, '_id', memberIds)
    const moved: UnitChange[] = []
    await inParallel(found, async (d) => {
      const target: Placement = { unitId: to.unitId, branchId: to.branchId, partyGroupId: to.partyGroupId, youthGroupId: to.youthGroupId === undefined ? placementOf(d).youthGroupId : to.youthGroupId }
      if (await this.move(d, target, now)) moved.push(unitChange(d, target))
    })
    await this.moveUnitTotals(moved)
    this.changed()
    return moved.length
  }

  /** Members whose status changes (members written before the field count as 正式党员). */
  async setPartyStatus(memberIds: string[], status: PartyStatus): Promise<number> {
    const _ = this.db._
    let changed = 0
    for (const part of chunk([...new Set(memberIds)])) {
      const other = status === 'full' ? { partyStatus: 'probationary' } : { partyStatus: _.neq('probationary') }
      const { stats } = await this.db
        .coll(COL.members)
        .where({ _id: _.in(part), ...other })
        .update({ data: { partyStatus: status } })
      changed += stats.updated ?? 0
    }
    this.changed()
    return changed
  }

  async mergeOrg(kind: OrgKind, fromId: string, intoId: string, now: string): Promise<{ membersMoved: number }> {
    const name = ORG_COLLECTION[kind]
    const [from, into] = await Promise.all([this.db.read(name, fromId), this.db.read(name, intoId)])
    if (!from || !into || from.mergedInto || into.mergedInto || fromId === intoId) throw new StoreError('notFound', 'org')
    const moved: UnitChange[] = []
    const placed = async (d: Doc, change: (p: Placement) => Placement) => {
      const to = change(placementOf(d))
      if (await this.move(d, to, now)) moved.push(unitChange(d, to))
    }
    const _ = this.db._
    if (kind === 'unit') {
      const [members, branches, granted, groups] = await Promise.all([
        this.db.all(COL.members, { unitId: fromId }),
        this.db.all(COL.branches, { unitId: fromId }),
        this.db.all(COL.members, { 'roles.unitId': fromId }),
        this.db.all(COL.youthGroups, { unitIds: fromId }),
      ])
      await inParallel(branches, (b) => this.db.coll(COL.branches).doc(str(b._id)).update({ data: { unitId: intoId } }))
      await this.regrant(granted, (g) => (g.unitId === fromId ? { ...g, unitId: intoId } : g))
      await inParallel(members, (d) => placed(d, (p) => ({ ...p, unitId: intoId })))
      await inParallel(groups, (g) => this.db.coll(COL.youthGroups).doc(str(g._id)).update({ data: { unitIds: [...new Set(strings(g.unitIds).map((u) => (u === fromId ? intoId : u)))] } }))
    } else if (kind === 'branch') {
      const unitId = str(into.unitId)
      const [members, groups, granted] = await Promise.all([
        this.db.all(COL.members, { branchId: fromId }),
        this.db.all(COL.partyGroups, { branchId: fromId }),
        this.db.all(COL.members, { 'roles.branchId': fromId }),
      ])
      await inParallel(groups, (g) => this.db.coll(COL.partyGroups).doc(str(g._id)).update({ data: { branchId: intoId } }))
      // The branch merged into keeps its own officers: the merged branch's grants end.
      await this.regrant(granted, (g) => (g.branchId === fromId ? null : g))
      await inParallel(members, (d) => placed(d, (p) => ({ ...p, unitId, branchId: intoId })))
    } else if (kind === 'partyGroup') {
      const branch = await this.db.read(COL.branches, str(into.branchId))
      const branchId = str(into.branchId)
      const unitId = branch ? str(branch.unitId) : null
      const members = await this.db.all(COL.members, { partyGroupId: fromId })
      await inParallel(members, (d) => placed(d, (p) => ({ ...p, unitId: unitId ?? p.unitId, branchId, partyGroupId: intoId })))
    } else {
      const [members, granted] = await Promise.all([this.db.all(COL.members, { youthGroupId: fromId }), this.db.all(COL.members, { 'roles.groupId': fromId })])
      await this.regrant(granted, (g) => (g.groupId === fromId ? { ...g, groupId: intoId } : g))
      await inParallel(members, (d) => placed(d, (p) => ({ ...p, youthGroupId: intoId })))
      // The merged group is formed by the units of both.
      const unitIds = [...new Set([...strings(into.unitIds), ...strings(from.unitIds)])]
      await this.db.coll(COL.youthGroups).doc(intoId).update({ data: { unitIds: _.set(unitIds) } })
    }
    await this.moveUnitTotals(moved)
    await this.db.coll(name).doc(fromId).update({ data: { mergedInto: intoId, mergedAt: now } })
    this.changed()
    return { membersMoved: moved.length }
  }

  /** Rewrite (or with null drop) grants on these members, each in a transaction on the member. */
  private async regrant(members: Doc[], change: (g: Doc) => Doc | null): Promise<void> {
    await inParallel(members, (m) =>
      this.db.transact(async (t) => {
        const d = await this.db.txRead(t, COL.members, str(m._id))
        if (!d) return
        const roles: Doc[] = []
        for (const g of docs(d.roles)) {
          const next = change(g)
          if (next && !roles.some((r) => JSON.stringify(r) === JSON.stringify(next))) roles.push(next)
        }
        await t.collection(COL.members).doc(str(m._id)).update({ data: { roles } })
      }),
    )
  }
}
