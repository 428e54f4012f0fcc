/**
 * Activities (with a cache of recently read ones and their QR secrets), sign-ups and the counts
 * per activity that list views show.
 */
import type { Activity, Member } from '../../contract/model'
import type { Audience } from '../../contract/schemas'
import type { ActivityDraft } from '../../domain/activity'
import { StoreError } from '../errors'
import { newId } from '../ids'
import { ConnPart } from './part'
import { type Row, str, toActivity } from './rows'

/** An activity's fields as the columns of the activities table. */
const activityParams = (a: ActivityDraft) => ({
  ...a,
  lat: a.place?.lat ?? null,
  lng: a.place?.lng ?? null,
  radiusM: a.place?.radiusM ?? null,
  noLocationReason: a.noLocationReason ?? null,
  audienceType: a.audience.type,
  audienceJson: JSON.stringify(a.audience),
  signUpRequired: a.signUpRequired ? 1 : 0,
  branchId: a.branchId,
  meetingType: a.meeting?.type ?? null,
  meetingPeriod: a.meeting?.forPeriod ?? null,
  meetingElection: a.meeting ? (a.meeting.election ? 1 : 0) : null,
  targetId: a.targetId ?? null,
  materialsJson: JSON.stringify(a.materials ?? []),
})

/** An activity `a` is meant for the member whose scopes `memberScopes` binds. */
const FOR_MEMBER = `(
  a.audience_type = 'all'
  OR a.id IN (SELECT activity_id FROM activity_audience WHERE scope_type = 'unit' AND scope_id = @unitId)
  OR a.id IN (SELECT activity_id FROM activity_audience WHERE scope_type = 'group' AND scope_id = @groupId)
  OR a.id IN (SELECT activity_id FROM activity_audience WHERE scope_type = 'branch' AND scope_id = @branchId)
  OR a.id IN (SELECT activity_id FROM activity_audience WHERE scope_type = 'partyGroup' AND scope_id = @partyGroupId))`

const memberScopes = (member: Member) => ({
  unitId: member.unitId,
  groupId: member.youthGroupId ?? '',
  branchId: member.branchId ?? '',
  partyGroupId: member.partyGroupId ?? '',
})

const ACTIVITY_CACHE_SIZE = 256

/** Cached objects are shared by every caller, so none of them may change one. */
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o)
    for (const v of Object.values(o)) deepFreeze(v)
  }
  return o
}

export class Activities extends ConnPart {
  /** Read inside a write: not cached, since the write may still be undone. */
  private readFresh(id: string): Activity {
    return toActivity(this.sql('SELECT * FROM activities WHERE id = ?').get(id) as Row)
  }

  async insertActivity(draft: ActivityDraft & { qrSecret: string }, now: string) {
    const id = newId()
    return this.write(() => {
      this.sql(
          `INSERT INTO activities (id, kind, sub_kind, title, description, unit_id, organizer_id, start_at, end_at,
             check_in_opens_at, check_in_closes_at, check_out_closes_at, place_name, place_lat, place_lng, place_radius_m,
             audience_type, audience_json, capacity, sign_up_required, status, qr_secret, created_at, updated_at,
             branch_id, meeting_type, meeting_period, meeting_election, target_id, no_location_reason, materials)
           VALUES (@id, @kind, @subKind, @title, @description, @unitId, @organizerId, @startAt, @endAt,
             @checkInOpensAt, @checkInClosesAt, @checkOutClosesAt, @placeName, @lat, @lng, @radiusM,
             @audienceType, @audienceJson, @capacity, @signUpRequired, @status, @qrSecret, @now, @now,
             @branchId, @meetingType, @meetingPeriod, @meetingElection, @targetId, @noLocationReason, @materialsJson)`,
        )
        .run({ ...activityParams(draft), id, now })
      this.writeAudience(id, draft.audience)
      return this.readFresh(id)
    })
  }

