/**
 * `npm run build:cloud`: one deployable folder per cloud function under dist/cloudfunctions
 * (project.config.json's cloudfunctionRoot): index.js bundled with the shared domain and store code,
 * a package.json that depends on wx-server-sdk and on the lazily loaded libraries the function's
 * actions use (LAZY_PACKAGES), and config.json (timeout; aggregate's timer).
 */
import { build, type Plugin } from 'esbuild'
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { functions } from '../cloud/functions'

/**
 * zod re-exports every locale as a namespace (`z.locales`), which no bundler can shake out: about
 * 260 KB of message tables in 60 languages per function. Our schemas carry their own Chinese messages
 * and never call `z.config(z.locales.…)`, so the namespace is narrowed to English, zod's default.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: resolve(dirname(args.importer), '../locales/en.js').replace(/en\.js$/, 'index.en-only.js'), namespace: 'zod-locales' } : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path.replace(/index\.en-only\.js$/, 'en.js'))}`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }))
  },
}

const root = resolve(__dirname, '..')
export const CLOUD_OUT = join(root, 'dist', 'cloudfunctions')
export const WX_SERVER_SDK = '~3.0.4'
/** Every function's index.js stays within this, so a cold start reads and compiles little. */
export const BUNDLE_BUDGET_BYTES = 600 * 1024
/**
 * Libraries only some actions need, loaded on first use (a dynamic import): exceljs (about 1.1 MB
 * bundled) makes XLSX exports and reads XLSX rosters. They stay out of the bundles; a function whose
 * bundle loads one lists it, at the root package.json's version, in its package.json, and CloudBase
 * installs it on deploy (云端安装依赖). Only the first spreadsheet after a cold start pays for loading it.
 */
export const LAZY_PACKAGES = ['exceljs']

const rootDependencies: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies
function versionOf(pkg: string): string {
  const version = rootDependencies[pkg]
  if (!version) throw new Error(`${pkg} is not in the dependencies of package.json`)
  return version
}

export interface BuiltFunction {
  name: string
  bytes: number
  /** The generated package.json's dependencies. */
  dependencies: Record<string, string>
}

/**
 * CloudBase timer cron: 7 fields (second … year), in UTC+8. Every 5 minutes: pending writes, the
 * nightly reconcile a step at a time, the views kept ready (functions/aggregate `timerTick`).
 */
const TRIGGERS: Record<string, { name: string; type: 'timer'; config: string }[]> = {
  aggregate: [{ name: 'timerTick', type: 'timer', config: '0 */5 * * * * *' }],
  // Reminders due (functions/notify `dispatchDue`), delivered once however the runs overlap.
  notify: [{ name: 'dispatchTimer', type: 'timer', config: '0 */5 * * * * *' }],
}
/** WeChat open APIs a function calls through wx-server-sdk (config.json `permissions.openapi`). */
const OPENAPI: Record<string, string[]> = { notify: ['subscribeMessage.send'] }
/**
 * Subscribe-message template ids (订阅消息模板, from the mini-program's console; README), baked into the
 * bundles at build time. Any left unset is not pushed: those reminders reach the inbox only.
 */
const NOTIFY_TEMPLATE_ENV = ['NOTIFY_TEMPLATE_ACTIVITY', 'NOTIFY_TEMPLATE_REVIEW', 'NOTIFY_TEMPLATE_TASK'] as const
/**
 * Seconds a call may take. stats reads every branch meeting's roll of the period for the obligations
 * dashboards and the upward report (a roster and an attendance read per meeting): CloudBase's most.
 */
const TIMEOUT_SEC: Record<string, number> = { aggregate: 60, stats: 60, member: 20, notify: 60 }

export async function buildCloud(log: (line: string) => void = console.log): Promise<BuiltFunction[]> {
  rmSync(CLOUD_OUT, { recursive: true, force: true })
  const out: BuiltFunction[] = []
  for (const name of Object.keys(functions)) {
    const dir = join(CLOUD_OUT, name)
    mkdirSync(dir, { recursive: true })
    const tableFile = join(dir, '.table.ts')
    const exportName = `${name}Actions`
    writeFileSync(tableFile, `export { ${exportName} as table } from '${join(root, 'cloud/functions', name).replace(/\\/g, '/')}'\n`)
    const outfile = join(dir, 'index.js')
    const { metafile } = await build({
      entryPoints: [join(root, 'cloud/wechat/entry.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk', ...LAZY_PACKAGES],
      // `import('exceljs')` becomes a require() inside the same promise: still loaded on first use, by
      // Node's CommonJS loader, from the node_modules CloudBase installs beside index.js.
      supported: { 'dynamic-import': false },
      metafile: true,
      absWorkingDir: root,
      // QR and certificate links must be absolute: phones open them with the camera.
      define: {
        FUNCTION_NAME: JSON.stringify(name),
        'process.env.PUBLIC_URL': JSON.stringify(process.env.PUBLIC_URL ?? ''),
        ...Object.fromEntries(NOTIFY_TEMPLATE_ENV.map((k) => [`process.env.${k}`, JSON.stringify(process.env[k] ?? '')])),
      },
      alias: { '@function-table': tableFile },
      plugins: [zodEnglishOnly],
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    })
    rmSync(tableFile)
    // What the bundle still loads from outside: its metafile's external imports.
    const output = Object.entries(metafile.outputs).find(([path]) => resolve(root, path) === outfile)?.[1]
    if (!output) throw new Error(`esbuild's metafile does not describe ${outfile}`)
    const imports = output.imports
    const lazy = LAZY_PACKAGES.filter((pkg) => imports.some((i) => i.external && (i.path === pkg || i.path.startsWith(`${pkg}/`))))
    const dependencies = { 'wx-server-sdk': WX_SERVER_SDK, ...Object.fromEntries(lazy.map((pkg) => [pkg, versionOf(pkg)])) }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies }, null, 2) + '\n')
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ permissions: { openapi: OPENAPI[name] ?? [] }, ...(TRIGGERS[name] ? { triggers: TRIGGERS[name] } : {}), timeout: TIMEOUT_SEC[name] ?? 10 }, null, 2) + '\n',
    )
    const bytes = statSync(outfile).size
    out.push({ name, bytes, dependencies })
    const over = bytes > BUNDLE_BUDGET_BYTES ? `（超出 ${BUNDLE_BUDGET_BYTES / 1024} KB 预算）` : ''
    const extra = lazy.length ? `  云端安装 ${lazy.join('、')}` : ''
    log(`  ${name.padEnd(10)} ${(bytes / 1024).toFixed(0).padStart(5)} KB${over}  → dist/cloudfunctions/${name}/${extra}`)
  }
  return out
}

if (require.main === module) {
  console.log('构建云函数（dist/cloudfunctions）：')
  if (!process.env.PUBLIC_URL) console.log('  注意：未设置 PUBLIC_URL，签到二维码和证明核验链接将是相对地址（见 README“部署到微信”）')
  buildCloud().catch((e) => {
    console.error('云函数构建失败：', e)
    process.exit(1)
  })
}
