/**
 * The first vertical slice through the real HTTP gateway: an organizer publishes a lecture and
 * shows its QR code, members of the unit check in, everyone else is refused with the right code.
 */
import type { DemoAccount } from '../../cloud/contract/model'
import { errorOf, expectOk, NO_CHECK } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/testServer'

const QR_PERIOD_MS = 15_000
let srv: TestServer

const account = (role: DemoAccount['role'], unit: string): DemoAccount => {
  const a = srv.accounts.find((x) => x.role === role && x.unit === unit)
  if (!a) throw new Error(`no demo ${role} in ${unit}`)
  return a
}
/** Plain members of a unit that are not among the demo accounts, for fresh sessions. */
const otherMembersOf = (unitId: string): string[] => {
  const demoCodes = new Set(srv.accounts.map((a) => a.bindCode))
  const rows = srv.store.db
    .prepare(
      `SELECT id, bind_code FROM members WHERE unit_id = ? AND active = 1
       AND id NOT IN (SELECT member_id FROM member_roles WHERE role <> 'member') ORDER BY id`,
    )
    .all(unitId) as { id: string; bind_code: string }[]
  return rows.filter((r) => !demoCodes.has(r.bind_code)).map((r) => r.id)
}
const sessionOf = (memberId: string) => srv.sessions.issue(memberId, srv.clock.now()).session
const count = (table: 'check_ins' | 'ledger', activityId: string, memberId: string): number =>
  (srv.store.db.prepare(`SELECT COUNT(*) n FROM ${table} WHERE activity_id = ? AND member_id = ?`).get(activityId, memberId) as { n: number }).n

let organizer: string
let member: string
let memberId: string
let activityA: string

const createLecture = async (session: string, title: string, unitIds = ['u01']) =>
  srv.call(
    'activity',
    {
      action: 'create',
      kind: 'lecture',
      subKind: '处长讲坛',
      title,
      startAt: new Date(srv.clock.now().getTime() + 10 * 60_000).toISOString(),
      endAt: new Date(srv.clock.now().getTime() + 130 * 60_000).toISOString(),
      audience: { type: 'units', unitIds },
      publish: true,
      noLocationReason: NO_CHECK,
    },
    session,
  )
const qrToken = async (activityId: string, session = organizer) => {
  const res = await srv.call('activity', { action: 'qrToken', id: activityId }, session)
  expect(res.body.ok).toBe(true)
  return expectOk(res).token as string
}

beforeAll(async () => {
  // Slightly off a slot boundary on purpose: the tests below compute slots, they do not assume them.
  srv = await startTestServer({ now: '2026-11-20T02:00:07.000Z' })
  organizer = await srv.signIn(account('organizer', '市委办公室').bindCode)
  member = await srv.signIn(account('member', '市委办公室').bindCode)
  memberId = expectOk(await srv.call('member', { action: 'me' }, member)).id
  const created = await createLecture(organizer, '处长讲坛：机关效能提升')
  expect(created.status).toBe(200)
  activityA = expectOk(created).id
})

afterAll(async () => {
  await srv.close()
})

describe('organizer publishes and shows the QR code', () => {
  it('creates a published lecture for the unit with its check-in window', async () => {
    const got = await srv.call('activity', { action: 'get', id: activityA }, organizer)
    expect(expectOk(got)).toMatchObject({ status: 'published', unitId: 'u01', kind: 'lecture', unitName: '市委办公室' })
    const start = Date.parse(expectOk(got).startAt)
    expect(Date.parse(expectOk(got).checkInOpensAt)).toBe(start - 30 * 60_000)
    expect(Date.parse(expectOk(got).checkInClosesAt)).toBe(start + 30 * 60_000)
  })

  it('gets a short rotating token and a check-in URL', async () => {
    const res = await srv.call('activity', { action: 'qrToken', id: activityA }, organizer)
    expect(res.status).toBe(200)
    const { token, checkInUrl, periodSec, rotatesAt } = expectOk(res)
    expect(token.length).toBeLessThanOrEqual(32)
    expect(checkInUrl).toContain('/pages/checkin/index?a=')
    expect(checkInUrl).toContain(encodeURIComponent(activityA))
    expect(periodSec).toBe(15)
    expect(Date.parse(rotatesAt)).toBeGreaterThan(srv.clock.now().getTime())
  })
})

