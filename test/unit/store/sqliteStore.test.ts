import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Activity } from '../../../cloud/contract/model'
import { draftActivity } from '../../../cloud/domain/activity'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import { newQrSecret } from '../../../cloud/domain/qrToken'
import type { NewCheckIn, NewCredit, OrgBatch } from '../../../cloud/store/Store'
import { SqliteStore } from '../../../cloud/store/sqlite/SqliteStore'
import { checkIn, credit } from '../../contract/fixtures'

const NOW = '2026-11-20T02:00:00.000Z'

const ORG: OrgBatch = {
  units: [{ id: 'u01', name: '市委办公室' }],
  branches: [{ id: 'u01-b1', unitId: 'u01', name: '秘书一处党支部' }],
  partyGroups: [],
  youthGroups: [{ id: 'g01', name: '市委办公室青年理论学习小组', unitIds: ['u01'] }],
  members: [
    { id: 'o1', memberNo: 'DY1', name: '王芳', unitId: 'u01', branchId: 'u01-b1', partyGroupId: null, youthGroupId: null, birthDate: '1980-01-01', partyStatus: 'full', cadreRank: null, roles: [{ role: 'member' }, { role: 'organizer', unitId: 'u01' }], active: true, phone: null, bindCode: 'ORGANIZER1' },
    { id: 'm1', memberNo: 'DY2', name: '李强', unitId: 'u01', branchId: 'u01-b1', partyGroupId: null, youthGroupId: 'g01', birthDate: '1998-05-05', partyStatus: 'full', cadreRank: null, roles: [{ role: 'member' }], active: true, phone: null, bindCode: 'MEMBER01' },
  ],
}

let dir: string
let store: SqliteStore
let activity: Activity

const count = (sql: string, ...args: unknown[]): number => (store.db.prepare(sql).get(...args) as { n: number }).n

/** A QR check-in to the test's activity, and a lecture's 1-point credit, as the Store contract's fixtures build them. */
const checkInOf = (memberId: string, at: string, over: Partial<NewCheckIn> = {}): NewCheckIn => checkIn(activity.id, memberId, at, over)
const creditAt = (at: string): NewCredit => credit('lecture', 1, at)

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'party-checkin-store-'))
  store = new SqliteStore(join(dir, 'store.db'), { synchronous: 'NORMAL' })
  await store.importOrg(ORG, NOW)
  const organizer = (await store.getMember('o1'))!
  const draft = draftActivity(
    { kind: 'lecture', title: '处长讲坛', startAt: NOW, endAt: '2026-11-20T04:00:00.000Z', audience: { type: 'units', unitIds: ['u01'] } },
    organizer,
    { unitId: 'u01' },
    DEFAULT_POLICY,
    true,
  )
  activity = await store.insertActivity({ ...draft, qrSecret: newQrSecret() }, NOW)
})

afterAll(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('SqliteStore', () => {
  it('imports the organisation with roles', async () => {
    const o = await store.getMember('o1')
    expect(o?.roles).toEqual(expect.arrayContaining([{ role: 'organizer', unitId: 'u01' }]))
    expect((await store.findMemberByBindCode('member01'))?.id).toBe('m1')
  })

  it('records one check-in per member and activity: the second call writes nothing', async () => {
    const first = await store.recordCheckIn(checkInOf('m1', NOW), creditAt(NOW))
    expect(first.created).toBe(true)
    expect(first.credit?.points).toBe(1)

    const later = '2026-11-20T02:05:00.000Z'
    const second = await store.recordCheckIn(checkInOf('m1', later), creditAt(later))
    expect(second.created).toBe(false)
    expect(second.credit).toBeNull()
    expect(second.checkIn.id).toBe(first.checkIn.id)
    expect(second.checkIn.checkedInAt).toBe(NOW)

    expect(count('SELECT COUNT(*) n FROM check_ins WHERE activity_id = ? AND member_id = ?', activity.id, 'm1')).toBe(1)
    expect(count('SELECT COUNT(*) n FROM ledger WHERE activity_id = ? AND member_id = ?', activity.id, 'm1')).toBe(1)
    expect((await store.creditsOf(activity.id, 'm1')).map((c) => c.points)).toEqual([1])
  })

  it('keeps a check-in\'s idempotency key with it, for this member only', async () => {
    const before = (await store.findCheckIn(activity.id, 'm1'))?.idempotencyKey ?? null
    await store.recordCheckIn(checkInOf('o1', NOW, { idempotencyKey: 'phone-key-0001' }), creditAt(NOW))
    expect((await store.findCheckIn(activity.id, 'o1'))?.idempotencyKey).toBe('phone-key-0001')
    expect((await store.findCheckIn(activity.id, 'm1'))?.idempotencyKey ?? null).toBe(before)
  })

  it('keeps the ledger append-only: UPDATE and DELETE are refused by triggers', () => {
    const before = store.db.prepare('SELECT * FROM ledger ORDER BY seq').all()
    expect(before.length).toBeGreaterThan(0)
    expect(() => store.db.prepare('UPDATE ledger SET points = 99').run()).toThrow(/append-only/)
    expect(() => store.db.prepare("UPDATE ledger SET approved_by = 'o1' WHERE member_id = 'm1'").run()).toThrow(/append-only/)
    expect(() => store.db.prepare('DELETE FROM ledger').run()).toThrow(/append-only/)
    expect(store.db.prepare('SELECT * FROM ledger ORDER BY seq').all()).toEqual(before)
  })

  it('keeps month, quarter and year counters in step with each credit', () => {
    const rows = store.db
      .prepare("SELECT period, kind, points, hours, credits FROM member_counters WHERE member_id = 'm1' ORDER BY period")
      .all()
    expect(rows).toEqual([
      { period: '2026', kind: 'lecture', points: 1, hours: 0, credits: 1 },
      { period: '2026-11', kind: 'lecture', points: 1, hours: 0, credits: 1 },
      { period: '2026-Q4', kind: 'lecture', points: 1, hours: 0, credits: 1 },
    ])
  })

  it('counts a credit late on 31 December UTC in the new Shanghai year', async () => {
    const organizer = (await store.getMember('o1'))!
    const draft = draftActivity(
      { kind: 'study', title: '新年第一学', startAt: '2026-12-31T16:10:00.000Z', endAt: '2026-12-31T18:00:00.000Z', audience: { type: 'units', unitIds: ['u01'] } },
      organizer,
      { unitId: 'u01' },
      DEFAULT_POLICY,
      true,
    )
    const newYear = await store.insertActivity({ ...draft, qrSecret: newQrSecret() }, NOW)
    const at = '2026-12-31T16:30:00.000Z'
    await store.recordCheckIn({ ...checkInOf('m1', at), activityId: newYear.id }, { ...creditAt(at), kind: 'study', points: 2 })
    const periods = (store.db.prepare("SELECT period FROM member_counters WHERE member_id = 'm1' AND kind = 'study' ORDER BY period").all() as { period: string }[]).map((r) => r.period)
    expect(periods).toEqual(['2027', '2027-01', '2027-Q1'])
    expect(await store.pointsCreditedBetween('m1', '2026-12-31T16:00:00.000Z', '2027-01-01T16:00:00.000Z')).toBe(2)
  })
})
