/**
 * What the Store contract cannot see on SQLite's obligations tables: a file of the previous schema
 * migrates with its data (branches from before keep no set-up date), evidence bytes are files
 * beside the database, and the evaluators' reads stay quick at city scale.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MIGRATIONS } from '../../../cloud/store/sqlite/migrations'
import { SqliteStore } from '../../../cloud/store/sqlite/SqliteStore'
import { NOW, ORG, addActivity, at } from '../../contract/fixtures'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'party-checkin-obligations-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('SQLite obligations', () => {
  it('migrates a file of schema 8: its branches keep no set-up date, its members no 职级, its activities no target', async () => {
    const file = join(dir, 'v8.db')
    const db = new Database(file)
    for (let v = 0; v < 8; v++) db.exec(MIGRATIONS[v])
    db.pragma('user_version = 8')
    db.exec(`
      INSERT INTO units (id, name) VALUES ('u01', '市委办公室');
      INSERT INTO branches (id, unit_id, name) VALUES ('b1', 'u01', '一支部');
      INSERT INTO members (id, member_no, name, unit_id, branch_id, bind_code, created_at) VALUES ('m1', 'DY1', '李强', 'u01', 'b1', 'CODE1', '${NOW}');
      INSERT INTO activities (id, kind, title, unit_id, organizer_id, start_at, end_at, check_in_opens_at, check_in_closes_at, audience_type, audience_json, status, qr_secret, created_at, updated_at)
        VALUES ('a1', 'study', '学习', 'u01', 'm1', '${NOW}', '${at(60)}', '${NOW}', '${at(60)}', 'units', '{"type":"units","unitIds":["u01"]}', 'published', 's', '${NOW}', '${NOW}');
    `)
    db.close()
    const store = new SqliteStore(file, { synchronous: 'NORMAL' })
    try {
      expect(Number(store.db.pragma('user_version', { simple: true }))).toBe(MIGRATIONS.length)
      expect(await store.getBranch('b1')).toEqual({ id: 'b1', unitId: 'u01', name: '一支部', createdAt: null })
      expect((await store.getMember('m1'))?.cadreRank).toBeNull()
      expect((await store.getActivity('a1'))?.targetId).toBeNull()
      // Renaming it by import later does not date it either: nobody knows when it was set up.
      await store.importOrg({ units: [], branches: [{ id: 'b1', unitId: 'u01', name: '第一党支部' }, { id: 'b2', unitId: 'u01', name: '第二党支部' }], partyGroups: [], youthGroups: [], members: [] }, at(1))
      expect((await store.obligationOrg()).branches).toEqual([
        { id: 'b1', name: '第一党支部', unitId: 'u01', createdAt: null },
        { id: 'b2', name: '第二党支部', unitId: 'u01', createdAt: at(1) },
      ])
    } finally {
      await store.close()
    }
  })

  it('keeps evidence bytes as files in evidence/ beside the database; an in-memory store cleans up its own', async () => {
    const store = new SqliteStore(join(dir, 'evidence.db'), { synchronous: 'NORMAL' })
    try {
      await store.importOrg(ORG, NOW)
      const { id } = await store.putEvidence({ unitId: 'u01', mime: 'application/pdf', name: '记录.pdf', bytes: new Uint8Array([1, 2, 3]), uploadedBy: 'o1', uploadedAt: NOW })
      expect(readdirSync(join(dir, 'evidence'))).toContain(`${id}.bin`)
    } finally {
      await store.close()
    }
    const memory = new SqliteStore(':memory:')
    const { id } = await memory.putEvidence({ unitId: 'u01', mime: 'image/png', name: 'a.png', bytes: new Uint8Array([9]), uploadedBy: 'o1', uploadedAt: NOW })
    expect(Buffer.from((await memory.getEvidence(id))!.bytes)).toEqual(Buffer.from([9]))
    const folder = (memory as unknown as { evidence: { dir: string } }).evidence.dir
    expect(existsSync(folder)).toBe(true)
    await memory.close()
    expect(existsSync(folder)).toBe(false)
  })

  it('reads a city of 20,000 members, 100 units and a year of meetings and trainings quickly', async () => {
    const store = new SqliteStore(join(dir, 'city.db'), { synchronous: 'NORMAL' })
    try {
      await store.importOrg(ORG, NOW)
      const trainingId = (await addActivity(store, { title: '轮训', targetId: 'rotation-training' })).id
      // Rows written straight into the tables: the reads are what is measured here.
      store.db.transaction(() => {
        const unit = store.db.prepare('INSERT INTO units (id, name) VALUES (?, ?)')
        const branch = store.db.prepare('INSERT INTO branches (id, unit_id, name, created_at) VALUES (?, ?, ?, NULL)')
        const member = store.db.prepare(
          `INSERT INTO members (id, member_no, name, unit_id, branch_id, youth_group_id, birth_date, bind_code, created_at, cadre_rank)
           VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
        )
        const meeting = store.db.prepare(
          `INSERT INTO activities (id, kind, title, unit_id, organizer_id, start_at, end_at, check_in_opens_at, check_in_closes_at, audience_type, audience_json,
             status, qr_secret, created_at, updated_at, branch_id, meeting_type, meeting_period, meeting_election)
           VALUES (?, 'study', '支委会', ?, 'o1', ?, ?, ?, ?, 'branches', ?, 'published', 's', ?, ?, ?, 'committee', ?, 0)`,
        )
        const checkIn = store.db.prepare(`INSERT INTO check_ins (id, activity_id, member_id, checked_in_at, method) VALUES (?, ?, ?, ?, 'qr')`)
        const credit = store.db.prepare(`INSERT INTO ledger (id, member_id, activity_id, kind, points, hours, method, created_at) VALUES (?, ?, ?, 'lecture', 1, 0, 'qr', ?)`)
        for (let u = 0; u < 100; u++) {
          unit.run(`U${u}`, `单位${u}`)
          for (let b = 0; b < 5; b++) {
            const branchId = `U${u}-B${b}`
            branch.run(branchId, `U${u}`, `第${b}党支部`)
            for (let month = 1; month <= 11; month++) {
              const start = `2026-${String(month).padStart(2, '0')}-10T01:00:00.000Z`
              meeting.run(`${branchId}-M${month}`, `U${u}`, start, start, start, start, JSON.stringify({ type: 'branches', branchIds: [branchId] }), NOW, NOW, branchId, `2026-${String(month).padStart(2, '0')}`)
            }
          }
          for (let i = 0; i < 200; i++) {
            const id = `M${u}-${i}`
            const rank = i === 0 ? 'bureau' : i % 10 === 1 ? 'county' : null
            member.run(id, `N${u}-${i}`, `党员${i}`, `U${u}`, `U${u}-B${i % 5}`, i % 3 === 0 ? '1995-01-01' : '1970-01-01', `C${u}-${i}`, NOW, rank)
            if (rank) {
              checkIn.run(`K${id}`, trainingId, id, NOW)
              credit.run(`L${id}`, id, trainingId, NOW)
            }
          }
        }
      })()

      const timed = async <T>(read: () => Promise<T>): Promise<[T, number]> => {
        const started = performance.now()
        const out = await read()
        return [out, performance.now() - started]
      }
      // Once to prepare the statements (the server keeps them), then measured.
      await Promise.all([store.obligationOrg(), store.youthGroupData('2026-01-01', 35, NOW, NOW), store.rhythmMeetings(NOW, NOW), store.cadres(['bureau']), store.trainingAttendance('none')])
      const [org, orgMs] = await timed(() => store.obligationOrg())
      const [youth, youthMs] = await timed(() => store.youthGroupData('2026-01-01', 35, '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'))
      const [meetings, meetingsMs] = await timed(() => store.rhythmMeetings('2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'))
      const [cadres, cadresMs] = await timed(() => store.cadres(['bureau', 'county']))
      const [attended, attendedMs] = await timed(() => store.trainingAttendance('rotation-training'))
      expect(org.branches).toHaveLength(502)
      expect(youth.members.length).toBeGreaterThan(6000)
      expect(meetings).toHaveLength(5500)
      expect(cadres).toHaveLength(2100)
      expect(attended.size).toBe(2100)
      // Generous bounds for a loaded CI machine; each is a few tens of ms on a laptop.
      for (const ms of [orgMs, youthMs, meetingsMs, cadresMs, attendedMs]) expect(ms).toBeLessThan(1500)
    } finally {
      await store.close()
    }
  }, 60_000)
})
