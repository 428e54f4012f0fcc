/**
 * Volunteer hours through the real gateway, on the quarter lived in ./quarter.ts: what each check-out
 * credited, and stats.volunteer (hours per unit and month, participation).
 */
import { Q1_MONTHS, useQuarter } from './quarter'

const { log, stat } = useQuarter()

describe('the quarter as lived: volunteer check-outs', () => {
  it('volunteer check-outs: hours clipped to the activity, rounded down to half hours, 1 point per full hour', () => {
    expect(log.V1a1).toMatchObject({ hours: 3, effectiveHours: 3, pendingHours: 0, pointsEarned: 3 })
    expect(log.V1a4).toMatchObject({ hours: 1.5, effectiveHours: 1.5, pendingHours: 0, pointsEarned: 1 })
    expect(log.V2b1).toMatchObject({ hours: 8, effectiveHours: 8, pendingHours: 0, pointsEarned: 8 })
    expect(log.V2b3).toMatchObject({ hours: 2, effectiveHours: 2, pointsEarned: 2 })
    expect(log.V3c1).toMatchObject({ hours: 2, effectiveHours: 2, pointsEarned: 2 })
  })
})

describe('stats.volunteer', () => {
  // Hours: uA a1 3 + a4 1.5 = 4.5 (January); uB b1 8 + b3 2 = 10 (February); uC c1 2 (March); uD 0.
  // Members: uA 7, uB 4, uC 4, uD 1 = 16; with any volunteer credit: uA 2, uB 2, uC 1 = 5.
  it('Q1: hours per unit and month, participation, the city trend; units by hours', async () => {
    expect(await stat({ action: 'volunteer', period: '2026-Q1' }, 'city')).toEqual({
      period: '2026-Q1',
      months: Q1_MONTHS,
      totalHours: 16.5,
      members: 16,
      participants: 5,
      participation: 5 / 16,
      trend: [
        { month: '2026-01', hours: 4.5 },
        { month: '2026-02', hours: 10 },
        { month: '2026-03', hours: 2 },
      ],
      units: [
        { unitId: 'uB', unitName: '乙局', hours: 10, members: 4, participants: 2, participation: 0.5, byMonth: { '2026-01': 0, '2026-02': 10, '2026-03': 0 } },
        { unitId: 'uA', unitName: '甲局', hours: 4.5, members: 7, participants: 2, participation: 2 / 7, byMonth: { '2026-01': 4.5, '2026-02': 0, '2026-03': 0 } },
        { unitId: 'uC', unitName: '丙局', hours: 2, members: 4, participants: 1, participation: 0.25, byMonth: { '2026-01': 0, '2026-02': 0, '2026-03': 2 } },
        { unitId: 'uD', unitName: '丁局', hours: 0, members: 1, participants: 0, participation: 0, byMonth: { '2026-01': 0, '2026-02': 0, '2026-03': 0 } },
      ],
    })
  })

  it('one unit: each member’s hours, most first', async () => {
    const v = await stat({ action: 'volunteer', period: '2026-Q1', unitId: 'uA' }, 'admA')
    expect(v.memberHours?.slice(0, 2)).toEqual([
      { memberId: 'a1', name: '赵一', hours: 3 },
      { memberId: 'a4', name: '李四', hours: 1.5 },
    ])
    expect(v.memberHours).toHaveLength(7)
    expect(v.memberHours?.slice(2).map((m) => m.hours)).toEqual([0, 0, 0, 0, 0])
  })

  it('one month: February is uB’s 10 hours only', async () => {
    const v = await stat({ action: 'volunteer', period: '2026-02' }, 'orgB')
    expect(v).toMatchObject({ period: '2026-02', months: ['2026-02'], totalHours: 10, participants: 2, participation: 2 / 16, trend: [{ month: '2026-02', hours: 10 }] })
    expect(v.units.map((u) => [u.unitId, u.hours])).toEqual([
      ['uB', 10],
      ['uA', 0],
      ['uC', 0],
      ['uD', 0],
    ])
  })
})
