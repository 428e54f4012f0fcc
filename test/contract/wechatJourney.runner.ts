/**
 * One WeChat-entry journey with both halves real: the APP's weapp code (src/services over
 * transport.weapp.ts, the scanner in src/utils/scan.ts) on a fake `@tarojs/taro`, whose
 * `cloud.callFunction({ name, data })` delivers the event to the BUILT function bundle's `main(event)`
 * as CloudBase does (JSON in, `userInfo` added, the caller's OPENID in `getWXContext()`), with a
 * stand-in `wx-server-sdk` whose database is the CloudBase fake. Two phones: an organizer's and a
 * member's, each with its own OPENID and storage.
 *
 *   npx tsx test/contract/wechatJourney.runner.ts <outDir>     (outDir: a copy of dist/cloudfunctions)
 *
 * Prints one JSON line per cloud call (`{ kind: 'call', phone, openId, fn, event, ok, code, message? }`),
 * one per journey step (`{ kind: 'step', step, phone, sees }`: what that person's screen has to go on),
 * then `{ kind: 'summary', calls, steps, crashed? }`. Exits 1 when a step failed.
 */
import Module from 'node:module'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve, sep } from 'node:path'
import type { OrgBatch } from '../../cloud/store/Store'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import { freshDb } from './cloudbaseDb'
import { FakeStorage } from '../helpers/cloudbaseFakeStorage'
import { rosterMember, type OrgMember } from '../helpers/roster'

const ROOT = resolve(__dirname, '..', '..')
const SRC = join(ROOT, 'src') + sep
const FAKE_TARO = join(ROOT, 'test', 'helpers', 'fakeTaro.ts')
const outDir = resolve(process.argv[2] ?? join(ROOT, 'dist', 'cloudfunctions'))
const FUNCTIONS = ['member', 'activity', 'checkin'] as const
type Fn = (typeof FUNCTIONS)[number]
type Main = (event: unknown, context?: unknown) => Promise<unknown>
type Envelope = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } }

// ---------------------------------------------------------------------------------------------
// CloudBase's side: one fake database and storage, and the OPENID of whoever is calling.
// ---------------------------------------------------------------------------------------------
const db = freshDb({ throwOnNotFound: false })
const storage = new FakeStorage()
let currentOpenId: string | null = null
const DYNAMIC_CURRENT_ENV = Symbol('DYNAMIC_CURRENT_ENV')
;(globalThis as Record<string, unknown>).__WX_JOURNEY_SDK__ = {
  DYNAMIC_CURRENT_ENV,
  init: () => undefined,
  database: () => db,
  uploadFile: (options: Parameters<FakeStorage['uploadFile']>[0]) => storage.uploadFile(options),
  downloadFile: (options: Parameters<FakeStorage['downloadFile']>[0]) => storage.downloadFile(options),
  getWXContext: () => ({ ...(currentOpenId ? { OPENID: currentOpenId } : {}), CLIENTIP: '10.0.0.8', SOURCE: 'wx_client' }),
}
const stubDir = mkdtempSync(join(tmpdir(), 'wx-journey-sdk-'))
mkdirSync(join(stubDir, 'wx-server-sdk'))
const stubFile = join(stubDir, 'wx-server-sdk', 'index.js')
writeFileSync(stubFile, 'module.exports = globalThis.__WX_JOURNEY_SDK__\n')
process.on('exit', () => rmSync(stubDir, { recursive: true, force: true }))

// ---------------------------------------------------------------------------------------------
// Resolution as each world does it: a built bundle's wx-server-sdk is the stub; the app's
// '@tarojs/taro' is the fake, and './x' prefers './x.weapp.ts' as Taro's weapp build does.
// ---------------------------------------------------------------------------------------------
const resolver = Module as unknown as { _resolveFilename: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string }
const originalResolve = resolver._resolveFilename
resolver._resolveFilename = function (request, parent, ...rest) {
  const from = parent?.filename ?? ''
  if (request === 'wx-server-sdk' && from.startsWith(outDir + sep)) return stubFile
  if (request === '@tarojs/taro' && from.startsWith(SRC)) return FAKE_TARO
  if (request.startsWith('.') && from.startsWith(SRC)) {
    const weapp = `${resolve(dirname(from), request)}.weapp.ts`
    if (existsSync(weapp)) return weapp
  }
  return originalResolve.call(this, request, parent, ...rest)
}

// ---------------------------------------------------------------------------------------------
// The organisation, as a roster import left it: nobody bound to WeChat yet.
// ---------------------------------------------------------------------------------------------
const person = (id: string, no: string, name: string, over: Partial<OrgMember> = {}) =>
  rosterMember(id, no, name, 'u01', { branchId: 'u01-b1', birthDate: '1985-09-09', bindCode: `BIND${no}`, ...over })
