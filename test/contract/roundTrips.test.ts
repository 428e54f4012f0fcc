/**
 * Round trips in the WeChat world. On CloudBase every database request is a billed network round
 * trip; these tests call each everyday action through the WeChat entry on the metered fake and hold
 * it to the number of requests made one after another (and of records read) that the product can
 * afford. Counts, not timings: the fake answers at once, the meter orders requests on a logical clock.
 */
import type { OrgBatch } from '../../cloud/store/Store'
import { draftActivity } from '../../cloud/domain/activity'
import { emptyRecord } from '../../cloud/domain/branchMeetings'
import { DEFAULT_POLICY } from '../../cloud/domain/policy'
import { functions, type FunctionName } from '../../cloud/functions'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import { createWeChatMain } from '../../cloud/wechat/main'
import { timerTick } from '../../cloud/functions/aggregate'
import { systemCtx } from '../../cloud/server/system'
import { DatabaseMeter, type MeterReport } from '../helpers/cloudbaseMeter'
import { memberNo, rosterMember, type OrgMember } from '../helpers/roster'
import { freshDb } from './cloudbaseDb'

const NOW = new Date('2026-11-20T02:00:00.000Z')
let now = NOW
const MIN = 60_000
const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString()

const UNITS = 4
const PER_UNIT = 150

const person = (id: string, unitId: string, n: number, over: Partial<OrgMember> = {}): OrgMember =>
  rosterMember(id, memberNo(n), `党员${n}`, unitId, { branchId: `${unitId}-b1`, youthGroupId: n % 3 === 0 ? 'g01' : null, birthDate: n % 3 === 0 ? '1997-04-04' : '1975-04-04', ...over })

function org(): OrgBatch {
  const units = Array.from({ length: UNITS }, (_, i) => ({ id: `u${i + 1}`, name: `单位${i + 1}` }))
  const members: OrgMember[] = [
    person('admin', 'u1', 0, { roles: [{ role: 'member' }, { role: 'cityAdmin' }] }),
    person('org1', 'u1', 1, { roles: [{ role: 'member' }, { role: 'organizer', unitId: 'u1' }] }),
  ]
  let n = 2
  for (const u of units) for (let i = 0; i < PER_UNIT; i++, n++) members.push(person(`m${n}`, u.id, n))
  return {
    units,
    branches: units.map((u) => ({ id: `${u.id}-b1`, unitId: u.id, name: `${u.name}党支部` })),
    partyGroups: [],
    youthGroups: [{ id: 'g01', name: '青年理论学习小组', unitIds: units.map((u) => u.id) }],
    members,
  }
}

const meter = new DatabaseMeter()
const db = freshDb({ throwOnNotFound: false })
const store = new CloudBaseStore(meter.wrap(db))
let openId: string | null = null
const wx = { getWXContext: () => ({ ...(openId ? { OPENID: openId } : {}), CLIENTIP: '10.0.0.1', SOURCE: 'wx_client' }) }
const mains = new Map<FunctionName, (event: unknown) => Promise<{ ok: boolean; data?: unknown; error?: unknown }>>()
const main = (name: FunctionName) => {
  if (!mains.has(name)) mains.set(name, createWeChatMain(name, { store, wx, policy: DEFAULT_POLICY, publicUrl: 'https://checkin.example.gov.cn', now: () => now }, functions[name]))
  return mains.get(name)!
}

/** Call as a member (by id), metered; the answer must be ok. */
async function measured<T>(as: string, fn: FunctionName, event: Record<string, unknown>): Promise<{ data: T; cost: MeterReport }> {
  openId = `o-${as}`
  meter.start()
  const res = await main(fn)(event)
  const cost = meter.stop()
  if (!res.ok) throw new Error(`${fn}.${String(event.action)} as ${as}: ${JSON.stringify(res.error)}`)
  return { data: res.data as T, cost }
}
const call = async <T>(as: string, fn: FunctionName, event: Record<string, unknown>): Promise<T> => (await measured<T>(as, fn, event)).data

let lecture = ''
let volunteer = ''

