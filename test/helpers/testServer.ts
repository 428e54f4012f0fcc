import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DemoAccount } from '../../cloud/contract/model'
import { DEFAULT_POLICY } from '../../cloud/domain/policy'
import { createGateway } from '../../cloud/server/http'
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

export interface TestServer {
  url: string
  store: SqliteStore
  clock: TestClock
  sessions: SessionSigner
  accounts: DemoAccount[]
  dataDir: string
  /** POST an event to a function; returns HTTP status and the parsed envelope. */
  call: (fn: string, event: unknown, session?: string) => Promise<{ status: number; body: any }>
  signIn: (bindCode: string) => Promise<string>
  close: () => Promise<void>
}

/**
 * The real local gateway on a fresh temporary data folder and an ephemeral port, seeded with the
 * demo city at the clock's time (unless `seed: false`). Rate limits are on only with `rateLimits: true`.
 */
export async function startTestServer(opts: { now?: string; seed?: boolean; rateLimits?: boolean } = {}): Promise<TestServer> {
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
    log: (line) => console.error(line),
    ...(opts.rateLimits ? {} : { limiter: null }),
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const call: TestServer['call'] = async (fn, event, session) => {
    const res = await fetch(`${url}/api/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
      body: typeof event === 'string' ? event : JSON.stringify(event),
    })
    return { status: res.status, body: await res.json() }
  }
  const signIn = async (bindCode: string) => {
    const { body } = await call('member', { action: 'signIn', bindCode })
    if (!body.ok) throw new Error(`signIn failed: ${JSON.stringify(body)}`)
    return body.data.session as string
  }
  return {
    url,
    store,
    clock,
    sessions,
    accounts,
    dataDir,
    call,
    signIn,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
