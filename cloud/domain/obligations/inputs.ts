/**
 * What the evaluators read, as the store hands it over: the organisation and, per requirement kind,
 * the records that meet it. Every record carries its time, and an evaluator ignores what happened
 * after its `now`, so the same data evaluated at each month's end gives the trend.
 */
import type { BranchScore, Checklist, DemocraticMeeting, DutyReport } from '../../contract/obligations'
import type { CadreRank, MeetingType, RecordState } from '../../contract/vocabulary'
import type { MeetingRhythm } from '../policy'

/** Units, branches and 党小组 in use (merged ones left out), with the branches' secretaries. */
export interface ObligationOrg {
  units: { id: string; name: string }[]
  branches: { id: string; name: string; unitId: string; createdAt: string | null }[]
  partyGroups: { id: string; name: string; branchId: string }[]
  /** Branch id → its secretary's name (支部书记), where one is appointed. */
  secretaries: Map<string, string>
}

/** youthGroup: active members with a birth date, their youth groups and when each group met. */
export interface YouthGroupInput {
  members: { id: string; name: string; unitId: string; branchId: string | null; youthGroupId: string | null; birthDate: string | null }[]
  groups: { id: string; name: string; unitIds: string[] }[]
  /** Group id → month (`YYYY-MM`) → its first session that month someone attended (ISO). */
  sessions: Map<string, Map<string, string>>
  /** The policy's youth age limit, used where the target sets none. */
  policyAgeLimit: number
}

/** A published branch meeting that has started, with its record's filing. */
export interface RhythmMeeting {
  activityId: string
  title: string
  unitId: string
  branchId: string
  /** The 党小组 a 党小组会 is for; null for branch meetings. */
  partyGroupId: string | null
  type: MeetingType
  forPeriod: string
  startAt: string
  recordState: RecordState
  submittedAt: string | null
  /** 应到 / 实到 / 请假 as filed with the record; null when not filed (or filed before rolls were kept). */
  tally: { expected: number; present: number; leave: number } | null
}

export interface MeetingRhythmInput {
  /** What the policy requires of each level. */
  rhythm: MeetingRhythm
  meetings: RhythmMeeting[]
}

export interface TrainingInput {
  /** Active members with a cadre rank. */
  cadres: { id: string; name: string; unitId: string; branchId: string | null; cadreRank: CadreRank }[]
  /** Member id → their first counted attendance of an activity that serves the target (a make-up counts). */
  attended: Map<string, { at: string; activityId: string; title: string }>
}

export interface DemocraticMeetingInput {
  meetings: DemocraticMeeting[]
}

export interface StandardBranchInput {
  checklist: Checklist
  scores: BranchScore[]
}

export interface DutyReportInput {
  reports: DutyReport[]
}
