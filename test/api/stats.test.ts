/**
 * Issue 5 through the real gateway: coverage (全覆盖), volunteer totals, leaderboards, my score,
 * study-model selection with its 7-day public notice, exports, certificates and policy versions.
 *
 * A tiny hand-built city (no demo data) lives through the first quarter of 2026; every activity,
 * check-in, check-out, make-up and correction goes through the real actions with the clock moved
 * by hand. Every aggregate is checked against numbers worked out by hand below.
 *
 * Units: 甲局 uA, 乙局 uB, 丙局 uC, 丁局 uD.
 * Youth groups: gAB (joint, uA + uB) meets every month; gC (uC) skips February.
 *
 *   id    name   unit group born        youth on 2026-01-01 (≤ 35)   roles
 *   orgA  周组织  uA   -     1975-01-01  no                          organizer uA + group gAB
 *   admA  吴管理  uA   -     1970-02-02  no                          unitAdmin uA
 *   a1    赵一    uA   gAB   1995-03-01  yes (ID number on file)
 *   a2    钱二    uA   gAB   1991-01-01  yes: 35 on the day itself
 *   a3    孙三    uA   gAB   1998-07-07  yes
 *   a4    李四    uA   -     1993-05-05  yes, in no group
 *   a5    郑五    uA   gAB   1990-01-01  no: 36 on the day itself
 *   orgB  王组织  uB   -     1976-03-03  no                          organizer uB
 *   b1    冯六    uB   gAB   1996-01-01  yes
 *   b2    陈七    uB   gAB   1990-05-20  yes for 2026 and 2026-Q1; 36 from 2026-05-20, so not for 2026-Q3
 *   b3    褚八    uB   -     1980-01-01  no
 *   city  蒋书记  uC   -     1968-08-08  no                          cityAdmin
 *   orgC  沈组织  uC   -     1979-09-09  no                          organizer uC + group gC
 *   c1    韩九    uC   gC    1997-04-04  yes
 *   c2    杨十    uC   gC    1999-09-09  yes
 *   d1    朱十一  uD   -     2001-01-01  yes, in no group
 *
 * The quarter (Shanghai times; study 2 points, lecture 1, volunteer 1 per full hour, cap 10 a day):
 *   A1  study   gAB  01-10 09:00  a1 a2 a3 a5 b1 b2                      +2 each
 *   A2  study   gC   01-12 09:00  c1 c2                                  +2 each
 *   A3  lecture uA   01-15 14:00  a1 a4                                  +1 each
 *   V1  volunt. uA   01-20 09–12  a1 08:50→12:10 = 3 h (3 p); a4 09:10→10:50 = 1.5 h (1 p)
 *   V2  volunt. uB   02-14 09–17  b1 08:45→17:10 = 8 h (8 p); b3 09:20→11:20 = 2 h (2 p)
 *   A4  study   gAB  02-14 18:00  a1 a2 b1 b2 (b1 now at 10 points today) +2 each; a3 by addMakeup on 02-16 +2
 *   A5  lecture uB   02-14 19:00  b1 → 0 (daily cap; 1 held back), b2 → +1
 *   A7  study   gC   03-01 07:30 (= 02-28T23:30Z, March in Shanghai)  c2 at 07:33, c1 at 07:36  +2 each
 *   A6  study   gAB  03-07 09:00  a1 a2 a3 b1                            +2 each; a3's reversed on 03-08 (−2)
 *   policy: set on 03-09, from 03-16 00:00 study 3, lecture 2
 *   A8  lecture uA   03-12 14:00  a4 → +1 (old policy)
 *   A9  lecture uA   03-20 14:00  a1 a4 → +2 each (new policy)
 *   V3  volunt. uC   03-21 09–11  c1 09:00→11:00 = 2 h (2 p)
 */
import type { OrgBatch } from '../../cloud/store/Store'
import { person, shanghai, world, type World } from '../helpers/api'
import { pct, readCsv, readXlsx } from '../helpers/spreadsheets'
import { startTestServer, type TestServer } from '../helpers/testServer'

const ORG: OrgBatch = {
  units: [
    { id: 'uA', name: '甲局' },
    { id: 'uB', name: '乙局' },
    { id: 'uC', name: '丙局' },
    { id: 'uD', name: '丁局' },
  ],
  branches: [],
  youthGroups: [
    { id: 'gAB', name: '甲乙联合青年理论学习小组', unitIds: ['uA', 'uB'] },
    { id: 'gC', name: '丙局青年理论学习小组', unitIds: ['uC'] },
  ],
  members: [
    person('orgA', '周组织', 'uA', null, '1975-01-01', [{ role: 'organizer', unitId: 'uA' }, { role: 'organizer', groupId: 'gAB' }]),
    person('admA', '吴管理', 'uA', null, '1970-02-02', [{ role: 'unitAdmin', unitId: 'uA' }]),
    person('a1', '赵一', 'uA', 'gAB', '1995-03-01', [], '330102199503011234'),
    person('a2', '钱二', 'uA', 'gAB', '1991-01-01'),
    person('a3', '孙三', 'uA', 'gAB', '1998-07-07'),
    person('a4', '李四', 'uA', null, '1993-05-05'),
    person('a5', '郑五', 'uA', 'gAB', '1990-01-01'),
    person('orgB', '王组织', 'uB', null, '1976-03-03', [{ role: 'organizer', unitId: 'uB' }]),
    person('b1', '冯六', 'uB', 'gAB', '1996-01-01'),
    person('b2', '陈七', 'uB', 'gAB', '1990-05-20'),
    person('b3', '褚八', 'uB', null, '1980-01-01'),
    person('city', '蒋书记', 'uC', null, '1968-08-08', [{ role: 'cityAdmin' }]),
    person('orgC', '沈组织', 'uC', null, '1979-09-09', [{ role: 'organizer', unitId: 'uC' }, { role: 'organizer', groupId: 'gC' }]),
    person('c1', '韩九', 'uC', 'gC', '1997-04-04'),
    person('c2', '杨十', 'uC', 'gC', '1999-09-09'),
    person('d1', '朱十一', 'uD', null, '2001-01-01'),
  ],
}
const NAME: Record<string, string> = Object.fromEntries(ORG.members.map((m) => [m.id, m.name]))
const UNIT_NAME: Record<string, string> = Object.fromEntries(ORG.units.map((u) => [u.id, u.name]))

