/** Shapes of what the functions store and return. Times are ISO-8601 strings in UTC. */
import type {
  ActivityKind,
  ActivityStatus,
  CadreRank,
  CreditMethod,
  MeetingType,
  PartyStatus,
  Role,
} from './vocabulary'
import type { Makeup } from './attendance'
import type { Audience, GeoPlace } from './schemas'

export interface RoleGrant {
  role: Role
  /** Scope of the grant: a unit, a youth group, a branch (with its unit), or the whole city. */
  unitId?: string
  groupId?: string
  branchId?: string
}

export interface Member {
  id: string
  memberNo: string
  name: string
  unitId: string
  branchId: string | null
  /** The 党小组 within the branch, if the branch has them. */
  partyGroupId: string | null
  youthGroupId: string | null
  birthDate: string | null
  /** 正式党员 or 预备党员 (only the former vote). */
  partyStatus: PartyStatus
  /** 职级 of a cadre (rotation training reaches 县处级 and above); null: not recorded. */
  cadreRank: CadreRank | null
  roles: RoleGrant[]
  active: boolean
}

/** What the app shows about the signed-in person. */
export interface MemberProfile {
  id: string
  name: string
  unitId: string
  unitName: string
  branchId: string | null
  branchName: string | null
  partyGroupName: string | null
  youthGroupName: string | null
  roles: RoleGrant[]
  isOrganizer: boolean
}

export interface Unit {
  id: string
  name: string
}

export interface Branch {
  id: string
  unitId: string
  name: string
  /** When it was set up here; null: before such dates were kept. A branch owes no period it was set up in. */
  createdAt: string | null
}

/** A 党小组: part of one branch. */
export interface PartyGroup {
  id: string
  branchId: string
  name: string
}

/** A youth study group (青年理论学习小组), formed by one unit or jointly by several. */
export interface YouthGroup {
  id: string
  name: string
  unitIds: string[]
}

/** Where a member belongs: what `member.saveOrg` moves them to, and what the history keeps. */
export interface Placement {
  unitId: string
  branchId: string | null
  partyGroupId: string | null
  youthGroupId: string | null
}

/** A person named on an org node: its secretary, 组织委员 and committee. */
export interface OrgOfficer {
  memberId: string
  name: string
  role: Role
}

/** The organisation as the admin's org page shows it (merged nodes left out), with head counts. */
export interface OrgTree {
  units: (Unit & {
    memberCount: number
    branches: (Branch & { memberCount: number; officers: OrgOfficer[]; partyGroups: (PartyGroup & { memberCount: number })[] })[]
  })[]
  youthGroups: (YouthGroup & { memberCount: number })[]
}

/**
 * What makes an activity a branch meeting (三会一课 and the others): its type, the period of its
 * type's rhythm it counts for (an earlier one when it makes up a missed meeting: 补开), and for a
 * 支部党员大会 whether it elects (the stricter quorum).
 */
export interface MeetingInfo {
  type: MeetingType
  forPeriod: string
  election: boolean
}

export interface Activity {
  id: string
  kind: ActivityKind
  subKind: string | null
  title: string
  description: string | null
  unitId: string
  organizerId: string
  startAt: string
  endAt: string
  checkInOpensAt: string
  checkInClosesAt: string
  checkOutClosesAt: string | null
  placeName: string | null
  /** Where check-in is allowed (the geofence); null only with `noLocationReason`, or on a draft. */
  place: GeoPlace | null
  /** The organizer's recorded choice to publish without a location check, and why; null: there is a place (or a draft). */
  noLocationReason: string | null
  audience: Audience
  capacity: number | null
  signUpRequired: boolean
  status: ActivityStatus
  /** The branch that runs it (its secretary and 组织委员 organize it): every meeting, and a branch's own activities. */
  branchId: string | null
  /** Set on a branch meeting. */
  meeting: MeetingInfo | null
  /** The target (e.g. a rotation training) that attending this activity serves; null: none. */
  targetId: string | null
  /** 学习材料: links members open before or during the activity; [] when none. */
  materials: ActivityMaterial[]
  createdAt: string
  updatedAt: string
}

/** One 学习材料: a title and the http(s) address of the article. */
export interface ActivityMaterial {
  title: string
  url: string
}

/** An activity as the member list shows it. */
export interface ActivitySummary extends Activity {
  unitName: string
  checkedIn: boolean
  signedUp: boolean
  signUps: number
  arrivals: number
}

/**
 * Whether the caller may ask for a make-up (补签) of an activity, as the server decides it: the
 * check-in page shows the request form only when `allowed`.
 */
export interface MakeupEligibility {
  allowed: boolean
  /** Why not, in Chinese a member can act on; null when allowed. */
  reason: string | null
  /** Last moment a make-up may be asked for (UTC ISO); null when the activity takes none (draft, cancelled). */
  deadline: string | null
}

/** One activity as `activity.get` returns it: the summary plus what the caller may still do. */
export interface ActivityDetail extends ActivitySummary {
  makeup: MakeupEligibility
  /** Who published it, by name; null when that member is gone from the roster. */
  organizerName: string | null
  /** When the caller checked in (and out, volunteers); null: not yet. */
  checkedInAt: string | null
  checkedOutAt: string | null
  /** The caller organizes it: the detail page adds who is coming and the organizer's buttons. */
  organizing: boolean
}

