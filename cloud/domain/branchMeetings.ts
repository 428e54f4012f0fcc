/**
 * Branch life (三会一课 and the other meetings a branch is judged on): the meeting types and the
 * rhythm each must keep, what a branch has held or owes in a period, quorum, leave and absence
 * reasons, and the filing of a meeting's record. Pure rules; the functions and stores that use them
 * come with branch meetings as activities.
 */
import { fail } from './errors'
import { parsePeriod, shiftPeriod, type Period } from './period'
import { periodKeys } from './time'

export const MEETING_TYPES = ['committee', 'groupMeeting', 'generalMeeting', 'partyLecture', 'themeDay', 'lifeMeeting', 'appraisal'] as const
export type MeetingType = (typeof MEETING_TYPES)[number]

export const MEETING_TYPE_LABEL: Record<MeetingType, string> = {
  committee: '支委会',
  groupMeeting: '党小组会',
  generalMeeting: '支部党员大会',
  partyLecture: '党课',
  themeDay: '主题党日',
  lifeMeeting: '组织生活会',
  appraisal: '民主评议党员',
}

/** How often a type must be held: once in every month, quarter or year (Shanghai calendar). */
export type Rhythm = 'month' | 'quarter' | 'year'

/**
 * The rhythm of the 支部工作条例 and common practice: 支委会, 党小组会 and 主题党日 monthly; 支部党员大会
 * and 党课 quarterly; 组织生活会 and 民主评议党员 yearly. A city may set its own (a policy version).
 */
export const DEFAULT_RHYTHM: Record<MeetingType, Rhythm> = {
  committee: 'month',
  groupMeeting: 'month',
  generalMeeting: 'quarter',
  partyLecture: 'quarter',
  themeDay: 'month',
  lifeMeeting: 'year',
  appraisal: 'year',
}

/** The period of a rhythm that contains `at`, e.g. `2026-11`, `2026-Q4`, `2026`. */
export function rhythmPeriod(rhythm: Rhythm, at: Date): Period {
  return parsePeriod(periodKeys(at)[rhythm], at)
}

/** A meeting as the rhythm sees it: its type, when it was held, and the period it was held for. */
export interface HeldMeeting {
  type: MeetingType
  heldAt: string
  /** The period it counts for (a meeting held late, 补开, counts for the period it makes up). */
  forPeriod: string
}

export interface RhythmRow {
  type: MeetingType
  rhythm: Rhythm
  /** The current period of this type's rhythm. */
  period: string
  /**
   * held: done for the current period; due: not yet, by `dueBy` (the period's end); overdue: not
   * yet, and the period before went without one too.
   */
  status: 'held' | 'due' | 'overdue'
  heldAt: string | null
  dueBy: string
  /** Ended periods of this year (tracked since `since`) that went without one: what 补开 would make up. */
  missed: string[]
}

/**
 * What a branch has held and still owes, type by type, at `now`. A period counts as missed only once
 * it has ended (a month that has just begun is due, never missed), and only if it ended after
 * `since` (when the branch's meetings began to be recorded here).
 */
export function rhythmOf(required: Partial<Record<MeetingType, Rhythm>>, held: HeldMeeting[], now: Date, since: string): RhythmRow[] {
  const rows: RhythmRow[] = []
  for (const type of MEETING_TYPES) {
    const rhythm = required[type]
    if (!rhythm) continue
    const current = rhythmPeriod(rhythm, now)
    const done = new Map<string, string>()
    for (const m of held) if (m.type === type && (!done.has(m.forPeriod) || m.heldAt < (done.get(m.forPeriod) ?? ''))) done.set(m.forPeriod, m.heldAt)
    const tracked = (key: string) => Date.parse(parsePeriod(key, now).end) > Date.parse(since)
    const missing = (key: string) => tracked(key) && !done.has(key)
    const missed: string[] = []
    for (let k = shiftPeriod(current.key, -1); k.startsWith(current.key.slice(0, 4)); k = shiftPeriod(k, -1)) if (missing(k)) missed.unshift(k)
    const heldAt = done.get(current.key) ?? null
    const status = heldAt ? 'held' : missing(shiftPeriod(current.key, -1)) ? 'overdue' : 'due'
    rows.push({ type, rhythm, period: current.key, status, heldAt, dueBy: current.end, missed })
  }
  return rows
}

/** Held after the period it counts for had ended: 补开. */
export const heldLate = (m: HeldMeeting): boolean => Date.parse(m.heldAt) >= Date.parse(parsePeriod(m.forPeriod, new Date(m.heldAt)).end)

// ---- quorum ----

