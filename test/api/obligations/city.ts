/**
 * A small city for the obligations API tests, imported on 2025-12-15 (so its branches owe every
 * period of 2026) and lived through the real gateway with the clock moved by hand.
 *
 *   unit    branch         members (born; 职级; youth group; roles)
 *   甲局 uA  甲局第一党支部 A1  a1 赵一 (1995; 县处级; gA; 支部书记)  a2 钱二 (1996; gA; 支部委员)  a3 孙三 (1997; no group)
 *           甲局第二党支部 A2  a4 李四 (1980; 厅局级)  a5 周五 (1985; 支部书记)
 *           (no branch)       admA 吴管理 (unitAdmin uA)  orgA 周组织 (organizer uA)
 *   乙局 uB  乙局党支部 B1     b1 冯六 (1998; gB; 支部书记)  b2 陈七 (1975; 县处级)
 *           (no branch)       admB 郑管理 (unitAdmin uB, organizer of gB)
 *   丙局 uC  丙局党支部 C1     c1 韩九 (1970)
 *           (no branch)       city 蒋书记 (cityAdmin)
 *
 * Youth (≤ 35 on 2026-01-01): a1 a2 a3 (uA), b1 (uB). Cadres of 县处级 or above: a1, a4 (uA), b2 (uB).
 *
 * `liveOctober` and `liveNovember` then live the autumn of 2026:
 *   10-15  gB studies (b1 checks in); gA does not meet in October.
 *   11-05  orgA's rotation training for uA (tagged rotation-training): a1 and a4 attend; b2 does not.
 *   11-10  A1 支委会 (committee: a1, a2): both check in; the record is filed on 11-10.
 *   11-12  A1 支部党员大会 (a1 a2 a3): a2 on approved leave, a1 present, a3 absent; record not filed.
 *   11-16  uA's 民主生活会 with 工委 comrade 刘列席 attending; uB's without one.
 *   11-17  A1 scored 96/100 (示范), A2 65/100 (标准); B1 and C1 not scored.
 *   11-18  A1's secretary's 述职 (by a1), appraised 好 by admA; uA's 机关党委书记 述职 (by admA), not appraised.
 */
import type { RoleGrant } from '../../../cloud/contract/model'
import type { CadreRank } from '../../../cloud/contract/vocabulary'
import type { OrgBatch } from '../../../cloud/store/Store'
import { between, NO_CHECK, person, shanghai, world, type World } from '../../helpers/api'
import { startTestServer, type TestServer } from '../../helpers/testServer'

const m = (id: string, name: string, unitId: string, branchId: string | null, born: string, o: { group?: string; roles?: RoleGrant[]; rank?: CadreRank } = {}) => ({
  ...person(id, name, unitId, o.group ?? null, born, o.roles ?? [], null, o.rank ?? null),
  branchId,
})

export const ORG: OrgBatch = {
  units: [
    { id: 'uA', name: '甲局' },
    { id: 'uB', name: '乙局' },
    { id: 'uC', name: '丙局' },
  ],
  branches: [
    { id: 'A1', unitId: 'uA', name: '甲局第一党支部' },
    { id: 'A2', unitId: 'uA', name: '甲局第二党支部' },
    { id: 'B1', unitId: 'uB', name: '乙局党支部' },
    { id: 'C1', unitId: 'uC', name: '丙局党支部' },
  ],
  partyGroups: [],
  youthGroups: [
    { id: 'gA', name: '甲局青年理论学习小组', unitIds: ['uA'] },
    { id: 'gB', name: '乙局青年理论学习小组', unitIds: ['uB'] },
  ],
  members: [
    m('city', '蒋书记', 'uC', null, '1968-08-08', { roles: [{ role: 'cityAdmin' }] }),
    m('admA', '吴管理', 'uA', null, '1970-02-02', { roles: [{ role: 'unitAdmin', unitId: 'uA' }] }),
    m('orgA', '周组织', 'uA', null, '1975-01-01', { roles: [{ role: 'organizer', unitId: 'uA' }] }),
    m('admB', '郑管理', 'uB', null, '1972-03-03', { roles: [{ role: 'unitAdmin', unitId: 'uB' }, { role: 'organizer', groupId: 'gB' }] }),
    m('a1', '赵一', 'uA', 'A1', '1995-03-01', { group: 'gA', rank: 'county' }),
    m('a2', '钱二', 'uA', 'A1', '1996-04-04', { group: 'gA' }),
    m('a3', '孙三', 'uA', 'A1', '1997-05-05'),
    m('a4', '李四', 'uA', 'A2', '1980-06-06', { rank: 'bureau' }),
    m('a5', '周五', 'uA', 'A2', '1985-07-07'),
    m('b1', '冯六', 'uB', 'B1', '1998-08-08', { group: 'gB' }),
    m('b2', '陈七', 'uB', 'B1', '1975-09-09', { rank: 'county' }),
    m('c1', '韩九', 'uC', 'C1', '1970-10-10'),
  ],
}

export const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n').toString('base64')

