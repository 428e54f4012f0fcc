/** Shapes of what the functions store and return. Times are ISO-8601 strings in UTC. */
import type {
  AbsenceReason,
  ActivityKind,
  ActivityStatus,
  AmendableField,
  CreditMethod,
  MeetingType,
  PartyStatus,
  RecordState,
  ReviewStatus,
  Rhythm,
  Role,
} from './vocabulary'
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
  place: GeoPlace | null
  audience: Audience
  capacity: number | null
  signUpRequired: boolean
  status: ActivityStatus
  /** The branch that runs it (its secretary and 组织委员 organize it): every meeting, and a branch's own activities. */
  branchId: string | null
  /** Set on a branch meeting. */
  meeting: MeetingInfo | null
  createdAt: string
  updatedAt: string
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

export interface AttendanceRow {
  memberId: string
  name: string
  unitName: string
  checkedInAt: string
  checkedOutAt: string | null
  method: CreditMethod
  points: number
  hours: number
  /** Volunteer hours waiting for an organizer (over the daily amount, or no check-out). */
  hoursPending: number
}

export interface AbsentRow {
  memberId: string
  name: string
  unitName: string
  makeupStatus: ReviewStatus | null
}

export interface Makeup {
  id: string
  activityId: string
  memberId: string
  reason: string
  status: ReviewStatus
  requestedBy: string
  requestedAt: string
  reviewedBy: string | null
  reviewedAt: string | null
  reviewComment: string | null
}

export interface MakeupView extends Makeup {
  memberName: string
  activityTitle: string
}

export interface HourClaim {
  id: string
  activityId: string
  memberId: string
  hours: number
  status: ReviewStatus
  createdAt: string
  reviewedBy: string | null
  reviewedAt: string | null
}

export interface HourClaimView extends HourClaim {
  memberName: string
}

