/**
 * 三会一课 (cloud/domain/obligations/meetingRhythm.ts): items per branch (and 党小组), type and period
 * of the type's own rhythm; filed, held, 补开, 补报; branches set up mid-period; what the trend sees.
 */
import type { MeetingRhythm } from '../../../../cloud/domain/policy'
import type { RhythmMeeting } from '../../../../cloud/domain/obligations/inputs'
import { DEFAULT_MEETING_RHYTHM } from '../../../../cloud/domain/meetingRhythm'
import { meetingRhythmItems } from '../../../../cloud/domain/obligations/meetingRhythm'
import { targetWindows } from '../../../../cloud/domain/obligations/engine'
import { parsePeriod } from '../../../../cloud/domain/period'
import type { Target } from '../../../../cloud/contract/obligations'
import { aMeeting, anOrg, at, committeeOnly, shanghai, targetOf } from './fixtures'

const evaluate = (meetings: RhythmMeeting[], now: string, opts: { period?: string; rhythm?: MeetingRhythm; target?: Target } = {}) => {
  const target = opts.target ?? targetOf('meetingRhythm')
  const p = parsePeriod(opts.period ?? '2026-Q4', at(now))
  return meetingRhythmItems(target, targetWindows(target, p, at(now)), p, anOrg(), { rhythm: opts.rhythm ?? committeeOnly, meetings }, at(now))
}
const find = (items: ReturnType<typeof evaluate>, subjectId: string, key: string) => items.find((i) => i.subject.id === subjectId && i.what.startsWith(key))

