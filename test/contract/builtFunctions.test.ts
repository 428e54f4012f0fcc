/**
 * The deployable artifacts. `npm run build:cloud` writes one folder per cloud function;
 * each is loaded in a separate Node process (builtFunctions.runner.ts) with a stand-in wx-server-sdk
 * backed by the CloudBase fake, and answers a real event for every action of its table. Each bundle
 * stays within 600 KB (cold start): exceljs, which only spreadsheet actions use, is left out of it,
 * loaded on first use and listed in the package.json of the functions that make spreadsheets. The
 * deploy script's dry run lists what it would upload.
 */
import { builtinModules } from 'node:module'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { functions } from '../../cloud/functions'
import { buildCloud, CLOUD_OUT, LAZY_PACKAGES, WX_SERVER_SDK } from '../../scripts/buildCloud'
import { runTsx, type Finished } from '../helpers/tsxProcess'

const ROOT = join(__dirname, '..', '..')
const NAMES = Object.keys(functions) as (keyof typeof functions)[]
/** The functions with spreadsheet actions: XLSX exports (activity, stats), XLSX roster and template (member). */
const SPREADSHEETS: string[] = ['member', 'activity', 'stats']
const EXCELJS: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies.exceljs
const expectedDependencies = (name: string) => ({ 'wx-server-sdk': WX_SERVER_SDK, ...(SPREADSHEETS.includes(name) ? { exceljs: EXCELJS } : {}) })

interface Line {
  fn: string
  action: string
  as: string
  ok: boolean
  code: string | null
  expect: string
  envelope: boolean
  pass: boolean
  /** What the runner's `detail` picked out of the answer (or why it could not), as printed JSON. */
  detail?: Record<string, unknown>
}
interface Summary {
  summary: true
  crashed?: string
  calls: number
  failed: string[]
  internal: number
  sdk: { init: { dynamicEnv: boolean }[]; database: unknown[] }
  /** The stand-in's storage (uploadFile/downloadFile): calls made and files kept. */
  storage: { uploads: number; downloads: number; files: number }
  /** LAZY_PACKAGES loaded once every bundle was required, and by the end of the run. */
  lazy: { atColdStart: string[]; atEnd: string[] }
}


let runner: Finished
let deploy: Finished
let lines: Line[] = []
let summary: Summary | undefined

/** The base action of a line (`checkOut(10 h)` → `checkOut`). */
const base = (l: Line) => l.action.replace(/\(.*$/, '')
const one = (fn: string, action: string): Line => {
  const found = lines.find((l) => l.fn === fn && l.action === action)
  if (!found) throw new Error(`no call ${fn}.${action} in the runner's output:\n${runner.stdout}\n${runner.stderr}`)
  return found
}

beforeAll(async () => {
  await buildCloud(() => {})
  const noCloudEnv = { ...process.env }
  for (const k of ['CLOUD_ENV', 'TCB_SECRET_ID', 'TCB_SECRET_KEY']) delete noCloudEnv[k]
  ;[runner, deploy] = await Promise.all([
    runTsx(['test/contract/builtFunctions.runner.ts', CLOUD_OUT]),
    runTsx(['scripts/deployCloud.ts', '--dry-run', '--no-build'], noCloudEnv),
  ])
  const parsed = runner.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line | Summary)
  lines = parsed.filter((p): p is Line => !('summary' in p))
  summary = parsed.find((p): p is Summary => 'summary' in p)
}, 60_000)

