/**
 * Views kept ready (the WeChat world): boards, coverage and volunteer totals are read from
 * documents the timer rebuilds, marked with when they were built. They say the same as the same
 * reads computed on request (the local world's way), a reader rebuilds a view that is missing or
 * too old, and a view a moment old is served as it is, its age shown.
 */
import { timerTick } from '../../cloud/functions/aggregate'
import { myScore, leaderboard } from '../../cloud/functions/stats/boards'
import { volunteer } from '../../cloud/functions/stats/dashboards'
import { VIEW_MAX_AGE_MS } from '../../cloud/functions/stats/views'
import { functions, type FunctionName } from '../../cloud/functions'
import type { Member } from '../../cloud/contract/model'
import { DEFAULT_POLICY } from '../../cloud/domain/policy'
import type { AuthedCtx } from '../../cloud/runtime/action'
import { createCtx } from '../../cloud/runtime/context'
import { systemCtx } from '../../cloud/server/system'
import { COL } from '../../cloud/store/cloudbase/collections'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import type { OrgBatch } from '../../cloud/store/Store'
import { createWeChatMain } from '../../cloud/wechat/main'
import type { FakeDatabase } from '../helpers/cloudbaseFake'
import { memberNo, rosterMember, type OrgMember } from '../helpers/roster'
import { freshDb } from './cloudbaseDb'

const NOW = new Date('2026-11-20T02:00:00.000Z')
const MIN = 60_000
let now = NOW
const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString()

const person = (n: number, unitId: string, over: Partial<OrgMember> = {}) =>
  rosterMember(`m${n}`, memberNo(n), `党员${n}`, unitId, { birthDate: n % 2 === 0 ? '1996-02-02' : '1976-02-02', ...over })
const ORG: OrgBatch = {
  units: ['u1', 'u2', 'u3'].map((id, i) => ({ id, name: `单位${i + 1}` })),
  branches: [],
  partyGroups: [],
  youthGroups: [],
  members: [person(0, 'u1', { roles: [{ role: 'member' }, { role: 'cityAdmin' }] }), ...Array.from({ length: 36 }, (_, i) => person(i + 1, `u${(i % 3) + 1}`))],
}

let db: FakeDatabase
let store: CloudBaseStore
let openId: string | null = null
const wx = { getWXContext: () => (openId ? { OPENID: openId } : {}) }
const main = (name: FunctionName) => createWeChatMain(name, { store, wx, policy: DEFAULT_POLICY, publicUrl: 'https://checkin.example.gov.cn', now: () => now }, functions[name])

async function call<T>(as: string, fn: FunctionName, event: Record<string, unknown>): Promise<T> {
  openId = `o-${as}`
  const res = await main(fn)(event)
  if (!res.ok) throw new Error(`${fn}.${String(event.action)}: ${JSON.stringify(res.error)}`)
  return res.data as T
}

/** The same read as the local world makes it: computed on request. */
const live = async (memberId: string): Promise<AuthedCtx> => {
  const caller = (await store.getMember(memberId)) as Member
  return createCtx({ world: 'local', store, now: () => now, sessions: null, limiter: null, readCache: null }, { caller, policy: DEFAULT_POLICY, request: { ip: null, device: null } }) as AuthedCtx
}

const checkInAll = async (members: number[]) => {
  const { id } = await call<{ id: string }>('m0', 'activity', { action: 'create', publish: true, noLocationReason: '线上活动', kind: 'lecture', title: `讲座${now.getTime()}`, audience: { type: 'all' }, startAt: iso(now.getTime() - NOW.getTime() - 5 * MIN), endAt: iso(now.getTime() - NOW.getTime() + 60 * MIN) })
  const { token } = await call<{ token: string }>('m0', 'activity', { action: 'qrToken', id })
  for (const n of members) await call(`m${n}`, 'checkin', { action: 'checkIn', activityId: id, token })
}

