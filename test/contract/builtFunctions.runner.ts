/**
 * Smoke test of the DEPLOYABLE cloud functions: every folder `npm run build:cloud` wrote is
 * loaded as CloudBase would load it (`require('<dir>/index.js')`, then `main(event)`), with a stand-in
 * `wx-server-sdk` whose `database()` is the in-memory CloudBase fake and whose `getWXContext()` says
 * who is calling. One fake database backs every function, so a story runs across them: bind, import a
 * roster, create → publish → QR token → check in → attendance → export, check out, make-ups, hours,
 * dashboards, the study-model snapshot, a certificate and its public check; a branch's life (set up
 * in the app, leave asked and decided, a meeting checked in, its record written with a photo kept in
 * the fake storage, filed, amended, reviewed, listed and exported), the nightly reconcile, and the
 * reminders (a member's inbox and preferences, the dispatch by hand and by its timer).
 * Libraries the build keeps out of the bundles (exceljs) resolve from the repository's node_modules,
 * as they would from the ones CloudBase installs beside index.js; the summary says which of them were
 * loaded by the cold starts and which by the end of the run.
 *
 *   npx tsx test/contract/builtFunctions.runner.ts <outDir>      (outDir: usually dist/cloudfunctions)
 *
 * Prints one JSON line per call, `{ fn, action, as, ok, code, expect, envelope, pass, detail? }`, then one
 * `{ summary: true, … }` line. `expect` is `'ok'` or the error code that is the right domain answer
 * in this scenario (each such case says why). Exits 1 when a call answered other than expected.
 * Nothing is written into the built folders: `wx-server-sdk` is resolved to a stub file in a temp dir.
 */
import Module from 'node:module'
import { mkdtempSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, sep } from 'node:path'
import type { OrgBatch } from '../../cloud/store/Store'
import { draftActivity, type ActivityFields } from '../../cloud/domain/activity'
import { rhythmPeriod } from '../../cloud/domain/meetingRhythm'
import { DEFAULT_POLICY } from '../../cloud/domain/policy'
import { newQrSecret } from '../../cloud/domain/qrToken'
import { TEMPLATE_HEADER } from '../../cloud/domain/roster'
import type { Activity } from '../../cloud/contract/model'
import type { Functions } from '../../cloud/functions'
import type { TimerReport } from '../../cloud/functions/aggregate'
import type { OutputOf } from '../../cloud/runtime/action'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import { freshDb } from './cloudbaseDb'
import { FakeStorage } from '../helpers/cloudbaseFakeStorage'
import { rosterMember, type OrgMember } from '../helpers/roster'

const FUNCTIONS = ['member', 'activity', 'checkin', 'stats', 'aggregate', 'notify'] as const
type Fn = (typeof FUNCTIONS)[number]
type ActionOf<F extends Fn> = keyof Functions[F] & string
/** What an action answers with, from its function's table. */
type DataOf<F extends Fn, A extends ActionOf<F>> = OutputOf<Functions[F], A>
type Envelope = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } }
type Main = (event: unknown, context?: unknown) => Promise<Envelope>

const outDir = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'dist', 'cloudfunctions'))
/** What scripts/buildCloud.ts keeps out of the bundles (LAZY_PACKAGES): loaded on first use only. */
const LAZY_PACKAGES = ['exceljs']

// ---------------------------------------------------------------------------------------------
// The world: one fake CloudBase database (as `cloud.database({ throwOnNotFound: false })` gives it,
// the console's indexes made), its storage (meeting photos), and the caller WeChat reports for the
// current call.
// ---------------------------------------------------------------------------------------------
const db = freshDb({ throwOnNotFound: false })
const storage = new FakeStorage()
let currentOpenId: string | null = null
const sdkCalls = { init: [] as unknown[], database: [] as unknown[] }
const subscribeSends: { touser: string; templateId: string; page: string }[] = []
const DYNAMIC_CURRENT_ENV = Symbol('DYNAMIC_CURRENT_ENV')

;(globalThis as Record<string, unknown>).__WX_SERVER_SDK_STUB__ = {
  DYNAMIC_CURRENT_ENV,
  init(options: { env?: unknown }) {
    sdkCalls.init.push({ dynamicEnv: options?.env === DYNAMIC_CURRENT_ENV })
  },
  database(options?: unknown) {
    sdkCalls.database.push(options ?? null)
    return db
  },
  uploadFile: (options: Parameters<FakeStorage['uploadFile']>[0]) => storage.uploadFile(options),
  downloadFile: (options: Parameters<FakeStorage['downloadFile']>[0]) => storage.downloadFile(options),
  // Subscribe messages (notify): kept to be counted; WeChat's rules are tested against test/helpers/wechatOpenapiFake.ts.
  openapi: {
    subscribeMessage: {
      send: async (args: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }) => {
        subscribeSends.push(args)
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
      },
    },
  },
  // A timer trigger and a call without a signed-in WeChat user carry no OPENID.
  getWXContext: () => ({ ...(currentOpenId ? { OPENID: currentOpenId } : {}), CLIENTIP: '10.0.0.1', SOURCE: currentOpenId ? 'wx_client' : 'wx_trigger' }),
}

// `require('wx-server-sdk')` from inside a built folder resolves to this file (and nothing else does).
const stubDir = mkdtempSync(join(tmpdir(), 'wx-server-sdk-stub-'))
const stubFile = join(stubDir, 'wx-server-sdk', 'index.js')
mkdirSync(join(stubDir, 'wx-server-sdk'))
writeFileSync(stubFile, 'module.exports = globalThis.__WX_SERVER_SDK_STUB__\n')
const resolver = Module as unknown as { _resolveFilename: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string }
const originalResolve = resolver._resolveFilename
resolver._resolveFilename = function (request, parent, ...rest) {
  if (request === 'wx-server-sdk' && parent?.filename?.startsWith(outDir + sep)) return stubFile
  return originalResolve.call(this, request, parent, ...rest)
}
process.on('exit', () => rmSync(stubDir, { recursive: true, force: true }))

// ---------------------------------------------------------------------------------------------
// The organisation, seeded through the CloudBase Store (a separate instance, like the console or
// an earlier deployment would have left it).
// ---------------------------------------------------------------------------------------------
const T0 = Date.now()
const iso = (msFromNow: number) => new Date(T0 + msFromNow).toISOString()
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
/** The meeting record's photo: a 1×1 PNG. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
/** The functions read the real clock: a meeting of the run is over once its end has passed. */
const sleepUntil = async (at: number) => {
  const wait = at - Date.now()
  if (wait > 0) await new Promise((done) => setTimeout(done, wait))
}
/** Times as a phone in Shanghai writes them. */
const shanghai = (msFromNow: number) => new Date(T0 + msFromNow + 8 * HOUR).toISOString().replace(/\.\d{3}Z$/, '+08:00')

const person = (id: string, no: string, name: string, unitId: string, over: Partial<OrgMember> = {}) =>
  rosterMember(id, no, name, unitId, { birthDate: '1978-06-01', bindCode: `BIND${no}`, ...over })

