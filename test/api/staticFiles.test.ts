/**
 * The h5 app as files, through the real gateway on the current build: compressed when the browser
 * asks (brotli, else gzip, else as is; each the same bytes once decoded), hashed files cached for a
 * year, index.html revalidated against its ETag, API answers never cached.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import http, { type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { DEFAULT_POLICY } from '../../cloud/domain/policy'
import { ensureH5Build, H5_DIR } from '../../cloud/server/h5Build'
import { createGateway } from '../../cloud/server/http'
import { SessionSigner } from '../../cloud/server/sessions'
import { HASHED_CACHE_CONTROL } from '../../cloud/server/staticFiles'
import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'

// A missing or stale build is built first (about two minutes), as the browser tests do.
jest.setTimeout(600_000)

const ROOT = join(__dirname, '..', '..')
const DIST = join(ROOT, H5_DIR)
let dataDir: string
let store: SqliteStore
let server: Server
let port: number
/** The scripts index.html loads, largest first: the first one is the bulk of the first page. */
let scripts: string[]

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  /** The body as it came over the wire (not decoded). */
  body: Buffer
}

/** A GET with Node's plain client, which neither asks for nor decodes compression on its own (fetch does both). */
const get = (path: string, headers: Record<string, string> = {}): Promise<Answer> =>
  new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      .on('error', reject)
  })

const onDisk = (path: string) => readFileSync(join(DIST, path))

beforeAll(async () => {
  ensureH5Build(ROOT, (line) => console.log(line))
  const html = readFileSync(join(DIST, 'index.html'), 'utf8')
  scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]).sort((a, b) => onDisk(b).length - onDisk(a).length)
  dataDir = mkdtempSync(join(tmpdir(), 'party-checkin-static-'))
  store = new SqliteStore(join(dataDir, 'test.db'), { synchronous: 'NORMAL' })
  server = createGateway({ store, sessions: new SessionSigner('static-test-secret'), policy: DEFAULT_POLICY, staticDir: DIST, limiter: null, log: () => {} })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await store.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('compression', () => {
  test('index.html loads hashed scripts, each with brotli and gzip copies beside it', () => {
    expect(scripts.length).toBeGreaterThan(0)
    const js = readdirSync(join(DIST, 'js'))
    for (const src of scripts) {
      expect(src).toMatch(/\.[0-9a-f]{8}\.js$/)
      const name = src.split('/').pop()!
      expect(js).toEqual(expect.arrayContaining([`${name}.br`, `${name}.gz`]))
    }
  })

  test('the main script: brotli when brotli is accepted, decoding to the file', async () => {
    const main = scripts[0]
    const a = await get(main, { 'accept-encoding': 'gzip, deflate, br' })
    expect(a.status).toBe(200)
    expect(a.headers['content-encoding']).toBe('br')
    expect(a.headers['content-type']).toMatch(/javascript/)
    expect(a.headers.vary).toBe('Accept-Encoding')
    expect(Number(a.headers['content-length'])).toBe(a.body.length)
    expect(brotliDecompressSync(a.body).equals(onDisk(main))).toBe(true)
    // Worth sending: a third of the file or less.
    expect(a.body.length).toBeLessThan(onDisk(main).length / 3)
  })

  test('the main script: gzip when only gzip is accepted, decoding to the file', async () => {
    const main = scripts[0]
    const a = await get(main, { 'accept-encoding': 'gzip' })
    expect(a.status).toBe(200)
    expect(a.headers['content-encoding']).toBe('gzip')
    expect(a.headers.vary).toBe('Accept-Encoding')
    expect(gunzipSync(a.body).equals(onDisk(main))).toBe(true)
  })

  test('the main script: as is when no encoding is accepted', async () => {
    const main = scripts[0]
    const a = await get(main)
    expect(a.status).toBe(200)
    expect(a.headers['content-encoding']).toBeUndefined()
    expect(a.headers.vary).toBe('Accept-Encoding')
    expect(a.body.equals(onDisk(main))).toBe(true)
  })

  test('index.html, also where the app’s router answers a page path, comes compressed', async () => {
    for (const path of ['/', '/pages/login/index']) {
      const a = await get(path, { 'accept-encoding': 'br' })
      expect(a.status).toBe(200)
      expect(a.headers['content-type']).toMatch(/^text\/html/)
      expect(a.headers['content-encoding']).toBe('br')
      expect(brotliDecompressSync(a.body).equals(onDisk('index.html'))).toBe(true)
    }
  })
})

describe('caching', () => {
  test('hashed scripts, stylesheets and pictures are kept a year without asking', async () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8')
    const styles = [...html.matchAll(/<link[^>]*\shref="([^"]+\.css)"/g)].map((m) => m[1])
    const pictures = readdirSync(join(DIST, 'static', 'images')).filter((f) => f.endsWith('.svg')).map((f) => `/static/images/${f}`)
    expect(styles.length).toBeGreaterThan(0)
    expect(pictures.length).toBeGreaterThan(0)
    for (const path of [...scripts, ...styles, ...pictures]) {
      const a = await get(path, { 'accept-encoding': 'br, gzip' })
      expect({ path, status: a.status, cache: a.headers['cache-control'] }).toEqual({ path, status: 200, cache: HASHED_CACHE_CONTROL })
    }
  })

  test('index.html and page paths are revalidated each time (no-cache), with an ETag', async () => {
    for (const path of ['/', '/index.html', '/pages/checkin/index?a=A1&t=T1']) {
      const a = await get(path, { 'accept-encoding': 'br, gzip' })
      expect({ path, status: a.status, cache: a.headers['cache-control'] }).toEqual({ path, status: 200, cache: 'no-cache' })
      expect(a.headers.etag).toBeTruthy()
    }
  })

  test('an unchanged file asked again with its ETag: 304, no body, the same caching', async () => {
    for (const path of ['/', scripts[0]]) {
      const first = await get(path, { 'accept-encoding': 'br, gzip' })
      const again = await get(path, { 'accept-encoding': 'br, gzip', 'if-none-match': String(first.headers.etag) })
      expect(again.status).toBe(304)
      expect(again.body.length).toBe(0)
      expect(again.headers['cache-control']).toBe(first.headers['cache-control'])
      expect(again.headers.vary).toBe('Accept-Encoding')
    }
  })

  test('each encoding has its own ETag, so a cache never answers one with another', async () => {
    const tags = await Promise.all(['br', 'gzip', 'identity'].map(async (enc) => (await get(scripts[0], { 'accept-encoding': enc })).headers.etag))
    expect(new Set(tags).size).toBe(3)
  })

  test('a file that is not there: 404, never cached (a later build may add it)', async () => {
    const a = await get('/js/app.0123abcd.js', { 'accept-encoding': 'br, gzip' })
    expect(a.status).toBe(404)
    expect(a.headers['cache-control']).toBe('no-store')
  })

  test('API answers stay uncached', async () => {
    const health = await get('/api/health', { 'accept-encoding': 'br, gzip' })
    expect(health.status).toBe(200)
    expect(health.headers['cache-control']).toBe('no-store')
    expect(health.headers['content-encoding']).toBeUndefined()
    const unknown = await get('/api/nothing', { 'accept-encoding': 'br, gzip' })
    expect(unknown.headers['cache-control']).toBe('no-store')
  })
})
