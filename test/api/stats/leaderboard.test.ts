/**
 * Points and boards through the real gateway, on the quarter lived in ./quarter.ts: what check-ins,
 * make-ups and corrections earned, stats.leaderboard (study-model and volunteer boards, city and
 * unit, members and units), stats.myScore, and a correction made after its period.
 */
import { shanghai } from '../../helpers/api'
import type { DataOf } from '../../helpers/testServer'
import { NAME, ORG, T, UNIT_NAME, useQuarter } from './quarter'

const q = useQuarter()
const { act, log, stat } = q

describe('the quarter as lived: what each action answered', () => {
  it('check-ins earn 2 for study and 1 for a lecture; the daily cap of 10 holds back what is over', () => {
    expect(log['A1.a1']).toMatchObject({ pointsEarned: 2, pointsCapped: 0, alreadyCheckedIn: false })
    // b1 had 8 volunteer points that day: the study session's 2 fill the cap, the lecture earns nothing.
    expect(log['A4.b1']).toMatchObject({ pointsEarned: 2, pointsCapped: 0 })
    expect(log['A5.b1']).toMatchObject({ pointsEarned: 0, pointsCapped: 1 })
    expect(log['A5.b2']).toMatchObject({ pointsEarned: 1, pointsCapped: 0 })
  })

  it('the organizer’s make-up and correction were recorded', () => {
    expect(log.makeupA3).toMatchObject({ activityId: act.A4, memberId: 'a3', status: 'approved', reviewedBy: 'orgA', requestedBy: 'orgA' })
    expect(log.reversal).toMatchObject({ memberId: 'a3', activityId: act.A6, kind: 'study', points: -2, hours: 0, approvedBy: 'orgA' })
  })
})

/**
 * The Q1 study-model board (youth only; study + lecture points; ties: attendance rate, then who
 * reached the score first). Eligible sessions: uA's lectures A3 A8 A9 = 3, uB's lecture A5 = 1,
 * gAB's sessions A1 A4 A6 = 3, gC's A2 A7 = 2. Attended = credits (a reversal takes one back).
 *
 *   rank id  score                      attended/eligible  reachedAt (last credit)
 *   1    a1  2+1+2+2+2 (A9 new policy)=9  5/6                A9  03-20 14:05
 *   2    b1  2+2+0 (cap)+2 = 6          4/4 = 1             A6  03-07 09:05
 *   3    a2  2+2+2 = 6                  3/6 = 0.5           A6  03-07 09:05
 *   4    b2  2+2+1 = 5                  3/4 = 0.75          A5  02-14 19:05
 *   5    c2  2+2 = 4                    2/2 = 1             A7  03-01 07:33
 *   6    c1  2+2 = 4                    2/2 = 1             A7  03-01 07:36
 *   7    a4  1+1+2 = 4                  3/3 = 1             A9  03-20 14:05
 *   8    a3  2+2 (make-up)+2−2 = 4      (1+1+1−1)/6 = 1/3   A6 03-07 09:05 (its reversal counts at the reversed entry's time)
 *   9    d1  0                          0/0 = 0             never
 */
const Q1_BOARD: [string, number, number, number, number, number, string | null][] = [
  // id, rank, score, attended, eligible, rate, reachedAt
  ['a1', 1, 9, 5, 6, 5 / 6, shanghai('2026-03-20 14:05')],
  ['b1', 2, 6, 4, 4, 1, shanghai('2026-03-07 09:05')],
  ['a2', 3, 6, 3, 6, 0.5, shanghai('2026-03-07 09:05')],
  ['b2', 4, 5, 3, 4, 0.75, shanghai('2026-02-14 19:05')],
  ['c2', 5, 4, 2, 2, 1, shanghai('2026-03-01 07:33')],
  ['c1', 6, 4, 2, 2, 1, shanghai('2026-03-01 07:36')],
  ['a4', 7, 4, 3, 3, 1, shanghai('2026-03-20 14:05')],
  ['a3', 8, 4, 2, 6, 1 / 3, shanghai('2026-03-07 09:05')],
  ['d1', 9, 0, 0, 0, 0, null],
]
const boardTuples = (rows: DataOf<'stats', 'leaderboard'>['rows']) => rows.map((r) => [r.memberId, r.rank, r.score, r.attended, r.eligibleSessions, r.attendanceRate, r.reachedAt])

