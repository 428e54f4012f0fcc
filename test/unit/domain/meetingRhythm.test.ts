/** The rhythm branch meetings keep (cloud/domain/meetingRhythm.ts): periods, what is held and owed, 补开. */
import {
  DEFAULT_MEETING_RHYTHM,
  DEFAULT_RHYTHM,
  heldLate,
  meetingPeriod,
  rhythmFor,
  rhythmOf,
  rhythmOfKey,
  rhythmPeriod,
  shiftRhythmPeriod,
  type HeldMeeting,
} from '../../../cloud/domain/meetingRhythm'
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
