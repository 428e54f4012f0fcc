/** Contract: branches and 党小组 as the admin's org page edits them — tree, moves with their history, merges. */
import type { OrgTree } from '../../../cloud/contract/model'
import type { ActivityKind } from '../../../cloud/contract/vocabulary'
import type { Store } from '../../../cloud/store/Store'
import { BRANCH_ORG, CAP, NOW, ORG, addActivity, addBranchOrg, at, checkIn, credit, expectRefused, idsOf } from '../fixtures'

type TreeBranch = OrgTree['units'][number]['branches'][number]

const branchOf = (tree: OrgTree, id: string): TreeBranch | undefined => tree.units.flatMap((u) => u.branches).find((b) => b.id === id)

/** Units' totals in November 2026, its quarter and year, leaving out counters at nothing. */
const unitTotals = async (store: Store, kind: ActivityKind) =>
  (await store.stats.unitTotals(['2026-11', '2026-Q4', '2026'], kind))
    .filter((t) => t.points !== 0 || t.hours !== 0 || t.credits !== 0)
    .map((t) => [t.unitId, t.period, t.points, t.hours, t.credits])
    .sort()

/** The same totals for each of these units, periods and kinds. */
const inPeriods = (...units: [string, number, number, number][]) =>
  units.flatMap(([unitId, points, hours, credits]) => ['2026', '2026-11', '2026-Q4'].map((period) => [unitId, period, points, hours, credits])).sort()

const roster = async (store: Store, kind: 'branch' | 'partyGroup', id: string, when: string) =>
  (await store.rosterOn({ kind, ids: [id] }, when)).map((m) => m.id).sort()

