/**
 * The audit log of organizer and admin actions, through the real gateway: every audited action
 * leaves one row with who, what (`target`), the unit whose log files it, before and after. These
 * are what the admins' audit page shows and filters by, so they are pinned here action by action.
 *
 * A small city on 2026-03-01 (Shanghai): 甲局 uA and 乙局 uB, and one youth group gAB formed jointly
 * by both. orgA organizes uA and the group; b1 belongs to uB and the group, so a make-up or hours
 * for b1 on the group's activity (filed under uA) are filed under b1's unit uB.
 */
import type { AuditEntry, RoleGrant } from '../../cloud/contract/model'
import type { FunctionName } from '../../cloud/functions'
import type { OrgBatch } from '../../cloud/store/Store'
import { codeOf, expectError, expectOk, NO_CHECK, person, shanghai, world, type World } from '../helpers/api'
import { csvFile } from '../helpers/spreadsheets'
import { startTestServer, type ActionName, type DataOf, type EventOf, type TestServer } from '../helpers/testServer'

/** Everyone here is born on 1995-05-05: ages play no part in the audit log. */
const member = (id: string, name: string, unitId: string, youthGroupId: string | null, roles: RoleGrant[] = []) =>
  person(id, name, unitId, youthGroupId, '1995-05-05', roles)

const ORG: OrgBatch = {
  units: [
    { id: 'uA', name: '甲局' },
    { id: 'uB', name: '乙局' },
  ],
  branches: [],
  partyGroups: [],
  youthGroups: [{ id: 'gAB', name: '甲乙联合青年理论学习小组', unitIds: ['uA', 'uB'] }],
  members: [
    member('orgA', '周组织', 'uA', null, [{ role: 'organizer', unitId: 'uA' }, { role: 'organizer', groupId: 'gAB', unitId: 'uA' }]),
    member('adminA', '吴管理', 'uA', null, [{ role: 'unitAdmin', unitId: 'uA' }]),
    member('a1', '赵一', 'uA', 'gAB'),
    member('a2', '钱二', 'uA', 'gAB'),
    member('a3', '孙三', 'uA', null),
    member('b1', '冯六', 'uB', 'gAB'),
    member('city', '蒋书记', 'uB', null, [{ role: 'cityAdmin' }]),
  ],
}

let srv: TestServer
let w: World
/** Rows appended apart from a write: only audited actions that wrote nothing should need one. */
let appendedApart: jest.SpyInstance
const at = (local: string) => w.at(local)
const ok = <F extends FunctionName, A extends ActionName<F>>(fn: F, event: EventOf<F, A>, who: string) => w.ok(fn, event, who)
const token = (activityId: string) => w.token('orgA', activityId)
const checkIn = (who: string, activityId: string) => w.checkIn('orgA', who, activityId)

/** Every row so far, oldest first, as the city admin reads them. */
const rows = async (): Promise<AuditEntry[]> => ((await ok('member', { action: 'auditLog' }, 'city')).entries as AuditEntry[]).reverse()
const last = async (): Promise<AuditEntry> => (await rows()).at(-1) as AuditEntry

/** Do one audited call and return its result and the one row it added. */
async function audited<F extends FunctionName, A extends ActionName<F>>(fn: F, event: EventOf<F, A>, who: string): Promise<{ data: DataOf<F, A>; row: AuditEntry }> {
  const before = (await rows()).length
  const data = await ok(fn, event, who)
  const now = await rows()
  expect(now).toHaveLength(before + 1)
  return { data, row: now.at(-1) as AuditEntry }
}

const actor = (id: string) => ({ actorId: id, actorName: ORG.members.find((m) => m.id === id)!.name })

beforeAll(async () => {
  srv = await startTestServer({ seed: false, now: shanghai('2026-03-01 07:00') })
  w = world(srv)
  await srv.store.importOrg(ORG, srv.clock.now().toISOString())
  appendedApart = jest.spyOn(srv.store, 'appendAudit')
}, 60_000)
afterAll(() => srv.close())