const ORG: OrgBatch = {
  units: [
    { id: 'u01', name: '市委办公室' },
    { id: 'u02', name: '市财政局' },
  ],
  branches: [
    { id: 'u01-b1', unitId: 'u01', name: '秘书一处党支部' },
    { id: 'u02-b1', unitId: 'u02', name: '预算处党支部' },
  ],
  partyGroups: [],
  youthGroups: [{ id: 'g01', name: '市委办公室青年理论学习小组', unitIds: ['u01'] }],
  members: [
    person('a1', 'DY0001', '刘洋', 'u02', { roles: [{ role: 'member' }, { role: 'cityAdmin' }], birthDate: '1972-02-02' }),
    person('ua1', 'DY0002', '孙丽', 'u01', { roles: [{ role: 'member' }, { role: 'unitAdmin', unitId: 'u01' }], branchId: 'u01-b1', phone: '13800000002' }),
    person('o1', 'DY0003', '王芳', 'u01', { roles: [{ role: 'member' }, { role: 'organizer', unitId: 'u01' }], branchId: 'u01-b1', birthDate: '1985-09-09' }),
    person('m1', 'DY0004', '李强', 'u01', { branchId: 'u01-b1', youthGroupId: 'g01', birthDate: '1998-05-05', idNumber: '110101199805050011', phone: '13800000004' }),
    person('m2', 'DY0005', '张敏', 'u01', { branchId: 'u01-b1', birthDate: '1980-01-01' }),
    person('m3', 'DY0006', '陈静', 'u02', { branchId: 'u02-b1', birthDate: '1996-03-03' }),
    person('m4', 'DY0007', '赵磊', 'u01', { youthGroupId: 'g01', birthDate: '1995-07-07' }),
    person('m5', 'DY0008', '周伟', 'u01', { birthDate: '1990-10-10' }),
    // The branch whose life the run follows is set up in the app; these three join it then.
    person('k1', 'DY0011', '吴刚', 'u01'),
    person('k2', 'DY0012', '郑华', 'u01'),
    person('k3', 'DY0013', '冯雪', 'u01'),
  ],
}

/** Who calls: member id → the OPENID WeChat reports for them (m4 binds during the run). */
const OPENID: Record<string, string> = {
  a1: 'oCity-a1',
  ua1: 'oUnitAdmin-ua1',
  o1: 'oOrganizer-o1',
  m1: 'oMember-m1',
  m2: 'oMember-m2',
  m3: 'oMember-m3',
  m4: 'oMember-m4',
  k1: 'oBranch-k1',
  k2: 'oBranch-k2',
  k3: 'oBranch-k3',
  stranger: 'oNeverBound-x9',
}

async function seed(store: CloudBaseStore) {
  await store.importOrg(ORG, iso(-30 * DAY))
  for (const id of ['a1', 'ua1', 'o1', 'm1', 'm2', 'm3', 'k1', 'k2', 'k3']) if (!(await store.bindOpenId(id, OPENID[id]))) throw new Error(`seed: bind ${id}`)
  const organizer = (await store.getMember('o1'))!
  const add = async (input: ActivityFields, createdAgo: number): Promise<Activity> =>
    store.insertActivity({ ...draftActivity(input, organizer, { unitId: 'u01' }, DEFAULT_POLICY, true), qrSecret: newQrSecret() }, iso(-createdAgo))
  const u01 = { type: 'units' as const, unitIds: ['u01'] }
  const volunteer2h = await add({ kind: 'volunteer', subKind: '到社区服务', title: '到社区服务：清理楼道', startAt: iso(-3 * HOUR), endAt: iso(-1 * HOUR), placeName: '东风社区', audience: u01 }, 2 * DAY)
  const volunteer10h = await add({ kind: 'volunteer', subKind: '夏送清凉', title: '夏送清凉：慰问一线职工', startAt: iso(-11 * HOUR), endAt: iso(-1 * HOUR), audience: u01 }, 2 * DAY)
  const pastLecture = await add({ kind: 'lecture', subKind: '党建知识宣讲', title: '党建知识宣讲（第三期）', startAt: iso(-2 * DAY), endAt: iso(-2 * DAY + HOUR), audience: u01 }, 5 * DAY)
  const groupStudy = await add({ kind: 'study', subKind: '青年理论学习小组学习', title: '青年理论学习小组集中学习', startAt: iso(-10 * MIN), endAt: iso(50 * MIN), audience: { type: 'groups', groupIds: ['g01'] } }, DAY)
  const signUpStudy = await add({ kind: 'study', subKind: '主题党日', title: '主题党日：参观党史馆', startAt: iso(DAY), endAt: iso(DAY + 2 * HOUR), audience: u01, signUpRequired: true, capacity: 3 }, DAY)
  // Arrivals of earlier QR scans (check-in windows of these are closed by now).
  const arrival = (activityId: string, memberId: string, at: string) => ({ activityId, memberId, checkedInAt: at, method: 'qr' as const, distanceM: null, accuracyM: null, device: 'wx_client', ip: '10.0.0.2', idempotencyKey: null })
  await store.recordCheckIn(arrival(volunteer2h.id, 'm1', volunteer2h.startAt), null)
  await store.recordCheckIn(arrival(volunteer2h.id, 'm2', volunteer2h.startAt), null)
  await store.recordCheckIn(arrival(volunteer10h.id, 'm4', volunteer10h.startAt), null)
  const studyAt = iso(-5 * MIN)
  await store.recordCheckIn(arrival(groupStudy.id, 'm1', studyAt), {
    kind: 'study', points: DEFAULT_POLICY.pointsPerKind.study, hours: 0, method: 'qr', approvedBy: null, createdAt: studyAt, device: 'wx_client', ip: '10.0.0.2', reversesId: null,
  })
  return { volunteer2h, volunteer10h, pastLecture, groupStudy, signUpStudy }
}

// ---------------------------------------------------------------------------------------------
// Calling the deployed functions
// ---------------------------------------------------------------------------------------------
interface Line {
  fn: Fn
  action: string
  as: string
  ok: boolean
  code: string | null
  expect: string
  /** `{ ok: true, data }` or `{ ok: false, error: { code, message } }`. */
  envelope: boolean
  pass: boolean
  detail?: unknown
}
const lines: Line[] = []
const mains = {} as Record<Fn, Main>

/**
 * One call as WeChat makes it: the caller's OPENID in the context, the event from
 * `wx.cloud.callFunction({ name, data })` with the `userInfo` CloudBase adds. `as: null` is a call
 * without a WeChat user (a timer, or a public page opened in a browser).
 */
async function call<F extends Fn, A extends ActionOf<F>>(
  fn: F,
  action: A,
  as: string | null,
  data: Record<string, unknown>,
  opts: { expect?: string; detail?: (data: DataOf<F, A>) => unknown; event?: unknown; label?: string } = {},
): Promise<DataOf<F, A>> {
  currentOpenId = as ? OPENID[as] : null
  const event = opts.event ?? { action, ...data, ...(currentOpenId ? { userInfo: { appId: 'wx0000000000000000', openId: currentOpenId } } : {}) }
  let env: Envelope
  let threw = false
  try {
    env = await mains[fn](event, { callbackWaitsForEmptyEventLoop: false })
  } catch (e) {
    // main() must answer with an envelope, never reject: CloudBase would report a function error.
    threw = true
    env = { ok: false, error: { code: 'THROWN', message: String((e as Error)?.stack ?? e) } }
  }
  const expect = opts.expect ?? 'ok'
  const isEnvelope =
    !threw &&
    typeof env === 'object' &&
    env !== null &&
    typeof env.ok === 'boolean' &&
    (env.ok ? 'data' in env : typeof env.error?.code === 'string' && typeof env.error?.message === 'string')
  const code = env?.ok ? null : (env?.error?.code ?? null)
  const line: Line = {
    fn,
    action: opts.label ?? action,
    as: as ?? '(no OPENID)',
    ok: env?.ok === true,
    code,
    expect,
    envelope: isEnvelope,
    pass: isEnvelope && (expect === 'ok' ? env.ok === true : code === expect),
  }
  if (!isEnvelope) line.detail = { notAnEnvelope: threw ? (env as { error?: unknown }).error : env }
  else if (!env.ok) line.detail = { message: env.error.message, ...(env.error.details !== undefined ? { details: env.error.details } : {}) }
  else if (opts.detail) {
    try {
      line.detail = opts.detail(env.data as DataOf<F, A>)
    } catch (e) {
      line.detail = { detailFailed: String(e) }
    }
  }
  lines.push(line)
  console.log(JSON.stringify(line))
  return (env?.ok ? env.data : undefined) as DataOf<F, A>
}