export function orgAdminContract(env: { readonly store: Store }): void {
  beforeEach(async () => addBranchOrg(env.store))

  it('imports 党小组 and party status, and gives them back in the snapshot and on members', async () => {
    const { store } = env
    const snap = await store.orgSnapshot()
    expect(idsOf(snap.partyGroups)).toEqual(['u01-b1-g1', 'u01-b1-g2'])
    expect(snap.partyGroups.find((g) => g.id === 'u01-b1-g1')).toEqual(BRANCH_ORG.partyGroups[0])
    expect(await store.getMember('p1')).toMatchObject({ branchId: 'u01-b1', partyGroupId: 'u01-b1-g1', partyStatus: 'probationary' })
    expect((await store.getMember('s1'))?.roles).toEqual([{ role: 'branchSecretary', unitId: 'u01', branchId: 'u01-b1' }])
    expect(snap.members.find((m) => m.id === 's1')).toEqual(BRANCH_ORG.members[0])
    expect(await store.orgNames((await store.getMember('s2'))!)).toEqual({
      unitName: '市委办公室',
      branchName: '秘书一处党支部',
      partyGroupName: '第二党小组',
      youthGroupName: null,
    })
  })

  it('answers branches, 党小组 and youth groups by id, and the branches of either', async () => {
    const { store } = env
    expect(await store.getBranch('u01-b1')).toEqual({ id: 'u01-b1', unitId: 'u01', name: '秘书一处党支部', createdAt: NOW })
    expect(await store.getBranch('nope')).toBeNull()
    expect(await store.getPartyGroup('u01-b1-g2')).toEqual({ id: 'u01-b1-g2', branchId: 'u01-b1', name: '第二党小组' })
    expect(await store.getPartyGroup('nope')).toBeNull()
    expect((await store.partyGroupsOf('u01-b1')).map((g) => g.name)).toEqual(['第一党小组', '第二党小组'])
    expect(await store.partyGroupsOf('nope')).toEqual([])
    const g02 = await store.getYouthGroup('g02')
    expect({ ...g02!, unitIds: [...g02!.unitIds].sort() }).toEqual({ id: 'g02', name: '财政联合青年理论学习小组', unitIds: ['u01', 'u02'] })
    expect(await store.getYouthGroup('nope')).toBeNull()

    const byBranch = await store.branchesOf('branch', ['u01-b1', 'u02-b1', 'nope'])
    expect([...byBranch.keys()].sort()).toEqual(['u01-b1', 'u02-b1'])
    expect(byBranch.get('u02-b1')).toEqual({ id: 'u02-b1', unitId: 'u02', name: '预算处党支部', createdAt: NOW })
    const byGroup = await store.branchesOf('partyGroup', ['u01-b1-g1', 'u01-b1-g2', 'nope'])
    expect([...byGroup.keys()].sort()).toEqual(['u01-b1-g1', 'u01-b1-g2'])
    expect(byGroup.get('u01-b1-g2')).toEqual({ id: 'u01-b1', unitId: 'u01', name: '秘书一处党支部', createdAt: NOW })
    expect((await store.branchesOf('branch', [])).size).toBe(0)
  })

  it('finds missing ids of every kind', async () => {
    const { store } = env
    expect(await store.missingOrgIds('branch', ['u01-b1', 'x1', 'u01-b2'])).toEqual(['x1'])
    expect(await store.missingOrgIds('partyGroup', ['x2', 'u01-b1-g1'])).toEqual(['x2'])
    expect(await store.missingOrgIds('youthGroup', ['g01', 'x3'])).toEqual(['x3'])
    expect(await store.missingOrgIds('unit', ['u01', 'x4'])).toEqual(['x4'])
  })

  it('builds the tree with active head counts, officers and 党小组', async () => {
    const { store } = env
    const tree = await store.orgTree()
    expect(tree.units.map((u) => [u.id, u.name, u.memberCount]).sort()).toEqual([
      ['u01', '市委办公室', 6],
      ['u02', '市财政局', 2],
    ])
    const u01 = tree.units.find((u) => u.id === 'u01')!
    expect(idsOf(u01.branches)).toEqual(['u01-b1', 'u01-b2'])
    const b1 = branchOf(tree, 'u01-b1')!
    expect(b1).toMatchObject({ unitId: 'u01', name: '秘书一处党支部', memberCount: 5 })
    expect([...b1.officers].sort((a, b) => a.memberId.localeCompare(b.memberId))).toEqual([
      { memberId: 's1', name: '周书记', role: 'branchSecretary' },
      { memberId: 's2', name: '吴委员', role: 'branchCommittee' },
    ])
    expect(b1.partyGroups.map((g) => [g.id, g.branchId, g.name, g.memberCount]).sort()).toEqual([
      ['u01-b1-g1', 'u01-b1', '第一党小组', 2],
      ['u01-b1-g2', 'u01-b1', '第二党小组', 1],
    ])
    expect(branchOf(tree, 'u01-b2')).toMatchObject({ memberCount: 0, officers: [], partyGroups: [] })
    expect(branchOf(tree, 'u02-b1')?.memberCount).toBe(1)
    expect(tree.youthGroups.map((g) => [g.id, g.memberCount]).sort()).toEqual([
      ['g01', 1],
      ['g02', 1],
    ])
    expect([...tree.youthGroups.find((g) => g.id === 'g02')!.unitIds].sort()).toEqual(['u01', 'u02'])
  })

  it('moves members, keeping the old placement for the time before the move', async () => {
    const { store } = env
    expect(await store.moveMembers(['p1', 'm1'], { unitId: 'u01', branchId: 'u01-b2', partyGroupId: null }, at(60))).toBe(2)
    // Already there: nothing to move.
    expect(await store.moveMembers(['p1'], { unitId: 'u01', branchId: 'u01-b2', partyGroupId: null }, at(61))).toBe(0)
    expect(await store.getMember('p1')).toMatchObject({ unitId: 'u01', branchId: 'u01-b2', partyGroupId: null, partyStatus: 'probationary' })
    // No youth group given: theirs is kept.
    expect((await store.getMember('m1'))?.youthGroupId).toBe('g01')

    expect(await roster(store, 'branch', 'u01-b1', at(30))).toEqual(['m1', 'o1', 'p1', 's1', 's2'])
    expect(await roster(store, 'branch', 'u01-b1', at(90))).toEqual(['o1', 's1', 's2'])
    expect(await roster(store, 'branch', 'u01-b2', at(30))).toEqual([])
    expect(await roster(store, 'branch', 'u01-b2', at(90))).toEqual(['m1', 'p1'])
    expect(await roster(store, 'partyGroup', 'u01-b1-g1', at(30))).toEqual(['p1', 's1'])
    expect(await roster(store, 'partyGroup', 'u01-b1-g1', at(90))).toEqual(['s1'])

    const before = (await store.rosterOn({ kind: 'branch', ids: ['u01-b1'] }, at(30))).find((m) => m.id === 'p1')
    expect(before).toMatchObject({ name: '郑预备', partyStatus: 'probationary', placement: { unitId: 'u01', branchId: 'u01-b1', partyGroupId: 'u01-b1-g1', youthGroupId: null } })
    const after = (await store.rosterOn({ kind: 'branch', ids: ['u01-b2'] }, at(90))).find((m) => m.id === 'm1')
    expect(after?.placement).toEqual({ unitId: 'u01', branchId: 'u01-b2', partyGroupId: null, youthGroupId: 'g01' })

    // A second move: each time answers the placement of its own moment.
    await store.moveMembers(['p1'], { unitId: 'u01', branchId: 'u01-b1', partyGroupId: 'u01-b1-g2', youthGroupId: 'g01' }, at(120))
    expect(await roster(store, 'branch', 'u01-b2', at(90))).toEqual(['m1', 'p1'])
    expect(await roster(store, 'branch', 'u01-b1', at(150))).toEqual(['o1', 'p1', 's1', 's2'])
    expect(await roster(store, 'partyGroup', 'u01-b1-g2', at(150))).toEqual(['p1', 's2'])
    expect(await roster(store, 'partyGroup', 'u01-b1-g1', at(30))).toEqual(['p1', 's1'])
    expect((await store.getMember('p1'))?.youthGroupId).toBe('g01')
  })

  it('a roster import that changes a member’s branch is a move too; newcomers and the inactive are not on earlier rolls', async () => {
    const { store } = env
    const s2 = BRANCH_ORG.members[1]
    await store.importOrg(
      {
        units: [],
        branches: [],
        partyGroups: [],
        youthGroups: [],
        members: [
          { ...s2, branchId: 'u01-b2', partyGroupId: null },
          { ...BRANCH_ORG.members[2], id: 'n1', memberNo: 'DY104', name: '新党员', bindCode: 'CODEDY104' },
        ],
      },
      at(60),
    )
    expect(await roster(store, 'branch', 'u01-b1', at(30))).toEqual(['m1', 'o1', 'p1', 's1', 's2'])
    expect(await roster(store, 'branch', 'u01-b1', at(90))).toEqual(['m1', 'n1', 'o1', 'p1', 's1'])
    expect(await roster(store, 'branch', 'u01-b2', at(90))).toEqual(['s2'])
    expect(await roster(store, 'partyGroup', 'u01-b1-g1', at(30))).toEqual(['p1', 's1'])
    // Before anyone was imported there was no one.
    expect(await roster(store, 'branch', 'u01-b1', '2026-01-01T00:00:00.000Z')).toEqual([])
    await store.importOrg({ units: [], branches: [], partyGroups: [], youthGroups: [], members: [{ ...BRANCH_ORG.members[0], active: false }] }, at(100))
    expect(await roster(store, 'branch', 'u01-b1', at(90))).toEqual(['m1', 'n1', 'o1', 'p1'])
  })

  it('merges 党小组: members move, the merged one leaves the tree and counts as missing', async () => {
    const { store } = env
    expect(await store.mergeOrg('partyGroup', 'u01-b1-g2', 'u01-b1-g1', at(60))).toEqual({ membersMoved: 1 })
    expect(await store.getMember('s2')).toMatchObject({ branchId: 'u01-b1', partyGroupId: 'u01-b1-g1' })
    const b1 = branchOf(await store.orgTree(), 'u01-b1')!
    expect(b1.partyGroups.map((g) => [g.id, g.memberCount])).toEqual([['u01-b1-g1', 3]])
    expect(await store.missingOrgIds('partyGroup', ['u01-b1-g1', 'u01-b1-g2'])).toEqual(['u01-b1-g2'])
    expect((await store.partyGroupsOf('u01-b1')).map((g) => g.id)).toEqual(['u01-b1-g1'])
    // Old rolls keep the old 党小组.
    expect(await roster(store, 'partyGroup', 'u01-b1-g2', at(30))).toEqual(['s2'])
    expect(await roster(store, 'partyGroup', 'u01-b1-g1', at(90))).toEqual(['p1', 's1', 's2'])
    await expectRefused(store.mergeOrg('partyGroup', 'u01-b1-g2', 'u01-b1-g1', at(61)), 'notFound', 'org')
    await expectRefused(store.mergeOrg('partyGroup', 'u01-b1-g1', 'u01-b1-g2', at(61)), 'notFound', 'org')
    await expectRefused(store.mergeOrg('partyGroup', 'nope', 'u01-b1-g1', at(61)), 'notFound', 'org')
  })

  it('merges branches: members and 党小组 move, the merged branch’s officers lose its grants', async () => {
    const { store } = env
    await store.moveMembers(['m1'], { unitId: 'u01', branchId: 'u01-b2', partyGroupId: null }, at(10))
    expect(await store.mergeOrg('branch', 'u01-b1', 'u01-b2', at(60))).toEqual({ membersMoved: 4 })
    expect(await store.getMember('s1')).toMatchObject({ branchId: 'u01-b2', partyGroupId: 'u01-b1-g1' })
    expect((await store.getMember('s1'))?.roles).toEqual([{ role: 'member' }])
    expect(await store.getPartyGroup('u01-b1-g1')).toEqual({ id: 'u01-b1-g1', branchId: 'u01-b2', name: '第一党小组' })
    const tree = await store.orgTree()
    expect(branchOf(tree, 'u01-b1')).toBeUndefined()
    expect(branchOf(tree, 'u01-b2')).toMatchObject({ memberCount: 5, officers: [] })
    expect(idsOf(branchOf(tree, 'u01-b2')!.partyGroups)).toEqual(['u01-b1-g1', 'u01-b1-g2'])
    expect(await store.missingOrgIds('branch', ['u01-b1', 'u01-b2'])).toEqual(['u01-b1'])
    // Kept for old records: its name still answers.
    expect((await store.getBranch('u01-b1'))?.name).toBe('秘书一处党支部')
    expect(await roster(store, 'branch', 'u01-b1', at(30))).toEqual(['o1', 'p1', 's1', 's2'])
    expect(await roster(store, 'branch', 'u01-b2', at(90))).toEqual(['m1', 'o1', 'p1', 's1', 's2'])
    await expectRefused(store.mergeOrg('branch', 'u01-b1', 'u01-b2', at(61)), 'notFound', 'org')
  })

  it('merges units: members, branches, grants and youth group memberships move', async () => {
    const { store } = env
    await store.setRoleGrant('m3', { role: 'unitAdmin', unitId: 'u02' }, true)
    await store.mergeOrg('unit', 'u02', 'u01', at(60))
    expect(await store.getMember('m3')).toMatchObject({ unitId: 'u01', branchId: 'u02-b1' })
    const roles = (await store.getMember('m3'))?.roles ?? []
    expect(roles).toContainEqual({ role: 'unitAdmin', unitId: 'u01' })
    expect(roles).not.toContainEqual({ role: 'unitAdmin', unitId: 'u02' })
    expect((await store.getBranch('u02-b1'))?.unitId).toBe('u01')
    expect(await store.youthGroupUnits('g02')).toEqual(['u01'])
    expect(await store.missingOrgIds('unit', ['u01', 'u02'])).toEqual(['u02'])
    const tree = await store.orgTree()
    expect(tree.units.map((u) => [u.id, u.memberCount])).toEqual([['u01', 8]])
    expect(idsOf(tree.units[0].branches)).toEqual(['u01-b1', 'u01-b2', 'u02-b1'])
    // Boards and coverage list the units that remain; the merged one's name stays for old records.
    expect((await store.stats.units()).map((u) => u.id)).toEqual(['u01'])
    expect((await store.obligationOrg()).units.map((u) => u.id)).toEqual(['u01'])
    expect((await store.getUnit('u02'))?.id).toBe('u02')
    expect((await store.rosterOn({ kind: 'branch', ids: ['u02-b1'] }, at(30)))[0]?.placement).toEqual({ unitId: 'u02', branchId: 'u02-b1', partyGroupId: null, youthGroupId: 'g02' })
  })

  it('merges youth groups', async () => {
    const { store } = env
    expect(await store.mergeOrg('youthGroup', 'g01', 'g02', at(60))).toEqual({ membersMoved: 1 })
    expect((await store.getMember('m1'))?.youthGroupId).toBe('g02')
    expect(await store.missingOrgIds('group', ['g01', 'g02'])).toEqual(['g01'])
    expect((await store.orgTree()).youthGroups.map((g) => [g.id, g.memberCount])).toEqual([['g02', 2]])
    expect((await store.youthGroupData('2026-11-01', 35, at(0), at(60))).groups.map((g) => g.id)).toEqual(['g02'])
  })

  it('moves a member’s totals with them to their new unit (a move, a roster import, a merge), so reconcile finds nothing to repair', async () => {
    const { store } = env
    const study = await addActivity(store, { kind: 'study' })
    await store.recordCheckIn(checkIn(study.id, 'm1'), credit('study', 2), CAP)
    await store.recordCheckIn(checkIn(study.id, 'o1'), credit('study', 2), CAP)
    await store.appendCredit((await addActivity(store, { kind: 'volunteer' })).id, 'm1', credit('volunteer', 4, at(1), { hours: 1.5 }))
    const m3 = await store.appendCredit(study.id, 'm3', credit('study', 1, at(2)))
    await store.reverseCredit(m3, 'o1', at(3), '代签', { device: null, ip: null })
    const expectUnits = async (studyTotals: [string, number, number, number][], volunteerTotals: [string, number, number, number][]) => {
      expect(await unitTotals(store, 'study')).toEqual(inPeriods(...studyTotals))
      expect(await unitTotals(store, 'volunteer')).toEqual(inPeriods(...volunteerTotals))
      expect((await store.reconcileCounters()).drift).toEqual([])
    }
    await expectUnits([['u01', 4, 0, 2]], [['u01', 4, 1.5, 1]])

    await store.moveMembers(['m1'], { unitId: 'u02', branchId: 'u02-b1', partyGroupId: null }, at(10))
    await expectUnits(
      [
        ['u01', 2, 0, 1],
        ['u02', 2, 0, 1],
      ],
      [['u02', 4, 1.5, 1]],
    )
    // Moving within the unit, or to where they are, moves nothing.
    await store.moveMembers(['m1', 'm3'], { unitId: 'u02', branchId: 'u02-b1', partyGroupId: null }, at(11))
    await expectUnits(
      [
        ['u01', 2, 0, 1],
        ['u02', 2, 0, 1],
      ],
      [['u02', 4, 1.5, 1]],
    )

    const m1 = ORG.members.find((m) => m.id === 'm1')!
    await store.importOrg({ units: [], branches: [], partyGroups: [], youthGroups: [], members: [{ ...m1, branchId: 'u01-b2' }] }, at(20))
    await expectUnits([['u01', 4, 0, 2]], [['u01', 4, 1.5, 1]])

    // A branch merged into another unit's branch takes its members, and their totals, to that unit.
    expect(await store.mergeOrg('branch', 'u01-b2', 'u02-b1', at(30))).toEqual({ membersMoved: 1 })
    expect((await store.getMember('m1'))?.unitId).toBe('u02')
    await expectUnits(
      [
        ['u01', 2, 0, 1],
        ['u02', 2, 0, 1],
      ],
      [['u02', 4, 1.5, 1]],
    )

    await store.mergeOrg('unit', 'u02', 'u01', at(40))
    await expectUnits([['u01', 4, 0, 2]], [['u01', 4, 1.5, 1]])
  })

  it('sets party status (转正)', async () => {
    const { store } = env
    expect(await store.setPartyStatus(['p1'], 'full')).toBe(1)
    expect((await store.getMember('p1'))?.partyStatus).toBe('full')
    expect(await store.setPartyStatus(['m1', 'm2'], 'probationary')).toBe(2)
    expect((await store.getMember('m2'))?.partyStatus).toBe('probationary')
    expect((await store.orgSnapshot()).members.find((m) => m.id === 'm1')?.partyStatus).toBe('probationary')
  })
}
