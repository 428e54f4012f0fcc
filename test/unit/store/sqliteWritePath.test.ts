/** The write path tuned for city-wide bursts: time-ordered ids, the checkpointer thread, the activity cache. */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { draftActivity } from '../../../cloud/domain/activity'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import { newQrSecret } from '../../../cloud/domain/qrToken'
import { newSeqId } from '../../../cloud/store/ids'
import { GroupCommit } from '../../../cloud/store/sqlite/groupCommit'
import type { OrgBatch } from '../../../cloud/store/Store'
import { SqliteStore } from '../../../cloud/store/sqlite/SqliteStore'

const NOW = '2026-11-20T02:00:00.000Z'
const ORG: OrgBatch = {
  units: [{ id: 'u01', name: '市委办公室' }],
  branches: [],
  partyGroups: [],
  youthGroups: [],
  members: Array.from({ length: 300 }, (_, i) => ({
    id: `m${i}`,
    memberNo: `DY${i}`,
    name: `党员${i}`,
    unitId: 'u01',
    branchId: null,
    partyGroupId: null,
    youthGroupId: null,
    birthDate: '1990-01-01',
    partyStatus: 'full' as const,
    cadreRank: null,
    roles: i === 0 ? [{ role: 'member' as const }, { role: 'organizer' as const, unitId: 'u01' }] : [{ role: 'member' as const }],
    active: true,
    phone: null,
    bindCode: `CODE${i}`,
  })),
}

let dir: string
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'writepath-'))))
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function cityWithLecture(file: string, opts: ConstructorParameters<typeof SqliteStore>[1] = {}) {
  const store = new SqliteStore(file, opts)
  await store.importOrg(ORG, NOW)
  const organizer = (await store.getMember('m0'))!
  const draft = draftActivity(
    { kind: 'lecture', title: '全市集中讲座', startAt: '2026-11-20T02:10:00.000Z', endAt: '2026-11-20T04:00:00.000Z', audience: { type: 'all' } },
    organizer,
    { unitId: 'u01' },
    DEFAULT_POLICY,
    true,
  )
  const activity = await store.insertActivity({ ...draft, qrSecret: newQrSecret() }, NOW)
  return { store, activity }
}

describe('time-ordered ids for check-ins and ledger entries', () => {
  it('sort as text in the order they were made, even thousands within one millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => newSeqId(1_790_000_000_000))
    const later = newSeqId(1_790_000_000_001 + 10)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    expect(later > ids[ids.length - 1]).toBe(true)
    expect(ids[0]).toMatch(/^[-0-9A-Za-z_]{13}$/)
  })

  it('are what a check-in and its credit are stored under', async () => {
    const { store, activity } = await cityWithLecture(join(dir, 'a.db'), { synchronous: 'NORMAL' })
    const results = await Promise.all(
      ['m1', 'm2', 'm3'].map((m) =>
        store.recordCheckIn(
          { activityId: activity.id, memberId: m, checkedInAt: NOW, method: 'qr', distanceM: null, accuracyM: null, device: null, ip: null, idempotencyKey: `k-${m}` },
          { kind: 'lecture', points: 2, hours: 0, method: 'qr', approvedBy: null, createdAt: NOW, device: null, ip: null, reversesId: null },
        ),
      ),
    )
    const checkInIds = results.map((r) => r.checkIn.id)
    expect([...checkInIds].sort()).toEqual(checkInIds)
    const ledgerIds = (store.db.prepare('SELECT id FROM ledger ORDER BY seq').all() as { id: string }[]).map((r) => r.id)
    expect(ledgerIds).toEqual(results.map((r) => r.credit!.id))
    expect([...ledgerIds].sort()).toEqual(ledgerIds)
    await store.close()
  })
})

