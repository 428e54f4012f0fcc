/**
 * Activities and sign-ups. An activity's audience is stored as given and flattened into
 * `audienceUnitIds`/`audienceGroupIds`/`audienceBranchIds`/`audiencePartyGroupIds` (array fields
 * match any element), so "activities for me" is one indexed query.
 *
 * Capacity: the activity record counts its sign-ups (`signUpCount`). A seat is taken by a
 * conditional `_.inc` (`where({ _id, signUpCount: _.lt(capacity) })`): one record, evaluated and
 * changed atomically, so two people cannot take the last place. The sign-up record (`_id` =
 * `${activityId}:${memberId}`) is added after; if it already existed the seat is given back. A crash
 * between the two leaves a seat counted for nobody, which `reconcile` recounts.
 */
import type { Activity, Member } from '../../contract/model'
import type { ActivityDraft } from '../../domain/activity'
import { StoreError } from '../errors'
import { newId } from '../ids'
import { chunk, type Db } from './access'
import { COL, ids } from './collections'
import { activityFields, byText, num, str, toActivity } from './documents'
import { InstanceCache } from './instanceCache'
import type { Doc } from './sdk'

/**
 * How long an instance reuses an activity record it read (with its QR secret): a check-in reads it
 * in the same round trip as the member's earlier check-in, so the cache saves billed reads, not
 * waiting; a change made through another instance (a cancellation, new times) is seen within this.
 */
export const ACTIVITY_TTL_MS = 10_000

export class Activities {
  private readonly records = new InstanceCache<Doc | null>(ACTIVITY_TTL_MS)

  constructor(private readonly db: Db) {}

  /** The activity's record, read once per instance for a few seconds (and by concurrent callers once). */
  private record(id: string): Promise<Doc | null> {
    return this.records.get(id, () => this.db.read(COL.activities, id), (d) => d !== null)
  }

  async insert(draft: ActivityDraft & { qrSecret: string }, now: string): Promise<Activity> {
    const id = newId()
    const record: Doc = { ...activityFields(draft), qrSecret: draft.qrSecret, signUpCount: 0, createdAt: now, updatedAt: now }
    await this.db.coll(COL.activities).add({ data: { ...record, _id: id } })
    this.records.put(id, { ...record, _id: id })
    return toActivity({ ...record, _id: id })
  }

  async update(id: string, patch: Partial<ActivityDraft>, now: string): Promise<Activity> {
    const current = await this.get(id)
    if (!current) throw new StoreError('notFound', 'activity')
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<ActivityDraft>
    const fields = activityFields({ ...current, ...given })
    const _ = this.db._
    // update() merges plain objects field by field; these are replaced whole.
    await this.db
      .coll(COL.activities)
      .doc(id)
      .update({ data: { ...fields, place: _.set(fields.place), audience: _.set(fields.audience), meeting: _.set(fields.meeting), updatedAt: now } })
    this.records.forget(id)
    return (await this.get(id)) ?? current
  }

  async get(id: string): Promise<Activity | null> {
    const d = await this.record(id)
    return d ? toActivity(d) : null
  }

  async qrSecret(activityId: string): Promise<string | null> {
    const d = await this.record(activityId)
    return d ? str(d.qrSecret) : null
  }

  /** The audiences that name this member: any one matches (array fields match any element). */
  private audienceOf(member: Member): Doc[] {
    const audience: Doc[] = [{ audienceType: 'all' }, { audienceUnitIds: member.unitId }]
    if (member.youthGroupId) audience.push({ audienceGroupIds: member.youthGroupId })
    if (member.branchId) audience.push({ audienceBranchIds: member.branchId })
    if (member.partyGroupId) audience.push({ audiencePartyGroupIds: member.partyGroupId })
    return audience
  }

  async listForMember(member: Member, since: string, limit: number): Promise<Activity[]> {
    const _ = this.db._
    const where = _.and([{ status: 'published', endAt: _.gt(since) }, _.or(this.audienceOf(member))])
    return (await this.db.all(COL.activities, where, [['startAt', 'asc']], Math.max(0, limit))).map(toActivity)
  }

  async listStartedForMember(member: Member, window: { startedBy: string; endingFrom: string }, limit: number): Promise<Activity[]> {
    const _ = this.db._
    const where = _.and([{ status: 'published', startAt: _.lte(window.startedBy), endAt: _.gte(window.endingFrom) }, _.or(this.audienceOf(member))])
    return (await this.db.all(COL.activities, where, [['startAt', 'desc']], Math.max(0, limit))).map(toActivity)
  }

