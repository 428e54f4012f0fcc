/**
 * Who is calling. The caller comes from the signed session only: fields inside an event
 * never change it; forged, expired, malformed or orphaned sessions get 401; signing out and an
 * admin reset revoke sessions; sign-in and check-in are rate limited. Also: nobody can obtain the
 * sign-in code of someone with more power than they have (that would be acting as them).
 */
import { createHmac } from 'node:crypto'
import { CODE_GUARD } from '../../cloud/runtime/rateLimit'
import { SessionSigner } from '../../cloud/server/sessions'
import { CHINESE, DAY, errorOf, expectError, expectOk, world, type World } from '../helpers/api'
import { csvFile } from '../helpers/spreadsheets'
import { startTestServer, type TestServer } from '../helpers/testServer'

/** Fields a client might send hoping to be someone else. */
const impostor = (victimId: string) => ({
  memberId: victimId,
  unitId: 'u02',
  roles: [{ role: 'cityAdmin' }],
  userInfo: { openId: 'o-victim', memberId: victimId, appId: 'wx-fake' },
  caller: { id: victimId, roles: [{ role: 'cityAdmin' }], active: true },
  openId: 'o-victim',
  OPENID: 'o-victim',
  session: 'not-a-session',
  organizerId: victimId,
})

describe('identity comes from the session, never from the event', () => {
  let srv: TestServer
  let w: World
  let me: string
  let victim: string
  let organizer: string
  let lecture: string

  beforeAll(async () => {
    srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
    w = world(srv)
    me = w.ids.plain('u01')[0]
    organizer = w.ids.organizer('u01')
    // The victim: a u02 member with records of their own.
    victim = w.one<{ id: string }>(`SELECT c.member_id AS id FROM check_ins c JOIN members m ON m.id = c.member_id WHERE m.unit_id = 'u02' GROUP BY c.member_id ORDER BY COUNT(*) DESC LIMIT 1`).id
    lecture = (await w.createActivity(organizer, { title: '青年讲座', startAt: w.inMin(10), endAt: w.inMin(70) })).id
  })
  afterAll(async () => {
    await srv.close()
  })

  it('member.me answers about the session holder whatever the event says', async () => {
    const plain = expectOk(await srv.call('member', { action: 'me' }, w.as(me)))
    const spoofed = expectOk(await srv.call('member', { action: 'me', ...impostor(victim) }, w.as(me)))
    expect(spoofed).toEqual(plain)
    expect(spoofed).toMatchObject({ id: me, unitId: 'u01', roles: [{ role: 'member' }], isOrganizer: false })
  })

  it('checkin.mine lists only the caller\'s own records', async () => {
    const own = expectOk(await srv.call('checkin', { action: 'mine' }, w.as(me))).records
    const spoofed = expectOk(await srv.call('checkin', { action: 'mine', ...impostor(victim) }, w.as(me))).records
    expect(spoofed).toEqual(own)
    const victims = expectOk(await srv.call('checkin', { action: 'mine' }, w.as(victim))).records
    expect(victims.length).toBeGreaterThan(0)
    const mine = new Set(w.all(`SELECT id FROM check_ins WHERE member_id = ?`, me).map((r) => r.id))
    for (const r of spoofed) expect(mine.has(r.checkInId)).toBe(true)
  })

  it('checkin.checkIn records the caller, not the memberId in the event', async () => {
    const token = expectOk(await srv.call('activity', { action: 'qrToken', id: lecture }, w.as(organizer))).token
    const data = expectOk(await srv.call('checkin', { action: 'checkIn', activityId: lecture, token, ...impostor(victim) }, w.as(me)))
    expect(data.checkIn.memberId).toBe(me)
    expect(w.all(`SELECT member_id FROM check_ins WHERE activity_id = ?`, lecture)).toEqual([{ member_id: me }])
    expect(w.one(`SELECT member_id FROM ledger WHERE activity_id = ?`, lecture)).toEqual({ member_id: me })
  })

  it('activity.create by a plain member claiming admin roles is refused and writes nothing', async () => {
    const before = w.mark()
    const res = await srv.call(
      'activity',
      { action: 'create', kind: 'lecture', title: '冒充发布', startAt: w.inMin(60), endAt: w.inMin(120), audience: { type: 'all' }, ...impostor(organizer) },
      w.as(me),
    )
    expectError(res, 'FORBIDDEN')
    expect(w.mark()).toEqual(before)
  })

  it('activity.create by an organizer: unit and organizer come from the caller, not from unitId/organizerId/roles', async () => {
    const data = expectOk(
      await srv.call(
        'activity',
        { action: 'create', kind: 'lecture', title: '支部讲座', startAt: w.inMin(60), endAt: w.inMin(120), audience: { type: 'units', unitIds: ['u01'] }, ...impostor(w.ids.organizer('u02')) },
        w.as(organizer),
      ),
    )
    expect(data).toMatchObject({ unitId: 'u01', organizerId: organizer })
    expect(w.one('SELECT unit_id, organizer_id FROM activities WHERE id = ?', data.id)).toEqual({ unit_id: 'u01', organizer_id: organizer })
    // Claiming the city admin's role does not open the whole city either.
    expectError(
      await srv.send('activity', { action: 'create', kind: 'lecture', title: '全市讲座', startAt: w.inMin(60), endAt: w.inMin(120), audience: { type: 'all' }, roles: [{ role: 'cityAdmin' }] }, w.as(organizer)),
      'FORBIDDEN',
    )
  })

  it('headers that name a member or a WeChat OPENID do not sign anyone in', async () => {
    const spoofs: Record<string, string>[] = [
      { 'x-wx-openid': 'o-victim' },
      { 'x-member-id': victim },
      { 'x-wx-context': JSON.stringify({ OPENID: 'o' }) },
      { authorization: `Basic ${Buffer.from(`${victim}:x`).toString('base64')}` },
    ]
    for (const headers of spoofs) {
      const res = await fetch(`${srv.url}/api/fn/member`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ action: 'me', memberId: victim }) })
      expectError({ status: res.status, body: await res.json() }, 'UNAUTHENTICATED')
    }
  })
})