describe('every audited action files one row: target, unit, before and after as the audit page reads them', () => {
  const ids: Record<string, string> = {}
  const groupStudy: Omit<EventOf<'activity', 'create'>, 'action'> = { kind: 'study', title: '联合小组3月学习', startAt: shanghai('2026-03-01 09:00'), endAt: shanghai('2026-03-01 11:00'), audience: { type: 'groups', groupIds: ['gAB'] } }

  it('activity.create: no target, filed under the organizer’s home unit, after = the new activity', async () => {
    const { data, row } = await audited('activity', { action: 'create', publish: true, noLocationReason: NO_CHECK, ...groupStudy }, 'orgA')
    ids.study = data.id
    expect(row).toMatchObject({ ...actor('orgA'), action: 'activity.create', target: null, unitId: 'uA', before: null, after: data, at: srv.clock.now().toISOString() })
    ids.volunteer = (await ok('activity', { action: 'create', publish: true, noLocationReason: NO_CHECK, kind: 'volunteer', title: '社区服务', startAt: shanghai('2026-03-01 09:00'), endAt: shanghai('2026-03-01 12:00'), audience: { type: 'groups', groupIds: ['gAB'] } }, 'orgA')).id
    ids.long = (await ok('activity', { action: 'create', publish: true, noLocationReason: NO_CHECK, kind: 'volunteer', title: '全天服务', startAt: shanghai('2026-03-01 08:00'), endAt: shanghai('2026-03-01 18:00'), audience: { type: 'units', unitIds: ['uA'] } }, 'orgA')).id
  })

  it('activity.update / publish / cancel: target id:…, the activity’s unit, before = the activity as it was', async () => {
    const draft = await ok('activity', { action: 'create', noLocationReason: NO_CHECK, kind: 'lecture', title: '草稿讲座', startAt: shanghai('2026-03-05 09:00'), endAt: shanghai('2026-03-05 10:00'), audience: { type: 'units', unitIds: ['uA'] } }, 'orgA')
    const updated = await audited('activity', { action: 'update', id: draft.id, title: '处长讲坛' }, 'orgA')
    expect(updated.row).toMatchObject({ ...actor('orgA'), action: 'activity.update', target: `id:${draft.id}`, unitId: 'uA', before: draft, after: updated.data })
    expect(updated.data.title).toBe('处长讲坛')
    const published = await audited('activity', { action: 'publish', id: draft.id }, 'orgA')
    expect(published.row).toMatchObject({ action: 'activity.publish', target: `id:${draft.id}`, unitId: 'uA', before: updated.data, after: published.data })
    expect(published.data.status).toBe('published')
    // Publishing again writes nothing; it is still recorded.
    const again = await audited('activity', { action: 'publish', id: draft.id }, 'orgA')
    expect(again.row).toMatchObject({ action: 'activity.publish', target: `id:${draft.id}`, unitId: 'uA', before: published.data, after: published.data })
    const cancelled = await audited('activity', { action: 'cancel', id: draft.id, reason: '改期' }, 'orgA')
    // The reason given is kept for the record beside the cancelled activity.
    expect(cancelled.row).toMatchObject({ action: 'activity.cancel', target: `id:${draft.id}`, unitId: 'uA', before: published.data, after: { ...cancelled.data, cancelReason: '改期' } })
    expect(cancelled.data.status).toBe('cancelled')
  })

  it('checkin.reviewMakeup: target makeupId:…, the activity’s unit (not the member’s)', async () => {
    at('2026-03-01 08:05')
    await checkIn('a1', ids.long)
    at('2026-03-01 09:05')
    await checkIn('a1', ids.study)
    await checkIn('a2', ids.study)
    await checkIn('b1', ids.volunteer)
    at('2026-03-01 12:30')
    const makeup = await ok('checkin', { action: 'requestMakeup', activityId: ids.study, reason: '外出开会，未能扫码' }, 'b1')
    const { data, row } = await audited('checkin', { action: 'reviewMakeup', makeupId: makeup.id, approve: true, comment: '情况属实' }, 'orgA')
    expect(row).toMatchObject({ ...actor('orgA'), action: 'checkin.reviewMakeup', target: `makeupId:${makeup.id}`, unitId: 'uA', before: null, after: data })
    expect(data.status).toBe('approved')
  })

  it('checkin.addMakeup: target activityId:…, the member’s unit', async () => {
    // Published before it took place (nothing is published after its end); the make-up is added now.
    const joint = await w.earlier(shanghai('2026-03-01 09:00'), () =>
      ok('activity', { action: 'create', publish: true, noLocationReason: NO_CHECK, kind: 'lecture', title: '联合讲座', startAt: shanghai('2026-03-01 10:00'), endAt: shanghai('2026-03-01 11:00'), audience: { type: 'groups', groupIds: ['gAB'] } }, 'orgA'),
    )
    const { data, row } = await audited('checkin', { action: 'addMakeup', activityId: joint.id, memberId: 'b1', reason: '现场签到设备故障' }, 'orgA')
    expect(row).toMatchObject({ action: 'checkin.addMakeup', target: `activityId:${joint.id}`, unitId: 'uB', before: null, after: data })
    expect(data).toMatchObject({ memberId: 'b1', status: 'approved' })
  })

  it('checkin.confirmHours: target activityId:…, the member’s unit', async () => {
    const { data, row } = await audited('checkin', { action: 'confirmHours', activityId: ids.volunteer, memberId: 'b1', hours: 2 }, 'orgA')
    expect(row).toMatchObject({ action: 'checkin.confirmHours', target: `activityId:${ids.volunteer}`, unitId: 'uB', before: null, after: data })
    expect(data).toMatchObject({ memberId: 'b1', hours: 2 })
  })

  it('checkin.reviewHours: target claimId:…, the activity’s unit', async () => {
    at('2026-03-01 18:05')
    await ok('checkin', { action: 'checkOut', activityId: ids.long, token: await token(ids.long) }, 'a1')
    const [claim] = (await ok('activity', { action: 'attendance', id: ids.long }, 'orgA')).pendingHours
    const { data, row } = await audited('checkin', { action: 'reviewHours', claimId: claim.id, approve: true }, 'orgA')
    expect(row).toMatchObject({ action: 'checkin.reviewHours', target: `claimId:${claim.id}`, unitId: 'uA', before: null, after: data })
    expect(data.status).toBe('approved')
  })

  it('checkin.reverseCredit: target entryId:…, the activity’s unit', async () => {
    const [entry] = await srv.store.creditsOf(ids.study, 'a2')
    const { data, row } = await audited('checkin', { action: 'reverseCredit', entryId: entry.id, note: '代签，经核实未到场' }, 'orgA')
    expect(row).toMatchObject({ action: 'checkin.reverseCredit', target: `entryId:${entry.id}`, unitId: 'uA', before: null, after: data })
    expect(data).toMatchObject({ reversesId: entry.id, points: -2 })
  })

  it('activity.exportAttendance: target id:…, the activity’s unit, a large file summarised', async () => {
    const { row } = await audited('activity', { action: 'exportAttendance', id: ids.study, format: 'xlsx' }, 'orgA')
    expect(row).toMatchObject({ action: 'activity.exportAttendance', target: `id:${ids.study}`, unitId: 'uA', before: null })
    expect(row.after).toMatchObject({ summary: '内容较大，未全文记录', keys: expect.arrayContaining(['base64']) })
  })

  it('member.importRoster: no target, the admin’s home unit, after = the result (dry run too)', async () => {
    const file = csvFile([['DY-a4', '李四', '甲局', '', '1990-01-01', '', '党员', '', '在册']])
    const dry = await audited('member', { action: 'importRoster', format: 'csv', file, dryRun: true }, 'adminA')
    expect(dry.row).toMatchObject({ ...actor('adminA'), action: 'member.importRoster', target: null, unitId: 'uA', before: null, after: dry.data })
    expect(dry.data.applied).toBe(false)
    const real = await audited('member', { action: 'importRoster', format: 'csv', file }, 'adminA')
    expect(real.row).toMatchObject({ action: 'member.importRoster', target: null, unitId: 'uA', after: real.data })
    expect(real.data).toMatchObject({ applied: true, summary: { created: 1 } })
  })

  it('member.setRole: target memberId:…, the member’s unit, before = the roles, after = the member', async () => {
    const { data, row } = await audited('member', { action: 'setRole', memberId: 'a2', role: 'organizer', unitId: 'uA' }, 'adminA')
    expect(row).toMatchObject({ action: 'member.setRole', target: 'memberId:a2', unitId: 'uA', before: [{ role: 'member' }], after: data })
    expect(data.roles).toEqual(expect.arrayContaining([{ role: 'organizer', unitId: 'uA' }]))
  })

  it('member.resetAccess: target memberId:…, the member’s unit, after keeps only the member id (never the code)', async () => {
    const { data, row } = await audited('member', { action: 'resetAccess', memberId: 'b1' }, 'city')
    expect(row).toMatchObject({ ...actor('city'), action: 'member.resetAccess', target: 'memberId:b1', unitId: 'uB', before: null, after: { memberId: 'b1' } })
    expect(JSON.stringify(row)).not.toContain(data.bindCode)
  })

  it('stats.export / freezeSnapshot / setPolicy: no target, the admin’s home unit', async () => {
    const exported = await audited('stats', { action: 'export', what: 'coverage', period: '2026-03', format: 'csv' }, 'city')
    expect(exported.row).toMatchObject({ action: 'stats.export', target: null, unitId: 'uB', before: null })
    const frozen = await audited('stats', { action: 'freezeSnapshot', period: '2026-03', topN: 5 }, 'city')
    expect(frozen.row).toMatchObject({ action: 'stats.freezeSnapshot', target: null, unitId: 'uB', before: null, after: frozen.data })
    const policy = await audited('stats', { action: 'setPolicy', effectiveFrom: shanghai('2026-03-02 00:00'), dailyPointsCap: 12 }, 'city')
    expect(policy.row).toMatchObject({ action: 'stats.setPolicy', target: null, unitId: 'uB', before: null, after: policy.data })
    expect(policy.data.versions).toHaveLength(1)
  })

  it('the unit filter of the audit page finds each row under its unit', async () => {
    const ofUnit = async (unitId: string) => ((await ok('member', { action: 'auditLog', unitId }, 'city')).entries as AuditEntry[]).map((e) => e.action)
    expect(await ofUnit('uB')).toEqual(['stats.setPolicy', 'stats.freezeSnapshot', 'stats.export', 'member.resetAccess', 'checkin.confirmHours', 'checkin.addMakeup'])
    expect(await last()).toMatchObject({ action: 'stats.setPolicy' })
  })

  it('every row of a change rode its write; only the actions that wrote nothing appended theirs after', () => {
    expect(appendedApart.mock.calls.map(([e]) => e.action)).toEqual(['activity.publish', 'activity.exportAttendance', 'member.importRoster', 'stats.export'])
  })
})

