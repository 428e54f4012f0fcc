/**
 * The real gateway on the seeded demo city, rate limits on, where each request may say which
 * address it comes from: the gateway's `clientAddress` option reads a header that only this test
 * server trusts (production takes the socket's peer and never trusts such headers). For the
 * per-address limits seen from many addresses at once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Envelope } from '../../../cloud/contract/errors'
import type { FunctionName } from '../../../cloud/functions'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import { createGateway } from '../../../cloud/server/http'
import { seedDemoCity } from '../../../cloud/server/seed/demoCity'
import { SessionSigner } from '../../../cloud/server/sessions'
import { SqliteStore } from '../../../cloud/store/sqlite/SqliteStore'
import { TestClock, type ActionName, type DataOf, type EventOf, type Reply, type TestServer } from '../../helpers/testServer'

const ADDRESS_HEADER = 'x-test-address'

/** What the gateway answered, with its headers (Retry-After). */
export interface AddressedReply extends Reply<unknown> {
  headers: Headers
}

export interface AddressedServer extends TestServer {
  /** POST an event to a function from this address. */
  from: (address: string, fn: string, event: unknown, session?: string) => Promise<AddressedReply>
}

/** `log` receives the gateway's log lines (default: printed, so an INTERNAL shows why). */
export async function startAddressedServer(opts: { now?: string; log?: (line: string) => void } = {}): Promise<AddressedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'party-checkin-security-'))
  const clock = new TestClock(Date.parse(opts.now ?? '2026-11-20T02:00:00.000Z'))
  const store = new SqliteStore(join(dataDir, 'test.db'), { synchronous: 'NORMAL' })
  const sessions = new SessionSigner('test-secret')
  const { accounts } = await seedDemoCity(store, DEFAULT_POLICY, clock.now())
  const server = createGateway({
    store,
    sessions,
    policy: DEFAULT_POLICY,
    now: clock.now,
    publicUrl: 'http://checkin.test',
    log: opts.log ?? ((line) => console.error(line)),
    clientAddress: (req) => {
      const named = req.headers[ADDRESS_HEADER]
      return typeof named === 'string' ? named : (req.socket.remoteAddress ?? null)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const post = async (address: string | null, fn: string, event: unknown, session?: string): Promise<AddressedReply> => {
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
  const send: TestServer['send'] = (fn, event, session) => post(null, fn, event, session)
  async function call<F extends FunctionName, A extends ActionName<F>>(fn: F, event: EventOf<F, A>, session?: string): Promise<Reply<DataOf<F, A>>> {
    return (await send(fn, event, session)) as Reply<DataOf<F, A>>
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
    from: post,
    signIn: async (bindCode) => {
      const { body } = await call('member', { action: 'signIn', bindCode })
      if (!body.ok) throw new Error(`signIn failed: ${JSON.stringify(body)}`)
      return body.data.session
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
