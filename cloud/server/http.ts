import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { ERROR_HTTP_STATUS, type Envelope } from '../contract/errors'
import { EVIDENCE_BASE64_MAX, PHOTO_BASE64_MAX } from '../contract/limits'
import type { Member } from '../contract/model'
import type { Policy } from '../domain/policy'
import { functions } from '../functions'
import type { ActionTable } from '../runtime/action'
import { createCtx, type Ctx, type CtxDeps } from '../runtime/context'
import { dispatch } from '../runtime/dispatch'
import type { ReadCache } from '../functions/stats/readCache'
import type { SubscribeSender } from '../functions/notify/wechatSender'
import { newStatsReadCache } from '../functions/stats/cached'
import type { Store } from '../store/Store'
import type { SessionSigner } from './sessions'
import { MemoryRateLimiter, type RateLimiter } from '../runtime/rateLimit'
import { PolicySource } from '../runtime/policySource'
import { staticFiles } from './staticFiles'

/** The body limit of every function, and of any caller without a live session. */
export const MAX_BODY_BYTES = 256 * 1024
/**
 * Roster files travel inside `member` events, meeting photos (base64) inside `activity` events,
 * evidence files (base64) inside `stats` events; every other function keeps the small limit.
 * Only a caller whose session verifies gets these: anyone else is held to MAX_BODY_BYTES, decided
 * before any of the body is read (and none of it is kept).
 */
export const MAX_BODY_BYTES_BY_FUNCTION: Record<string, number> = {
  member: 6 * 1024 * 1024,
  activity: PHOTO_BASE64_MAX + 200 * 1024,
  stats: EVIDENCE_BASE64_MAX + 200 * 1024,
}
/**
 * The most of a refused upload that is read (and thrown away) before its 413, so its client hears
 * an ordinary answer instead of a reset connection; past it the connection is cut.
 */
export const DRAIN_MAX_BYTES = 50 * 1024 * 1024

export interface GatewayOptions {
  store: Store
  sessions: SessionSigner
  policy: Policy
  /** Folder of the h5 build; omitted or missing means API only. */
  staticDir?: string
  /** Base URL for QR links; defaults to the Host the request came to. */
  publicUrl?: string
  now?: () => Date
  log?: (line: string) => void
  /** Defaults to in-memory limits (LIMITS); `null` turns them off (tests of other rules). */
  limiter?: RateLimiter | null
  /** The stats read cache of this store; defaults to a new one (`null`: every read computed afresh). */
  readCache?: ReadCache | null
  /** A subscribe-message sender (tests stand in for WeChat's openapi); none locally: inbox only. */
  subscribe?: SubscribeSender | null
  /**
   * Where a request comes from, for the per-address limits; defaults to the socket's peer. Tests
   * name addresses through it. X-Forwarded-For is never trusted: behind a proxy, every caller
   * would otherwise choose their own address.
   */
  clientAddress?: (req: IncomingMessage) => string | null
}

const tables: Record<string, ActionTable> = functions

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}) {
  const json = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(json)
}

/** A refusal that says when to try again (RATE_LIMITED) carries it in Retry-After too. */
function sendEnvelope(res: ServerResponse, env: Envelope<unknown>) {
  if (env.ok) return send(res, 200, env)
  const retry = env.error.details?.retryAfterSec
  send(res, ERROR_HTTP_STATUS[env.error.code], env, env.error.code === 'RATE_LIMITED' && typeof retry === 'number' ? { 'retry-after': retry } : {})
}

const refuse = (res: ServerResponse, code: keyof typeof ERROR_HTTP_STATUS, message: string) =>
  sendEnvelope(res, { ok: false, error: { code, message } })

/** A body refused for its size: how it was known, and how much was read off the wire (and thrown away). */
interface TooLarge {
  declared: number | null
  drained: number
  /** Past DRAIN_MAX_BYTES: reading stopped, the connection closes after the answer. */
  cut: boolean
}