beforeAll(async () => {
  const batch = org()
  await store.importOrg(batch, NOW.toISOString())
  for (const m of batch.members) await store.bindOpenId(m.id, `o-${m.id}`)
  const create = async (over: Record<string, unknown>) =>
    (await call<{ id: string }>('admin', 'activity', { action: 'create', publish: true, audience: { type: 'all' }, noLocationReason: '分散开展（无固定地点）', ...over })).id
  lecture = await create({ kind: 'lecture', title: '党的二十届四中全会精神宣讲', startAt: iso(-10 * MIN), endAt: iso(80 * MIN) })
  volunteer = await create({ kind: 'volunteer', title: '社区志愿服务', startAt: iso(-20 * MIN), endAt: iso(10 * MIN) })
  // Earlier credits for part of the city, so boards and counters have something to read.
  const t = await token(volunteer)
  for (let n = 2; n < 200; n++) await call(`m${n}`, 'checkin', { action: 'checkIn', activityId: volunteer, token: t })
}, 120_000)

const token = (id: string, as = 'admin') => call<{ token: string }>(as, 'activity', { action: 'qrToken', id }).then((t) => t.token)

/** Hold a call to a budget; a miss names the chain of requests that caused it. */
type Budget = { sequential?: number; requests?: number; documents?: number }
function within(cost: MeterReport, budget: Budget): void {
  const over = (Object.keys(budget) as (keyof Budget)[]).filter((k) => cost[k] > (budget[k] ?? Infinity))
  if (over.length) throw new Error(`over budget (${over.join(', ')}): ${cost.requests} requests, ${cost.sequential} one after another, ${cost.documents} documents: ${cost.chain.join(' → ')}`)
  expect(cost.requests).toBeGreaterThan(0)
}

describe('writes', () => {
  test('a first scan of a lecture waits on at most 6 round trips', async () => {
    const t = await token(lecture)
    const { data, cost } = await measured<{ pointsEarned: number }>('m300', 'checkin', { action: 'checkIn', activityId: lecture, token: t })
    expect(data.pointsEarned).toBe(1)
    within(cost, { sequential: 6 })
  })

  test('a volunteer check-out waits on at most 4', async () => {
    now = new Date(NOW.getTime() + 11 * MIN)
    try {
      const v = await token(volunteer)
      const { data, cost } = await measured<{ alreadyCheckedOut: boolean; effectiveHours: number }>('m6', 'checkin', { action: 'checkOut', activityId: volunteer, token: v })
      expect(data).toMatchObject({ alreadyCheckedOut: false })
      within(cost, { sequential: 4 })
    } finally {
      now = NOW
    }
  })

  test('the projector refreshing its code (arrivals included) makes at most 2 requests', async () => {
    await call('admin', 'activity', { action: 'qrToken', id: lecture })
    const { data, cost } = await measured<{ arrivals: number }>('admin', 'activity', { action: 'qrToken', id: lecture })
    expect(data.arrivals).toBeGreaterThan(0)
    within(cost, { requests: 2 })
  })
})

describe('everyday reads', () => {
  test.each([
    ['member.me', 'member', { action: 'me' }],
    ['activity.list', 'activity', { action: 'list' }],
    ['checkin.mine', 'checkin', { action: 'mine' }],
    ['checkin.missed', 'checkin', { action: 'missed' }],
  ] as const)('%s waits on at most 4 round trips', async (_name, fn, event) => {
    const { cost } = await measured('m7', fn, { ...event })
    within(cost, { sequential: 4 })
  })

  test('an activity’s detail page (organizer’s name and the member’s check-in time included) waits on at most 4', async () => {
    const { data, cost } = await measured<{ organizerName: string | null; organizing: boolean }>('m7', 'activity', { action: 'get', id: lecture })
    expect(data).toMatchObject({ organizing: false, organizerName: expect.any(String) })
    within(cost, { sequential: 4 })
  })

  test('the attendance of an activity waits on at most 6', async () => {
    const { data, cost } = await measured<unknown[]>('admin', 'activity', { action: 'attendance', id: volunteer })
    expect(JSON.stringify(data)).toContain('党员')
    within(cost, { sequential: 6 })
  })
})

