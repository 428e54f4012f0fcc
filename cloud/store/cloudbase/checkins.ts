/**
 * Check-in and check-out writes. One check-in per member and activity: its `_id` is
 * `${activityId}:${memberId}`, so of any number of concurrent attempts exactly one `add` succeeds.
 * The credit it earns rides on the record as `pendingIn` until it is in the ledger (see credits.ts);
 * check-out's credit and its claim for hours over the day's amount ride as `pendingOut` and
 * `pendingClaim`. `repair` completes whatever a crash left pending.
 */
import type { CheckIn } from '../../contract/model'
import { StoreError } from '../errors'
import type { DailyCap, NewCheckIn, NewCredit, RecordCheckInResult } from '../Store'
import type { Db } from './access'
import { COL, ids } from './collections'
import { type Credits, type PendingCredit, pendingDoc, toPending } from './credits'
import { isDoc, num, str, toCheckIn } from './documents'
import type { Doc } from './sdk'

const wallClock = () => new Date().toISOString()

export class CheckIns {
  constructor(
    private readonly db: Db,
    private readonly credits: Credits,
  ) {}

  async find(activityId: string, memberId: string): Promise<CheckIn | null> {
    const d = await this.db.read(COL.checkIns, ids.checkIn(activityId, memberId))
    return d ? toCheckIn(d) : null
  }

  async checkedInActivityIds(memberId: string, activityIds: string[]): Promise<Set<string>> {
    const rows = await this.db.allIn(COL.checkIns, 'activityId', activityIds, { memberId })
    return new Set(rows.map((r) => str(r.activityId)))
  }

  /** The record a check-in is stored as, with the credit it owes. */
  private toRecord(c: NewCheckIn, id: string, credit: NewCredit | null, cap: DailyCap | null): Doc {
    const pending: PendingCredit | null = credit ? { ledgerId: ids.checkInCredit(id), activityId: c.activityId, memberId: c.memberId, credit, cap, since: wallClock() } : null
    return {
      activityId: c.activityId,
      memberId: c.memberId,
      checkedInAt: c.checkedInAt,
      method: c.method,
      distanceM: c.distanceM,
      accuracyM: c.accuracyM,
      device: c.device,
      ip: c.ip,
      idempotencyKey: c.idempotencyKey,
      checkedOutAt: null,
      ...(pending ? { pendingIn: pendingDoc(pending) } : {}),
    }
  }

  /**
   * Insert the check-in unless one exists (the `_id` decides, not a read), then its credit.
   * An idempotency key is first claimed for this activity: a key already used for another
   * activity is refused (`idempotencyKeyReused`) unless this member has checked in here already.
   */
  async record(c: NewCheckIn, credit: NewCredit | null, cap?: DailyCap): Promise<RecordCheckInResult> {
    if (c.idempotencyKey) {
      const keyId = ids.checkInKey(c.memberId, c.idempotencyKey)
      if (!(await this.db.addOnce(COL.checkInKeys, keyId, { memberId: c.memberId, activityId: c.activityId }))) {
        const owner = await this.db.read(COL.checkInKeys, keyId)
        if (owner && str(owner.activityId) !== c.activityId) {
          const existing = await this.find(c.activityId, c.memberId)
          if (existing) return { checkIn: existing, created: false, credit: null }
          throw new StoreError('idempotencyKeyReused')
        }
      }
    }
    const id = ids.checkIn(c.activityId, c.memberId)
    const record = this.toRecord(c, id, credit, cap ?? null)
    if (!(await this.db.addOnce(COL.checkIns, id, record))) {
      const existing = await this.db.read(COL.checkIns, id)
      if (!existing) throw new Error(`check-in ${id} vanished`)
      return { checkIn: toCheckIn(existing), created: false, credit: null }
    }
    const entry = await this.settle(id, 'pendingIn', record.pendingIn)
    return { checkIn: toCheckIn({ ...record, _id: id }), created: true, credit: entry }
  }

  /** Write a pending credit of a check-in record, then clear it. */
  private async settle(id: string, field: 'pendingIn' | 'pendingOut', raw: unknown) {
    const pending = toPending(raw)
    if (!pending) return null
    const { entry } = await this.credits.apply(pending)
    await this.db.coll(COL.checkIns).doc(id).update({ data: { [field]: this.db._.remove() } })
    return entry
  }

  /** File the claim for hours waiting for the organizer, then clear it. */
  private async fileClaim(id: string, raw: unknown): Promise<void> {
    if (!isDoc(raw)) return
    await this.db.addOnce(COL.hourClaims, id, {
      activityId: str(raw.activityId),
      memberId: str(raw.memberId),
      hours: num(raw.hours),
      status: 'pending',
      createdAt: str(raw.createdAt),
      reviewedBy: null,
      reviewedAt: null,
    })
    await this.db.coll(COL.checkIns).doc(id).update({ data: { pendingClaim: this.db._.remove() } })
  }

  /**
   * Set the check-out time once, in a transaction on the check-in; the credit and the claim it
   * leads to are filed on the same record, then written.
   */
  async recordCheckOut(checkInId: string, at: string, credit: NewCredit | null, pendingHours: number, cap?: DailyCap): Promise<{ checkIn: CheckIn; updated: boolean }> {
    const outcome = await this.db.transact(async (t) => {
      const d = await this.db.txRead(t, COL.checkIns, checkInId)
      if (!d) throw new StoreError('notFound', 'checkIn')
      if (d.checkedOutAt) return { record: d, updated: false }
      const memberId = str(d.memberId)
      const activityId = str(d.activityId)
      const change: Doc = { checkedOutAt: at }
      if (credit) change.pendingOut = pendingDoc({ ledgerId: ids.checkOutCredit(checkInId), activityId, memberId, credit, cap: cap ?? null, since: wallClock() })
      if (pendingHours > 0) change.pendingClaim = { activityId, memberId, hours: pendingHours, createdAt: at, since: wallClock() }
      await t.collection(COL.checkIns).doc(checkInId).update({ data: change })
      return { record: { ...d, ...change }, updated: true }
    })
    if (outcome.updated) {
      await this.settle(checkInId, 'pendingOut', outcome.record.pendingOut)
      await this.fileClaim(checkInId, outcome.record.pendingClaim)
    }
    return { checkIn: toCheckIn(outcome.record), updated: outcome.updated }
  }

  /** Complete credits and claims a crash left pending, filed before `cutoff`. */
  async repair(cutoff: string): Promise<number> {
    const _ = this.db._
    let done = 0
    for (const field of ['pendingIn', 'pendingOut'] as const) {
      for (const d of await this.db.all(COL.checkIns, { [field]: { since: _.lte(cutoff) } })) {
        await this.settle(str(d._id), field, d[field])
        done++
      }
    }
    for (const d of await this.db.all(COL.checkIns, { pendingClaim: { since: _.lte(cutoff) } })) {
      await this.fileClaim(str(d._id), d.pendingClaim)
      done++
    }
    return done
  }
}