/**
 * The body, or why it was refused. Once it is known to pass `max` (by its declared length, before
 * anything is read; else by the bytes so far), nothing more is kept: the rest is read and thrown
 * away, and only then is the answer due, so every client hears its 413 as an ordinary answer
 * (answering mid-upload stalls or resets clients still sending: node's client stops writing once
 * its response is complete). Past DRAIN_MAX_BYTES reading stops and the connection is cut after
 * the answer. 'gone': the client went away first.
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | TooLarge | 'gone'> {
  return new Promise((resolve) => {
    const length = Number(req.headers['content-length'] ?? NaN)
    const declared = Number.isFinite(length) ? length : null
    let over = declared !== null && declared > max
    let chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > DRAIN_MAX_BYTES) {
        req.pause()
        return resolve({ declared, drained: size, cut: true })
      }
      if (over) return
      if (size <= max) return void chunks.push(c)
      over = true
      chunks = []
    })
    req.on('end', () => resolve(over ? { declared, drained: size, cut: false } : Buffer.concat(chunks)))
    req.on('error', () => resolve('gone'))
    req.on('close', () => resolve('gone'))
    // Announced past what is worth draining: nothing is read at all.
    if (declared !== null && declared > DRAIN_MAX_BYTES) {
      req.pause()
      resolve({ declared, drained: 0, cut: true })
    }
  })
}

/** The local world's gateway: functions over HTTP, the caller from a session, the h5 app as files. */
export function createGateway(opts: GatewayOptions): Server {
  const now = opts.now ?? (() => new Date())
  const log = opts.log ?? (() => {})
  const limiter = opts.limiter === undefined ? new MemoryRateLimiter() : opts.limiter
  const clientAddress = opts.clientAddress ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? null)
  const policies = new PolicySource(opts.policy, opts.store)
  const deps: CtxDeps = {
    world: 'local',
    store: opts.store,
    now,
    sessions: opts.sessions,
    limiter,
    readCache: opts.readCache === undefined ? newStatsReadCache() : opts.readCache,
    policyChanged: () => policies.invalidate(),
    subscribe: opts.subscribe ?? null,
  }
  // Compressed copies when asked for, hashed files cached for a year, index.html revalidated.
  const serveStatic = staticFiles(opts.staticDir)

  /** The caller of a Bearer session, resolved before the body is read: only a live one may send large bodies. */
  async function sessionOf(req: IncomingMessage) {
    const auth = req.headers.authorization
    if (!auth?.startsWith('Bearer ')) return null
    const check = opts.sessions.verify(auth.slice(7).trim(), now())
    const caller = check.ok ? await opts.store.sessionMember(check.sid, check.memberId, check.issuedAt) : null
    const session: Ctx['session'] = check.ok && caller ? { sid: check.sid, expiresAt: check.expiresAt } : null
    const refusal = !check.ok && check.reason === 'expired' ? '登录已过期，请重新登录' : check.ok ? '您已退出登录或账号已被重置，请重新登录' : '登录状态无效，请重新登录'
    return { caller, session, refusal }
  }

  async function callFunction(name: string, req: IncomingMessage, res: ServerResponse) {
    const table = Object.hasOwn(tables, name) ? tables[name] : undefined
    if (!table) return refuse(res, 'NOT_FOUND', `没有名为 ${name.slice(0, 40)} 的云函数`)
    const bearer = await sessionOf(req)
    const caller: Member | null = bearer?.caller ?? null
    const max = caller ? (MAX_BODY_BYTES_BY_FUNCTION[name] ?? MAX_BODY_BYTES) : MAX_BODY_BYTES
    const body = await readBody(req, max)
    if (body === 'gone') return
    if (!Buffer.isBuffer(body)) {
      log(`[${name}] 请求内容过大，已丢弃：上限 ${max} 字节，${body.declared !== null ? `声明 ${body.declared} 字节（读取前已拒绝），` : ''}读取并丢弃 ${body.drained} 字节${body.cut ? '，超过可丢弃上限，连接已断开' : ''}`)
      if (body.cut) res.setHeader('connection', 'close')
      const kb = Math.round(max / 1024)
      const more = !caller && (MAX_BODY_BYTES_BY_FUNCTION[name] ?? 0) > max
      return refuse(res, 'PAYLOAD_TOO_LARGE', more ? `请求内容过大（未登录时上限 ${kb} KB），请先登录后再上传` : `请求内容过大（上限 ${kb} KB）`)
    }
    let event: unknown
    try {
      // V8 parses any nesting without recursion; whatever it throws (a RangeError included) is bad input.
      event = JSON.parse(body.toString('utf8') || '{}')
    } catch {
      return refuse(res, 'BAD_INPUT', '请求格式不正确：不是有效的 JSON')
    }

    if (bearer && !caller) {
      const action = (event as { action?: unknown } | null)?.action
      const isPublic = typeof action === 'string' && Object.hasOwn(table, action) && table[action].auth === 'public'
      if (!isPublic) return refuse(res, 'UNAUTHENTICATED', bearer.refusal)
    }

    const ctx = createCtx(deps, {
      caller,
      session: bearer?.session ?? null,
      policy: await policies.at(now()),
      publicUrl: opts.publicUrl ?? `http://${req.headers.host ?? '127.0.0.1'}`,
      request: {
        ip: clientAddress(req),
        device: (req.headers['user-agent'] ?? '').slice(0, 200) || null,
      },
    })
    const env = await dispatch(name, table, event, ctx, (e) => log(`[${name}] 内部错误: ${(e as Error)?.stack ?? e}`))
    sendEnvelope(res, env)
  }

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local')
    const fn = /^\/api\/fn\/([A-Za-z0-9_-]+)$/.exec(url.pathname)
    if (fn) {
      if (req.method !== 'POST') return refuse(res, 'BAD_INPUT', '请使用 POST 调用云函数')
      callFunction(fn[1], req, res).catch((e) => {
        log(`[gateway] ${(e as Error)?.stack ?? e}`)
        if (!res.headersSent) refuse(res, 'INTERNAL', '服务器开小差了，请稍后再试')
      })
      return
    }
    if (url.pathname === '/api/health') return send(res, 200, { ok: true, data: { status: 'ok' } })
    if (url.pathname.startsWith('/api/')) return refuse(res, 'NOT_FOUND', '没有这个接口')
    if (serveStatic) return serveStatic(req, res, () => send(res, 404, { ok: false }))
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('页面尚未构建：请运行 npm run build:h5')
  })
}
