/** Documents to domain shapes (and back), at the adapter's boundary: nothing untyped leaves here. */
import type { AbsenceNote, Activity, ActivityMaterial, AmendmentValue, CheckIn, FiledRoll, HourClaim, LedgerEntry, LeaveRequest, Makeup, MeetingInfo, MeetingRecord, Member, Placement, RecordAmendment, RoleGrant } from '../../contract/model'
import type { Audience, GeoPlace } from '../../contract/schemas'
import { CADRE_RANKS } from '../../contract/vocabulary'
import type { AbsenceReason, ActivityKind, ActivityStatus, AmendableField, CadreRank, CreditMethod, MeetingType, PartyStatus, RecordState, ReviewStatus, Role } from '../../contract/vocabulary'
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
  return { role: g.role, unitId: g.unitId ?? null, groupId: g.groupId ?? null, branchId: g.branchId ?? null }
}

export const sameGrant = (a: Doc, b: Doc): boolean =>
  a.role === b.role && (a.unitId ?? null) === (b.unitId ?? null) && (a.groupId ?? null) === (b.groupId ?? null) && (a.branchId ?? null) === (b.branchId ?? null)

export function toGrant(d: Doc): RoleGrant {
  const grant: RoleGrant = { role: str(d.role) as Role }
  if (d.unitId) grant.unitId = str(d.unitId)
  if (d.groupId) grant.groupId = str(d.groupId)
  if (d.branchId) grant.branchId = str(d.branchId)
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
    partyGroupId: strOrNull(d.partyGroupId),
    youthGroupId: strOrNull(d.youthGroupId),
    birthDate: strOrNull(d.birthDate),
    // Members written before 预备党员 were told apart are 正式党员.
    partyStatus: toPartyStatus(d.partyStatus),
    cadreRank: toCadreRank(d.cadreRank),
    roles: roles.length ? roles : [{ role: 'member' }],
    active: d.active === true,
  }
}

export const toPartyStatus = (v: unknown): PartyStatus => (v === 'probationary' ? 'probationary' : 'full')

/** Members written before 职级 was kept have none. */
export const toCadreRank = (v: unknown): CadreRank | null => (CADRE_RANKS as readonly unknown[]).includes(v) ? (v as CadreRank) : null

/** Where a member document places its member. */
export const placementOf = (d: Doc): Placement => ({
  unitId: str(d.unitId),
  branchId: strOrNull(d.branchId),
  partyGroupId: strOrNull(d.partyGroupId),
  youthGroupId: strOrNull(d.youthGroupId),
})

export const samePlacement = (a: Placement, b: Placement): boolean =>
  a.unitId === b.unitId && a.branchId === b.branchId && a.partyGroupId === b.partyGroupId && a.youthGroupId === b.youthGroupId

export const toMemberRow = (d: Doc) => ({ ...toMember(d), phone: strOrNull(d.phone), bindCode: str(d.bindCode), idNumber: strOrNull(d.idNumber) })

// ---- activities ----

function toAudience(v: unknown): Audience {
  const d = isDoc(v) ? v : {}
  if (d.type === 'units') return { type: 'units', unitIds: strings(d.unitIds) }
  if (d.type === 'groups') return { type: 'groups', groupIds: strings(d.groupIds) }
  if (d.type === 'branches') return { type: 'branches', branchIds: strings(d.branchIds) }
  if (d.type === 'partyGroups') return { type: 'partyGroups', partyGroupIds: strings(d.partyGroupIds) }
  return { type: 'all' }
}

function audienceDoc(a: Audience): Doc {
  switch (a.type) {
    case 'all':
      return { type: 'all' }
    case 'units':
      return { type: 'units', unitIds: [...a.unitIds] }
    case 'groups':
      return { type: 'groups', groupIds: [...a.groupIds] }
    case 'branches':
      return { type: 'branches', branchIds: [...a.branchIds] }
    case 'partyGroups':
      return { type: 'partyGroups', partyGroupIds: [...a.partyGroupIds] }
  }
}

function toMeeting(v: unknown): MeetingInfo | null {
  return isDoc(v) ? { type: str(v.type) as MeetingType, forPeriod: str(v.forPeriod), election: v.election === true } : null
}

