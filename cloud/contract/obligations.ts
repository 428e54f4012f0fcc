/**
 * Shapes of the obligations engine (全覆盖 targets and 记实建档): a target, what it asks of whom, the
 * records that meet it (民主生活会, checklist scores, 述职 reports), and what the dashboards and the
 * upward report show. Times are ISO-8601 strings in UTC; days are Shanghai `YYYY-MM-DD`.
 * `model.ts` re-exports them.
 */
import type {
  AppraisalGrade,
  BranchGrade,
  CadreRank,
  DutyLevel,
  MeetingType,
  ObligationStatus,
  Rhythm,
  TargetKind,
} from './vocabulary'

/** What a target asks, per kind; every field optional, with the kind's default. */
export interface TargetParams {
  /** youthGroup: the age limit (default: the policy's youthAgeLimit). */
  ageLimit?: number
  /**
   * youthGroup: the day of the month by which its session must be held for the month to count as
   * met once that day has passed; none: a month counts as missed only once it has ended.
   */
  monthDeadlineDay?: number
  /** meetingRhythm: the meeting types watched (default: every type the policy requires). */
  meetingTypes?: MeetingType[]
  /** training: the lowest cadre rank it reaches (default 县处级). */
  minRank?: CadreRank
  /** standardBranch: the grade every branch must reach (default 标准党支部). */
  minGrade?: BranchGrade
  /** standardBranch: how many branches of 样板 or better each unit needs (default 1). */
  modelsPerUnit?: number
  /** dutyReport: whose reports (default both 机关党委书记 and 党支部书记). */
  levels?: DutyLevel[]
}

/**
 * A target of the plan: a population (the kind's, narrowed to `unitIds`), a requirement (the kind's,
 * tuned by `params`), a period (`rhythm`: it recurs each month, quarter, half year or year) and a
 * deadline (each period's end, or a fixed day for a one-off campaign).
 */
export interface Target {
  id: string
  kind: TargetKind
  name: string
  /** The plan's wording or the basis of the target, shown under its name. */
  description: string
  rhythm: Rhythm
  /** A fixed last day (`YYYY-MM-DD`, Shanghai, inclusive) for a one-off campaign; null: each period's end. */
  deadline: string | null
  /** The units it applies to; null: every unit. */
  unitIds: string[] | null
  params: TargetParams
  active: boolean
  /** One of the plan's own targets (it can be tuned and switched off, never removed). */
  builtIn: boolean
  updatedAt: string | null
  updatedBy: string | null
}

/** What backs a met item, or a record that may meet one: a meeting, a file, a record. */
export interface Evidence {
  kind: 'meeting' | 'file' | 'democraticMeeting' | 'branchScore' | 'dutyReport' | 'checkIn'
  /** The activity, evidence file or record id. */
  id: string
  label: string
}

/** Who or what owes an item. */
export interface ObligationSubject {
  kind: 'member' | 'branch' | 'partyGroup' | 'unit'
  id: string
  name: string
}

/**
 * met; pending: under way and waiting on someone else (a record written but not filed, a 述职 not yet
 * appraised, a 民主生活会 held without a 工委 attendee); open: not yet, its deadline ahead; overdue:
 * its deadline passed unmet.
 */
export type ItemState = 'met' | 'pending' | 'open' | 'overdue'

/**
 * One thing a target asks of one subject: a youth's membership of a group that meets, a branch's
 * 支委会 for 2026-11, a cadre's training, a unit's 民主生活会…
 */
export interface ObligationItem {
  /** What is owed, in words: `2026-11 支委会`, `轮训`, `2026 年度述职`. */
  what: string
  unitId: string
  /** The branch it belongs to (branch items, and members' branches); null for a unit's own items. */
  branchId: string | null
  subject: ObligationSubject
  state: ItemState
  /** The start of the period it is owed for. */
  from: string
  dueBy: string
  metAt: string | null
  /** Met after its deadline, or by a meeting held or filed late (补开, 补报). */
  late: boolean
  /** Why it is not met, or how it was met late: `未编入青年理论学习小组`, `2026-10 未开展学习`, `记录未上报`. */
  note: string | null
  evidence: Evidence[]
}

/** A target's standing for one unit or branch. */
export interface ObligationCell {
  required: number
  met: number
  pending: number
  open: number
  /** Open items in the last stretch before their deadline (the last quarter of their period, at least 7 days). */
  atRisk: number
  overdue: number
  /** met / required; 1 when nothing is required. */
  rate: number
  status: ObligationStatus
  /** The earliest deadline among unmet items; null when all are met. */
  nextDue: string | null
}