/** The city on a fresh server, imported on 2025-12-15, with its branch officers appointed. */
export async function obligationCity(): Promise<{ srv: TestServer; w: World }> {
  const srv = await startTestServer({ seed: false, now: shanghai('2025-12-15 09:00') })
  await srv.store.importOrg(ORG, srv.clock.now().toISOString())
  const w = world(srv)
  const role = (memberId: string, role: 'branchSecretary' | 'branchCommittee', branchId: string, unitId: string) =>
    w.ok('member', { action: 'setRole', memberId, role, branchId, unitId }, 'city')
  await role('a1', 'branchSecretary', 'A1', 'uA')
  await role('a2', 'branchCommittee', 'A1', 'uA')
  await role('a5', 'branchSecretary', 'A2', 'uA')
  await role('b1', 'branchSecretary', 'B1', 'uB')
  return { srv, w }
}

/** Ids of what `liveNovember` made. */
export interface Lived {
  training: string
  committee: string
  general: string
  branchReport: string
  unitReport: string
}

const filed = { host: '赵一', recorder: '钱二', topics: ['学习贯彻全会精神'], minutes: '会议由赵一主持，传达学习了全会精神。' }

/** October 2026: gB studies on 10-15 (b1 checks in), gA does not meet. Returns the session's id. */
export async function liveOctober(w: World): Promise<string> {
  w.at('2026-10-14 09:00')
  const youthB = await w.create('admB', { kind: 'study', title: '乙局青年小组十月学习', ...between('2026-10-15 10:00', '2026-10-15 11:30'), audience: { type: 'groups', groupIds: ['gB'] } })
  w.at('2026-10-15 10:05')
  await w.checkIn('admB', 'b1', youthB)
  return youthB
}

/** November 2026 as the header tells it, from 11-03; the clock ends on 2026-11-18 12:00. */
export async function liveNovember(w: World): Promise<Lived> {
  w.at('2026-11-03 09:00')
  const training = await w.create('orgA', { kind: 'lecture', title: '县处级干部专题轮训', ...between('2026-11-05 09:00', '2026-11-05 17:00'), audience: { type: 'units', unitIds: ['uA'] }, targetId: 'rotation-training' })
  const meeting = (type: 'committee' | 'generalMeeting', title: string, from: string, to: string) =>
    w.ok('activity', { action: 'create', kind: 'study', title, ...between(from, to), publish: true, noLocationReason: NO_CHECK, meeting: { type, branchId: 'A1' } }, 'a1')
  const committee = (await meeting('committee', '十一月支委会', '2026-11-10 14:00', '2026-11-10 15:00')).id
  const general = (await meeting('generalMeeting', '第四季度支部党员大会', '2026-11-12 14:00', '2026-11-12 16:00')).id
  const leave = await w.ok('checkin', { action: 'requestLeave', activityId: general, reason: '赴外地参加培训' }, 'a2')
  await w.ok('checkin', { action: 'reviewLeave', leaveId: leave.id, approve: true }, 'a1')

  w.at('2026-11-05 09:05')
  for (const who of ['a1', 'a4']) await w.checkIn('orgA', who, training)

  w.at('2026-11-10 14:05')
  for (const who of ['a1', 'a2']) await w.checkIn('a1', who, committee)
  w.at('2026-11-10 16:00')
  const saved = await w.ok('activity', { action: 'saveRecord', id: committee, version: 0, ...filed }, 'a1')
  await w.ok('activity', { action: 'submitRecord', id: committee, version: saved.version }, 'a1')

  w.at('2026-11-12 14:05')
  await w.checkIn('a1', 'a1', general)

  w.at('2026-11-16 18:00')
  await w.ok('stats', { action: 'recordDemocraticMeeting', unitId: 'uA', heldAt: shanghai('2026-11-16 09:00'), topic: '2026 年度民主生活会', attendeeName: '刘列席', attendeePost: '市直机关工委组织部' }, 'admA')
  await w.ok('stats', { action: 'recordDemocraticMeeting', unitId: 'uB', heldAt: shanghai('2026-11-16 14:00'), topic: '2026 年度民主生活会' }, 'admB')

  w.at('2026-11-17 10:00')
  const scores = (points: number[]) => points.map((score, i) => ({ criterionId: `c${i + 1}`, score }))
  await w.ok('stats', { action: 'scoreBranch', branchId: 'A1', year: '2026', scores: scores([10, 10, 20, 15, 10, 10, 8, 13]) }, 'admA')
  await w.ok('stats', { action: 'scoreBranch', branchId: 'A2', year: '2026', scores: scores([6, 6, 13, 10, 6, 6, 8, 10]) }, 'admA')

  w.at('2026-11-18 10:00')
  const branchReport = (await w.ok('stats', { action: 'submitDutyReport', level: 'branch', subjectId: 'A1', year: '2026', reporterName: '赵一', text: '一年来，支部认真落实三会一课制度……' }, 'a1')).id
  await w.ok('stats', { action: 'appraiseDutyReport', reportId: branchReport, grade: 'excellent' }, 'admA')
  const unitReport = (await w.ok('stats', { action: 'submitDutyReport', level: 'unit', subjectId: 'uA', year: '2026', reporterName: '吴管理', text: '机关党委全年抓党建工作情况……' }, 'admA')).id
  w.at('2026-11-18 12:00')
  return { training, committee, general, branchReport, unitReport }
}