const ORG: OrgBatch = {
  units: [
    { id: 'u01', name: '市委办公室' },
    { id: 'u02', name: '市财政局' },
  ],
  branches: [{ id: 'u01-b1', unitId: 'u01', name: '秘书一处党支部' }],
  partyGroups: [],
  youthGroups: [],
  members: [
    person('o1', 'DY0003', '王芳', { roles: [{ role: 'member' }, { role: 'organizer', unitId: 'u01' }] }),
    person('m1', 'DY0004', '李强', { birthDate: '1998-05-05' }),
    person('m9', 'DY0009', '陈静', { unitId: 'u02', branchId: null }),
  ],
}

/** The phones: each has its own storage (the fake's) and the OPENID WeChat reports for it. */
const PHONES = { organizer: 'oJourney-organizer-o1', member: 'oJourney-member-m1', memberNewPhone: 'oJourney-member-m1' } as const
type Phone = keyof typeof PHONES
const APP_ID = 'wx00000000journey'

interface CallLine {
  kind: 'call'
  phone: Phone
  openId: string
  fn: string
  event: unknown
  ok: boolean
  code: string | null
  message?: string
  thrown?: string
}
const calls: CallLine[] = []
let steps = 0
const print = (line: object) => console.log(JSON.stringify(line))

async function main() {
  for (const fn of FUNCTIONS) if (!existsSync(join(outDir, fn, 'index.js'))) throw new Error(`${join(outDir, fn, 'index.js')} is missing: run npm run build:cloud`)
  await new CloudBaseStore(db).importOrg(ORG, new Date(Date.now() - 30 * 86_400_000).toISOString())

  // Cold start of each deployed function, as the runtime loads it.
  const load = Module.createRequire(__filename)
  const mains = {} as Record<Fn, Main>
  for (const fn of FUNCTIONS) {
    const mod = load(join(outDir, fn, 'index.js')) as { main?: Main }
    if (typeof mod.main !== 'function') throw new Error(`${fn}/index.js exports no main()`)
    mains[fn] = mod.main
  }

  // The app, as the weapp build has it (loaded after the resolver above is in place).
  process.env.TARO_ENV = 'weapp'
  const taro = load(FAKE_TARO) as typeof import('../helpers/fakeTaro')
  const member = load(join(SRC, 'services/member.ts')) as typeof import('../../src/services/member')
  const activity = load(join(SRC, 'services/activity.ts')) as typeof import('../../src/services/activity')
  const checkin = load(join(SRC, 'services/checkin.ts')) as typeof import('../../src/services/checkin')
  const scan = load(join(SRC, 'utils/scan.ts')) as typeof import('../../src/utils/scan')
  const links = load(join(SRC, 'utils/checkinLink.ts')) as typeof import('../../src/utils/checkinLink')
  const { fake, wxError } = taro

  let phone: Phone = 'organizer'
  const holding = (p: Phone) => {
    phone = p
    fake.usePhone(p)
  }

  // CloudBase: the data arrives as JSON, with the userInfo CloudBase adds; the answer goes back as JSON.
  fake.answerCloud(async (name, data) => {
    const run = mains[name as Fn]
    if (!run) throw wxError(`cloud.callFunction:fail -501000 FunctionName parameter could not be found: ${name}`, -501000)
    currentOpenId = PHONES[phone]
    const event = { ...(JSON.parse(JSON.stringify(data)) as object), userInfo: { appId: APP_ID, openId: currentOpenId } }
    const line: CallLine = { kind: 'call', phone, openId: currentOpenId, fn: name, event, ok: false, code: null }
    calls.push(line)
    try {
      const answer = JSON.parse(JSON.stringify(await run(event, { callbackWaitsForEmptyEventLoop: false }))) as Envelope
      line.ok = answer?.ok === true
      if (answer && !answer.ok) Object.assign(line, { code: answer.error?.code ?? null, message: answer.error?.message })
      return answer
    } catch (e) {
      line.thrown = String((e as Error)?.stack ?? e)
      throw wxError(`cloud.callFunction:fail -504002 functions execute fail. ${String(e)}`, -504002)
    } finally {
      print(line)
    }
  })

  /** One thing a person does in the app, and what their screen then has to go on. */
  async function step<T>(name: string, p: Phone, act: () => Promise<T>, sees: (r: T) => unknown) {
    holding(p)
    steps++
    try {
      print({ kind: 'step', step: name, phone: p, sees: sees(await act()) })
    } catch (e) {
      const err = e as { code?: string; message?: string }
      print({ kind: 'step', step: name, phone: p, failed: { code: err.code ?? null, message: err.message ?? String(e) } })
      process.exitCode = 1
    }
  }

  const T0 = Date.now()
  const shanghai = (ms: number) => new Date(T0 + ms + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00')

  // ---- the organizer binds and publishes a lecture starting in a few minutes ----
  await step('organizer binds', 'organizer', () => member.signIn('BINDDY0003'), (m) => ({ name: m.name, isOrganizer: m.isOrganizer }))
  let activityId = ''
  await step(
    'organizer publishes',
    'organizer',
    () =>
      activity.createActivity({
        kind: 'lecture',
        subKind: '处长讲坛',
        title: '处长讲坛：机关党建与业务融合',
        startAt: shanghai(5 * 60_000),
        endAt: shanghai(65 * 60_000),
        placeName: '机关大楼三楼报告厅',
        // Checked by the QR code alone: the journey's phones report no position.
        noLocationReason: '场地无法定位',
        audience: { type: 'units', unitIds: ['u01'] },
        publish: true,
      }),
    (a) => {
      activityId = a.id
      return { status: a.status, title: a.title }
    },
  )

  // ---- the member opens the mini-program: not yet bound, then binds ----
  await step('member launches, unbound', 'member', () => member.me().then(() => 'signed in', (e: { code?: string }) => `refused ${e.code}`), (r) => ({ me: r }))
  await step('member binds', 'member', () => member.signIn(' BINDDY0004 '), (m) => ({ name: m.name, unitName: m.unitName }))
  await step('member opens the list', 'member', activity.listForMe, (r) => ({
    activities: r.activities.map((a) => ({ id: a.id, title: a.title, unitName: a.unitName, checkedIn: a.checkedIn })),
  }))

  // ---- the organizer's screen shows the rotating QR code ----
  let qrText = ''
  await step('organizer shows the QR code', 'organizer', () => activity.qrToken(activityId), (q) => {
    qrText = q.checkInUrl
    return { checkInUrl: q.checkInUrl, token: q.token, periodSec: q.periodSec, arrivals: q.arrivals }
  })

  // ---- the member scans it with WeChat; the check-in page checks in as it does on opening ----
  let pageParams: Record<string, string> = {}
  fake.on('scanCode', () => ({ result: qrText, scanType: 'QR_CODE', errMsg: 'scanCode:ok' }))
  await step('member scans', 'member', scan.scanToCheckIn, () => {
    const url = String(fake.sent('navigateTo').at(-1)?.url ?? '')
    pageParams = Object.fromEntries((url.split('?')[1] ?? '').split('&').filter(Boolean).map((kv) => kv.split('=') as [string, string]))
    return { opened: url, toasts: fake.toasts() }
  })
  const idempotencyKey = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
  await step(
    'member checks in',
    'member',
    () => {
      const link = links.linkFromPageParams(pageParams)
      if (!link) throw new Error(`the check-in page found no link in ${JSON.stringify(pageParams)}`)
      return checkin.checkIn({ activityId: link.activityId, token: link.token, idempotencyKey })
    },
    (r) => ({ headline: r.alreadyCheckedIn ? '您已签到' : '签到成功', pointsEarned: r.pointsEarned, title: r.activity.title, method: r.checkIn.method }),
  )
  await step('member opens 我的记录', 'member', () => checkin.myRecords(), (r) => ({
    records: r.records.map((x) => ({ activityId: x.activityId, title: x.title, points: x.points, method: x.method })),
  }))
  await step('member scans again', 'member', () => checkin.checkIn({ ...links.linkFromPageParams(pageParams)!, idempotencyKey: `${idempotencyKey}-2` }), (r) => ({
    headline: r.alreadyCheckedIn ? '您已签到' : '签到成功',
    pointsEarned: r.pointsEarned,
  }))
  await step('member opens the list again', 'member', activity.listForMe, (r) => ({
    activities: r.activities.map((a) => ({ id: a.id, checkedIn: a.checkedIn })),
  }))
  await step('member opens 我的记录 again', 'member', () => checkin.myRecords(), (r) => ({ records: r.records.length }))
  // Reinstalled WeChat (empty storage), same WeChat account: recognised by member.me, no bind code.
  await step('member launches on an empty phone', 'memberNewPhone', member.me, (m) => ({ name: m.name }))
  await step('organizer sees arrivals', 'organizer', () => activity.qrToken(activityId), (q) => ({ arrivals: q.arrivals }))
}

main()
  .then(() => print({ kind: 'summary', calls: calls.length, steps }))
  .catch((e) => {
    console.error(e)
    print({ kind: 'summary', calls: calls.length, steps, crashed: String((e as Error)?.stack ?? e) })
    process.exitCode = 2
  })
