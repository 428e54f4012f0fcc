/**
 * The quarter the stats API tests (test/api/stats) judge: coverage (全覆盖), volunteer totals,
 * leaderboards, my score, study-model selection, exports, certificates and policy versions.
 *
 * A tiny hand-built city (no demo data) lives through the first quarter of 2026; every activity,
 * check-in, check-out, make-up and correction goes through the real actions with the clock moved
 * by hand. Every aggregate is checked against numbers worked out by hand (here and in the test files).
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
import type { OrgBatch } from '../../../cloud/store/Store'
import { between, person, shanghai, world, type ActivityFields, type World } from '../../helpers/api'
import { startTestServer, type ActionName, type DataOf, type EventOf, type TestServer } from '../../helpers/testServer'

export const ORG: OrgBatch = {
  units: [
    { id: 'uA', name: '甲局' },
    { id: 'uB', name: '乙局' },
    { id: 'uC', name: '丙局' },
    { id: 'uD', name: '丁局' },
  ],
  branches: [],
  partyGroups: [],
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
export const NAME: Record<string, string> = Object.fromEntries(ORG.members.map((m) => [m.id, m.name]))
export const UNIT_NAME: Record<string, string> = Object.fromEntries(ORG.units.map((u) => [u.id, u.name]))

export const T = {
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
export const Q1_MONTHS = ['2026-01', '2026-02', '2026-03']

export const study = (title: string, group: string, start: string, end: string): ActivityFields => ({
  kind: 'study',
  subKind: '青年理论学习小组学习',
  title,
  ...between(start, end),
  audience: { type: 'groups', groupIds: [group] },
})
export const forUnit = (kind: 'lecture' | 'volunteer', title: string, unit: string, start: string, end: string): ActivityFields => ({
  kind,
  title,
  ...between(start, end),
  audience: { type: 'units', unitIds: [unit] },
})

/** Responses captured while the quarter is lived, for the tests to judge afterwards. */
export interface QuarterLog {
  /** Check-ins by activity key and member: `log['A1.a1']`. */
  [checkIn: `${string}.${string}`]: DataOf<'checkin', 'checkIn'>
  /** Check-outs by activity key and member: `log.V1a4`. */
  V1a4: DataOf<'checkin', 'checkOut'>
  V1a1: DataOf<'checkin', 'checkOut'>
  V2b3: DataOf<'checkin', 'checkOut'>
  V2b1: DataOf<'checkin', 'checkOut'>
  V3c1: DataOf<'checkin', 'checkOut'>
  coverageJanuary: DataOf<'stats', 'coverage'>
  /** On 2 March: January and February ended, March begun (gC met on the 1st, gAB not yet). */
  coverageMarch2: DataOf<'stats', 'coverage'>
  makeupA3: DataOf<'checkin', 'addMakeup'>
  a3BeforeReversal: DataOf<'stats', 'myScore'>
  boardBeforeReversal: DataOf<'stats', 'leaderboard'>
  reversal: DataOf<'checkin', 'reverseCredit'>
  policyBefore: DataOf<'stats', 'policy'>
  setPolicy: DataOf<'stats', 'setPolicy'>
}

async function liveTheQuarter(w: World, act: Record<string, string>, log: QuarterLog, policyChanged: () => void) {
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
  at('2026-03-02 09:00')
  log.coverageMarch2 = await ok('stats', { action: 'coverage' }, 'city')
  at('2026-03-07 09:05')
  for (const m of ['a1', 'a2', 'a3', 'b1']) await checkIn('orgA', m, act.A6)

  at('2026-03-08 10:00')
  log.a3BeforeReversal = await ok('stats', { action: 'myScore', period: '2026-Q1' }, 'a3')
  log.boardBeforeReversal = await ok('stats', { action: 'leaderboard', period: '2026-Q1', view: 'members' }, 'a1')
  const wrong = log.a3BeforeReversal.entries.find((e) => e.activityTitle === T.A6)
  if (!wrong) throw new Error(`a3's credit for ${T.A6} is missing`)
  log.reversal = await ok('checkin', { action: 'reverseCredit', entryId: wrong.id, note: '代签，经核实本人未到场' }, 'orgA')

  at('2026-03-09 10:00')
  log.policyBefore = await ok('stats', { action: 'policy' }, 'city')
  log.setPolicy = await ok('stats', { action: 'setPolicy', effectiveFrom: '2026-03-16T00:00:00+08:00', pointsPerKind: { study: 3, lecture: 2 } }, 'city')
  policyChanged()
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

export interface Quarter {
  /** The server, once the quarter has been lived (in beforeAll). */
  readonly srv: TestServer
  readonly w: World
  /** Activity ids by their key in T. */
  act: Record<string, string>
  /** Responses captured while the quarter was being lived (filled in beforeAll). */
  log: QuarterLog
  /** A stats action that must succeed. */
  stat: <A extends ActionName<'stats'>>(event: EventOf<'stats', A>, who: string) => Promise<DataOf<'stats', A>>
}

/**
 * Lives the quarter on a fresh server before the file's tests and closes it after them.
 *
 * The gateway re-reads policy versions at most every 5 s of real time; the test clock jumps days in
 * milliseconds, so after setting a policy the quarter moves Date.now on by 10 s (for the whole file).
 */
export function useQuarter(): Quarter {
  let srv: TestServer | undefined
  let w: World | undefined
  const act: Record<string, string> = {}
  // Empty until beforeAll has lived the quarter, like `act`; tests read it only after that.
  const log = {} as QuarterLog
  const realDateNow = Date.now.bind(Date)
  let skewMs = 0

  beforeAll(async () => {
    jest.spyOn(Date, 'now').mockImplementation(() => realDateNow() + skewMs)
    srv = await startTestServer({ seed: false, now: shanghai('2026-01-05 09:00') })
    w = world(srv)
    await srv.store.importOrg(ORG, srv.clock.now().toISOString())
    await liveTheQuarter(w, act, log, () => {
      skewMs += 10_000
    })
  }, 60_000)

  afterAll(async () => {
    jest.restoreAllMocks()
    await srv?.close()
  })

  const q: Quarter = {
    get srv() {
      if (!srv) throw new Error('the quarter is lived in beforeAll')
      return srv
    },
    get w() {
      if (!w) throw new Error('the quarter is lived in beforeAll')
      return w
    },
    act,
    log,
    stat: (event, who) => q.w.ok('stats', event, who),
  }
  return q
}
