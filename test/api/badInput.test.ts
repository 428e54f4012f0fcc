/**
 * Bad input gets a clear Chinese answer with the right code and HTTP status, and changes nothing.
 */
import { MAX_BODY_BYTES_BY_FUNCTION } from '../../cloud/server/http'
import { SessionSigner } from '../../cloud/server/sessions'
import { DAY, errorOf, expectOk, NO_CHECK, world, type World } from '../helpers/api'
import { startTestServer, type EventOf, type TestServer } from '../helpers/testServer'

let srv: TestServer
let organizer: string
let member: string
let memberId: string
let activityId: string
let w: World

const validCreate = (): EventOf<'activity', 'create'> => ({
  action: 'create',
  kind: 'lecture',
  title: '党建知识宣讲',
  startAt: new Date(srv.clock.now().getTime() + 10 * 60_000).toISOString(),
  endAt: new Date(srv.clock.now().getTime() + 70 * 60_000).toISOString(),
  audience: { type: 'units', unitIds: ['u01'] },
  publish: true,
  noLocationReason: NO_CHECK,
})
const token = async () => expectOk(await srv.call('activity', { action: 'qrToken', id: activityId }, organizer)).token
const raw = (path: string, init: RequestInit) => fetch(`${srv.url}${path}`, init)

beforeAll(async () => {
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  const find = (role: string, unit: string) => srv.accounts.find((a) => a.role === role && a.unit === unit)!.bindCode
  organizer = await srv.signIn(find('organizer', '市委办公室'))
  member = await srv.signIn(find('member', '市委办公室'))
  memberId = expectOk(await srv.call('member', { action: 'me' }, member)).id
  const created = await srv.call('activity', validCreate(), organizer)
  expect(created.body.ok).toBe(true)
  activityId = expectOk(created).id
})

afterAll(async () => {
  await srv.close()
})

describe('who is calling', () => {
  it('no session → 401 UNAUTHENTICATED', async () => {
    await w.expectRefused(() => srv.call('checkin', { action: 'checkIn', activityId, token: 'x' }), 'UNAUTHENTICATED', 401)
    await w.expectRefused(() => srv.call('member', { action: 'me' }), 'UNAUTHENTICATED', 401)
  })

  it('an expired session → 401', async () => {
    const old = srv.sessions.issue(memberId, new Date(srv.clock.now().getTime() - 8 * DAY)).session
    await w.expectRefused(() => srv.call('member', { action: 'me' }, old), 'UNAUTHENTICATED', 401)
  })

  it('a session that expires once the clock passes its expiry → 401', async () => {
    const { session, expiresAt } = srv.sessions.issue(memberId, srv.clock.now())
    expect((await srv.call('member', { action: 'me' }, session)).status).toBe(200)
    const saved = srv.clock.now()
    srv.clock.set(new Date(Date.parse(expiresAt) + 1000))
    try {
      await w.expectRefused(() => srv.call('member', { action: 'me' }, session), 'UNAUTHENTICATED', 401)
    } finally {
      srv.clock.set(saved)
    }
  })

  it('a tampered, forged or malformed session → 401', async () => {
    const [payload, sig] = member.split('.')
    const flipped = `${payload}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`
    // Claim another member's id under the original signature.
    const otherPayload = Buffer.from(JSON.stringify({ sub: 'm0001', exp: Date.now() + DAY })).toString('base64url')
    const foreign = new SessionSigner('not-the-server-secret').issue(memberId, srv.clock.now()).session
    for (const bad of [flipped, `${otherPayload}.${sig}`, foreign, 'garbage', 'a.b.c']) {
      await w.expectRefused(() => srv.call('checkin', { action: 'mine' }, bad), 'UNAUTHENTICATED', 401)
    }
  })

  it('a validly signed session for a member who does not exist → 401', async () => {
    const ghost = srv.sessions.issue('no-such-member', srv.clock.now()).session
    await w.expectRefused(() => srv.call('member', { action: 'me' }, ghost), 'UNAUTHENTICATED', 401)
  })

  it('a memberId inside the event never changes who the caller is', async () => {
    const victim = (srv.store.db.prepare("SELECT id FROM members WHERE unit_id = 'u01' AND id <> ? ORDER BY id DESC LIMIT 1").get(memberId) as { id: string }).id
    const res = await srv.send('checkin', { action: 'checkIn', activityId, token: await token(), memberId: victim }, member)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ ok: true, data: { checkIn: { memberId } } })
    const row = (id: string) => srv.store.db.prepare('SELECT COUNT(*) n FROM check_ins WHERE activity_id = ? AND member_id = ?').get(activityId, id) as { n: number }
    expect(row(memberId).n).toBe(1)
    expect(row(victim).n).toBe(0)
    const me = await srv.send('member', { action: 'me', memberId: victim, id: victim }, member)
    expect(me.body).toMatchObject({ ok: true, data: { id: memberId } })
  })
})