describe('group commit', () => {
  const row = (memberId: string, activityId: string, key: string) =>
    ({ activityId, memberId, checkedInAt: NOW, method: 'qr' as const, distanceM: null, accuracyM: null, device: null, ip: null, idempotencyKey: key })
  const credit = { kind: 'lecture' as const, points: 2, hours: 0, method: 'qr' as const, approvedBy: null, createdAt: NOW, device: null, ip: null, reversesId: null }

  it('runs a batch once, in one transaction, when nothing is refused', async () => {
    const db = new Database(join(dir, 'g.db'))
    db.exec('CREATE TABLE t (n INTEGER)')
    const commits = new GroupCommit(db)
    let runs = 0
    const insert = db.prepare('INSERT INTO t VALUES (?)')
    const before = db.prepare('SELECT total_changes() AS c').pluck()
    const done = await Promise.all([1, 2, 3].map((n) => commits.run(() => (runs++, insert.run(n), n * 10))))
    expect(done).toEqual([10, 20, 30])
    expect(runs).toBe(3)
    expect(before.get()).toBe(3)
    // One commit for the three writes, and its time is kept for the server's log.
    expect(commits.commitTimes.summary()).toMatchObject({ commits: 1, writes: 3 })
    db.close()
  })

  it('never writes a committed batch twice, even when the cue after the commit fails', async () => {
    const db = new Database(join(dir, 'k.db'))
    db.exec('CREATE TABLE t (n INTEGER)')
    const commits = new GroupCommit(db, () => {
      throw new Error('checkpointer gone')
    })
    const insert = db.prepare('INSERT INTO t VALUES (?)')
    expect(await Promise.all([1, 2].map((n) => commits.run(() => insert.run(n).changes)))).toEqual([1, 1])
    expect(db.prepare('SELECT n FROM t ORDER BY n').pluck().all()).toEqual([1, 2])
    db.close()
  })

  it('keeps the neighbours of a refused write and nothing of the refused one', async () => {
    const db = new Database(join(dir, 'h.db'))
    db.exec('CREATE TABLE t (n INTEGER)')
    const commits = new GroupCommit(db)
    const insert = db.prepare('INSERT INTO t VALUES (?)')
    const outcomes = await Promise.allSettled([
      commits.run(() => insert.run(1)),
      commits.run(() => {
        insert.run(2) // written, then the job refuses: the row must not stay
        throw new Error('拒绝')
      }),
      commits.run(() => insert.run(3)),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('拒绝')
    expect(db.prepare('SELECT n FROM t ORDER BY n').pluck().all()).toEqual([1, 3])
    // The first try left nothing; the replay is the one commit.
    expect(commits.commitTimes.summary()).toMatchObject({ commits: 1, writes: 3 })
    db.close()
  })

  it('lets a crowd check in although one scan in the same commit reuses a key: only that one is refused', async () => {
    const { store, activity } = await cityWithLecture(join(dir, 'i.db'), { synchronous: 'NORMAL' })
    const organizer = (await store.getMember('m0'))!
    const other = await store.insertActivity(
      { ...draftActivity({ kind: 'lecture', title: '第二场讲座', startAt: '2026-11-20T02:10:00.000Z', endAt: '2026-11-20T04:00:00.000Z', audience: { type: 'all' } }, organizer, { unitId: 'u01' }, DEFAULT_POLICY, true), qrSecret: newQrSecret() },
      NOW,
    )
    await store.recordCheckIn(row('m3', other.id, 'used-before'), credit)
    const crowd = ['m1', 'm2', 'm3', 'm4', 'm5']
    const outcomes = await Promise.allSettled(crowd.map((m) => store.recordCheckIn(row(m, activity.id, m === 'm3' ? 'used-before' : `k-${m}`), credit)))
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ name: 'StoreError', kind: 'idempotencyKeyReused' })
    const members = (sql: string) => store.db.prepare(sql).pluck().all(activity.id)
    expect(members('SELECT member_id FROM check_ins WHERE activity_id = ? ORDER BY member_id')).toEqual(['m1', 'm2', 'm4', 'm5'])
    expect(members('SELECT member_id FROM ledger WHERE activity_id = ? ORDER BY member_id')).toEqual(['m1', 'm2', 'm4', 'm5'])
    // m3's counters hold the earlier lecture only; the crowd's credits are all counted.
    const yearCredits = (m: string) => store.db.prepare(`SELECT SUM(credits) FROM member_counters WHERE member_id = ? AND length(period) = 4`).pluck().get(m)
    expect(crowd.map(yearCredits)).toEqual([1, 1, 1, 1, 1])
    await store.close()
  })
})