describe('a member of the unit checks in', () => {
  it('sees the lecture in their list', async () => {
    const res = await srv.call('activity', { action: 'list', view: 'forMe' }, member)
    expect(res.status).toBe(200)
    const mine = expectOk(res).activities.find((a) => a.id === activityA)
    expect(mine).toMatchObject({ checkedIn: false, title: '处长讲坛：机关效能提升' })
  })

  it('checks in and earns 1 point, and the record shows up in mine', async () => {
    const res = await srv.call('checkin', { action: 'checkIn', activityId: activityA, token: await qrToken(activityA) }, member)
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ alreadyCheckedIn: false, pointsEarned: 1 })
    expect(expectOk(res).checkIn).toMatchObject({ activityId: activityA, memberId, method: 'qr' })

    const mine = await srv.call('checkin', { action: 'mine' }, member)
    const rec = expectOk(mine).records.find((r) => r.activityId === activityA)
    expect(rec).toMatchObject({ points: 1, method: 'qr', kind: 'lecture' })

    const list = await srv.call('activity', { action: 'list', view: 'forMe' }, member)
    expect(expectOk(list).activities.find((a) => a.id === activityA)?.checkedIn).toBe(true)
  })

  it('checking in again answers ok with alreadyCheckedIn and writes nothing', async () => {
    const res = await srv.call('checkin', { action: 'checkIn', activityId: activityA, token: await qrToken(activityA) }, member)
    expect(res.status).toBe(200)
    expect(expectOk(res)).toMatchObject({ alreadyCheckedIn: true, pointsEarned: 1 })
    expect(count('check_ins', activityA, memberId)).toBe(1)
    expect(count('ledger', activityA, memberId)).toBe(1)
  })

  it('20 concurrent check-ins of one member make exactly one check-in and one credit', async () => {
    const [fresh] = otherMembersOf('u01')
    const session = sessionOf(fresh)
    const token = await qrToken(activityA)
    const results = await Promise.all(
      Array.from({ length: 20 }, () => srv.call('checkin', { action: 'checkIn', activityId: activityA, token }, session)),
    )
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200))
    expect(results.filter((r) => expectOk(r).alreadyCheckedIn === false)).toHaveLength(1)
    expect(new Set(results.map((r) => expectOk(r).checkIn.id)).size).toBe(1)
    expect(count('check_ins', activityA, fresh)).toBe(1)
    expect(count('ledger', activityA, fresh)).toBe(1)
  })

  it('a retry with the same idempotency key gets the same success back', async () => {
    const [, fresh] = otherMembersOf('u01')
    const session = sessionOf(fresh)
    const event = { action: 'checkIn' as const, activityId: activityA, token: await qrToken(activityA), idempotencyKey: 'phone-retry-0001' }
    const first = await srv.call('checkin', event, session)
    const retry = await srv.call('checkin', event, session)
    expect(first.status).toBe(200)
    expect(retry.status).toBe(200)
    expect(expectOk(retry).checkIn.id).toBe(expectOk(first).checkIn.id)
    expect(expectOk(retry).alreadyCheckedIn).toBe(false)
    expect(expectOk(retry).pointsEarned).toBe(1)
    expect(count('check_ins', activityA, fresh)).toBe(1)
    expect(count('ledger', activityA, fresh)).toBe(1)
  })
})