export interface Attendance {
  activity: Activity
  present: AttendanceRow[]
  presentCount: number
  absent: AbsentRow[]
  audienceCount: number
  pendingMakeups: MakeupView[]
  pendingHours: HourClaimView[]
  /** Volunteers who checked in but not out; their hours wait for the organizer. */
  notCheckedOut: number
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

// ---- branch life: leave, the meeting record and its filing ----

/** A member's leave (请假) from a meeting, asked before it starts and decided by the branch. */
export interface LeaveRequest {
  id: string
  activityId: string
  memberId: string
  reason: string
  status: ReviewStatus
  requestedAt: string
  reviewedBy: string | null
  reviewedAt: string | null
  comment: string | null
}

export interface LeaveView extends LeaveRequest {
  memberName: string
  activityTitle: string
}

/** Why an absentee without approved leave missed the meeting, entered by the branch after it. */
export interface AbsenceNote {
  memberId: string
  reason: AbsenceReason
  note: string | null
}

/**
 * A meeting's record (会议记录) as written: edited freely while 未上报 or 已退回; once submitted it
 * never changes again except its filing state, and corrections are amendments beside it.
 */
export interface MeetingRecord {
  activityId: string
  state: RecordState
  host: string | null
  recorder: string | null
  topics: string[]
  decisions: string
  minutes: string
  /** Photo ids (`activity.photo` serves them). */
  photos: string[]
  absences: AbsenceNote[]
  /** Bumped by every write; a save names the version it read, so two editors cannot overwrite each other. */
  version: number
  updatedAt: string
  updatedBy: string | null
  submittedAt: string | null
  submittedBy: string | null
  reviewedAt: string | null
  reviewedBy: string | null
  /** The reviewer's comment, required when the record is sent back. */
  reviewComment: string | null
}

/** The value an amendment sets: text, a list of 议题, or one absentee's reason. */
export type AmendmentValue = string | string[] | AbsenceNote

/** A correction of a filed record (补充更正): append-only, like the ledger. */
export interface RecordAmendment {
  id: string
  activityId: string
  field: AmendableField
  value: AmendmentValue
  reason: string
  by: string
  at: string
}

export interface RollRow {
  memberId: string
  name: string
  partyStatus: PartyStatus
  partyGroupName: string | null
  /** Sits on the branch committee (counts for a 支委会's quorum). */
  committee: boolean
  status: 'present' | 'leave' | 'absent'
  checkedInAt: string | null
  method: CreditMethod | null
  /** Approved leave's reason (status `leave`). */
  leaveReason: string | null
  absence: AbsenceNote | null
}

export interface RollCount {
  full: number
  probationary: number
  total: number
}

/** Quorum where the rules set one (支部党员大会, 支委会). */
export interface Quorum {
  needed: number
  present: number
  met: boolean
  rule: string
}

/**
 * 应到 / 实到 / 请假 / 缺席 of a meeting: 应到 from the branch's (or 党小组's) roster on the day,
 * 实到 from the check-ins, 请假 from approved leave.
 */
export interface MeetingRoll {
  expected: RollCount
  present: RollCount
  leave: number
  absent: number
  /** Present / (expected − approved leave). */
  attendanceRate: number
  quorum: Quorum | null
  rows: RollRow[]
  /** Absentees without approved leave whose reason is not entered yet. */
  reasonsMissing: number
}

/** What the caller may do with a record now. */
export interface RecordPermissions {
  edit: boolean
  submit: boolean
  amend: boolean
  review: boolean
}

/** `activity.record`: a meeting, its record with amendments applied, its roll and what the caller may do. */
export interface MeetingRecordView {
  activity: Activity & { unitName: string; branchName: string; partyGroupName: string | null }
  /** The record as written (before amendments): what was filed. */
  filed: MeetingRecord
  /** The record with every amendment applied: what it says now. */
  record: MeetingRecord
  amendments: (RecordAmendment & { byName: string })[]
  roll: MeetingRoll
  leaves: LeaveView[]
  /** Held after the period it counts for had ended (补开); filed after it (补报). */
  heldLate: boolean
  filedLate: boolean
  /** What stops the record from being submitted, in the editor's words (empty: it may go). */
  problems: string[]
  may: RecordPermissions
  /** Names of who last saved, submitted and reviewed it. */
  names: { updatedBy: string | null; submittedBy: string | null; reviewedBy: string | null }
}

/** One meeting in a list: the branch page, the member's view, the review queue, the export. */
export interface MeetingSummary {
  activityId: string
  title: string
  type: MeetingType
  forPeriod: string
  startAt: string
  endAt: string
  status: ActivityStatus
  branchId: string
  branchName: string
  partyGroupName: string | null
  recordState: RecordState
  heldLate: boolean
  filedLate: boolean
  arrivals: number
}

/** A type's standing in its current period, for the branch page (a 党小组会 row per 党小组). */
export interface RhythmStatus {
  type: MeetingType
  rhythm: Rhythm
  partyGroupId: string | null
  partyGroupName: string | null
  period: string
  status: 'held' | 'due' | 'overdue'
  heldAt: string | null
  dueBy: string
  missed: string[]
}

/** `activity.branchOverview`: the secretary's branch page. */
export interface BranchOverview {
  branch: Branch & { unitName: string; memberCount: number }
  partyGroups: PartyGroup[]
  rhythm: RhythmStatus[]
  /** This year's meetings, newest first. */
  meetings: MeetingSummary[]
  pendingLeaves: LeaveView[]
  /** The branch's members now, for the secretary (正式/预备, 党小组, committee). */
  members: { id: string; name: string; partyStatus: PartyStatus; partyGroupId: string | null; partyGroupName: string | null; committee: boolean; roles: Role[] }[]
  may: { run: boolean; review: boolean }
}

/** `activity.branchMeetings`: a member's view of their branch's meetings. */
export interface MyBranchMeeting extends MeetingSummary {
  mine: 'present' | 'leave' | 'absent' | 'upcoming'
  leave: LeaveRequest | null
  /** May still ask for leave (before the start, none pending or approved). */
  mayRequestLeave: boolean
}
