/**
 * The mini-program as WeChat receives it: `npm run build:weapp` succeeds, app.json lists every page
 * with organizer, admin, stats and member pages in subpackages, and the main package stays small
 * (WeChat refuses a main package over 2 MB; our budget is 600 KB), and what DevTools' code-quality
 * checks read is switched on (`npm run check:weapp` runs WeChat's compiler and those checks themselves).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

jest.setTimeout(180_000)

const root = join(__dirname, '..', '..')
const out = join(root, 'dist', 'weapp')
const size = (p: string): number => (statSync(p).isDirectory() ? readdirSync(p).reduce((s, f) => s + size(join(p, f)), 0) : statSync(p).size)

let app: {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
  requiredPrivateInfos?: string[]
  permission?: Record<string, unknown>
  lazyCodeLoading?: string
}

beforeAll(() => {
  const r = spawnSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) throw new Error(`weapp build failed:\n${(r.stdout + r.stderr).slice(-3000)}`)
  app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8'))
})

test('app.json lists the member pages in the main package and the rest in subpackages', () => {
  expect(app.pages).toEqual(expect.arrayContaining(['pages/index/index', 'pages/login/index', 'pages/checkin/index', 'pages/records/index', 'pages/verify/index']))
  const roots = app.subPackages.map((s) => s.root.replace(/\/$/, ''))
  expect(roots).toEqual(expect.arrayContaining(['organizer', 'admin', 'stats', 'member']))
  for (const s of app.subPackages)
    for (const p of s.pages) expect(existsSync(join(out, s.root, `${p}.js`))).toBe(true)
  for (const p of app.pages) expect(existsSync(join(out, `${p}.js`))).toBe(true)
})

test('location is declared, so getLocation works for geofenced check-in', () => {
  expect(app.requiredPrivateInfos).toContain('getLocation')
  expect(app.permission).toHaveProperty(['scope.userLocation'])
})

test('the main package stays within the 600 KB budget', () => {
  const subs = app.subPackages.reduce((s, p) => s + size(join(out, p.root)), 0)
  const main = size(out) - subs
  expect(main).toBeLessThan(600 * 1024)
})

test('lazy code loading is on, and the project asks WeChat to compress JS, WXSS and WXML', () => {
  expect(app.lazyCodeLoading).toBe('requiredComponents')
  // DevTools and miniprogram-ci read the copy in dist/weapp (Taro copies the root's project.config.json there).
  const project = JSON.parse(readFileSync(join(out, 'project.config.json'), 'utf8'))
  expect(project.setting).toMatchObject({ minified: true, minifyWXSS: true, minifyWXML: true })
})
