/**
 * Shapes of branch life (三会一课 and the other meetings): leave, the meeting record and its filing,
 * the roll, and what the branch pages show. Times are ISO-8601 strings in UTC. `model.ts` re-exports them.
 */
import type { Activity, Branch, PartyGroup } from './model'
import type { AbsenceReason, ActivityStatus, AmendableField, CreditMethod, MeetingType, PartyStatus, RecordState, ReviewStatus, Rhythm, Role } from './vocabulary'


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
  /** The roll as it stood when the record was last submitted; null before (and on records filed before it was kept). */
  filedRoll: FiledRoll | null
}

/**
 * A filed meeting's roll, kept with its record: 应到, 实到 and 请假 as the branch filed them, and who
 * came out how. The rates and the upward report read it instead of recomputing every meeting's roll.
 */
export interface FiledRoll {
  expected: number
  present: number
  leave: number
  rows: { memberId: string; name: string; status: 'present' | 'leave' | 'absent' }[]
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