async function main() {
  for (const fn of FUNCTIONS) if (!existsSync(join(outDir, fn, 'index.js'))) throw new Error(`${join(outDir, fn, 'index.js')} is missing: run npm run build:cloud`)
  const store = new CloudBaseStore(db)
  const seeded = await seed(store)
  const { volunteer2h, volunteer10h, pastLecture, signUpStudy } = seeded

  // Cold start of every deployed function: require the folder's index.js as the runtime does (Node's
  // CommonJS loader, so the folder's own require('wx-server-sdk') meets the stub above).
  const loadStarted = Date.now()
  const requireBuilt = Module.createRequire(__filename)
  for (const fn of FUNCTIONS) {
    const mod = requireBuilt(join(outDir, fn, 'index.js')) as { main?: Main }
    if (typeof mod.main !== 'function') throw new Error(`${fn}/index.js exports no main()`)
    mains[fn] = mod.main
  }
  const loadMs = Date.now() - loadStarted
  const loadedLazily = () => LAZY_PACKAGES.filter((pkg) => Object.keys(requireBuilt.cache).some((f) => f.includes(`${sep}node_modules${sep}${pkg}${sep}`)))
  const lazyAtColdStart = loadedLazily()

  // ---- member: binding, profile, roster, roles ----
  // The WeChat world issues no sessions: signIn is the h5 world's action, so the answer is FORBIDDEN.
  await call('member', 'signIn', 'm1', { bindCode: 'BINDDY0004' }, { expect: 'FORBIDDEN' })
  // A wrong bind code is refused as UNAUTHENTICATED and binds nothing.
  await call('member', 'bind', 'm4', { bindCode: 'WRONG-CODE' }, { expect: 'UNAUTHENTICATED', label: 'bind(wrong code)' })
  await call('member', 'bind', 'm4', { bindCode: ' BINDDY0007 ' }, { detail: (d: { member: { id: string } }) => ({ memberId: d.member.id }) })
  // Before binding, nobody: an OPENID no member holds is not signed in.
  await call('member', 'me', 'stranger', {}, { expect: 'UNAUTHENTICATED', label: 'me(unbound OPENID)' })
  // The caller is who WeChat says, whatever openId the event's userInfo claims.
  await call('member', 'me', 'm4', {}, {
    event: { action: 'me', userInfo: { appId: 'wx0000000000000000', openId: OPENID.a1 } },
    detail: (d: { id: string; unitName: string }) => ({ id: d.id, unitName: d.unitName }),
  })
  await call('member', 'signOut', 'm4', {}, { detail: (d) => d })
  await call('member', 'demoAccounts', null, {}, { detail: (d: { accounts: unknown[] }) => ({ accounts: d.accounts.length }) })
  await call('member', 'rosterTemplate', 'ua1', { format: 'csv' }, { detail: (d: { filename?: string; name?: string }) => ({ keys: Object.keys(d as object) }) })
  // The XLSX template (made with exceljs) read back by the XLSX import: the dry run finds its two example
  // members and 李四's branch 综合处党支部 (new here), and writes nothing.
  const template = await call('member', 'rosterTemplate', 'ua1', { format: 'xlsx' }, { label: 'rosterTemplate(xlsx)', detail: (d) => ({ filename: d.filename, rows: d.rows }) })
  await call('member', 'importRoster', 'ua1', { format: 'xlsx', file: template?.base64 ?? '', dryRun: true }, {
    label: 'importRoster(xlsx, dryRun)',
    detail: (d: { applied: boolean; summary: unknown }) => ({ applied: d.applied, summary: d.summary }),
  })
  const csv = [
    TEMPLATE_HEADER.join(','),
    'DY0101,吴昊,市委办公室,秘书一处党支部,1999-04-01,13800000101,党员,市委办公室青年理论学习小组,在册,',
    'DY0102,郑洁,市委办公室,秘书一处党支部,1988/12/3,13800000102,党员,,在册,',
  ].join('\r\n')
  const file = Buffer.from('\ufeff' + csv, 'utf8').toString('base64')
  await call('member', 'importRoster', 'ua1', { format: 'csv', file, dryRun: true }, { label: 'importRoster(dryRun)', detail: (d: { applied: boolean; summary: unknown }) => ({ applied: d.applied, summary: d.summary }) })
  await call('member', 'importRoster', 'ua1', { format: 'csv', file }, { detail: (d: { applied: boolean; summary: { created: number } }) => ({ applied: d.applied, created: d.summary.created }) })
  await call('member', 'roster', 'o1', { unitId: 'u01' }, { detail: (d: { members: { memberNo: string }[] }) => ({ members: d.members.length, imported: d.members.filter((m) => m.memberNo.startsWith('DY01')).length }) })
  await call('member', 'setRole', 'ua1', { memberId: 'm5', role: 'organizer', unitId: 'u01' }, { detail: (d: { roles: unknown[] }) => ({ roles: d.roles }) })
  // A unit admin may not make a city admin.
  await call('member', 'setRole', 'ua1', { memberId: 'm2', role: 'cityAdmin' }, { expect: 'FORBIDDEN', label: 'setRole(cityAdmin by unit admin)' })
  await call('member', 'resetAccess', 'ua1', { memberId: 'm5' }, { detail: (d: { memberId: string; bindCode: string }) => ({ memberId: d.memberId, newCode: d.bindCode.length > 0 }) })
  await call('member', 'auditLog', 'ua1', {}, { detail: (d: { entries: { action: string }[] }) => ({ actions: [...new Set(d.entries.map((e) => e.action))].sort() }) })

  // ---- the unit's saved check-in places: one kept, one saved and removed again ----
  const hall = { unitId: 'u01', name: '机关大楼三楼报告厅', lat: 30.27415, lng: 120.15515, radiusM: 200 }
  await call('activity', 'savePlace', 'o1', hall, { detail: (d) => ({ unitId: d.unitId, name: d.name, savedBy: d.savedBy }) })
  await call('activity', 'savePlace', 'o1', { ...hall, unitId: 'u02' }, { expect: 'FORBIDDEN', label: 'savePlace(other unit)' })
  const annex = await call('activity', 'savePlace', 'o1', { ...hall, name: '党性教育基地', lat: 30.3, lng: 120.2 }, { label: 'savePlace(second)', detail: (d) => ({ name: d.name }) })
  await call('activity', 'removePlace', 'o1', { unitId: 'u01', placeId: annex.id }, { detail: (d) => ({ removed: d.id === annex.id }) })
  await call('activity', 'places', 'o1', {}, { detail: (d) => ({ unitId: d.unitId, places: d.places.map((p) => p.name) }) })

  // ---- activity: create → update → publish; another created and cancelled ----
  const lectureInput = {
    kind: 'lecture',
    subKind: '处长讲坛',
    title: '处长讲坛：政府预算管理',
    startAt: shanghai(10 * MIN),
    endAt: shanghai(70 * MIN),
    placeName: '机关大楼三楼报告厅',
    audience: { type: 'units', unitIds: ['u01'] },
  }
  const lecture = await call('activity', 'create', 'o1', lectureInput, { detail: (d) => ({ status: d.status, checkInOpensAt: d.checkInOpensAt }) })
  await call('activity', 'update', 'o1', { id: lecture.id, title: '处长讲坛：政府预算管理与绩效', description: '请携带笔记本' }, { detail: (d: Activity) => ({ title: d.title, status: d.status }) })
  await call('activity', 'publish', 'o1', { id: lecture.id, noLocationReason: '场地无法定位' }, { detail: (d: Activity) => ({ status: d.status }) })
  const spare = await call('activity', 'create', 'o1', { ...lectureInput, kind: 'study', subKind: '三会一课', title: '支部党员大会', startAt: shanghai(3 * DAY), endAt: shanghai(3 * DAY + HOUR), publish: true }, {
    label: 'create(publish)',
    // Published with no place of its own: it takes the unit's saved place.
    detail: (d) => ({ status: d.status, place: d.place, noLocationReason: d.noLocationReason }),
  })
  await call('activity', 'cancel', 'o1', { id: spare.id, reason: '与市里会议时间冲突' }, { detail: (d: Activity) => ({ status: d.status }) })
  // An ordinary member cannot publish.
  await call('activity', 'create', 'm1', lectureInput, { expect: 'FORBIDDEN', label: 'create(by member)' })
  await call('activity', 'list', 'm1', { view: 'forMe' }, { detail: (d: { activities: { id: string }[] }) => ({ count: d.activities.length, hasLecture: d.activities.some((a) => a.id === lecture.id) }) })
  await call('activity', 'list', 'o1', { view: 'organizing' }, { label: 'list(organizing)', detail: (d: { activities: unknown[] }) => ({ count: d.activities.length }) })
  await call('activity', 'get', 'm1', { id: lecture.id }, { detail: (d: { title: string; unitName: string; checkedIn: boolean }) => ({ title: d.title, unitName: d.unitName, checkedIn: d.checkedIn }) })
  // m3 belongs to another unit: the lecture is not meant for them.
  await call('activity', 'get', 'm3', { id: lecture.id }, { expect: 'NOT_IN_AUDIENCE', label: 'get(other unit)' })

  // ---- check-in with the organizer's rotating QR token ----
  const qr = await call('activity', 'qrToken', 'o1', { id: lecture.id }, {
    detail: (d) => ({ tokenLength: d.token.length, periodSec: d.periodSec, checkInUrl: d.checkInUrl }),
  })
  const m1Phone = 'm1-phone-0000001'
  const checkInEvent = { activityId: lecture.id, token: qr.token, idempotencyKey: 'm1-lecture-0001', deviceId: m1Phone }
  await call('checkin', 'checkIn', 'm1', checkInEvent, { detail: (d) => ({ pointsEarned: d.pointsEarned, alreadyCheckedIn: d.alreadyCheckedIn, method: d.checkIn.method, ip: d.checkIn.ip, device: d.checkIn.device }) })
  // The phone retries after a lost response: same key, same success, nothing new written.
  await call('checkin', 'checkIn', 'm1', checkInEvent, { label: 'checkIn(retry)', detail: (d: { pointsEarned: number; alreadyCheckedIn: boolean }) => ({ pointsEarned: d.pointsEarned, alreadyCheckedIn: d.alreadyCheckedIn }) })
  // A token of another activity's screen (or a forged one) is refused.
  const otherQr = await call('activity', 'qrToken', 'o1', { id: volunteer2h.id }, { label: 'qrToken(volunteer)' })
  await call('checkin', 'checkIn', 'm2', { activityId: lecture.id, token: otherQr.token }, { expect: 'TOKEN_EXPIRED', label: 'checkIn(foreign token)' })
  // The unit's lecture is not for m3 (市财政局).
  await call('checkin', 'checkIn', 'm3', { activityId: lecture.id, token: qr.token }, { expect: 'NOT_IN_AUDIENCE', label: 'checkIn(other unit)' })
  await call('activity', 'attendance', 'o1', { id: lecture.id }, { detail: (d: { presentCount: number; audienceCount: number; absent: unknown[] }) => ({ presentCount: d.presentCount, audienceCount: d.audienceCount, absent: d.absent.length }) })
  await call('activity', 'exportAttendance', 'o1', { id: lecture.id, format: 'csv' }, { detail: (d) => ({ keys: Object.keys(d) }) })
  await call('activity', 'exportAttendance', 'o1', { id: lecture.id, format: 'xlsx' }, { label: 'exportAttendance(xlsx)', detail: (d) => ({ keys: Object.keys(d) }) })

  // ---- a relayed check-in: 赵磊 checks in on 李强's phone. Both are flagged; the organizer takes back
  // 赵磊's credit (never their own), and the row stays, marked reversed. ----
  const relayRows = (d: { present: { memberId: string; flags: string[]; reversed: boolean }[]; flagged: number }) => ({
    flagged: d.flagged,
    rows: d.present.map((r) => `${r.memberId}:${r.flags.join('+')}:${r.reversed}`).sort(),
  })
  const again = await call('activity', 'qrToken', 'o1', { id: lecture.id }, { label: 'qrToken(again)' })
  await call('checkin', 'checkIn', 'm4', { activityId: lecture.id, token: again.token, deviceId: m1Phone }, { label: 'checkIn(same phone)', detail: (d) => ({ pointsEarned: d.pointsEarned }) })
  await call('activity', 'attendance', 'o1', { id: lecture.id }, { label: 'attendance(shared phone)', detail: relayRows })
  await call('checkin', 'reverseCheckIn', 'o1', { activityId: lecture.id, memberId: 'o1', note: '本人签到有误，申请更正' }, { expect: 'FORBIDDEN', label: 'reverseCheckIn(own)' })
  await call('checkin', 'reverseCheckIn', 'o1', { activityId: lecture.id, memberId: 'm4', note: '本人未到场，由他人手机代签' }, { detail: (d) => ({ memberId: d.memberId, reversed: d.reversed.map((e) => e.points) }) })
  await call('checkin', 'reverseCheckIn', 'o1', { activityId: lecture.id, memberId: 'm4', note: '重复撤销' }, { expect: 'CONFLICT', label: 'reverseCheckIn(again)' })
  await call('activity', 'attendance', 'o1', { id: lecture.id }, { label: 'attendance(reversed)', detail: relayRows })

  // ---- sign-up for a study day that needs it ----
  await call('checkin', 'signUp', 'm1', { activityId: signUpStudy.id }, { detail: (d) => d })

  // ---- volunteer check-out: scan the screen at the end ----
  const vq = await call('activity', 'qrToken', 'o1', { id: volunteer2h.id }, { label: 'qrToken(volunteer)' })
  await call('checkin', 'checkOut', 'm1', { activityId: volunteer2h.id, token: vq.token, location: { lat: 39.9, lng: 116.4, accuracyM: 20 } }, {
    detail: (d: { hours: number; effectiveHours: number; pendingHours: number; pointsEarned: number }) => ({ hours: d.hours, effectiveHours: d.effectiveHours, pendingHours: d.pendingHours, pointsEarned: d.pointsEarned }),
  })
  const lq = await call('activity', 'qrToken', 'o1', { id: volunteer10h.id }, { label: 'qrToken(volunteer)' })
  // Ten hours in a day: 8 count at once, 2 wait for the organizer.
  await call('checkin', 'checkOut', 'm4', { activityId: volunteer10h.id, token: lq.token }, {
    label: 'checkOut(10 h)',
    detail: (d: { hours: number; effectiveHours: number; pendingHours: number }) => ({ hours: d.hours, effectiveHours: d.effectiveHours, pendingHours: d.pendingHours }),
  })
  // Lectures have no check-out.
  await call('checkin', 'checkOut', 'm1', { activityId: lecture.id, token: qr.token }, { expect: 'BAD_INPUT', label: 'checkOut(lecture)' })

  // ---- hours the organizer handles ----
  const long = await call('activity', 'attendance', 'o1', { id: volunteer10h.id }, {
    label: 'attendance(volunteer)',
    detail: (d) => ({ pendingHours: d.pendingHours.map((c) => c.hours) }),
  })
  await call('checkin', 'reviewHours', 'o1', { claimId: long.pendingHours[0]?.id ?? 'missing-claim', approve: true }, { detail: (d: { status: string; hours: number }) => ({ status: d.status, hours: d.hours }) })
  // m2 checked in but never checked out: the organizer confirms the hours.
  const confirmed = await call('checkin', 'confirmHours', 'o1', { activityId: volunteer2h.id, memberId: 'm2', hours: 2 }, {
    detail: (d) => ({ hours: d.hours, points: d.points }),
  })
  await call('checkin', 'reverseCredit', 'o1', { entryId: confirmed.id, note: '张敏当天实际未到岗，更正时长' }, { detail: (d) => ({ hours: d.hours, points: d.points, reverses: d.reversesId === confirmed.id }) })

  // ---- make-ups (补签) for the lecture two days ago ----
  // m2 missed it: 未签到 lists it, the make-up offered.
  await call('checkin', 'missed', 'm2', {}, {
    detail: (d: { activities: { activity: { id: string }; makeup: { allowed: boolean } }[] }) => ({ pastLecture: d.activities.find((m) => m.activity.id === pastLecture.id)?.makeup.allowed ?? null }),
  })
  const makeup = await call('checkin', 'requestMakeup', 'm2', { activityId: pastLecture.id, reason: '当天外出参加市里会议，未能扫码' }, { detail: (d) => ({ status: d.status }) })
  await call('checkin', 'reviewMakeup', 'o1', { makeupId: makeup.id, approve: true, comment: '情况属实' }, { detail: (d: { status: string }) => ({ status: d.status }) })
  await call('checkin', 'addMakeup', 'o1', { activityId: pastLecture.id, memberId: 'm4', reason: '现场签到设备故障，组织者补录' }, { detail: (d: { status: string }) => ({ status: d.status }) })
  // The lecture has not started yet: no make-up before it starts.
  await call('checkin', 'requestMakeup', 'm2', { activityId: lecture.id, reason: '临时出差' }, { expect: 'WINDOW_CLOSED', label: 'requestMakeup(not started)' })
  await call('checkin', 'myMakeups', 'm2', {}, { detail: (d: { makeups: { status: string }[] }) => ({ makeups: d.makeups.map((m) => m.status) }) })
  await call('checkin', 'mine', 'm1', {}, { detail: (d: { records: unknown[] }) => ({ records: d.records.length }) })
  await call('checkin', 'mine', 'm1', { kind: 'volunteer' }, { label: 'mine(volunteer)', detail: (d: { records: unknown[] }) => ({ records: d.records.length }) })

  // ---- stats: dashboards, boards, selection, certificates, policy ----
  await call('stats', 'coverage', 'ua1', {}, { detail: (d: { period: string; units: { unitId: string; youth: number; status: string }[] }) => ({ period: d.period, units: d.units.map((u) => `${u.unitId}:${u.youth}:${u.status}`) }) })
  await call('stats', 'volunteer', 'o1', { unitId: 'u01' }, { detail: (d: { totalHours: number; memberHours?: { memberId: string; hours: number }[] }) => ({ totalHours: d.totalHours, memberHours: d.memberHours }) })
  await call('stats', 'leaderboard', 'm1', {}, { detail: (d: { total: number; units: unknown[] }) => ({ total: d.total, units: d.units.length }) })
  await call('stats', 'leaderboard', 'm1', { board: 'volunteer', scope: 'unit', view: 'members' }, { label: 'leaderboard(volunteer, unit)', detail: (d: { rows: { memberId: string; score: number }[] }) => ({ rows: d.rows.map((r) => `${r.memberId}:${r.score}`) }) })
  await call('stats', 'myScore', 'm1', {}, { detail: (d: { score: number; youth: boolean; cityRank: number | null; volunteerHours: number }) => ({ score: d.score, youth: d.youth, cityRank: d.cityRank, volunteerHours: d.volunteerHours }) })
  await call('stats', 'export', 'ua1', { what: 'coverage', format: 'csv' }, { detail: (d) => ({ keys: Object.keys(d) }) })
  await call('stats', 'export', 'o1', { what: 'volunteer', format: 'xlsx' }, { label: 'export(xlsx)', detail: (d) => ({ keys: Object.keys(d) }) })
  // Only the city admin freezes the selection.
  await call('stats', 'freezeSnapshot', 'ua1', {}, { expect: 'FORBIDDEN', label: 'freezeSnapshot(unit admin)' })
  const frozen = await call('stats', 'freezeSnapshot', 'a1', { topN: 5 }, { detail: (d: { status: string; entries: { memberId: string; score: number }[] }) => ({ status: d.status, entries: d.entries.map((e) => `${e.memberId}:${e.score}`) }) })
  await call('stats', 'snapshot', 'm1', {}, { detail: (d: { status: string } | null) => ({ status: d?.status ?? null }) })
  // During the notice a member objects to an entry; the city admin reads who objected and resolves it.
  const objection = await call('stats', 'fileObjection', 'm2', { period: frozen?.period, snapshotId: frozen?.id, memberId: frozen?.entries[0]?.memberId, reason: '该同志学习记录存在代签，请核实' }, {
    detail: (d) => ({ status: d.status, memberId: d.memberId }),
  })
  await call('stats', 'objections', 'a1', { period: frozen?.period }, { detail: (d) => ({ pending: d.pending, objectors: d.objections.map((o) => o.objectorName) }) })
  await call('stats', 'resolveObjection', 'a1', { objectionId: objection?.id, outcome: 'dismissed', comment: '经核实，异议不成立' }, { detail: (d) => ({ status: d.status }) })
  // Names of the study models are exported only once the 7-day public notice is over.
  await call('stats', 'export', 'a1', { what: 'studyModels', format: 'csv' }, { expect: 'CONFLICT', label: 'export(studyModels during notice)' })
  const answer = await call('stats', 'certificate', 'm1', {}, {
    detail: (d) => (d.issued ? { hours: d.hours, maskedId: d.maskedId, verifyUrl: d.verifyUrl } : { issued: false }),
  })
  const cert = answer?.issued ? answer : null
  // m3 has no volunteer hours: no certificate yet, which is an answer, not an error.
  await call('stats', 'certificate', 'm3', {}, { label: 'certificate(no hours)', detail: (d) => ({ issued: d.issued }) })
  // The certificate's public check is opened from its QR link: no WeChat user behind it.
  await call('stats', 'verifyCertificate', null, { serial: cert?.serial ?? 'XXXX', code: cert?.verifyCode ?? 'XXXX' }, {
    detail: (d: { valid: boolean; name: string; hours: number }) => ({ valid: d.valid, name: d.name, hours: d.hours }),
  })
  await call('stats', 'verifyCertificate', null, { serial: cert?.serial ?? 'XXXX', code: '0000AAAA' }, { expect: 'NOT_FOUND', label: 'verifyCertificate(wrong code)' })
  await call('stats', 'policy', 'a1', {}, { detail: (d: { current: { dailyPointsCap: number } }) => ({ dailyPointsCap: d.current.dailyPointsCap }) })
  await call('stats', 'setPolicy', 'a1', { effectiveFrom: shanghai(DAY), dailyPointsCap: 12 }, { detail: (d: { versions: unknown[]; atEffectiveDate: { dailyPointsCap: number } }) => ({ versions: d.versions.length, capFromTomorrow: d.atEffectiveDate.dailyPointsCap }) })

  // ---- branch life: the city admin sets up a branch, its secretary holds a meeting and files the record ----
  const branch = await call('member', 'saveOrg', 'a1', { op: 'create', kind: 'branch', name: '综合处党支部', parentId: 'u01' }, { detail: (d) => ({ op: d.op, kind: d.kind, unitId: d.unitId }) })
  const group = await call('member', 'saveOrg', 'a1', { op: 'create', kind: 'partyGroup', name: '综合处第一党小组', parentId: branch.id }, { label: 'saveOrg(partyGroup)', detail: (d) => ({ kind: d.kind, unitId: d.unitId }) })
  await call('member', 'saveOrg', 'a1', { op: 'move', memberIds: ['k1', 'k2', 'k3'], to: { unitId: 'u01', branchId: branch.id, partyGroupId: group.id } }, { label: 'saveOrg(move)', detail: (d) => ({ members: d.members }) })
  await call('member', 'saveOrg', 'ua1', { op: 'setPartyStatus', memberIds: ['k3'], partyStatus: 'probationary' }, { label: 'saveOrg(setPartyStatus)', detail: (d) => ({ members: d.members }) })
  // A unit admin does not set up units: that is the city's.
  await call('member', 'saveOrg', 'ua1', { op: 'create', kind: 'unit', name: '市档案局' }, { expect: 'FORBIDDEN', label: 'saveOrg(unit by unit admin)' })
  await call('member', 'setRole', 'a1', { memberId: 'k1', role: 'branchSecretary', branchId: branch.id }, { label: 'setRole(branchSecretary)', detail: (d: { roles: unknown[] }) => ({ roles: d.roles }) })
  await call('member', 'orgTree', 'a1', {}, {
    detail: (d) => {
      const b = d.units.find((u) => u.id === 'u01')?.branches.find((x) => x.id === branch.id)
      return { units: d.units.length, memberCount: b?.memberCount, partyGroups: b?.partyGroups.map((g) => `${g.name}:${g.memberCount}`), officers: b?.officers.map((o) => `${o.memberId}:${o.role}`) }
    },
  })
  // The secretary sees only their own branch.
  await call('member', 'orgTree', 'k1', {}, { label: 'orgTree(secretary)', detail: (d) => ({ branches: d.units.flatMap((u) => u.branches.map((b) => b.id === branch.id)) }) })

  // Leave, on a 支部党员大会 later today: k2 asks and takes it back, k3's is approved.
  const ahead = await call('activity', 'create', 'k1', { kind: 'study', title: '支部党员大会：学习党章', startAt: shanghai(2 * HOUR), endAt: shanghai(3 * HOUR), publish: true, noLocationReason: '场地无法定位', meeting: { type: 'generalMeeting', branchId: branch.id } }, {
    label: 'create(meeting ahead)',
    detail: (d) => ({ status: d.status, subKind: d.subKind, branch: d.branchId === branch.id, audience: d.audience.type, meeting: d.meeting?.type }),
  })
  const asked = await call('checkin', 'requestLeave', 'k2', { activityId: ahead.id, reason: '临时安排外出调研' }, { label: 'requestLeave(withdrawn)', detail: (d) => ({ status: d.status }) })
  await call('checkin', 'withdrawLeave', 'k3', { leaveId: asked.id }, { expect: 'FORBIDDEN', label: 'withdrawLeave(someone else\'s)' })
  await call('checkin', 'withdrawLeave', 'k2', { leaveId: asked.id }, { detail: (d) => d })
  const leave = await call('checkin', 'requestLeave', 'k3', { activityId: ahead.id, reason: '赴外地参加业务培训' }, { detail: (d) => ({ status: d.status }) })
  await call('checkin', 'reviewLeave', 'k2', { leaveId: leave.id, approve: true }, { expect: 'FORBIDDEN', label: 'reviewLeave(member)' })
  await call('checkin', 'reviewLeave', 'k1', { leaveId: leave.id, approve: true, comment: '同意' }, { detail: (d) => ({ status: d.status, reviewedBy: d.reviewedBy }) })

  // The meeting the record is for: published to start a moment from now (after the moves, so all three
  // are on its roll), checked in with the QR code, and over a moment later.
  const soon = Date.now() - T0
  const held = await call('activity', 'create', 'k1', { kind: 'study', title: '支部党员大会：传达学习全会精神', startAt: iso(soon + 1_500), endAt: iso(soon + 3_000), publish: true, noLocationReason: '场地无法定位', meeting: { type: 'generalMeeting', branchId: branch.id } }, {
    label: 'create(meeting)',
    detail: (d) => ({ status: d.status, forPeriod: d.meeting?.forPeriod === rhythmPeriod('quarter', new Date(d.startAt)).key }),
  })
  const hq = await call('activity', 'qrToken', 'k1', { id: held.id }, { label: 'qrToken(meeting)' })
  for (const who of ['k1', 'k2']) await call('checkin', 'checkIn', who, { activityId: held.id, token: hq.token }, { label: 'checkIn(meeting)', detail: (d) => ({ alreadyCheckedIn: d.alreadyCheckedIn }) })
  // Before the end the record may be written but not submitted.
  await call('activity', 'record', 'k1', { id: held.id }, { label: 'record(before the end)', detail: (d) => ({ problems: d.problems.includes('会议结束后才能上报记录') }) })
  await sleepUntil(Date.parse(held.endAt) + 50)
  await call('activity', 'record', 'k1', { id: held.id }, {
    detail: (d) => ({ expected: d.roll.expected, present: d.roll.present.total, absent: d.roll.absent, reasonsMissing: d.roll.reasonsMissing, quorum: d.roll.quorum?.met, may: d.may }),
  })
  const png = await call('activity', 'uploadPhoto', 'k1', { activityId: held.id, mime: 'image/png', data: PNG_1X1 }, { detail: (d) => ({ id: d.id.length > 0 }) })
  // Bytes that are not the image the mime type says are refused.
  await call('activity', 'uploadPhoto', 'k1', { activityId: held.id, mime: 'image/jpeg', data: PNG_1X1 }, { expect: 'BAD_INPUT', label: 'uploadPhoto(not a jpeg)' })
  const draft = await call('activity', 'saveRecord', 'k1', {
    id: held.id,
    version: 0,
    host: '吴刚',
    recorder: '郑华',
    topics: ['传达学习全会精神', '研究支部年度工作'],
    decisions: '同意支部年度工作安排',
    minutes: '会议由吴刚主持，传达学习了全会精神。',
    photos: [png.id],
  }, { detail: (d) => ({ state: d.state, version: d.version, photos: d.photos.length }) })
  // 冯雪 (预备党员) was absent without leave: no submitting until a reason is entered.
  await call('activity', 'submitRecord', 'k1', { id: held.id, version: draft.version }, { expect: 'BAD_INPUT', label: 'submitRecord(reason missing)' })
  const complete = await call('activity', 'saveRecord', 'k1', { id: held.id, version: draft.version, absences: [{ memberId: 'k3', reason: 'sick', note: '住院治疗' }] }, { label: 'saveRecord(absence)', detail: (d) => ({ version: d.version, absences: d.absences.length }) })
  await call('activity', 'photo', 'k2', { id: png.id }, { detail: (d) => ({ mime: d.mime, same: d.data === PNG_1X1 }) })
  // Someone of another branch does not see the branch's photos.
  await call('activity', 'photo', 'm3', { id: png.id }, { expect: 'FORBIDDEN', label: 'photo(other branch)' })
  await call('activity', 'submitRecord', 'k1', { id: held.id, version: complete.version }, { detail: (d) => ({ state: d.state, submittedBy: d.submittedBy }) })
  await call('activity', 'saveRecord', 'k1', { id: held.id, version: complete.version + 1, minutes: '改写' }, { expect: 'CONFLICT', label: 'saveRecord(submitted)' })
  await call('activity', 'amendRecord', 'k1', { id: held.id, field: 'decisions', value: '同意支部年度工作安排及学习计划', reason: '记录时漏记学习计划' }, { detail: (d) => ({ field: d.field, by: d.by }) })
  await call('activity', 'recordsToReview', 'ua1', {}, { detail: (d) => ({ meetings: d.meetings.map((m) => `${m.activityId === held.id ? 'held' : m.activityId}:${m.recordState}`) }) })
  // The secretary who filed it is not the reviewer; the unit's admin is.
  await call('activity', 'reviewRecord', 'k1', { id: held.id, approve: true }, { expect: 'FORBIDDEN', label: 'reviewRecord(secretary)' })
  await call('activity', 'reviewRecord', 'ua1', { id: held.id, approve: true, comment: '记录完整' }, { detail: (d) => ({ state: d.state, reviewedBy: d.reviewedBy }) })
  await call('activity', 'branchOverview', 'k1', { branchId: branch.id }, {
    detail: (d) => ({
      branch: d.branch.name,
      memberCount: d.branch.memberCount,
      may: d.may,
      meetings: d.meetings.filter((m) => m.activityId === held.id).map((m) => ({ recordState: m.recordState, arrivals: m.arrivals })),
      pendingLeaves: d.pendingLeaves.length,
      probationary: d.members.filter((m) => m.partyStatus === 'probationary').map((m) => m.id),
    }),
  })
  await call('activity', 'branchMeetings', 'k3', {}, {
    detail: (d) => {
      const mine = (id: string) => d.meetings.find((m) => m.activityId === id)
      return { held: mine(held.id)?.mine ?? null, ahead: mine(ahead.id)?.leave?.status ?? null }
    },
  })
  const quarter = rhythmPeriod('quarter', new Date(held.startAt)).key
  await call('activity', 'meetingRecords', 'ua1', { unitId: 'u01', period: quarter }, {
    detail: (d) => {
      const r = d.records.find((x) => x.activity.id === held.id)
      return { state: r?.filed.state, decisions: r?.record.decisions, amendments: r?.amendments.length, present: r?.roll.present.total, photos: r?.record.photos.length }
    },
  })
  await call('activity', 'exportRecords', 'k1', { branchId: branch.id, period: quarter, format: 'xlsx' }, { detail: (d) => ({ filename: d.filename, bytes: d.base64.length > 0 }) })
  await call('activity', 'exportRecords', 'ua1', { unitId: 'u01', period: quarter, format: 'csv' }, {
    label: 'exportRecords(csv)',
    detail: (d) => ({ filename: d.filename, hasMeeting: Buffer.from(d.base64, 'base64').toString('utf8').includes('支部党员大会：传达学习全会精神') }),
  })

  // ---- obligations: targets, the records that meet them, the dashboards and the upward report ----
  const year = String(new Date(T0 + 8 * HOUR).getUTCFullYear())
  await call('stats', 'targets', 'o1', {}, { detail: (d) => ({ targets: d.targets.length, builtIn: d.targets.filter((t) => t.builtIn).length }) })
  const added = await call('stats', 'setTarget', 'a1', { kind: 'training', name: '新任处级干部轮训', rhythm: 'year', unitIds: ['u01'], params: { minRank: 'county' } }, { detail: (d) => ({ kind: d.kind, builtIn: d.builtIn, unitIds: d.unitIds }) })
  await call('stats', 'setTarget', 'ua1', { kind: 'training', name: '新任处级干部轮训', rhythm: 'year' }, { expect: 'FORBIDDEN', label: 'setTarget(unit admin)' })
  await call('activity', 'create', 'o1', { ...lectureInput, title: '新任处级干部轮训（第一期）', targetId: added.id }, { label: 'create(training)', detail: (d) => ({ targetId: d.targetId === added.id }) })
  await call('activity', 'create', 'o1', { ...lectureInput, targetId: 'democratic-meeting' }, { expect: 'BAD_INPUT', label: 'create(target not a training)' })
  const evidence = await call('stats', 'uploadEvidence', 'ua1', { unitId: 'u01', name: '民主生活会.png', mime: 'image/png', data: PNG_1X1 }, { detail: (d) => ({ id: d.id.length > 0 }) })
  await call('stats', 'evidence', 'k1', { id: evidence.id }, { detail: (d) => ({ mime: d.mime, name: d.name, same: d.data === PNG_1X1 }) })
  await call('stats', 'recordDemocraticMeeting', 'ua1', { unitId: 'u01', heldAt: iso(-HOUR), topic: '年度民主生活会', attendeeName: '刘洋', attendeePost: '市直机关工委', evidence: [evidence.id] }, {
    detail: (d) => ({ unitId: d.unitId, forPeriod: d.forPeriod === year, evidence: d.evidence.length }),
  })
  await call('stats', 'democraticMeetings', 'ua1', {}, { detail: (d) => ({ meetings: d.meetings.map((m) => m.unitId) }) })
  await call('stats', 'checklist', 'o1', {}, { detail: (d) => ({ criteria: d.criteria.length }) })
  await call('stats', 'setChecklist', 'a1', { criteria: [{ id: 'c1', text: '组织设置规范', maxScore: 50 }, { id: 'c3', text: '组织生活规范', maxScore: 50 }], thresholds: { standard: 0.6, model: 0.85, exemplary: 0.95 } }, {
    detail: (d) => ({ ids: d.criteria.map((c) => c.id) }),
  })
  await call('stats', 'scoreBranch', 'ua1', { branchId: branch.id, year, scores: [{ criterionId: 'c1', score: 45 }, { criterionId: 'c3', score: 45 }] }, { detail: (d) => ({ total: d.total, grade: d.grade }) })
  await call('stats', 'branchScores', 'k1', {}, { detail: (d) => ({ scores: d.scores.map((x) => x.grade) }) })
  const duty = await call('stats', 'submitDutyReport', 'k1', { level: 'branch', subjectId: branch.id, year, reporterName: '吴刚', text: '支部书记抓党建工作述职' }, { detail: (d) => ({ level: d.level, grade: d.grade }) })
  await call('stats', 'appraiseDutyReport', 'k1', { reportId: duty.id, grade: 'good' }, { expect: 'FORBIDDEN', label: 'appraiseDutyReport(own)' })
  await call('stats', 'appraiseDutyReport', 'ua1', { reportId: duty.id, grade: 'good', comment: '履职到位' }, { detail: (d) => ({ grade: d.grade, appraisedBy: d.appraisedBy }) })
  await call('stats', 'dutyReports', 'ua1', {}, { detail: (d) => ({ reports: d.reports.map((r) => `${r.level}:${r.grade}`) }) })
  await call('stats', 'obligations', 'ua1', { unitId: 'u01' }, { detail: (d) => ({ level: d.level, targets: d.targets.map((t) => t.target.id).includes(added.id), rows: d.rows.length > 0 }) })
  await call('stats', 'obligations', 'a1', { targetId: 'democratic-meeting', scopeId: 'u01' }, {
    label: 'obligations(detail)',
    detail: (d) => ({ items: d.detail?.items.map((it) => it.state), namesWithheld: d.detail?.namesWithheld }),
  })
  await call('stats', 'obligationTrend', 'o1', {}, { detail: (d) => ({ year: d.year === year, targets: d.targets.length }) })
  await call('stats', 'reportSummary', 'ua1', { unitId: 'u01' }, { detail: (d) => ({ scopeName: d.scopeName, targets: d.targets.length }) })
  await call('stats', 'report', 'ua1', {}, { expect: 'FORBIDDEN', label: 'report(city by unit admin)' })
  await call('stats', 'report', 'a1', {}, { detail: (d) => ({ filename: d.filename.endsWith('.xlsx'), bytes: d.base64.length > 0 }) })

  // ---- aggregate: by a city admin, and by its nightly timer ----
  await call('aggregate', 'reconcile', 'm1', {}, { expect: 'FORBIDDEN', label: 'reconcile(member)' })
  await call('aggregate', 'reconcile', 'a1', {}, { detail: (d: { complete: boolean; checked: number; repaired: number }) => ({ complete: d.complete, checked: d.checked, repaired: d.repaired }) })
  await call('aggregate', 'reconcile', null, {}, {
    label: 'reconcile(timer)',
    // What CloudBase sends when a timer trigger fires.
    event: { Type: 'Timer', TriggerName: 'timerTick', Time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') },
    // The timer's answer is the tick's report, not the action's.
    detail: (d) => {
      const tick = d as unknown as TimerReport
      return { complete: tick.reconcile.complete, repaired: tick.reconcile.repaired, views: tick.views.built }
    },
  })
  // ---- notify: a member's inbox and preferences; the dispatch by a city admin and by its timer ----
  await call('notify', 'subscribed', 'm1', { accepted: ['activityReminder', 'reviewResult'] }, { detail: (d) => d.subscriptions })
  await call('notify', 'setPreferences', 'm1', { off: ['obligationDue'] }, { detail: (d) => d.off })
  await call('notify', 'preferences', 'm1', {}, { detail: (d) => ({ off: d.off, subscriptions: d.subscriptions }) })
  await call('notify', 'dispatchDue', 'm1', {}, { expect: 'FORBIDDEN', label: 'dispatchDue(member)' })
  const dispatchDetail = (d: DataOf<'notify', 'dispatchDue'>) => ({ due: d.due, delivered: d.delivered, skipped: d.skipped, held: d.held, off: d.off, pushed: d.pushed, fellBack: d.fellBack })
  await call('notify', 'dispatchDue', 'a1', {}, { detail: dispatchDetail })
  await call('notify', 'dispatchDue', null, {}, {
    label: 'dispatchDue(timer)',
    event: { Type: 'Timer', TriggerName: 'dispatchTimer', Time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') },
    detail: dispatchDetail,
  })
  await call('notify', 'inbox', 'm1', { limit: 20 }, { detail: (d) => ({ messages: d.messages.length, unread: d.unread, own: d.messages.every((x) => x.memberId === 'm1') }) })
  await call('notify', 'markRead', 'm1', { all: true }, { detail: (d) => d })
  await call('notify', 'inbox', null, {}, { expect: 'UNAUTHENTICATED', label: 'inbox(unbound)' })

  // ---- 延长签到 / 结束签到 on a lecture under way; 取消报名 gives the place back ----
  const running = await call('activity', 'create', 'o1', { ...lectureInput, title: '正在签到的讲座', startAt: shanghai(-5 * MIN), endAt: shanghai(55 * MIN), noLocationReason: '场地无法定位', publish: true }, { label: 'create(running)' })
  await call('activity', 'extendCheckIn', 'o1', { id: running.id, minutes: 15 }, { detail: (d: Activity) => ({ closesAfterStartMin: (Date.parse(d.checkInClosesAt) - Date.parse(d.startAt)) / MIN }) })
  await call('checkin', 'manualCheckIn', 'o1', { activityId: running.id, memberId: 'm5', note: '手机没电，现场登记' }, { detail: (d) => ({ memberId: d.checkIn.memberId, method: d.checkIn.method, note: d.note }) })
  await call('activity', 'endCheckIn', 'o1', { id: running.id }, { detail: (d: Activity) => ({ closed: Date.parse(d.checkInClosesAt) <= Date.now() }) })
  await call('checkin', 'signUp', 'm2', { activityId: signUpStudy.id }, { label: 'signUp(m2)', detail: (d) => ({ signUps: d.signUps }) })
  await call('checkin', 'withdrawSignUp', 'm2', { activityId: signUpStudy.id }, { detail: (d) => d })

  // A caller's event without an action is bad input, not a crash.
  await call('aggregate', 'reconcile', 'a1', {}, { expect: 'BAD_INPUT', label: '(no action)', event: { userInfo: { appId: 'wx0000000000000000', openId: OPENID.a1 } } })

  const byFunction = Object.fromEntries(FUNCTIONS.map((fn) => [fn, [...new Set(lines.filter((l) => l.fn === fn).map((l) => l.action.replace(/\(.*$/, '')).filter(Boolean))]]))
  const failed = lines.filter((l) => !l.pass)
  console.log(
    JSON.stringify({
      summary: true,
      outDir,
      calls: lines.length,
      passed: lines.length - failed.length,
      failed: failed.map((l) => `${l.fn}.${l.action}: expected ${l.expect}, got ${l.ok ? 'ok' : l.code}`),
      internal: lines.filter((l) => l.code === 'INTERNAL' || l.code === 'THROWN').length,
      okCalls: lines.filter((l) => l.ok).length,
      actionsCalled: byFunction,
      sdk: { init: sdkCalls.init, database: sdkCalls.database, subscribeSends: subscribeSends.length },
      storage: { ...storage.counters, files: storage.size },
      lazy: { atColdStart: lazyAtColdStart, atEnd: loadedLazily() },
      loadMs,
      totalMs: Date.now() - T0,
    }),
  )
  if (failed.length) process.exitCode = 1
}

main().catch((e) => {
  console.error(e)
  console.log(JSON.stringify({ summary: true, crashed: String((e as Error)?.stack ?? e) }))
  process.exitCode = 2
})
