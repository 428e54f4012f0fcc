import { mkdtempSync, rmSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Envelope } from '../../cloud/contract/errors'
import type { DemoAccount } from '../../cloud/contract/model'
import type { FunctionName, Functions } from '../../cloud/functions'
import type { InputOf, OutputOf } from '../../cloud/runtime/action'
import { DEFAULT_POLICY } from '../../cloud/domain/policy'
import { createGateway } from '../../cloud/server/http'
import type { SubscribeSender } from '../../cloud/functions/notify/wechatSender'
import { seedDemoCity } from '../../cloud/server/seed/demoCity'
import { SessionSigner } from '../../cloud/server/sessions'
import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'

/** A clock tests move by hand: no sleeping. */
export class TestClock {
  constructor(private t: number) {}
  now = (): Date => new Date(this.t)
  set(iso: string | Date) {
    this.t = new Date(iso).getTime()
  }
  advance(ms: number) {
    this.t += ms
  }
}

/** The actions of one function, by name. */
export type ActionName<F extends FunctionName> = keyof Functions[F] & string
/** An input schema's fields; an empty schema (`z.object({})`, input `{ [k: string]: never }`) has none. */
type Fields<T> = string extends keyof T ? unknown : T
/** An event as the app sends it: the action's name beside its input (derived from the function's own table). */
export type EventOf<F extends FunctionName, A extends ActionName<F>> = { action: A } & Fields<InputOf<Functions[F], A>>
/** What the action's handler returns, as the envelope's `data`. */
export type DataOf<F extends FunctionName, A extends ActionName<F>> = OutputOf<Functions[F], A>

/** What the gateway answered: the HTTP status and the parsed envelope. */
export interface Reply<T> {
  status: number
  body: Envelope<T>
}

/** What the gateway answered, with its headers (Retry-After). */
export interface AddressedReply extends Reply<unknown> {
  headers: Headers
}

/** A header only a test server started with `addressed: true` reads as the caller's address (production never trusts one). */
const ADDRESS_HEADER = 'x-test-address'

export interface TestServer {
  url: string
  store: SqliteStore
  clock: TestClock
  sessions: SessionSigner
  accounts: DemoAccount[]
  dataDir: string
  /** POST a well-formed event to a function; returns the HTTP status and the envelope of the action's result. */
  call: <F extends FunctionName, A extends ActionName<F>>(fn: F, event: EventOf<F, A>, session?: string) => Promise<Reply<DataOf<F, A>>>
  /**
   * POST anything (a string is sent as the raw body): for tests of malformed, unknown or hostile
   * requests. The envelope's data is unknown; such tests check refusals or narrow what they read.
   */
  send: (fn: string, event: unknown, session?: string) => Promise<Reply<unknown>>
  /**
   * POST anything as if from `address` (null: the socket's own), answer with its headers. The address
   * counts only on a server started with `addressed: true`.
   */
  from: (address: string | null, fn: string, event: unknown, session?: string) => Promise<AddressedReply>
  signIn: (bindCode: string) => Promise<string>
  close: () => Promise<void>
}

export interface TestServerOptions {
  now?: string
  seed?: boolean
  rateLimits?: boolean
  subscribe?: SubscribeSender
  /** Each request may name its address (`from`), for the per-address limits seen from many at once. */
  addressed?: boolean
  /** Receives the gateway's log lines (default: printed, so a test seeing INTERNAL also shows why). */
  log?: (line: string) => void
}

/**
 * The real local gateway on a fresh temporary data folder and an ephemeral port, seeded with the
 * demo city at the clock's time (unless `seed: false`). Rate limits are on only with `rateLimits: true`;
 * `subscribe` stands in for WeChat's subscribe-message openapi (test/helpers/wechatOpenapiFake.ts).
 */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'party-checkin-test-'))
  const clock = new TestClock(Date.parse(opts.now ?? '2026-11-20T02:00:00.000Z'))
  const store = new SqliteStore(join(dataDir, 'test.db'), { synchronous: 'NORMAL' })
  const sessions = new SessionSigner('test-secret')
  let accounts: DemoAccount[] = []
  if (opts.seed !== false) accounts = (await seedDemoCity(store, DEFAULT_POLICY, clock.now())).accounts
  // Rate limits are off unless a test is about them, so rule tests can call as often as they need.
  const server = createGateway({
    store,
    sessions,
    policy: DEFAULT_POLICY,
    now: clock.now,
    publicUrl: 'http://checkin.test',
    // Internal errors are printed: a test seeing INTERNAL should also show why.
    log: opts.log ?? ((line) => console.error(line)),
    ...(opts.rateLimits ? {} : { limiter: null }),
    ...(opts.subscribe ? { subscribe: opts.subscribe } : {}),
    ...(opts.addressed
      ? {
          clientAddress: (req: IncomingMessage) => {
            const named = req.headers[ADDRESS_HEADER]
            return typeof named === 'string' ? named : (req.socket.remoteAddress ?? null)
          },
        }
      : {}),
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const from: TestServer['from'] = async (address, fn, event, session) => {
    const res = await fetch(`${url}/api/fn/${fn}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(address ? { [ADDRESS_HEADER]: address } : {}),
        ...(session ? { authorization: `Bearer ${session}` } : {}),
      },
      body: typeof event === 'string' ? event : JSON.stringify(event),
    })
    return { status: res.status, body: (await res.json()) as Envelope<unknown>, headers: res.headers }
  }
  const send: TestServer['send'] = (fn, event, session) => from(null, fn, event, session)
  // The gateway answers a well-formed event with the envelope of the action's own result type.
  async function call<F extends FunctionName, A extends ActionName<F>>(fn: F, event: EventOf<F, A>, session?: string): Promise<Reply<DataOf<F, A>>> {
    return (await send(fn, event, session)) as Reply<DataOf<F, A>>
  }
  const signIn = async (bindCode: string) => {
    const { body } = await call('member', { action: 'signIn', bindCode })
    if (!body.ok) throw new Error(`signIn failed: ${JSON.stringify(body)}`)
    return body.data.session
  }
  return {
    url,
    store,
    clock,
    sessions,
    accounts,
    dataDir,
    call,
    send,
    from,
    signIn,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
