/**
 * Branch life (三会一课 and the other meetings a branch is judged on): quorum, leave and absence
 * reasons, the roll of a meeting (应到/实到/请假/缺席), and the filing of its record with amendments.
 * The rhythm meetings keep is in meetingRhythm.ts. Pure rules; `activity` and `checkin` actions apply them.
 */
import type { AbsenceNote, AmendmentValue, FiledRoll, MeetingRecord, MeetingRoll, Quorum, RecordAmendment, RollRow } from '../contract/model'
import { RECORD_STATE_LABEL, type CreditMethod, type MeetingType, type PartyStatus, type RecordState } from '../contract/vocabulary'
import { fail } from './errors'
import { rhythmPeriodOf } from './meetingRhythm'

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
    filedRoll: null,
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

/** The roll kept with a record as it is submitted: its counts and who came out how, nothing more. */
export function filedRollOf(roll: MeetingRoll): FiledRoll {
  return {
    expected: roll.expected.total,
    present: roll.present.total,
    leave: roll.leave,
    rows: roll.rows.map((r) => ({ memberId: r.memberId, name: r.name, status: r.status })),
  }
}

/** What stops a record from being submitted: its fields, and every absentee's reason once the meeting has ended. */
export function recordProblems(r: RecordDraft, roll: Pick<MeetingRoll, 'reasonsMissing'>, meetingEnded: boolean): string[] {
  const problems = submitProblems(r)
  if (!meetingEnded) problems.unshift('会议结束后才能上报记录')
  if (roll.reasonsMissing > 0) problems.push(`还有 ${roll.reasonsMissing} 名缺席党员未登记缺席原因`)
  return problems
}
