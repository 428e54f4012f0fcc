/**
 * `npm run bench`: a city-sized load on this machine, measured side by side with the machine's own
 * limits in the same run (the local world: SQLite behind the HTTP server), then the WeChat world on
 * the CloudBase fake (bench/cloudbase.ts, in a process of its own). Writes bench/report.json and
 * bench/report.md and prints the tables.
 *
 *   npm run bench                                        both sections, full size
 *   npm run bench -- --only cloudbase --members 2000     the CloudBase section alone, on a smaller city
 *   npm run bench -- --only local                        the local section alone
 *   npm run bench -- --only h5                           the h5 first page's sizes alone (bench/h5FirstPage.ts)
 *
 * A section that does not run keeps its figures from the last report.json.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { draftActivity } from '../cloud/domain/activity'
import { DEFAULT_POLICY } from '../cloud/domain/policy'
import { newQrSecret, signQrToken } from '../cloud/domain/qrToken'
import { ensureH5Build } from '../cloud/server/h5Build'
import { SessionSigner } from '../cloud/server/sessions'
import { SqliteStore } from '../cloud/store/sqlite/SqliteStore'
import { UNITS, generateCity } from './generate'
import { load, timeCalls, type LoadResult } from './load'
import { OBLIGATION_CALLS, reportWorkbook, timeObligationReads } from './obligationCalls'
import { measureBuiltH5FirstPage, measureH5FirstPage, type H5FirstPage } from './h5FirstPage'
import { breakdown } from './profile'
import { hasLocal, writeReport, type Report, type SavedReport } from './report'
import type { CloudBaseReport } from './cloudbaseReport'

const root = resolve(__dirname, '..')
const out = join(__dirname, 'out')
const SECRET = 'bench-session-secret'
const PORT = 18787
const BASE = `http://127.0.0.1:${PORT}`
const BURST_MEMBERS = 10_000
const PROFILED_MEMBERS = 3_000
const WARM_UP_MEMBERS = 1_000
/** Calls per read: p99 of 1,000 is the tenth slowest, not one stray pause of the machine. */
const READ_CALLS = 1_000
const log = (s: string) => console.log(s)

