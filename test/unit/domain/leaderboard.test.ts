/**
 * The boards (cloud/domain/leaderboard.ts): ranking by score, attendance rate and who reached the
 * score first, attendance rates, unit averages, and a unit's board cut from the city's.
 */
import fc from 'fast-check'
import { rankBoard, rate, unitAverages, unitBoard, type BoardRow } from '../../../cloud/domain/leaderboard'
import { fuzzSeed } from '../../helpers/fuzz'

const SEED = fuzzSeed(20261127)

describe('rankBoard', () => {
  const row = (memberId: string, score: number, attended: number, eligible: number, reachedAt: string | null, unitId = 'uA'): BoardRow => ({
    memberId,
    name: memberId,
    unitId,
    unitName: unitId,
    score,
    attended,
    eligibleSessions: eligible,
    attendanceRate: rate(attended, eligible),
    reachedAt,
  })

  it('score first, then attendance rate, then whoever reached the score first; ranks 1..n', () => {
    const ranked = rankBoard([
      row('late', 6, 4, 4, '2026-03-09T00:00:00.000Z'),
      row('poor', 6, 3, 6, '2026-01-01T00:00:00.000Z'),
      row('early', 6, 4, 4, '2026-03-01T00:00:00.000Z'),
      row('top', 9, 1, 10, '2026-03-20T00:00:00.000Z'),
      row('never', 0, 0, 4, null),
      row('low', 2, 2, 2, '2026-01-05T00:00:00.000Z'),
    ])
    expect(ranked.map((r) => [r.rank, r.memberId])).toEqual([
      [1, 'top'],
      [2, 'early'],
      [3, 'late'],
      [4, 'poor'],
      [5, 'low'],
      [6, 'never'],
    ])
  })

  it('a member with no reachedAt loses a full tie to one with it; a full tie falls back to member id (stable)', () => {
    const ranked = rankBoard([row('b', 2, 1, 1, null), row('a', 2, 1, 1, null), row('c', 2, 1, 1, '2026-02-01T00:00:00.000Z')])
    expect(ranked.map((r) => r.memberId)).toEqual(['c', 'a', 'b'])
  })

  it('does not reorder its input', () => {
    const rows = [row('x', 1, 1, 1, null), row('y', 5, 1, 1, null)]
    rankBoard(rows)
    expect(rows.map((r) => r.memberId)).toEqual(['x', 'y'])
  })

  it('rate: no eligible sessions is 0; never above 1', () => {
    expect(rate(0, 0)).toBe(0)
    expect(rate(3, 0)).toBe(0)
    expect(rate(2, 3)).toBeCloseTo(2 / 3)
    expect(rate(5, 4)).toBe(1)
  })
})

describe('unitAverages', () => {
  const row = (memberId: string, unitId: string, score: number): BoardRow => ({
    memberId,
    name: memberId,
    unitId,
    unitName: unitId,
    score,
    attended: 0,
    eligibleSessions: 0,
    attendanceRate: 0,
    reachedAt: null,
  })

  it('average score per unit over the members counted for it, rounded to 2 decimals; units without members at 0, last', () => {
    const units = [
      { id: 'uA', name: '甲局' },
      { id: 'uB', name: '乙局' },
      { id: 'uC', name: '丙局' },
      { id: 'uD', name: '丁局' },
    ]
    const rows = [row('a1', 'uA', 9), row('a2', 'uA', 6), row('a3', 'uA', 4), row('a4', 'uA', 4), row('b1', 'uB', 6), row('b2', 'uB', 5), row('c1', 'uC', 4), row('c2', 'uC', 4), row('c3', 'uC', 2)]
    const counts = new Map([
      ['uA', 4],
      ['uB', 2],
      ['uC', 3],
    ])
    expect(unitAverages(rows, units, counts)).toEqual([
      { unitId: 'uA', unitName: '甲局', members: 4, total: 23, average: 5.75, rank: 1 },
      { unitId: 'uB', unitName: '乙局', members: 2, total: 11, average: 5.5, rank: 2 },
      // 10 / 3 = 3.333…
      { unitId: 'uC', unitName: '丙局', members: 3, total: 10, average: 3.33, rank: 3 },
      { unitId: 'uD', unitName: '丁局', members: 0, total: 0, average: 0, rank: 4 },
    ])
  })

  it('equal averages: by unit name in Chinese collation', () => {
    const units = [
      { id: 'u2', name: '乙局' },
      { id: 'u1', name: '甲局' },
    ]
    const out = unitAverages([row('x', 'u1', 3), row('y', 'u2', 3)], units, new Map([['u1', 1], ['u2', 1]]))
    expect(out.map((u) => [u.rank, u.unitName, u.average])).toEqual(
      ['甲局', '乙局'].sort((a, b) => a.localeCompare(b, 'zh')).map((n, i) => [i + 1, n, 3]),
    )
  })
})

describe('unitBoard: a unit cut from the city board is the unit ranked on its own', () => {
  const row = fc.record({
    memberId: fc.stringMatching(/^[A-Za-z0-9_-]{1,4}$/),
    unitId: fc.constantFrom('u1', 'u2', 'u3'),
    score: fc.constantFrom(0, 1, 2, 2.5),
    attendanceRate: fc.constantFrom(0, 0.5, 1),
    reachedAt: fc.option(fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z')),
  })
  it('same members, order and ranks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.memberId, maxLength: 40 }), (raw) => {
        const rows: BoardRow[] = raw.map((r) => ({ ...r, name: r.memberId, unitName: r.unitId, attended: 0, eligibleSessions: 0 }))
        const city = rankBoard(rows)
        for (const u of ['u1', 'u2', 'u3']) expect(unitBoard(city, u)).toEqual(rankBoard(rows.filter((r) => r.unitId === u)))
      }),
      { numRuns: 300, seed: SEED },
    )
  })
})

describe('rankBoard orders exactly as localeCompare does', () => {
  const reference = (rows: BoardRow[]) =>
    [...rows]
      .sort(
        (a, b) =>
          b.score - a.score ||
          b.attendanceRate - a.attendanceRate ||
          (a.reachedAt ?? '9999').localeCompare(b.reachedAt ?? '9999') ||
          a.memberId.localeCompare(b.memberId),
      )
      .map((r, i) => ({ ...r, rank: i + 1 }))
  // Instants in the stores' format and odd ones; ids of mixed case and symbols, where code-unit order differs.
  const instant = fc.oneof(
    fc.date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000+08:00', '9999', 'abc'),
  )
  const row = fc.record({
    memberId: fc.stringMatching(/^[A-Za-z0-9_-]{1,3}$/),
    unitId: fc.constant('u1'),
    score: fc.constantFrom(0, 1, 2),
    attendanceRate: fc.constantFrom(0, 1),
    reachedAt: fc.option(fc.oneof(instant, fc.constantFrom('2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.001Z'))),
  })
  it('for any rows', () => {
    fc.assert(
      fc.property(fc.uniqueArray(row, { selector: (r) => r.memberId, maxLength: 60 }), (raw) => {
        const rows: BoardRow[] = raw.map((r) => ({ ...r, name: r.memberId, unitName: r.unitId, attended: 0, eligibleSessions: 0 }))
        expect(rankBoard(rows)).toEqual(reference(rows))
      }),
      { numRuns: 500, seed: SEED },
    )
  })
})
