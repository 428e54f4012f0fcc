/**
 * Make-ups (补签) and volunteer hour claims: requests an organizer decides once.
 *
 * At most one open (pending or approved) make-up per member and activity: each request's `_id` is
 * `${activityId}:${memberId}:${attempt}`, and a new attempt is allowed only when the latest one
 * was rejected, so two concurrent requests race for the same `_id` and one is refused (`makeupOpen`).
 * A decision is a transaction on the request; what approval grants (a check-in, a credit) is filed
 * on it as `pendingGrant`/`pendingCredit`, written next, and completed by `repair` after a crash.
 */
import type { HourClaim, HourClaimView, LedgerEntry, Makeup, MakeupView } from '../../contract/model'
import { StoreError } from '../errors'
import type { DailyCap, NewCheckIn, NewCredit } from '../Store'
import { type Db, PAGE } from './access'
import { type CheckIns, checkInRecord } from './checkins'
import { COL, ids } from './collections'
import { type Credits, pendingDoc, toPending } from './credits'
import { byText, isDoc, str, toCheckIn, toHourClaim, toMakeup } from './documents'
import type { Doc } from './sdk'

const wallClock = () => new Date().toISOString()
const OPEN = new Set(['pending', 'approved'])

export class Reviews {
  constructor(
    private readonly db: Db,
    private readonly credits: Credits,
    private readonly checkIns: CheckIns,
  ) {}

  // ---- make-ups ----

  async insertMakeup(m: Omit<Makeup, 'id'>): Promise<Makeup> {
    const { data } = await this.db.coll(COL.makeups).where({ activityId: m.activityId, memberId: m.memberId }).orderBy('attempt', 'desc').limit(1).get()
    const latest = data[0]
    const conflict = () => new StoreError('makeupOpen')
    if (latest && OPEN.has(str(latest.status))) throw conflict()
    const attempt = (latest ? Number(latest.attempt) : 0) + 1
    const id = ids.makeup(m.activityId, m.memberId, attempt)
    const record: Doc = { ...m, attempt }
    if (!(await this.db.addOnce(COL.makeups, id, record))) throw conflict()
    return { ...m, id }
  }

  async getMakeup(id: string): Promise<Makeup | null> {
    const d = await this.db.read(COL.makeups, id)
    return d ? toMakeup(d) : null
  }

  async decideMakeup(
    id: string,
    decision: { approve: boolean; reviewer: string; comment: string | null; at: string },
    checkIn: NewCheckIn | null,
    credit: NewCredit | null,
    cap?: DailyCap,
  ): Promise<Makeup | null> {
    const decided = await this.db.transact(async (t) => {
      const d = await this.db.txRead(t, COL.makeups, id)
      if (!d || d.status !== 'pending') return null
      const change: Doc = { status: decision.approve ? 'approved' : 'rejected', reviewedBy: decision.reviewer, reviewedAt: decision.at, reviewComment: decision.comment }
      if (decision.approve && checkIn) {
        const checkInId = ids.checkIn(checkIn.activityId, checkIn.memberId)
        const owed = credit ? pendingDoc({ ledgerId: ids.checkInCredit(checkInId), activityId: checkIn.activityId, memberId: checkIn.memberId, credit, cap: cap ?? null, since: wallClock() }) : null
        change.pendingGrant = { checkIn: checkInRecord(checkIn), credit: owed, since: wallClock() }
      }
      await t.collection(COL.makeups).doc(id).update({ data: change })
      return { ...d, ...change }
    })
    if (!decided) return null
    await this.grant(id, decided.pendingGrant)
    return toMakeup(decided)
  }

  /** Approval's check-in and credit; a member who checked in meanwhile gets no second record. */
  private async grant(makeupId: string, raw: unknown): Promise<void> {
    if (!isDoc(raw) || !isDoc(raw.checkIn)) return
    const { id: _id, checkedOutAt: _out, ...checkIn } = toCheckIn({ ...raw.checkIn, _id: '' })
    const owed = toPending(raw.credit)
    await this.checkIns.record(checkIn, owed?.credit ?? null, owed?.cap ?? undefined)
    await this.db.coll(COL.makeups).doc(makeupId).update({ data: { pendingGrant: this.db._.remove() } })
  }

  private async makeupViews(rows: Doc[]): Promise<MakeupView[]> {
    const names = await this.names(COL.members, rows.map((r) => str(r.memberId)), 'name')
    const titles = await this.names(COL.activities, rows.map((r) => str(r.activityId)), 'title')
    return rows
      .filter((r) => names.has(str(r.memberId)) && titles.has(str(r.activityId)))
      .map((r) => ({ ...toMakeup(r), memberName: names.get(str(r.memberId)) ?? '', activityTitle: titles.get(str(r.activityId)) ?? '' }))
  }

