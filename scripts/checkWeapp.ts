/**
 * `npm run check:weapp [-- --build]`: WeChat's own compiler and DevTools' code-quality checks (代码质量)
 * over dist/weapp, offline, through miniprogram-ci. It compiles the package as an upload would
 * (`getCompiledResult` with the project's own settings), runs `checkCodeQuality`, prints one line per
 * check and exits 1 when compilation or any check fails.
 *
 * Nothing goes to the network: the appid is a placeholder, the upload key a throwaway RSA key made in
 * memory, and the project's attributes (package size limits), which miniprogram-ci would otherwise ask
 * WeChat for, are miniprogram-ci's own defaults. Its one other request (the list of file types an upload
 * may hold) goes to a proxy on a closed loopback port, fails at once, and miniprogram-ci falls back to
 * its built-in list (it logs that as an `[error]` line).
 *
 * dist/weapp is built first when it is missing or older than its sources, so after `npm test` (whose
 * test/contract/weappBuild.test.ts builds it) nothing is built twice. `--build` always rebuilds;
 * `--no-build` checks dist/weapp as it is, and fails when it is missing.
 */
import { spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as ci from 'miniprogram-ci'

const root = resolve(__dirname, '..')
const WEAPP_DIR = join(root, 'dist', 'weapp')
/** Any well-formed appid will do offline: nothing is uploaded. */
const PLACEHOLDER_APPID = 'wx0000000000000000'
/** A proxy nobody listens on: miniprogram-ci's own HTTP requests fail on this machine instead of leaving it. */
const NO_NETWORK_PROXY = 'http://127.0.0.1:9'
/** What the weapp bundle is made from; a newer file in any of them makes dist/weapp stale. */
const INPUTS = ['src', 'config', 'cloud/contract', 'cloud/domain', 'project.config.json', 'package.json', 'babel.config.js']

const newest = (path: string): number => {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  return Math.max(st.mtimeMs, ...readdirSync(path, { recursive: true, encoding: 'utf8' }).map((f) => statSync(join(path, f)).mtimeMs))
}

function weappState(): 'missing' | 'stale' | 'fresh' {
  const appJson = join(WEAPP_DIR, 'app.json')
  if (!existsSync(appJson)) return 'missing'
  const built = statSync(appJson).mtimeMs
  return INPUTS.some((p) => newest(join(root, p)) > built) ? 'stale' : 'fresh'
}

function ensureWeappBuild(mode: 'auto' | 'always' | 'never'): void {
  const state = mode === 'always' ? 'forced' : weappState()
  if (state === 'fresh') return
  if (mode === 'never' && state === 'stale') return console.log('注意：dist/weapp 比源码旧，按 --no-build 照旧检查')
  if (mode === 'never') {
    console.error('未找到 dist/weapp：先运行 npm run build:weapp（或不带 --no-build 运行本命令，它会先构建）')
    process.exit(1)
  }
  const why = { missing: '未找到 dist/weapp', stale: 'dist/weapp 比源码旧', forced: '按 --build 要求' }[state]
  console.log(`${why}：正在构建小程序（npm run build:weapp）…`)
  const r = spawnSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) {
    console.error(`小程序构建失败（npm run build:weapp 可复现）：\n${`${r.stdout}\n${r.stderr}`.slice(-4000)}`)
    process.exit(1)
  }
}

/** The checks DevTools lists under 代码质量, by miniprogram-ci's name. */
const LABELS: Record<string, [string, string]> = {
  PACKAGE_SIZE_LIMIT: ['主包大小', 'main package size'],
  JS_COMPRESS_OPEN: ['JS 压缩', 'JS compression'],
  WXML_COMPRESS_OPEN: ['WXML 压缩', 'WXML compression'],
  WXSS_COMPRESS_OPEN: ['WXSS 压缩', 'WXSS compression'],
  LAZYCODE_LOADING_OPEN: ['组件按需注入', 'lazy code loading'],
  PLUGIN_OVER_SIZE: ['插件大小', 'plugin size'],
  IMAGE_AND_AUDIO_LIMIT: ['图片和音频大小', 'image and audio size'],
  CONTAINS_OTHER_PKG_JS: ['主包内只被分包使用的 JS', 'main-package JS used only by subpackages'],
  CONTAINS_OTHER_PKG_COMPONENTS: ['主包内只被分包使用的组件', 'main-package components used only by subpackages'],
  CONTAINS_UNUSED_PLUGINS: ['无使用的插件', 'unused plugins'],
  CONTAINS_UNUSED_COMPONENTS: ['无使用的组件', 'unused components'],
  CONTAINS_UNUSED_CODES: ['无依赖的文件', 'unused code files'],
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`

/** The detail worth a line: sizes per package, or the files a check names. */
function describe(detail: unknown): string {
  if (Array.isArray(detail)) return detail.length ? detail.join(', ') : ''
  if (detail && typeof detail === 'object') {
    const d = detail as Record<string, unknown>
    if (Array.isArray(d.files)) return d.files.length ? `${d.files.join(', ')}` : ''
    const sizes = Object.entries(d).filter((e): e is [string, number] => typeof e[1] === 'number')
    return sizes.map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`).join(', ')
  }
  return ''
}