describe('stats.leaderboard', () => {
  it('study-model board, city, members: youth only, hand-computed scores and tie-breaks', async () => {
    const b = await stat({ action: 'leaderboard', period: '2026-Q1', view: 'members' }, 'a1')
    expect(b).toMatchObject({ period: '2026-Q1', board: 'studyModel', scope: 'city', view: 'members', total: 9, units: [] })
    expect(boardTuples(b.rows)).toEqual(Q1_BOARD)
    expect(b.rows.map((r) => [r.name, r.unitName])).toEqual(Q1_BOARD.map(([id]) => [NAME[id], UNIT_NAME[ORG.members.find((m) => m.id === id)!.unitId]]))
    // Not youth: a5 (36 on 2026-01-01) even with group credits, organizers, admins, b3.
    for (const id of ['a5', 'orgA', 'admA', 'orgB', 'b3', 'city', 'orgC']) expect(b.rows.map((r) => r.memberId)).not.toContain(id)
  })

  it('a reversed credit lowers the score (and the attendance) it had added', async () => {
    // On 03-08, before the correction: a3 had 2 + 2 + 2 = 6 from 3 credits.
    expect(log.boardBeforeReversal.rows.find((r) => r.memberId === 'a3')).toMatchObject({ score: 6, attended: 3 })
    const now = await stat({ action: 'leaderboard', period: '2026-Q1', view: 'members' }, 'a1')
    expect(now.rows.find((r) => r.memberId === 'a3')).toMatchObject({ score: 4, attended: 2, rank: 8 })
  })

  it('unit scope: the caller’s own unit by default, another unit when named', async () => {
    const mine = await stat({ action: 'leaderboard', period: '2026-Q1', scope: 'unit' }, 'a1')
    expect(mine).toMatchObject({ scope: 'unit', view: 'members', total: 4 })
    expect(mine.rows.map((r) => [r.rank, r.memberId, r.score])).toEqual([
      [1, 'a1', 9],
      [2, 'a2', 6],
      [3, 'a4', 4],
      [4, 'a3', 4],
    ])
    const uB = await stat({ action: 'leaderboard', period: '2026-Q1', scope: 'unit', unitId: 'uB' }, 'a1')
    expect(uB.rows.map((r) => [r.rank, r.memberId, r.score])).toEqual([
      [1, 'b1', 6],
      [2, 'b2', 5],
    ])
  })

  it('city default view: units by the average score of their youth on the board', async () => {
    // uA (9+6+4+4)/4 = 5.75; uB (6+5)/2 = 5.5; uC (4+4)/2 = 4; uD 0/1 = 0.
    const b = await stat({ action: 'leaderboard', period: '2026-Q1' }, 'a1')
    expect(b).toMatchObject({ scope: 'city', view: 'units', total: 9, rows: [] })
    expect(b.units).toEqual([
      { unitId: 'uA', unitName: '甲局', members: 4, total: 23, average: 5.75, rank: 1 },
      { unitId: 'uB', unitName: '乙局', members: 2, total: 11, average: 5.5, rank: 2 },
      { unitId: 'uC', unitName: '丙局', members: 2, total: 8, average: 4, rank: 3 },
      { unitId: 'uD', unitName: '丁局', members: 1, total: 0, average: 0, rank: 4 },
    ])
  })

  it('the year 2026 counts b2 as youth (35 on 2026-01-01); 2026-Q3 does not (36 on 2026-07-01)', async () => {
    const year = await stat({ action: 'leaderboard', period: '2026', view: 'members' }, 'a1')
    expect(boardTuples(year.rows).map((r) => r.slice(0, 3))).toEqual(Q1_BOARD.map((r) => r.slice(0, 3)))
    const q3 = await stat({ action: 'leaderboard', period: '2026-Q3', view: 'members' }, 'a1')
    expect(q3.rows.map((r) => r.memberId).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'c1', 'c2', 'd1'])
    expect(q3.rows.every((r) => r.score === 0)).toBe(true)
  })

  it('volunteer board: everyone with hours, by hours; a tie goes to who reached it first', async () => {
    // b1 8, a1 3, b3 2 (02-14 11:20) before c1 2 (03-21 11:00), a4 1.5; b3 is not youth and still counts.
    const b = await stat({ action: 'leaderboard', period: '2026-Q1', board: 'volunteer', view: 'members' }, 'a1')
    expect(b.rows.map((r) => [r.rank, r.memberId, r.score, r.reachedAt])).toEqual([
      [1, 'b1', 8, shanghai('2026-02-14 17:10')],
      [2, 'a1', 3, shanghai('2026-01-20 12:10')],
      [3, 'b3', 2, shanghai('2026-02-14 11:20')],
      [4, 'c1', 2, shanghai('2026-03-21 11:00')],
      [5, 'a4', 1.5, shanghai('2026-01-20 10:50')],
    ])
    const units = await stat({ action: 'leaderboard', period: '2026-Q1', board: 'volunteer' }, 'a1')
    // uB (8+2)/2 = 5; uA (3+1.5)/2 = 2.25; uC 2/1; uD nobody.
    expect(units.units.map((u) => [u.rank, u.unitId, u.members, u.total, u.average])).toEqual([
      [1, 'uB', 2, 10, 5],
      [2, 'uA', 2, 4.5, 2.25],
      [3, 'uC', 1, 2, 2],
      [4, 'uD', 0, 0, 0],
    ])
  })

  it('without a session: UNAUTHENTICATED', async () => {
    await q.w.expectRefused(() => q.w.call('stats', { action: 'leaderboard', period: '2026-Q1' }), 'UNAUTHENTICATED', 401)
  })
})

