/**
 * CloudBase writes one record at a time; these tests cut an operation short at each step (a
 * function killed, a lost connection) and show that what is left is repaired by reconcile, and
 * that the adapter pages past CloudBase's 1000-record limits.
 */
import { COL } from '../../cloud/store/cloudbase/collections'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import type { FakeDatabase } from '../helpers/cloudbaseFake'
import { freshDb } from './cloudbaseDb'
import { fakeStorage } from '../helpers/cloudbaseFakeStorage'
import { record } from './parts/branch'
import { CAP, DAY, NOW, ORG, addActivity, addBranchOrg, addMeeting, at, checkIn, credit, crowd } from './fixtures'

let db: FakeDatabase
let store: CloudBaseStore

beforeEach(async () => {
  db = freshDb()
  store = new CloudBaseStore(db, { settleMs: 0, storage: fakeStorage() })
  await store.importOrg(ORG, NOW)
})

const failOnce = (collection: string, action: 'add' | 'set' | 'update' | 'remove' | 'commit') => db.failWhen((op) => op.collection === collection && op.action === action)

describe('CloudBaseStore after a crash', () => {
  it('a check-in whose credit was not written gets it from reconcile, once', async () => {
    const a = await addActivity(store, { kind: 'study' })
    failOnce(COL.ledger, 'add')
    await expect(store.recordCheckIn(checkIn(a.id, 'm1'), credit('study', 2), CAP)).rejects.toThrow(/injected/)
    expect(await store.findCheckIn(a.id, 'm1')).not.toBeNull()
    expect(await store.creditsOf(a.id, 'm1')).toEqual([])
    // A retry finds the check-in and writes nothing more; the credit is still owed.
    expect(await store.recordCheckIn(checkIn(a.id, 'm1', at(1)), credit('study', 2, at(1)), CAP)).toMatchObject({ created: false, credit: null })
    // The counters moved alongside the failed insert; reconcile writes the credit and recounts them.
    await store.reconcileCounters()
    expect((await store.creditsOf(a.id, 'm1')).map((c) => c.points)).toEqual([2])
    expect(await store.pointsCreditedBetween('m1', DAY.start, DAY.end)).toBe(2)
    expect((await store.stats.memberScores('2026-11', ['study'], 'points', 'u01')).find((r) => r.memberId === 'm1')?.score).toBe(2)
    expect(await store.reconcileCounters()).toMatchObject({ drift: [] })
    expect(await store.creditsOf(a.id, 'm1')).toHaveLength(1)
  })

  it('counters a crash left behind are found and repaired', async () => {
    const a = await addActivity(store, { kind: 'study' })
    failOnce(COL.memberCounters, 'update')
    await expect(store.recordCheckIn(checkIn(a.id, 'm1'), credit('study', 2), CAP)).rejects.toThrow(/injected/)
    const first = await store.reconcileCounters()
    expect(first.drift.length).toBeGreaterThan(0)
    expect(first.drift.every((d) => d.scope === 'member' || d.scope === 'unit')).toBe(true)
    expect((await store.reconcileCounters()).drift).toEqual([])
    expect((await store.stats.unitTotals(['2026-11', '2026-Q4', '2026'], 'study')).map((t) => t.points)).toEqual([2, 2, 2])
  })

  it('a check-out cut short still files its claim', async () => {
    const v = await addActivity(store, { kind: 'volunteer', endAt: at(600) })
    const { checkIn: ci } = await store.recordCheckIn(checkIn(v.id, 'm1'), null)
    failOnce(COL.hourClaims, 'add')
    await expect(store.recordCheckOut(ci.id, at(600), credit('volunteer', 8, at(600), { hours: 8 }), 2, CAP)).rejects.toThrow(/injected/)
    expect((await store.recordCheckOut(ci.id, at(601), null, 0)).updated).toBe(false)
    await store.reconcileCounters()
    expect((await store.listHourClaims(v.id, 'pending')).map((c) => c.hours)).toEqual([2])
    expect((await store.creditsOf(v.id, 'm1')).map((c) => c.hours)).toEqual([8])
  })

  it('an approved make-up cut short gets its check-in and credit', async () => {
    const a = await addActivity(store, { kind: 'study' })
    const m = await store.insertMakeup({ activityId: a.id, memberId: 'm2', reason: '出差', status: 'pending', requestedBy: 'm2', requestedAt: at(100), reviewedBy: null, reviewedAt: null, reviewComment: null })
    failOnce(COL.checkIns, 'add')
    const decision = { approve: true, reviewer: 'o1', comment: null, at: at(110) }
    await expect(store.decideMakeup(m.id, decision, checkIn(a.id, 'm2', at(110), { method: 'makeup' }), credit('study', 2, at(110), { method: 'makeup' }), CAP)).rejects.toThrow(/injected/)
    expect((await store.getMakeup(m.id))?.status).toBe('approved')
    expect(await store.findCheckIn(a.id, 'm2')).toBeNull()
    await store.reconcileCounters()
    expect(await store.findCheckIn(a.id, 'm2')).toMatchObject({ method: 'makeup', checkedInAt: at(110) })
    expect((await store.creditsOf(a.id, 'm2')).map((c) => c.points)).toEqual([2])
  })

  it('a place taken by a sign-up that was never written is given back', async () => {
    const a = await addActivity(store, { capacity: 1, signUpRequired: true })
    failOnce(COL.signUps, 'add')
    await expect(store.signUp(a.id, 'm1', 1, NOW)).rejects.toThrow(/injected/)
    expect(await store.signUp(a.id, 'm2', 1, NOW)).toBe('full')
    await store.reconcileCounters()
    expect(await store.signUp(a.id, 'm2', 1, NOW)).toBe('created')
    expect(await store.signUp(a.id, 'm1', 1, NOW)).toBe('full')
  })

  it('a WeChat binding cut short does not lock the account', async () => {
    failOnce(COL.members, 'commit')
    await expect(store.bindOpenId('m1', 'wx-1')).rejects.toThrow(/injected/)
    expect(await store.findMemberByOpenId('wx-1')).toBeNull()
    expect(await store.bindOpenId('m2', 'wx-1')).toBe(true)
    expect(await store.bindOpenId('m1', 'wx-1')).toBe(false)
  })
})

