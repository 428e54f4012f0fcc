/**
 * `npm run deploy:cloud [-- --dry-run]`: deploy every built function to a CloudBase environment
 * with @cloudbase/cli (`tcb fn deploy`). Settings come from the environment:
 *   CLOUD_ENV (env id), TCB_SECRET_ID and TCB_SECRET_KEY (an API key of the Tencent Cloud account),
 *   PUBLIC_URL (the https address the QR codes open, built into the functions),
 *   NOTIFY_TEMPLATE_ACTIVITY / _REVIEW / _TASK (subscribe-message template ids, built into notify;
 *   any unset: those reminders reach the in-app inbox only).
 * `--dry-run` lists what would be uploaded and checks the settings, without touching the network.
 * Each folder's package.json names what CloudBase installs on deploy (`tcb fn deploy` without a
 * cloudbaserc deploys with 在线安装依赖): wx-server-sdk, and exceljs for the functions that make spreadsheets.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { functions } from '../cloud/functions'
import { buildCloud, CLOUD_OUT } from './buildCloud'

const dryRun = process.argv.includes('--dry-run')

async function main() {
  if (!existsSync(CLOUD_OUT) || !process.argv.includes('--no-build')) await buildCloud(() => {})
  const names = Object.keys(functions)
  const env = process.env.CLOUD_ENV
  const missing = ['CLOUD_ENV', 'TCB_SECRET_ID', 'TCB_SECRET_KEY', 'PUBLIC_URL'].filter((k) => !process.env[k])
  console.log(`${dryRun ? '【演练】' : ''}部署到云开发环境：${env ?? '（未设置 CLOUD_ENV）'}`)
  for (const name of names) {
    const dir = join(CLOUD_OUT, name)
    const files = readdirSync(dir).map((f) => `${f} ${(statSync(join(dir, f)).size / 1024).toFixed(1)} KB`)
    console.log(`  云函数 ${name}: ${files.join(', ')}`)
    const { dependencies = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
    console.log(`    云端安装依赖: ${Object.entries(dependencies).map(([pkg, version]) => `${pkg}@${version}`).join(', ')}`)
  }
  const templates = ['NOTIFY_TEMPLATE_ACTIVITY', 'NOTIFY_TEMPLATE_REVIEW', 'NOTIFY_TEMPLATE_TASK'].filter((k) => !process.env[k])
  // Not required: without a template id the reminders of that template stay in the in-app inbox.
  if (templates.length) console.log(`  提示：未设置 ${templates.join('、')}，相应提醒只进站内消息，不推送订阅消息（见 README）`)
  if (missing.length) {
    const msg = `缺少环境变量：${missing.join('、')}（见 README“部署到微信”）`
    if (!dryRun) throw new Error(msg)
    console.log(`  注意：${msg}`)
  }
  if (dryRun) return console.log(`演练结束：将上传 ${names.length} 个云函数，未做任何改动。`)
  const login = spawnSync('npx', ['-y', '@cloudbase/cli@2', 'login', '--apiKeyId', process.env.TCB_SECRET_ID!, '--apiKey', process.env.TCB_SECRET_KEY!], { stdio: 'inherit' })
  if (login.status !== 0) throw new Error('登录云开发失败，请检查 TCB_SECRET_ID / TCB_SECRET_KEY')
  for (const name of names) {
    const r = spawnSync('npx', ['-y', '@cloudbase/cli@2', 'fn', 'deploy', name, '--dir', join(CLOUD_OUT, name), '-e', env!, '--force'], { stdio: 'inherit' })
    if (r.status !== 0) throw new Error(`云函数 ${name} 部署失败`)
  }
  console.log(`已部署 ${names.length} 个云函数。`)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