describe('meetingRhythmItems', () => {
  const oct = aMeeting({ activityId: 'a10', type: 'committee', forPeriod: '2026-10', startAt: shanghai('2026-10-12 15:00'), submittedAt: shanghai('2026-10-13 09:00') })

  it('an item per branch and month begun; a branch set up mid-period owes nothing for that period, and owes the next', () => {
    const items = evaluate([oct], '2026-11-20 10:00')
    expect(items.map((i) => `${i.subject.id} ${i.what}`)).toEqual(['b1 2026-10 支委会', 'b1 2026-11 支委会', 'b3 2026-10 支委会', 'b3 2026-11 支委会'])
    expect(find(evaluate([oct], '2026-12-05 10:00'), 'b2', '2026-12')).toMatchObject({ state: 'open', branchId: 'b2', unitId: 'u1', note: '未召开' })
    expect(find(evaluate([oct], '2026-12-05 10:00'), 'b2', '2026-11')).toBeUndefined()
  })

  it('held and filed: met at the later of the two, with the meeting as evidence', () => {
    expect(find(evaluate([oct], '2026-11-20 10:00'), 'b1', '2026-10')).toMatchObject({
      subject: { kind: 'branch', id: 'b1', name: '第一党支部' },
      state: 'met',
      metAt: shanghai('2026-10-13 09:00'),
      late: false,
      note: null,
      from: shanghai('2026-10-01 00:00'),
      dueBy: shanghai('2026-11-01 00:00'),
      evidence: [{ kind: 'meeting', id: 'a10', label: '会议a10' }],
    })
  })

  it('none held: open in its month, overdue from the first instant of the next', () => {
    expect(find(evaluate([], '2026-10-31 23:59'), 'b3', '2026-10')).toMatchObject({ state: 'open', note: '未召开' })
    expect(find(evaluate([], '2026-11-01 00:00'), 'b3', '2026-10')).toMatchObject({ state: 'overdue', note: '未召开' })
  })

  it('held, record not filed: pending until the period ends, then overdue', () => {
    const draft = aMeeting({ activityId: 'a11', type: 'committee', forPeriod: '2026-11', startAt: shanghai('2026-11-10 15:00'), recordState: 'draft', submittedAt: null })
    expect(find(evaluate([draft], '2026-11-10 14:59'), 'b1', '2026-11')).toMatchObject({ state: 'open', note: '未召开' })
    expect(find(evaluate([draft], '2026-11-20 10:00'), 'b1', '2026-11')).toMatchObject({ state: 'pending', note: '会议已召开，记录未上报' })
    expect(find(evaluate([draft], '2026-12-01 00:00'), 'b1', '2026-11')).toMatchObject({ state: 'overdue', note: '会议已召开，记录未上报' })
    // A returned record is not filed either.
    const returned = { ...draft, recordState: 'returned' as const, submittedAt: shanghai('2026-11-11 09:00') }
    expect(find(evaluate([returned], '2026-11-20 10:00'), 'b1', '2026-11')).toMatchObject({ state: 'pending' })
  })

  it('filed at 23:59 on the period’s last day is on time; a minute later it is 补报', () => {
    const m = (submitted: string) => aMeeting({ activityId: 'a12', type: 'committee', forPeriod: '2026-10', startAt: shanghai('2026-10-20 15:00'), submittedAt: shanghai(submitted) })
    expect(find(evaluate([m('2026-10-31 23:59')], '2026-11-20 10:00'), 'b1', '2026-10')).toMatchObject({ state: 'met', late: false, note: null })
    expect(find(evaluate([m('2026-11-01 00:00')], '2026-11-20 10:00'), 'b1', '2026-10')).toMatchObject({ state: 'met', late: true, note: '补报', metAt: shanghai('2026-11-01 00:00') })
  })

  it('补开: held in November for October counts for October, late', () => {
    const makeUp = aMeeting({ activityId: 'a13', type: 'committee', forPeriod: '2026-10', startAt: shanghai('2026-11-03 15:00') })
    const items = evaluate([makeUp], '2026-11-20 10:00')
    expect(find(items, 'b1', '2026-10')).toMatchObject({ state: 'met', late: true, note: '补开' })
    expect(find(items, 'b1', '2026-11')).toMatchObject({ state: 'open' })
  })

  it('prefers a filed meeting over one held but not filed, and an on-time one over a late one', () => {
    const unfiled = aMeeting({ activityId: 'x1', type: 'committee', forPeriod: '2026-11', startAt: shanghai('2026-11-02 15:00'), recordState: 'draft', submittedAt: null })
    const filed = aMeeting({ activityId: 'x2', type: 'committee', forPeriod: '2026-11', startAt: shanghai('2026-11-09 15:00') })
    expect(find(evaluate([unfiled, filed], '2026-11-20 10:00'), 'b1', '2026-11')?.evidence[0].id).toBe('x2')
    const lateFiled = aMeeting({ activityId: 'x3', type: 'committee', forPeriod: '2026-10', startAt: shanghai('2026-10-05 15:00'), submittedAt: shanghai('2026-11-05 09:00') })
    const onTime = aMeeting({ activityId: 'x4', type: 'committee', forPeriod: '2026-10', startAt: shanghai('2026-10-25 15:00') })
    expect(find(evaluate([lateFiled, onTime], '2026-11-20 10:00'), 'b1', '2026-10')).toMatchObject({ late: false, evidence: [{ id: 'x4' }] })
  })

  it('each type keeps its own rhythm; 党小组会 is owed by each 党小组; the target’s meetingTypes narrow the types', () => {
    const items = evaluate([], '2026-11-20 10:00', { rhythm: DEFAULT_MEETING_RHYTHM })
    const b1 = items.filter((i) => i.subject.id === 'b1').map((i) => i.what)
    expect(b1).toEqual(['2026-10 支委会', '2026-11 支委会', '2026-Q4 支部党员大会', '2026-Q4 党课', '2026-10 主题党日', '2026-11 主题党日', '2026 组织生活会', '2026 民主评议党员'])
    expect(items.filter((i) => i.subject.kind === 'partyGroup').map((i) => [i.subject.id, i.branchId, i.unitId, i.what])).toEqual([
      ['pg1', 'b1', 'u1', '2026-10 党小组会'],
      ['pg1', 'b1', 'u1', '2026-11 党小组会'],
    ])
    const group = aMeeting({ activityId: 'g1', type: 'groupMeeting', partyGroupId: 'pg1', forPeriod: '2026-10', startAt: shanghai('2026-10-08 12:00') })
    expect(find(evaluate([group], '2026-11-20 10:00', { rhythm: DEFAULT_MEETING_RHYTHM }), 'pg1', '2026-10')).toMatchObject({ state: 'met' })
    const lectures = evaluate([], '2026-11-20 10:00', { rhythm: DEFAULT_MEETING_RHYTHM, target: targetOf('meetingRhythm', { params: { meetingTypes: ['partyLecture'] } }) })
    expect(lectures.map((i) => `${i.subject.id} ${i.what}`)).toEqual(['b1 2026-Q4 党课', 'b3 2026-Q4 党课'])
  })

  it('a meeting held under another rhythm counts for the period that holds it (the policy now asks half-yearly)', () => {
    const rhythm = { branch: { partyLecture: 'halfYear' as const }, partyGroup: {} }
    const q1 = aMeeting({ activityId: 'l1', type: 'partyLecture', forPeriod: '2026-Q1', startAt: shanghai('2026-02-10 15:00') })
    const items = evaluate([q1], '2026-08-01 10:00', { period: '2026', rhythm })
    expect(items.filter((i) => i.subject.id === 'b1').map((i) => [i.what, i.state])).toEqual([
      ['2026-H1 党课', 'met'],
      ['2026-H2 党课', 'open'],
    ])
  })

  it('ignores what came after now: a meeting not yet held, a record not yet filed', () => {
    const filedLater = aMeeting({ activityId: 'a14', type: 'committee', forPeriod: '2026-11', startAt: shanghai('2026-11-10 15:00'), submittedAt: shanghai('2026-11-25 09:00') })
    expect(find(evaluate([filedLater], '2026-11-09 10:00'), 'b1', '2026-11')).toMatchObject({ state: 'open' })
    expect(find(evaluate([filedLater], '2026-11-20 10:00'), 'b1', '2026-11')).toMatchObject({ state: 'pending' })
    expect(find(evaluate([filedLater], '2026-11-25 09:00'), 'b1', '2026-11')).toMatchObject({ state: 'met' })
  })

  it('the target’s units narrow the branches', () => {
    const items = evaluate([], '2026-11-20 10:00', { target: targetOf('meetingRhythm', { unitIds: ['u2'] }) })
    expect(new Set(items.map((i) => i.subject.id))).toEqual(new Set(['b3']))
  })
})
