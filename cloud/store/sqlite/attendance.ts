/**
 * Who came and who did not: a member's records, an activity's attendance and absentees, and the
 * size of its audience, each one statement joined over check-ins, members, credits and claims.
 */
import type { AbsentRow, Activity, AttendanceEntry, MyRecord } from '../../contract/model'
import type { Audience } from '../../contract/schemas'
import type { ActivityKind, CreditMethod, ReviewStatus } from '../../contract/vocabulary'
import { ConnPart } from './part'
import { numOrNull, type Row, str, strOrNull } from './rows'

/** The member column an audience picks by, and its ids; null for everyone. */
function audienceScope(a: Audience): { column: string; ids: string[] } | null {
  switch (a.type) {
    case 'all':
      return null
    case 'units':
      return { column: 'm.unit_id', ids: a.unitIds }
    case 'groups':
      return { column: 'm.youth_group_id', ids: a.groupIds }
    case 'branches':
      return { column: 'm.branch_id', ids: a.branchIds }
    case 'partyGroups':
      return { column: 'm.party_group_id', ids: a.partyGroupIds }
  }
}

export class Attendance extends ConnPart {
  async listRecordsOfMember(memberId: string, kind: ActivityKind | undefined, limit: number): Promise<MyRecord[]> {
    // The member's credits and pending hours summed once, each from its member index, rather than
    // looked up per record (twice in the ledger, and among every pending claim of the activity).
    const rows = this.sql(
        `WITH credit AS (
           SELECT activity_id, SUM(points) AS points, SUM(hours) AS hours FROM ledger WHERE member_id = @memberId GROUP BY activity_id),
         pending AS (
           SELECT activity_id, SUM(hours) AS hours FROM hour_claims WHERE member_id = @memberId AND status = 'pending' GROUP BY activity_id)
         SELECT c.id AS check_in_id, c.activity_id, c.checked_in_at, c.checked_out_at, c.method, a.title, a.kind, a.sub_kind, a.start_at,
           COALESCE(h.hours, 0) AS hours_pending, u.name AS unit_name, COALESCE(l.points, 0) AS points, COALESCE(l.hours, 0) AS hours
         FROM check_ins c JOIN activities a ON a.id = c.activity_id JOIN units u ON u.id = a.unit_id
           LEFT JOIN credit l ON l.activity_id = c.activity_id LEFT JOIN pending h ON h.activity_id = c.activity_id
         WHERE c.member_id = @memberId AND (@kind IS NULL OR a.kind = @kind)
         ORDER BY c.checked_in_at DESC LIMIT @limit`,
      )
      .all({ memberId, kind: kind ?? null, limit }) as Row[]
    return rows.map((r) => ({
      checkInId: str(r.check_in_id),
      activityId: str(r.activity_id),
      title: str(r.title),
      kind: str(r.kind) as ActivityKind,
      subKind: strOrNull(r.sub_kind),
      unitName: str(r.unit_name),
      startAt: str(r.start_at),
      checkedInAt: str(r.checked_in_at),
      checkedOutAt: strOrNull(r.checked_out_at),
      method: str(r.method) as CreditMethod,
      points: Number(r.points),
      hours: Number(r.hours),
      hoursPending: Number(r.hours_pending),
    }))
  }

  async listAttendance(activityId: string): Promise<AttendanceEntry[]> {
    const rows = this.sql(
        `SELECT c.id, c.member_id, m.name, u.name AS unit_name, b.name AS branch_name, c.checked_in_at, c.checked_out_at, c.method,
           c.device_id, c.lat, c.lng, c.accuracy_m,
           (SELECT r.name FROM ledger l JOIN members r ON r.id = l.approved_by
             WHERE l.activity_id = c.activity_id AND l.member_id = c.member_id AND l.reverses_id IS NULL ORDER BY l.seq LIMIT 1) AS approved_by_name,
           EXISTS (SELECT 1 FROM makeups k WHERE k.activity_id = c.activity_id AND k.member_id = c.member_id AND k.status = 'approved') AS via_makeup,
           (SELECT COALESCE(SUM(points), 0) FROM ledger l WHERE l.activity_id = c.activity_id AND l.member_id = c.member_id) AS points,
           (SELECT COALESCE(SUM(hours), 0) FROM ledger l WHERE l.activity_id = c.activity_id AND l.member_id = c.member_id) AS hours,
           EXISTS (SELECT 1 FROM ledger l WHERE l.activity_id = c.activity_id AND l.member_id = c.member_id AND l.reverses_id IS NOT NULL) AS reversed,
           (SELECT COALESCE(SUM(hours), 0) FROM hour_claims h WHERE h.activity_id = c.activity_id AND h.member_id = c.member_id AND h.status = 'pending') AS hours_pending
         FROM check_ins c JOIN members m ON m.id = c.member_id JOIN units u ON u.id = m.unit_id LEFT JOIN branches b ON b.id = m.branch_id
         WHERE c.activity_id = ? ORDER BY c.checked_in_at DESC`,
      )
      .all(activityId) as Row[]
    return rows.map((r) => ({
      checkInId: str(r.id),
      memberId: str(r.member_id),
      name: str(r.name),
      unitName: str(r.unit_name),
      branchName: strOrNull(r.branch_name),
      checkedInAt: str(r.checked_in_at),
      checkedOutAt: strOrNull(r.checked_out_at),
      method: str(r.method) as CreditMethod,
      approvedByName: strOrNull(r.approved_by_name),
      viaMakeup: r.via_makeup === 1,
      points: Number(r.points),
      hours: Number(r.hours),
      hoursPending: Number(r.hours_pending),
      reversed: r.reversed === 1,
      signals: { deviceId: strOrNull(r.device_id), lat: numOrNull(r.lat), lng: numOrNull(r.lng), accuracyM: numOrNull(r.accuracy_m) },
    }))
  }

  /** SQL for the active members an activity is for; binds @ids as a JSON array of its scope's ids. */
  private audienceSql(a: Activity): { where: string; params: Record<string, string> } {
    const scope = audienceScope(a.audience)
    if (!scope) return { where: 'm.active = 1', params: {} }
    return { where: `m.active = 1 AND ${scope.column} IN (SELECT value FROM json_each(@ids))`, params: { ids: JSON.stringify(scope.ids) } }
  }

  async listAbsent(activity: Activity): Promise<AbsentRow[]> {
    const { where, params } = this.audienceSql(activity)
    const rows = this.sql(
        `SELECT m.id, m.name, u.name AS unit_name, b.name AS branch_name,
           (SELECT status FROM makeups k WHERE k.activity_id = @activityId AND k.member_id = m.id ORDER BY requested_at DESC LIMIT 1) AS makeup_status
         FROM members m JOIN units u ON u.id = m.unit_id LEFT JOIN branches b ON b.id = m.branch_id
         WHERE ${where} AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.activity_id = @activityId AND c.member_id = m.id)
         ORDER BY u.name, m.member_no`,
      )
      .all({ ...params, activityId: activity.id }) as Row[]
    return rows.map((r) => ({
      memberId: str(r.id),
      name: str(r.name),
      unitName: str(r.unit_name),
      branchName: strOrNull(r.branch_name),
      makeupStatus: (strOrNull(r.makeup_status) as ReviewStatus | null) ?? null,
    }))
  }

  async countAudience(activity: Activity) {
    const { where, params } = this.audienceSql(activity)
    const r = this.sql(`SELECT COUNT(*) AS n FROM members m WHERE ${where}`).get(params) as Row
    return Number(r.n)
  }
}
