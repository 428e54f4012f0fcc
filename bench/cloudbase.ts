/**
 * The CloudBase (WeChat world) section of `npm run bench`, run by bench/run.ts in a process of its
 * own (a city of a million check-ins needs a large heap): the city on the CloudBase fake
 * (cloudbaseCity.ts), every database request delayed by a simulated round trip and metered
 * (test/helpers/cloudbaseMeter.ts), each action called through the WeChat entry as a deployed
 * function would be, the timer run until its reconcile pass is complete, and the size of each
 * function's bundle. Writes its figures as JSON (`--out`).
 *
 *   node --max-old-space-size=16384 --require tsx/cjs bench/cloudbase.ts --members 2000 --out bench/out/cloudbase.json
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Envelope } from '../cloud/contract/errors'
import { DEFAULT_POLICY } from '../cloud/domain/policy'
import { functions, type FunctionName } from '../cloud/functions'
import * as aggregate from '../cloud/functions/aggregate'
import type { Ctx } from '../cloud/runtime/context'
import { systemCtx } from '../cloud/server/system'
import { CloudBaseStore } from '../cloud/store/cloudbase/CloudBaseStore'
import { COL } from '../cloud/store/cloudbase/collections'
import { createWeChatMain } from '../cloud/wechat/main'
import { buildCloud } from '../scripts/buildCloud'
import { DatabaseMeter, type MeterReport } from '../test/helpers/cloudbaseMeter'
import { ATTENDANCE_SIZE, buildCloudBaseCity, openIdOf } from './cloudbaseCity'
import type { CloudBaseAction, CloudBaseReport, Measured, TimerInvocation } from './cloudbaseReport'
import { checkShapes, indexedDb } from './cloudbaseShapes'

const MIN = 60_000
const PUBLIC_URL = 'https://dangjian.example.gov.cn'
/** Check-ins to the open lecture before the QR screen is measured, so its count of arrivals has something to count. */
const EARLIER_ARRIVALS = 200

const log = (s: string) => console.log(s)
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

/** What timerTick answers, as far as the bench reads it (the function may not exist yet: see `timer`). */
interface TickAnswer {
  reconcile: { complete: boolean; repaired: number; checked: number }
  views?: { built: number }
}
/** What a single reconcile answers (before timerTick, or where it is not exported). */
interface ReconcileAnswer {
  complete?: boolean
  repaired: number
  checked: number
}