describe('boards and dashboards read views kept ready by the timer', () => {
  beforeAll(async () => {
    openId = null
    await timerTick(systemCtx(store, 'wechat', () => now))
  })

  test.each([
    ['leaderboard, units view', 'm7', { action: 'leaderboard', board: 'studyModel', scope: 'city' }],
    ['leaderboard, members view', 'm7', { action: 'leaderboard', board: 'volunteer', scope: 'city', view: 'members' }],
    ['leaderboard of a unit', 'm7', { action: 'leaderboard', board: 'studyModel', scope: 'unit' }],
    ['myScore', 'm9', { action: 'myScore' }],
    ['coverage', 'admin', { action: 'coverage' }],
    ['volunteer totals of a unit', 'admin', { action: 'volunteer', unitId: 'u2' }],
  ] as const)('%s: at most 3 round trips and 300 documents, marked with its age', async (_name, as, event) => {
    const { data, cost } = await measured<{ asOf?: string }>(as, 'stats', { ...event })
    expect(data.asOf).toBe(NOW.toISOString())
    within(cost, { sequential: 3, documents: 300 })
  })

  test('myScore gives the rank the view holds', async () => {
    const { data } = await measured<{ cityRank: number | null; boardSize: { city: number } }>('m9', 'stats', { action: 'myScore' })
    expect(data.boardSize.city).toBeGreaterThan(0)
  })
})

/**
 * Branch life, in 单位2's branch (150 members in two 党小组; secretary m152, 组织委员 m153, m155 the unit
 * admin who reviews its records). December's meetings were held with their check-ins, five members
 * moved away after them (still on those rolls), two records are filed and one is a draft; a
 * 支部党员大会 is coming, with leave asked for it. These pages are opened now and then rather than all
 * day, so most calls meet a cold instance: each action is measured on a fresh instance (its own
 * store: cold, which also finds the caller and reads what a warm one keeps) and again on the same
 * one (warm), and held to a budget for both.
 */
