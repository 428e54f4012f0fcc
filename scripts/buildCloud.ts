/**
 * `npm run build:cloud`: one deployable folder per cloud function under dist/cloudfunctions
 * (project.config.json's cloudfunctionRoot): index.js bundled with the shared domain and store code,
 * a package.json that depends only on wx-server-sdk, and config.json (timeout; aggregate's timer).
 */
import { build } from 'esbuild'
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { functions } from '../cloud/functions'

const root = resolve(__dirname, '..')
export const CLOUD_OUT = join(root, 'dist', 'cloudfunctions')
export const WX_SERVER_SDK = '~3.0.4'

/** CloudBase timer cron: 7 fields (second … year), in UTC+8. Same time as the local server's job. */
const TRIGGERS: Record<string, { name: string; type: 'timer'; config: string }[]> = {
  aggregate: [{ name: 'nightlyReconcile', type: 'timer', config: '0 30 2 * * * *' }],
}
const TIMEOUT_SEC: Record<string, number> = { aggregate: 60, stats: 20, member: 20 }

export async function buildCloud(log: (line: string) => void = console.log): Promise<{ name: string; bytes: number }[]> {
  rmSync(CLOUD_OUT, { recursive: true, force: true })
  const out: { name: string; bytes: number }[] = []
  for (const name of Object.keys(functions)) {
    const dir = join(CLOUD_OUT, name)
    mkdirSync(dir, { recursive: true })
    const tableFile = join(dir, '.table.ts')
    const exportName = `${name}Actions`
    writeFileSync(tableFile, `export { ${exportName} as table } from '${join(root, 'cloud/functions', name).replace(/\\/g, '/')}'\n`)
    await build({
      entryPoints: [join(root, 'cloud/wechat/entry.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      // QR and certificate links must be absolute: phones open them with the camera.
      define: { FUNCTION_NAME: JSON.stringify(name), 'process.env.PUBLIC_URL': JSON.stringify(process.env.PUBLIC_URL ?? '') },
      alias: { '@function-table': tableFile },
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    })
    rmSync(tableFile)
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': WX_SERVER_SDK } }, null, 2) + '\n',
    )
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ permissions: { openapi: [] }, ...(TRIGGERS[name] ? { triggers: TRIGGERS[name] } : {}), timeout: TIMEOUT_SEC[name] ?? 10 }, null, 2) + '\n',
    )
    const bytes = statSync(join(dir, 'index.js')).size
    out.push({ name, bytes })
    log(`  ${name.padEnd(10)} ${(bytes / 1024).toFixed(0).padStart(5)} KB  → dist/cloudfunctions/${name}/`)
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