/**
 * An activity the caller missed (`checkin.missed`): meant for them, its check-in closed, no check-in
 * and no approved leave, its make-up period still open; whether they may ask for a make-up now and
 * how their latest request stands.
 */
export interface MissedActivity {
  activity: Pick<Activity, 'id' | 'title' | 'kind' | 'subKind' | 'startAt' | 'endAt' | 'placeName'>
  makeup: MakeupEligibility
  /** The caller's latest make-up request for it; null: none yet. */
  lastRequest: Pick<Makeup, 'id' | 'status' | 'requestedAt' | 'reviewComment'> | null
}

export interface CheckIn {
  id: string
  activityId: string
  memberId: string
  checkedInAt: string
  method: CreditMethod
  distanceM: number | null
  accuracyM: number | null
  device: string | null
  ip: string | null
  idempotencyKey: string | null
  checkedOutAt: string | null
  /** The phone's own id (kept by the app on the device): one phone checking in several members is flagged. */
  deviceId: string | null
  /** The position the phone reported, kept to spot identical coordinates across members; null: none sent. */
  lat: number | null
  lng: number | null
}

export interface LedgerEntry {
  id: string
  memberId: string
  activityId: string
  kind: ActivityKind
  points: number
  hours: number
  method: CreditMethod
  approvedBy: string | null
  createdAt: string
  device: string | null
  ip: string | null
  /** Set on a correction: the entry this one reverses. */
  reversesId: string | null
  /** Why a correction was made. */
  note?: string | null
}

/** A credit about to be appended to the ledger: the entry without its id, activity and member. */
export type NewCredit = Omit<LedgerEntry, 'id' | 'activityId' | 'memberId'>

/** A cap on the points one member may earn in a day, applied inside the write. */
export interface DailyCap {
  from: string
  to: string
  cap: number
}

export interface CheckInResult {
  checkIn: CheckIn
  activity: Pick<Activity, 'id' | 'title' | 'kind' | 'subKind' | 'startAt' | 'endAt' | 'placeName'>
  /** True when this call found an earlier check-in instead of making a new one. */
  alreadyCheckedIn: boolean
  pointsEarned: number
  /** Points the daily cap withheld (anti-formalism). */
  pointsCapped: number
  /** Volunteer activities earn hours at check-out, not points at check-in. */
  hoursStartCounting: boolean
}

export interface MyRecord {
  checkInId: string
  activityId: string
  title: string
  kind: ActivityKind
  subKind: string | null
  unitName: string
  startAt: string
  checkedInAt: string
  checkedOutAt: string | null
  method: CreditMethod
  points: number
  hours: number
  hoursPending: number
}

export interface QrTokenResult {
  token: string
  /** When this token stops being the newest one; the previous token stays valid one more period. */
  rotatesAt: string
  periodSec: number
  /** The server's clock when it answered, so screens count down correctly whatever their own clock says. */
  serverTime: string
  checkInUrl: string
  arrivals: number
}

export interface CheckOutResult {
  checkIn: CheckIn
  alreadyCheckedOut: boolean
  hours: number
  effectiveHours: number
  pendingHours: number
  droppedHours: number
  pointsEarned: number
}

export interface SignUpResult {
  signedUp: true
  alreadySignedUp: boolean
  signUps: number
  capacity: number | null
}

/** 取消报名: whether a sign-up was withdrawn (false: there was none), and the places now taken. */
export interface WithdrawSignUpResult {
  withdrawn: boolean
  signUps: number
  capacity: number | null
}

export interface SessionResult {
  session: string
  expiresAt: string
  member: MemberProfile
}

export interface DemoAccount {
  role: Role
  name: string
  unit: string
  bindCode: string
}

/** One organizer or admin action: who, what, when, before and after. */
export interface AuditEntry {
  seq: number
  at: string
  actorId: string
  actorName: string
  unitId: string | null
  action: string
  target: string | null
  before: unknown
  after: unknown
}

// Branch life (leave, the meeting record and its filing, the branch pages) has its own file.
export type {
  LeaveRequest,
  LeaveView,
  AbsenceNote,
  MeetingRecord,
  AmendmentValue,
  RecordAmendment,
  RollRow,
  RollCount,
  Quorum,
  MeetingRoll,
  RecordPermissions,
  MeetingRecordView,
  MeetingSummary,
  RhythmStatus,
  BranchOverview,
  MyBranchMeeting,
} from './meetings'
export type { FiledRoll } from './meetings'
// The targets' shapes (obligations.ts), re-exported so the app and the functions import every shape from here.
export type { BranchScore, Checklist, Criterion, CriterionScore, DemocraticMeeting, DutyReport, Evidence, EvidenceFile } from './obligations'
export type { ItemState, MeetingRates, ObligationCell, ObligationDetail, ObligationItem, ObligationRow, ObligationSubject } from './obligations'
export type { ObligationsResult, ObligationTrend, ReportSummary, Target, TargetParams, TargetStanding, TrendPoint } from './obligations'
export type { DispatchReport, InboxMessage, InboxPage, NotifyPreferences, Reminder } from './notify'
export type { MyObjection, Objection, ObjectionOutcome, ObjectionsResult, ObjectionStatus, SelectionStatus, SnapshotEntry, SnapshotResult } from './selection'
export type { AbsentRow, Attendance, AttendanceEntry, AttendanceRow, CheckInSignals, HourClaim, HourClaimView, Makeup, MakeupView, UnitPlace } from './attendance'
