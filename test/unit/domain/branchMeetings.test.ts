import {
  DEFAULT_RHYTHM,
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
