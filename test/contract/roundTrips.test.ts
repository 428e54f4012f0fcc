/**
 * Round trips in the WeChat world. On CloudBase every database request is a billed network round
 * trip; these tests call each everyday action through the WeChat entry on the metered fake and hold
 * it to the number of requests made one after another (and of records read) that the product can
 * afford. Counts, not timings: the fake answers at once, the meter orders requests on a logical clock.
 */
import type { OrgBatch } from '../../cloud/store/Store'
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
    (await call<{ id: string }>('admin', 'activity', { action: 'create', publish: true, audience: { type: 'all' }, ...over })).id
  lecture = await create({ kind: 'lecture', title: '党的二十届四中全会精神宣讲', startAt: iso(-10 * MIN), endAt: iso(80 * MIN) })
  volunteer = await create({ kind: 'volunteer', title: '社区志愿服务', startAt: iso(-20 * MIN), endAt: iso(10 * MIN) })
  // Earlier credits for part of the city, so boards and counters have something to read.
  const t = await token(volunteer)
  for (let n = 2; n < 200; n++) await call(`m${n}`, 'checkin', { action: 'checkIn', activityId: volunteer, token: t })
}, 120_000)

const token = (id: string) => call<{ token: string }>('admin', 'activity', { action: 'qrToken', id }).then((t) => t.token)

/** Hold a call to a budget; a miss names the chain of requests that caused it. */
function within(cost: MeterReport, budget: { sequential?: number; requests?: number; documents?: number }): void {
  const over = (Object.keys(budget) as (keyof typeof budget)[]).filter((k) => cost[k] > (budget[k] ?? Infinity))
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
  ] as const)('%s waits on at most 4 round trips', async (_name, fn, event) => {
    const { cost } = await measured('m7', fn, { ...event })
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