describe('CloudBaseStore under contention', () => {
  it('holds the daily cap while the transactions on the day’s record really collide', async () => {
    const activities = await Promise.all(Array.from({ length: 12 }, (_, i) => addActivity(store, { kind: 'study', title: `并发${i}` })))
    const results = await Promise.all(activities.map((a, i) => store.recordCheckIn(checkIn(a.id, 'm1', at(i)), credit('study', 2, at(i)), CAP)))
    expect(results.reduce((s, r) => s + (r.credit?.points ?? 0), 0)).toBe(10)
    expect(db.counters.conflicts).toBeGreaterThan(0)
    const days = db.dump(COL.dailyPoints)
    expect(days).toHaveLength(1)
    // One decision per credit, the twelve of them adding up to the cap.
    const decided = Object.values(days[0].e as Record<string, number>)
    expect(decided).toHaveLength(12)
    expect(decided.reduce((s, p) => s + p, 0)).toBe(10)
    expect(days[0].total).toBe(10)
  })
})

describe('CloudBaseStore past 1000 records', () => {
  it('pages through attendance, absentees, counts and reconcile', async () => {
    const people = crowd(1200)
    await store.importOrg({ units: [], branches: [], partyGroups: [], youthGroups: [], members: people }, NOW)
    const a = await addActivity(store, { kind: 'study', audience: { type: 'all' } })
    for (const m of people.slice(0, 1100)) await store.recordCheckIn(checkIn(a.id, m.id), credit('study', 2), CAP)
    expect((await store.countCheckIns([a.id]))[a.id]).toBe(1100)
    expect(await store.listAttendance(a.id)).toHaveLength(1100)
    expect(await store.countAudience(a)).toBe(1205)
    expect(await store.listAbsent(a)).toHaveLength(105)
    expect((await store.orgSnapshot()).members).toHaveLength(1206)
    expect(await store.stats.memberScores('2026-11', ['study'], 'points')).toHaveLength(1205)
    const { checked, drift } = await store.reconcileCounters()
    expect(drift).toEqual([])
    expect(checked).toBe(1100 * 3 + 3)
  }, 60_000)
})

