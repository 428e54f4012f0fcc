/**
 * Robust edges of the real gateway:
 * - no input shape gives a 500: an action nested 100,000 arrays deep, deep nesting in every field
 *   of an action of each function, huge arrays, long strings → a 4xx envelope, nothing written;
 * - a body over the limit is read to its end and thrown away, then answered 413, so the client
 *   hears it (no EPIPE / ECONNRESET), with a declared length or chunked; one announced past what is
 *   worth draining is answered at once and the connection closed;
 * - bodies over the small limit are refused (from their declared length, before anything is read,
 *   and never kept) unless the caller's session is live: the large limits of `member` (roster
 *   files), `activity` and `stats` (photos, evidence) are for signed-in callers only.
 */
import { request } from 'node:http'
import { connect } from 'node:net'
import { ERROR_HTTP_STATUS } from '../../../cloud/contract/errors'
import { functions } from '../../../cloud/functions'
import { DRAIN_MAX_BYTES, MAX_BODY_BYTES, MAX_BODY_BYTES_BY_FUNCTION } from '../../../cloud/server/http'
import { CHINESE, expectOk, world, type World } from '../../helpers/api'
import { csvFile } from '../../helpers/spreadsheets'
import { startAddressedServer, type AddressedServer } from './addressedServer'

jest.setTimeout(120_000)

const TABLES = functions as unknown as Record<string, Record<string, { input: unknown }>>
const fieldsOf = (fn: string, action: string): string[] => Object.keys((TABLES[fn][action].input as { shape?: object }).shape ?? {})

let srv: AddressedServer
let w: World
/** The gateway's log lines of refused bodies (others are printed). */
const refusedBodies: string[] = []
let organizer: string
let unitAdmin: string
let member: string

beforeAll(async () => {
  srv = await startAddressedServer({ log: (line) => (line.includes('请求内容过大') ? refusedBodies.push(line) : console.error(line)) })
  w = world(srv)
  organizer = w.ids.organizer('u01')
  unitAdmin = w.ids.unitAdmin('u01')
  member = w.ids.roleless('u01')[0]
})
afterAll(async () => {
  await srv.close()
})

/** JSON text of arrays nested this deep: `[[[…]]]`. */
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
/** JSON text of objects nested this deep: `{"a":{"a":…1}}`. */
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)