async function main(): Promise<number> {
  ensureWeappBuild(process.argv.includes('--build') ? 'always' : process.argv.includes('--no-build') ? 'never' : 'auto')
  ci.proxy(NO_NETWORK_PROXY)
  console.log(`（离线运行：miniprogram-ci 的联网请求经 ${NO_NETWORK_PROXY} 直接失败，下面的 “[error] … get white ext list fail” 属预期 / offline: that [error] is expected）`)
  // Each check's text in Chinese states what it asks for (the English texts state the failure, pass or not).
  ci.locales.setLocale('zh')
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  })
  // `attr` is read by CIProject (not in its declared options): it replaces the network call for the attributes.
  const options: ConstructorParameters<typeof ci.Project>[0] & { attr: () => Promise<typeof ci.DefaultProjectAttr> } = {
    appid: PLACEHOLDER_APPID,
    type: 'miniProgram',
    projectPath: WEAPP_DIR,
    privateKey,
    ignores: ['node_modules/**/*'],
    attr: async () => ci.DefaultProjectAttr,
  }
  const project = new ci.Project(options)

  console.log('微信编译器 / WeChat compiler (miniprogram-ci, dist/weapp):')
  let compiled = true
  try {
    const files = await ci.getCompiledResult({ project, version: '0.0.0', setting: { useProjectConfig: true } })
    const bytes = Object.values(files).reduce((s, c) => s + (typeof c === 'string' ? Buffer.byteLength(c) : c.length), 0)
    console.log(`  ✅ 编译通过 / compiled: ${Object.keys(files).length} 个文件 files, ${kb(bytes)}`)
  } catch (e) {
    compiled = false
    console.log(`  ❌ 编译失败 / compilation failed: ${e instanceof Error ? e.message : String(e)}`)
  }

  // A check that throws counts as passed inside miniprogram-ci (it only logs the error): here it fails.
  const errors: unknown[][] = []
  const consoleError = console.error
  console.error = (...args: unknown[]) => void errors.push(args)
  const results = await ci.checkCodeQuality(project).finally(() => (console.error = consoleError))

  console.log('\n代码质量 / code quality (WeChat DevTools checks):')
  const rows = results.map((r) => {
    const [zh, en] = LABELS[r.name ?? ''] ?? [r.text ?? '', r.name ?? '']
    // The texts end in a placeholder for the detail (`…文件 :`), printed on its own line here.
    const text = (r.text ?? '').replace(/\s*:?\s*$/, '')
    return { pass: r.success === true, name: r.name ?? '?', label: `${zh} / ${en}`, text, detail: describe(r.detail) }
  })
  const width = Math.max(...rows.map((r) => r.name.length))
  for (const r of rows) {
    console.log(`  ${r.pass ? '✅ 通过 pass' : '❌ 未通过 FAIL'}  ${r.name.padEnd(width)}  ${r.label}：${r.text}`)
    if (r.detail) console.log(`      ${r.detail}`)
  }
  for (const args of errors) console.log(`  ❌ 检查出错 / a check threw: ${args.map(String).join(' ')}`)
  const failed = rows.filter((r) => !r.pass)
  const ok = compiled && rows.length > 0 && failed.length === 0 && errors.length === 0
  console.log(
    ok
      ? `\n全部通过 / all passed: 编译 + ${rows.length} 项代码质量检查`
      : `\n未通过 / FAILED: ${[!compiled && '编译 compilation', rows.length === 0 && '没有运行任何检查 no check ran', ...failed.map((r) => r.name), errors.length && '检查出错 a check threw'].filter(Boolean).join(', ')}`,
  )
  // The closing line in the plain form CI summaries read: compilation counts as one check.
  const failedCount = (compiled ? 0 : 1) + failed.length + errors.length
  console.log(`weapp: ${Math.max(0, 1 + rows.length - failedCount)} passed, ${failedCount} failed`)
  return ok ? 0 : 1
}

main()
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error('check:weapp 出错：', e)
    process.exit(1)
  })
