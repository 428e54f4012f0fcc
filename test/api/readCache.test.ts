/**
 * The stats read cache through the real gateway: reads are cached, and a cached read never outlives
 * what it was computed from. A write (a check-in, a check-out) changes the next read at once; the
 * clock passing a session's start changes the attendance rates at once; a repeated read with
 * nothing changed is not computed again.
 *
 * A small city on 2026-03 (youth = born after 1990-03-01): 甲局 uA with a1, a2 (youth, group gA)
 * and a3 (born 1980, not youth); 乙局 uB with b1 (youth, no group). Lectures L1 (03-02 09:00) and
 * L2 (03-03 09:00) are for uA; G1 is gA's study session (03-02 14:00); V1 a volunteer morning.
 */
import type { OrgBatch } from '../../cloud/store/Store'
import { between, person, shanghai, world, type ActivityFields, type World } from '../helpers/api'
import { startTestServer, type ActionName, type EventOf, type TestServer } from '../helpers/testServer'

const ORG: OrgBatch = {
  units: [
    { id: 'uA', name: '甲局' },
    { id: 'uB', name: '乙局' },
  ],
  branches: [],
  partyGroups: [],
  youthGroups: [{ id: 'gA', name: '甲局青年理论学习小组', unitIds: ['uA'] }],
  members: [
    person('orgA', '周组织', 'uA', null, '1975-01-01', [{ role: 'organizer', unitId: 'uA' }, { role: 'organizer', groupId: 'gA' }]),
    person('a1', '赵一', 'uA', 'gA', '1995-03-01'),
    person('a2', '钱二', 'uA', 'gA', '1996-04-04'),
    person('a3', '孙三', 'uA', null, '1980-01-01'),
    person('b1', '冯六', 'uB', null, '1997-05-05'),
    person('city', '蒋书记', 'uB', null, '1968-08-08', [{ role: 'cityAdmin' }]),
  ],
}

let srv: TestServer
let w: World
const act: Record<string, string> = {}
const lecture = (title: string, start: string, end: string): ActivityFields => ({ kind: 'lecture', title, ...between(start, end), audience: { type: 'units', unitIds: ['uA'] } })

beforeAll(async () => {
  srv = await startTestServer({ seed: false, now: shanghai('2026-03-01 10:00') })
  w = world(srv)
  await srv.store.importOrg(ORG, srv.clock.now().toISOString())
  act.L1 = await w.create('orgA', lecture('处长讲坛（一）', '2026-03-02 09:00', '2026-03-02 11:00'))
  act.L2 = await w.create('orgA', lecture('处长讲坛（二）', '2026-03-03 09:00', '2026-03-03 11:00'))
  act.G1 = await w.create('orgA', {
    kind: 'study',
    title: '甲局青年小组3月学习',
    ...between('2026-03-02 14:00', '2026-03-02 16:00'),
    audience: { type: 'groups', groupIds: ['gA'] },
  })
  act.V1 = await w.create('orgA', { kind: 'volunteer', title: '社区志愿服务', ...between('2026-03-04 09:00', '2026-03-04 12:00'), audience: { type: 'units', unitIds: ['uA'] } })
}, 60_000)

afterAll(async () => {
  jest.restoreAllMocks()
  await srv.close()
})

const stat = <A extends ActionName<'stats'>>(event: EventOf<'stats', A>, who = 'city') => w.ok('stats', event, who)
const members = async (period = '2026-03') =>
  (await stat({ action: 'leaderboard', period, view: 'members' })).rows.map((r) => [r.memberId, r.score, r.eligibleSessions, r.attendanceRate])

