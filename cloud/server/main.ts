/**
 * The local world's composition root: `npm start`. One process serves the h5 app and every cloud
 * function over HTTP, with data in one SQLite file. `--reset` deletes the data and reseeds.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DEFAULT_POLICY } from '../domain/policy'
import { ROLE_LABEL } from '../contract/vocabulary'
import { SqliteStore } from '../store/sqlite/SqliteStore'
import { Cron } from 'croner'
import { reconcile } from '../functions/aggregate'
import { dispatchDue } from '../functions/notify'
import { DISPATCH_CRON, RECONCILE_CRON, systemCtx } from './system'
import { createGateway } from './http'
import { ensureH5Build, H5_DIR } from './h5Build'
import { DEMO_SEEDED_KEY, seedDemoCity } from './seed/demoCity'
import { loadSessionSecret, SessionSigner } from './sessions'

const args = new Set(process.argv.slice(2))
const root = resolve(__dirname, '../..')
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data'))
const port = Number(process.env.PORT ?? 8787)
const host = process.env.HOST ?? '127.0.0.1'
const log = (line: string) => console.log(line)

let lastShown = -1
function progressBar(done: number, total: number, label: string) {
  if (done === lastShown) return
  lastShown = done
  const width = 24
  const filled = Math.round((done / total) * width)
  const line = `  正在生成演示数据 [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / total) * 100)}% ${label}`
  if (process.stdout.isTTY) process.stdout.write(`\r${line}${done === total ? '\n' : ''}`)
  else log(line)
}

async function main() {
  if (args.has('--reset')) {
    for (const f of ['party-checkin.db', 'party-checkin.db-wal', 'party-checkin.db-shm', 'demo-accounts.json'])
      rmSync(join(dataDir, f), { force: true })
    log(`已清空数据目录 ${dataDir} 中的数据库，下次启动将重新生成演示城市。`)
  }
  mkdirSync(dataDir, { recursive: true })
  const store = new SqliteStore(join(dataDir, 'party-checkin.db'), { backgroundCheckpoints: true })
  const sessions = new SessionSigner(loadSessionSecret(dataDir))

  if (!(await store.getSetting(DEMO_SEEDED_KEY)) && process.env.SEED_DEMO !== '0') {
    log(
      '首次启动：生成演示城市（单位、支部、党小组、青年理论学习小组、党员及职级、近 3 个月的活动与签到、今年的支部会议与记录、' +
        '干部轮训、民主生活会、支部评定与述职评议）…',
    )
    // Seeding is one-off and re-runnable; per-commit fsync would only slow it down.
    store.db.pragma('synchronous = OFF')
    const { accounts, counts } = await seedDemoCity(store, DEFAULT_POLICY, new Date(), progressBar)
    store.db.pragma('synchronous = FULL')
    writeFileSync(join(dataDir, 'demo-accounts.json'), JSON.stringify(accounts, null, 2) + '\n')
    log(
      `  已生成：${counts.units} 个单位、${counts.branches} 个支部（${counts.branchOfficers} 名支部委员）、${counts.partyGroups} 个党小组、` +
        `${counts.youthGroups} 个青年理论学习小组、${counts.members} 名党员（预备党员 ${counts.probationary} 名）、` +
        `${counts.activities} 场活动（其中支部会议 ${counts.meetings} 场、会议记录 ${counts.records} 份）、${counts.checkIns} 条签到记录、${counts.leaves} 条请假，` +
        `民主生活会 ${counts.democraticMeetings} 次、支部评定 ${counts.branchScores} 个、述职 ${counts.dutyReports} 份`,
    )
  }
  if (args.has('--no-serve')) return store.close()

  if (!args.has('--no-build')) ensureH5Build(root, log)
  const server = createGateway({
    store,
    sessions,
    policy: DEFAULT_POLICY,
    staticDir: join(root, H5_DIR),
    publicUrl: process.env.PUBLIC_URL,
    log: (line) => console.error(line),
  })
  // Nightly reconcile of the counters from the ledger (the WeChat world uses the function's timer trigger).
  const nightly = new Cron(RECONCILE_CRON, { timezone: 'Asia/Shanghai', protect: true }, async () => {
    const r = await reconcile(systemCtx(store))
    log(`[对账] 检查 ${r.checked} 项计数，修复 ${r.repaired} 项，用时 ${r.tookMs} ms`)
  })
  // Reminders due, every 5 minutes; `protect` skips a tick while the last run is still going (a
  // second run would deliver nothing twice, only read twice).
  const reminders = new Cron(DISPATCH_CRON, { timezone: 'Asia/Shanghai', protect: true }, async () => {
    const r = await dispatchDue(systemCtx(store)).catch((e: unknown) => {
      console.error('[提醒] 发送失败：', e)
      return null
    })
    if (r && (r.delivered || r.held)) log(`[提醒] 送达 ${r.delivered} 条，免打扰暂缓 ${r.held} 条`)
  })
  server.listen(port, host, () => {
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
    log(`\n机关党建签到 已启动：${url}`)
    log(`数据目录：${dataDir}（重置：npm run reset）`)
    const accountsFile = join(dataDir, 'demo-accounts.json')
    if (existsSync(accountsFile)) {
      log('\n演示账号（登录页输入登录码，或点选演示账号）：')
      for (const a of JSON.parse(readFileSync(accountsFile, 'utf8')) as { role: keyof typeof ROLE_LABEL; name: string; unit: string; bindCode: string }[])
        log(`  登录码 ${a.bindCode}  ${ROLE_LABEL[a.role]}：${a.name}（${a.unit}）`)
      log(`（同样的列表见 ${accountsFile}）`)
    }
  })
  const stop = () => {
    nightly.stop()
    reminders.stop()
    server.close()
    const commits = store.commitTimes()
    if (commits)
      log(`[写入] 合并提交 ${commits.commits} 次（签到写入 ${commits.writes} 次），每次提交等待磁盘 p50 ${commits.p50} ms、p99 ${commits.p99} ms、最长 ${commits.max} ms`)
    // The checkpointer's last pass folds the log into the file before the process ends.
    void store.close().finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error('启动失败：', e instanceof Error ? (process.env.DEBUG ? e.stack : e.message) : e)
  process.exit(1)
})
