import type { RollRow } from '../../../cloud/contract/model'
import {
  applyAmendments,
  assertAmendment,
  assertMayEditRecord,
  assertMayRequestLeave,
  attendanceRate,
  emptyRecord,
  expectedAt,
  filedLate,
  meetingRoll,
  nextRecordState,
  quorumOf,
  recordProblems,
  submitProblems,
  type RollMember,
} from '../../../cloud/domain/branchMeetings'
import { domainErrorOf } from '../../helpers/domain'

/** Shanghai local time → UTC ISO. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString()

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
