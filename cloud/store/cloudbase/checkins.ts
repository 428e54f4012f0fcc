/**
 * Check-in and check-out writes. One check-in per member and activity: its `_id` is
 * `${activityId}:${memberId}`, so of any number of concurrent attempts exactly one `add` succeeds.
 * The credit it earns rides on the record as `pendingIn` until it is in the ledger (see credits.ts);
 * check-out's credit and its claim for hours over the day's amount ride as `pendingOut` and
 * `pendingClaim`. `repair` (the timer) completes whatever a crash left pending, and clears the
 * check-out fields once what they owe is written.
 */
import type { CheckIn, LedgerEntry } from '../../contract/model'
import { StoreError } from '../errors'
import type { DailyCap, NewCheckIn, NewCredit, RecordCheckInResult } from '../Store'
import type { Db } from './access'
import { COL, ids } from './collections'
import { type Credits, type PendingCredit, pendingDoc, toPending } from './credits'
import { isDoc, num, str, toCheckIn } from './documents'
import type { Doc } from './sdk'

const wallClock = () => new Date().toISOString()

/** The activity and member of a check-in, from its `_id` (`${activityId}:${memberId}`; activity ids hold no ':'). */
const splitCheckInId = (id: string): [string, string] => {
  const at = id.indexOf(':')
  return [id.slice(0, at), id.slice(at + 1)]
}

/** A check-in's record as stored, before check-out and with nothing owed on it. */
export function checkInRecord(c: NewCheckIn): Doc {
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
    deviceId: c.deviceId ?? null,
    lat: c.lat ?? null,
    lng: c.lng ?? null,
  }
}

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
    return { ...checkInRecord(c), ...(pending ? { pendingIn: pendingDoc(pending) } : {}) }
  }

  /**
   * Insert the check-in unless one exists (the `_id` decides, not a read), then its credit. Three
   * requests go out together: the check-in, the claim of its idempotency key, and the daily cap's
   * decision for its credit (keyed by the entry id this check-in's credit has, so a concurrent
   * attempt that loses the insert reuses the same decision). A key already used for another
   * activity is refused (`idempotencyKeyReused`) unless this member had checked in here already;
   * the check-in this call inserted is then removed again (its cap decision stays, and serves a
   * later check-in to the same activity that day).
   */
  async record(c: NewCheckIn, credit: NewCredit | null, cap?: DailyCap): Promise<RecordCheckInResult> {
    const id = ids.checkIn(c.activityId, c.memberId)
    const record = this.toRecord(c, id, credit, cap ?? null)
    const pending = toPending(record.pendingIn)
    const keyId = c.idempotencyKey ? ids.checkInKey(c.memberId, c.idempotencyKey) : null
    const [claimed, created, points] = await Promise.all([
      keyId ? this.db.addOnce(COL.checkInKeys, keyId, { memberId: c.memberId, activityId: c.activityId }) : true,
      this.db.addOnce(COL.checkIns, id, record),
      pending ? this.credits.decidePoints(pending) : undefined,
    ])
    if (!claimed && keyId) {
      const owner = await this.db.read(COL.checkInKeys, keyId)
      if (owner && str(owner.activityId) !== c.activityId) {
        if (created) {
          await this.db.coll(COL.checkIns).doc(id).remove()
          throw new StoreError('idempotencyKeyReused')
        }
        const existing = await this.find(c.activityId, c.memberId)
        if (existing) return { checkIn: existing, created: false, credit: null }
        throw new StoreError('idempotencyKeyReused')
      }
    }
    if (!created) {
      const existing = await this.db.read(COL.checkIns, id)
      if (!existing) throw new Error(`check-in ${id} vanished`)
      return { checkIn: toCheckIn(existing), created: false, credit: null }
    }
    const entry = pending ? (await this.credits.apply(pending, { fresh: true, points, alongside: () => this.clear(id, 'pendingIn') })).entry : null
    return { checkIn: toCheckIn({ ...record, _id: id }), created: true, credit: entry }
  }

  private clear(id: string, field: 'pendingIn' | 'pendingOut' | 'pendingClaim') {
    return this.db.coll(COL.checkIns).doc(id).update({ data: { [field]: this.db._.remove() } })
  }

  /** Write a pending credit of a check-in record, then clear it. */
  private async settle(id: string, field: 'pendingIn' | 'pendingOut', raw: unknown) {
    const pending = toPending(raw)
    if (!pending) return null
    const { entry } = await this.credits.apply(pending, { alongside: () => this.clear(id, field) })
    return entry
  }

  /**
   * File the claim for hours waiting for the organizer (once: its `_id` is the check-in's), then,
   * with `clear`, remove it from the check-in record. True if this call filed it.
   */
  private async fileClaim(id: string, raw: unknown, clear = true): Promise<boolean> {
    if (!isDoc(raw)) return false
    const filed = await this.db.addOnce(COL.hourClaims, id, {
      activityId: str(raw.activityId),
      memberId: str(raw.memberId),
      hours: num(raw.hours),
      status: 'pending',
      createdAt: str(raw.createdAt),
      reviewedBy: null,
      reviewedAt: null,
    })
    if (clear) await this.clear(id, 'pendingClaim')
    return filed
  }

  /**
   * Set the check-out time once: a conditional update (`checkedOutAt` still empty) decides it in one
   * request. In the same round trip the daily cap decides the credit's points (keyed by the entry id
   * this check-out's credit has) and the claim for hours over the day's amount is filed (its `_id`
   * is the check-in's, so at most one; taken back if the check-out turns out to be a repeat). The
   * credit and the claim also ride on the record as `pendingOut`/`pendingClaim`, so a crash loses
   * neither; they are left there for the timer's repair to clear once it sees both done, which
   * keeps the clearing off the member's wait.
   */
  async recordCheckOut(checkInId: string, at: string, credit: NewCredit | null, pendingHours: number, cap?: DailyCap): Promise<{ checkIn: CheckIn; updated: boolean; credit: LedgerEntry | null }> {
    const [activityId, memberId] = splitCheckInId(checkInId)
    const pendingOut: PendingCredit | null = credit ? { ledgerId: ids.checkOutCredit(checkInId), activityId, memberId, credit, cap: cap ?? null, since: wallClock() } : null
    const claim = pendingHours > 0 ? { activityId, memberId, hours: pendingHours, createdAt: at, since: wallClock() } : null
    const change: Doc = { checkedOutAt: at, ...(pendingOut ? { pendingOut: pendingDoc(pendingOut) } : {}), ...(claim ? { pendingClaim: claim } : {}) }
    const [current, { stats }, points, filed] = await Promise.all([
      this.db.read(COL.checkIns, checkInId),
      this.db.coll(COL.checkIns).where({ _id: checkInId, checkedOutAt: null }).update({ data: change }),
      pendingOut ? this.credits.decidePoints(pendingOut) : undefined,
      claim ? this.fileClaim(checkInId, claim, false) : false,
    ])
    if (!stats.updated) {
      if (filed) await this.db.coll(COL.hourClaims).doc(checkInId).remove()
      const d = current?.checkedOutAt ? current : await this.db.read(COL.checkIns, checkInId)
      if (!d) throw new StoreError('notFound', 'checkIn')
      return { checkIn: toCheckIn(d), updated: false, credit: null }
    }
    const entry = pendingOut ? (await this.credits.apply(pendingOut, { fresh: true, points })).entry : null
    return { checkIn: toCheckIn({ ...(current ?? { _id: checkInId, activityId, memberId }), ...change, _id: checkInId }), updated: true, credit: entry }
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