describe('what is called', () => {
  it('an unknown action → 400 BAD_INPUT', async () => {
    await w.expectRefused(() => srv.send('checkin', { action: 'deleteEverything' }, member), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('checkin', { activityId }, member), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('checkin', { action: 'toString' }, member), 'BAD_INPUT', 400)
  })

  it('an unknown function → 404 NOT_FOUND', async () => {
    await w.expectRefused(() => srv.send('payroll', { action: 'list' }, member), 'NOT_FOUND', 404)
  })

  it('a body that is not JSON → 400 BAD_INPUT', async () => {
    await w.expectRefused(() => srv.send('checkin', '{"action": "checkIn", ', member), 'BAD_INPUT', 400)
  })

  it('a JSON array, string or null body → 400 BAD_INPUT', async () => {
    await w.expectRefused(() => srv.send('checkin', '[{"action":"checkIn"}]', member), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('checkin', '"checkIn"', member), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('checkin', 'null', member), 'BAD_INPUT', 400)
  })

  // An oversized body gets the 413 envelope: the gateway must not tear the socket down before writing it
  // (the client would see ECONNRESET instead).
  // `activity` takes meeting photos, so its own limit is higher (MAX_BODY_BYTES_BY_FUNCTION): go over that.
  it('a body over the function\'s limit → 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ ...validCreate(), description: 'x'.repeat(MAX_BODY_BYTES_BY_FUNCTION.activity + 1024) })
    await w.expectRefused(
      async () => {
        const res = await raw('/api/fn/activity', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer}` },
          body,
        })
        return { status: res.status, body: await res.json() }
      },
      'PAYLOAD_TOO_LARGE',
      413,
    )
  })
})

describe('the event itself', () => {
  it('wrong types → 400 BAD_INPUT', async () => {
    await w.expectRefused(() => srv.send('checkin', { action: 'checkIn', activityId: 123, token: 'abc' }, member), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('checkin', { action: 'checkIn', activityId, token: ['abc'] }, member), 'BAD_INPUT', 400)
    await w.expectRefused(
      () => srv.send('checkin', { action: 'checkIn', activityId, token: 'abc', location: { lat: '31', lng: 121, accuracyM: 10 } }, member),
      'BAD_INPUT',
      400,
    )
    await w.expectRefused(() => srv.send('activity', { ...validCreate(), publish: 'yes' }, organizer), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('activity', { ...validCreate(), kind: 'party' }, organizer), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('activity', { ...validCreate(), startAt: '明天上午' }, organizer), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('activity', { ...validCreate(), audience: { type: 'units', unitIds: [] } }, organizer), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('activity', { ...validCreate(), place: { lat: 31, lng: 121, radiusM: 10 } }, organizer), 'BAD_INPUT', 400)
  })

  it('missing fields → 400 BAD_INPUT', async () => {
    await w.expectRefused(() => srv.send('checkin', { action: 'checkIn', activityId }, member), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('checkin', { action: 'checkIn', token: 'abc' }, member), 'BAD_INPUT', 400)
    const { title: _omit, ...noTitle } = validCreate()
    await w.expectRefused(() => srv.send('activity', noTitle, organizer), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.send('member', { action: 'signIn' }), 'BAD_INPUT', 400)
  })

  it('oversized strings → 400 BAD_INPUT', async () => {
    await w.expectRefused(() => srv.call('activity', { ...validCreate(), title: '讲'.repeat(61) }, organizer), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.call('checkin', { action: 'checkIn', activityId, token: 'a'.repeat(33) }, member), 'BAD_INPUT', 400)
    await w.expectRefused(() => srv.call('checkin', { action: 'checkIn', activityId: 'x'.repeat(41), token: 'abc' }, member), 'BAD_INPUT', 400)
  })

  it('a title of exactly 60 characters is fine', async () => {
    const res = await srv.call('activity', { ...validCreate(), title: '讲'.repeat(60) }, organizer)
    expect(res.status).toBe(200)
  })

  it('an end before the start → 400 BAD_INPUT', async () => {
    const e = validCreate()
    await w.expectRefused(() => srv.call('activity', { ...e, endAt: e.startAt, startAt: e.endAt }, organizer), 'BAD_INPUT', 400)
  })

  it('an unknown activity → 404 NOT_FOUND', async () => {
    await w.expectRefused(() => srv.call('checkin', { action: 'checkIn', activityId: 'no-such-activity', token: 'abc' }, member), 'NOT_FOUND', 404)
  })
})

describe('other endpoints', () => {
  it('GET /api/health answers 200 ok', async () => {
    const res = await raw('/api/health', { method: 'GET' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true })
  })

  it('an unknown /api/ path → 404 NOT_FOUND', async () => {
    const res = await raw('/api/nothing-here', { method: 'GET' })
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('NOT_FOUND')
  })

  it('a plain member asking for the coverage dashboard: 403 FORBIDDEN in Chinese', async () => {
    await w.expectRefused(() => srv.call('stats', { action: 'coverage' }, member), 'FORBIDDEN', 403)
  })

  it('a malformed period: 400 BAD_INPUT naming the format', async () => {
    const res = await srv.call('stats', { action: 'leaderboard', period: '2026-13' }, member)
    expect(res.status).toBe(400)
    expect(errorOf(res).message).toContain('2026-Q4')
  })
})

describe('audiences', () => {
  it('a unit named twice is one audience: created, listed once, not a server error', async () => {
    const srv2 = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
    try {
      const organizer = await srv2.signIn(srv2.accounts.find((a) => a.role === 'organizer' && a.unit === '市委办公室')!.bindCode)
      const res = await srv2.call(
        'activity',
        { action: 'create', kind: 'lecture', title: '重复单位', startAt: '2026-11-20T03:00:00.000Z', endAt: '2026-11-20T04:00:00.000Z', audience: { type: 'units', unitIds: ['u01', 'u01'] }, publish: true },
        organizer,
      )
      expect(res.status).toBe(200)
      expect(expectOk(res).audience).toEqual({ type: 'units', unitIds: ['u01'] })
    } finally {
      await srv2.close()
    }
  })
})
