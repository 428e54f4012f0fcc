/** Contract: members, organisation, WeChat binding and roles. */
import type { Store } from '../../../cloud/store/Store'
import { NOW, ORG, at } from '../fixtures'

export function orgContract(env: { readonly store: Store }): void {
  it('imports the organisation and gives it back whole, with phones, bind codes and ID numbers', async () => {
    const snap = await env.store.orgSnapshot()
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id))
    expect(byId(snap.units)).toEqual(ORG.units)
    expect(byId(snap.branches)).toEqual(ORG.branches)
    expect(byId(snap.partyGroups)).toEqual(ORG.partyGroups)
    expect(byId(snap.youthGroups)).toEqual(ORG.youthGroups)
    expect(byId(snap.members)).toEqual(byId(ORG.members))
  })

  it('maps members with their roles; a member with no role rows is a plain member', async () => {
    const { store } = env
    expect(await store.getMember('o1')).toEqual({
      id: 'o1',
      memberNo: 'DY001',
      name: '王芳',
      unitId: 'u01',
      branchId: 'u01-b1',
      partyGroupId: null,
      youthGroupId: null,
      birthDate: '1980-01-01',
      partyStatus: 'full',
      cadreRank: null,
      roles: [{ role: 'member' }, { role: 'organizer', unitId: 'u01' }],
      active: true,
    })
    await store.importOrg({ units: [], branches: [], partyGroups: [], youthGroups: [], members: [{ ...ORG.members[2], roles: [] }] }, NOW)
    expect((await store.getMember('m2'))?.roles).toEqual([{ role: 'member' }])
    expect(await store.getMember('nobody')).toBeNull()
  })

  it('finds active members by bind code, whatever its case', async () => {
    const { store } = env
    expect((await store.findMemberByBindCode('codedy002'))?.id).toBe('m1')
    expect(await store.findMemberByBindCode('CODEDY005')).toBeNull()
    expect(await store.findMemberByBindCode('NOSUCHCODE')).toBeNull()
  })

  it('binds a WeChat account once; a second account or a taken account is refused', async () => {
    const { store } = env
    expect(await store.bindOpenId('m1', 'wx-open-1')).toBe(true)
    expect(await store.bindOpenId('m1', 'wx-open-1')).toBe(true)
    expect(await store.bindOpenId('m1', 'wx-open-2')).toBe(false)
    expect((await store.findMemberByOpenId('wx-open-1'))?.id).toBe('m1')
    expect(await store.findMemberByOpenId('wx-open-2')).toBeNull()
    // Another member cannot take an account that is bound (SQLite refuses with a constraint error).
    const taken = await store.bindOpenId('m2', 'wx-open-1').catch(() => false)
    expect(taken).toBe(false)
    expect((await store.findMemberByOpenId('wx-open-1'))?.id).toBe('m1')
  })

  it('an admin reset clears the binding and the bind code; the account can bind again', async () => {
    const { store } = env
    await store.bindOpenId('m1', 'wx-open-1')
    await store.resetMemberAccess('m1', 'NEWCODE1', at(5))
    expect(await store.findMemberByOpenId('wx-open-1')).toBeNull()
    expect(await store.findMemberByBindCode('CODEDY002')).toBeNull()
    expect((await store.findMemberByBindCode('newcode1'))?.id).toBe('m1')
    expect(await store.bindOpenId('m2', 'wx-open-1')).toBe(true)
    expect((await store.findMemberByOpenId('wx-open-1'))?.id).toBe('m2')
  })

  it('a re-import updates the roster but keeps bind codes and bindings', async () => {
    const { store } = env
    await store.bindOpenId('m1', 'wx-open-1')
    const changed = { ...ORG.members[1], name: '李强强', bindCode: 'IGNORED1', phone: '13900000002', roles: [{ role: 'member' as const }, { role: 'organizer' as const, unitId: 'u01' }] }
    await store.importOrg({ units: [{ id: 'u01', name: '中共市委办公室' }], branches: [], partyGroups: [], youthGroups: [], members: [changed] }, at(60))
    const m1 = await store.getMember('m1')
    expect(m1?.name).toBe('李强强')
    expect(m1?.roles).toEqual([{ role: 'member' }, { role: 'organizer', unitId: 'u01' }])
    expect((await store.findMemberByBindCode('CODEDY002'))?.id).toBe('m1')
    expect((await store.findMemberByOpenId('wx-open-1'))?.id).toBe('m1')
    expect((await store.getUnit('u01'))?.name).toBe('中共市委办公室')
    const row = (await store.orgSnapshot()).members.find((m) => m.id === 'm1')
    expect(row).toMatchObject({ phone: '13900000002', bindCode: 'CODEDY002', idNumber: '110101199805050011' })
  })

  it('answers units, missing ids and the names of a member’s unit, branch and group', async () => {
    const { store } = env
    expect(await store.getUnit('u02')).toEqual({ id: 'u02', name: '市财政局' })
    expect(await store.getUnit('u99')).toBeNull()
    expect(await store.missingOrgIds('unit', ['u01', 'u99', 'u02', 'u98'])).toEqual(['u99', 'u98'])
    expect(await store.missingOrgIds('group', ['g02', 'g09'])).toEqual(['g09'])
    expect(await store.orgNames((await store.getMember('m1'))!)).toEqual({ unitName: '市委办公室', branchName: '秘书一处党支部', partyGroupName: null, youthGroupName: '市委办公室青年理论学习小组' })
    expect(await store.orgNames((await store.getMember('m2'))!)).toEqual({ unitName: '市委办公室', branchName: null, partyGroupName: null, youthGroupName: null })
  })

  it('gives a youth group’s units (several for a joint group), null for no such group', async () => {
    const { store } = env
    expect(await store.youthGroupUnits('g01')).toEqual(['u01'])
    expect([...((await store.youthGroupUnits('g02')) ?? [])].sort()).toEqual(['u01', 'u02'])
    expect(await store.youthGroupUnits('g99')).toBeNull()
    await store.importOrg({ units: [], branches: [], partyGroups: [], youthGroups: [{ id: 'g03', name: '新组', unitIds: [] }, { id: 'g01', name: '市委办公室青年理论学习小组', unitIds: ['u02'] }], members: [] }, NOW)
    expect(await store.youthGroupUnits('g03')).toEqual([])
    expect(await store.youthGroupUnits('g01')).toEqual(['u02'])
  })

  it('lists a unit’s members by member number, filtered by name or number, with who is bound', async () => {
    const { store } = env
    await store.bindOpenId('m2', 'wx-open-9')
    const all = await store.listMembersOfUnit('u01', undefined, false, 50)
    expect(all.map((m) => m.id)).toEqual(['o1', 'm1', 'm2'])
    expect(all.find((m) => m.id === 'm2')).toMatchObject({ bound: true, bindCode: 'CODEDY003', phone: null, idNumber: null })
    expect(all.find((m) => m.id === 'm1')?.bound).toBe(false)
    expect((await store.listMembersOfUnit('u01', '李', false, 50)).map((m) => m.id)).toEqual(['m1'])
    expect((await store.listMembersOfUnit('u01', 'dy003', false, 50)).map((m) => m.id)).toEqual(['m2'])
    expect((await store.listMembersOfUnit('u01', undefined, false, 2)).map((m) => m.id)).toEqual(['o1', 'm1'])
    expect((await store.listMembersOfUnit('u02', undefined, false, 50)).map((m) => m.id)).toEqual(['m3', 'a1'])
    expect((await store.listMembersOfUnit('u02', undefined, true, 50)).map((m) => m.id)).toEqual(['m3', 'm4', 'a1'])
  })

  it('grants and takes back a role once each, answering with the member as they are afterwards', async () => {
    const { store } = env
    const grant = { role: 'unitAdmin' as const, unitId: 'u01' }
    const granted = await store.setRoleGrant('m2', grant, true)
    expect(granted?.roles).toEqual(expect.arrayContaining([grant]))
    expect(await store.getMember('m2')).toEqual(granted)
    expect(await store.setRoleGrant('m2', grant, true)).toEqual(granted)
    expect(await store.setRoleGrant('m2', { role: 'unitAdmin', unitId: 'u02' }, false)).toEqual(granted)
    expect((await store.setRoleGrant('m2', grant, false))?.roles).toEqual([{ role: 'member' }])
    expect((await store.setRoleGrant('m2', grant, false))?.roles).toEqual([{ role: 'member' }])
    expect((await store.getMember('m2'))?.roles).toEqual([{ role: 'member' }])
    expect(await store.setRoleGrant('nobody', grant, true)).toBeNull()
  })
}
