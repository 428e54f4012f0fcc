/** Documents to domain shapes (and back), at the adapter's boundary: nothing untyped leaves here. */
import type { Activity, CheckIn, HourClaim, LedgerEntry, Makeup, Member, RoleGrant } from '../../contract/model'
import type { Audience, GeoPlace } from '../../contract/schemas'
import type { ActivityKind, ActivityStatus, CreditMethod, ReviewStatus, Role } from '../../contract/vocabulary'
import type { ActivityDraft } from '../../domain/activity'
import type { Doc } from './sdk'

export const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v))
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0))
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
export const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v)
export const docs = (v: unknown): Doc[] => (Array.isArray(v) ? v.filter(isDoc) : [])
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : [])

// ---- members ----

/** Roles are stored whole on the member, scopes as explicit nulls. */
export function grantDoc(g: RoleGrant): Doc {
  return { role: g.role, unitId: g.unitId ?? null, groupId: g.groupId ?? null }
}

export function toGrant(d: Doc): RoleGrant {
  const grant: RoleGrant = { role: str(d.role) as Role }
  if (d.unitId) grant.unitId = str(d.unitId)
  if (d.groupId) grant.groupId = str(d.groupId)
  return grant
}

export function toMember(d: Doc): Member {
  const roles = docs(d.roles).map(toGrant)
  return {
    id: str(d._id),
    memberNo: str(d.memberNo),
    name: str(d.name),
    unitId: str(d.unitId),
    branchId: strOrNull(d.branchId),
    youthGroupId: strOrNull(d.youthGroupId),
    birthDate: strOrNull(d.birthDate),
    roles: roles.length ? roles : [{ role: 'member' }],
    active: d.active === true,
  }
}

export const toMemberRow = (d: Doc) => ({ ...toMember(d), phone: strOrNull(d.phone), bindCode: str(d.bindCode), idNumber: strOrNull(d.idNumber) })

// ---- activities ----

function toAudience(v: unknown): Audience {
  const d = isDoc(v) ? v : {}
  if (d.type === 'units') return { type: 'units', unitIds: strings(d.unitIds) }
  if (d.type === 'groups') return { type: 'groups', groupIds: strings(d.groupIds) }
  return { type: 'all' }
}

function toPlace(v: unknown): GeoPlace | null {
  return isDoc(v) ? { lat: num(v.lat), lng: num(v.lng), radiusM: num(v.radiusM) } : null
}

/** The fields of an activity document that a draft decides (audience also flattened for queries). */
export function activityFields(a: ActivityDraft): Doc {
  return {
    kind: a.kind,
    subKind: a.subKind,
    title: a.title,
    description: a.description,
    unitId: a.unitId,
    organizerId: a.organizerId,
    startAt: a.startAt,
    endAt: a.endAt,
    checkInOpensAt: a.checkInOpensAt,
    checkInClosesAt: a.checkInClosesAt,
    checkOutClosesAt: a.checkOutClosesAt,
    placeName: a.placeName,
    place: a.place ? { lat: a.place.lat, lng: a.place.lng, radiusM: a.place.radiusM } : null,
    audience: a.audience.type === 'units' ? { type: 'units', unitIds: a.audience.unitIds } : a.audience.type === 'groups' ? { type: 'groups', groupIds: a.audience.groupIds } : { type: 'all' },
    audienceType: a.audience.type,
    audienceUnitIds: a.audience.type === 'units' ? a.audience.unitIds : [],
    audienceGroupIds: a.audience.type === 'groups' ? a.audience.groupIds : [],
    capacity: a.capacity,
    signUpRequired: a.signUpRequired,
    status: a.status,
  }
}

export function toActivity(d: Doc): Activity {
  return {
    id: str(d._id),
    kind: str(d.kind) as ActivityKind,
    subKind: strOrNull(d.subKind),
    title: str(d.title),
    description: strOrNull(d.description),
    unitId: str(d.unitId),
    organizerId: str(d.organizerId),
    startAt: str(d.startAt),
    endAt: str(d.endAt),
    checkInOpensAt: str(d.checkInOpensAt),
    checkInClosesAt: str(d.checkInClosesAt),
    checkOutClosesAt: strOrNull(d.checkOutClosesAt),
    placeName: strOrNull(d.placeName),
    place: toPlace(d.place),
    audience: toAudience(d.audience),
    capacity: numOrNull(d.capacity),
    signUpRequired: d.signUpRequired === true,
    status: str(d.status) as ActivityStatus,
    createdAt: str(d.createdAt),
    updatedAt: str(d.updatedAt),
  }
}

// ---- check-ins, ledger, make-ups, hour claims ----

export function toCheckIn(d: Doc): CheckIn {
  return {
    id: str(d._id),
    activityId: str(d.activityId),
    memberId: str(d.memberId),
    checkedInAt: str(d.checkedInAt),
    method: str(d.method) as CreditMethod,
    distanceM: numOrNull(d.distanceM),
    accuracyM: numOrNull(d.accuracyM),
    device: strOrNull(d.device),
    ip: strOrNull(d.ip),
    idempotencyKey: strOrNull(d.idempotencyKey),
    checkedOutAt: strOrNull(d.checkedOutAt),
  }
}

export function toLedger(d: Doc): LedgerEntry {
  return {
    id: str(d._id),
    memberId: str(d.memberId),
    activityId: str(d.activityId),
    kind: str(d.kind) as ActivityKind,
    points: num(d.points),
    hours: num(d.hours),
    method: str(d.method) as CreditMethod,
    approvedBy: strOrNull(d.approvedBy),
    createdAt: str(d.createdAt),
    device: strOrNull(d.device),
    ip: strOrNull(d.ip),
    reversesId: strOrNull(d.reversesId),
    note: strOrNull(d.note),
  }
}

export function toMakeup(d: Doc): Makeup {
  return {
    id: str(d._id),
    activityId: str(d.activityId),
    memberId: str(d.memberId),
    reason: str(d.reason),
    status: str(d.status) as ReviewStatus,
    requestedBy: str(d.requestedBy),
    requestedAt: str(d.requestedAt),
    reviewedBy: strOrNull(d.reviewedBy),
    reviewedAt: strOrNull(d.reviewedAt),
    reviewComment: strOrNull(d.reviewComment),
  }
}

export function toHourClaim(d: Doc): HourClaim {
  return {
    id: str(d._id),
    activityId: str(d.activityId),
    memberId: str(d.memberId),
    hours: num(d.hours),
    status: str(d.status) as ReviewStatus,
    createdAt: str(d.createdAt),
    reviewedBy: strOrNull(d.reviewedBy),
    reviewedAt: strOrNull(d.reviewedAt),
  }
}

/** Sum a numeric field per key. */
export function sumBy(rows: Doc[], key: (d: Doc) => string, field: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + num(r[field]))
  return out
}

/** Code-unit order, as SQLite's BINARY collation orders these strings. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
