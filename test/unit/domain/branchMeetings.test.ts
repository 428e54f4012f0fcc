import type { RollRow } from '../../../cloud/contract/model'
import {
  DEFAULT_MEETING_RHYTHM,
  DEFAULT_RHYTHM,
  applyAmendments,
  assertAmendment,
  emptyRecord,
  expectedAt,
  meetingPeriod,
  meetingRoll,
  recordProblems,
  rhythmFor,
  rhythmOfKey,
  rhythmPeriod,
  shiftRhythmPeriod,
  type RollMember,
  assertMayEditRecord,
  assertMayRequestLeave,
  attendanceRate,
  filedLate,
  heldLate,
  nextRecordState,
  quorumOf,
  rhythmOf,
  submitProblems,
  type HeldMeeting,
} from '../../../cloud/domain/branchMeetings'
import { domainErrorOf } from '../../helpers/domain'

/** Shanghai local time → UTC ISO. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString()
const SINCE = sh('2026-01-01 00:00')

describe('the rhythm a branch keeps', () => {
  const held: HeldMeeting[] = [
    { type: 'committee', heldAt: sh('2026-09-10 15:00'), forPeriod: '2026-09' },
    { type: 'committee', heldAt: sh('2026-11-05 15:00'), forPeriod: '2026-11' },
    { type: 'generalMeeting', heldAt: sh('2026-08-20 15:00'), forPeriod: '2026-Q3' },
    { type: 'lifeMeeting', heldAt: sh('2026-01-25 15:00'), forPeriod: '2026' },
  ]
  const row = (type: string, now: string, since = sh('2026-09-01 00:00')) => rhythmOf(DEFAULT_RHYTHM, held, new Date(sh(now)), since).find((r) => r.type === type)

  it('says held, with when, for a type done in the current period', () => {
    expect(row('committee', '2026-11-20 10:00')).toMatchObject({ period: '2026-11', status: 'held', heldAt: sh('2026-11-05 15:00') })
    expect(row('lifeMeeting', '2026-11-20 10:00')).toMatchObject({ period: '2026', status: 'held' })
  })

  it('counts a month as missed only once it has ended: on the 2nd of a month the month is due, not missed', () => {
    const early = row('committee', '2026-12-02 09:00')
    expect(early).toMatchObject({ period: '2026-12', status: 'due', dueBy: sh('2027-01-01 00:00') })
    expect(early?.missed).toEqual(['2026-10'])
  })

  it('is overdue when the period before went without one, and lists the ended periods missed this year', () => {
    const late = row('committee', '2026-10-15 09:00')
    expect(late).toMatchObject({ status: 'due', missed: [] })
    const dec = rhythmOf(DEFAULT_RHYTHM, held.filter((m) => m.forPeriod !== '2026-11'), new Date(sh('2026-12-02 09:00')), sh('2026-09-01 00:00')).find((r) => r.type === 'committee')
    expect(dec).toMatchObject({ status: 'overdue', missed: ['2026-10', '2026-11'] })
  })

  it('does not blame periods before the branch was recorded here', () => {
    expect(row('themeDay', '2026-11-20 10:00', sh('2026-11-01 00:00'))).toMatchObject({ status: 'due', missed: [] })
    expect(row('themeDay', '2026-11-20 10:00', SINCE)?.missed).toHaveLength(10)
  })

  it('keeps each type to its own rhythm: quarters for 支部党员大会 and 党课, years for 民主评议党员', () => {
    expect(row('generalMeeting', '2026-11-20 10:00')).toMatchObject({ period: '2026-Q4', status: 'due', missed: [] })
    expect(row('partyLecture', '2026-11-20 10:00')).toMatchObject({ period: '2026-Q4', status: 'overdue', missed: ['2026-Q3'] })
    expect(row('appraisal', '2026-11-20 10:00')).toMatchObject({ period: '2026', status: 'due', missed: [] })
  })

  it('counts a meeting for the period it makes up, and calls one held after that period 补开', () => {
    const makeUp: HeldMeeting = { type: 'committee', heldAt: sh('2026-11-03 15:00'), forPeriod: '2026-10' }
    expect(heldLate(makeUp)).toBe(true)
    expect(heldLate(held[1])).toBe(false)
    expect(rhythmOf({ committee: 'month' }, [...held, makeUp], new Date(sh('2026-11-20 10:00')), sh('2026-09-01 00:00'))[0].missed).toEqual([])
  })

  it('leaves out types a branch is not asked to hold', () => {
    expect(rhythmOf({ committee: 'month' }, held, new Date(sh('2026-11-20 10:00')), SINCE).map((r) => r.type)).toEqual(['committee'])
  })
})

describe('quorum', () => {
  it('a 支部党员大会 needs more than half of its voting members, an election more than four fifths', () => {
    expect(quorumOf({ type: 'generalMeeting', votingExpected: 20, votingPresent: 10 })).toMatchObject({ needed: 11, met: false })
    expect(quorumOf({ type: 'generalMeeting', votingExpected: 20, votingPresent: 11 })).toMatchObject({ needed: 11, met: true })
    expect(quorumOf({ type: 'generalMeeting', votingExpected: 21, votingPresent: 11 })).toMatchObject({ needed: 11, met: true })
    expect(quorumOf({ type: 'generalMeeting', votingExpected: 20, votingPresent: 16, election: true })).toMatchObject({ needed: 17, met: false })
    expect(quorumOf({ type: 'generalMeeting', votingExpected: 20, votingPresent: 17, election: true })?.rule).toMatch(/五分之四/)
  })

  it('a 支委会 needs more than half of the committee; other meetings have none', () => {
    expect(quorumOf({ type: 'committee', votingExpected: 30, votingPresent: 3, committeeSize: 5, committeePresent: 3 })).toMatchObject({ needed: 3, met: true })
    expect(quorumOf({ type: 'committee', votingExpected: 30, votingPresent: 2, committeeSize: 5, committeePresent: 2 })).toMatchObject({ met: false })
    expect(quorumOf({ type: 'partyLecture', votingExpected: 30, votingPresent: 1 })).toBeNull()
  })
})

describe('leave and attendance', () => {
  it('leave is asked before the meeting starts', () => {
    expect(() => assertMayRequestLeave(sh('2026-11-20 15:00'), new Date(sh('2026-11-20 14:59')))).not.toThrow()
    expect(domainErrorOf(() => assertMayRequestLeave(sh('2026-11-20 15:00'), new Date(sh('2026-11-20 15:00'))))).toMatchObject({ code: 'WINDOW_CLOSED', message: expect.stringContaining('缺席原因') })
  })

  it('approved leave is not an absence in the rate', () => {
    expect(attendanceRate(20, 15, 5)).toBe(1)
    expect(attendanceRate(20, 15, 0)).toBe(0.75)
    expect(attendanceRate(3, 0, 3)).toBe(1)
  })
})

describe('the record and its filing', () => {
  const full = { host: '王芳', recorder: '李强', topics: ['学习党的二十届四中全会精神'], minutes: '会议传达学习了……' }

  it('says what is missing before a record may be submitted', () => {
    expect(submitProblems(full)).toEqual([])
    expect(submitProblems({ host: ' ', recorder: null, topics: ['  '], minutes: '' })).toEqual(['请填写主持人', '请填写记录人', '请至少填写一项议题', '请填写会议纪要'])
  })

  it('moves draft → submitted → reviewed, or back for changes; nothing else', () => {
    expect(nextRecordState('draft', 'submit')).toBe('submitted')
    expect(nextRecordState('submitted', 'return')).toBe('returned')
    expect(nextRecordState('returned', 'submit')).toBe('submitted')
    expect(nextRecordState('submitted', 'review')).toBe('reviewed')
    expect(domainErrorOf(() => nextRecordState('reviewed', 'submit'))).toMatchObject({ code: 'CONFLICT', message: '会议记录已审阅，不能上报' })
    expect(domainErrorOf(() => nextRecordState('draft', 'review'))).toMatchObject({ code: 'CONFLICT' })
  })

  it('locks a submitted record: changes become amendments', () => {
    expect(() => assertMayEditRecord('draft')).not.toThrow()
    expect(() => assertMayEditRecord('returned')).not.toThrow()
    expect(domainErrorOf(() => assertMayEditRecord('submitted'))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('补充更正') })
    expect(domainErrorOf(() => assertMayEditRecord('reviewed'))).toMatchObject({ code: 'CONFLICT' })
  })

  it('calls a record filed after its period ended 补报', () => {
    expect(filedLate('2026-10', sh('2026-10-31 23:59'))).toBe(false)
    expect(filedLate('2026-10', sh('2026-11-01 00:00'))).toBe(true)
    expect(filedLate('2026-Q3', sh('2026-09-30 18:00'))).toBe(false)
  })
})

describe('half-year rhythms and the period a meeting counts for', () => {
  it('knows half years: 2026-H1 is January to June, H2 July to December, and steps across years', () => {
    expect(rhythmPeriod('halfYear', new Date(sh('2026-06-30 23:59')))).toMatchObject({ key: '2026-H1', start: sh('2026-01-01 00:00'), end: sh('2026-07-01 00:00') })
    expect(rhythmPeriod('halfYear', new Date(sh('2026-07-01 00:00'))).key).toBe('2026-H2')
    expect(shiftRhythmPeriod('2026-H1', -1)).toBe('2025-H2')
    expect(shiftRhythmPeriod('2026-H2', 1)).toBe('2027-H1')
    expect(shiftRhythmPeriod('2026-Q1', -1)).toBe('2025-Q4')
    expect(rhythmOfKey('2026-H2')).toBe('halfYear')
    expect(rhythmOfKey('2026-Q2')).toBe('quarter')
    expect(rhythmOfKey('2026-02')).toBe('month')
    expect(rhythmOfKey('2026')).toBe('year')
  })

  it('a city that asks 党课 twice a year sees the half year as due, and the first half as missed once it has ended', () => {
    const rows = rhythmOf({ partyLecture: 'halfYear' }, [], new Date(sh('2026-11-20 10:00')), SINCE)
    expect(rows).toEqual([
      expect.objectContaining({ type: 'partyLecture', rhythm: 'halfYear', period: '2026-H2', status: 'overdue', missed: ['2026-H1'], dueBy: sh('2027-01-01 00:00') }),
    ])
  })

  it('keeps counting meetings held under an earlier rhythm once the policy changes it', () => {
    const lectures: HeldMeeting[] = [
      { type: 'partyLecture', heldAt: sh('2026-03-20 15:00'), forPeriod: '2026-Q1' },
      { type: 'partyLecture', heldAt: sh('2026-09-20 15:00'), forPeriod: '2026-Q3' },
    ]
    const [row] = rhythmOf({ partyLecture: 'halfYear' }, lectures, new Date(sh('2026-11-20 10:00')), SINCE)
    expect(row).toMatchObject({ period: '2026-H2', status: 'held', heldAt: sh('2026-09-20 15:00'), missed: [] })
    const [monthly] = rhythmOf({ partyLecture: 'month' }, lectures, new Date(sh('2026-04-10 10:00')), SINCE)
    // Under a monthly rhythm the Q1 lecture counts for March, when it was held.
    expect(monthly.missed).toEqual(['2026-01', '2026-02'])
    // A 补开 for an earlier quarter counts for that quarter's first month.
    const madeUp: HeldMeeting = { type: 'partyLecture', heldAt: sh('2026-04-02 15:00'), forPeriod: '2026-Q1' }
    expect(rhythmOf({ partyLecture: 'month' }, [madeUp], new Date(sh('2026-04-10 10:00')), SINCE)[0].missed).toEqual(['2026-02', '2026-03'])
  })

  it('counts a meeting for the period of its start, or an earlier one it makes up (补开), never a later one', () => {
    expect(meetingPeriod('month', sh('2026-11-05 15:00'), undefined)).toBe('2026-11')
    expect(meetingPeriod('quarter', sh('2026-11-05 15:00'), undefined)).toBe('2026-Q4')
    expect(meetingPeriod('month', sh('2026-11-05 15:00'), '2026-10')).toBe('2026-10')
    expect(domainErrorOf(() => meetingPeriod('month', sh('2026-11-05 15:00'), '2026-12'))).toMatchObject({ code: 'BAD_INPUT', details: { field: 'forPeriod' } })
    expect(domainErrorOf(() => meetingPeriod('month', sh('2026-11-05 15:00'), '2026-Q3')).message).toContain('2026-11')
  })

  it('takes each type’s rhythm from the policy at its level, the default where the policy is silent', () => {
    const policy = { branch: { partyLecture: 'halfYear' as const, committee: null }, partyGroup: {} }
    expect(rhythmFor(policy, 'partyLecture')).toBe('halfYear')
    expect(rhythmFor(policy, 'committee')).toBe('month')
    expect(rhythmFor(policy, 'groupMeeting')).toBe('month')
    expect(DEFAULT_MEETING_RHYTHM.partyGroup).toEqual({ groupMeeting: 'month' })
    expect(DEFAULT_MEETING_RHYTHM.branch.groupMeeting).toBeUndefined()
  })
})

describe('the roll of a meeting', () => {
  const m = (id: string, over: Partial<RollMember> = {}): RollMember => ({ id, name: `党员${id}`, partyStatus: 'full', partyGroupName: null, committee: false, ...over })
  const roster = [
    m('a', { committee: true }),
    m('b', { committee: true }),
    m('c', { committee: true }),
    m('d'),
    m('e'),
    m('f', { partyStatus: 'probationary' }),
    m('g', { partyStatus: 'probationary' }),
  ]
  const checkIn = (memberId: string) => ({ memberId, checkedInAt: sh('2026-11-20 14:55'), method: 'qr' as const })

  it('counts 应到 and 实到 with 正式 and 预备 apart; approved leave is neither present nor absent', () => {
    const roll = meetingRoll({
      type: 'generalMeeting',
      election: false,
      roster,
      checkIns: ['a', 'b', 'f'].map(checkIn),
      approvedLeave: [{ memberId: 'd', reason: '外出培训' }],
      absences: [{ memberId: 'e', reason: 'sick', note: null }],
    })
    expect(roll.expected).toEqual({ full: 5, probationary: 2, total: 7 })
    expect(roll.present).toEqual({ full: 2, probationary: 1, total: 3 })
    expect(roll.leave).toBe(1)
    expect(roll.absent).toBe(3)
    expect(roll.attendanceRate).toBeCloseTo(3 / 6)
    expect(roll.rows.find((r) => r.memberId === 'd')).toMatchObject({ status: 'leave', leaveReason: '外出培训', absence: null })
    expect(roll.rows.find((r) => r.memberId === 'e')).toMatchObject({ status: 'absent', absence: { reason: 'sick' } })
    // c and g are absent with no reason yet.
    expect(roll.reasonsMissing).toBe(2)
  })

  it('checks a 支部党员大会 quorum on the voting (正式) members only', () => {
    const roll = meetingRoll({ type: 'generalMeeting', election: false, roster, checkIns: ['a', 'b', 'f', 'g'].map(checkIn), approvedLeave: [], absences: [] })
    // 5 voting members: 3 needed; 预备党员 present do not count.
    expect(roll.quorum).toMatchObject({ needed: 3, present: 2, met: false })
    const enough = meetingRoll({ type: 'generalMeeting', election: false, roster, checkIns: ['a', 'b', 'd'].map(checkIn), approvedLeave: [], absences: [] })
    expect(enough.quorum).toMatchObject({ needed: 3, present: 3, met: true })
  })

  it('expects only the committee at a 支委会, checks its quorum on them, and leaves those sitting in (列席) out of the count', () => {
    const roll = meetingRoll({ type: 'committee', election: false, roster, checkIns: ['a', 'b', 'd', 'e'].map(checkIn), approvedLeave: [], absences: [] })
    expect(roll.expected).toEqual({ full: 3, probationary: 0, total: 3 })
    expect(roll.rows.map((r) => [r.memberId, r.status])).toEqual([
      ['a', 'present'],
      ['b', 'present'],
      ['c', 'absent'],
    ])
    expect(roll.quorum).toMatchObject({ needed: 2, present: 2, met: true })
    expect(expectedAt('committee', false)).toBe(false)
    expect(expectedAt('generalMeeting', false)).toBe(true)
  })

  it('counts someone who came despite approved leave as present, and ignores check-ins of people not on the day’s roster', () => {
    const roll = meetingRoll({ type: 'partyLecture', election: false, roster, checkIns: ['a', 'x'].map(checkIn), approvedLeave: [{ memberId: 'a', reason: '出差' }], absences: [] })
    expect(roll.rows.find((r) => r.memberId === 'a')?.status).toBe('present')
    expect(roll.present.total).toBe(1)
    expect(roll.rows.some((r) => r.memberId === 'x')).toBe(false)
    expect(roll.quorum).toBeNull()
  })

  it('will not let a record go while the meeting runs or an absentee lacks a reason', () => {
    const draft = { host: '王芳', recorder: '李强', topics: ['学习'], minutes: '纪要' }
    expect(recordProblems(draft, { reasonsMissing: 0 }, true)).toEqual([])
    expect(recordProblems(draft, { reasonsMissing: 2 }, true)).toEqual(['还有 2 名缺席党员未登记缺席原因'])
    expect(recordProblems(draft, { reasonsMissing: 0 }, false)).toEqual(['会议结束后才能上报记录'])
  })
})

describe('amendments of a filed record', () => {
  const filed = { ...emptyRecord('a1', sh('2026-11-20 18:00')), state: 'submitted' as const, host: '王芳', recorder: '李强', topics: ['学习'], minutes: '原纪要' }
  const roll = { rows: [{ memberId: 'e', status: 'absent' as const }, { memberId: 'a', status: 'present' as const }] as RollRow[] }

  it('reads the filed record with every amendment applied in order, leaving the filed one as it was', () => {
    const now = applyAmendments(filed, [
      { field: 'minutes', value: '第二次更正', at: sh('2026-11-22 09:00') },
      { field: 'minutes', value: '第一次更正', at: sh('2026-11-21 09:00') },
      { field: 'topics', value: ['学习', '  ', '部署'], at: sh('2026-11-21 10:00') },
      { field: 'absence', value: { memberId: 'e', reason: 'business', note: '市里会议' }, at: sh('2026-11-21 11:00') },
    ])
    expect(now).toMatchObject({ minutes: '第二次更正', topics: ['学习', '部署'], absences: [{ memberId: 'e', reason: 'business', note: '市里会议' }] })
    expect(filed.minutes).toBe('原纪要')
    expect(filed.topics).toEqual(['学习'])
  })

  it('refuses an empty value, a reason for someone who was there, or a value of the wrong shape', () => {
    expect(() => assertAmendment('minutes', '更正后的纪要', roll)).not.toThrow()
    expect(() => assertAmendment('decisions', '', roll)).not.toThrow()
    expect(domainErrorOf(() => assertAmendment('host', '  ', roll))).toMatchObject({ code: 'BAD_INPUT' })
    expect(domainErrorOf(() => assertAmendment('topics', [' '], roll)).message).toBe('请至少填写一项议题')
    expect(domainErrorOf(() => assertAmendment('absence', { memberId: 'a', reason: 'sick', note: null }, roll)).message).toContain('缺席')
    expect(domainErrorOf(() => assertAmendment('minutes', ['x'], roll))).toMatchObject({ code: 'BAD_INPUT' })
  })
})
