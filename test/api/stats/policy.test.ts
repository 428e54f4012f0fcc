/**
 * Policy versions through the real gateway: stats.policy and stats.setPolicy on the quarter lived in
 * ./quarter.ts (a new version from a date on; earlier credits keep their points), and a version
 * effective now applies to the very next check-in.
 */
import { shanghai, world } from '../../helpers/api'
import { startTestServer, type TestServer } from '../../helpers/testServer'
import { ORG, forUnit, useQuarter } from './quarter'

const q = useQuarter()
const { act, log, stat } = q

describe('stats.setPolicy: a new version from a date on; earlier credits keep their points', () => {
  it('the version as stored, and the policy it makes on its effective date', () => {
    expect(log.policyBefore.current.pointsPerKind).toEqual({ study: 2, lecture: 1, volunteer: 0 })
    expect(log.policyBefore.versions).toEqual([])
    expect(log.setPolicy.versions).toEqual([
      { seq: expect.any(Number), effectiveFrom: '2026-03-15T16:00:00.000Z', policy: { pointsPerKind: { study: 3, lecture: 2 } }, createdBy: 'city', createdAt: shanghai('2026-03-09 10:00') },
    ])
    expect(log.setPolicy.atEffectiveDate).toMatchObject({ pointsPerKind: { study: 3, lecture: 2, volunteer: 0 }, dailyPointsCap: 10, youthAgeLimit: 35 })
  })

  it('a check-in before the effective date earned the old points, after it the new ones; past credits unchanged', async () => {
    expect(log['A8.a4'].pointsEarned).toBe(1)
    expect(log['A9.a4'].pointsEarned).toBe(2)
    expect(log['A9.a1'].pointsEarned).toBe(2)
    const rows = q.srv.store.db.prepare(`SELECT activity_id, points FROM ledger WHERE member_id = 'a4' AND kind = 'lecture' ORDER BY seq`).all()
    expect(rows).toEqual([
      { activity_id: act.A3, points: 1 },
      { activity_id: act.A8, points: 1 },
      { activity_id: act.A9, points: 2 },
    ])
    expect((await stat({ action: 'policy' }, 'city')).current.pointsPerKind).toEqual({ study: 3, lecture: 2, volunteer: 0 })
  })

  it('refused: an effective date in the past, no change at all, a bad value; nothing stored', async () => {
    await q.w.expectRefused(() => q.w.call('stats', { action: 'setPolicy', effectiveFrom: shanghai('2026-03-24 10:00'), dailyPointsCap: 8 }, 'city'), 'BAD_INPUT', 400)
    await q.w.expectRefused(() => q.w.call('stats', { action: 'setPolicy', effectiveFrom: shanghai('2026-04-01 00:00') }, 'city'), 'BAD_INPUT', 400)
    await q.w.expectRefused(() => q.w.call('stats', { action: 'setPolicy', effectiveFrom: shanghai('2026-04-01 00:00'), youthAgeLimit: 60 }, 'city'), 'BAD_INPUT', 400)
    expect((await stat({ action: 'policy' }, 'city')).versions).toHaveLength(1)
  })

  it('only a city admin may read or set the policy', async () => {
    const change = { action: 'setPolicy' as const, effectiveFrom: shanghai('2026-04-01 00:00'), dailyPointsCap: 8 }
    for (const who of ['admA', 'orgA', 'a1']) {
      await q.w.expectRefused(() => q.w.call('stats', change, who), 'FORBIDDEN', 403)
      await q.w.expectRefused(() => q.w.call('stats', { action: 'policy' }, who), 'FORBIDDEN', 403)
    }
    expect(q.srv.store.db.prepare('SELECT COUNT(*) AS n FROM policy_versions').get()).toEqual({ n: 1 })
  })
})

describe('policy versions take effect for the very next request', () => {
  let srv2: TestServer

  beforeAll(async () => {
    srv2 = await startTestServer({ seed: false, now: shanghai('2026-05-10 08:50') })
    await srv2.store.importOrg(ORG, srv2.clock.now().toISOString())
  })
  afterAll(() => srv2.close())

  it('a version effective now applies to a check-in a moment later', async () => {
    // The gateway caches policy versions for a few seconds of real time; a version effective "now"
    // (allowed: up to 60 s in the past) must still apply to the very next check-in, not once the cache
    // expires.
    const w2 = world(srv2)
    const lecture = await w2.create('orgA', forUnit('lecture', '即时生效测试讲座', 'uA', '2026-05-10 09:00', '2026-05-10 10:00'))
    w2.at('2026-05-10 09:00')
    await w2.ok('stats', { action: 'setPolicy', effectiveFrom: srv2.clock.now().toISOString(), pointsPerKind: { lecture: 5 } }, 'city')
    srv2.clock.advance(1000)
    const res = await w2.checkIn('orgA', 'a1', lecture)
    expect(res.pointsEarned).toBe(5)
  })
})