describe('stats reads after writes and as the clock moves', () => {
  it('a board read, a check-in, the same read: the new score is there at once', async () => {
    w.at('2026-03-02 09:05')
    await w.checkIn('orgA', 'a1', act.L1)
    expect(await members()).toEqual([
      ['a1', 1, 1, 1],
      ['a2', 0, 1, 0],
      ['b1', 0, 0, 0],
    ])
    await w.checkIn('orgA', 'a2', act.L1)
    expect(await members()).toEqual([
      ['a1', 1, 1, 1],
      ['a2', 1, 1, 1],
      ['b1', 0, 0, 0],
    ])
  })

  it('every view of the board moves with it: units, unit scope, my score', async () => {
    const units = await stat({ action: 'leaderboard', period: '2026-03' })
    expect(units.units.map((u) => [u.unitId, u.members, u.total])).toEqual([
      ['uA', 2, 2],
      ['uB', 1, 0],
    ])
    const mine = await stat({ action: 'myScore', period: '2026-03' }, 'a2')
    expect(mine).toMatchObject({ score: 1, cityRank: 2, unitRank: 2, boardSize: { city: 3, unit: 2 } })

    w.at('2026-03-02 14:05')
    await w.checkIn('orgA', 'a2', act.G1)
    expect((await stat({ action: 'leaderboard', period: '2026-03' })).units.map((u) => [u.unitId, u.total])).toEqual([
      ['uA', 4],
      ['uB', 0],
    ])
    const unit = await stat({ action: 'leaderboard', period: '2026-03', scope: 'unit', unitId: 'uA' })
    expect(unit.rows.map((r) => [r.rank, r.memberId, r.score])).toEqual([
      [1, 'a2', 3],
      [2, 'a1', 1],
    ])
    expect(await stat({ action: 'myScore', period: '2026-03' }, 'a2')).toMatchObject({ score: 3, cityRank: 1, unitRank: 1 })
  })

  it('the clock passing a session’s start changes attendance rates without any write', async () => {
    w.at('2026-03-03 08:59')
    const before = await members()
    expect(before).toEqual([
      ['a2', 3, 2, 1],
      ['a1', 1, 2, 0.5],
      ['b1', 0, 0, 0],
    ])
    w.at('2026-03-03 09:00')
    expect(await members()).toEqual(before)
    srv.clock.advance(1)
    // L2 has started: 3 sessions for uA's youth in gA.
    expect(await members()).toEqual([
      ['a2', 3, 3, 2 / 3],
      ['a1', 1, 3, 1 / 3],
      ['b1', 0, 0, 0],
    ])
  })

  it('coverage: the group becomes active as soon as someone attends its session', async () => {
    // Before G1 was attended gA had not met, so uA's youth were not covered; now they are.
    const c = await stat({ action: 'coverage', period: '2026-03' })
    expect(c.units.find((u) => u.unitId === 'uA')).toMatchObject({ youth: 2, youthInActiveGroups: 2, coverage: 1 })
    expect(c.units.find((u) => u.unitId === 'uB')).toMatchObject({ youth: 1, youthInActiveGroups: 0, namesOnRequest: true })
    const b = await stat({ action: 'coverage', period: '2026-03', unitId: 'uB' })
    expect(b.units[0]).toMatchObject({ youth: 1, uncovered: [{ id: 'b1', name: '冯六', reason: 'noGroup' }] })
  })

  it('volunteer totals and board after a check-out', async () => {
    const before = await stat({ action: 'volunteer', period: '2026-03', unitId: 'uA' })
    expect(before.totalHours).toBe(0)
    expect((await stat({ action: 'leaderboard', period: '2026-03', board: 'volunteer', view: 'members' })).rows).toEqual([])
    w.at('2026-03-04 08:55')
    await w.checkIn('orgA', 'a3', act.V1)
    w.at('2026-03-04 12:05')
    await w.checkOut('orgA', 'a3', act.V1)
    const after = await stat({ action: 'volunteer', period: '2026-03', unitId: 'uA' })
    expect(after).toMatchObject({ totalHours: 3, participants: 1 })
    expect(after.memberHours?.[0]).toEqual({ memberId: 'a3', name: '孙三', hours: 3 })
    expect((await stat({ action: 'leaderboard', period: '2026-03', board: 'volunteer', view: 'members' })).rows.map((r) => [r.memberId, r.score])).toEqual([['a3', 3]])
    // The city view (no unit) is the cached one; it has no member list of a unit in it.
    expect(await stat({ action: 'volunteer', period: '2026-03' })).not.toHaveProperty('memberHours')
  })

  it('a repeated read with nothing changed is not computed again; a write makes it computed once more', async () => {
    const scores = jest.spyOn(srv.store.stats, 'memberScores')
    // Coverage reads the youth and their groups' sessions through the obligations' read.
    const roster = jest.spyOn(srv.store, 'youthGroupData')
    const first = await members()
    await members()
    await stat({ action: 'leaderboard', period: '2026-03', scope: 'unit', unitId: 'uB' })
    await stat({ action: 'coverage', period: '2026-03' })
    await stat({ action: 'coverage', period: '2026-03' })
    expect(scores).toHaveBeenCalledTimes(1)
    expect(roster).toHaveBeenCalledTimes(1)
    // Any write at all, even to a table no board reads.
    srv.store.db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('touched', 'yes')`).run()
    expect(await members()).toEqual(first)
    expect(scores).toHaveBeenCalledTimes(2)
  })
})
