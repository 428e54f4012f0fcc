/**
 * Every collection of the CloudBase world and its indexes, in one place.
 *
 * Uniqueness: wherever a rule says "at most one", the record's `_id` is built from the key
 * (`${activityId}:${memberId}` for a check-in), so `add` of a second one fails with
 * DATABASE_DUPLICATE_WRITE. We chose deterministic `_id`s over unique indexes because `_id` is
 * unique in every environment with no setup (indexes are made by hand in the CloudBase console,
 * or by a deploy tool, and a forgotten one fails silently), because a unique index cannot skip
 * missing values (a member without a WeChat binding), and because `doc(id)` is the only way to read
 * a record inside a transaction. Ids are joined with ':' which `newId()` (base64url) never contains.
 *
 * The other indexes serve queries; create them in the console (or with @cloudbase/manager-node)
 * when deploying. `ensureCollections` creates the collections (wx-server-sdk can; it cannot make
 * indexes), and the test fake enforces the `unique` ones below.
 */
import { createHash } from 'node:crypto'
import type { CloudDatabase } from './sdk'
import { isCollectionExists } from './sdk'

export const COL = {
  units: 'units',
  /** Units, branches, 党小组 and youth groups keep `mergedInto` once merged (kept for old records). */
  branches: 'branches',
  partyGroups: 'party_groups',
  youthGroups: 'youth_groups',
  members: 'members',
  /** A member's change of placement { memberId, at, from, to } (flat from/to ids for queries): rosterOn. */
  memberMoves: 'member_moves',
  /** `_id` = WeChat OPENID → { memberId }: one member per WeChat account. */
  openIds: 'member_open_ids',
  activities: 'activities',
  /** `_id` = `${activityId}:${memberId}`: one check-in per member and activity. */
  checkIns: 'check_ins',
  /** `_id` = `${memberId}:${sha256(key)}` → { activityId }: one idempotency key, one activity. */
  checkInKeys: 'check_in_keys',
  /** Append-only. `_id` is the entry id; a reversal's is `rev:${entryId}`, so each entry is reversed once. */
  ledger: 'ledger',
  /** `_id` = `${memberId}:${dayStart}`: the points a member was credited that day, for the daily cap. */
  dailyPoints: 'daily_points',
  /** `_id` = `${memberId}:${period}:${kind}`; derived from the ledger, repaired by reconcile. */
  memberCounters: 'member_counters',
  /** `_id` = `${unitId}:${period}:${kind}`; derived from the ledger, repaired by reconcile. */
  unitCounters: 'unit_counters',
  /** `_id` = `${activityId}:${memberId}`: one sign-up per member and activity. */
  signUps: 'sign_ups',
  /** `_id` = `${activityId}:${memberId}:${attempt}`: a new attempt only after the last was rejected. */
  makeups: 'makeups',
  /** `_id` = the check-in's `_id`: check-out files at most one claim. */
  hourClaims: 'hour_claims',
  revokedSessions: 'revoked_sessions',
  audit: 'audit_log',
  settings: 'settings',
  policyVersions: 'policy_versions',
  snapshots: 'snapshots',
  /**
   * `_id` = `${snapshotId}:${objectorId}:${memberId or *}:${attempt}`: a new objection of the same objector
   * to the same entry (or whole list, `*`) only after the last was resolved.
   */
  objections: 'objections',
  /** `_id` = `${memberId}:${period}:${hours}`: one certificate per member, period and total. */
  certificates: 'certificates',
  /** `_id` = a sequence name (certificate serials per year) → { n }. */
  sequences: 'sequences',
  /** `_id` = a view's key → { value, builtAt }: boards and dashboards kept ready (ViewStore). */
  views: 'ready_views',
  /** `_id` = the meeting's activity id: one record per meeting, with its `version`. */
  meetingRecords: 'meeting_records',
  /** Corrections of filed records, append only. */
  recordAmendments: 'record_amendments',
  /** `_id` = `${activityId}:${memberId}:${n}`: a new request only after the last was declined or withdrawn. */
  leaveRequests: 'leave_requests',
  /** A meeting photo's document; the bytes are in CloudBase storage (`fileID`). */
  photos: 'photos',
  /** `_id` = the target's id: targets the city admin saved (built-in ones tuned, and added ones). */
  targets: 'targets',
  /** One record (`_id` = `city`): the standard-branch checklist. */
  checklist: 'checklist',
  /** `_id` = `${branchId}:${year}`: one score per branch and year, replaced when scored again. */
  branchScores: 'branch_scores',
  /** 民主生活会 of units' leadership teams. */
  democraticMeetings: 'democratic_meetings',
  /** `_id` = `${level}:${subjectId}:${year}`: one 述职 per secretary and year; `id` is its stable public id. */
  dutyReports: 'duty_reports',
  /** An evidence file's document; the bytes are in CloudBase storage (`fileID`, under `evidence/`). */
  evidenceFiles: 'evidence_files',
  /** `_id` = a digest of (reminder key, member): a reminder lands in an inbox once, whichever run adds it. */
  inbox: 'inbox_messages',
  /** `_id` = the member's id → { off, subs }: kinds turned off and subscribe-message sends left per template. */
  notifyPrefs: 'notify_preferences',
} as const