describe('branch life', () => {
  const BRANCH = 'u2-b1'
  const G1 = 'u2-b1-g1'
  const G2 = 'u2-b1-g2'
  const shanghai = (at: string) => new Date(`${at.replace(' ', 'T')}:00+08:00`)
  const ms = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `m${from + i}`)
  const meetings: Record<'committee' | 'themeDay' | 'group1' | 'group2' | 'general' | 'lecture' | 'coming', string> = {
    committee: '',
    themeDay: '',
    group1: '',
    group2: '',
    general: '',
    lecture: '',
    coming: '',
  }

  /** A new instance of a deployed function (its own store: a cold start), metered like `main`. */
  const instance = (name: FunctionName) =>
    createWeChatMain(name, { store: new CloudBaseStore(meter.wrap(db)), wx, policy: DEFAULT_POLICY, publicUrl: 'https://checkin.example.gov.cn', now: () => now }, functions[name])

  type Call = [as: string, event: Record<string, unknown>]
  /** The first call on a fresh instance (cold), then the second on it (warm); both must be ok. */
  async function coldThenWarm<T>(fn: FunctionName, first: Call, second: Call = first): Promise<{ data: T; cold: MeterReport; warm: MeterReport }> {
    const main = instance(fn)
    const run = async ([as, event]: Call) => {
      openId = `o-${as}`
      meter.start()
      const res = await main(event)
      const cost = meter.stop()
      if (!res.ok) throw new Error(`${fn}.${String(event.action)} as ${as}: ${JSON.stringify(res.error)}`)
      return { data: res.data as T, cost }
    }
    const cold = await run(first)
    const warm = await run(second)
    return { data: warm.data, cold: cold.cost, warm: warm.cost }
  }

  beforeAll(async () => {
    const placed = shanghai('2026-11-21 09:00').toISOString()
    const groups = [
      { id: G1, branchId: BRANCH, name: '第一党小组' },
      { id: G2, branchId: BRANCH, name: '第二党小组' },
    ]
    await store.importOrg({ units: [], branches: [], partyGroups: groups, youthGroups: [], members: [] }, placed)
    await store.moveMembers(ms(152, 226), { unitId: 'u2', branchId: BRANCH, partyGroupId: G1 }, placed)
    await store.moveMembers(ms(227, 301), { unitId: 'u2', branchId: BRANCH, partyGroupId: G2 }, placed)
    await store.setRoleGrant('m152', { role: 'branchSecretary', unitId: 'u2', branchId: BRANCH }, true)
    await store.setRoleGrant('m153', { role: 'branchOrganizer', unitId: 'u2', branchId: BRANCH }, true)
    await store.setRoleGrant('m227', { role: 'branchCommittee', unitId: 'u2', branchId: BRANCH }, true)
    await store.setRoleGrant('m155', { role: 'unitAdmin', unitId: 'u2' }, true)

    // The secretary publishes the month's meetings; who checked in at each.
    now = shanghai('2026-11-25 09:00')
    const plan: [keyof typeof meetings, string, string, Record<string, unknown>, string[]][] = [
      ['committee', '十二月支委会', '2026-12-01 14:00', { type: 'committee' }, ['m152', 'm153', 'm227']],
      ['themeDay', '十二月主题党日', '2026-12-03 09:00', { type: 'themeDay' }, ms(156, 215)],
      ['group1', '第一党小组学习', '2026-12-04 14:00', { type: 'groupMeeting', partyGroupId: G1 }, ms(160, 189)],
      ['group2', '第二党小组学习', '2026-12-04 16:00', { type: 'groupMeeting', partyGroupId: G2 }, ms(230, 259)],
      ['general', '第四季度支部党员大会', '2026-12-08 14:00', { type: 'generalMeeting' }, ms(152, 271)],
      ['lecture', '十二月党课', '2026-12-10 14:00', { type: 'partyLecture' }, ms(200, 259)],
      ['coming', '年终支部党员大会', '2026-12-22 14:00', { type: 'generalMeeting' }, []],
    ]
    for (const [key, title, start, meeting] of plan) {
      const startAt = shanghai(start)
      const endAt = new Date(startAt.getTime() + 90 * MIN)
      const created = await call<{ id: string }>('m152', 'activity', { action: 'create', kind: 'study', title, startAt: startAt.toISOString(), endAt: endAt.toISOString(), publish: true, noLocationReason: '场地无法定位', meeting: { ...meeting, branchId: BRANCH } })
      meetings[key] = created.id
    }
    const excused = await store.insertLeave({ activityId: meetings.general, memberId: 'm280', reason: '赴外地参加培训', requestedAt: now.toISOString() })
    await store.decideLeave(excused.id, { status: 'approved', reviewedBy: 'm152', reviewedAt: now.toISOString(), comment: null })
    for (const [key, , start, , present] of plan) {
      if (!present.length) continue
      now = new Date(shanghai(start).getTime() + 5 * MIN)
      const t = await token(meetings[key], 'm152')
      for (const who of present) await call(who, 'checkin', { action: 'checkIn', activityId: meetings[key], token: t })
    }

    now = shanghai('2026-12-12 09:00')
    await store.moveMembers(ms(290, 294), { unitId: 'u3', branchId: 'u3-b1', partyGroupId: null }, now.toISOString())
    for (const who of ms(160, 164)) await store.insertLeave({ activityId: meetings.coming, memberId: who, reason: '赴外地出差', requestedAt: now.toISOString() })
    const at = now.toISOString()
    const written = { host: '党员152', recorder: '党员153', topics: ['学习贯彻党的二十届四中全会精神'], minutes: '会议纪要', version: 1, updatedBy: 'm152' }
    for (const id of [meetings.committee, meetings.themeDay]) await store.saveMeetingRecord({ ...emptyRecord(id, at), ...written, state: 'submitted', submittedAt: at, submittedBy: 'm152' })
    await store.saveMeetingRecord({ ...emptyRecord(meetings.general, at), ...written })
    now = shanghai('2026-12-15 10:00')
  }, 120_000)

  afterAll(() => {
    now = NOW
  })

  /** Hold the cold and the warm call each to their budget. */
  const bothWithin = (c: { cold: MeterReport; warm: MeterReport }, cold: Budget, warm: Budget) => {
    within(c.cold, cold)
    within(c.warm, warm)
  }

  test("the secretary's branch page: at most 6 round trips cold, 4 warm, 300 documents", async () => {
    const c = await coldThenWarm<{ meetings: unknown[]; pendingLeaves: unknown[]; members: unknown[] }>('activity', ['m152', { action: 'branchOverview' }])
    expect(c.data.meetings).toHaveLength(7)
    expect(c.data.members).toHaveLength(145)
    expect(c.data.pendingLeaves.length).toBeGreaterThanOrEqual(5)
    bothWithin(c, { sequential: 6, documents: 300 }, { sequential: 4, documents: 300 })
  })

  test("a member's meetings: at most 4 round trips cold, 3 warm, 50 documents", async () => {
    const c = await coldThenWarm<{ meetings: { mine: string }[] }>('activity', ['m200', { action: 'branchMeetings' }])
    expect(c.data.meetings.map((m) => m.mine).sort()).toEqual(['absent', 'present', 'present', 'present', 'upcoming'])
    bothWithin(c, { sequential: 4, documents: 50 }, { sequential: 3, documents: 50 })
  })

  test("a meeting's record with its roll on the day: at most 6 round trips cold, 4 warm", async () => {
    const c = await coldThenWarm<{ roll: { rows: unknown[]; leave: number; absent: number } }>('activity', ['m152', { action: 'record', id: meetings.general }])
    expect(c.data.roll).toMatchObject({ leave: 1, absent: 29 })
    expect(c.data.roll.rows).toHaveLength(150)
    bothWithin(c, { sequential: 6 }, { sequential: 4 })
  })

  test('saving a record as the page sends it (absences included): at most 6 round trips cold, 4 warm', async () => {
    const save = (version: number, minutes: string): Call => [
      'm152',
      { action: 'saveRecord', id: meetings.general, version, host: '党员152', recorder: '党员153', topics: ['选举'], decisions: '', minutes, photos: [], absences: [{ memberId: 'm272', reason: 'sick' }] },
    ]
    const c = await coldThenWarm<{ version: number }>('activity', save(1, '一稿'), save(2, '二稿'))
    expect(c.data.version).toBe(3)
    bothWithin(c, { sequential: 6 }, { sequential: 4 })
  })

  test('asking leave: at most 4 round trips, cold or warm', async () => {
    const ask = (who: string): Call => [who, { action: 'requestLeave', activityId: meetings.coming, reason: '家中有事需要处理' }]
    const c = await coldThenWarm<{ status: string }>('checkin', ask('m180'), ask('m181'))
    expect(c.data.status).toBe('pending')
    bothWithin(c, { sequential: 4 }, { sequential: 4 })
  })

  test("the unit's records to review: at most 4 round trips cold, 3 warm, 50 documents", async () => {
    const c = await coldThenWarm<{ meetings: unknown[] }>('activity', ['m155', { action: 'recordsToReview' }])
    expect(c.data.meetings).toHaveLength(2)
    bothWithin(c, { sequential: 4, documents: 50 }, { sequential: 3, documents: 50 })
  })
})

