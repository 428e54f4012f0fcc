/**
 * Branch life (三会一课 and the other meetings a branch is judged on): the meeting types and the
 * rhythm each must keep, what a branch has held or owes in a period, quorum, leave and absence
 * reasons, the roll of a meeting (应到/实到/请假/缺席), and the filing of its record with amendments.
 * Pure rules; `activity` and `checkin` actions apply them.
 */
import type { AbsenceNote, AmendmentValue, MeetingRecord, MeetingRoll, Quorum, RecordAmendment, RollRow } from '../contract/model'
import {
  ABSENCE_REASON_LABEL,
  ABSENCE_REASONS,
  MEETING_LEVEL,
  MEETING_TYPE_LABEL,
  MEETING_TYPES,
  RECORD_STATE_LABEL,
  RECORD_STATES,
  type AbsenceReason,
  type CreditMethod,
  type MeetingType,
  type OrgLevel,
  type PartyStatus,
  type RecordState,
  type Rhythm,
} from '../contract/vocabulary'
import { fail } from './errors'
import { parsePeriod, shiftPeriod } from './period'
import { periodKeys } from './time'

export { ABSENCE_REASON_LABEL, ABSENCE_REASONS, MEETING_TYPE_LABEL, MEETING_TYPES, RECORD_STATE_LABEL, RECORD_STATES }
export type { AbsenceReason, MeetingType, RecordState, Rhythm }

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

/** The rhythm each level must keep by default: a 党小组 its 党小组会, a branch everything else. */
export const DEFAULT_MEETING_RHYTHM: Record<OrgLevel, Partial<Record<MeetingType, Rhythm | null>>> = {
  branch: Object.fromEntries(MEETING_TYPES.filter((t) => MEETING_LEVEL[t] === 'branch').map((t) => [t, DEFAULT_RHYTHM[t]])),
  partyGroup: { groupMeeting: DEFAULT_RHYTHM.groupMeeting },
}

/** A period of a rhythm: its key and its UTC bounds. */
export interface RhythmPeriod {
  key: string
  start: string
  end: string
}

const HALF = /^(\d{4})-H([12])$/

/** The bounds of a rhythm period's key: `2026-11`, `2026-Q4`, `2026-H2` or `2026`. */
export function rhythmPeriodOf(key: string): RhythmPeriod {
  const half = HALF.exec(key)
  if (half) {
    const [first, last] = half[2] === '1' ? ['Q1', 'Q2'] : ['Q3', 'Q4']
    const now = new Date()
    return { key, start: parsePeriod(`${half[1]}-${first}`, now).start, end: parsePeriod(`${half[1]}-${last}`, now).end }
  }
  const p = parsePeriod(key, new Date())
  return { key, start: p.start, end: p.end }
}

/** The period of a rhythm that contains `at`, e.g. `2026-11`, `2026-Q4`, `2026-H2`, `2026`. */
export function rhythmPeriod(rhythm: Rhythm, at: Date): RhythmPeriod {
  const keys = periodKeys(at)
  if (rhythm === 'halfYear') return rhythmPeriodOf(`${keys.year}-H${Number(keys.quarter.slice(6)) <= 2 ? 1 : 2}`)
  return rhythmPeriodOf(keys[rhythm])
}

/** The period `delta` steps away from `key`, of the same rhythm. */
export function shiftRhythmPeriod(key: string, delta: number): string {
  const half = HALF.exec(key)
  if (!half) return shiftPeriod(key, delta)
  const index = Number(half[1]) * 2 + Number(half[2]) - 1 + delta
  return `${Math.floor(index / 2)}-H${(index % 2) + 1}`
}

/** The rhythm a key is written in (a bare year reads as `year`). */
export function rhythmOfKey(key: string): Rhythm {
  if (HALF.test(key)) return 'halfYear'
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter'
  if (/^\d{4}-\d{2}$/.test(key)) return 'month'
  return 'year'
}

/** The rhythm a meeting type keeps at its level under the policy; the default where the policy is silent. */
export function rhythmFor(policy: Record<OrgLevel, Partial<Record<MeetingType, Rhythm | null>>>, type: MeetingType): Rhythm {
  return policy[MEETING_LEVEL[type]][type] ?? DEFAULT_RHYTHM[type]
}

/**
 * The period a new meeting counts for: the period of its start in its type's rhythm, or an earlier
 * one of the same rhythm that it makes up (补开). Never a later one: a meeting cannot be held in advance.
 */
