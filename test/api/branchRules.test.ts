/**
 * Who may do what with a branch's meetings, and what bad input gets, through the real gateway: each
 * refusal answers its code in Chinese and writes nothing at all. The city of branchCity.ts: a1
 * runs 第一党支部 (B1), a9 runs 第二党支部 (B2), adminA administers 甲局 (both), adminB 乙局.
 */
import { PHOTO } from '../../cloud/contract/limits'
import { between, errorOf, NO_CHECK, type World } from '../helpers/api'
import type { TestServer } from '../helpers/testServer'
import { branchCity, PNG_1X1, type BranchIds } from './branchCity'

let srv: TestServer
let w: World
let ids: BranchIds
let general: string
let leaveA5: string

beforeAll(async () => {
  ;({ srv, w, ids } = await branchCity())
  w.at('2026-11-03 09:00')
  general = (
    await w.ok(
      'activity',
      { action: 'create', kind: 'study', title: '支部党员大会', ...between('2026-11-12 14:00', '2026-11-12 16:00'), publish: true, noLocationReason: NO_CHECK, meeting: { type: 'generalMeeting', branchId: ids.B1 } },
      'a1',
    )
  ).id
  leaveA5 = (await w.ok('checkin', { action: 'requestLeave', activityId: general, reason: '赴外地参加培训' }, 'a5')).id
})

afterAll(async () => {
  await srv.close()
})

describe('permissions', () => {
  it('the secretary of B2 on B1: publish, record, save, overview, leave review → 403', async () => {
    const base = { action: 'create' as const, kind: 'study' as const, title: '越权', ...between('2026-11-20 14:00', '2026-11-20 15:00') }
    await w.expectRefused(() => w.activity('a9', { ...base, meeting: { type: 'committee', branchId: ids.B1 } }), 'FORBIDDEN')
    await w.expectRefused(() => w.activity('a9', { ...base, audience: { type: 'branches', branchIds: [ids.B1] } }), 'FORBIDDEN')
    await w.expectRefused(() => w.activity('a9', { action: 'record', id: general }), 'FORBIDDEN')
    await w.expectRefused(() => w.activity('a9', { action: 'saveRecord', id: general, version: 0, host: '冯九' }), 'FORBIDDEN')
    await w.expectRefused(() => w.activity('a9', { action: 'branchOverview', branchId: ids.B1 }), 'FORBIDDEN')
    await w.expectRefused(() => w.activity('a9', { action: 'meetingRecords', branchId: ids.B1 }), 'FORBIDDEN')
    await w.expectRefused(() => w.checkin('a9', { action: 'reviewLeave', leaveId: leaveA5, approve: true }), 'FORBIDDEN')
    await w.expectRefused(() => w.activity('a9', { action: 'uploadPhoto', activityId: general, mime: 'image/png', data: PNG_1X1 }), 'FORBIDDEN')
  })

  it('a member of another branch reading B1\'s record → 403; a member of B1 may read it', async () => {
    await w.expectRefused(() => w.activity('a10', { action: 'record', id: general }), 'FORBIDDEN')
    expect((await w.activity('a3', { action: 'record', id: general })).status).toBe(200)
  })

  it('a member reviewing, or asking another branch\'s leave → 403', async () => {
    await w.expectRefused(() => w.activity('a3', { action: 'reviewRecord', id: general, approve: true }), 'FORBIDDEN')
    await w.expectRefused(() => w.activity('a3', { action: 'recordsToReview' }), 'FORBIDDEN')
    await w.expectRefused(() => w.checkin('a10', { action: 'requestLeave', activityId: general, reason: '不在本支部也请假' }), 'NOT_IN_AUDIENCE')
    await w.expectRefused(() => w.checkin('a3', { action: 'reviewLeave', leaveId: leaveA5, approve: true }), 'FORBIDDEN')
  })

  it('a unit admin of another unit reviewing → 403', async () => {
    await w.expectRefused(() => w.activity('adminB', { action: 'reviewRecord', id: general, approve: true }), 'FORBIDDEN')
    await w.expectRefused(() => w.activity('adminB', { action: 'recordsToReview', unitId: 'uA' }), 'FORBIDDEN')
    await w.expectRefused(() => w.activity('adminB', { action: 'meetingRecords', unitId: 'uA' }), 'FORBIDDEN')
  })

  it('nobody decides their own leave', async () => {
    const own = await w.ok('checkin', { action: 'requestLeave', activityId: general, reason: '需要出差三天' }, 'a1')
    await w.expectRefused(() => w.checkin('a1', { action: 'reviewLeave', leaveId: own.id, approve: true }), 'FORBIDDEN')
    await w.ok('checkin', { action: 'withdrawLeave', leaveId: own.id }, 'a1')
  })

  it('saveOrg by a unit admin on another unit, or on units at all → 403', async () => {
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'create', kind: 'branch', name: '越权支部', parentId: 'uA' }, 'adminB'), 'FORBIDDEN')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'rename', kind: 'branch', id: ids.B1, name: '改名' }, 'adminB'), 'FORBIDDEN')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'move', memberIds: ['a4'], to: { unitId: 'uB', branchId: null, partyGroupId: null } }, 'adminB'), 'FORBIDDEN')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'create', kind: 'unit', name: '新单位' }, 'adminA'), 'FORBIDDEN')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'create', kind: 'branch', name: '党员建支部', parentId: 'uA' }, 'a3'), 'FORBIDDEN')
  })

  it('setRole of a branch role: a unit admin of another unit → 403; a member outside the branch → 400; no branch → 400', async () => {
    await w.expectRefused(() => w.call('member', { action: 'setRole', memberId: 'a2', role: 'branchOrganizer', branchId: ids.B1 }, 'adminB'), 'FORBIDDEN')
    await w.expectRefused(() => w.call('member', { action: 'setRole', memberId: 'a10', role: 'branchOrganizer', branchId: ids.B1 }, 'adminA'), 'BAD_INPUT')
    await w.expectRefused(() => w.call('member', { action: 'setRole', memberId: 'a2', role: 'branchOrganizer' }, 'adminA'), 'BAD_INPUT')
    await w.expectRefused(() => w.call('member', { action: 'setRole', memberId: 'a2', role: 'branchOrganizer', branchId: 'nope' }, 'adminA'), 'NOT_FOUND')
    const granted = await w.ok('member', { action: 'setRole', memberId: 'a2', role: 'branchOrganizer', branchId: ids.B1 }, 'adminA')
    expect(granted.roles).toEqual(expect.arrayContaining([{ role: 'branchOrganizer', branchId: ids.B1, unitId: 'uA' }]))
  })
})