/** POST raw text; the envelope must be a well-formed refusal or success, never a 500. */
async function post(fn: string, body: string, session?: string) {
  const res = await fetch(`${srv.url}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body,
  })
  const envelope = (await res.json()) as { ok: boolean; error?: { code: keyof typeof ERROR_HTTP_STATUS; message: string } }
  const summary = { status: res.status, code: envelope.error?.code }
  expect(res.status).not.toBe(500)
  if (envelope.ok) expect(res.status).toBe(200)
  else {
    expect(res.status).toBe(ERROR_HTTP_STATUS[envelope.error!.code])
    expect(envelope.error!.message).toMatch(CHINESE)
  }
  return summary
}

describe('no input shape gives a 500', () => {
  test.each(Object.keys(TABLES))('%s: an action 100,000 arrays deep, or a deep object → 400 BAD_INPUT, nothing written', async (fn) => {
    const before = w.mark()
    expect(await post(fn, `{"action":${deepArray(100_000)}}`, w.as(organizer))).toEqual({ status: 400, code: 'BAD_INPUT' })
    expect(await post(fn, `{"action":${deepObject(30_000)}}`, w.as(organizer))).toEqual({ status: 400, code: 'BAD_INPUT' })
    expect(await post(fn, `{"action":[[["me"]]]}`)).toEqual({ status: 400, code: 'BAD_INPUT' })
    expect(w.mark()).toEqual(before)
  })

  /** One action of each function, as someone it lets in: every field (and an unknown one) in turn nested deep. */
  const DEEP_TARGETS: [string, string, () => string | undefined][] = [
    ['member', 'signIn', () => undefined],
    ['member', 'importRoster', () => w.as(unitAdmin)],
    ['activity', 'create', () => w.as(organizer)],
    ['checkin', 'checkIn', () => w.as(member)],
    ['stats', 'leaderboard', () => w.as(member)],
    ['stats', 'setPolicy', () => w.as(w.ids.cityAdmin())],
    ['notify', 'markRead', () => w.as(member)],
  ]
  test.each(DEEP_TARGETS)('%s.%s: each field nested 60,000 deep → 400 BAD_INPUT (an unknown one: never 500), nothing written', async (fn, action, who) => {
    const fields = [...fieldsOf(fn, action), 'extra']
    const before = w.mark()
    for (const field of fields) {
      for (const deep of [deepArray(60_000), deepObject(20_000), `[${deepObject(10_000)},${deepArray(30_000)}]`]) {
        const answer = await post(fn, `{"action":"${action}","${field}":${deep}}`, who())
        // An unknown field is dropped: the action answers as it would without it (no 500, checked above).
        if (field !== 'extra') expect({ field, ...answer }).toEqual({ field, status: 400, code: 'BAD_INPUT' })
      }
    }
    expect(w.mark()).toEqual(before)
  })

  it('huge arrays and long strings in fields → 4xx, never 500', async () => {
    const ids = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `id${i}`))
    // Within the small limit, which every function and caller has.
    const cases: [string, string, string | undefined][] = [
      ['notify', `{"action":"markRead","ids":${ids(20_000)}}`, w.as(member)],
      ['notify', `{"action":"setPreferences","off":${JSON.stringify(Array(20_000).fill('reminder'))}}`, w.as(member)],
      ['notify', `{"action":"subscribed","accepted":${JSON.stringify(Array(40_000).fill(0))}}`, w.as(member)],
      ['activity', `{"action":"create","kind":"lecture","title":"大型讲座","startAt":"${w.inMin(60)}","endAt":"${w.inMin(120)}","audience":{"type":"units","unitIds":${ids(10_000)}}}`, w.as(organizer)],
      ['member', `{"action":"signIn","bindCode":"${'A'.repeat(200_000)}"}`, undefined],
      ['checkin', `{"action":"requestMakeup","activityId":"${'x'.repeat(100_000)}","reason":"${'党'.repeat(40_000)}"}`, w.as(member)],
      ['stats', `{"action":"leaderboard","period":${JSON.stringify(Array(30_000).fill('2026'))}}`, w.as(member)],
    ]
    const before = w.mark()
    for (const [fn, body, session] of cases) {
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES)
      const { status } = await post(fn, body, session)
      expect({ body: body.slice(0, 60), status: status >= 400 && status < 500 }).toEqual({ body: body.slice(0, 60), status: true })
    }
    expect(w.mark()).toEqual(before)
  })
})

/** What a raw upload got: the answer, when it came, and any error on the client's side of the connection. */
interface Upload {
  status: number
  body: { ok: boolean; error?: { code: string; message: string } }
  errors: string[]
}

/**
 * POST `bytes` of body with node's http client, in 64 KB chunks (with a declared length, or
 * chunked), optionally pausing between chunks; resolves once the request is fully done, so an
 * error after the answer (EPIPE, ECONNRESET) is seen too.
 */
function upload(fn: string, bytes: number, opts: { chunked?: boolean; pauseMs?: number; session?: string; body?: Buffer } = {}): Promise<Upload> {
  return new Promise((resolve) => {
    const url = new URL(`${srv.url}/api/fn/${fn}`)
    const payload = opts.body ?? Buffer.alloc(bytes, 0x20)
    const errors: string[] = []
    let sent = 0
    let answer: Omit<Upload, 'errors'> | null = null
    let finished = false
    const settle = () => {
      if (answer && finished) resolve({ ...answer, errors })
    }
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(opts.chunked ? {} : { 'content-length': payload.length }),
          ...(opts.session ? { authorization: `Bearer ${opts.session}` } : {}),
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => {
          answer = { status: res.statusCode ?? 0, body: JSON.parse(text) }
          settle()
        })
      },
    )
    req.on('error', (e) => {
      errors.push(String(e))
      finished = true
      if (!answer) resolve({ status: 0, body: { ok: false }, errors })
    })
    req.on('close', () => {
      finished = true
      settle()
    })
    const CHUNK = 64 * 1024
    const write = () => {
      while (sent < payload.length) {
        const chunk = payload.subarray(sent, sent + CHUNK)
        sent += chunk.length
        const more = req.write(chunk)
        if (opts.pauseMs) return void setTimeout(write, opts.pauseMs)
        if (!more) return void req.once('drain', write)
      }
      req.end()
    }
    write()
  })
}

const FIVE_MB = 5 * 1024 * 1024

describe('a body over the limit: the 413 reaches the client', () => {
  it('5 MB to checkin, 20 times with a declared length and 20 times chunked: each gets the 413 envelope, no client error', async () => {
    for (let i = 0; i < 40; i++) {
      const res = await upload('checkin', FIVE_MB, { chunked: i % 2 === 1, session: i % 4 < 2 ? w.as(member) : undefined })
      expect({ i, status: res.status, code: res.body.error?.code, errors: res.errors }).toEqual({ i, status: 413, code: 'PAYLOAD_TOO_LARGE', errors: [] })
      expect(res.body.error?.message).toMatch(CHINESE)
    }
    // The server still answers as before.
    expectOk(await srv.call('member', { action: 'me' }, w.as(member)))
  })

  it('nothing of a refused body is kept: the gateway refused it from its declared length before reading', async () => {
    refusedBodies.length = 0
    const res = await upload('checkin', FIVE_MB, { pauseMs: 1, session: w.as(member) })
    expect({ status: res.status, errors: res.errors }).toEqual({ status: 413, errors: [] })
    expect(refusedBodies).toEqual([expect.stringContaining(`上限 ${MAX_BODY_BYTES} 字节，声明 ${FIVE_MB} 字节（读取前已拒绝），读取并丢弃 ${FIVE_MB} 字节`)])
  })

  it('a body announced past what is worth draining is answered 413 at once and the connection closed', async () => {
    const url = new URL(srv.url)
    const socket = connect(Number(url.port), url.hostname)
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (c: string) => (text += c))
    socket.write(`POST /api/fn/checkin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${DRAIN_MAX_BYTES + 1}\r\n\r\n{"action":`)
    await new Promise((resolve) => socket.on('close', resolve))
    expect(text).toMatch(/^HTTP\/1\.1 413 /)
    expect(text).toMatch(/connection: close/i)
    expect(text).toContain('"PAYLOAD_TOO_LARGE"')
  })
})

describe('large bodies only from a live session', () => {
  it('5 MB to member without a session → 413, refused from its declared length before reading; with a forged session too', async () => {
    for (const session of [undefined, 'forged.session']) {
      refusedBodies.length = 0
      const res = await upload('member', FIVE_MB, { session })
      expect({ status: res.status, code: res.body.error?.code, errors: res.errors }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', errors: [] })
      expect(res.body.error?.message).toContain('请先登录')
      expect(refusedBodies).toEqual([expect.stringContaining(`上限 ${MAX_BODY_BYTES} 字节，声明 ${FIVE_MB} 字节（读取前已拒绝）`)])
    }
  })

  it('chunked, without a session: cut at the small limit', async () => {
    const res = await upload('activity', MAX_BODY_BYTES + 64 * 1024, { chunked: true })
    expect({ status: res.status, code: res.body.error?.code, errors: res.errors }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', errors: [] })
  })

  it('a revoked session does not open the large limit either', async () => {
    const session = w.as(member)
    expectOk(await srv.call('member', { action: 'signOut' }, session))
    const res = await upload('stats', MAX_BODY_BYTES + 1, { session })
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' })
  })

  it('a unit admin’s 1 MB roster import (dry run) goes through; the same body without a session is refused', async () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0')
    const rows = Array.from({ length: 7_500 }, (_, i) => [
      `BIG${pad(i, 5)}`,
      `测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉'[Math.floor(i / 10) % 10]}`,
      '市委办公室',
      '秘书一处党支部',
      `19${70 + (i % 30)}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`,
      `139${pad(20_000_000 + i, 8)}`,
      '党员',
      '',
      '在册',
    ])
    const body = Buffer.from(JSON.stringify({ action: 'importRoster', format: 'csv', file: csvFile(rows), dryRun: true }))
    expect(body.length).toBeGreaterThan(900 * 1024)
    expect(body.length).toBeLessThan(MAX_BODY_BYTES_BY_FUNCTION.member)

    const before = w.mark()
    const refused = await upload('member', body.length, { body })
    expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' })
    const done = await upload('member', body.length, { body, session: w.as(unitAdmin) })
    expect({ status: done.status, ok: done.body.ok, errors: done.errors }).toEqual({ status: 200, ok: true, errors: [] })
    expect((done.body as unknown as { data: { applied: boolean; summary: { rows: number } } }).data).toMatchObject({ applied: false, summary: { rows: 7_500 } })
    expect(w.counts().members).toBe(before.counts.members)
  })
})
