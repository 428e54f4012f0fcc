/**
 * The h5 app's first page (the sign-in page, what a phone opens first) by its bytes: the page's
 * JavaScript gzipped (the budget's figure), and index.html with every script and stylesheet it loads
 * as a browser that accepts brotli and gzip receives them, next to their size uncompressed.
 *
 *   npx tsx bench/h5FirstPage.ts     these figures alone, on the current build (built first if stale)
 *
 * `npm run bench -- --only h5` measures the same into bench/report.json, keeping its other figures.
 */
import http from 'node:http'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { DEFAULT_POLICY } from '../cloud/domain/policy'
import { ensureH5Build, H5_DIR } from '../cloud/server/h5Build'
import { createGateway } from '../cloud/server/http'
import { SessionSigner } from '../cloud/server/sessions'
import { SqliteStore } from '../cloud/store/sqlite/SqliteStore'

export const FIRST_PAGE = '/pages/login/index'
const CHROMIUM = '/usr/bin/chromium'

export interface H5FirstPage {
  /** The scripts the page loaded, each gzipped here (not as served): the 150 KB budget's measure. */
  jsGzipKB: number
  /** index.html, scripts and stylesheets as sent to `Accept-Encoding: br, gzip`: what crosses the network. */
  transferredKB: number
  /** The same responses without compression (`Accept-Encoding` absent). */
  uncompressedKB: number
  /** How many responses the two figures above add up. */
  files: number
}

/** The body's length as it came over the wire: Node's client neither asks for nor decodes compression. */
const wireBytes = (url: string, acceptEncoding: string | null): Promise<number> =>
  new Promise((done, fail) => {
    http
      .get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
        let n = 0
        res.on('data', (c: Buffer) => (n += c.length))
        res.on('end', () => (res.statusCode === 200 ? done(n) : fail(new Error(`${url} → ${res.statusCode}`))))
        res.on('error', fail)
      })
      .on('error', fail)
  })

const kb = (bytes: number) => Math.round(bytes / 1024)

/**
 * Open the first page in Chromium at `base`, then fetch again each document, script and stylesheet it
 * loaded from there, once accepting brotli and gzip and once accepting nothing. Null without Chromium.
 */
export async function measureH5FirstPage(base: string): Promise<H5FirstPage | null> {
  if (!existsSync(CHROMIUM)) return null
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
  const page = await browser.newPage()
  const gzipped: Promise<number>[] = []
  const loaded = new Set<string>()
  page.on('response', (r) => {
    const type = r.request().resourceType()
    if (type === 'script') gzipped.push(r.body().then((b) => gzipSync(b).length))
    if ((type === 'document' || type === 'script' || type === 'stylesheet') && r.url().startsWith(base)) loaded.add(r.url())
  })
  await page.goto(`${base}${FIRST_PAGE}`, { waitUntil: 'networkidle' })
  const jsGzip = (await Promise.all(gzipped)).reduce((a, b) => a + b, 0)
  await browser.close()
  if (gzipped.length === 0) throw new Error('网页端首页没有加载任何脚本：构建缺失或页面出错')
  let transferred = 0
  let uncompressed = 0
  for (const url of loaded) {
    transferred += await wireBytes(url, 'br, gzip')
    uncompressed += await wireBytes(url, null)
  }
  return { jsGzipKB: kb(jsGzip), transferredKB: kb(transferred), uncompressedKB: kb(uncompressed), files: loaded.size }
}

/** The figures on the current h5 build (built first when missing or stale), served by the gateway in this process. */
export async function measureBuiltH5FirstPage(log: (line: string) => void): Promise<H5FirstPage | null> {
  const root = resolve(__dirname, '..')
  ensureH5Build(root, log)
  const dataDir = mkdtempSync(join(tmpdir(), 'party-checkin-bench-h5-'))
  const store = new SqliteStore(join(dataDir, 'bench.db'))
  const server = createGateway({ store, sessions: new SessionSigner('bench-h5'), policy: DEFAULT_POLICY, staticDir: join(root, H5_DIR), limiter: null })
  try {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    return await measureH5FirstPage(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  } finally {
    await new Promise<void>((done) => server.close(() => done()))
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  measureBuiltH5FirstPage((line) => console.log(line))
    .then((f) => {
      if (!f) throw new Error(`需要 Chromium（${CHROMIUM}）`)
      console.log(`h5 首页（${FIRST_PAGE}）：JavaScript gzip 后 ${f.jsGzipKB} KB；实际传输（index.html、脚本与样式共 ${f.files} 个，br/gzip）${f.transferredKB} KB，未压缩 ${f.uncompressedKB} KB`)
    })
    .catch((e: unknown) => {
      console.error(e)
      process.exit(1)
    })
}