describe('stats.myScore', () => {
  const sum = (entries: DataOf<'stats', 'myScore'>['entries']) => entries.filter((e) => e.kind !== 'volunteer').reduce((s, e) => s + e.points, 0)

  it('a1: rank 1 of 9 in the city, 1 of 4 in the unit; the entries add up to the score', async () => {
    const s = await stat({ action: 'myScore', period: '2026-Q1' }, 'a1')
    expect(s).toMatchObject({ period: '2026-Q1', youth: true, score: 9, attendanceRate: 5 / 6, cityRank: 1, unitRank: 1, boardSize: { city: 9, unit: 4 }, volunteerHours: 3 })
    expect(s.entries.map((e) => [e.activityTitle, e.kind, e.points, e.hours, e.method, e.at])).toEqual([
      [T.A1, 'study', 2, 0, 'qr', shanghai('2026-01-10 09:05')],
      [T.A3, 'lecture', 1, 0, 'qr', shanghai('2026-01-15 14:00')],
      [T.V1, 'volunteer', 3, 3, 'qr', shanghai('2026-01-20 12:10')],
      [T.A4, 'study', 2, 0, 'qr', shanghai('2026-02-14 18:05')],
      [T.A6, 'study', 2, 0, 'qr', shanghai('2026-03-07 09:05')],
      [T.A9, 'lecture', 2, 0, 'qr', shanghai('2026-03-20 14:05')],
    ])
    expect(sum(s.entries)).toBe(s.score)
    // Each entry carries its activity's sub-label, as 我的记录 shows it (讲座 · 处长讲坛).
    const GROUP = '青年理论学习小组学习'
    expect(s.entries.map((e) => e.subKind)).toEqual([GROUP, '处长讲坛', null, GROUP, GROUP, null])
  })

  it('a3: the make-up and the reversal are entries of their own; 6 before the correction, 4 after', async () => {
    expect(log.a3BeforeReversal).toMatchObject({ score: 6, cityRank: 4 })
    const s = await stat({ action: 'myScore', period: '2026-Q1' }, 'a3')
    expect(s).toMatchObject({ youth: true, score: 4, cityRank: 8, unitRank: 4, attendanceRate: 1 / 3, volunteerHours: 0 })
    const original = s.entries.find((e) => e.activityTitle === T.A6 && e.reversesId === null)
    expect(s.entries.map((e) => [e.activityTitle, e.points, e.method, e.reversesId])).toEqual([
      [T.A1, 2, 'qr', null],
      [T.A4, 2, 'manual', null],
      [T.A6, 2, 'qr', null],
      [T.A6, -2, 'manual', original?.id],
    ])
    expect(sum(s.entries)).toBe(s.score)
  })

  it('b2 is youth for 2026 (rank 4) but not for 2026-Q3', async () => {
    expect(await stat({ action: 'myScore', period: '2026' }, 'b2')).toMatchObject({ youth: true, score: 5, cityRank: 4, unitRank: 2 })
    expect(await stat({ action: 'myScore', period: '2026-Q3' }, 'b2')).toMatchObject({ youth: false, score: 0, cityRank: null, unitRank: null, entries: [] })
  })

  it('a5 (not youth) still sees their own points, unranked', async () => {
    expect(await stat({ action: 'myScore', period: '2026-Q1' }, 'a5')).toMatchObject({ youth: false, score: 2, cityRank: null, unitRank: null })
  })
})

describe('a correction made after its period ended', () => {
  it('lowers the score of the period the credit was in, not the period of the correction', async () => {
    // A reversal counts towards the periods of the entry it reverses (its own time stays the audit time).
    // Corrections typically come after the period (e.g. objections raised during the 7-day 公示 that follows
    // a frozen selection) and must still reach the period being judged: a March credit reversed in April
    // lowers Q1 and 2026-03, and leaves Q2 at 0, not negative.
    q.srv.clock.set(shanghai('2026-04-02 10:00'))
    const c1 = await stat({ action: 'myScore', period: '2026-Q1' }, 'c1')
    const wrong = c1.entries.find((e) => e.activityTitle === T.A7)
    if (!wrong) throw new Error(`c1's credit for ${T.A7} is missing`)
    await q.w.ok('checkin', { action: 'reverseCredit', entryId: wrong.id, note: '代签，经核实本人未到场' }, 'orgC')
    const q1 = await stat({ action: 'leaderboard', period: '2026-Q1', view: 'members' }, 'c1')
    const q2 = await stat({ action: 'leaderboard', period: '2026-Q2', view: 'members' }, 'c1')
    expect({
      q1: q1.rows.find((r) => r.memberId === 'c1')?.score,
      q2: q2.rows.find((r) => r.memberId === 'c1')?.score,
      myQ1: (await stat({ action: 'myScore', period: '2026-Q1' }, 'c1')).score,
    }).toEqual({ q1: 2, q2: 0, myQ1: 2 })
  })
})