function toMaterials(v: unknown): ActivityMaterial[] {
  return Array.isArray(v) ? v.filter(isDoc).map((m) => ({ title: str(m.title), url: str(m.url) })) : []
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
    noLocationReason: a.noLocationReason ?? null,
    audience: audienceDoc(a.audience),
    audienceType: a.audience.type,
    audienceUnitIds: a.audience.type === 'units' ? a.audience.unitIds : [],
    audienceGroupIds: a.audience.type === 'groups' ? a.audience.groupIds : [],
    audienceBranchIds: a.audience.type === 'branches' ? a.audience.branchIds : [],
    audiencePartyGroupIds: a.audience.type === 'partyGroups' ? a.audience.partyGroupIds : [],
    branchId: a.branchId,
    meeting: a.meeting ? { type: a.meeting.type, forPeriod: a.meeting.forPeriod, election: a.meeting.election } : null,
    // Flat, for the indexed queries of a branch's or unit's meetings (meetings.ts).
    isMeeting: a.meeting !== null,
    capacity: a.capacity,
    signUpRequired: a.signUpRequired,
    status: a.status,
    targetId: a.targetId ?? null,
    materials: (a.materials ?? []).map((m) => ({ title: m.title, url: m.url })),
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
    // Activities written before the choice was recorded have none.
    noLocationReason: strOrNull(d.noLocationReason),
    audience: toAudience(d.audience),
    capacity: numOrNull(d.capacity),
    signUpRequired: d.signUpRequired === true,
    status: str(d.status) as ActivityStatus,
    branchId: strOrNull(d.branchId),
    meeting: toMeeting(d.meeting),
    targetId: strOrNull(d.targetId),
    // Activities written before 学习材料 existed have none.
    materials: toMaterials(d.materials),
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
    // Check-ins written before the phone sent these have none.
    deviceId: strOrNull(d.deviceId),
    lat: numOrNull(d.lat),
    lng: numOrNull(d.lng),
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

// ---- meeting records, amendments, leave ----

function toAbsence(v: Doc): AbsenceNote {
  return { memberId: str(v.memberId), reason: str(v.reason) as AbsenceReason, note: strOrNull(v.note) }
}

/** The fields of a record document a save writes (`_id` is the activity's). */
export function recordFields(r: MeetingRecord): Doc {
  return {
    state: r.state,
    host: r.host,
    recorder: r.recorder,
    topics: [...r.topics],
    decisions: r.decisions,
    minutes: r.minutes,
    photos: [...r.photos],
    absences: r.absences.map((a) => ({ memberId: a.memberId, reason: a.reason, note: a.note ?? null })),
    version: r.version,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    submittedAt: r.submittedAt,
    submittedBy: r.submittedBy,
    reviewedAt: r.reviewedAt,
    reviewedBy: r.reviewedBy,
    reviewComment: r.reviewComment,
    ...filedRollFields(r.filedRoll),
  }
}

/**
 * The filed roll as top-level fields: the rates project the three counts alone (not the rows), and
 * a save replaces each whole (an update merges nested objects, and cannot set inside a null).
 */
function filedRollFields(roll: FiledRoll | null): Doc {
  return {
    filedExpected: roll?.expected ?? null,
    filedPresent: roll?.present ?? null,
    filedLeave: roll?.leave ?? null,
    filedRows: roll ? roll.rows.map((x) => ({ memberId: x.memberId, name: x.name, status: x.status })) : null,
  }
}

function toFiledRoll(d: Doc): FiledRoll | null {
  if (typeof d.filedExpected !== 'number') return null
  const rows = docs(d.filedRows).map((x) => ({ memberId: str(x.memberId), name: str(x.name), status: str(x.status) as FiledRoll['rows'][number]['status'] }))
  return { expected: d.filedExpected, present: num(d.filedPresent), leave: num(d.filedLeave), rows }
}

/** A record's filed counts (`filedExpected`, … projected), or null when it has no filed roll. */
export function filedTally(d: Doc | undefined): { expected: number; present: number; leave: number } | null {
  return d && typeof d.filedExpected === 'number' ? { expected: d.filedExpected, present: num(d.filedPresent), leave: num(d.filedLeave) } : null
}

export function toMeetingRecord(d: Doc): MeetingRecord {
  return {
    activityId: str(d._id),
    state: str(d.state) as RecordState,
    host: strOrNull(d.host),
    recorder: strOrNull(d.recorder),
    topics: strings(d.topics),
    decisions: str(d.decisions),
    minutes: str(d.minutes),
    photos: strings(d.photos),
    absences: docs(d.absences).map(toAbsence),
    version: num(d.version),
    updatedAt: str(d.updatedAt),
    updatedBy: strOrNull(d.updatedBy),
    submittedAt: strOrNull(d.submittedAt),
    submittedBy: strOrNull(d.submittedBy),
    reviewedAt: strOrNull(d.reviewedAt),
    reviewedBy: strOrNull(d.reviewedBy),
    reviewComment: strOrNull(d.reviewComment),
    filedRoll: toFiledRoll(d),
  }
}

export function amendmentValueDoc(v: AmendmentValue): unknown {
  if (typeof v === 'string') return v
  if (Array.isArray(v)) return [...v]
  return { memberId: v.memberId, reason: v.reason, note: v.note ?? null }
}

function toAmendmentValue(v: unknown): AmendmentValue {
  if (Array.isArray(v)) return strings(v)
  if (isDoc(v)) return toAbsence(v)
  return str(v)
}

export function toAmendment(d: Doc): RecordAmendment {
  return {
    id: str(d._id),
    activityId: str(d.activityId),
    field: str(d.field) as AmendableField,
    value: toAmendmentValue(d.value),
    reason: str(d.reason),
    by: str(d.by),
    at: str(d.at),
  }
}

export function toLeave(d: Doc): LeaveRequest {
  return {
    id: str(d._id),
    activityId: str(d.activityId),
    memberId: str(d.memberId),
    reason: str(d.reason),
    status: str(d.status) as ReviewStatus,
    requestedAt: str(d.requestedAt),
    reviewedBy: strOrNull(d.reviewedBy),
    reviewedAt: strOrNull(d.reviewedAt),
    comment: strOrNull(d.comment),
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
