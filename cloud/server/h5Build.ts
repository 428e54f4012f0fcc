import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Sources the h5 bundle is made from; a newer file in any of them makes the build stale. */
const INPUTS = ['src', 'config', 'cloud/contract', 'cloud/domain', 'package.json', 'babel.config.js']

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)))
  return newest
}

export const H5_DIR = 'dist/h5'

export function h5BuildState(root: string): 'missing' | 'stale' | 'fresh' {
  const index = join(root, H5_DIR, 'index.html')
  if (!existsSync(index)) return 'missing'
  const built = statSync(index).mtimeMs
  return INPUTS.some((p) => newestMtime(join(root, p)) > built) ? 'stale' : 'fresh'
}

/** Build the h5 app when it is missing or older than its sources. */
export function ensureH5Build(root: string, log: (line: string) => void): void {
  const state = h5BuildState(root)
  if (state === 'fresh') return
  log(state === 'missing' ? '首次启动：正在构建网页端（约 30 秒）…' : '网页端源码有更新：正在重新构建…')
  const result = spawnSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) {
    const output = `${result.stdout?.toString() ?? ''}\n${result.stderr?.toString() ?? ''}`
    throw new Error(`网页端构建失败（npm run build:h5 可复现）：\n${output.slice(-4000)}`)
  }
  log('网页端构建完成。')
}