async function waitFor(child: ChildProcess, text: string, timeoutMs = 120_000): Promise<void> {
  let buf = ''
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${buf}`)), timeoutMs)
    const on = (c: Buffer) => {
      buf += c.toString()
      if (buf.includes(text)) {
        clearTimeout(timer)
        res()
      }
    }
    child.stdout?.on('data', on)
    child.stderr?.on('data', on)
    child.on('exit', (code) => rej(new Error(`server exited ${code}:\n${buf}`)))
  })
}

/** A memory figure of a process from /proc, MB: VmHWM is the peak RSS, VmRSS the current. */
const statusMB = (pid: number, field: 'VmHWM' | 'VmRSS'): number =>
  Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024)
const peakRss = (pid: number) => statusMB(pid, 'VmHWM')
const currentRss = (pid: number) => statusMB(pid, 'VmRSS')

/** Start a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM to the current RSS). */
const resetPeakRss = (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, '5')

/** The server exactly as `npm start` runs it (node flags included), pinned to core 0. */
async function startServer(dataDir: string, nodeArgs: string[], logLines: string[]) {
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/)
  if (start[0] !== 'node') throw new Error(`npm start 应以 node 开头：${start.join(' ')}`)
  const child = spawn('taskset', ['-c', '0', process.execPath, ...nodeArgs, ...start.slice(1), '--no-build'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), HOST: '127.0.0.1', SESSION_SECRET: SECRET, SEED_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (c: Buffer) => logLines.push(c.toString()))
  child.stderr?.on('data', (c: Buffer) => logLines.push(c.toString()))
  const exited = new Promise<void>((res) => child.on('exit', (code, signal) => (logLines.push(`[server exited: ${code ?? signal}]\n`), res())))
  await waitFor(child, '已启动')
  return {
    // taskset execs node, which compiles TypeScript in-process (tsx/cjs): one process holds the data.
    pid: child.pid!,
    /** SIGTERM: the server closes the store (last checkpoint) and writes its profile, if any, on exit. */
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

// Timed calls use Node's plain http client on one kept-alive socket: fetch (undici) adds a few ms
// of its own to the slowest calls, which is the client's time, not the server's.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

function request(method: 'GET' | 'POST', path: string, body?: string, session?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = session ? { authorization: `Bearer ${session}` } : {}
    if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    const req = http.request({ host: '127.0.0.1', port: PORT, path, method, agent, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

async function post(fn: string, event: unknown, session: string) {
  const body = JSON.parse(await request('POST', `/api/fn/${fn}`, JSON.stringify(event), session)) as { ok: boolean; data?: unknown; error?: { code: string } }
  if (!body.ok) throw new Error(`${fn} ${JSON.stringify(event).slice(0, 80)} → ${JSON.stringify(body.error)}`)
  return body.data as Record<string, unknown>
}

function packageSizes(): Report['sizes'] {
  const weapp = join(root, 'dist/weapp')
  // Always a fresh build: a package left over from older sources would measure the wrong thing.
  log('   构建小程序以测量包体积…')
  const built = spawnSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } })
  if (built.status !== 0) throw new Error('小程序构建失败（npm run build:weapp 可复现）')
  const app = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] }
  const du = (p: string): number => {
    const st = statSync(p)
    return st.isDirectory() ? readdirSync(p).reduce((s, f) => s + du(join(p, f)), 0) : st.size
  }
  const subs = (app.subPackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const total = du(weapp)
  const subSizes = Object.fromEntries(subs.map((s) => [s, Math.round(du(join(weapp, s)) / 1024)]))
  const main = Math.round((total - subs.reduce((x, s) => x + du(join(weapp, s)), 0)) / 1024)
  return { weappMainKB: main, weappSubpackagesKB: subSizes, h5FirstPageGzipKB: 0 }
}

/** The first page's figures in the report; -1 where Chromium is missing. */
const firstPageSizes = (f: H5FirstPage | null) => ({
  h5FirstPageGzipKB: f?.jsGzipKB ?? -1,
  h5FirstPageTransferredKB: f?.transferredKB ?? -1,
  h5FirstPageUncompressedKB: f?.uncompressedKB ?? -1,
})

/** The local section: the SQLite city behind the server, measured over HTTP. */
async function runLocal(): Promise<Report> {
  const started = Date.now()
  mkdirSync(out, { recursive: true })
  log('== 1/8 基准城市')
  const city = await generateCity(out, log)

  // A fresh working copy per run, with one city-wide lecture open for check-in now.
  const runDir = join(out, 'run')
  rmSync(runDir, { recursive: true, force: true })
  mkdirSync(runDir, { recursive: true })
  const dbFile = join(runDir, 'party-checkin.db')
  copyFileSync(city.file, dbFile)
  const store = new SqliteStore(dbFile)
  const admin = (await store.getMember('M00003'))!
  const now = new Date()
  const draft = draftActivity(
    { kind: 'lecture', title: '基准测试：全市集中讲座', startAt: new Date(now.getTime() + 10 * 60_000).toISOString(), endAt: new Date(now.getTime() + 130 * 60_000).toISOString(), audience: { type: 'all' } },
    admin,
    { unitId: admin.unitId },
    DEFAULT_POLICY,
    true,
  )
  const secret = newQrSecret()
  const burst = await store.insertActivity({ ...draft, qrSecret: secret }, now.toISOString())
  // Check-ins warm the server's code paths like the health warm-up does; their own lecture keeps them out of the counts.
  const warmUp = await store.insertActivity({ ...draft, title: '基准测试：预热讲座', qrSecret: secret }, now.toISOString())
  const sampleActivity = (store.db.prepare(`SELECT id FROM activities WHERE title LIKE '理论学习%' LIMIT 1`).get() as { id: string }).id
  await store.close()
  const signer = new SessionSigner(SECRET)
  const sessions = Array.from({ length: BURST_MEMBERS }, (_, i) => signer.issue(`M${String(i + 1).padStart(5, '0')}`, now).session)
  const adminSession = signer.issue('M00003', now).session
  const WARM_UP_FROM = BURST_MEMBERS + PROFILED_MEMBERS
  const warmUpSessions = Array.from({ length: WARM_UP_MEMBERS }, (_, i) => signer.issue(`M${String(WARM_UP_FROM + i + 1).padStart(5, '0')}`, now).session)

  log('== 2/8 启动服务（核心 0，synchronous=FULL）')
  ensureH5Build(root, (s) => log(`   ${s}`))
  const serverLog: string[] = []
  process.on('exit', () => writeFileSync(join(out, 'server.log'), serverLog.join('')))
  const server = await startServer(runDir, [], serverLog)
  const serverPid = server.pid

  /** CPU time the server has used (all its threads), ms: cost per request, independent of how busy the machine was. */
  const serverCpuMs = (): number => {
    const f = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100 // utime + stime, in clock ticks of 1/100 s
  }

  log('== 3/8 同一轮测量：健康检查 vs 签到')
  await load({ url: `${BASE}/api/health`, connections: 100, duration: 2 }) // warm-up
  let cpu0 = serverCpuMs()
  const health = await load({ url: `${BASE}/api/health`, connections: 100, duration: 5 })
  const healthCpuUs = Math.round(((serverCpuMs() - cpu0) / health.requests) * 1000)
  /** Every member of `crowd` checks in once to a lecture with a valid rotating token, 100 at a time. */
  const checkInBurst = (crowd: string[], activityId = burst.id): Promise<LoadResult> => {
    let next = 0
    return load({
      url: `${BASE}/api/fn/checkin`,
      connections: 100,
      amount: crowd.length,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const i = next++ % crowd.length
            const { token } = signQrToken(secret, activityId, new Date(), DEFAULT_POLICY.qrPeriodSec)
            return {
              ...req,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${crowd[i]}` },
              body: JSON.stringify({ action: 'checkIn', activityId, token, idempotencyKey: `bench-${activityId}-${i}` }),
            }
          },
        },
      ],
    })
  }
  const warm = await checkInBurst(warmUpSessions, warmUp.id)
  log(`   预热：${warm.requests} 次签到（另一场讲座），${warm.rps} req/s`)
  cpu0 = serverCpuMs()
  const checkIn = await checkInBurst(sessions)

  const checkInCpuUs = Math.round(((serverCpuMs() - cpu0) / checkIn.requests) * 1000)
  log(`   health ${health.rps} req/s; check-in ${checkIn.rps} req/s, p99 ${checkIn.p99} ms, errors ${checkIn.errors}, non-2xx ${checkIn.non2xx}`)
  log(`   server CPU per request: health ${healthCpuUs} µs, check-in ${checkInCpuUs} µs`)
  const burstRssMB = peakRss(serverPid)
  log('== 4/8 核对：记录数、计数与台账')
  const check = new Database(dbFile, { readonly: true })
  const recorded = (check.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT member_id) AS d FROM check_ins WHERE activity_id = ?').get(burst.id) as { n: number; d: number })
  const credited = (check.prepare('SELECT COUNT(*) AS n FROM ledger WHERE activity_id = ?').get(burst.id) as { n: number }).n
  resetPeakRss(serverPid)
  const reconcile = await post('aggregate', { action: 'reconcile' }, adminSession)
  const reconcileRssMB = peakRss(serverPid)

  log(`== 5/8 城市规模读取（每项 ${READ_CALLS} 次）`)
  const year = String(new Date(city.now).getUTCFullYear())
  resetPeakRss(serverPid)
  // What one round trip costs with no work behind it: the floor under every read below.
  const floor = await timeCalls(READ_CALLS, async () => void (await request('GET', '/api/health')))
  const readCalls: [string, (i: number) => Promise<void>][] = [
    ['leaderboard city (unit averages)', async () => void (await post('stats', { action: 'leaderboard', period: year }, adminSession))],
    ['leaderboard city (members)', async () => void (await post('stats', { action: 'leaderboard', period: year, view: 'members' }, adminSession))],
    ['leaderboard unit', async (i) => void (await post('stats', { action: 'leaderboard', period: year, scope: 'unit', unitId: `U${String((i % 100) + 1).padStart(3, '0')}` }, adminSession))],
    ['volunteer board city', async () => void (await post('stats', { action: 'leaderboard', period: year, board: 'volunteer', view: 'members' }, adminSession))],
    ['coverage city', async () => void (await post('stats', { action: 'coverage', period: year }, adminSession))],
    ["a member's records", async (i) => void (await post('checkin', { action: 'mine' }, sessions[i]))],
    ['attendance export (CSV)', async () => void (await post('activity', { action: 'exportAttendance', id: sampleActivity, format: 'csv' }, adminSession))],
  ]
  const reads: Report['reads'] = {}
  for (const [name, call] of readCalls) {
    reads[name] = await timeCalls(READ_CALLS, call)
    log(`   ${name}: p50 ${reads[name].p50} ms, p99 ${reads[name].p99} ms; server RSS ${currentRss(serverPid)} MB`)
  }
  const lookup = check.prepare('SELECT * FROM check_ins WHERE member_id = ? ORDER BY checked_in_at DESC LIMIT 200')
  const bare = await timeCalls(READ_CALLS, async (i) => void lookup.all(`M${String(i + 1).padStart(5, '0')}`))
  const readsRssMB = peakRss(serverPid)

  log(`   履职尽责看板（每项 ${OBLIGATION_CALLS} 次：每次现算，不走缓存）与记实建档工作簿（一次）`)
  resetPeakRss(serverPid)
  const unitIds = Array.from({ length: UNITS }, (_, i) => `U${String(i + 1).padStart(3, '0')}`)
  const asAdmin = (fn: string, event: Record<string, unknown>) => post(fn, event, adminSession)
  Object.assign(reads, await timeObligationReads(asAdmin, year, unitIds, OBLIGATION_CALLS, log))
  const workbook = await reportWorkbook(asAdmin, year)
  log(`   report workbook city: ${workbook.ms} ms, ${workbook.kb} KB, ${workbook.rows} rows`)
  const obligationsRssMB = peakRss(serverPid)

  log('== 6/8 对账 vs 直接 GROUP BY 扫描')
  const tScan = process.hrtime.bigint()
  check.prepare(`SELECT member_id, kind, strftime('%Y-%m', created_at, '+8 hours') AS m, SUM(points), SUM(hours), COUNT(*) FROM ledger GROUP BY 1, 2, 3`).all()
  const scanMs = Number(process.hrtime.bigint() - tScan) / 1e6
  const tRec = process.hrtime.bigint()
  const rec2 = await post('aggregate', { action: 'reconcile' }, adminSession)
  const reconcileMs = Number(process.hrtime.bigint() - tRec) / 1e6
  const ledgerRows = (check.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n
  check.close()

  log('== 7/8 包体积与内存')
  const sizes = { ...packageSizes(), ...firstPageSizes(await measureH5FirstPage(BASE)) }
  await server.stop()
  // On stop the server logs how long its group commits waited for the disk (warm-up and burst).
  const commitLine = /合并提交 (\d+) 次（签到写入 (\d+) 次），每次提交等待磁盘 p50 ([\d.]+) ms、p99 ([\d.]+) ms、最长 ([\d.]+) ms/.exec(serverLog.join(''))
  const commits = commitLine ? { commits: Number(commitLine[1]), writes: Number(commitLine[2]), p50: Number(commitLine[3]), p99: Number(commitLine[4]), max: Number(commitLine[5]) } : null

  log(`== 8/8 剖析：另 ${PROFILED_MEMBERS} 名党员签到时，服务的时间花在哪里（V8 CPU profile）`)
  const profDir = join(out, 'profile')
  rmSync(profDir, { recursive: true, force: true })
  const profiled = await startServer(runDir, ['--cpu-prof', `--cpu-prof-dir=${profDir}`], serverLog)
  const crowd = Array.from({ length: PROFILED_MEMBERS }, (_, i) => signer.issue(`M${String(BURST_MEMBERS + i + 1).padStart(5, '0')}`, new Date()).session)
  const profiledBurst = await checkInBurst(crowd)
  await profiled.stop()
  // The main thread's profile is the large one; the checkpointer thread writes a small one of its own.
  const profiles = readdirSync(profDir).map((f) => join(profDir, f)).sort((a, b) => statSync(b).size - statSync(a).size)
  const profile = { checkIns: profiledBurst.requests, rps: profiledBurst.rps, ...breakdown(profiles[0]) }

  const report: Report = {
    at: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version },
    durability: 'synchronous=FULL (WAL); check-ins share commits through group commit, each acknowledged only after its commit',
    city: { members: city.members, activities: city.activities, meetings: city.meetings, checkIns: city.checkIns, ledgerRows },
    health,
    checkIn,
    ratio: Math.round((checkIn.rps / health.rps) * 100) / 100,
    serverCpuUs: { health: healthCpuUs, checkIn: checkInCpuUs },
    verify: { recorded: recorded.n, distinctMembers: recorded.d, credited, expected: BURST_MEMBERS, reconcileRepaired: Number(reconcile.repaired) },
    reads,
    obligations: { calls: OBLIGATION_CALLS, workbook },
    bareLookup: bare,
    healthRoundTrip: floor,
    reconcile: { ms: Math.round(reconcileMs), scanMs: Math.round(scanMs), ratio: Math.round((reconcileMs / scanMs) * 100) / 100, repaired: Number(rec2.repaired) },
    sizes,
    serverPeakRssMB: Math.max(burstRssMB, readsRssMB),
    rssMB: { burst: burstRssMB, reads: readsRssMB, reconcile: reconcileRssMB, obligations: obligationsRssMB },
    commits,
    profile,
    totalSeconds: Math.round((Date.now() - started) / 1000),
  }
  return report
}

