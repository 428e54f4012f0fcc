/**
 * What the Store contract cannot see on SQLite's branch-life tables: a file of the previous
 * schema migrates with its data, amendments are append-only at the table, and photos are files
 * beside the database. (A member changing units takes their counters along: the contract checks
 * that on both adapters, in parts/orgAdmin.ts.)
 */
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MIGRATIONS } from '../../../cloud/store/sqlite/migrations'
import { SqliteStore } from '../../../cloud/store/sqlite/SqliteStore'
import { BRANCH_ORG, NOW, ORG, addActivity, at } from '../../contract/fixtures'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'party-checkin-branch-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const open = async (name: string) => {
  const store = new SqliteStore(join(dir, name), { synchronous: 'NORMAL' })
  await store.importOrg(ORG, NOW)
  await store.importOrg(BRANCH_ORG, NOW)
  return store
}

describe('SQLite branch life', () => {
  it('migrates a file of schema 7 with its members, grants and audiences', async () => {
    const file = join(dir, 'v7.db')
    const db = new Database(file)
    for (let v = 0; v < 7; v++) db.exec(MIGRATIONS[v])
    db.pragma('user_version = 7')
    db.exec(`
      INSERT INTO units (id, name) VALUES ('u01', '市委办公室');
      INSERT INTO branches (id, unit_id, name) VALUES ('b1', 'u01', '一支部');
      INSERT INTO members (id, member_no, name, unit_id, branch_id, bind_code, created_at) VALUES ('m1', 'DY1', '李强', 'u01', 'b1', 'CODE1', '${NOW}');
      INSERT INTO member_roles (member_id, role, unit_id) VALUES ('m1', 'organizer', 'u01');
      INSERT INTO activities (id, kind, title, unit_id, organizer_id, start_at, end_at, check_in_opens_at, check_in_closes_at, audience_type, audience_json, status, qr_secret, created_at, updated_at)
        VALUES ('a1', 'study', '学习', 'u01', 'm1', '${NOW}', '${at(60)}', '${NOW}', '${at(60)}', 'units', '{"type":"units","unitIds":["u01"]}', 'published', 's', '${NOW}', '${NOW}');
      INSERT INTO activity_audience (activity_id, scope_type, scope_id) VALUES ('a1', 'unit', 'u01');
    `)
    db.close()
    const store = new SqliteStore(file, { synchronous: 'NORMAL' })
    try {
      expect(await store.getMember('m1')).toMatchObject({ partyGroupId: null, partyStatus: 'full', roles: [{ role: 'organizer', unitId: 'u01' }] })
      expect(await store.getActivity('a1')).toMatchObject({ branchId: null, meeting: null })
      expect((await store.listActivitiesForMember((await store.getMember('m1'))!, NOW, 10)).map((a) => a.id)).toEqual(['a1'])
      expect(Number(store.db.pragma('user_version', { simple: true }))).toBe(MIGRATIONS.length)
    } finally {
      await store.close()
    }
  })

  it('refuses to change or remove an amendment', async () => {
    const store = await open('amend.db')
    try {
      const a = await addActivity(store, { branchId: 'u01-b1', meeting: { type: 'committee', forPeriod: '2026-11', election: false } })
      await store.insertAmendment({ activityId: a.id, field: 'minutes', value: '补充', reason: '漏记', by: 's1', at: at(1) })
      expect(() => store.db.prepare("UPDATE record_amendments SET reason = 'x'").run()).toThrow(/append-only/)
      expect(() => store.db.prepare('DELETE FROM record_amendments').run()).toThrow(/append-only/)
      expect(await store.listAmendments([a.id])).toHaveLength(1)
    } finally {
      await store.close()
    }
  })

  it('keeps photo bytes as files in photos/ beside the database; an in-memory store cleans up its own', async () => {
    const store = await open('photos.db')
    try {
      const a = await addActivity(store)
      const { id } = await store.putPhoto({ activityId: a.id, mime: 'image/png', bytes: new Uint8Array([1, 2, 3]), uploadedBy: 's1', uploadedAt: NOW })
      expect(readdirSync(join(dir, 'photos'))).toContain(`${id}.bin`)
    } finally {
      await store.close()
    }
    const memory = new SqliteStore(':memory:')
    await memory.importOrg(ORG, NOW)
    const a = await addActivity(memory)
    const { id } = await memory.putPhoto({ activityId: a.id, mime: 'image/png', bytes: new Uint8Array([9]), uploadedBy: 'o1', uploadedAt: NOW })
    expect(Buffer.from((await memory.getPhoto(id))!.bytes)).toEqual(Buffer.from([9]))
    const folder = (memory as unknown as { photos: { dir: string } }).photos.dir
    expect(existsSync(folder)).toBe(true)
    await memory.close()
    expect(existsSync(folder)).toBe(false)
  })
})