/**
 * The obligations dashboards over the branch-life world above (its December meetings held, two
 * records filed, here without their rolls): every target evaluated over the city from the reads of
 * the whole year. The matrix also tallies each meeting held: one filed with its roll from the
 * record's counts, any other from its roll on the day and its attendance; the trend reads no rolls.
 */
describe('the obligations dashboards', () => {
  const coldThenWarm = async (event: Record<string, unknown>) => {
    const main = createWeChatMain('stats', { store: new CloudBaseStore(meter.wrap(db)), wx, policy: DEFAULT_POLICY, publicUrl: 'https://checkin.example.gov.cn', now: () => now }, functions.stats)
    const costs: MeterReport[] = []
    let data: unknown = null
    for (let round = 0; round < 2; round++) {
      openId = 'o-admin'
      meter.start()
      const res = await main(event)
      costs.push(meter.stop())
      if (!res.ok) throw new Error(`stats.${String(event.action)}: ${JSON.stringify(res.error)}`)
      data = res.data
    }
    return { data, cold: costs[0], warm: costs[1] }
  }

  beforeAll(() => {
    now = new Date('2026-12-15T02:00:00.000Z')
  })
  afterAll(() => {
    now = NOW
  })

  test.each([
    ['the city by unit', { action: 'obligations', period: '2026' }],
    ['a unit by branch', { action: 'obligations', period: '2026-12', unitId: 'u2' }],
  ] as const)('%s: at most 7 round trips cold, 6 warm', async (_name, event) => {
    const c = await coldThenWarm({ ...event })
    expect((c.data as { rows: unknown[] }).rows.length).toBeGreaterThan(0)
    within(c.cold, { sequential: 7, documents: 2500 })
    within(c.warm, { sequential: 6, documents: 2500 })
  })

  test('the trend of the year: at most 4 round trips cold, 3 warm, 300 documents', async () => {
    const c = await coldThenWarm({ action: 'obligationTrend', year: '2026' })
    expect((c.data as { targets: unknown[] }).targets.length).toBeGreaterThan(0)
    within(c.cold, { sequential: 4, documents: 300 })
    within(c.warm, { sequential: 3, documents: 300 })
  })
})

/**
 * The city matrix reads no roll of a meeting filed with one (its counts come with the meetings):
 * its requests are the same with 3 or 30 filed meetings in the year; only its documents grow.
 */