/** A row of the matrix: a unit (the city's page) or a branch (a unit's page), a cell per target. */
export interface ObligationRow {
  id: string
  name: string
  unitId: string
  cells: Record<string, ObligationCell>
  /** The branch-life rates of this unit or branch over the period. */
  rates: MeetingRates
}

export interface TargetStanding {
  target: Target
  /** The target over every row: items summed. */
  total: ObligationCell
  green: number
  amber: number
  red: number
}

export interface ObligationsResult {
  period: string
  /** Units × targets for the city, or branches × targets of `unitId`. */
  level: 'unit' | 'branch'
  unitId: string | null
  unitName: string | null
  targets: TargetStanding[]
  rows: ObligationRow[]
  /** The rates over every row. */
  rates: MeetingRates
  /** With `targetId` and `scopeId`: that cell's items, unmet first. */
  detail: ObligationDetail | null
  computedAt: string
}

export interface ObligationDetail {
  targetId: string
  scopeId: string
  scopeName: string
  cell: ObligationCell
  items: ObligationItem[]
  /** True where unmet names were left out: the caller does not administer this unit or run this branch. */
  namesWithheld: boolean
}

/**
 * The rates a higher level asks for, over the meetings a unit or branch was required to hold in a
 * period: 规范执行率 (required meetings held on time with the record filed on time), 出席率
 * (present / (expected − approved leave)), 补开补报率 (meetings held or filed late, of those held)
 * and 逾期率 (required meetings still not held after their period ended).
 */
export interface MeetingRates {
  /** Required meeting periods that have ended. */
  required: number
  onTime: number
  held: number
  late: number
  overdue: number
  expected: number
  leave: number
  present: number
  compliance: number
  attendance: number
  lateRate: number
  overdueRate: number
}

/** One month of a target's trend: the city's (or a unit's) share met and its units' lights, as that month ended. */
export interface TrendPoint {
  month: string
  rate: number
  green: number
  amber: number
  red: number
}

export interface ObligationTrend {
  year: string
  unitId: string | null
  targets: { targetId: string; name: string; points: TrendPoint[] }[]
}

/** A 民主生活会 of a unit's leadership team, with the 工委 comrade who attended (列席). */
export interface DemocraticMeeting {
  id: string
  unitId: string
  heldAt: string
  /** The period it counts for (a year, e.g. `2026`). */
  forPeriod: string
  topic: string
  /** The 工委 attendee's name and post; empty: nobody from the 工委 attended. */
  attendeeName: string | null
  attendeePost: string | null
  evidence: string[]
  recordedBy: string
  recordedAt: string
}

/** A criterion of the standard-branch checklist, with the most it can score. */
export interface Criterion {
  id: string
  text: string
  maxScore: number
}

/** The city's checklist and the share of the full score each grade needs. */
export interface Checklist {
  criteria: Criterion[]
  /** 0..1 of the full score: 标准 from `standard`, 样板 from `model`, 示范 from `exemplary`. */
  thresholds: { standard: number; model: number; exemplary: number }
  updatedAt: string | null
  updatedBy: string | null
}

export interface CriterionScore {
  criterionId: string
  score: number
  note: string | null
  /** Evidence file ids. */
  evidence: string[]
}

/** A branch scored on the checklist for a year. */
export interface BranchScore {
  branchId: string
  unitId: string
  year: string
  scores: CriterionScore[]
  total: number
  maxTotal: number
  grade: BranchGrade
  scoredBy: string
  scoredAt: string
}

/** A secretary's 述职 for a year, and its appraisal (评议) by the level above. */
export interface DutyReport {
  id: string
  level: DutyLevel
  /** The unit (机关党委书记) or branch (党支部书记) whose secretary reports. */
  subjectId: string
  unitId: string
  year: string
  reporterName: string
  text: string
  evidence: string[]
  submittedBy: string
  submittedAt: string
  grade: AppraisalGrade | null
  comment: string | null
  appraisedBy: string | null
  appraisedAt: string | null
}

/** An evidence file as stored (the bytes travel separately). */
export interface EvidenceFile {
  id: string
  /** The unit whose record it backs: who may see that unit's records may read it. */
  unitId: string
  mime: string
  name: string
  size: number
  uploadedBy: string
  uploadedAt: string
}

/** The upward report's summary (记实建档), as the printable page and the workbook's first sheet show it. */
export interface ReportSummary {
  period: string
  scopeName: string
  unitId: string | null
  targets: { targetId: string; name: string; kind: TargetKind; required: number; met: number; rate: number; status: ObligationStatus; green: number; amber: number; red: number }[]
  rates: MeetingRates
  /** Every overdue item, with the unit and branch names. */
  overdue: (ObligationItem & { targetName: string; unitName: string; branchName: string | null })[]
  computedAt: string
}