async function main() {
  const members = Number(arg('members') ?? 20_000)
  const delayMs = Number(arg('delay') ?? 20)
  const outFile = arg('out') ?? join(__dirname, 'out', 'cloudbase.json')
  const started = Date.now()
  const seconds: Record<string, number> = {}
  let peakHeapMB = 0
  const heap = () => (peakHeapMB = Math.max(peakHeapMB, Math.round(process.memoryUsage().heapUsed / 2 ** 20)))
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now()
    const result = await fn()
    seconds[name] = Math.round((Date.now() - t) / 100) / 10
    heap()
    return result
  }

  log('== CloudBase 1/5 文档形状：经适配器写入 vs 直接生成')
  const problems = await phase('shapes', checkShapes)
  if (problems.length) throw new Error(`直接生成的文档与适配器写入的不一致（适配器改了文档形状？更新 bench/cloudbaseWriter.ts）：\n${problems.join('\n')}`)
  log('   一致')

  log(`== CloudBase 2/5 城市（约 ${members} 名党员）写入 CloudBase 假数据库`)
  const db = indexedDb()
  const city = await phase('city', () => buildCloudBaseCity(db, members, (s) => log(s)))
  Object.assign(seconds, { org: city.seconds.org, activities: city.seconds.activities, branchLife: city.seconds.branchLife, records: city.seconds.records, load: city.seconds.load })

  const meter = new DatabaseMeter(delayMs)
  let clock = new Date(city.now)
  const now = () => clock
  let openId = ''
  const wx = { getWXContext: () => ({ OPENID: openId, CLIENTIP: '10.0.0.1', SOURCE: 'wx_client' }) }
  type Main = (event: unknown) => Promise<Envelope<unknown>>
  /** A new instance of a deployed function: its own store (a cold start), metered like every other. */
  const instance = (name: FunctionName): Main => createWeChatMain(name, { store: new CloudBaseStore(meter.wrap(db)), wx, policy: DEFAULT_POLICY, publicUrl: PUBLIC_URL, now }, functions[name])
  const call = async <T>(main: Main, as: string, event: Record<string, unknown>): Promise<T> => {
    openId = openIdOf(as)
    const res = await main(event)
    if (!res.ok) throw new Error(`${String(event.action)} as ${as}: ${JSON.stringify(res.error)}`)
    return res.data as T
  }
  const measure = async (main: Main, as: string, event: Record<string, unknown>): Promise<Measured> => {
    meter.start()
    const busy = db.busyMs
    const t = performance.now()
    await call(main, as, event)
    const wallMs = performance.now() - t
    return shown(meter.stop(), wallMs, db.busyMs - busy)
  }

  // Set-up, not metered: a city lecture open now (the city admin organizes it: only they may publish to the whole city)
  // and a volunteer service of the first unit just ending (its organizer's).
  const admin = city.cityAdmin
  const organizer = city.organizer
  const member = city.plainMembers[0]
  const activityFn = instance('activity')
  const checkinFn = instance('checkin')
  const iso = (ms: number) => new Date(clock.getTime() + ms).toISOString()
  const create = async (as: string, over: Record<string, unknown>) => (await call<{ id: string }>(activityFn, as, { action: 'create', publish: true, ...over })).id
  const lecture = await create(admin, { kind: 'lecture', title: '基准测试：全市集中讲座（正在签到）', startAt: iso(-10 * MIN), endAt: iso(80 * MIN), audience: { type: 'all' } })
  const service = await create(organizer, { kind: 'volunteer', title: '基准测试：社区志愿服务（即将结束）', startAt: iso(-20 * MIN), endAt: iso(10 * MIN), audience: { type: 'units', unitIds: [city.unitId] } })
  const token = async (id: string, as: string) => (await call<{ token: string }>(activityFn, as, { action: 'qrToken', id })).token
  const volunteers = city.plainMembers.slice(20, 22)
  const serviceToken = await token(service, organizer)
  for (const v of volunteers) await call(checkinFn, v, { action: 'checkIn', activityId: service, token: serviceToken })
  const lectureToken = await token(lecture, admin)
  // Members of other units (the last ones on the roster), so none of the callers measured below is among them.
  const arrivals = city.everyone.slice(-EARLIER_ARRIVALS)
  for (const m of arrivals) await call(checkinFn, m, { action: 'checkIn', activityId: lecture, token: lectureToken })

  log(`== CloudBase 3/5 定时器：每次调用计时（每个数据库请求模拟 ${delayMs} ms 往返），直到对账完成`)
  const timer = await phase('timer', async () => {
    const tick = (aggregate as unknown as Record<string, unknown>).timerTick as ((ctx: Ctx) => Promise<TickAnswer>) | undefined
    const ctx = systemCtx(new CloudBaseStore(meter.wrap(db)), 'wechat', now)
    const invocations: TimerInvocation[] = []
    let last: TickAnswer['reconcile'] | ReconcileAnswer = { complete: false, repaired: 0, checked: 0 }
    let repaired: number
    let checked: number
    let viewsBuilt: number | null = null
    const invoke = async <T>(fn: () => Promise<T>): Promise<T> => {
      meter.start()
      const busy = db.busyMs
      const t = performance.now()
      const answer = await fn()
      const m = shown(meter.stop(), performance.now() - t, db.busyMs - busy)
      invocations.push({ wallMs: m.wallMs, fakeMs: m.fakeMs, requests: m.requests, sequential: m.sequential, documents: m.documents, chain: m.chain })
      heap()
      return answer
    }
    if (tick) {
      // Each invocation reports the pass so far; the one that completes it carries the totals.
      for (let i = 0; i < 1000 && !last.complete; i++) {
        const answer = await invoke(() => tick(ctx))
        last = answer.reconcile
        viewsBuilt = (viewsBuilt ?? 0) + (answer.views?.built ?? 0)
        const inv = invocations[invocations.length - 1]
        log(`   第 ${invocations.length} 次调用：${inv.wallMs} ms（其中假数据库自身计算 ${inv.fakeMs} ms），${inv.requests} 次请求（${inv.sequential} 次先后），已核对 ${last.checked} 个计数，修复 ${last.repaired}${last.complete ? '，完成' : ''}`)
      }
      repaired = last.repaired
      checked = last.checked
    } else {
      const answer = await invoke(() => aggregate.reconcile(ctx) as Promise<ReconcileAnswer>)
      last = { ...answer, complete: answer.complete ?? true }
      repaired = answer.repaired
      checked = answer.checked
      log(`   一次 reconcile：${Math.round(invocations[0].wallMs)} ms，${invocations[0].requests} 次请求${invocations[0].wallMs > 30_000 ? '（超过 30 s 的函数超时）' : ''}`)
    }
    return { mode: tick ? ('timerTick' as const) : ('reconcile' as const), invocations, complete: last.complete === true, checked, counters: db.size(COL.memberCounters) + db.size(COL.unitCounters), repaired, viewsBuilt }
  })

  log('== CloudBase 4/5 各项操作：新实例的第一次调用（冷）与同一实例的第二次（热）')
  const actions: CloudBaseAction[] = []
  /** The first call of a fresh instance (as `as[0]`), then a second on it (as `as[1]`); the clock is back at the city's now afterwards. */
  const measured = async (name: string, fn: FunctionName, caller: string, as: [string, string], event: Record<string, unknown> | [Record<string, unknown>, Record<string, unknown>]) => {
    const main = instance(fn)
    const [first, second] = Array.isArray(event) ? event : [event, event]
    const cold = await measure(main, as[0], first)
    const warm = await measure(main, as[1], second)
    clock = new Date(city.now)
    actions.push({ name, caller, cold, warm })
    log(`   ${name}：热 ${warm.requests} 次请求、${warm.sequential} 次先后、${warm.documents} 条文档、${warm.wallMs} ms；冷 ${cold.requests}/${cold.sequential}/${cold.documents}、${cold.wallMs} ms`)
    heap()
  }
  await phase('reads', async () => {
    const firstScan = city.plainMembers.slice(10, 12)
    const key = (m: string) => `bench-${lecture}-${m}`
    await measured('checkin.checkIn first scan', 'checkin', 'bound member, city lecture', [firstScan[0], firstScan[1]], [
      { action: 'checkIn', activityId: lecture, token: lectureToken, idempotencyKey: key(firstScan[0]) },
      { action: 'checkIn', activityId: lecture, token: lectureToken, idempotencyKey: key(firstScan[1]) },
    ])
    clock = new Date(Date.parse(city.now) + 11 * MIN)
    const outToken = await token(service, organizer)
    await measured('checkin.checkOut', 'checkin', 'volunteer', [volunteers[0], volunteers[1]], { action: 'checkOut', activityId: service, token: outToken })
    await measured('member.me', 'member', 'member', [member, member], { action: 'me' })
    await measured('activity.list', 'activity', 'member, home page', [member, member], { action: 'list' })
    await measured('checkin.mine', 'checkin', 'member', [member, member], { action: 'mine' })
    await measured('activity.qrToken refresh', 'activity', `its organizer (the city admin), ${arrivals.length + 2} arrivals`, [admin, admin], { action: 'qrToken', id: lecture })
    await measured('stats.leaderboard city, units view', 'stats', 'member', [member, member], { action: 'leaderboard', board: 'studyModel', scope: 'city' })
    await measured('stats.leaderboard city, members view', 'stats', 'member', [member, member], { action: 'leaderboard', board: 'studyModel', scope: 'city', view: 'members' })
    await measured('stats.myScore', 'stats', 'member', [member, member], { action: 'myScore' })
    await measured('stats.coverage city', 'stats', 'city admin', [admin, admin], { action: 'coverage' })
    await measured('stats.volunteer city', 'stats', 'city admin', [admin, admin], { action: 'volunteer' })
    // The obligations dashboards: computed afresh from the year's records on every call.
    const year = city.now.slice(0, 4)
    await measured('stats.obligations city', 'stats', 'city admin', [admin, admin], { action: 'obligations', period: year })
    await measured('stats.obligations unit', 'stats', "city admin, a unit's branches", [admin, admin], { action: 'obligations', period: year, unitId: city.unitId })
    await measured('stats.obligationTrend city', 'stats', 'city admin', [admin, admin], { action: 'obligationTrend', year })
    await measured(`activity.attendance (~${ATTENDANCE_SIZE.toLocaleString('en')} check-ins: ${city.attendanceLecture.checkIns})`, 'activity', 'its organizer', [organizer, organizer], { action: 'attendance', id: city.attendanceLecture.id })
    await measured(`activity.attendance (largest of the year's city lectures: ${city.largestLecture.checkIns})`, 'activity', 'its organizer', [organizer, organizer], { action: 'attendance', id: city.largestLecture.id })
  })

  log('== CloudBase 5/5 云函数包体积')
  const bundles = await phase('bundles', () => buildCloud((s) => log(`  ${s}`)))

  seconds.total = Math.round((Date.now() - started) / 100) / 10
  const report: CloudBaseReport = {
    at: new Date().toISOString(),
    delayMs,
    city: { units: city.units, members: city.members, activities: city.activities, records: city.counts, attendanceLecture: city.attendanceLecture.checkIns, largestLecture: city.largestLecture.checkIns, branchLife: city.branchLife },
    shapes: 'identical',
    actions,
    timer,
    bundles,
    seconds,
    peakHeapMB,
  }
  writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n')
  log(`   CloudBase 部分共 ${seconds.total} s，结果写入 ${outFile}`)
}

/** The meter's report of one call with its wall time and the fake's own share of it. */
function shown(r: MeterReport, wallMs: number, fakeMs: number): Measured {
  return { requests: r.requests, sequential: r.sequential, documents: r.documents, wallMs: Math.round(wallMs), fakeMs: Math.round(fakeMs), chain: r.chain, byKind: r.byKind }
}

main().catch((e: unknown) => {
  console.error('CloudBase 基准测试失败：', e)
  process.exit(1)
})