describe('built cloud function folders', () => {
  test.each(NAMES)('%s holds index.js, a package.json needing wx-server-sdk (and exceljs where it makes spreadsheets), and a config.json', (name) => {
    const dir = join(CLOUD_OUT, name)
    // Nothing else: no node_modules (CloudBase installs the dependencies), no leftovers of the build.
    expect(readdirSync(dir).sort()).toEqual(['config.json', 'index.js', 'package.json'])
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    expect(pkg.main ?? 'index.js').toBe('index.js')
    // exceljs at the version the root package.json (and so every test) uses.
    expect(pkg.dependencies).toEqual(expectedDependencies(name))
    expect(pkg.devDependencies).toBeUndefined()
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))
    // CloudBase: timeout in seconds, 1–60.
    expect(Number.isInteger(config.timeout)).toBe(true)
    expect(config.timeout).toBeGreaterThanOrEqual(1)
    expect(config.timeout).toBeLessThanOrEqual(60)
    expect(config.permissions).toEqual({ openapi: expect.any(Array) })
    if (name === 'notify') {
      // The function that sends subscribe messages declares the openapi it calls, and runs every 5 minutes.
      expect(config.permissions).toEqual({ openapi: ['subscribeMessage.send'] })
      expect(config.triggers).toEqual([{ name: 'dispatchTimer', type: 'timer', config: '0 */5 * * * * *' }])
      expect(config.timeout).toBe(60)
    } else if (name === 'aggregate') {
      expect(config.triggers).toHaveLength(1)
      const [trigger] = config.triggers
      expect(trigger).toMatchObject({ name: 'timerTick', type: 'timer' })
      // 7 fields: second minute hour day month weekday year.
      expect(trigger.config.trim().split(/\s+/)).toHaveLength(7)
    } else {
      expect(config.triggers).toBeUndefined()
    }
  })

  test.each(NAMES)('%s/index.js requires nothing but Node built-ins and the dependencies of its package.json', (name) => {
    const code = readFileSync(join(CLOUD_OUT, name, 'index.js'), 'utf8')
    expect(code).not.toMatch(/\bimport\(/)
    const required = new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]))
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))
    expect([...required].filter((r) => !builtins.has(r)).sort()).toEqual(Object.keys(expectedDependencies(name)).sort())
  })

  test.each(NAMES)('%s/index.js is at most 600 KB (cold start)', (name) => {
    expect(statSync(join(CLOUD_OUT, name, 'index.js')).size).toBeLessThanOrEqual(600 * 1024)
  })

  test('the bundles load exceljs only when a spreadsheet is made, not at cold start', () => {
    expect(LAZY_PACKAGES).toEqual(['exceljs'])
    expect(summary?.lazy).toEqual({ atColdStart: [], atEnd: ['exceljs'] })
  })
})