  async listMakeupsOfActivity(activityId: string, status?: Makeup['status']): Promise<MakeupView[]> {
    const where: Doc = status ? { activityId, status } : { activityId }
    return this.makeupViews(await this.db.all(COL.makeups, where, [['requestedAt', 'desc']], PAGE))
  }

  async listMakeupsOfMember(memberId: string, limit: number): Promise<MakeupView[]> {
    return this.makeupViews(await this.db.all(COL.makeups, { memberId }, [['requestedAt', 'desc']], Math.max(1, Math.floor(limit))))
  }

  /** A member's make-ups for some activities, by their member index, latest request first. */
  async makeupsOfMemberFor(memberId: string, activityIds: string[]): Promise<Makeup[]> {
    const rows = await this.db.allIn(COL.makeups, 'activityId', activityIds, { memberId })
    return rows.map(toMakeup).sort((a, b) => byText(b.requestedAt, a.requestedAt) || byText(a.id, b.id))
  }

  /** A member's attempts at one activity are few: read by their slot index, latest attempt first. */
  async makeupsOf(activityId: string, memberId: string, status?: Makeup['status']): Promise<Makeup[]> {
    const rows = await this.db.all(COL.makeups, { activityId, memberId }, [['attempt', 'desc']])
    return rows.filter((r) => status === undefined || r.status === status).map(toMakeup)
  }

  // ---- hour claims ----

  async getHourClaim(id: string): Promise<HourClaim | null> {
    const d = await this.db.read(COL.hourClaims, id)
    return d ? toHourClaim(d) : null
  }

  async decideHourClaim(id: string, approve: boolean, reviewer: string, at: string, credit: NewCredit | null, cap?: DailyCap): Promise<HourClaim | null> {
    const decided = await this.db.transact(async (t) => {
      const d = await this.db.txRead(t, COL.hourClaims, id)
      if (!d || d.status !== 'pending') return null
      const change: Doc = { status: approve ? 'approved' : 'rejected', reviewedBy: reviewer, reviewedAt: at }
      if (approve && credit)
        change.pendingCredit = pendingDoc({ ledgerId: ids.claimCredit(id), activityId: str(d.activityId), memberId: str(d.memberId), credit, cap: cap ?? null, since: wallClock() })
      await t.collection(COL.hourClaims).doc(id).update({ data: change })
      return { ...d, ...change }
    })
    if (!decided) return null
    await this.settleClaim(id, decided.pendingCredit)
    return toHourClaim(decided)
  }

  private async settleClaim(id: string, raw: unknown): Promise<LedgerEntry | null> {
    const owed = toPending(raw)
    if (!owed) return null
    const { entry } = await this.credits.apply(owed)
    await this.db.coll(COL.hourClaims).doc(id).update({ data: { pendingCredit: this.db._.remove() } })
    return entry
  }

  /** A check-out files at most one claim, under the check-in's `_id`: one read, not a query. */
  async hourClaimsOf(activityId: string, memberId: string, status: HourClaim['status']): Promise<HourClaim[]> {
    const d = await this.db.read(COL.hourClaims, ids.checkIn(activityId, memberId))
    return d && d.status === status ? [toHourClaim(d)] : []
  }

  async listHourClaims(activityId: string, status: HourClaim['status']): Promise<HourClaimView[]> {
    const rows = await this.db.all(COL.hourClaims, { activityId, status }, [['createdAt', 'asc']])
    const names = await this.names(COL.members, rows.map((r) => str(r.memberId)), 'name')
    return rows.filter((r) => names.has(str(r.memberId))).map((r) => ({ ...toHourClaim(r), memberName: names.get(str(r.memberId)) ?? '' }))
  }

  /** Complete approvals a crash left half done. */
  async repair(cutoff: string): Promise<number> {
    const _ = this.db._
    const grants = await this.db.all(COL.makeups, { pendingGrant: { since: _.lte(cutoff) } })
    for (const d of grants) await this.grant(str(d._id), d.pendingGrant)
    const claims = await this.db.all(COL.hourClaims, { pendingCredit: { since: _.lte(cutoff) } })
    for (const d of claims) await this.settleClaim(str(d._id), d.pendingCredit)
    return grants.length + claims.length
  }

  /** id → one text field of a collection's records. */
  private async names(name: typeof COL.members | typeof COL.activities, idList: string[], field: string): Promise<Map<string, string>> {
    const rows = await this.db.allIn(name, '_id', idList)
    return new Map(rows.map((r) => [str(r._id), str(r[field])]))
  }
}
