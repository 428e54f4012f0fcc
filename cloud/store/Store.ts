/**
 * The port every function talks to. Methods speak the domain's language; each adapter (sqlite for
 * the local world, cloudbase for WeChat) implements them natively. All methods are async so both
 * worlds fit the same shape.
 */
import type {
  Activity,
  AttendanceRow,
  CheckIn,
  LedgerEntry,
  Member,
  MyRecord,
  Unit,
} from '../contract/model'
import type { ActivityKind } from '../contract/vocabulary'
import type { ActivityDraft } from '../domain/activity'

export interface NewCheckIn extends Omit<CheckIn, 'id'> {}
export interface NewCredit extends Omit<LedgerEntry, 'id' | 'activityId' | 'memberId'> {}

/** A cap on the points one member may earn in a day, applied inside the write. */
export interface DailyCap {
  from: string
  to: string
  cap: number
}

export interface RecordCheckInResult {
  checkIn: CheckIn
  /** False when a check-in for this member and activity already existed; nothing was written then. */
  created: boolean
  credit: LedgerEntry | null
}

/** Organisation data as a roster import or the demo seed provides it. */
export interface OrgBatch {
  units: Unit[]
  branches: { id: string; unitId: string; name: string }[]
  youthGroups: { id: string; name: string; unitIds: string[] }[]
  members: (Member & { phone: string | null; bindCode: string })[]
}

export interface Store {
  // people and organisation
  getMember(id: string): Promise<Member | null>
  findMemberByBindCode(bindCode: string): Promise<Member | null>
  findMemberByOpenId(openId: string): Promise<Member | null>
  /** Tie a WeChat account to a member who has none yet (or already this one); false if taken. */
  bindOpenId(memberId: string, openId: string): Promise<boolean>
  getUnit(id: string): Promise<Unit | null>
  orgNames(member: Member): Promise<{ unitName: string; branchName: string | null; youthGroupName: string | null }>

  /** Insert or update organisation rows by id, all or nothing. */
  importOrg(batch: OrgBatch, now: string): Promise<void>

  // activities
  insertActivity(draft: ActivityDraft & { qrSecret: string }, now: string): Promise<Activity>
  updateActivity(id: string, patch: Partial<ActivityDraft>, now: string): Promise<Activity>
  getActivity(id: string): Promise<Activity | null>
  /** The activity's signing secret for QR tokens; never leaves the server. */
  getQrSecret(activityId: string): Promise<string | null>
  /** Published activities meant for this member that end after `since`, soonest first. */
  listActivitiesForMember(member: Member, since: string, limit: number): Promise<Activity[]>
  /** Activities organised by these units (any status), newest first. */
  listActivitiesOfUnits(unitIds: string[], limit: number): Promise<Activity[]>
  countCheckIns(activityIds: string[]): Promise<Record<string, number>>

  // check-ins and the ledger
  /**
   * Atomically: insert the check-in (one per member and activity, by a unique key), append its
   * credit to the ledger (points reduced to what `dailyCap` leaves, counted in the same
   * transaction so concurrent check-ins cannot pass it) and bump the counters. If the member
   * already checked in, write nothing and return the existing check-in.
   */
  recordCheckIn(checkIn: NewCheckIn, credit: NewCredit | null, dailyCap?: DailyCap): Promise<RecordCheckInResult>
  findCheckIn(activityId: string, memberId: string): Promise<CheckIn | null>
  findCheckInByIdempotencyKey(memberId: string, key: string): Promise<CheckIn | null>
  checkedInActivityIds(memberId: string, activityIds: string[]): Promise<Set<string>>
  creditsOf(checkInActivityId: string, memberId: string): Promise<LedgerEntry[]>
  pointsCreditedBetween(memberId: string, fromIso: string, toIso: string): Promise<number>
  listRecordsOfMember(memberId: string, kind: ActivityKind | undefined, limit: number): Promise<MyRecord[]>
  listAttendance(activityId: string): Promise<AttendanceRow[]>

  // small key/value settings (demo flag, policy versions later)
  getSetting(key: string): Promise<string | null>
  putSetting(key: string, value: string): Promise<void>

  // readiness
  ping(): Promise<void>
  close(): Promise<void>
}