export type CollectionName = (typeof COL)[keyof typeof COL]

export interface IndexSpec {
  name: string
  fields: string[]
  unique?: boolean
}

/** Indexes beyond `_id`, per collection: what the queries in this folder filter and sort on. */
export const INDEXES: Partial<Record<CollectionName, IndexSpec[]>> = {
  branches: [{ name: 'unit', fields: ['unitId'] }],
  party_groups: [{ name: 'branch', fields: ['branchId'] }],
  member_moves: [
    { name: 'fromBranch', fields: ['fromBranchId', 'at'] },
    { name: 'toBranch', fields: ['toBranchId', 'at'] },
    { name: 'fromPartyGroup', fields: ['fromPartyGroupId', 'at'] },
    { name: 'toPartyGroup', fields: ['toPartyGroupId', 'at'] },
    { name: 'member', fields: ['memberId', 'at'] },
  ],
  members: [
    { name: 'memberNo', fields: ['memberNo'], unique: true },
    { name: 'bindCode', fields: ['bindCode'], unique: true },
    { name: 'unit', fields: ['unitId', 'memberNo'] },
    { name: 'group', fields: ['youthGroupId'] },
    { name: 'branch', fields: ['branchId'] },
    { name: 'partyGroup', fields: ['partyGroupId'] },
    { name: 'grantUnit', fields: ['roles.unitId'] },
    { name: 'grantGroup', fields: ['roles.groupId'] },
    { name: 'grantBranch', fields: ['roles.branchId'] },
    { name: 'grantRole', fields: ['roles.role'] },
    { name: 'openId', fields: ['openId'] },
    { name: 'active', fields: ['active', 'unitId'] },
    { name: 'cadreRank', fields: ['cadreRank', 'active'] },
    { name: 'birthDate', fields: ['birthDate', 'active'] },
  ],
  activities: [
    { name: 'unit', fields: ['unitId', 'startAt'] },
    { name: 'open', fields: ['status', 'endAt'] },
    { name: 'audienceUnits', fields: ['audienceUnitIds'] },
    { name: 'audienceGroups', fields: ['audienceGroupIds'] },
    { name: 'audienceBranches', fields: ['audienceBranchIds'] },
    { name: 'audiencePartyGroups', fields: ['audiencePartyGroupIds'] },
    { name: 'branchMeetings', fields: ['branchId', 'isMeeting', 'startAt'] },
    { name: 'sessions', fields: ['kind', 'status', 'startAt'] },
    { name: 'meetingsHeld', fields: ['isMeeting', 'status', 'startAt'] },
    { name: 'target', fields: ['targetId', 'status'] },
    { name: 'starting', fields: ['status', 'startAt'] },
    { name: 'ending', fields: ['kind', 'endAt'] },
  ],
  check_ins: [
    { name: 'activity', fields: ['activityId', 'checkedInAt'] },
    { name: 'member', fields: ['memberId', 'checkedInAt'] },
    { name: 'idempotency', fields: ['memberId', 'idempotencyKey'] },
    { name: 'pendingIn', fields: ['pendingIn.since'] },
    { name: 'pendingOut', fields: ['pendingOut.since'] },
    { name: 'pendingClaim', fields: ['pendingClaim.since'] },
  ],
  ledger: [
    { name: 'member', fields: ['memberId', 'createdAt'] },
    { name: 'activity', fields: ['activityId', 'memberId', 'seq'] },
    { name: 'month', fields: ['month', 'memberId', 'kind'] },
    { name: 'seq', fields: ['seq'] },
  ],
  member_counters: [
    { name: 'period', fields: ['period', 'kind'] },
    { name: 'member', fields: ['memberId'] },
  ],
  unit_counters: [
    { name: 'period', fields: ['period', 'kind'] },
    { name: 'unit', fields: ['unitId'] },
  ],
  sign_ups: [
    { name: 'activity', fields: ['activityId'] },
    { name: 'member', fields: ['memberId'] },
  ],
  makeups: [
    { name: 'slot', fields: ['activityId', 'memberId', 'attempt'] },
    { name: 'member', fields: ['memberId', 'requestedAt'] },
    { name: 'pendingGrant', fields: ['pendingGrant.since'] },
    { name: 'reviewed', fields: ['reviewedAt'] },
  ],
  hour_claims: [
    { name: 'activity', fields: ['activityId', 'status'] },
    { name: 'member', fields: ['memberId', 'activityId'] },
    { name: 'pendingCredit', fields: ['pendingCredit.since'] },
    { name: 'reviewed', fields: ['reviewedAt'] },
  ],
  audit_log: [
    { name: 'unit', fields: ['unitId', 'seq'] },
    { name: 'actor', fields: ['actorId', 'seq'] },
    { name: 'seq', fields: ['seq'] },
  ],
  policy_versions: [{ name: 'effective', fields: ['effectiveFrom', 'seq'] }],
  snapshots: [{ name: 'period', fields: ['period', 'frozenAt'] }],
  objections: [
    { name: 'period', fields: ['period', 'filedAt'] },
    { name: 'slot', fields: ['snapshotId', 'objectorId', 'entryKey', 'attempt'] },
    { name: 'resolved', fields: ['resolvedAt'] },
  ],
  certificates: [{ name: 'serial', fields: ['serial'], unique: true }],
  meeting_records: [
    { name: 'state', fields: ['state', 'unitId', 'startAt'] },
    { name: 'returned', fields: ['state', 'reviewedAt'] },
  ],
  record_amendments: [{ name: 'activity', fields: ['activityId', 'seq'] }],
  leave_requests: [
    { name: 'activity', fields: ['activityId', 'requestedAt'] },
    { name: 'member', fields: ['memberId', 'activityId'] },
    { name: 'reviewed', fields: ['reviewedAt'] },
  ],
  photos: [{ name: 'activity', fields: ['activityId'] }],
  branch_scores: [{ name: 'year', fields: ['year', 'unitId'] }],
  democratic_meetings: [{ name: 'held', fields: ['heldAt', 'unitId'] }],
  duty_reports: [
    { name: 'id', fields: ['id'], unique: true },
    { name: 'year', fields: ['year', 'unitId'] },
  ],
  inbox_messages: [
    { name: 'member', fields: ['memberId', 'createdAt'] },
    { name: 'unread', fields: ['memberId', 'readAt'] },
  ],
}

