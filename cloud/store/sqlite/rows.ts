/** Rows to domain shapes, at the adapter's boundary. */
import type { Activity, ActivityMaterial, CheckIn, HourClaim, LedgerEntry, Makeup, Member, Placement, RoleGrant } from '../../contract/model'
import type { Audience } from '../../contract/schemas'
import { type ActivityKind, type ActivityStatus, CADRE_RANKS, type CadreRank, type CreditMethod, type MeetingType, type PartyStatus, type ReviewStatus, type Role } from '../../contract/vocabulary'

export type Row = Record<string, unknown>
export const str = (v: unknown): string => String(v)
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
/** A 职级 as stored; anything else (none recorded) is null. */
export const cadreRankOf = (v: unknown): CadreRank | null => ((CADRE_RANKS as readonly unknown[]).includes(v) ? (v as CadreRank) : null)

/** A role grant from its columns; scope fields only where set. */
export function grantOf(role: unknown, unitId: unknown, groupId: unknown, branchId?: unknown): RoleGrant {
  const grant: RoleGrant = { role: str(role) as Role }
  if (unitId) grant.unitId = str(unitId)
  if (groupId) grant.groupId = str(groupId)
  if (branchId) grant.branchId = str(branchId)
  return grant
}

/** A member row with its grants (looked up by member id); no grant rows means a plain member. */
export function memberOf(r: Row, rolesById: Map<string, RoleGrant[]>): Member {
  const id = str(r.id)
  const roles = rolesById.get(id) ?? []
  return {
    id,
    memberNo: str(r.member_no),
    name: str(r.name),
    unitId: str(r.unit_id),
    branchId: strOrNull(r.branch_id),
    partyGroupId: strOrNull(r.party_group_id),
    youthGroupId: strOrNull(r.youth_group_id),
    birthDate: strOrNull(r.birth_date),
    partyStatus: (strOrNull(r.party_status) ?? 'full') as PartyStatus,
    cadreRank: cadreRankOf(r.cadre_rank),
    roles: roles.length ? roles : [{ role: 'member' }],
    active: r.active === 1,
  }
}

export function toActivity(r: Row): Activity {
  return {
    id: str(r.id),
    kind: str(r.kind) as ActivityKind,
    subKind: strOrNull(r.sub_kind),
    title: str(r.title),
    description: strOrNull(r.description),
    unitId: str(r.unit_id),
    organizerId: str(r.organizer_id),
    startAt: str(r.start_at),
    endAt: str(r.end_at),
    checkInOpensAt: str(r.check_in_opens_at),
    checkInClosesAt: str(r.check_in_closes_at),
    checkOutClosesAt: strOrNull(r.check_out_closes_at),
    placeName: strOrNull(r.place_name),
    place:
      r.place_lat === null
        ? null
        : { lat: Number(r.place_lat), lng: Number(r.place_lng), radiusM: Number(r.place_radius_m) },
    noLocationReason: strOrNull(r.no_location_reason),
    audience: JSON.parse(str(r.audience_json)) as Audience,
    capacity: numOrNull(r.capacity),
    signUpRequired: r.sign_up_required === 1,
    status: str(r.status) as ActivityStatus,
    branchId: strOrNull(r.branch_id),
    meeting:
      r.meeting_type === null || r.meeting_type === undefined
        ? null
        : { type: str(r.meeting_type) as MeetingType, forPeriod: str(r.meeting_period), election: r.meeting_election === 1 },
    targetId: strOrNull(r.target_id),
    // Activities written before 学习材料 existed have none (null column).
    materials: r.materials ? (JSON.parse(str(r.materials)) as ActivityMaterial[]) : [],
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
  }
}

export function toCheckIn(r: Row): CheckIn {
  return {
    id: str(r.id),
    activityId: str(r.activity_id),
    memberId: str(r.member_id),
    checkedInAt: str(r.checked_in_at),
    method: str(r.method) as CreditMethod,
    distanceM: numOrNull(r.distance_m),
    accuracyM: numOrNull(r.accuracy_m),
    device: strOrNull(r.device),
    ip: strOrNull(r.ip),
    idempotencyKey: strOrNull(r.idempotency_key),
    checkedOutAt: strOrNull(r.checked_out_at),
    deviceId: strOrNull(r.device_id),
    lat: numOrNull(r.lat),
    lng: numOrNull(r.lng),
  }
}

export function toLedger(r: Row): LedgerEntry {
  return {
    id: str(r.id),
    memberId: str(r.member_id),
    activityId: str(r.activity_id),
    kind: str(r.kind) as ActivityKind,
    points: Number(r.points),
    hours: Number(r.hours),
    method: str(r.method) as CreditMethod,
    approvedBy: strOrNull(r.approved_by),
    createdAt: str(r.created_at),
    device: strOrNull(r.device),
    ip: strOrNull(r.ip),
    reversesId: strOrNull(r.reverses_id),
    note: strOrNull(r.note),
  }
}

export function toMakeup(r: Row): Makeup {
  return {
    id: str(r.id),
    activityId: str(r.activity_id),
    memberId: str(r.member_id),
    reason: str(r.reason),
    status: str(r.status) as ReviewStatus,
    requestedBy: str(r.requested_by),
    requestedAt: str(r.requested_at),
    reviewedBy: strOrNull(r.reviewed_by),
    reviewedAt: strOrNull(r.reviewed_at),
    reviewComment: strOrNull(r.review_comment),
  }
}

export function toHourClaim(r: Row): HourClaim {
  return {
    id: str(r.id),
    activityId: str(r.activity_id),
    memberId: str(r.member_id),
    hours: Number(r.hours),
    status: str(r.status) as ReviewStatus,
    createdAt: str(r.created_at),
    reviewedBy: strOrNull(r.reviewed_by),
    reviewedAt: strOrNull(r.reviewed_at),
  }
}

/** Where a member row places its member. */
export const placementOf = (r: Row): Placement => ({
  unitId: str(r.unit_id),
  branchId: strOrNull(r.branch_id),
  partyGroupId: strOrNull(r.party_group_id),
  youthGroupId: strOrNull(r.youth_group_id),
})
