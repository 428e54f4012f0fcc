/**
 * A small city for the branch-life API tests, built through the app as an admin would: 甲局 uA and
 * 乙局 uB imported bare; the city admin then sets up 第一党支部 (B1, two 党小组) in uA with its
 * secretary a1 and committee member a2, and a unit admin of uA sets up 第二党支部 (B2) with
 * its secretary a9. a7 is a 预备党员; everyone else is a 正式党员.
 */
import type { RoleGrant } from '../../cloud/contract/model'
import type { OrgBatch } from '../../cloud/store/Store'
import { person, shanghai, world, type World } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/testServer'

const member = (id: string, name: string, unitId: string, roles: RoleGrant[] = []) => person(id, name, unitId, null, '1980-05-05', roles)

export const ORG: OrgBatch = {
  units: [
    { id: 'uA', name: '甲局' },
    { id: 'uB', name: '乙局' },
  ],
  branches: [],
  partyGroups: [],
  youthGroups: [],
  members: [
    member('city', '蒋书记', 'uB', [{ role: 'cityAdmin' }]),
    member('adminA', '吴管理', 'uA', [{ role: 'unitAdmin', unitId: 'uA' }]),
    member('adminB', '郑管理', 'uB', [{ role: 'unitAdmin', unitId: 'uB' }]),
    member('a1', '赵一', 'uA'),
    member('a2', '钱二', 'uA'),
    member('a3', '孙三', 'uA'),
    member('a4', '李四', 'uA'),
    member('a5', '周五', 'uA'),
    member('a6', '吴六', 'uA'),
    member('a7', '郑七', 'uA'),
    member('a8', '王八', 'uA'),
    member('a9', '冯九', 'uA'),
    member('a10', '陈十', 'uA'),
    member('b1', '褚一', 'uB'),
  ],
}

/** Branch and 党小组 ids the setup created (new ids come from the server). */
export interface BranchIds {
  B1: string
  B2: string
  G1: string
  G2: string
}

export const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
/** The start of a JPEG (its magic bytes and a JFIF header): what the server checks. */
export const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]).toString('base64')

/** The city on a fresh server at 2026-11-02 09:00 (Shanghai), with B1, B2 and their people set up. */
export async function branchCity(): Promise<{ srv: TestServer; w: World; ids: BranchIds }> {
  const srv = await startTestServer({ seed: false, now: shanghai('2026-11-01 09:00') })
  await srv.store.importOrg(ORG, srv.clock.now().toISOString())
  const w = world(srv)
  w.at('2026-11-02 09:00')
  const create = async (who: string, kind: 'branch' | 'partyGroup', name: string, parentId: string) => {
    const r = await w.ok('member', { action: 'saveOrg', op: 'create', kind, name, parentId }, who)
    return r.id as string
  }
  const B1 = await create('city', 'branch', '第一党支部', 'uA')
  const G1 = await create('city', 'partyGroup', '第一党小组', B1)
  const G2 = await create('city', 'partyGroup', '第二党小组', B1)
  const B2 = await create('adminA', 'branch', '第二党支部', 'uA')
  const move = (who: string, memberIds: string[], branchId: string, partyGroupId: string | null) =>
    w.ok('member', { action: 'saveOrg', op: 'move', memberIds, to: { unitId: 'uA', branchId, partyGroupId } }, who)
  await move('city', ['a1', 'a2', 'a3', 'a4'], B1, G1)
  await move('city', ['a5', 'a6', 'a7', 'a8'], B1, G2)
  await move('adminA', ['a9', 'a10'], B2, null)
  await w.ok('member', { action: 'saveOrg', op: 'setPartyStatus', memberIds: ['a7'], partyStatus: 'probationary' }, 'adminA')
  await w.ok('member', { action: 'setRole', memberId: 'a1', role: 'branchSecretary', branchId: B1 }, 'city')
  await w.ok('member', { action: 'setRole', memberId: 'a2', role: 'branchCommittee', branchId: B1 }, 'city')
  await w.ok('member', { action: 'setRole', memberId: 'a9', role: 'branchSecretary', branchId: B2 }, 'adminA')
  return { srv, w, ids: { B1, B2, G1, G2 } }
}