  private writeAudience(activityId: string, audience: Audience) {
    this.sql('DELETE FROM activity_audience WHERE activity_id = ?').run(activityId)
    const add = this.sql('INSERT INTO activity_audience (activity_id, scope_type, scope_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
    if (audience.type === 'units') for (const u of audience.unitIds) add.run(activityId, 'unit', u)
    if (audience.type === 'groups') for (const g of audience.groupIds) add.run(activityId, 'group', g)
    if (audience.type === 'branches') for (const b of audience.branchIds) add.run(activityId, 'branch', b)
    if (audience.type === 'partyGroups') for (const g of audience.partyGroupIds) add.run(activityId, 'partyGroup', g)
  }

  async updateActivity(id: string, patch: Partial<ActivityDraft>, now: string) {
    const current = await this.getActivity(id)
    if (!current) throw new StoreError('notFound', 'activity')
    const next = { ...current, ...patch }
    const updated = this.write(() => {
      this.sql(
          `UPDATE activities SET kind = @kind, sub_kind = @subKind, title = @title, description = @description,
             start_at = @startAt, end_at = @endAt, check_in_opens_at = @checkInOpensAt, check_in_closes_at = @checkInClosesAt,
             check_out_closes_at = @checkOutClosesAt, place_name = @placeName, place_lat = @lat, place_lng = @lng,
             place_radius_m = @radiusM, audience_type = @audienceType, audience_json = @audienceJson, capacity = @capacity,
             sign_up_required = @signUpRequired, status = @status, branch_id = @branchId, meeting_type = @meetingType,
             meeting_period = @meetingPeriod, meeting_election = @meetingElection, target_id = @targetId,
             no_location_reason = @noLocationReason, materials = @materialsJson, updated_at = @now
           WHERE id = @id`,
        )
        .run({ ...activityParams(next), now })
      if (patch.audience) this.writeAudience(id, patch.audience)
      return this.readFresh(id)
    })
    this.activityCache.delete(id)
    return updated
  }

  /**
   * Recently read activities with their QR secrets. A city-wide lecture puts thousands of
   * check-ins on one activity within minutes; each would otherwise read the same row twice.
   * This process is the only writer, and `insertActivity`/`updateActivity` drop the entry.
   */
  private readonly activityCache = new Map<string, { activity: Activity; qrSecret: string }>()

  private cachedActivity(id: string) {
    const hit = this.activityCache.get(id)
    if (hit) return hit
    const r = this.sql('SELECT * FROM activities WHERE id = ?').get(id) as Row | undefined
    if (!r) return null
    const entry = { activity: deepFreeze(toActivity(r)), qrSecret: str(r.qr_secret) }
    if (this.activityCache.size >= ACTIVITY_CACHE_SIZE) this.activityCache.delete(this.activityCache.keys().next().value as string)
    this.activityCache.set(id, entry)
    return entry
  }

  async getActivity(id: string) {
    return this.cachedActivity(id)?.activity ?? null
  }

  async getQrSecret(activityId: string) {
    return this.cachedActivity(activityId)?.qrSecret ?? null
  }

  async listActivitiesForMember(member: Member, since: string, limit: number) {
    const rows = this.sql(`SELECT * FROM activities a WHERE a.status = 'published' AND a.end_at > @since AND ${FOR_MEMBER} ORDER BY a.start_at ASC LIMIT @limit`)
      .all({ ...memberScopes(member), since, limit }) as Row[]
    return rows.map((r) => toActivity(r))
  }

  async listStartedActivitiesForMember(member: Member, window: { startedBy: string; endingFrom: string }, limit: number) {
    const rows = this.sql(
        `SELECT * FROM activities a
         WHERE a.status = 'published' AND a.start_at <= @startedBy AND a.end_at >= @endingFrom AND ${FOR_MEMBER}
         ORDER BY a.start_at DESC, a.id ASC LIMIT @limit`,
      )
      .all({ ...memberScopes(member), ...window, limit }) as Row[]
    return rows.map((r) => toActivity(r))
  }

  async listActivitiesOfUnits(unitIds: string[], limit: number) {
    const rows = this.sql(
        `SELECT * FROM activities WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY start_at DESC LIMIT ?`,
      )
      .all(JSON.stringify(unitIds), limit) as Row[]
    return rows.map((r) => toActivity(r))
  }

  /** Rows per activity in a table keyed by activity, zero for those with none. */
  private countPerActivity(table: 'check_ins' | 'sign_ups', activityIds: string[]): Record<string, number> {
    const out: Record<string, number> = {}
    for (const id of activityIds) out[id] = 0
    if (activityIds.length === 0) return out
    const rows = this.sql(`SELECT activity_id, COUNT(*) AS n FROM ${table} WHERE activity_id IN (SELECT value FROM json_each(?)) GROUP BY activity_id`)
      .all(JSON.stringify(activityIds)) as Row[]
    for (const r of rows) out[str(r.activity_id)] = Number(r.n)
    return out
  }

  async countCheckIns(activityIds: string[]) {
    return this.countPerActivity('check_ins', activityIds)
  }

  // ---- sign-up ----

  async signUp(activityId: string, memberId: string, capacity: number | null, at: string) {
    return this.db.transaction((): 'created' | 'exists' | 'full' => {
      const exists = this.sql('SELECT 1 FROM sign_ups WHERE activity_id = ? AND member_id = ?').get(activityId, memberId)
      if (exists) return 'exists'
      if (capacity !== null) {
        const { n } = this.sql('SELECT COUNT(*) AS n FROM sign_ups WHERE activity_id = ?').get(activityId) as { n: number }
        if (n >= capacity) return 'full'
      }
      this.sql('INSERT INTO sign_ups (activity_id, member_id, signed_up_at) VALUES (?, ?, ?)').run(activityId, memberId, at)
      return 'created'
    }).immediate()
  }

  async withdrawSignUp(activityId: string, memberId: string) {
    return this.sql('DELETE FROM sign_ups WHERE activity_id = ? AND member_id = ?').run(activityId, memberId).changes > 0
  }

  async countSignUps(activityIds: string[]) {
    return this.countPerActivity('sign_ups', activityIds)
  }

  async signedUpActivityIds(memberId: string, activityIds: string[]) {
    const rows = this.sql(`SELECT activity_id FROM sign_ups WHERE member_id = ? AND activity_id IN (SELECT value FROM json_each(?))`)
      .all(memberId, JSON.stringify(activityIds)) as Row[]
    return new Set(rows.map((r) => str(r.activity_id)))
  }
}
