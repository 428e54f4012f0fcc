/**
 * The port every function talks to. Methods speak the domain's language; each adapter (sqlite for
 * the local world, cloudbase for WeChat) implements them natively. All methods are async so both
 * worlds fit the same shape.
 */
import type {
  AbsentRow,
  AuditEntry,
  Activity,
  AttendanceRow,
  CheckIn,
  HourClaim,
  HourClaimView,
  LedgerEntry,
  Makeup,
  MakeupView,
  Member,
  MyRecord,
  RoleGrant,
  Unit,
} from '../contract/model'
import type { ActivityKind } from '../contract/vocabulary'
import type { ActivityDraft } from '../domain/activity'
import type { OrgBatch, OrgSnapshot } from '../domain/roster'
import type { StatsStore } from './StatsStore'

export type { OrgBatch }

export interface NewCheckIn extends Omit<CheckIn, 'id' | 'checkedOutAt'> {}
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

export interface AuditFilter {
  unitIds?: string[]
  actorId?: string
  from?: string
  to?: string
}

export interface Store {
  /** The read side for dashboards, boards, selection and certificates. */
  readonly stats: StatsStore

  // people and organisation
  getMember(id: string): Promise<Member | null>
  findMemberByBindCode(bindCode: string): Promise<Member | null>
  findMemberByOpenId(openId: string): Promise<Member | null>
  /** Tie a WeChat account to a member who has none yet (or already this one); false if taken. */
  bindOpenId(memberId: string, openId: string): Promise<boolean>
  getUnit(id: string): Promise<Unit | null>
  /** Which of these unit or youth group ids do not exist. */
  missingOrgIds(kind: 'unit' | 'group', ids: string[]): Promise<string[]>
  orgNames(member: Member): Promise<{ unitName: string; branchName: string | null; youthGroupName: string | null }>

  /** Insert or update organisation rows by id, all or nothing. */
  importOrg(batch: OrgBatch, now: string): Promise<void>
  /** The whole organisation with phones and bind codes, for planning an import. */
  orgSnapshot(): Promise<OrgSnapshot>
  /** Members of a unit for the roster page, newest first by member number. */
  listMembersOfUnit(unitId: string, query: string | undefined, includeInactive: boolean, limit: number): Promise<(Member & { phone: string | null; idNumber: string | null; bindCode: string; bound: boolean })[]>
  /** Grant or take back one role; true if anything changed. */
  setRoleGrant(memberId: string, grant: RoleGrant, on: boolean): Promise<boolean>

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
  checkedInActivityIds(memberId: string, activityIds: string[]): Promise<Set<string>>
  creditsOf(checkInActivityId: string, memberId: string): Promise<LedgerEntry[]>
  getLedgerEntry(id: string): Promise<LedgerEntry | null>
  /** Append the reversing entry of a credit; CONFLICT if it was reversed already. */
  reverseCredit(entry: LedgerEntry, by: string, at: string, note: string, request: { device: string | null; ip: string | null }): Promise<LedgerEntry>
  pointsCreditedBetween(memberId: string, fromIso: string, toIso: string): Promise<number>
  listRecordsOfMember(memberId: string, kind: ActivityKind | undefined, limit: number): Promise<MyRecord[]>
  listAttendance(activityId: string): Promise<AttendanceRow[]>
  /** Members the activity is for who have no check-in, with their latest make-up status. */
  listAbsent(activity: Activity): Promise<AbsentRow[]>
  countAudience(activity: Activity): Promise<number>

  // sign-up and capacity
  /** Sign up unless full; the capacity is checked inside the write, so two people cannot take the last place. */
  signUp(activityId: string, memberId: string, capacity: number | null, at: string): Promise<'created' | 'exists' | 'full'>
  countSignUps(activityIds: string[]): Promise<Record<string, number>>
  signedUpActivityIds(memberId: string, activityIds: string[]): Promise<Set<string>>

  // volunteer check-out and hours
  /**
   * Set the check-out time once (a second check-out changes nothing), append the credit for the
   * hours that count at once, and file the rest as a claim waiting for the organizer.
   */
  recordCheckOut(
    checkInId: string,
    at: string,
    credit: NewCredit | null,
    pendingHours: number,
    dailyCap?: DailyCap,
  ): Promise<{ checkIn: CheckIn; updated: boolean }>
  /** Volunteer hours credited, and waiting for approval, for services checked into between two times. */
  volunteerHoursBetween(memberId: string, fromIso: string, toIso: string): Promise<{ effective: number; pending: number }>
  /** Append a credit with no check-in change (hours an organizer confirmed), under the daily points cap. */
  appendCredit(activityId: string, memberId: string, credit: NewCredit, dailyCap?: DailyCap): Promise<LedgerEntry>
  getHourClaim(id: string): Promise<HourClaim | null>
  /** Decide a pending claim once; on approval its credit is appended in the same transaction. */
  decideHourClaim(
    id: string,
    approve: boolean,
    reviewer: string,
    at: string,
    credit: NewCredit | null,
    dailyCap?: DailyCap,
  ): Promise<HourClaim | null>
  listHourClaims(activityId: string, status: HourClaim['status']): Promise<HourClaimView[]>

  // make-ups (补签)
  /** A new request (or an organizer's direct make-up); CONFLICT if one is already open or granted. */
  insertMakeup(m: Omit<Makeup, 'id'>): Promise<Makeup>
  getMakeup(id: string): Promise<Makeup | null>
  /**
   * Decide a pending make-up once. Approval inserts the check-in (method `makeup`) and its credit in
   * the same transaction; if the member has checked in meanwhile, no second record is made.
   */
  decideMakeup(
    id: string,
    decision: { approve: boolean; reviewer: string; comment: string | null; at: string },
    checkIn: NewCheckIn | null,
    credit: NewCredit | null,
    dailyCap?: DailyCap,
  ): Promise<Makeup | null>
  listMakeupsOfActivity(activityId: string, status?: Makeup['status']): Promise<MakeupView[]>
  listMakeupsOfMember(memberId: string, limit: number): Promise<MakeupView[]>

  // sessions (local world) and admin resets
  revokeSession(sid: string, memberId: string, at: string, expiresAt: string): Promise<void>
  /**
   * The member a session speaks for while it is still good (not signed out, issued after the
   * member's last reset), else null. Asked on every request of the local world.
   */
  sessionMember(sid: string, memberId: string, issuedAt: string): Promise<Member | null>
  /**
   * Admin reset: a new bind code, the WeChat binding cleared, every session issued so far void.
   */
  resetMemberAccess(memberId: string, newBindCode: string, at: string): Promise<void>

  // audit log
  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void>
  listAudit(filter: AuditFilter, limit: number): Promise<AuditEntry[]>

  // small key/value settings (demo flag, policy versions later)
  getSetting(key: string): Promise<string | null>
  putSetting(key: string, value: string): Promise<void>

  // readiness
  ping(): Promise<void>
  close(): Promise<void>
}