describe('the city matrix as filed meetings grow', () => {
  const FILED_ROLL = { expected: 10, present: 8, leave: 1, rows: [] }
  let filed = 0

  /** `n` more 主题党日 of u3-b1 earlier this year, each filed with its roll. */
  async function fileMeetings(n: number): Promise<void> {
    const secretary = (await store.getMember('m152'))!
    for (let i = 0; i < n; i++, filed++) {
      const start = Date.UTC(2026, filed % 11, 10 + Math.floor(filed / 11), 6)
      const startAt = new Date(start).toISOString()
      const draft = draftActivity(
        { kind: 'study', title: `主题党日${filed}`, startAt, endAt: new Date(start + 90 * MIN).toISOString(), audience: { type: 'branches', branchIds: ['u3-b1'] } },
        secretary,
        { unitId: 'u3', branchId: 'u3-b1', meeting: { type: 'themeDay', forPeriod: startAt.slice(0, 7), election: false } },
        DEFAULT_POLICY,
        true,
      )
      const a = await store.insertActivity({ ...draft, qrSecret: `filed-${filed}` }, startAt)
      await store.saveMeetingRecord({ ...emptyRecord(a.id, startAt), version: 1, state: 'submitted', submittedAt: startAt, submittedBy: 'm152', filedRoll: FILED_ROLL })
    }
  }

  /** The city's matrix of the year on a fresh instance (cold). */
  async function cityMatrix(): Promise<{ rates: { held: number; expected: number; present: number; leave: number }; cost: MeterReport }> {
    const main = createWeChatMain('stats', { store: new CloudBaseStore(meter.wrap(db)), wx, policy: DEFAULT_POLICY, publicUrl: 'https://checkin.example.gov.cn', now: () => now }, functions.stats)
    openId = 'o-admin'
    meter.start()
    const res = await main({ action: 'obligations', period: '2026' })
    const cost = meter.stop()
    if (!res.ok) throw new Error(`stats.obligations: ${JSON.stringify(res.error)}`)
    return { rates: (res.data as { rates: { held: number; expected: number; present: number; leave: number } }).rates, cost }
  }

  beforeAll(() => {
    now = new Date('2026-12-15T02:00:00.000Z')
  })
  afterAll(() => {
    now = NOW
  })

  test('3 or 30 meetings filed with their rolls: the same requests, their counts in the rates', async () => {
    await fileMeetings(3)
    const three = await cityMatrix()
    await fileMeetings(27)
    const thirty = await cityMatrix()
    expect(thirty.rates.held - three.rates.held).toBe(27)
    expect(thirty.rates).toMatchObject({
      expected: three.rates.expected + 27 * FILED_ROLL.expected,
      present: three.rates.present + 27 * FILED_ROLL.present,
      leave: three.rates.leave + 27 * FILED_ROLL.leave,
    })
    expect(thirty.cost.requests).toBe(three.cost.requests)
    expect(thirty.cost.sequential).toBe(three.cost.sequential)
  })
})

/**
 * The 公示 list and objections to it (异议): a member's notice page reads the list with its objections
 * at once; raising one reads them, then claims its slot (CloudBase has no unique index: a query for the
 * last attempt, then an insert with the next `_id`) and adds its audit record.
 */
describe('the 公示 list and objections', () => {
  // Ten of the city's youth, as the city admin froze them this morning: on notice for 7 days.
  const entries = Array.from({ length: 10 }, (_, i) => ({ rank: i + 1, memberId: `m${3 * (i + 1)}`, name: `党员${3 * (i + 1)}`, unitName: '单位1', score: 10 - i, attendanceRate: 1, groupAttendanceRate: 1 }))
  const list = { id: 'selection-2026', period: '2026', entries }

  beforeAll(async () => {
    await store.insertSnapshot({ ...list, rules: { topN: 10, minGroupAttendance: 0.8 }, frozenBy: 'admin', frozenAt: iso(-60 * MIN), noticeUntil: iso(7 * 24 * 60 * MIN) })
  })

  test('a member’s notice page waits on at most 3 round trips', async () => {
    const { data, cost } = await measured<{ id: string; status: string }>('m9', 'stats', { action: 'snapshot', period: '2026' })
    expect(data).toMatchObject({ id: list.id, status: 'notice' })
    within(cost, { sequential: 3 })
  })

  test('raising an objection waits on at most 4', async () => {
    const { data, cost } = await measured<{ status: string }>('m9', 'stats', { action: 'fileObjection', period: '2026', snapshotId: list.id, memberId: list.entries[0].memberId, reason: '学习记录需要核实' })
    expect(data.status).toBe('pending')
    within(cost, { sequential: 4 })
  })
})
