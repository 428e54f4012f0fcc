/**
 * Sign-in limits that fit an office, through the real gateway with the limiter on:
 * - a 300-person hall behind one address signs in within five minutes, typos and all;
 * - 10 wrong codes from one address within 10 minutes lock it for a minute; while locked, a right
 *   code is refused too (429 RATE_LIMITED, saying in how many minutes, with Retry-After), other
 *   addresses are not affected; each further lockout doubles;
 * - past 300 wrong codes city-wide in 10 minutes, every address gets one wrong code per 10
 *   minutes, while a right code from an address that did not just fail still signs in.
 */
import { CODE_GUARD } from '../../../cloud/runtime/rateLimit'

const N = CODE_GUARD.failures
import { CHINESE, errorOf, expectError, expectOk, MIN, world, type World } from '../../helpers/api'
import { startTestServer } from '../../helpers/testServer'
import { startAddressedServer, type AddressedReply, type AddressedServer } from './addressedServer'

jest.setTimeout(60_000)

let srv: AddressedServer
let w: World
/** Active members' sign-in codes, in id order. */
let codes: string[]

/** Sign in from an address with this code. */
const signIn = (address: string, bindCode: string) => srv.from(address, 'member', { action: 'signIn', bindCode })
/** A code nobody holds. */
const wrong = (i: number) => `WRONG${String(i).padStart(4, '0')}`

/** A lockout refusal: 429, Chinese, says a right code waits too, how many minutes, and Retry-After in seconds. */
function expectLocked(res: AddressedReply, minutes: number) {
  expectError(res, 'RATE_LIMITED', 429)
  const e = errorOf(res)
  expect(e.message).toContain(`登录码错误次数过多，请 ${minutes} 分钟后再试`)
  expect(e.message).toContain('正确的登录码')
  const retry = e.details?.retryAfterSec as number
  expect(Math.ceil(retry / 60)).toBe(minutes)
  expect(res.headers.get('retry-after')).toBe(String(retry))
}