const T = {
  A1: '甲乙联合青年小组1月学习',
  A2: '丙局青年小组1月学习',
  A3: '处长讲坛：政务公开',
  V1: '社区志愿服务（1月）',
  V2: '冬送温暖志愿服务',
  A4: '甲乙联合青年小组2月学习',
  A5: '青年讲座：数字政府',
  A6: '甲乙联合青年小组3月学习',
  A7: '丙局青年小组3月晨学',
  A8: '党建知识宣讲（3月上旬）',
  A9: '党建知识宣讲（3月下旬）',
  V3: '金秋助学志愿服务',
}
const Q1_MONTHS = ['2026-01', '2026-02', '2026-03']

let srv: TestServer
let w: World
const act: Record<string, string> = {}
/** Responses captured while the quarter was being lived, asserted by the tests below. */
const log: Record<string, any> = {}

// The gateway re-reads policy versions at most every 5 s of real time; the test clock jumps days in
// milliseconds, so after setting a policy the test moves Date.now on by 10 s (see also the last describe).
const realDateNow = Date.now.bind(Date)
let skewMs = 0

const study = (title: string, group: string, start: string, end: string) => ({
  kind: 'study',
  subKind: '青年理论学习小组学习',
  title,
  startAt: shanghai(start),
  endAt: shanghai(end),
  audience: { type: 'groups', groupIds: [group] },
})
const forUnit = (kind: 'lecture' | 'volunteer', title: string, unit: string, start: string, end: string) => ({
  kind,
  title,
  startAt: shanghai(start),
  endAt: shanghai(end),
  audience: { type: 'units', unitIds: [unit] },
})

async function liveTheQuarter() {
  const { at, create, checkIn, checkOut, ok } = w
  // ---- January ----
  at('2026-01-08 10:00')
  act.A1 = await create('orgA', study(T.A1, 'gAB', '2026-01-10 09:00', '2026-01-10 11:00'))
  act.A2 = await create('orgC', study(T.A2, 'gC', '2026-01-12 09:00', '2026-01-12 11:00'))
  act.A3 = await create('orgA', { ...forUnit('lecture', T.A3, 'uA', '2026-01-15 14:00', '2026-01-15 16:00'), subKind: '处长讲坛' })
  act.V1 = await create('orgA', forUnit('volunteer', T.V1, 'uA', '2026-01-20 09:00', '2026-01-20 12:00'))

  at('2026-01-10 09:05')
  for (const m of ['a1', 'a2', 'a3', 'a5', 'b1', 'b2']) log[`A1.${m}`] = await checkIn('orgA', m, act.A1)
  at('2026-01-12 09:05')
  for (const m of ['c1', 'c2']) await checkIn('orgC', m, act.A2)
  at('2026-01-15 14:00')
  await checkIn('orgA', 'a1', act.A3)
  at('2026-01-15 14:10')
  await checkIn('orgA', 'a4', act.A3)
  at('2026-01-20 08:50')
  await checkIn('orgA', 'a1', act.V1)
  at('2026-01-20 09:10')
  await checkIn('orgA', 'a4', act.V1)
  at('2026-01-20 10:50')
  log.V1a4 = await checkOut('orgA', 'a4', act.V1)
  at('2026-01-20 12:10')
  log.V1a1 = await checkOut('orgA', 'a1', act.V1)
  at('2026-01-20 18:00')
  log.coverageJanuary = await ok('stats', { action: 'coverage' }, 'city')

  // ---- February ----
  at('2026-02-10 10:00')
  act.V2 = await create('orgB', { ...forUnit('volunteer', T.V2, 'uB', '2026-02-14 09:00', '2026-02-14 17:00'), subKind: '冬送温暖' })
  act.A4 = await create('orgA', study(T.A4, 'gAB', '2026-02-14 18:00', '2026-02-14 20:00'))
  act.A5 = await create('orgB', forUnit('lecture', T.A5, 'uB', '2026-02-14 19:00', '2026-02-14 20:00'))
  at('2026-02-14 08:45')
  await checkIn('orgB', 'b1', act.V2)
  at('2026-02-14 09:20')
  await checkIn('orgB', 'b3', act.V2)
  at('2026-02-14 11:20')
  log.V2b3 = await checkOut('orgB', 'b3', act.V2)
  at('2026-02-14 17:10')
  log.V2b1 = await checkOut('orgB', 'b1', act.V2)
  at('2026-02-14 18:05')
  for (const m of ['a1', 'a2', 'b1', 'b2']) log[`A4.${m}`] = await checkIn('orgA', m, act.A4)
  at('2026-02-14 19:05')
  log['A5.b1'] = await checkIn('orgB', 'b1', act.A5)
  log['A5.b2'] = await checkIn('orgB', 'b2', act.A5)
  at('2026-02-16 10:00')
  log.makeupA3 = await ok('checkin', { action: 'addMakeup', activityId: act.A4, memberId: 'a3', reason: '当晚在单位值班，经支部核实参加了学习' }, 'orgA')

  // ---- March ----
  at('2026-02-26 10:00')
  act.A7 = await create('orgC', study(T.A7, 'gC', '2026-03-01 07:30', '2026-03-01 09:00'))
  act.A6 = await create('orgA', study(T.A6, 'gAB', '2026-03-07 09:00', '2026-03-07 11:00'))
  at('2026-03-01 07:33')
  await checkIn('orgC', 'c2', act.A7)
  at('2026-03-01 07:36')
  await checkIn('orgC', 'c1', act.A7)
  at('2026-03-07 09:05')
  for (const m of ['a1', 'a2', 'a3', 'b1']) await checkIn('orgA', m, act.A6)

  at('2026-03-08 10:00')
  log.a3BeforeReversal = await ok('stats', { action: 'myScore', period: '2026-Q1' }, 'a3')
  log.boardBeforeReversal = await ok('stats', { action: 'leaderboard', period: '2026-Q1', view: 'members' }, 'a1')
  const wrong = log.a3BeforeReversal.entries.find((e: any) => e.activityTitle === T.A6)
  log.reversal = await ok('checkin', { action: 'reverseCredit', entryId: wrong.id, note: '代签，经核实本人未到场' }, 'orgA')

  at('2026-03-09 10:00')
  log.policyBefore = await ok('stats', { action: 'policy' }, 'city')
  log.setPolicy = await ok('stats', { action: 'setPolicy', effectiveFrom: '2026-03-16T00:00:00+08:00', pointsPerKind: { study: 3, lecture: 2 } }, 'city')
  skewMs += 10_000
  act.A8 = await create('orgA', forUnit('lecture', T.A8, 'uA', '2026-03-12 14:00', '2026-03-12 16:00'))
  act.A9 = await create('orgA', forUnit('lecture', T.A9, 'uA', '2026-03-20 14:00', '2026-03-20 16:00'))
  act.V3 = await create('orgC', { ...forUnit('volunteer', T.V3, 'uC', '2026-03-21 09:00', '2026-03-21 11:00'), subKind: '金秋助学' })
  at('2026-03-12 14:05')
  log['A8.a4'] = await checkIn('orgA', 'a4', act.A8)
  at('2026-03-20 14:05')
  log['A9.a4'] = await checkIn('orgA', 'a4', act.A9)
  log['A9.a1'] = await checkIn('orgA', 'a1', act.A9)
  at('2026-03-21 09:00')
  await checkIn('orgC', 'c1', act.V3)
  at('2026-03-21 11:00')
  log.V3c1 = await checkOut('orgC', 'c1', act.V3)

  at('2026-03-25 10:00')
}