describe('the row commits in the same transaction as the change it records (SQLite)', () => {
  // A temporary trigger refuses every audit insert: the change that row would record must go with it.
  const refuseAudit = () => srv.store.db.exec(`CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END`)
  const allowAudit = () => srv.store.db.exec('DROP TRIGGER IF EXISTS temp.refuse_audit')
  afterEach(() => {
    allowAudit()
    jest.restoreAllMocks()
  })

  const ids: Record<string, string> = {}
  beforeAll(async () => {
    at('2026-03-02 08:00')
    ids.draft = (await ok('activity', { action: 'create', kind: 'lecture', title: '待改讲座', startAt: shanghai('2026-03-06 09:00'), endAt: shanghai('2026-03-06 10:00'), audience: { type: 'units', unitIds: ['uA'] } }, 'orgA')).id
    ids.lecture = (await ok('activity', { action: 'create', publish: true, noLocationReason: NO_CHECK, kind: 'lecture', title: '晨间讲座', startAt: shanghai('2026-03-02 08:30'), endAt: shanghai('2026-03-02 09:30'), audience: { type: 'units', unitIds: ['uA'] } }, 'orgA')).id
    at('2026-03-02 08:35')
    await checkIn('a3', ids.lecture)
    ids.entry = (await srv.store.creditsOf(ids.lecture, 'a3'))[0].id
  })

  const changes: [string, () => [string, Record<string, unknown>, string]][] = [
    ['activity.update', () => ['activity', { action: 'update', id: ids.draft, title: '改名后的讲座' }, 'orgA']],
    ['checkin.reverseCredit (ledger and counters)', () => ['checkin', { action: 'reverseCredit', entryId: ids.entry, note: '误签，予以更正' }, 'orgA']],
    ['member.setRole', () => ['member', { action: 'setRole', memberId: 'a3', role: 'organizer', unitId: 'uA' }, 'adminA']],
    ['member.importRoster', () => ['member', { action: 'importRoster', format: 'csv', file: csvFile([['DY-a5', '周五', '甲局', '', '1991-01-01', '', '党员', '', '在册']]) }, 'adminA']],
    ['stats.setPolicy', () => ['stats', { action: 'setPolicy', effectiveFrom: shanghai('2026-03-03 00:00'), youthAgeLimit: 40 }, 'city']],
  ]

  it.each(changes)('%s: a refused audit row undoes the change; allowed, both are there', async (_name, request) => {
    const [fn, event, who] = request()
    const internal = jest.spyOn(console, 'error').mockImplementation(() => {})
    const before = w.fingerprint()
    refuseAudit()
    const refused = await srv.send(fn, event, w.as(who))
    expect({ status: refused.status, code: codeOf(refused) }).toEqual({ status: 500, code: 'INTERNAL' })
    expect(String(internal.mock.calls.flat().join(' '))).toContain('audit refused')
    expect(w.fingerprint()).toEqual(before)

    allowAudit()
    const rowsBefore = w.n('SELECT COUNT(*) AS n FROM audit_log')
    expectOk(await srv.send(fn, event, w.as(who)))
    expect(w.n('SELECT COUNT(*) AS n FROM audit_log')).toBe(rowsBefore + 1)
    expect(await last()).toMatchObject({ action: `${fn}.${event.action as string}`, actorId: who })
    const changed = Object.entries(w.fingerprint()).filter(([t, h]) => before[t] !== h).map(([t]) => t)
    expect(changed).toContain('audit_log')
    expect(changed.length).toBeGreaterThan(1)
  })

  it('a change the store refuses leaves no row (a credit corrected twice)', async () => {
    const before = w.fingerprint()
    expectError(await srv.call('checkin', { action: 'reverseCredit', entryId: ids.entry, note: '再次更正' }, w.as('orgA')), 'CONFLICT')
    expect(w.fingerprint()).toEqual(before)
  })

  it('of two reviews of one make-up at once, the one the store finds already decided leaves no row', async () => {
    at('2026-03-02 10:00')
    const makeup = await ok('checkin', { action: 'requestMakeup', activityId: ids.lecture, reason: '外出开会，未能扫码' }, 'a1')
    // Both reviews read the make-up while it is pending, so both pass the use case's own check; the
    // store's conditional update then refuses the second inside its write, where its row would go.
    const read = srv.store.getMakeup
    const waiting: (() => void)[] = []
    jest.spyOn(srv.store, 'getMakeup').mockImplementation(async (id) => {
      const found = await read(id)
      await new Promise<void>((resolve) => {
        waiting.push(resolve)
        if (waiting.length === 2) waiting.forEach((go) => go())
      })
      return found
    })
    const decisions = jest.spyOn(srv.store, 'decideMakeup')
    const answers = await Promise.all([
      srv.call('checkin', { action: 'reviewMakeup', makeupId: makeup.id, approve: true }, w.as('orgA')),
      srv.call('checkin', { action: 'reviewMakeup', makeupId: makeup.id, approve: false, comment: '不符合' }, w.as('orgA')),
    ])
    expect(decisions).toHaveBeenCalledTimes(2)
    expect(answers.map((a) => a.body.ok).sort()).toEqual([false, true])
    expectError(answers.find((a) => !a.body.ok)!, 'CONFLICT')
    const decided = expectOk(answers.find((a) => a.body.ok)!)
    expect((await rows()).filter((r) => r.target === `makeupId:${makeup.id}`)).toEqual([expect.objectContaining({ action: 'checkin.reviewMakeup', after: decided })])
  })
})

