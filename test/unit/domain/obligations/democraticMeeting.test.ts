/** 民主生活会全覆盖列席 (cloud/domain/obligations/democraticMeeting.ts): per unit and year, with or without a 工委 attendee. */
import type { DemocraticMeeting } from '../../../../cloud/contract/obligations'
import { democraticMeetingItems } from '../../../../cloud/domain/obligations/democraticMeeting'
import { targetWindows } from '../../../../cloud/domain/obligations/engine'
import { parsePeriod } from '../../../../cloud/domain/period'
import { anOrg, at, shanghai, targetOf } from './fixtures'

const T = targetOf('democraticMeeting')
const meeting = (over: Partial<DemocraticMeeting> & Pick<DemocraticMeeting, 'id' | 'unitId' | 'heldAt'>): DemocraticMeeting => ({
  forPeriod: '2026',
  topic: '年度民主生活会',
  attendeeName: '李工委',
  attendeePost: '组织部部长',
  evidence: ['f1', 'f2'],
  recordedBy: 'admin',
  recordedAt: over.heldAt,
  ...over,
})
const evaluate = (meetings: DemocraticMeeting[], now: string, target = T) => {
  const p = parsePeriod('2026', at(now))
  return democraticMeetingItems(target, targetWindows(target, p, at(now)), p, anOrg(), { meetings }, at(now))
}
const of = (items: ReturnType<typeof evaluate>, unitId: string) => items.find((i) => i.unitId === unitId)

describe('democraticMeetingItems', () => {
  it('one item per unit: held with a 工委 attendee is met, with the record and its files as evidence', () => {
    const items = evaluate([meeting({ id: 'd1', unitId: 'u1', heldAt: shanghai('2026-12-31 23:59') })], '2027-01-02 10:00')
    expect(items.map((i) => i.unitId)).toEqual(['u2', 'u1'])
    expect(of(items, 'u1')).toMatchObject({
      what: '2026 民主生活会',
      branchId: null,
      subject: { kind: 'unit', id: 'u1', name: '甲局' },
      state: 'met',
      metAt: shanghai('2026-12-31 23:59'),
      late: false,
      evidence: [
        { kind: 'democraticMeeting', id: 'd1', label: '年度民主生活会' },
        { kind: 'file', id: 'f1', label: '佐证材料 1' },
        { kind: 'file', id: 'f2', label: '佐证材料 2' },
      ],
    })
    expect(of(items, 'u2')).toMatchObject({ state: 'overdue', note: '未召开' })
  })

  it('held without a 工委 attendee: pending until the year ends, then overdue', () => {
    const m = meeting({ id: 'd2', unitId: 'u2', heldAt: shanghai('2026-06-01 09:00'), attendeeName: null, attendeePost: null })
    expect(of(evaluate([m], '2026-06-02 10:00'), 'u2')).toMatchObject({ state: 'pending', note: '工委未派员列席' })
    expect(of(evaluate([m], '2027-01-01 00:00'), 'u2')).toMatchObject({ state: 'overdue', note: '工委未派员列席' })
    // One with an attendee wins over one without.
    const withAttendee = meeting({ id: 'd3', unitId: 'u2', heldAt: shanghai('2026-07-01 09:00') })
    expect(of(evaluate([m, withAttendee], '2026-08-01 10:00'), 'u2')).toMatchObject({ state: 'met', evidence: [{ id: 'd3' }, {}, {}] })
  })

  it('held on the first instant of the next year counts for that year, not this one; one held on 1 January counts', () => {
    expect(of(evaluate([meeting({ id: 'd4', unitId: 'u1', heldAt: shanghai('2027-01-01 00:00') })], '2027-01-02 10:00'), 'u1')).toMatchObject({ state: 'overdue' })
    expect(of(evaluate([meeting({ id: 'd5', unitId: 'u1', heldAt: shanghai('2026-01-01 00:00') })], '2026-01-01 00:00'), 'u1')).toMatchObject({ state: 'met' })
  })

  it('ignores what was recorded after now; the target’s units narrow the units', () => {
    const m = meeting({ id: 'd6', unitId: 'u1', heldAt: shanghai('2026-05-01 09:00'), recordedAt: shanghai('2026-05-10 09:00') })
    expect(of(evaluate([m], '2026-05-05 10:00'), 'u1')).toMatchObject({ state: 'open', note: '未召开' })
    expect(of(evaluate([m], '2026-05-10 09:00'), 'u1')).toMatchObject({ state: 'met' })
    expect(evaluate([], '2026-05-05 10:00', targetOf('democraticMeeting', { unitIds: ['u1'] })).map((i) => i.unitId)).toEqual(['u1'])
  })
})