export function meetingPeriod(rhythm: Rhythm, startAt: string, requested: string | undefined): string {
  const own = rhythmPeriod(rhythm, new Date(startAt)).key
  if (!requested) return own
  if (rhythmOfKey(requested) !== rhythm)
    fail('BAD_INPUT', `该会议${({ month: '按月', quarter: '按季度', halfYear: '按半年', year: '按年' } as const)[rhythm]}召开，所属周期应写作 ${own}`, { field: 'forPeriod' })
  if (Date.parse(rhythmPeriodOf(requested).start) > Date.parse(rhythmPeriodOf(own).start))
    fail('BAD_INPUT', `会议所属周期不能晚于召开时间所在的 ${own}`, { field: 'forPeriod' })
  return requested
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
    for (const m of held) {
      if (m.type !== type) continue
      // Held under another rhythm (the policy changed since), it counts for today's period that holds
      // it: a 2026-Q1 lecture counts for 2026-H1 once the city asks half-yearly; a 补开 one, for the
      // first period of what it made up.
      const key = rhythmOfKey(m.forPeriod) === rhythm ? m.forPeriod : rhythmPeriod(rhythm, new Date(countedAt(m))).key
      if (!done.has(key) || m.heldAt < (done.get(key) ?? '')) done.set(key, m.heldAt)
    }
    const tracked = (key: string) => Date.parse(rhythmPeriodOf(key).end) > Date.parse(since)
    const missing = (key: string) => tracked(key) && !done.has(key)
    const missed: string[] = []
    for (let k = shiftRhythmPeriod(current.key, -1); k.startsWith(current.key.slice(0, 4)); k = shiftRhythmPeriod(k, -1)) if (missing(k)) missed.unshift(k)
    const heldAt = done.get(current.key) ?? null
    const status = heldAt ? 'held' : missing(shiftRhythmPeriod(current.key, -1)) ? 'overdue' : 'due'
    rows.push({ type, rhythm, period: current.key, status, heldAt, dueBy: current.end, missed })
  }
  return rows
}

/** When a meeting counts as held: its time, or the start of the period it made up when held after it. */
function countedAt(m: HeldMeeting): string {
  const p = rhythmPeriodOf(m.forPeriod)
  return m.heldAt >= p.start && m.heldAt < p.end ? m.heldAt : p.start
}

/** Held after the period it counts for had ended: 补开. */
export const heldLate = (m: Pick<HeldMeeting, 'heldAt' | 'forPeriod'>): boolean => Date.parse(m.heldAt) >= Date.parse(rhythmPeriodOf(m.forPeriod).end)

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

export type { Quorum }

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
export const filedLate = (forPeriod: string, submittedAt: string): boolean => Date.parse(submittedAt) >= Date.parse(rhythmPeriodOf(forPeriod).end)

/** A record nobody has written yet: the draft every meeting starts with. */
export function emptyRecord(activityId: string, now: string): MeetingRecord {
  return {
    activityId,
    state: 'draft',
    host: null,
    recorder: null,
    topics: [],
    decisions: '',
    minutes: '',
    photos: [],
    absences: [],
    version: 0,
    updatedAt: now,
    updatedBy: null,
    submittedAt: null,
    submittedBy: null,
    reviewedAt: null,
    reviewedBy: null,
    reviewComment: null,
  }
}

/** Check an amendment's value against its field before it is appended. */
export function assertAmendment(field: RecordAmendment['field'], value: AmendmentValue, roll: Pick<MeetingRoll, 'rows'>): void {
  const isText = typeof value === 'string'
  const isList = Array.isArray(value)
  const ok =
    field === 'topics' ? isList && value.some((t) => t.trim()) : field === 'absence' ? !isText && !isList : isText && (field === 'decisions' || value.trim() !== '')
  if (!ok) fail('BAD_INPUT', field === 'topics' ? '请至少填写一项议题' : field === 'absence' ? '请选择缺席的党员和原因' : '更正后的内容不能为空', { field: 'value' })
  if (field === 'absence') {
    const note = value as AbsenceNote
    if (!roll.rows.some((r) => r.memberId === note.memberId && r.status === 'absent')) fail('BAD_INPUT', '只能为缺席的党员登记缺席原因', { field: 'value' })
  }
  if ((field === 'host' || field === 'recorder') && (value as string).length > 20) fail('BAD_INPUT', '姓名不超过 20 字', { field: 'value' })
}