/** Heap of the CloudBase section's process: its collections hold about four million records at full size. */
const CLOUDBASE_HEAP_MB = 16_384

/** The CloudBase section in a process of its own (a larger heap), on this process's core; its figures come back as JSON. */
async function runCloudBase(members: number): Promise<CloudBaseReport> {
  const file = join(out, 'cloudbase.json')
  rmSync(file, { force: true })
  const child = spawn(process.execPath, [`--max-old-space-size=${CLOUDBASE_HEAP_MB}`, '--require', 'tsx/cjs', join(__dirname, 'cloudbase.ts'), '--members', String(members), '--out', file], {
    cwd: root,
    stdio: 'inherit',
  })
  const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)))
  if (code !== 0 || !existsSync(file)) throw new Error(`CloudBase 部分失败（退出码 ${code}）`)
  return JSON.parse(readFileSync(file, 'utf8')) as CloudBaseReport
}

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

/** The last report, for the section this run leaves out. */
function lastReport(): SavedReport | null {
  const file = join(__dirname, 'report.json')
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SavedReport) : null
}

/** `--only h5`: the h5 first page's figures measured afresh into the last report; its other figures are kept. */
async function onlyH5FirstPage() {
  const last = lastReport()
  if (!last || !hasLocal(last)) throw new Error('bench/report.json 还没有本地部分：先运行 npm run bench -- --only local')
  log('== h5 首页体积（当前构建，过期则先构建）')
  const sizes = { ...last.sizes, ...firstPageSizes(await measureBuiltH5FirstPage((s) => log(`   ${s}`))) }
  writeReport({ ...last, sizes }, __dirname)
}