describe('from named addresses (one server each)', () => {
  beforeEach(async () => {
    srv = await startAddressedServer()
    w = world(srv)
    codes = w.all<{ bind_code: string }>(`SELECT bind_code FROM members WHERE active = 1 ORDER BY id`).map((r) => r.bind_code)
  })
  afterEach(async () => {
    await srv.close()
  })

  describe('one address, many people', () => {
    it('300 different members sign in from one address within 5 minutes, with 25 typos among them: all 300 get in', async () => {
      expect(codes.length).toBeGreaterThanOrEqual(300)
      let typos = 0
      for (let i = 0; i < 300; i++) {
        if (i % 12 === 11 && typos < 25) expectError(await signIn('10.1.1.1', wrong(typos++)), 'UNAUTHENTICATED')
        expect(expectOk(await signIn('10.1.1.1', codes[i]))).toMatchObject({ session: expect.any(String) })
        srv.clock.advance(1_000)
      }
      expect(typos).toBe(25)
      expect(srv.clock.now().getTime() - Date.parse('2026-11-20T02:00:00.000Z')).toBeLessThanOrEqual(5 * MIN)
    })
  })

  describe('wrong codes from one address', () => {
    it('the 30th wrong code within 10 minutes (the limit) locks the address for a minute: a right code is refused too, other addresses are not', async () => {
      for (let i = 0; i < N - 1; i++) {
        const res = await signIn('10.2.2.2', wrong(i))
        expectError(res, 'UNAUTHENTICATED')
        expect(errorOf(res).message).not.toContain('分钟后再试')
        srv.clock.advance(10_000)
      }
      const last = await signIn('10.2.2.2', wrong(N - 1))
      expectError(last, 'UNAUTHENTICATED')
      expect(errorOf(last).message).toMatch(/错误次数过多，请 1 分钟后再试/)
      expect(errorOf(last).details).toEqual({ retryAfterSec: 60 })

      const before = w.mark()
      expectLocked(await signIn('10.2.2.2', codes[0]), 1)
      expectLocked(await signIn('10.2.2.2', wrong(N)), 1)
      expect(w.mark()).toEqual(before)
      // Another address (another office) signs in as usual.
      expectOk(await signIn('10.2.2.3', codes[1]))

      srv.clock.advance(59_000)
      expectLocked(await signIn('10.2.2.2', codes[0]), 1)
      srv.clock.advance(1_000)
      expectOk(await signIn('10.2.2.2', codes[0]))
    })

    it('each further lockout doubles: 1, 2, then 4 minutes', async () => {
      for (const minutes of [1, 2, 4]) {
        for (let i = 0; i < N; i++) expectError(await signIn('10.3.3.3', wrong(i)), 'UNAUTHENTICATED')
        expectLocked(await signIn('10.3.3.3', codes[2]), minutes)
        srv.clock.advance(minutes * MIN - 1_000)
        expectLocked(await signIn('10.3.3.3', codes[2]), 1)
        srv.clock.advance(1_000)
      }
      expectOk(await signIn('10.3.3.3', codes[2]))
    })
  })

  describe('many addresses guessing', () => {
    it('past 300 wrong codes city-wide in 10 minutes, each address gets one wrong code per 10 minutes; right codes from others still sign in', async () => {
      // 301 guesses from 301 addresses within a minute: no address reaches its own lockout.
      for (let i = 0; i <= CODE_GUARD.cityFailures; i++) {
        const res = await signIn(`172.16.${Math.floor(i / 250)}.${i % 250}`, wrong(i))
        expectError(res, 'UNAUTHENTICATED')
      }
      // The last guess tipped the budget: its address is held for 10 minutes, even with a right code.
      expectLocked(await signIn('172.16.1.50', codes[3]), 10)
      // So is any address that guessed in the last 10 minutes.
      expectLocked(await signIn('172.16.0.0', wrong(999)), 10)
      // A member whose address did not just fail signs in.
      expectOk(await signIn('10.4.4.4', codes[4]))
      // A new address gets one wrong code, then waits.
      const one = await signIn('10.4.4.5', wrong(1_000))
      expectError(one, 'UNAUTHENTICATED')
      expect(errorOf(one).details).toEqual({ retryAfterSec: 600 })
      expectLocked(await signIn('10.4.4.5', wrong(1_001)), 10)
      srv.clock.advance(5 * MIN)
      expectLocked(await signIn('10.4.4.5', codes[5]), 5)

      // Once the rate falls (the guesses leave the 10-minute window), everyone may try again.
      srv.clock.advance(5 * MIN)
      expectOk(await signIn('172.16.1.50', codes[3]))
      expectOk(await signIn('10.4.4.5', codes[5]))
      const after = await signIn('172.16.0.1', wrong(2_000))
      expectError(after, 'UNAUTHENTICATED')
      expect(errorOf(after).message).toMatch(CHINESE)
      expect(errorOf(after).details).toBeUndefined()
    })
  })
})

describe('the address is the connection’s own', () => {
  it('X-Forwarded-For is not trusted: ten wrong codes under ten forwarded addresses lock the one real address', async () => {
    const plain = await startTestServer({ rateLimits: true })
    try {
      const code = world(plain).all<{ bind_code: string }>(`SELECT bind_code FROM members WHERE active = 1 LIMIT 1`)[0].bind_code
      const post = (bindCode: string, forwarded: string) =>
        fetch(`${plain.url}/api/fn/member`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded, 'x-real-ip': forwarded },
          body: JSON.stringify({ action: 'signIn', bindCode }),
        }).then(async (r) => ({ status: r.status, body: await r.json(), headers: r.headers }))
      for (let i = 0; i < N; i++) expectError(await post(wrong(i), `203.0.113.${i}`), 'UNAUTHENTICATED')
      expectLocked(await post(code, '198.51.100.7'), 1)
    } finally {
      await plain.close()
    }
  })
})