export interface QuorumInput {
  type: MeetingType
  /** 应到 with a vote (正式党员); 预备党员 attend without one. */
  votingExpected: number
  votingPresent: number
  /** A 支委会: the committee's size and its members present. */
  committeeSize?: number
  committeePresent?: number
  /** A 支部党员大会 that elects (支部委员会 or delegates). */
  election?: boolean
}

export interface Quorum {
  /** Present needed (strictly more than the fraction). */
  needed: number
  present: number
  met: boolean
  rule: string
}

/** At least this many make "more than `num`/`den` of `of`". */
const moreThan = (of: number, num: number, den: number) => Math.floor((of * num) / den) + 1

/**
 * Quorum where the rules set one: a 支部党员大会 needs more than half of its voting members present,
 * more than four fifths when it elects; a 支委会 more than half of the committee. Other meetings: null.
 */
export function quorumOf(q: QuorumInput): Quorum | null {
  if (q.type === 'generalMeeting') {
    const [num, den, rule] = q.election ? [4, 5, '选举须有应到会有选举权党员五分之四以上到会'] : [1, 2, '须有半数以上有表决权的党员到会']
    const needed = moreThan(q.votingExpected, num, den)
    return { needed, present: q.votingPresent, met: q.votingPresent >= needed, rule: rule as string }
  }
  if (q.type === 'committee') {
    const size = q.committeeSize ?? 0
    const needed = moreThan(size, 1, 2)
    const present = q.committeePresent ?? 0
    return { needed, present, met: present >= needed, rule: '须有半数以上支部委员到会' }
  }
  return null
}

// ---- leave and absence ----

export const ABSENCE_REASONS = ['business', 'sick', 'personal', 'other'] as const
export type AbsenceReason = (typeof ABSENCE_REASONS)[number]
export const ABSENCE_REASON_LABEL: Record<AbsenceReason, string> = { business: '公出', sick: '病假', personal: '事假', other: '其他' }

/** Leave (请假) is asked before the meeting starts, with a reason. */
export function assertMayRequestLeave(meetingStartAt: string, now: Date): void {
  if (now.getTime() >= Date.parse(meetingStartAt)) fail('WINDOW_CLOSED', '会议已开始，不能再请假；缺席原因由支部书记会后登记')
}

/** Attendance rate of a meeting: approved leave is not an absence, so it leaves the denominator. */
export function attendanceRate(expected: number, present: number, approvedLeave: number): number {
  const counted = expected - approvedLeave
  return counted <= 0 ? 1 : Math.min(1, present / counted)
}

// ---- the record and its filing ----

export const RECORD_STATES = ['draft', 'submitted', 'returned', 'reviewed'] as const
export type RecordState = (typeof RECORD_STATES)[number]
export const RECORD_STATE_LABEL: Record<RecordState, string> = { draft: '未上报', submitted: '已上报', returned: '已退回', reviewed: '已审阅' }

export interface RecordDraft {
  host: string | null
  recorder: string | null
  topics: string[]
  minutes: string
}

/** The record can be edited while it is a draft or was sent back; once submitted, only amended. */
export function assertMayEditRecord(state: RecordState): void {
  if (state === 'submitted' || state === 'reviewed') fail('CONFLICT', '会议记录已上报，不能直接修改；请以“补充更正”说明修改内容和原因')
}

/** What stops a record from being submitted, in the words the editor shows (empty: it may go). */
export function submitProblems(r: RecordDraft): string[] {
  const problems: string[] = []
  if (!r.host?.trim()) problems.push('请填写主持人')
  if (!r.recorder?.trim()) problems.push('请填写记录人')
  if (!r.topics.some((t) => t.trim())) problems.push('请至少填写一项议题')
  if (!r.minutes.trim()) problems.push('请填写会议纪要')
  return problems
}

/** The filing moves a record may make, and who makes them. */
export function nextRecordState(state: RecordState, move: 'submit' | 'review' | 'return'): RecordState {
  if (move === 'submit' && (state === 'draft' || state === 'returned')) return 'submitted'
  if (move === 'review' && state === 'submitted') return 'reviewed'
  if (move === 'return' && state === 'submitted') return 'returned'
  return fail('CONFLICT', `会议记录${RECORD_STATE_LABEL[state]}，不能${move === 'submit' ? '上报' : move === 'review' ? '审阅' : '退回'}`)
}

/** Filed after the period it was held for had ended: 补报. */
export const filedLate = (forPeriod: string, submittedAt: string): boolean => Date.parse(submittedAt) >= Date.parse(parsePeriod(forPeriod, new Date(submittedAt)).end)