  async listOfUnits(unitIds: string[], limit: number): Promise<Activity[]> {
    const max = Math.max(0, limit)
    const parts = await Promise.all(chunk([...new Set(unitIds)]).map((part) => this.db.all(COL.activities, { unitId: this.db._.in(part) }, [['startAt', 'desc']], max)))
    return parts
      .flat()
      .map(toActivity)
      .sort((a, b) => byText(b.startAt, a.startAt))
      .slice(0, max)
  }

  /** Count records per activity with one grouped aggregation per chunk of ids. */
  private async countBy(name: typeof COL.checkIns | typeof COL.signUps, activityIds: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {}
    for (const id of activityIds) out[id] = 0
    const $ = this.db._.aggregate
    for (const part of chunk([...new Set(activityIds)])) {
      const rows = await this.db.aggregateAll(name, (a) =>
        a
          .match({ activityId: this.db._.in(part) })
          .group({ _id: '$activityId', n: $.sum(1) })
          .sort({ _id: 1 }),
      )
      for (const r of rows) out[str(r._id)] = num(r.n)
    }
    return out
  }

  countCheckIns(activityIds: string[]): Promise<Record<string, number>> {
    return this.countBy(COL.checkIns, activityIds)
  }

  countSignUps(activityIds: string[]): Promise<Record<string, number>> {
    return this.countBy(COL.signUps, activityIds)
  }

  async signedUpActivityIds(memberId: string, activityIds: string[]): Promise<Set<string>> {
    return new Set((await this.db.allIn(COL.signUps, 'activityId', activityIds, { memberId })).map((r) => str(r.activityId)))
  }

  async signUp(activityId: string, memberId: string, capacity: number | null, at: string): Promise<'created' | 'exists' | 'full'> {
    const id = ids.signUp(activityId, memberId)
    if (await this.db.read(COL.signUps, id)) return 'exists'
    const _ = this.db._
    const seats = this.db.coll(COL.activities)
    this.records.forget(activityId)
    const taken = await seats.where(capacity === null ? { _id: activityId } : { _id: activityId, signUpCount: _.lt(capacity) }).update({ data: { signUpCount: _.inc(1) } })
    // Full, unless this member's own sign-up landed meanwhile (a double tap).
    if (capacity !== null && !taken.stats.updated) return (await this.db.read(COL.signUps, id)) ? 'exists' : 'full'
    if (await this.db.addOnce(COL.signUps, id, { activityId, memberId, signedUpAt: at })) return 'created'
    if (taken.stats.updated) await seats.doc(activityId).update({ data: { signUpCount: _.inc(-1) } })
    return 'exists'
  }

  /** Remove the sign-up, then give its seat back: only the call that removed it gives one back. */
  async withdrawSignUp(activityId: string, memberId: string): Promise<boolean> {
    const { stats } = await this.db.coll(COL.signUps).doc(ids.signUp(activityId, memberId)).remove()
    if (!stats.removed) return false
    this.records.forget(activityId)
    await this.db.coll(COL.activities).where({ _id: activityId, signUpCount: this.db._.gt(0) }).update({ data: { signUpCount: this.db._.inc(-1) } })
    return true
  }

  /**
   * Recount `signUpCount` from the sign-up records (a crash between taking a seat and adding the
   * sign-up leaves a seat taken by nobody). Run it when no one is signing up (the nightly timer):
   * a sign-up halfway through would be recounted one short.
   */
  async recountSeats(): Promise<number> {
    const $ = this.db._.aggregate
    const counted = await this.db.aggregateAll(COL.signUps, (a) => a.group({ _id: '$activityId', n: $.sum(1) }).sort({ _id: 1 }))
    const actual = new Map(counted.map((r) => [str(r._id), num(r.n)]))
    const stored = new Map((await this.db.all(COL.activities, { signUpCount: this.db._.gt(0) })).map((d) => [str(d._id), num(d.signUpCount)]))
    let fixed = 0
    for (const id of new Set([...actual.keys(), ...stored.keys()])) {
      const want = actual.get(id) ?? 0
      if ((stored.get(id) ?? 0) === want) continue
      this.records.forget(id)
      const { stats } = await this.db.coll(COL.activities).doc(id).update({ data: { signUpCount: want } })
      fixed += stats.updated ?? 0
    }
    return fixed
  }
}