async function main() {
  const only = arg('only')
  if (only !== undefined && only !== 'local' && only !== 'cloudbase' && only !== 'h5') throw new Error(`--only 应为 local、cloudbase 或 h5：${only}`)
  if (only === 'h5') return onlyH5FirstPage()
  const members = Number(arg('members') ?? 20_000)
  if (!(members >= 200)) throw new Error(`--members 应为不少于 200 的数：${arg('members')}`)
  mkdirSync(out, { recursive: true })
  const last = lastReport()
  // A section left out keeps its figures from the last report.
  const keptLocal = last && hasLocal(last) ? { ...last, cloudbase: undefined } : null
  const local: SavedReport | null = only === 'cloudbase' ? keptLocal : await runLocal()
  let report: SavedReport | null = local
  if (only !== 'local') {
    log(`== CloudBase（微信云开发）：约 ${members} 名党员的城市`)
    try {
      const cloudbase = await runCloudBase(members)
      report = local ? { ...local, cloudbase } : { cloudbase }
    } catch (e) {
      // The local figures are written all the same.
      if (only !== 'cloudbase' && local) writeReport(local, __dirname)
      throw e
    }
  } else if (local && last?.cloudbase) report = { ...local, cloudbase: last.cloudbase }
  if (report) writeReport(report, __dirname)
}

main().catch((e) => {
  console.error('基准测试失败：', e)
  process.exit(1)
})