describe('every built function answers real events (stub wx-server-sdk on the CloudBase fake)', () => {
  test('the runner finished and every call answered as expected', () => {
    const context = `\n--- stdout\n${runner.stdout}\n--- stderr\n${runner.stderr}`
    if (!summary || summary.crashed) throw new Error(`the runner did not finish${context}`)
    expect(summary.failed).toEqual([])
    expect(lines.filter((l) => !l.pass).map((l) => `${l.fn}.${l.action} as ${l.as}: expected ${l.expect}, got ${l.ok ? 'ok' : l.code} ${JSON.stringify(l.detail ?? '')}`)).toEqual([])
    expect(runner.code).toBe(0)
    expect(lines.length).toBe(summary?.calls)
  })

  test('each bundle initialised wx-server-sdk for the current env and asked for a database that does not throw on a missing record', () => {
    expect(summary?.sdk.init).toEqual(NAMES.map(() => ({ dynamicEnv: true })))
    expect(summary?.sdk.database).toEqual(NAMES.map(() => ({ throwOnNotFound: false })))
  })

  test('every action of every function table was called at least once, and all but signIn answered ok at least once', () => {
    const missing: string[] = []
    const neverOk: string[] = []
    for (const name of NAMES) {
      for (const action of Object.keys(functions[name])) {
        const calls = lines.filter((l) => l.fn === name && base(l) === action)
        if (!calls.length) missing.push(`${name}.${action}`)
        else if (!calls.some((l) => l.ok)) neverOk.push(`${name}.${action}`)
      }
    }
    expect(missing).toEqual([])
    // signIn is the local world's: in WeChat the answer is FORBIDDEN (bind instead).
    expect(neverOk).toEqual(['member.signIn'])
    expect(one('member', 'signIn').code).toBe('FORBIDDEN')
  })

  test('every answer is an envelope and none is INTERNAL', () => {
    expect(lines.filter((l) => !l.envelope)).toEqual([])
    expect(lines.filter((l) => l.code === 'INTERNAL' || l.code === 'THROWN')).toEqual([])
    expect(summary?.internal).toBe(0)
    expect(runner.stderr).not.toMatch(/\[(member|activity|checkin|stats|aggregate|notify)\] /)
  })

  test('identity comes from getWXContext: bind, then the bound OPENID is the caller', () => {
    expect(one('member', 'bind').detail).toEqual({ memberId: 'm4' })
    // The event's userInfo claimed the city admin; the caller is still m4.
    expect(one('member', 'me').detail).toMatchObject({ id: 'm4' })
    expect(one('member', 'me(unbound OPENID)').code).toBe('UNAUTHENTICATED')
    expect(one('member', 'importRoster').detail).toEqual({ applied: true, created: 2 })
    expect(one('member', 'rosterTemplate(xlsx)').detail).toEqual({ filename: '花名册模板.xlsx', rows: 2 })
    expect(one('member', 'importRoster(xlsx, dryRun)').detail).toMatchObject({ applied: false, summary: { rows: 2, created: 2, newBranches: 1 } })
    expect(one('member', 'roster').detail).toMatchObject({ imported: 2 })
  })

  test('a unit keeps its check-in places: saved by its organizer, not by another unit’s, removed, listed', () => {
    expect(one('activity', 'savePlace').detail).toEqual({ unitId: 'u01', name: '机关大楼三楼报告厅', savedBy: 'o1' })
    expect(one('activity', 'savePlace(other unit)').code).toBe('FORBIDDEN')
    expect(one('activity', 'removePlace').detail).toEqual({ removed: true })
    expect(one('activity', 'places').detail).toEqual({ unitId: 'u01', places: ['机关大楼三楼报告厅'] })
  })

  test('create → update → publish → qrToken → checkIn with the token → attendance → export', () => {
    expect(one('activity', 'create').detail).toMatchObject({ status: 'draft' })
    expect(one('activity', 'publish').detail).toEqual({ status: 'published' })
    expect(one('activity', 'cancel').detail).toEqual({ status: 'cancelled' })
    // Published without a place or a reason: the unit's saved place (the one left after a removal).
    expect(one('activity', 'create(publish)').detail).toEqual({ status: 'published', place: { lat: 30.27415, lng: 120.15515, radiusM: 200 }, noLocationReason: null })
    const qr = one('activity', 'qrToken').detail
    expect(qr?.tokenLength).toBeLessThanOrEqual(32)
    expect(qr?.periodSec).toBe(15)
    expect(one('checkin', 'checkIn').detail).toEqual({ pointsEarned: 1, alreadyCheckedIn: false, method: 'qr', ip: '10.0.0.1', device: 'wx_client' })
    expect(one('checkin', 'checkIn(retry)').detail).toEqual({ pointsEarned: 1, alreadyCheckedIn: false })
    expect(one('checkin', 'checkIn(foreign token)').code).toBe('TOKEN_EXPIRED')
    expect(one('activity', 'attendance').detail).toMatchObject({ presentCount: 1 })
    for (const action of ['exportAttendance', 'exportAttendance(xlsx)']) expect(one('activity', action).detail?.keys).toEqual(expect.arrayContaining(['filename', 'base64']))
  })

  test('a relayed check-in: one phone for two members flags both; the organizer reverses the other’s credit, never their own', () => {
    expect(one('checkin', 'checkIn(same phone)').detail).toEqual({ pointsEarned: 1 })
    expect(one('activity', 'attendance(shared phone)').detail).toEqual({ flagged: 2, rows: ['m1:sharedDevice:false', 'm4:sharedDevice:false'] })
    expect(one('checkin', 'reverseCheckIn(own)').code).toBe('FORBIDDEN')
    expect(one('checkin', 'reverseCheckIn').detail).toEqual({ memberId: 'm4', reversed: [-1] })
    expect(one('checkin', 'reverseCheckIn(again)').code).toBe('CONFLICT')
    // Still present, still flagged, no longer waiting for a look.
    expect(one('activity', 'attendance(reversed)').detail).toEqual({ flagged: 1, rows: ['m1:sharedDevice:false', 'm4:sharedDevice:true'] })
  })

  test('volunteer hours: check-out, the daily split, review, confirmation and reversal', () => {
    expect(one('checkin', 'checkOut').detail).toEqual({ hours: 2, effectiveHours: 2, pendingHours: 0, pointsEarned: 2 })
    expect(one('checkin', 'checkOut(10 h)').detail).toEqual({ hours: 10, effectiveHours: 8, pendingHours: 2 })
    expect(one('checkin', 'reviewHours').detail).toEqual({ status: 'approved', hours: 2 })
    expect(one('checkin', 'confirmHours').detail).toEqual({ hours: 2, points: 2 })
    expect(one('checkin', 'reverseCredit').detail).toEqual({ hours: -2, points: -2, reverses: true })
    expect(one('checkin', 'signUp').detail).toMatchObject({ signedUp: true, signUps: 1 })
    expect(one('checkin', 'signUp(m2)').detail).toEqual({ signUps: 2 })
    expect(one('checkin', 'withdrawSignUp').detail).toEqual({ withdrawn: true, signUps: 1, capacity: 3 })
    expect(one('activity', 'extendCheckIn').detail).toEqual({ closesAfterStartMin: 45 })
    expect(one('checkin', 'manualCheckIn').detail).toEqual({ memberId: 'm5', method: 'manual', note: '手机没电，现场登记' })
    expect(one('activity', 'endCheckIn').detail).toEqual({ closed: true })
  })

  test('make-ups: listed as missed, requested and approved, added by the organizer, refused before the activity starts', () => {
    expect(one('checkin', 'missed').detail).toEqual({ pastLecture: true })
    expect(one('checkin', 'requestMakeup').detail).toEqual({ status: 'pending' })
    expect(one('checkin', 'reviewMakeup').detail).toEqual({ status: 'approved' })
    expect(one('checkin', 'addMakeup').detail).toEqual({ status: 'approved' })
    expect(one('checkin', 'requestMakeup(not started)').code).toBe('WINDOW_CLOSED')
    expect(one('checkin', 'myMakeups').detail).toEqual({ makeups: ['approved'] })
  })

  test('stats: boards, the frozen selection, a certificate checked without OPENID, the policy', () => {
    expect(one('stats', 'myScore').detail).toMatchObject({ score: 3, youth: true, cityRank: 1, volunteerHours: 2 })
    expect(one('stats', 'leaderboard(volunteer, unit)').detail).toEqual({ rows: ['m4:10', 'm1:2'] })
    expect(one('stats', 'freezeSnapshot').detail).toEqual({ status: 'notice', entries: ['m1:3'] })
    expect(one('stats', 'snapshot').detail).toEqual({ status: 'notice' })
    expect(one('stats', 'fileObjection').detail).toEqual({ status: 'pending', memberId: 'm1' })
    expect(one('stats', 'objections').detail).toEqual({ pending: 1, objectors: ['张敏'] })
    expect(one('stats', 'resolveObjection').detail).toEqual({ status: 'dismissed' })
    expect(one('stats', 'certificate').detail).toMatchObject({ hours: 2, maskedId: expect.stringMatching(/^1101\*+0011$/) })
    expect(one('stats', 'certificate(no hours)')).toMatchObject({ ok: true, detail: { issued: false } })
    const verify = one('stats', 'verifyCertificate')
    expect(verify.as).toBe('(no OPENID)')
    expect(verify.detail).toEqual({ valid: true, name: '李*', hours: 2 })
    expect(one('stats', 'setPolicy').detail).toEqual({ versions: 1, capFromTomorrow: 12 })
  })

  test('branch life: the city admin sets up a branch and its secretary in the app; leave is asked, withdrawn and approved', () => {
    expect(one('member', 'saveOrg').detail).toEqual({ op: 'create', kind: 'branch', unitId: 'u01' })
    expect(one('member', 'saveOrg(move)').detail).toEqual({ members: 3 })
    expect(one('member', 'saveOrg(setPartyStatus)').detail).toEqual({ members: 1 })
    expect(one('member', 'saveOrg(unit by unit admin)').code).toBe('FORBIDDEN')
    expect(one('member', 'orgTree').detail).toMatchObject({ memberCount: 3, partyGroups: ['综合处第一党小组:3'], officers: ['k1:branchSecretary'] })
    // The secretary's tree holds their branch and nothing else.
    expect(one('member', 'orgTree(secretary)').detail).toEqual({ branches: [true] })
    expect(one('activity', 'create(meeting ahead)').detail).toEqual({ status: 'published', subKind: '支部党员大会', branch: true, audience: 'branches', meeting: 'generalMeeting' })
    expect(one('checkin', "withdrawLeave(someone else's)").code).toBe('FORBIDDEN')
    expect(one('checkin', 'withdrawLeave').detail).toMatchObject({ withdrawn: true })
    expect(one('checkin', 'reviewLeave(member)').code).toBe('FORBIDDEN')
    expect(one('checkin', 'reviewLeave').detail).toEqual({ status: 'approved', reviewedBy: 'k1' })
  })

  test('branch life: the record of a meeting with its roll and a photo in storage, submitted, amended, reviewed, listed and exported', () => {
    expect(one('activity', 'create(meeting)').detail).toEqual({ status: 'published', forPeriod: true })
    expect(lines.filter((l) => l.action === 'checkIn(meeting)').map((l) => l.detail)).toEqual([{ alreadyCheckedIn: false }, { alreadyCheckedIn: false }])
    expect(one('activity', 'record(before the end)').detail).toEqual({ problems: true })
    // 应到 two 正式党员 and one 预备党员; the two who checked in are 实到; the third lacks a reason.
    expect(one('activity', 'record').detail).toEqual({
      expected: { full: 2, probationary: 1, total: 3 },
      present: 2,
      absent: 1,
      reasonsMissing: 1,
      quorum: true,
      may: { edit: true, submit: false, amend: false, review: false },
    })
    expect(one('activity', 'uploadPhoto').detail).toEqual({ id: true })
    expect(one('activity', 'uploadPhoto(not a jpeg)').code).toBe('BAD_INPUT')
    expect(one('activity', 'saveRecord').detail).toEqual({ state: 'draft', version: 1, photos: 1 })
    expect(one('activity', 'submitRecord(reason missing)').detail).toMatchObject({ details: { problems: ['还有 1 名缺席党员未登记缺席原因'] } })
    expect(one('activity', 'saveRecord(absence)').detail).toEqual({ version: 2, absences: 1 })
    // The photo went to storage (uploadFile) and comes back byte for byte (downloadFile).
    expect(one('activity', 'photo').detail).toEqual({ mime: 'image/png', same: true })
    expect(one('activity', 'photo(other branch)').code).toBe('FORBIDDEN')
    // The photo and one evidence file of the obligations (stats.uploadEvidence) went to storage.
    expect(summary?.storage).toMatchObject({ uploads: 2, files: 2 })
    expect(summary?.storage.downloads).toBeGreaterThanOrEqual(1)
    expect(one('activity', 'submitRecord').detail).toEqual({ state: 'submitted', submittedBy: 'k1' })
    expect(one('activity', 'saveRecord(submitted)').code).toBe('CONFLICT')
    expect(one('activity', 'amendRecord').detail).toEqual({ field: 'decisions', by: 'k1' })
    expect(one('activity', 'recordsToReview').detail).toEqual({ meetings: ['held:submitted'] })
    expect(one('activity', 'reviewRecord(secretary)').code).toBe('FORBIDDEN')
    expect(one('activity', 'reviewRecord').detail).toEqual({ state: 'reviewed', reviewedBy: 'ua1' })
    expect(one('activity', 'branchOverview').detail).toEqual({
      branch: '综合处党支部',
      memberCount: 3,
      may: { run: true, review: false },
      meetings: [{ recordState: 'reviewed', arrivals: 2 }],
      pendingLeaves: 0,
      probationary: ['k3'],
    })
    expect(one('activity', 'branchMeetings').detail).toEqual({ held: 'absent', ahead: 'approved' })
    // The amendment reads into the record; the filed record stays as submitted.
    expect(one('activity', 'meetingRecords').detail).toEqual({ state: 'reviewed', decisions: '同意支部年度工作安排及学习计划', amendments: 1, present: 2, photos: 1 })
    expect(one('activity', 'exportRecords').detail).toEqual({ filename: expect.stringMatching(/^综合处党支部-会议记录-\d{4}-Q[1-4]\.xlsx$/), bytes: true })
    expect(one('activity', 'exportRecords(csv)').detail).toEqual({ filename: expect.stringMatching(/^市委办公室-会议记录-\d{4}-Q[1-4]\.csv$/), hasMeeting: true })
  })

  test('obligations: a target added, a training tagged with it, records with evidence in storage, the dashboards and the report', () => {
    expect(one('stats', 'targets').detail).toEqual({ targets: 6, builtIn: 6 })
    expect(one('stats', 'setTarget').detail).toEqual({ kind: 'training', builtIn: false, unitIds: ['u01'] })
    expect(one('stats', 'setTarget(unit admin)').code).toBe('FORBIDDEN')
    expect(one('activity', 'create(training)').detail).toEqual({ targetId: true })
    expect(one('activity', 'create(target not a training)').code).toBe('BAD_INPUT')
    expect(one('stats', 'evidence').detail).toEqual({ mime: 'image/png', name: '民主生活会.png', same: true })
    expect(one('stats', 'recordDemocraticMeeting').detail).toEqual({ unitId: 'u01', forPeriod: true, evidence: 1 })
    expect(one('stats', 'democraticMeetings').detail).toEqual({ meetings: ['u01'] })
    expect(one('stats', 'setChecklist').detail).toEqual({ ids: ['c1', 'c3'] })
    expect(one('stats', 'scoreBranch').detail).toEqual({ total: 90, grade: 'model' })
    expect(one('stats', 'branchScores').detail).toEqual({ scores: ['model'] })
    expect(one('stats', 'appraiseDutyReport(own)').code).toBe('FORBIDDEN')
    expect(one('stats', 'appraiseDutyReport').detail).toEqual({ grade: 'good', appraisedBy: 'ua1' })
    expect(one('stats', 'dutyReports').detail).toEqual({ reports: ['branch:good'] })
    expect(one('stats', 'obligations').detail).toEqual({ level: 'branch', targets: true, rows: true })
    expect(one('stats', 'obligations(detail)').detail).toEqual({ items: ['met'], namesWithheld: false })
    expect(one('stats', 'obligationTrend').detail).toEqual({ year: true, targets: 7 })
    expect(one('stats', 'reportSummary').detail).toEqual({ scopeName: '市委办公室', targets: 7 })
    expect(one('stats', 'report(city by unit admin)').code).toBe('FORBIDDEN')
    expect(one('stats', 'report').detail).toEqual({ filename: true, bytes: true })
  })

  test('notify: a member reads and marks their own inbox; the dispatch runs for a city admin and on its timer', () => {
    expect(one('notify', 'subscribed').detail).toEqual({ activityReminder: 1, reviewResult: 1 })
    expect(one('notify', 'preferences').detail).toEqual({ off: ['obligationDue'], subscriptions: { activityReminder: 1, reviewResult: 1 } })
    expect(one('notify', 'dispatchDue(member)').code).toBe('FORBIDDEN')
    for (const label of ['dispatchDue', 'dispatchDue(timer)']) {
      const d = one('notify', label).detail as { due: number; delivered: number; skipped: number; held: number; off: number }
      expect(d.delivered + d.skipped + d.held + d.off).toBe(d.due)
    }
    // The timer's run finds only what the first run left (held, or nothing new).
    expect((one('notify', 'dispatchDue(timer)').detail as { delivered: number }).delivered).toBe(0)
    expect(one('notify', 'inbox').detail).toMatchObject({ own: true })
    expect(one('notify', 'inbox(unbound)').code).toBe('UNAUTHENTICATED')
  })

  test('aggregate reconciles for a city admin, finding no drift; its timer event keeps the views ready', () => {
    expect(one('aggregate', 'reconcile').detail).toMatchObject({ complete: true, repaired: 0 })
    expect(one('aggregate', 'reconcile').detail?.checked).toBeGreaterThan(0)
    const timer = one('aggregate', 'reconcile(timer)')
    expect(timer.ok).toBe(true)
    expect(timer.as).toBe('(no OPENID)')
    // Tonight's pass is the one the admin just ran; the boards, coverage and totals were rebuilt.
    expect(timer.detail).toMatchObject({ complete: true, repaired: 0 })
    expect(timer.detail?.views).toBeGreaterThan(0)
    expect(one('aggregate', 'reconcile(member)').code).toBe('FORBIDDEN')
  })
})

describe('npm run deploy:cloud -- --dry-run --no-build', () => {
  test('exits 0 without CLOUD_ENV and lists every function (notify too) with the dependencies CloudBase installs', () => {
    expect({ code: deploy.code, stderr: deploy.stderr }).toEqual({ code: 0, stderr: '' })
    const out = deploy.stdout.split('\n')
    for (const name of NAMES) {
      const at = out.findIndex((l) => l.includes(`云函数 ${name}: `))
      expect(out[at]).toMatch(/index\.js/)
      const deps = Object.entries(expectedDependencies(name)).map(([pkg, version]) => `${pkg}@${version}`)
      expect(out[at + 1]?.trim()).toBe(`云端安装依赖: ${deps.join(', ')}`)
    }
    expect(deploy.stdout).toContain('未设置 CLOUD_ENV')
    expect(deploy.stdout).toContain(`将上传 ${NAMES.length} 个云函数`)
  })
})
