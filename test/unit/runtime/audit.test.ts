/**
 * An audited action's row and the change it records, at the runtime's edge (runAudited) over each
 * adapter: on SQLite one transaction holds both; on CloudBase the audit document follows the
 * change in the same store call (no multi-document transactions there).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Member } from '../../../cloud/contract/model'
import { fail } from '../../../cloud/domain/errors'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import type { AuditSpec, AuthedCtx } from '../../../cloud/runtime/action'
import { inCallersUnit, runAudited } from '../../../cloud/runtime/audit'
import { createCtx } from '../../../cloud/runtime/context'
import { CloudBaseStore } from '../../../cloud/store/cloudbase/CloudBaseStore'
import { SqliteStore } from '../../../cloud/store/sqlite/SqliteStore'
import type { Store } from '../../../cloud/store/Store'
import { freshDb } from '../../contract/cloudbaseDb'
import type { FakeDatabase } from '../../helpers/cloudbaseFake'

const NOW = new Date('2026-03-01T02:00:00.000Z')
const admin: Member = {
  id: 'city',
  memberNo: 'DY-city',
  name: '蒋书记',
  unitId: 'uB',
  branchId: null,
  partyGroupId: null,
  youthGroupId: null,
  birthDate: null,
  partyStatus: 'full',
  cadreRank: null,
  roles: [{ role: 'cityAdmin' }],
  active: true,
}
const version = { effectiveFrom: '2026-03-02T00:00:00.000Z', policy: { dailyPointsCap: 12 }, createdBy: 'city', createdAt: NOW.toISOString() }

const ctxOf = (store: Store): AuthedCtx =>
  createCtx(
    { world: 'local', store, now: () => NOW, sessions: null, limiter: null, readCache: null },
    { caller: admin, policy: DEFAULT_POLICY, request: { ip: null, device: null } },
  ) as AuthedCtx

/** The audited "add a policy version" as a use case writes it, with what it makes of the write's answer. */
const addVersion =
  (toResult: (versions: unknown[]) => unknown = (versions) => ({ versions: versions.length })) =>
  (_input: unknown, ctx: AuthedCtx) =>
    ctx.audit.recording(() => ctx.store.insertPolicyVersion(version), toResult)

describe('SQLite: the row is written in the transaction of the change it records', () => {
  let dir: string
  let store: SqliteStore
  const count = (table: string) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'party-checkin-audit-'))
    store = new SqliteStore(join(dir, 'audit.db'), { synchronous: 'NORMAL' })
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('change and row commit together; the row is not appended apart, and its after is the action’s result', async () => {
    const apart = jest.spyOn(store, 'appendAudit')
    await expect(runAudited('stats.setPolicy', inCallersUnit, {}, ctxOf(store), addVersion())).resolves.toEqual({ versions: 1 })
    expect(count('policy_versions')).toBe(1)
    expect(await store.listAudit({}, 10)).toEqual([
      expect.objectContaining({ action: 'stats.setPolicy', actorId: 'city', unitId: 'uB', target: null, before: null, after: { versions: 1 }, at: NOW.toISOString() }),
    ])
    expect(apart).not.toHaveBeenCalled()
  })

  it('the audit insert refused: the change is undone with it', async () => {
    store.db.exec(`CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END`)
    // Matched by message: the native module's error class may come from another realm than the test's.
    await expect(runAudited('stats.setPolicy', inCallersUnit, {}, ctxOf(store), addVersion())).rejects.toHaveProperty('message', 'audit refused')
    expect([count('policy_versions'), count('audit_log')]).toEqual([0, 0])
  })

  it('what the use case makes of the write refuses it (inside the write): neither the change nor a row is kept', async () => {
    const refuse = addVersion(() => fail('CONFLICT', '该版本已存在'))
    await expect(runAudited('stats.setPolicy', inCallersUnit, {}, ctxOf(store), refuse)).rejects.toMatchObject({ code: 'CONFLICT' })
    expect([count('policy_versions'), count('audit_log')]).toEqual([0, 0])
  })

  it('a spec that finds no unit (the use case named nothing it acted on) fails the action and undoes its write', async () => {
    const unnamed: AuditSpec<unknown, unknown> = { target: (_i, _r, { member }) => ({ target: 'memberId:x', unitId: member?.unitId }) }
    await expect(runAudited('member.setRole', unnamed, {}, ctxOf(store), addVersion())).rejects.toThrow(/did not name what it acted on/)
    expect([count('policy_versions'), count('audit_log')]).toEqual([0, 0])
  })

  it('an action that fails before writing leaves no row; one that writes nothing gets its row after it returns', async () => {
    const refused = async () => fail('BAD_INPUT', '请至少修改一项规则')
    await expect(runAudited('stats.setPolicy', inCallersUnit, {}, ctxOf(store), refused)).rejects.toMatchObject({ code: 'BAD_INPUT' })
    expect(count('audit_log')).toBe(0)
    await runAudited('stats.export', inCallersUnit, {}, ctxOf(store), async () => ({ file: 'x.csv' }))
    expect(await store.listAudit({}, 10)).toEqual([expect.objectContaining({ action: 'stats.export', after: { file: 'x.csv' } })])
  })

  it('writes outside an audited action carry no row', async () => {
    await expect(addVersion()({}, ctxOf(store))).resolves.toEqual({ versions: 1 })
    expect([count('policy_versions'), count('audit_log')]).toEqual([1, 0])
  })

  it('an audited action records one write', async () => {
    const twice = async (_input: unknown, ctx: AuthedCtx) => {
      await ctx.audit.recording(() => ctx.store.insertPolicyVersion(version))
      return ctx.audit.recording(() => ctx.store.insertPolicyVersion(version))
    }
    await expect(runAudited('stats.setPolicy', inCallersUnit, {}, ctxOf(store), twice)).rejects.toThrow(/records one write/)
  })
})

describe('CloudBase: the audit document follows the change in the same store call', () => {
  let db: FakeDatabase
  let store: CloudBaseStore
  beforeEach(() => {
    db = freshDb()
    store = new CloudBaseStore(db)
  })

  it('change and audit document both written; nothing appended apart', async () => {
    const apart = jest.spyOn(store, 'appendAudit')
    await expect(runAudited('stats.setPolicy', inCallersUnit, {}, ctxOf(store), addVersion())).resolves.toEqual({ versions: 1 })
    expect(db.dump('policy_versions')).toHaveLength(1)
    expect(await store.listAudit({}, 10)).toEqual([expect.objectContaining({ action: 'stats.setPolicy', unitId: 'uB', after: { versions: 1 } })])
    expect(apart).not.toHaveBeenCalled()
  })

  it('a change that fails leaves no audit document', async () => {
    db.failWhen((op) => op.collection === 'policy_versions' && op.action === 'add')
    await expect(runAudited('stats.setPolicy', inCallersUnit, {}, ctxOf(store), addVersion())).rejects.toThrow(/injected failure/)
    expect([db.dump('policy_versions'), db.dump('audit_log')]).toEqual([[], []])
  })

  it('the limit: an audit document that fails to be added cannot undo the change (single-document transactions)', async () => {
    db.failWhen((op) => op.collection === 'audit_log' && op.action === 'add')
    await expect(runAudited('stats.setPolicy', inCallersUnit, {}, ctxOf(store), addVersion())).rejects.toThrow(/injected failure/)
    expect([db.dump('policy_versions').length, db.dump('audit_log').length]).toEqual([1, 0])
  })
})