beforeEach(async () => {
  now = NOW
  db = freshDb({ throwOnNotFound: false })
  store = new CloudBaseStore(db)
  await store.importOrg(ORG, NOW.toISOString())
  for (const m of ORG.members) await store.bindOpenId(m.id, `o-${m.id}`)
  await checkInAll([2, 4, 6, 8, 10, 3, 5])
  now = new Date(NOW.getTime() + 3 * 60 * MIN)
  await checkInAll([2, 4, 12])
})

test('ranks and boards read from the views say what the same reads computed on request say', async () => {
  await timerTick(systemCtx(store, 'wechat', () => now))
  for (const n of [2, 4, 12, 14, 3]) {
    const fromView = await call<Record<string, unknown>>(`m${n}`, 'stats', { action: 'myScore' })
    const { asOf, ...rest } = fromView
    expect(asOf).toBe(now.toISOString())
    expect(rest).toEqual(await myScore({ period: undefined }, await live(`m${n}`)))
  }
  for (const input of [
    { board: 'studyModel', scope: 'city', view: 'units' },
    { board: 'studyModel', scope: 'city', view: 'members' },
    { board: 'studyModel', scope: 'unit', unitId: 'u2', view: 'members' },
    { board: 'studyModel', scope: 'unit', unitId: 'u2', view: 'units' },
  ] as const) {
    const { asOf, ...rest } = await call<Record<string, unknown>>('m2', 'stats', { action: 'leaderboard', ...input })
    expect(asOf).toBe(now.toISOString())
    expect(rest).toEqual(await leaderboard({ period: undefined, ...input }, await live('m2')))
  }
  const { asOf, ...totals } = await call<Record<string, unknown>>('m0', 'stats', { action: 'volunteer', unitId: 'u1' })
  expect(asOf).toBe(now.toISOString())
  expect(totals).toEqual(await volunteer({ period: undefined, unitId: 'u1' }, await live('m0')))
})

test('a view a moment old is served as it is, with its age; the timer or age brings it up to date', async () => {
  const built = now.toISOString()
  await timerTick(systemCtx(store, 'wechat', () => now))
  const before = await call<{ score: number; cityRank: number | null; asOf: string }>('m12', 'stats', { action: 'myScore' })
  expect(before).toMatchObject({ score: 1, asOf: built })
  now = new Date(now.getTime() + 10 * MIN)
  await checkInAll([12])
  // The member's own score is read from the ledger at once; the rank waits for the next build.
  const after = await call<{ score: number; cityRank: number | null; asOf: string }>('m12', 'stats', { action: 'myScore' })
  expect(after).toMatchObject({ score: 2, cityRank: before.cityRank, asOf: built })
  await timerTick(systemCtx(store, 'wechat', () => now))
  const rebuilt = await call<{ cityRank: number | null; asOf: string }>('m12', 'stats', { action: 'myScore' })
  expect(rebuilt.asOf).toBe(now.toISOString())
  expect(rebuilt.cityRank).toBeLessThan(before.cityRank ?? Infinity)
  // Past the age limit (a timer that stopped), the reader builds it.
  now = new Date(now.getTime() + VIEW_MAX_AGE_MS + MIN)
  expect((await call<{ asOf: string }>('m12', 'stats', { action: 'myScore' })).asOf).toBe(now.toISOString())
})

test('a board of a unit that does not exist is empty, and asking for it rebuilds nothing', async () => {
  await timerTick(systemCtx(store, 'wechat', () => now))
  const stored = db.dump(COL.views).map((v) => `${String(v._id)}@${String(v.builtAt)}`)
  now = new Date(now.getTime() + MIN)
  const res = await call<{ rows: unknown[]; total: number }>('m2', 'stats', { action: 'leaderboard', board: 'studyModel', scope: 'unit', unitId: 'u-none', view: 'members' })
  expect(res).toMatchObject({ rows: [], total: 0 })
  expect(db.dump(COL.views).map((v) => `${String(v._id)}@${String(v.builtAt)}`)).toEqual(stored)
})