describe('background checkpoints', () => {
  it('fold the write-ahead log into the database file on their timer, whoever wrote it, and on close', async () => {
    const file = join(dir, 'b.db')
    // Another connection writes and never checkpoints: its check-ins stay in the log.
    const { store: writer, activity } = await cityWithLecture(file, { synchronous: 'NORMAL' })
    writer.db.pragma('wal_autocheckpoint = 0')
    for (let i = 1; i < 300; i++)
      await writer.recordCheckIn(
        { activityId: activity.id, memberId: `m${i}`, checkedInAt: NOW, method: 'qr', distanceM: null, accuracyM: null, device: null, ip: null, idempotencyKey: null },
        { kind: 'lecture', points: 2, hours: 0, method: 'qr', approvedBy: null, createdAt: NOW, device: null, ip: null, reversesId: null },
      )
    const before = statSync(file).size
    const store = new SqliteStore(file, { backgroundCheckpoints: true })
    // Nothing folds the log inside commits any more: SQLite's own limit is far away.
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000)
    // The thread checkpoints every 250 ms: the main file grows although this store wrote nothing.
    await new Promise((r) => setTimeout(r, 1200))
    expect(statSync(file).size).toBeGreaterThan(before)
    await store.close()
    await writer.close()
    // After close, a reader finds every acknowledged check-in in the database file itself.
    expect(existsSync(`${file}-wal`)).toBe(false)
    const reader = new Database(file, { readonly: true })
    expect((reader.prepare('SELECT COUNT(*) AS n FROM check_ins').get() as { n: number }).n).toBe(299)
    expect((reader.prepare('SELECT SUM(credits) AS n FROM member_counters WHERE length(period) = 4').get() as { n: number }).n).toBe(299)
    reader.close()
  })

  it('fold each group commit into the database file soon after it, without waiting for the timer', async () => {
    const file = join(dir, 'n.db')
    const { store, activity } = await cityWithLecture(file, { backgroundCheckpoints: true, checkpointEveryMs: 600_000 })
    const before = statSync(file).size
    await Promise.all(
      ['m1', 'm2', 'm3'].map((m) =>
        store.recordCheckIn(
          { activityId: activity.id, memberId: m, checkedInAt: NOW, method: 'qr', distanceM: null, accuracyM: null, device: null, ip: null, idempotencyKey: null },
          { kind: 'lecture', points: 2, hours: 0, method: 'qr', approvedBy: null, createdAt: NOW, device: null, ip: null, reversesId: null },
        ),
      ),
    )
    // The timer is ten minutes away: only the nudge after the commit can have grown the file.
    const deadline = Date.now() + 5_000
    while (statSync(file).size <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(statSync(file).size).toBeGreaterThan(before)
    await store.close()
  })
})

describe('activity cache', () => {
  it('serves repeated reads and sees every update at once', async () => {
    const { store, activity } = await cityWithLecture(join(dir, 'c.db'), { synchronous: 'NORMAL' })
    const first = (await store.getActivity(activity.id))!
    expect(await store.getActivity(activity.id)).toBe(first)
    expect(await store.getQrSecret(activity.id)).toMatch(/.+/)
    // Shared between callers, so nobody may change it in place.
    expect(() => {
      ;(first as { title: string }).title = '改名'
    }).toThrow()
    await store.updateActivity(activity.id, { title: '全市集中讲座（改期）', status: 'cancelled' }, NOW)
    const after = (await store.getActivity(activity.id))!
    expect(after.title).toBe('全市集中讲座（改期）')
    expect(after.status).toBe('cancelled')
    expect(await store.getActivity('missing')).toBeNull()
    await store.close()
  })
})