beforeAll(async () => {
  jest.spyOn(Date, 'now').mockImplementation(() => realDateNow() + skewMs)
  srv = await startTestServer({ seed: false, now: shanghai('2026-01-05 09:00') })
  w = world(srv)
  await srv.store.importOrg(ORG, srv.clock.now().toISOString())
  await liveTheQuarter()
}, 60_000)

afterAll(async () => {
  jest.restoreAllMocks()
  await srv.close()
})

const stat = (event: Record<string, unknown>, who: string) => w.ok('stats', event, who)

describe('the quarter as lived: what each action answered', () => {
  it('check-ins earn 2 for study and 1 for a lecture; the daily cap of 10 holds back what is over', () => {
    expect(log['A1.a1']).toMatchObject({ pointsEarned: 2, pointsCapped: 0, alreadyCheckedIn: false })
    // b1 had 8 volunteer points that day: the study session's 2 fill the cap, the lecture earns nothing.
    expect(log['A4.b1']).toMatchObject({ pointsEarned: 2, pointsCapped: 0 })
    expect(log['A5.b1']).toMatchObject({ pointsEarned: 0, pointsCapped: 1 })
    expect(log['A5.b2']).toMatchObject({ pointsEarned: 1, pointsCapped: 0 })
  })

  it('volunteer check-outs: hours clipped to the activity, rounded down to half hours, 1 point per full hour', () => {
    expect(log.V1a1).toMatchObject({ hours: 3, effectiveHours: 3, pendingHours: 0, pointsEarned: 3 })
    expect(log.V1a4).toMatchObject({ hours: 1.5, effectiveHours: 1.5, pendingHours: 0, pointsEarned: 1 })
    expect(log.V2b1).toMatchObject({ hours: 8, effectiveHours: 8, pendingHours: 0, pointsEarned: 8 })
    expect(log.V2b3).toMatchObject({ hours: 2, effectiveHours: 2, pointsEarned: 2 })
    expect(log.V3c1).toMatchObject({ hours: 2, effectiveHours: 2, pointsEarned: 2 })
  })

  it('the organizer’s make-up and correction were recorded', () => {
    expect(log.makeupA3).toMatchObject({ activityId: act.A4, memberId: 'a3', status: 'approved', reviewedBy: 'orgA', requestedBy: 'orgA' })
    expect(log.reversal).toMatchObject({ memberId: 'a3', activityId: act.A6, kind: 'study', points: -2, hours: 0, approvedBy: 'orgA' })
  })
})