/** A filed record as it reads now: the filed fields with every amendment applied, in order. */
export function applyAmendments(filed: MeetingRecord, amendments: readonly Pick<RecordAmendment, 'field' | 'value' | 'at'>[]): MeetingRecord {
  const r: MeetingRecord = { ...filed, topics: [...filed.topics], absences: [...filed.absences] }
  for (const a of [...amendments].sort((x, y) => x.at.localeCompare(y.at))) {
    if (a.field === 'topics' && Array.isArray(a.value)) r.topics = a.value.filter((t) => t.trim())
    else if (a.field === 'absence' && typeof a.value === 'object' && !Array.isArray(a.value)) {
      const note = a.value
      r.absences = [...r.absences.filter((n) => n.memberId !== note.memberId), { memberId: note.memberId, reason: note.reason, note: note.note ?? null }]
    } else if (typeof a.value === 'string' && a.field !== 'topics' && a.field !== 'absence') r[a.field] = a.value
  }
  return r
}

/** A member as the roll sees them on the day of the meeting. */
export interface RollMember {
  id: string
  name: string
  partyStatus: PartyStatus
  partyGroupName: string | null
  /** Holds a role on the branch committee. */
  committee: boolean
}

export interface RollInput {
  type: MeetingType
  election: boolean
  /** The branch's (or 党小组's) roster on the day of the meeting. */
  roster: RollMember[]
  /** Counted check-ins (reversed ones left out) by member. */
  checkIns: { memberId: string; checkedInAt: string; method: CreditMethod }[]
  approvedLeave: { memberId: string; reason: string }[]
  absences: AbsenceNote[]
}

const count = (rows: RollRow[]) => ({
  full: rows.filter((r) => r.partyStatus === 'full').length,
  probationary: rows.filter((r) => r.partyStatus === 'probationary').length,
  total: rows.length,
})

/**
 * Who a meeting type is for among the branch's (or 党小组's) members: a 支委会 is the committee's
 * meeting (others may sit in, 列席, without counting); every other type is the whole roster's.
 */
export const expectedAt = (type: MeetingType, onCommittee: boolean): boolean => type !== 'committee' || onCommittee

/**
 * 应到 / 实到 / 请假 / 缺席 of a meeting. 应到 is the roster on the day (for a 支委会, its committee); someone who checked in is
 * present even with leave approved; approved leave is not an absence, in the rate or anywhere; a
 * check-in by someone not on the roster on the day (a visitor, someone moved since) is not counted.
 */
export function meetingRoll(input: RollInput): MeetingRoll {
  const roster = input.roster.filter((m) => expectedAt(input.type, m.committee))
  const arrived = new Map(input.checkIns.map((c) => [c.memberId, c]))
  const leave = new Map(input.approvedLeave.map((l) => [l.memberId, l.reason]))
  const notes = new Map(input.absences.map((n) => [n.memberId, n]))
  const rows: RollRow[] = roster.map((m) => {
    const came = arrived.get(m.id)
    const status: RollRow['status'] = came ? 'present' : leave.has(m.id) ? 'leave' : 'absent'
    return {
      memberId: m.id,
      name: m.name,
      partyStatus: m.partyStatus,
      partyGroupName: m.partyGroupName,
      committee: m.committee,
      status,
      checkedInAt: came?.checkedInAt ?? null,
      method: came?.method ?? null,
      leaveReason: status === 'leave' ? (leave.get(m.id) ?? null) : null,
      absence: status === 'absent' ? (notes.get(m.id) ?? null) : null,
    }
  })
  const present = rows.filter((r) => r.status === 'present')
  const onLeave = rows.filter((r) => r.status === 'leave').length
  const absent = rows.filter((r) => r.status === 'absent')
  const expected = count(rows)
  const presentCount = count(present)
  const committee = rows.filter((r) => r.committee)
  const quorum: Quorum | null = quorumOf({
    type: input.type,
    election: input.election,
    votingExpected: expected.full,
    votingPresent: presentCount.full,
    committeeSize: committee.length,
    committeePresent: committee.filter((r) => r.status === 'present').length,
  })
  return {
    expected,
    present: presentCount,
    leave: onLeave,
    absent: absent.length,
    attendanceRate: attendanceRate(expected.total, presentCount.total, onLeave),
    quorum,
    rows,
    reasonsMissing: absent.filter((r) => !r.absence).length,
  }
}

/** What stops a record from being submitted: its fields, and every absentee's reason once the meeting has ended. */
export function recordProblems(r: RecordDraft, roll: Pick<MeetingRoll, 'reasonsMissing'>, meetingEnded: boolean): string[] {
  const problems = submitProblems(r)
  if (!meetingEnded) problems.unshift('会议结束后才能上报记录')
  if (roll.reasonsMissing > 0) problems.push(`还有 ${roll.reasonsMissing} 名缺席党员未登记缺席原因`)
  return problems
}