describe('sessions', () => {
  let srv: TestServer
  let w: World
  let memberId: string
  let bindCode: string

  beforeAll(async () => {
    srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
    w = world(srv)
    memberId = w.ids.plain('u01')[1]
    bindCode = w.member(memberId).bind_code
  })
  afterAll(async () => {
    await srv.close()
  })

  /** 401 UNAUTHENTICATED on a members-only action and on an organizer action, writing nothing. */
  async function expect401(session: string) {
    const before = w.mark()
    for (const [fn, event] of [
      ['member', { action: 'me' }],
      ['checkin', { action: 'mine' }],
      ['activity', { action: 'list', view: 'forMe' }],
      ['checkin', { action: 'checkIn', activityId: 'x', token: 'y' }],
    ] as const) {
      expectError(await srv.send(fn, event, session), 'UNAUTHENTICATED')
    }
    expect(w.mark()).toEqual(before)
  }
  const signed = (payload: string, secret = 'test-secret') => `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`
  const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')

  it('a valid session works (control)', async () => {
    expect(expectOk(await srv.call('member', { action: 'me' }, w.as(memberId))).id).toBe(memberId)
  })

  it('a forged signature → 401', async () => {
    const good = w.as(memberId)
    const [payload, sig] = good.split('.')
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A')
    await expect401(`${payload}.${flipped}`)
    // Signed with another key.
    await expect401(new SessionSigner('another-secret').issue(memberId, srv.clock.now()).session)
    // Someone else's valid signature on a payload naming this member.
    const other = w.as(w.ids.plain('u01')[2]).split('.')[1]
    await expect401(`${payload}.${other}`)
    // A payload edited to name the city admin, keeping the original signature.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    await expect401(`${b64({ ...claims, sub: w.ids.cityAdmin() })}.${sig}`)
  })

  it('an expired session → 401 with a message saying so', async () => {
    const old = srv.sessions.issue(memberId, new Date(srv.clock.now().getTime() - 8 * DAY)).session
    await expect401(old)
    const res = await srv.call('member', { action: 'me' }, old)
    expect(errorOf(res).message).toContain('过期')
  })

  it('malformed sessions → 401', async () => {
    for (const s of ['garbage', 'a.b.c', '.', '..', 'x.', '.y', 'Bearer x', '{"sub":"m0001"}', '%%%.%%%', 'null']) await expect401(s)
    // Correctly signed, but the payload is not what the server issues.
    await expect401(signed(b64('not json')))
    await expect401(signed(b64({ sub: 42, sid: 's', iat: 0, exp: Date.now() + DAY })))
    await expect401(signed(b64({ sub: memberId, sid: 's', iat: 'yesterday', exp: Date.now() + DAY })))
    await expect401(signed(b64({ sub: memberId, sid: 's' })))
    // An empty bearer token.
    const res = await fetch(`${srv.url}/api/fn/member`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' }, body: '{"action":"me"}' })
    expectError({ status: res.status, body: await res.json() }, 'UNAUTHENTICATED')
  })

  it('a well-signed session for a member who does not exist → 401', async () => {
    await expect401(srv.sessions.issue('m9999', srv.clock.now()).session)
    await expect401(srv.sessions.issue('', srv.clock.now()).session)
  })

  it('a bad session does not block public actions (signing in again)', async () => {
    const res = await srv.call('member', { action: 'signIn', bindCode }, 'garbage')
    expect(expectOk(res).member.id).toBe(memberId)
  })

  it('member.signOut revokes that session only; another session of the same member keeps working', async () => {
    const s1 = await srv.signIn(bindCode)
    const s2 = await srv.signIn(bindCode)
    expect(s1).not.toBe(s2)
    const revoked = w.counts().revoked_sessions
    expect(expectOk(await srv.call('member', { action: 'signOut' }, s1))).toEqual({ signedOut: true })
    expect(w.counts().revoked_sessions).toBe(revoked + 1)
    await expect401(s1)
    const res = await srv.call('member', { action: 'me' }, s1)
    expect(errorOf(res).message).toContain('退出登录')
    expect(expectOk(await srv.call('member', { action: 'me' }, s2)).id).toBe(memberId)
    // Signing out twice with the revoked session is refused, and signing out s2 works.
    expectError(await srv.call('member', { action: 'signOut' }, s1), 'UNAUTHENTICATED')
    expectOk(await srv.call('member', { action: 'signOut' }, s2))
    await expect401(s2)
  })

  it('member.resetAccess by the unit admin: every old session 401, the old code dead, the new code works', async () => {
    const target = w.ids.plain('u01')[3]
    const oldCode = w.member(target).bind_code
    const s1 = await srv.signIn(oldCode)
    const s2 = srv.sessions.issue(target, srv.clock.now()).session
    expect(expectOk(await srv.call('member', { action: 'me' }, s1)).id).toBe(target)
    srv.clock.advance(60_000)
    const reset = expectOk(await srv.call('member', { action: 'resetAccess', memberId: target }, w.as(w.ids.unitAdmin('u01'))))
    expect(reset.memberId).toBe(target)
    expect(reset.bindCode).toMatch(/^[A-Z2-9]{8}$/)
    expect(reset.bindCode).not.toBe(oldCode)
    await expect401(s1)
    await expect401(s2)
    expect(errorOf(await srv.call('member', { action: 'me' }, s1)).message).toContain('重置')
    expectError(await srv.call('member', { action: 'signIn', bindCode: oldCode }), 'UNAUTHENTICATED')
    const fresh = await srv.signIn(reset.bindCode)
    expect(expectOk(await srv.call('member', { action: 'me' }, fresh)).id).toBe(target)
    // The code is not case-sensitive when typed on a phone.
    expect(expectOk(await srv.call('member', { action: 'signIn', bindCode: reset.bindCode.toLowerCase() })).member.id).toBe(target)
    expect(w.member(target).open_id).toBeNull()
  })

  it('the roster counts a member 已登录 once they sign in with their code (no WeChat in this world); a reset makes them 未登录 again', async () => {
    const target = w.ids.plain('u01')[5]
    const admin = w.as(w.ids.unitAdmin('u01'))
    const rosterRow = async () => expectOk(await srv.call('member', { action: 'roster', unitId: 'u01' }, admin)).members.find((m) => m.id === target)
    expect(await rosterRow()).toMatchObject({ signedIn: false, bound: false })
    const session = await srv.signIn(w.member(target).bind_code)
    expect(await rosterRow()).toMatchObject({ signedIn: true, bound: false })
    // Signed out, they still have signed in: the code is in their hands, no slip to print.
    expectOk(await srv.call('member', { action: 'signOut' }, session))
    expect(await rosterRow()).toMatchObject({ signedIn: true })
    expectOk(await srv.call('member', { action: 'resetAccess', memberId: target }, admin))
    expect(await rosterRow()).toMatchObject({ signedIn: false, bound: false })
  })

  it('an inactive (left) member: existing sessions get 403, the code no longer signs in', async () => {
    const target = w.ids.plain('u01')[4]
    const m = w.member(target)
    const session = await srv.signIn(m.bind_code)
    const branch = w.one<{ name: string } | undefined>('SELECT name FROM branches WHERE id = ?', m.branch_id)?.name ?? ''
    const group = m.youth_group_id ? w.one<{ name: string }>('SELECT name FROM youth_groups WHERE id = ?', m.youth_group_id).name : ''
    const file = csvFile([[m.member_no, m.name, '市委办公室', branch, m.birth_date ?? '', m.phone ?? '', '党员', group, '离开']])
    expectOk(await srv.call('member', { action: 'importRoster', format: 'csv', file }, w.as(w.ids.unitAdmin('u01'))))
    expectError(await srv.call('member', { action: 'me' }, session), 'FORBIDDEN')
    expect(errorOf(await srv.call('member', { action: 'me' }, session)).message).toContain('停用')
    expectError(await srv.call('member', { action: 'signIn', bindCode: m.bind_code }), 'UNAUTHENTICATED')
  })
})

describe('rate limits (server started with rateLimits: true)', () => {
  let srv: TestServer
  let w: World
  let goodCode: string

  beforeAll(async () => {
    srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z', rateLimits: true })
    w = world(srv)
    goodCode = w.member(w.ids.plain('u01')[0]).bind_code
  })
  afterAll(async () => {
    await srv.close()
  })

  it('after 30 wrong codes from one address even a right one → 429 RATE_LIMITED in Chinese for a minute; then it works again', async () => {
    for (let i = 0; i < CODE_GUARD.failures; i++) expectError(await srv.call('member', { action: 'signIn', bindCode: `WRONG${String(i).padStart(3, '0')}` }), 'UNAUTHENTICATED')
    srv.clock.advance(30_000)
    const before = w.mark()
    const res = await srv.call('member', { action: 'signIn', bindCode: goodCode })
    expectError(res, 'RATE_LIMITED')
    expect(res.status).toBe(429)
    expect(errorOf(res).message).toMatch(CHINESE)
    expect(w.mark()).toEqual(before)
    srv.clock.advance(31_000)
    expect(expectOk(await srv.call('member', { action: 'signIn', bindCode: goodCode })).session).toEqual(expect.any(String))
  })

  it('the 31st check-in by one member within a minute → 429; another member is not affected; a minute later it works', async () => {
    const organizer = w.ids.organizer('u01')
    const [a, b] = w.ids.plain('u01').slice(1, 3)
    const lecture = (await w.createActivity(organizer, { title: '处长讲坛', startAt: w.inMin(10), endAt: w.inMin(70) })).id
    const token = async () => expectOk(await srv.call('activity', { action: 'qrToken', id: lecture }, w.as(organizer))).token as string
    const t = await token()
    const checkIn = (who: string, tok: string) => srv.call('checkin', { action: 'checkIn', activityId: lecture, token: tok }, w.as(who))
    const first = expectOk(await checkIn(a, t))
    expect(first.alreadyCheckedIn).toBe(false)
    for (let i = 2; i <= 30; i++) expect(expectOk(await checkIn(a, t)).alreadyCheckedIn).toBe(true)
    const before = w.mark()
    const res = await checkIn(a, t)
    expectError(res, 'RATE_LIMITED')
    expect(w.mark()).toEqual(before)
    // Check-out counts in the same bucket.
    expectError(await srv.call('checkin', { action: 'checkOut', activityId: lecture, token: t }, w.as(a)), 'RATE_LIMITED')
    expect(expectOk(await checkIn(b, t)).alreadyCheckedIn).toBe(false)
    srv.clock.advance(61_000)
    expect(expectOk(await checkIn(a, await token())).alreadyCheckedIn).toBe(true)
  })
})

describe('nobody obtains the sign-in code of someone with more power than they have', () => {
  let srv: TestServer
  let w: World
  let cityAdmin: string
  let unitAdmin: string
  let organizer: string

  beforeAll(async () => {
    srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
    w = world(srv)
    cityAdmin = w.ids.cityAdmin()
    unitAdmin = w.ids.unitAdmin('u01')
    organizer = w.ids.organizer('u01')
  })
  afterAll(async () => {
    await srv.close()
  })

  it('organizers hand out the codes of plain members of their unit (by design)', async () => {
    const plain = w.ids.plain('u01')[0]
    const row = expectOk(await srv.call('member', { action: 'roster', unitId: 'u01' }, w.as(organizer))).members.find((m) => m.id === plain)
    expect(row?.bindCode).toBe(w.member(plain).bind_code)
  })

  // A bind code is a standing sign-in credential in the local world: member.roster shows a viewer no code
  // of a member holding a role the viewer does not have (unitAdmin, cityAdmin), or a u01 organizer could
  // sign in as the city admin (a member of u01).
  it('member.roster does not show an organizer the codes of the unit admin or the city admin', async () => {
    const rows = expectOk(await srv.call('member', { action: 'roster', unitId: 'u01' }, w.as(organizer))).members
    expect(rows.find((m) => m.id === cityAdmin)?.bindCode).toBeNull()
    expect(rows.find((m) => m.id === unitAdmin)?.bindCode).toBeNull()
  })

  // Likewise the unit admin of u01 never sees the city admin's code.
  it('member.roster does not show a unit admin the city admin\'s code', async () => {
    const rows = expectOk(await srv.call('member', { action: 'roster', unitId: 'u01' }, w.as(unitAdmin))).members
    expect(rows.find((m) => m.id === cityAdmin)?.bindCode).toBeNull()
  })

  // Resetting access hands the caller a new bind code, so it takes the right to grant every role the
  // target holds (mayGrant): a unit admin who reset the city admin sitting in their unit could sign in as
  // them and lock the real one out.
  it('a unit admin cannot reset the access of the city admin who sits in their unit', async () => {
    const before = w.mark()
    const res = await srv.call('member', { action: 'resetAccess', memberId: cityAdmin }, w.as(unitAdmin))
    expectError(res, 'FORBIDDEN')
    expect(w.mark()).toEqual(before)
  })
})