// ---- deterministic ids ----

export const ids = {
  checkIn: (activityId: string, memberId: string) => `${activityId}:${memberId}`,
  signUp: (activityId: string, memberId: string) => `${activityId}:${memberId}`,
  checkInKey: (memberId: string, key: string) => `${memberId}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`,
  makeup: (activityId: string, memberId: string, attempt: number) => `${activityId}:${memberId}:${attempt}`,
  leave: (activityId: string, memberId: string, n: number) => `${activityId}:${memberId}:${n}`,
  objection: (snapshotId: string, objectorId: string, entryKey: string, attempt: number) => `${snapshotId}:${objectorId}:${entryKey}:${attempt}`,
  dailyPoints: (memberId: string, dayStart: string) => `${memberId}:${dayStart}`,
  memberCounter: (memberId: string, period: string, kind: string) => `${memberId}:${period}:${kind}`,
  unitCounter: (unitId: string, period: string, kind: string) => `${unitId}:${period}:${kind}`,
  certificate: (memberId: string, period: string, hours: number) => `${memberId}:${period}:${hours}`,
  /** Ledger ids of credits tied to one event, so a repeated or repaired write cannot credit twice. */
  checkInCredit: (checkInId: string) => `in:${checkInId}`,
  checkOutCredit: (checkInId: string) => `out:${checkInId}`,
  claimCredit: (claimId: string) => `hc:${claimId}`,
  reversal: (entryId: string) => `rev:${entryId}`,
  branchScore: (branchId: string, year: string) => `${branchId}:${year}`,
  dutyReport: (level: string, subjectId: string, year: string) => `${level}:${subjectId}:${year}`,
  /** Fixed length whatever the key, and the same in every run that delivers the reminder. */
  inboxMessage: (key: string, memberId: string) => createHash('sha1').update(`${key}\n${memberId}`).digest('base64url'),
}

/** Bump when a collection is added; `ensureCollections` then runs again on the next start. */
const SCHEMA_VERSION = '7'
const SCHEMA_KEY = '__cloudbase_schema'

/** A request to a collection that does not exist (yet). */
export const isCollectionMissing = (e: unknown): boolean => /COLLECTION_NOT_EXIST|-502005|collection not exists/i.test(String((e as { errMsg?: unknown })?.errMsg ?? e))

/**
 * Create every collection that is missing; idempotent and cheap once done (one read of a marker).
 * Indexes are not made here: wx-server-sdk has no API for them (see INDEXES).
 */
export async function ensureCollections(db: CloudDatabase): Promise<void> {
  try {
    const marker = await db.collection(COL.settings).where({ _id: SCHEMA_KEY }).limit(1).get()
    if (marker.data[0]?.value === SCHEMA_VERSION) return
  } catch (e) {
    if (!isCollectionMissing(e)) throw e
  }
  await Promise.all(
    Object.values(COL).map((name) =>
      db.createCollection(name).catch((e: unknown) => {
        if (!isCollectionExists(e)) throw e
      }),
    ),
  )
  await db.collection(COL.settings).doc(SCHEMA_KEY).set({ data: { value: SCHEMA_VERSION } })
}