describe('check-ins that are refused', () => {
  it('an old token (two periods past its slot) is TOKEN_EXPIRED 422', async () => {
    const [, , fresh] = otherMembersOf('u01')
    const res = await srv.call('activity', { action: 'qrToken', id: activityA }, organizer)
    const rotatesAt = Date.parse(expectOk(res).rotatesAt)
    const slotStart = rotatesAt - QR_PERIOD_MS
    // Useless 31 s after its slot began (two periods of 15 s have passed).
    srv.clock.set(new Date(slotStart + 31_000))
    const old = await srv.call('checkin', { action: 'checkIn', activityId: activityA, token: expectOk(res).token }, sessionOf(fresh))
    expect(old.status).toBe(422)
    expect(errorOf(old).code).toBe('TOKEN_EXPIRED')
    expect(errorOf(old).message).toMatch(/[\u4e00-\u9fa5]/)
    expect(count('check_ins', activityA, fresh)).toBe(0)
  })

  it('a token accepted in the slot after its own still works', async () => {
    const [, , fresh] = otherMembersOf('u01')
    const res = await srv.call('activity', { action: 'qrToken', id: activityA }, organizer)
    srv.clock.set(new Date(Date.parse(expectOk(res).rotatesAt) + QR_PERIOD_MS - 1))
    const late = await srv.call('checkin', { action: 'checkIn', activityId: activityA, token: expectOk(res).token }, sessionOf(fresh))
    expect(late.status).toBe(200)
    expect(count('check_ins', activityA, fresh)).toBe(1)
  })

  it("activity A's token used for activity B is TOKEN_EXPIRED", async () => {
    const b = await createLecture(organizer, '青年讲座：新时代机关青年的使命担当')
    const activityB = expectOk(b).id as string
    const res = await srv.call('checkin', { action: 'checkIn', activityId: activityB, token: await qrToken(activityA) }, member)
    expect(res.status).toBe(422)
    expect(errorOf(res).code).toBe('TOKEN_EXPIRED')
    expect(count('check_ins', activityB, memberId)).toBe(0)
  })

  it('a member of another unit is NOT_IN_AUDIENCE 403', async () => {
    const outsider = await srv.signIn(account('member', '市政府办公室').bindCode)
    const outsiderId = expectOk(await srv.call('member', { action: 'me' }, outsider)).id
    const res = await srv.call('checkin', { action: 'checkIn', activityId: activityA, token: await qrToken(activityA) }, outsider)
    expect(res.status).toBe(403)
    expect(errorOf(res).code).toBe('NOT_IN_AUDIENCE')
    expect(errorOf(res).message).toMatch(/[\u4e00-\u9fa5]/)
    expect(count('check_ins', activityA, outsiderId)).toBe(0)
  })

  it('a plain member may not create an activity: FORBIDDEN 403', async () => {
    const before = (srv.store.db.prepare('SELECT COUNT(*) n FROM activities').get() as { n: number }).n
    const res = await createLecture(member, '不该出现的活动')
    expect(res.status).toBe(403)
    expect(errorOf(res).code).toBe('FORBIDDEN')
    expect((srv.store.db.prepare('SELECT COUNT(*) n FROM activities').get() as { n: number }).n).toBe(before)
  })

  it("an organizer of another unit may not show this activity's QR code: FORBIDDEN", async () => {
    const otherOrganizer = await srv.signIn(account('organizer', '市政府办公室').bindCode)
    const res = await srv.call('activity', { action: 'qrToken', id: activityA }, otherOrganizer)
    expect(res.status).toBe(403)
    expect(errorOf(res).code).toBe('FORBIDDEN')
    expect(res.body).not.toHaveProperty('data')
  })

  it('an organizer of another unit may not publish for this unit: FORBIDDEN', async () => {
    const otherOrganizer = await srv.signIn(account('organizer', '市政府办公室').bindCode)
    const res = await createLecture(otherOrganizer, '越权发布', ['u01'])
    expect(res.status).toBe(403)
    expect(errorOf(res).code).toBe('FORBIDDEN')
  })
})