describe('stats.coverage', () => {
  // Q1, judged on 2026-03-25 (all three months begun):
  //   uA: youth a1 a2 a3 a4 (a5 is 36) = 4; a1 a2 a3 in gAB (met every month) = 3 → 75%, red; a4 has no group
  //   uB: youth b1 b2 = 2, both in gAB → 100%; its only group met monthly → green
  //   uC: youth c1 c2 = 2, both in gC → 100%; gC met in January and March (A7 at 02-28T23:30Z is March 1 in Shanghai), not February → amber
  //   uD: youth d1 = 1, no group → 0%, red
  //   city: 9 youth, 7 in active groups; 1 green unit of 4
  const gAB = { id: 'gAB', name: '甲乙联合青年理论学习小组', monthsMet: Q1_MONTHS, monthsMissed: [], active: true, meetsMonthly: true }
  const gC = { id: 'gC', name: '丙局青年理论学习小组', jointWith: [], monthsMet: ['2026-01', '2026-03'], monthsMissed: ['2026-02'], active: true, meetsMonthly: false }
  const Q1_UNITS = [
    { unitId: 'uA', unitName: '甲局', youth: 4, youthInActiveGroups: 3, coverage: 0.75, groups: [{ ...gAB, jointWith: ['uB'] }], groupsMeetingMonthly: 1, status: 'red', uncovered: [{ id: 'a4', name: '李四', reason: 'noGroup' }], namesWithheld: false, namesOnRequest: false },
    { unitId: 'uB', unitName: '乙局', youth: 2, youthInActiveGroups: 2, coverage: 1, groups: [{ ...gAB, jointWith: ['uA'] }], groupsMeetingMonthly: 1, status: 'green', uncovered: [], namesWithheld: false, namesOnRequest: false },
    { unitId: 'uC', unitName: '丙局', youth: 2, youthInActiveGroups: 2, coverage: 1, groups: [gC], groupsMeetingMonthly: 0, status: 'amber', uncovered: [], namesWithheld: false, namesOnRequest: false },
    { unitId: 'uD', unitName: '丁局', youth: 1, youthInActiveGroups: 0, coverage: 0, groups: [], groupsMeetingMonthly: 0, status: 'red', uncovered: [{ id: 'd1', name: '朱十一', reason: 'noGroup' }], namesWithheld: false, namesOnRequest: false },
  ]
  /** Every unit at once carries no names: the ones with uncovered youth say the names come on request. */
  const LISTED = Q1_UNITS.map((u) => ({ ...u, uncovered: [], namesOnRequest: u.uncovered.length > 0 }))

  it('city admin, default period (the current quarter, 2026-Q1): every unit, its status and the green share', async () => {
    expect(await stat({ action: 'coverage' }, 'city')).toEqual({
      period: '2026-Q1',
      months: Q1_MONTHS,
      youthAgeLimit: 35,
      units: LISTED,
      youth: 9,
      youthInActiveGroups: 7,
      coverage: 7 / 9,
      greenUnits: 1,
      greenShare: 0.25,
    })
  })

  it('in January, February and March had not begun: not missed, so both groups met "every month" so far', () => {
    const c = log.coverageJanuary
    expect(c).toMatchObject({ period: '2026-Q1', months: ['2026-01'], greenUnits: 2, greenShare: 0.5 })
    expect(c.units.map((u: any) => [u.unitId, u.status, u.coverage])).toEqual([
      ['uA', 'red', 0.75],
      ['uB', 'green', 1],
      ['uC', 'green', 1],
      ['uD', 'red', 0],
    ])
    expect(c.units[2].groups).toEqual([{ ...gC, monthsMet: ['2026-01'], monthsMissed: [], meetsMonthly: true }])
  })

  it('the year 2026 (judged on the months begun so far) equals the first quarter here', async () => {
    const y = await stat({ action: 'coverage', period: '2026' }, 'city')
    expect(y).toMatchObject({ period: '2026', months: Q1_MONTHS, units: LISTED, coverage: 7 / 9, greenShare: 0.25 })
  })

  it('2026-Q3: ages are taken on 2026-07-01, when b2 (born 1990-05-20) is 36 and no longer youth', async () => {
    const q3 = await stat({ action: 'coverage', period: '2026-Q3' }, 'city')
    expect(q3.months).toEqual([])
    expect(q3.units.map((u: any) => [u.unitId, u.youth])).toEqual([
      ['uA', 4],
      ['uB', 1],
      ['uC', 2],
      ['uD', 1],
    ])
    // No month of Q3 has begun, so no group is blamed for one.
    for (const u of q3.units) for (const g of u.groups) expect(g.monthsMissed).toEqual([])
  })

  it('the city admin gets a unit’s uncovered names by asking for that unit', async () => {
    for (const u of Q1_UNITS) expect((await stat({ action: 'coverage', period: '2026-Q1', unitId: u.unitId }, 'city')).units).toEqual([u])
  })

  it('a unit admin sees every unit’s numbers but uncovered names only for their own unit', async () => {
    const c = await stat({ action: 'coverage', period: '2026-Q1' }, 'admA')
    expect(c.units.map((u: any) => [u.unitId, u.youth, u.youthInActiveGroups, u.status])).toEqual(Q1_UNITS.map((u) => [u.unitId, u.youth, u.youthInActiveGroups, u.status]))
    expect(c.units.find((u: any) => u.unitId === 'uA')).toMatchObject({ uncovered: [], namesOnRequest: true, namesWithheld: false })
    expect(c.units.find((u: any) => u.unitId === 'uD')).toMatchObject({ uncovered: [], namesOnRequest: false, namesWithheld: true })
    const onlyA = await stat({ action: 'coverage', period: '2026-Q1', unitId: 'uA' }, 'admA')
    expect(onlyA.units).toEqual([Q1_UNITS[0]])
    const onlyD = await stat({ action: 'coverage', period: '2026-Q1', unitId: 'uD' }, 'admA')
    expect(onlyD.units).toEqual([{ ...Q1_UNITS[3], uncovered: [], namesWithheld: true }])
    const cityD = await stat({ action: 'coverage', period: '2026-Q1', unitId: 'uD' }, 'city')
    expect(cityD.units).toEqual([Q1_UNITS[3]])
  })

  it('an organizer (not an admin) sees the numbers and no names', async () => {
    const c = await stat({ action: 'coverage', period: '2026-Q1' }, 'orgA')
    expect(c.units.map((u: any) => u.uncovered)).toEqual([[], [], [], []])
    expect(c.youthInActiveGroups).toBe(7)
  })

  it('bad period: BAD_INPUT', async () => {
    await w.expectRefused(() => w.call('stats', { action: 'coverage', period: '2026-Q5' }, 'city'), 'BAD_INPUT', 400)
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
    expect(v.memberHours.slice(0, 2)).toEqual([
      { memberId: 'a1', name: '赵一', hours: 3 },
      { memberId: 'a4', name: '李四', hours: 1.5 },
    ])
    expect(v.memberHours).toHaveLength(7)
    expect(v.memberHours.slice(2).map((m: any) => m.hours)).toEqual([0, 0, 0, 0, 0])
  })

  it('one month: February is uB’s 10 hours only', async () => {
    const v = await stat({ action: 'volunteer', period: '2026-02' }, 'orgB')
    expect(v).toMatchObject({ period: '2026-02', months: ['2026-02'], totalHours: 10, participants: 2, participation: 2 / 16, trend: [{ month: '2026-02', hours: 10 }] })
    expect(v.units.map((u: any) => [u.unitId, u.hours])).toEqual([
      ['uB', 10],
      ['uA', 0],
      ['uC', 0],
      ['uD', 0],
    ])
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
const boardTuples = (rows: any[]) => rows.map((r) => [r.memberId, r.rank, r.score, r.attended, r.eligibleSessions, r.attendanceRate, r.reachedAt])

describe('stats.leaderboard', () => {
  it('study-model board, city, members: youth only, hand-computed scores and tie-breaks', async () => {
    const b = await stat({ action: 'leaderboard', period: '2026-Q1', view: 'members' }, 'a1')
    expect(b).toMatchObject({ period: '2026-Q1', board: 'studyModel', scope: 'city', view: 'members', total: 9, units: [] })
    expect(boardTuples(b.rows)).toEqual(Q1_BOARD)
    expect(b.rows.map((r: any) => [r.name, r.unitName])).toEqual(Q1_BOARD.map(([id]) => [NAME[id], UNIT_NAME[ORG.members.find((m) => m.id === id)!.unitId]]))
    // Not youth: a5 (36 on 2026-01-01) even with group credits, organizers, admins, b3.
    for (const id of ['a5', 'orgA', 'admA', 'orgB', 'b3', 'city', 'orgC']) expect(b.rows.map((r: any) => r.memberId)).not.toContain(id)
  })

  it('a reversed credit lowers the score (and the attendance) it had added', async () => {
    // On 03-08, before the correction: a3 had 2 + 2 + 2 = 6 from 3 credits.
    expect(log.boardBeforeReversal.rows.find((r: any) => r.memberId === 'a3')).toMatchObject({ score: 6, attended: 3 })
    const now = await stat({ action: 'leaderboard', period: '2026-Q1', view: 'members' }, 'a1')
    expect(now.rows.find((r: any) => r.memberId === 'a3')).toMatchObject({ score: 4, attended: 2, rank: 8 })
  })

  it('unit scope: the caller’s own unit by default, another unit when named', async () => {
    const mine = await stat({ action: 'leaderboard', period: '2026-Q1', scope: 'unit' }, 'a1')
    expect(mine).toMatchObject({ scope: 'unit', view: 'members', total: 4 })
    expect(mine.rows.map((r: any) => [r.rank, r.memberId, r.score])).toEqual([
      [1, 'a1', 9],
      [2, 'a2', 6],
      [3, 'a4', 4],
      [4, 'a3', 4],
    ])
    const uB = await stat({ action: 'leaderboard', period: '2026-Q1', scope: 'unit', unitId: 'uB' }, 'a1')
    expect(uB.rows.map((r: any) => [r.rank, r.memberId, r.score])).toEqual([
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
    expect(q3.rows.map((r: any) => r.memberId).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'c1', 'c2', 'd1'])
    expect(q3.rows.every((r: any) => r.score === 0)).toBe(true)
  })

  it('volunteer board: everyone with hours, by hours; a tie goes to who reached it first', async () => {
    // b1 8, a1 3, b3 2 (02-14 11:20) before c1 2 (03-21 11:00), a4 1.5; b3 is not youth and still counts.
    const b = await stat({ action: 'leaderboard', period: '2026-Q1', board: 'volunteer', view: 'members' }, 'a1')
    expect(b.rows.map((r: any) => [r.rank, r.memberId, r.score, r.reachedAt])).toEqual([
      [1, 'b1', 8, shanghai('2026-02-14 17:10')],
      [2, 'a1', 3, shanghai('2026-01-20 12:10')],
      [3, 'b3', 2, shanghai('2026-02-14 11:20')],
      [4, 'c1', 2, shanghai('2026-03-21 11:00')],
      [5, 'a4', 1.5, shanghai('2026-01-20 10:50')],
    ])
    const units = await stat({ action: 'leaderboard', period: '2026-Q1', board: 'volunteer' }, 'a1')
    // uB (8+2)/2 = 5; uA (3+1.5)/2 = 2.25; uC 2/1; uD nobody.
    expect(units.units.map((u: any) => [u.rank, u.unitId, u.members, u.total, u.average])).toEqual([
      [1, 'uB', 2, 10, 5],
      [2, 'uA', 2, 4.5, 2.25],
      [3, 'uC', 1, 2, 2],
      [4, 'uD', 0, 0, 0],
    ])
  })

  it('without a session: UNAUTHENTICATED', async () => {
    await w.expectRefused(() => w.call('stats', { action: 'leaderboard', period: '2026-Q1' }), 'UNAUTHENTICATED', 401)
  })
})

describe('stats.myScore', () => {
  const sum = (entries: any[]) => entries.filter((e) => e.kind !== 'volunteer').reduce((s, e) => s + e.points, 0)

  it('a1: rank 1 of 9 in the city, 1 of 4 in the unit; the entries add up to the score', async () => {
    const s = await stat({ action: 'myScore', period: '2026-Q1' }, 'a1')
    expect(s).toMatchObject({ period: '2026-Q1', youth: true, score: 9, attendanceRate: 5 / 6, cityRank: 1, unitRank: 1, boardSize: { city: 9, unit: 4 }, volunteerHours: 3 })
    expect(s.entries.map((e: any) => [e.activityTitle, e.kind, e.points, e.hours, e.method, e.at])).toEqual([
      [T.A1, 'study', 2, 0, 'qr', shanghai('2026-01-10 09:05')],
      [T.A3, 'lecture', 1, 0, 'qr', shanghai('2026-01-15 14:00')],
      [T.V1, 'volunteer', 3, 3, 'qr', shanghai('2026-01-20 12:10')],
      [T.A4, 'study', 2, 0, 'qr', shanghai('2026-02-14 18:05')],
      [T.A6, 'study', 2, 0, 'qr', shanghai('2026-03-07 09:05')],
      [T.A9, 'lecture', 2, 0, 'qr', shanghai('2026-03-20 14:05')],
    ])
    expect(sum(s.entries)).toBe(s.score)
  })

  it('a3: the make-up and the reversal are entries of their own; 6 before the correction, 4 after', async () => {
    expect(log.a3BeforeReversal).toMatchObject({ score: 6, cityRank: 4 })
    const s = await stat({ action: 'myScore', period: '2026-Q1' }, 'a3')
    expect(s).toMatchObject({ youth: true, score: 4, cityRank: 8, unitRank: 4, attendanceRate: 1 / 3, volunteerHours: 0 })
    const original = s.entries.find((e: any) => e.activityTitle === T.A6 && e.reversesId === null)
    expect(s.entries.map((e: any) => [e.activityTitle, e.points, e.method, e.reversesId])).toEqual([
      [T.A1, 2, 'qr', null],
      [T.A4, 2, 'manual', null],
      [T.A6, 2, 'qr', null],
      [T.A6, -2, 'manual', original.id],
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
    const rows = srv.store.db.prepare(`SELECT activity_id, points FROM ledger WHERE member_id = 'a4' AND kind = 'lecture' ORDER BY seq`).all()
    expect(rows).toEqual([
      { activity_id: act.A3, points: 1 },
      { activity_id: act.A8, points: 1 },
      { activity_id: act.A9, points: 2 },
    ])
    expect((await stat({ action: 'policy' }, 'city')).current.pointsPerKind).toEqual({ study: 3, lecture: 2, volunteer: 0 })
  })

  it('refused: an effective date in the past, no change at all, a bad value; nothing stored', async () => {
    await w.expectRefused(() => w.call('stats', { action: 'setPolicy', effectiveFrom: shanghai('2026-03-24 10:00'), dailyPointsCap: 8 }, 'city'), 'BAD_INPUT', 400)
    await w.expectRefused(() => w.call('stats', { action: 'setPolicy', effectiveFrom: shanghai('2026-04-01 00:00') }, 'city'), 'BAD_INPUT', 400)
    await w.expectRefused(() => w.call('stats', { action: 'setPolicy', effectiveFrom: shanghai('2026-04-01 00:00'), youthAgeLimit: 60 }, 'city'), 'BAD_INPUT', 400)
    expect((await stat({ action: 'policy' }, 'city')).versions).toHaveLength(1)
  })

  it('only a city admin may read or set the policy', async () => {
    const change = { action: 'setPolicy', effectiveFrom: shanghai('2026-04-01 00:00'), dailyPointsCap: 8 }
    for (const who of ['admA', 'orgA', 'a1']) {
      await w.expectRefused(() => w.call('stats', change, who), 'FORBIDDEN', 403)
      await w.expectRefused(() => w.call('stats', { action: 'policy' }, who), 'FORBIDDEN', 403)
    }
    expect(srv.store.db.prepare('SELECT COUNT(*) AS n FROM policy_versions').get()).toEqual({ n: 1 })
  })
})

describe('stats.certificate and stats.verifyCertificate', () => {
  let mine: any

  it('a member’s own: name, masked ID, hours, activities, issuing unit, serial and code', async () => {
    mine = await stat({ action: 'certificate', period: '2026-Q1' }, 'a1')
    expect(mine).toEqual({
      serial: 'ZY2026000001',
      verifyCode: expect.stringMatching(/^[0-9A-F]{8}$/),
      name: '赵一',
      maskedId: '3301**********1234',
      period: '2026-Q1',
      hours: 3,
      activities: 1,
      issuingUnit: '甲局',
      issuedAt: shanghai('2026-03-25 10:00'),
      verifyUrl: `http://checkin.test/pages/verify/index?s=ZY2026000001&c=${mine.verifyCode}`,
    })
  })

  it('asking again with the same hours gives the same certificate', async () => {
    const again = await stat({ action: 'certificate', period: '2026-Q1' }, 'a1')
    expect(again).toEqual(mine)
  })

  it('another member cannot get it (FORBIDDEN); nor can an organizer or another unit’s admin; the unit admin can', async () => {
    await w.expectRefused(() => w.call('stats', { action: 'certificate', period: '2026-Q1', memberId: 'a4' }, 'a1'), 'FORBIDDEN', 403)
    await w.expectRefused(() => w.call('stats', { action: 'certificate', period: '2026-Q1', memberId: 'a4' }, 'orgA'), 'FORBIDDEN', 403)
    await w.expectRefused(() => w.call('stats', { action: 'certificate', period: '2026-Q1', memberId: 'b1' }, 'admA'), 'FORBIDDEN', 403)
    const a4 = await stat({ action: 'certificate', period: '2026-Q1', memberId: 'a4' }, 'admA')
    // No ID number on file.
    expect(a4).toMatchObject({ serial: 'ZY2026000002', name: '李四', maskedId: '未登记', hours: 1.5, activities: 1, issuingUnit: '甲局' })
    const b1 = await stat({ action: 'certificate', period: '2026-Q1', memberId: 'b1' }, 'city')
    expect(b1).toMatchObject({ serial: 'ZY2026000003', name: '冯六', hours: 8, activities: 1, issuingUnit: '乙局' })
  })

  it('no confirmed volunteer hours in the period: CONFLICT; an unknown member: NOT_FOUND', async () => {
    await w.expectRefused(() => w.call('stats', { action: 'certificate', period: '2026-Q1' }, 'a2'), 'CONFLICT', 409)
    await w.expectRefused(() => w.call('stats', { action: 'certificate', period: '2026-Q1', memberId: 'nobody' }, 'city'), 'NOT_FOUND', 404)
  })

  it('anyone can verify it without a session; the name is partly hidden and the code is not echoed', async () => {
    const res = await w.call('stats', { action: 'verifyCertificate', serial: mine.serial, code: mine.verifyCode.toLowerCase() })
    expect(res.status).toBe(200)
    expect(res.body.data).toEqual({
      valid: true,
      serial: 'ZY2026000001',
      name: '赵*',
      maskedId: '3301**********1234',
      period: '2026-Q1',
      hours: 3,
      activities: 1,
      issuingUnit: '甲局',
      issuedAt: shanghai('2026-03-25 10:00'),
    })
  })

  it('a wrong code or an unknown serial: NOT_FOUND', async () => {
    const wrong = mine.verifyCode === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA'
    await w.expectRefused(() => w.call('stats', { action: 'verifyCertificate', serial: mine.serial, code: wrong }), 'NOT_FOUND', 404)
    await w.expectRefused(() => w.call('stats', { action: 'verifyCertificate', serial: 'ZY2026999999', code: mine.verifyCode }), 'NOT_FOUND', 404)
  })
})

describe('exports: CSV and XLSX say what the JSON says', () => {
  const STATUS: Record<string, string> = { green: '绿（全覆盖且按月学习）', amber: '黄（覆盖率 80% 以上）', red: '红（覆盖率不足 80%）' }

  async function both(what: string, period: string) {
    const csv = await stat({ action: 'export', what, period, format: 'csv' }, 'orgA')
    const xlsx = await stat({ action: 'export', what, period, format: 'xlsx' }, 'orgA')
    const c = readCsv(csv)
    expect(c.bom).toBe(true)
    expect(csv.mimeType).toContain('text/csv')
    expect(xlsx.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    return { csv, xlsx, csvRows: c.rows, xlsxRows: await readXlsx(xlsx) }
  }

  /** The CSV holds every cell as text; the XLSX keeps numbers as numbers. */
  function expectRows(file: { csvRows: string[][]; xlsxRows: unknown[][]; csv: any; xlsx: any }, header: string[], rows: (string | number)[][]) {
    expect(file.csvRows).toEqual([header, ...rows.map((r) => r.map(String))])
    expect(file.xlsxRows).toEqual([header, ...rows])
    expect(file.csv.rows).toBe(rows.length)
    expect(file.xlsx.rows).toBe(rows.length)
  }

  it('coverage', async () => {
    const json = await stat({ action: 'coverage', period: '2026-Q1' }, 'orgA')
    const f = await both('coverage', '2026-Q1')
    expect(f.csv.filename).toBe('青年理论学习小组覆盖-2026-Q1.csv')
    expect(f.xlsx.filename).toBe('青年理论学习小组覆盖-2026-Q1.xlsx')
    const header = ['单位', '青年人数', '参加活跃小组人数', '覆盖率', '按月学习的小组', '小组数', '状态']
    const byHand = [
      ['甲局', 4, 3, '75%', 1, 1, STATUS.red],
      ['乙局', 2, 2, '100%', 1, 1, STATUS.green],
      ['丙局', 2, 2, '100%', 0, 1, STATUS.amber],
      ['丁局', 1, 0, '0%', 0, 0, STATUS.red],
    ]
    expect(json.units.map((u: any) => [u.unitName, u.youth, u.youthInActiveGroups, pct(u.coverage), u.groupsMeetingMonthly, u.groups.length, STATUS[u.status]])).toEqual(byHand)
    expectRows(f, header, byHand)
  })

  it('volunteer', async () => {
    const json = await stat({ action: 'volunteer', period: '2026-Q1' }, 'orgA')
    const f = await both('volunteer', '2026-Q1')
    expect(f.csv.filename).toBe('志愿服务统计-2026-Q1.csv')
    const header = ['单位', '志愿服务时长(小时)', '党员人数', '参与人数', '参与率', ...Q1_MONTHS]
    const byHand = [
      ['乙局', 10, 4, 2, '50%', 0, 10, 0],
      ['甲局', 4.5, 7, 2, '28.6%', 4.5, 0, 0],
      ['丙局', 2, 4, 1, '25%', 0, 0, 2],
      ['丁局', 0, 1, 0, '0%', 0, 0, 0],
    ]
    expect(json.units.map((u: any) => [u.unitName, u.hours, u.members, u.participants, pct(u.participation), ...Q1_MONTHS.map((m) => u.byMonth[m])])).toEqual(byHand)
    expectRows(f, header, byHand)
  })

  it('leaderboard (the study-model board, city, members)', async () => {
    const json = await stat({ action: 'leaderboard', period: '2026-Q1', view: 'members' }, 'orgA')
    const f = await both('leaderboard', '2026-Q1')
    expect(f.csv.filename).toBe('学习积分排行-2026-Q1.csv')
    const header = ['名次', '姓名', '单位', '学习积分', '出勤率']
    const byHand = [
      [1, '赵一', '甲局', 9, '83.3%'],
      [2, '冯六', '乙局', 6, '100%'],
      [3, '钱二', '甲局', 6, '50%'],
      [4, '陈七', '乙局', 5, '75%'],
      [5, '杨十', '丙局', 4, '100%'],
      [6, '韩九', '丙局', 4, '100%'],
      [7, '李四', '甲局', 4, '100%'],
      [8, '孙三', '甲局', 4, '33.3%'],
      [9, '朱十一', '丁局', 0, '0%'],
    ]
    expect(json.rows.map((r: any) => [r.rank, r.name, r.unitName, r.score, pct(r.attendanceRate)])).toEqual(byHand)
    expectRows(f, header, byHand)
  })

  it('plain members may not export, nor see the coverage and volunteer dashboards, nor freeze a selection', async () => {
    for (const event of [
      { action: 'export', what: 'coverage', period: '2026-Q1', format: 'csv' },
      { action: 'export', what: 'studyModels', period: '2026-Q1', format: 'xlsx' },
      { action: 'coverage', period: '2026-Q1' },
      { action: 'volunteer', period: '2026-Q1' },
      { action: 'freezeSnapshot', period: '2026-Q1', topN: 3 },
      { action: 'setPolicy', effectiveFrom: shanghai('2026-04-01 00:00'), dailyPointsCap: 8 },
    ])
      await w.expectRefused(() => w.call('stats', event, 'a1'), 'FORBIDDEN', 403)
  })
})

describe('study-model selection: freeze, 7-day public notice (公示), final', () => {
  // Own-group study attendance in Q1 (gAB: A1 A4 A6; gC: A2 A7), eligibility needs ≥ 80%:
  //   a1 3/3, b1 3/3, a2 3/3, c2 2/2, c1 2/2 → eligible
  //   b2 2/3 (missed A6) → out despite rank 4 and 5 points; a4 has no group → out; d1 scores 0 → out
  // Top 4 of the eligible, in board order: a1, b1, a2, c2.
  const TOP4 = [
    { rank: 1, memberId: 'a1', name: '赵一', unitName: '甲局', score: 9, attendanceRate: 5 / 6, groupAttendanceRate: 1 },
    { rank: 2, memberId: 'b1', name: '冯六', unitName: '乙局', score: 6, attendanceRate: 1, groupAttendanceRate: 1 },
    { rank: 3, memberId: 'a2', name: '钱二', unitName: '甲局', score: 6, attendanceRate: 0.5, groupAttendanceRate: 1 },
    { rank: 4, memberId: 'c2', name: '杨十', unitName: '丙局', score: 4, attendanceRate: 1, groupAttendanceRate: 1 },
  ]
  const FROZEN_AT = shanghai('2026-03-25 10:00')
  const NOTICE_UNTIL = shanghai('2026-04-01 10:00')
  let snapshotId: string
  const exportModels = (format: 'csv' | 'xlsx') => w.call('stats', { action: 'export', what: 'studyModels', period: '2026-Q1', format }, 'city')

  it('before any freeze: no snapshot, and nothing to export (NOT_FOUND)', async () => {
    srv.clock.set(FROZEN_AT)
    expect(await stat({ action: 'snapshot', period: '2026-Q1' }, 'a1')).toBeNull()
    await w.expectRefused(() => exportModels('csv'), 'NOT_FOUND', 404)
  })

  it('only a city admin may freeze; a period with nobody eligible: CONFLICT', async () => {
    for (const who of ['admA', 'orgA', 'a1']) await w.expectRefused(() => w.call('stats', { action: 'freezeSnapshot', period: '2026-Q1', topN: 4 }, who), 'FORBIDDEN', 403)
    await w.expectRefused(() => w.call('stats', { action: 'freezeSnapshot', period: '2026-Q3', topN: 4 }, 'city'), 'CONFLICT', 409)
    expect(srv.store.db.prepare('SELECT COUNT(*) AS n FROM snapshots').get()).toEqual({ n: 0 })
  })

  it('the city admin freezes the top 4: own-group attendance below 80% excludes b2 despite a higher score', async () => {
    const s = await stat({ action: 'freezeSnapshot', period: '2026-Q1', topN: 4, minGroupAttendance: 0.8 }, 'city')
    snapshotId = s.id
    expect(s).toEqual({
      id: expect.any(String),
      period: '2026-Q1',
      status: 'notice',
      rules: { topN: 4, minGroupAttendance: 0.8 },
      entries: TOP4,
      frozenBy: 'city',
      frozenAt: FROZEN_AT,
      noticeUntil: NOTICE_UNTIL,
    })
  })

  it('during the notice every member sees it as 公示, and the list cannot be exported (CONFLICT)', async () => {
    const s = await stat({ action: 'snapshot', period: '2026-Q1' }, 'd1')
    expect(s).toMatchObject({ id: snapshotId, status: 'notice', entries: TOP4, frozenAt: FROZEN_AT, noticeUntil: NOTICE_UNTIL })
    await w.expectRefused(() => exportModels('csv'), 'CONFLICT', 409)
    srv.clock.set(new Date(Date.parse(NOTICE_UNTIL) - 1).toISOString())
    expect(await stat({ action: 'snapshot', period: '2026-Q1' }, 'd1')).toMatchObject({ status: 'notice' })
    await w.expectRefused(() => exportModels('xlsx'), 'CONFLICT', 409)
  })

  it('7 days after the freeze it is final, and exports: CSV (BOM, header, rows) and XLSX', async () => {
    srv.clock.set(NOTICE_UNTIL)
    expect(await stat({ action: 'snapshot' }, 'd1')).toMatchObject({ period: '2026-Q1', status: 'final', entries: TOP4 })
    const header = ['名次', '姓名', '单位', '学习积分', '出勤率', '小组学习出勤率']
    const rows = [
      [1, '赵一', '甲局', 9, '83.3%', '100%'],
      [2, '冯六', '乙局', 6, '100%', '100%'],
      [3, '钱二', '甲局', 6, '50%', '100%'],
      [4, '杨十', '丙局', 4, '100%', '100%'],
    ]
    const csvRes = await exportModels('csv')
    expect(csvRes.status).toBe(200)
    expect(csvRes.body.data.filename).toBe('青年理论学习标兵-2026-Q1.csv')
    const csv = readCsv(csvRes.body.data)
    expect(csv.bom).toBe(true)
    expect(csv.rows).toEqual([header, ...rows.map((r) => r.map(String))])
    const xlsxRes = await exportModels('xlsx')
    expect(xlsxRes.status).toBe(200)
    expect(await readXlsx(xlsxRes.body.data)).toEqual([header, ...rows])
  })

  it('other periods have no snapshot', async () => {
    expect(await stat({ action: 'snapshot', period: '2026-Q3' }, 'a1')).toBeNull()
  })

  it('a credit reversed as a proxy check-in (代签) does not count as attending one’s group', async () => {
    // Regression guard (found as a bug, fixed): SqliteStats.groupAttendance (cloud/store/sqlite/SqliteStats.ts, line 108) counts
    // check_ins rows, so a3's A6 check-in still counts after its credit was reversed as 代签 (not there):
    // 3/3 = 100% instead of 2/3, and a3 becomes eligible. The board's attendance (credits) already
    // takes the reversal into account. Fix: count a group session as attended only when the
    // member's credits for it sum to a live credit (e.g. join ledger and require
    // SUM(CASE WHEN reverses_id IS NULL THEN 1 ELSE -1 END) > 0), or exclude check-ins whose credit was reversed.
    const s = await stat({ action: 'freezeSnapshot', period: '2026-Q1', topN: 10, minGroupAttendance: 0.8 }, 'city')
    expect(s.entries.map((e: any) => e.memberId)).toEqual(['a1', 'b1', 'a2', 'c2', 'c1'])
  })
})

describe('a correction made after its period ended', () => {
  it('lowers the score of the period the credit was in, not the period of the correction', async () => {
    // Regression guard (found as a bug, fixed): SqliteStore.appendCreditSync (cloud/store/sqlite/SqliteStore.ts) bumps the
    // counters of periodKeys(credit.createdAt), and a reversal is created "now" — so reversing in
    // April a credit earned in March leaves Q1 (and 2026-03) untouched and gives the member a
    // negative Q2 score. Corrections typically come after the period (e.g. objections raised during
    // the 7-day 公示 that follows a frozen selection), so they never reach the period being judged;
    // ledgerOf/volunteerSummary filter by created_at and have the same gap. Fix: count a reversal
    // towards the periods of the entry it reverses (look up reversesId's created_at in
    // appendCreditSync and in reconcileCounters), keeping its own created_at as the audit time.
    srv.clock.set(shanghai('2026-04-02 10:00'))
    const c1 = await stat({ action: 'myScore', period: '2026-Q1' }, 'c1')
    const wrong = c1.entries.find((e: any) => e.activityTitle === T.A7)
    await w.ok('checkin', { action: 'reverseCredit', entryId: wrong.id, note: '代签，经核实本人未到场' }, 'orgC')
    const q1 = await stat({ action: 'leaderboard', period: '2026-Q1', view: 'members' }, 'c1')
    const q2 = await stat({ action: 'leaderboard', period: '2026-Q2', view: 'members' }, 'c1')
    expect({
      q1: q1.rows.find((r: any) => r.memberId === 'c1')?.score,
      q2: q2.rows.find((r: any) => r.memberId === 'c1')?.score,
      myQ1: (await stat({ action: 'myScore', period: '2026-Q1' }, 'c1')).score,
    }).toEqual({ q1: 2, q2: 0, myQ1: 2 })
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
    // Regression guard (found as a bug, fixed): cloud/runtime/policySource.ts caches policy versions for 5 s of real time and
    // setPolicy (cloud/functions/stats/policy.ts) does not invalidate the gateway's cache, so a
    // version effective "now" (allowed: up to 60 s in the past) is ignored by check-ins in the next
    // few seconds, which earn the old points. Fix: let setPolicy tell the PolicySource to reload (or
    // re-read versions whose effectiveFrom ≤ now on a cache miss, or put the policy version on ctx
    // per request from the store).
    const w2 = world(srv2)
    const lecture = await w2.create('orgA', forUnit('lecture', '即时生效测试讲座', 'uA', '2026-05-10 09:00', '2026-05-10 10:00'))
    w2.at('2026-05-10 09:00')
    await w2.ok('stats', { action: 'setPolicy', effectiveFrom: srv2.clock.now().toISOString(), pointsPerKind: { lecture: 5 } }, 'city')
    srv2.clock.advance(1000)
    const res = await w2.checkIn('orgA', 'a1', lecture)
    expect(res.pointsEarned).toBe(5)
  })
})