describe('CloudBaseStore branch life, one record at a time', () => {
  beforeEach(async () => addBranchOrg(store))

  it('a move cut short before the member changed leaves history that running it again makes true', async () => {
    failOnce(COL.members, 'update')
    await expect(store.moveMembers(['p1'], { unitId: 'u01', branchId: 'u01-b2', partyGroupId: null }, at(60))).rejects.toThrow(/injected/)
    // The move is on record, the member not moved: the roll of the day before is still right.
    expect((await store.rosterOn({ kind: 'branch', ids: ['u01-b1'] }, at(30))).map((m) => m.id)).toContain('p1')
    expect(await store.moveMembers(['p1'], { unitId: 'u01', branchId: 'u01-b2', partyGroupId: null }, at(61))).toBe(1)
    expect((await store.rosterOn({ kind: 'branch', ids: ['u01-b1'] }, at(30))).map((m) => m.id)).toContain('p1')
    expect((await store.rosterOn({ kind: 'branch', ids: ['u01-b2'] }, at(90))).map((m) => m.id)).toEqual(['p1'])
  })

  it('a merge cut short is finished by running it again', async () => {
    failOnce(COL.members, 'update')
    await expect(store.mergeOrg('branch', 'u01-b1', 'u01-b2', at(60))).rejects.toThrow(/injected/)
    expect(await store.missingOrgIds('branch', ['u01-b1'])).toEqual([])
    await store.mergeOrg('branch', 'u01-b1', 'u01-b2', at(61))
    expect(await store.missingOrgIds('branch', ['u01-b1'])).toEqual(['u01-b1'])
    expect((await store.orgTree()).units[0].branches.find((b) => b.id === 'u01-b2')?.memberCount).toBe(5)
  })

  it('of two first saves of a record, or two saves from one version, exactly one lands', async () => {
    const a = await addMeeting(store)
    const firsts = await Promise.allSettled([store.saveMeetingRecord(record(a.id, 1, { minutes: '甲' })), store.saveMeetingRecord(record(a.id, 1, { minutes: '乙' }))])
    expect(firsts.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const seconds = await Promise.allSettled(['丙', '丁', '戊'].map((minutes) => store.saveMeetingRecord(record(a.id, 2, { minutes }))))
    expect(seconds.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    expect((await store.getMeetingRecord(a.id))?.version).toBe(2)
  })

  it('a decision and a withdrawal of the same leave request at once: one wins', async () => {
    const a = await addMeeting(store)
    const asked = await store.insertLeave({ activityId: a.id, memberId: 'm1', reason: '出差', requestedAt: at(-60) })
    const outcomes = await Promise.allSettled([
      store.decideLeave(asked.id, { status: 'approved', reviewedBy: 's1', reviewedAt: at(-50), comment: null }),
      store.decideLeave(asked.id, 'withdraw'),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
  })

  it('a photo whose record was not written is not served; its file is only an orphan', async () => {
    const a = await addMeeting(store)
    failOnce(COL.photos, 'add')
    await expect(store.putPhoto({ activityId: a.id, mime: 'image/png', bytes: new Uint8Array([1]), uploadedBy: 's1', uploadedAt: NOW })).rejects.toThrow(/injected/)
    expect(db.size(COL.photos)).toBe(0)
  })
})