describe('bad input', () => {
  it('an oversize photo, non-image bytes, a wrong mime: a clear error and nothing stored', async () => {
    const big = Buffer.alloc(PHOTO.maxBytes + 2, 0)
    Buffer.from(PNG_1X1, 'base64').copy(big)
    const res = await w.expectRefused(() => w.activity('a1', { action: 'uploadPhoto', activityId: general, mime: 'image/png', data: big.toString('base64') }), 'PAYLOAD_TOO_LARGE')
    expect(errorOf(res).message).toContain('KB')
    await w.expectRefused(() => w.activity('a1', { action: 'uploadPhoto', activityId: general, mime: 'image/png', data: Buffer.alloc(PHOTO.maxBytes + 30_000).toString('base64') }), 'BAD_INPUT')
    const text = await w.expectRefused(() => w.activity('a1', { action: 'uploadPhoto', activityId: general, mime: 'image/jpeg', data: Buffer.from('这不是图片，是一段文字').toString('base64') }), 'BAD_INPUT')
    expect(errorOf(text).message).toContain('不是有效的图片')
    await w.expectRefused(() => w.activity('a1', { action: 'uploadPhoto', activityId: general, mime: 'image/webp', data: PNG_1X1 }), 'BAD_INPUT')
    await w.expectRefused(() => w.send('activity', { action: 'uploadPhoto', activityId: general, mime: 'image/gif', data: PNG_1X1 }, 'a1'), 'BAD_INPUT')
  })

  it('a photo of another meeting cannot be attached', async () => {
    const other = (
      await w.ok('activity', { action: 'create', kind: 'study', title: 'B2 支委会', ...between('2026-11-12 09:00', '2026-11-12 10:00'), publish: true, noLocationReason: NO_CHECK, meeting: { type: 'committee', branchId: ids.B2 } }, 'a9')
    ).id
    const foreign = await w.ok('activity', { action: 'uploadPhoto', activityId: other, mime: 'image/png', data: PNG_1X1 }, 'a9')
    await w.expectRefused(() => w.activity('a1', { action: 'saveRecord', id: general, version: 0, photos: [foreign.id] }), 'BAD_INPUT')
  })

  it('leave after the start: WINDOW_CLOSED; twice: CONFLICT; for a plain activity: BAD_INPUT', async () => {
    await w.expectRefused(() => w.checkin('a5', { action: 'requestLeave', activityId: general, reason: '赴外地参加培训' }), 'CONFLICT')
    const plain = await w.create('adminA', { kind: 'lecture', title: '讲座', audience: { type: 'units', unitIds: ['uA'] }, ...between('2026-11-15 09:00', '2026-11-15 10:00') })
    await w.expectRefused(() => w.checkin('a3', { action: 'requestLeave', activityId: plain, reason: '讲座那天出差' }), 'BAD_INPUT')
    w.at('2026-11-12 14:01')
    await w.expectRefused(() => w.checkin('a6', { action: 'requestLeave', activityId: general, reason: '临时有事来不了' }), 'WINDOW_CLOSED')
    await w.expectRefused(() => w.checkin('a5', { action: 'withdrawLeave', leaveId: 'nope' }), 'NOT_FOUND')
  })

  it('an empty 议题 on submit: BAD_INPUT naming it', async () => {
    w.at('2026-11-12 17:00')
    // Nobody checked in here, and a5's leave was never decided: all eight are absent.
    const absentees = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'].map((memberId) => ({ memberId, reason: 'other' as const }))
    const saved = await w.ok('activity', { action: 'saveRecord', id: general, version: 0, host: '赵一', recorder: '钱二', topics: ['  '], minutes: '纪要', absences: absentees }, 'a1')
    const res = await w.expectRefused(() => w.activity('a1', { action: 'submitRecord', id: general, version: saved.version }), 'BAD_INPUT')
    expect(errorOf(res).details?.problems).toEqual(['请至少填写一项议题'])
  })

  it('merge into itself, a branch into another unit\'s, a move to a branch of another unit: BAD_INPUT', async () => {
    const other = (await w.ok('member', { action: 'saveOrg', op: 'create', kind: 'branch', name: '乙局党支部', parentId: 'uB' }, 'city')).id as string
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'merge', kind: 'branch', fromId: ids.B1, intoId: ids.B1 }, 'adminA'), 'BAD_INPUT')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'merge', kind: 'branch', fromId: ids.B2, intoId: other }, 'city'), 'BAD_INPUT')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'merge', kind: 'partyGroup', fromId: ids.G1, intoId: ids.G1 }, 'adminA'), 'BAD_INPUT')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'move', memberIds: ['a4'], to: { unitId: 'uA', branchId: other, partyGroupId: null } }, 'city'), 'BAD_INPUT')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'move', memberIds: ['a4'], to: { unitId: 'uA', branchId: ids.B2, partyGroupId: ids.G1 } }, 'adminA'), 'BAD_INPUT')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'move', memberIds: ['nobody'], to: { unitId: 'uA', branchId: ids.B2, partyGroupId: null } }, 'adminA'), 'NOT_FOUND')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'create', kind: 'branch', name: '第一党支部', parentId: 'uA' }, 'adminA'), 'BAD_INPUT')
    await w.expectRefused(() => w.call('member', { action: 'saveOrg', op: 'create', kind: 'partyGroup', name: '第二党小组', parentId: ids.B1 }, 'adminA'), 'BAD_INPUT')
  })

  it('a unit admin renames and merges branches and 党小组 of their unit', async () => {
    const extra = (await w.ok('member', { action: 'saveOrg', op: 'create', kind: 'partyGroup', name: '第三党小组', parentId: ids.B1 }, 'adminA')).id as string
    await w.ok('member', { action: 'saveOrg', op: 'rename', kind: 'partyGroup', id: extra, name: '第三党小组（临时）' }, 'adminA')
    await w.ok('member', { action: 'saveOrg', op: 'move', memberIds: ['a8'], to: { unitId: 'uA', branchId: ids.B1, partyGroupId: extra } }, 'adminA')
    const merged = await w.ok('member', { action: 'saveOrg', op: 'merge', kind: 'partyGroup', fromId: extra, intoId: ids.G2 }, 'adminA')
    expect(merged).toMatchObject({ op: 'merge', members: 1 })
    expect((await w.ok('member', { action: 'me' }, 'a8')).partyGroupName).toBe('第二党小组')
    const tree = await w.ok('member', { action: 'orgTree' }, 'adminA')
    expect(tree.units.map((u) => u.id)).toEqual(['uA'])
    expect(tree.units[0].branches.find((b) => b.id === ids.B1)?.partyGroups.map((g) => g.name).sort()).toEqual(['第一党小组', '第二党小组'].sort())
  })
})