describe('the audit page reads names, not ids, and finds an actor by name within the admin’s units', () => {
  type Row = AuditEntry & { activityTitle: string | null; memberName: string | null; unitName: string | null; branchName: string | null }
  const log = async (who: string, filter: Record<string, unknown> = {}) => (await ok('member', { action: 'auditLog', ...filter }, who)) as { entries: Row[]; actors?: { id: string; name: string }[] }
  const named = (r: Row) => [r.action, r.activityTitle, r.memberName]

  it('each row names the activity and the member it is about: from its target, or from the record it wrote', async () => {
    const { entries } = await log('city')
    const first = (action: string) => entries.filter((e) => e.action === action).at(-1)!
    expect(named(first('member.setRole'))).toEqual(['member.setRole', null, '钱二'])
    expect(named(first('member.resetAccess'))).toEqual(['member.resetAccess', null, '冯六'])
    // Target `id:…`: the activity; the make-up, the hours and the correction name their activity and member.
    expect(named(first('activity.update'))).toEqual(['activity.update', '处长讲坛', null])
    expect(named(first('checkin.reviewMakeup'))).toEqual(['checkin.reviewMakeup', '联合小组3月学习', '冯六'])
    expect(named(first('checkin.confirmHours'))).toEqual(['checkin.confirmHours', '社区服务', '冯六'])
    expect(named(first('checkin.reverseCredit'))).toEqual(['checkin.reverseCredit', '联合小组3月学习', '钱二'])
    // No row points at nothing and shows an id instead: rows about no record carry no names.
    expect(named(first('stats.setPolicy'))).toEqual(['stats.setPolicy', null, null])
  })

  it('a name search finds that person’s rows, says whom it matched, and reaches no further than the admin’s units', async () => {
    const all = await log('city')
    const byOrgA = all.entries.filter((e) => e.actorId === 'orgA')
    const found = await log('city', { actorName: '组织' })
    expect(found.actors).toEqual([{ id: 'orgA', name: '周组织' }])
    expect(found.entries.map((e) => e.seq)).toEqual(byOrgA.map((e) => e.seq))
    // The unit admin of 甲局 sees orgA's rows filed under 甲局 only (the make-up for b1 is 乙局's).
    const inA = await log('adminA', { actorName: '周' })
    expect(inA.entries.length).toBeGreaterThan(0)
    expect(new Set(inA.entries.map((e) => e.unitId))).toEqual(new Set(['uA']))
    expect(inA.entries.length).toBe(byOrgA.filter((e) => e.unitId === 'uA').length)
    // The city admin acted only in 乙局's log: to 甲局's admin that name matches no one.
    expect(await log('adminA', { actorName: '蒋书记' })).toEqual({ entries: [], actors: [] })
    expect((await log('city', { actorName: '蒋' })).actors).toEqual([{ id: 'city', name: '蒋书记' }])
    expect(await log('city', { actorName: '无此人' })).toEqual({ entries: [], actors: [] })
  })

  it('an empty name is refused with a message saying what to type', async () => {
    expectError(await srv.call('member', { action: 'auditLog', actorName: '  ' }, w.as('city')), 'BAD_INPUT')
  })
})
