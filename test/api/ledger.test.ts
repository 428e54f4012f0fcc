/** Corrections are reversing entries: the wrong credit stays, a new one cancels it, once. */
import { errorOf, expectOk, NO_CHECK } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/testServer'

let t: TestServer
let organizer: string
let member: string
let activityId: string

beforeAll(async () => {
  t = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  organizer = await t.signIn(t.accounts.find((a) => a.role === 'organizer' && a.unit === '市委办公室')!.bindCode)
  member = await t.signIn(t.accounts.find((a) => a.role === 'member' && a.unit === '市委办公室')!.bindCode)
  const created = await t.call(
    'activity',
    { action: 'create', kind: 'lecture', title: '更正测试讲座', startAt: '2026-11-20T02:10:00.000Z', endAt: '2026-11-20T03:30:00.000Z', audience: { type: 'units', unitIds: ['u01'] }, publish: true, noLocationReason: NO_CHECK },
    organizer,
  )
  activityId = expectOk(created).id
  const { token } = expectOk(await t.call('activity', { action: 'qrToken', id: activityId }, organizer))
  const res = await t.call('checkin', { action: 'checkIn', activityId, token }, member)
  expect(expectOk(res).pointsEarned).toBe(1)
})
afterAll(() => t.close())

const ledgerOf = () =>
  t.store.db.prepare('SELECT id, points, reverses_id, note, approved_by FROM ledger WHERE activity_id = ? ORDER BY seq').all(activityId) as {
    id: string
    points: number
    reverses_id: string | null
    note: string | null
    approved_by: string | null
  }[]

test('a member cannot correct credits', async () => {
  const [entry] = ledgerOf()
  const res = await t.call('checkin', { action: 'reverseCredit', entryId: entry.id, note: '自己撤销' }, member)
  expect(res.status).toBe(403)
  expect(errorOf(res).code).toBe('FORBIDDEN')
  expect(ledgerOf()).toHaveLength(1)
})

test('the organizer reverses a credit: a new negative entry, the original untouched, totals back to zero', async () => {
  const [entry] = ledgerOf()
  const res = await t.call('checkin', { action: 'reverseCredit', entryId: entry.id, note: '代签，经核实未到场' }, organizer)
  expect(res.body).toMatchObject({ ok: true, data: { points: -1, reversesId: entry.id, note: '代签，经核实未到场' } })
  const rows = ledgerOf()
  expect(rows).toHaveLength(2)
  expect(rows[0]).toMatchObject({ id: entry.id, points: 1, reverses_id: null })
  expect(rows[1]).toMatchObject({ points: -1, reverses_id: entry.id })
  const mine = await t.call('checkin', { action: 'mine' }, member)
  expect(expectOk(mine).records.find((r) => r.activityId === activityId)?.points).toBe(0)
  const { member_id: memberId } = t.store.db.prepare('SELECT member_id FROM ledger WHERE id = ?').get(entry.id) as { member_id: string }
  const counter = t.store.db
    .prepare(`SELECT points AS p FROM member_counters WHERE member_id = ? AND period = '2026-11' AND kind = 'lecture'`)
    .get(memberId) as { p: number }
  const ledgerTotal = t.store.db
    .prepare(
      `SELECT SUM(points) AS p FROM ledger WHERE member_id = ? AND kind = 'lecture' AND created_at >= '2026-10-31T16:00:00Z' AND created_at < '2026-11-30T16:00:00Z'`,
    )
    .get(memberId) as { p: number }
  expect(counter.p).toBe(ledgerTotal.p)
})

test('a credit is reversed once; a reversal is not reversed', async () => {
  const [entry, reversal] = ledgerOf()
  const again = await t.call('checkin', { action: 'reverseCredit', entryId: entry.id, note: '再次更正' }, organizer)
  expect(again.status).toBe(409)
  expect(errorOf(again).code).toBe('CONFLICT')
  const ofReversal = await t.call('checkin', { action: 'reverseCredit', entryId: reversal.id, note: '撤销更正' }, organizer)
  expect(errorOf(ofReversal).code).toBe('CONFLICT')
  expect(ledgerOf()).toHaveLength(2)
})

test('the ledger itself refuses edits and deletes', () => {
  expect(() => t.store.db.prepare('UPDATE ledger SET points = 5').run()).toThrow(/append-only/)
  expect(() => t.store.db.prepare('DELETE FROM ledger').run()).toThrow(/append-only/)
})
