import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { existsSync } from 'node:fs'
import sirv from 'sirv'
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

export const MAX_BODY_BYTES = 256 * 1024
/**
 * Roster files travel inside `member` events, meeting photos (base64) inside `activity` events,
 * evidence files (base64) inside `stats` events; every other function keeps the small limit.
 */
export const MAX_BODY_BYTES_BY_FUNCTION: Record<string, number> = {
  member: 6 * 1024 * 1024,
  activity: PHOTO_BASE64_MAX + 200 * 1024,
  stats: EVIDENCE_BASE64_MAX + 200 * 1024,
}

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
}

const tables: Record<string, ActionTable> = functions

function send(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
  })
  res.end(json)
}

const sendEnvelope = (res: ServerResponse, env: Envelope<unknown>) =>
  send(res, env.ok ? 200 : ERROR_HTTP_STATUS[env.error.code], env)

const refuse = (res: ServerResponse, code: keyof typeof ERROR_HTTP_STATUS, message: string) =>
  sendEnvelope(res, { ok: false, error: { code, message } })

function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) {
      // Say no before reading; the rest of the upload is drained so the answer reaches the client.
      req.resume()
      return resolve('too-large')
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= max) chunks.push(c)
    })
    req.on('end', () => resolve(size > max ? 'too-large' : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The local world's gateway: functions over HTTP, the caller from a session, the h5 app as files. */
export function createGateway(opts: GatewayOptions): Server {
  const now = opts.now ?? (() => new Date())
  const log = opts.log ?? (() => {})
  const limiter = opts.limiter === undefined ? new MemoryRateLimiter() : opts.limiter
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
  const serveStatic =
    opts.staticDir && existsSync(opts.staticDir) ? sirv(opts.staticDir, { single: true, dev: false, etag: true }) : null

  async function callFunction(name: string, req: IncomingMessage, res: ServerResponse) {
    const table = Object.hasOwn(tables, name) ? tables[name] : undefined
    if (!table) return refuse(res, 'NOT_FOUND', `没有名为 ${name.slice(0, 40)} 的云函数`)
    const max = MAX_BODY_BYTES_BY_FUNCTION[name] ?? MAX_BODY_BYTES
    const body = await readBody(req, max)
    if (body === 'too-large') {
      res.setHeader('connection', 'close')
      return refuse(res, 'PAYLOAD_TOO_LARGE', `请求内容过大（上限 ${Math.round(max / 1024)} KB）`)
    }
    let event: unknown
    try {
      event = JSON.parse(body.toString('utf8') || '{}')
    } catch {
      return refuse(res, 'BAD_INPUT', '请求格式不正确：不是有效的 JSON')
    }

    let caller: Member | null = null
    let session: Ctx['session'] = null
    const auth = req.headers.authorization
    if (auth?.startsWith('Bearer ')) {
      const check = opts.sessions.verify(auth.slice(7).trim(), now())
      caller = check.ok ? await opts.store.sessionMember(check.sid, check.memberId, check.issuedAt) : null
      const live = caller !== null
      if (check.ok && live) session = { sid: check.sid, expiresAt: check.expiresAt }
      const action = (event as { action?: unknown } | null)?.action
      const isPublic = typeof action === 'string' && table[action]?.auth === 'public'
      if (!live && !isPublic)
        return refuse(
          res,
          'UNAUTHENTICATED',
          !check.ok && check.reason === 'expired' ? '登录已过期，请重新登录' : check.ok ? '您已退出登录或账号已被重置，请重新登录' : '登录状态无效，请重新登录',
        )
    }

    const ctx = createCtx(deps, {
      caller,
      session,
      policy: await policies.at(now()),
      publicUrl: opts.publicUrl ?? `http://${req.headers.host ?? '127.0.0.1'}`,
      request: {
        ip: req.socket.remoteAddress ?? null,
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
