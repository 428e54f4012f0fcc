/**
 * The roster import as a pure plan (planRoster) and date parsing (normalizeDate), without
 * a server: every row rule with its Chinese reason, all or nothing, created / updated / unchanged,
 * roles, leaving, members missing from the file, joint youth groups.
 */
import { normalizeDate, planRoster, ROSTER_HEADERS, TEMPLATE_HEADER, type ImportScope, type OrgSnapshot, type RosterRow } from '../../../cloud/domain/roster'

type OrgMember = OrgSnapshot['members'][number]

const member = (m: Partial<OrgMember> & Pick<OrgMember, 'id' | 'memberNo' | 'name' | 'unitId'>): OrgMember => ({
  branchId: null,
  partyGroupId: null,
  youthGroupId: null,
  birthDate: null,
  partyStatus: 'full',
  cadreRank: null,
  roles: [{ role: 'member' }],
  active: true,
  phone: null,
  bindCode: `CODE-${m.id}`,
  ...m,
})

/** Two units, a branch with a 党小组, a youth group, and four people in them. */
const org = (): OrgSnapshot => ({
  units: [
    { id: 'u1', name: '甲局' },
    { id: 'u2', name: '乙局' },
  ],
  branches: [{ id: 'b1', unitId: 'u1', name: '机关党支部' }],
  partyGroups: [{ id: 'pg1', branchId: 'b1', name: '第一党小组' }],
  youthGroups: [{ id: 'g1', name: '甲局青年理论学习小组', unitIds: ['u1'] }],
  members: [
    member({ id: 'm1', memberNo: 'A001', name: '张三', unitId: 'u1', branchId: 'b1', youthGroupId: 'g1', birthDate: '1995-05-05', phone: '13800000001' }),
    member({ id: 'm2', memberNo: 'A002', name: '李四', unitId: 'u1', roles: [{ role: 'unitAdmin', unitId: 'u1' }, { role: 'organizer', unitId: 'u1', groupId: 'g1' }] }),
    member({ id: 'm3', memberNo: 'A003', name: '王五', unitId: 'u1', roles: [{ role: 'cityAdmin' }] }),
    member({ id: 'm4', memberNo: 'B001', name: '赵六', unitId: 'u2' }),
  ],
})

/** A row of a new member of 甲局 unless told otherwise; `roles: null` means the file has no 角色 column. */
const row = (over: Partial<RosterRow> = {}, n = 2): RosterRow => ({
  row: n,
  memberNo: 'N001',
  name: '新同志',
  unit: '甲局',
  branch: '',
  birthDate: '',
  phone: '',
  roles: null,
  youthGroup: '',
  status: '',
  idNumber: '',
  ...over,
})

/** The current row of an existing member, as a file would list them. */
const rowOfM1 = (over: Partial<RosterRow> = {}, n = 2) =>
  row({ memberNo: 'A001', name: '张三', unit: '甲局', branch: '机关党支部', birthDate: '1995-05-05', phone: '13800000001', youthGroup: '甲局青年理论学习小组', ...over }, n)

const CITY: ImportScope = { cityAdmin: true, unitIds: [] }
const UA1: ImportScope = { cityAdmin: false, unitIds: ['u1'] }
const TODAY = '2026-11-20'

function plan(rows: RosterRow[], scope: ImportScope = UA1, opts: { deactivateMissing?: boolean; org?: OrgSnapshot } = {}) {
  let n = 0
  return planRoster(rows, opts.org ?? org(), scope, { deactivateMissing: opts.deactivateMissing ?? false, today: TODAY }, {
    id: () => `new${++n}`,
    bindCode: () => `BIND${n}`,
  })
}
const EMPTY_BATCH = { units: [], branches: [], partyGroups: [], youthGroups: [], members: [] }

describe('normalizeDate', () => {
  test.each([
    ['1990/1/5', '1990-01-05'],
    ['19900105', '1990-01-05'],
    ['1990-01-05', '1990-01-05'],
    ['1990.1.31', '1990-01-31'],
    ['1990年1月5日', '1990-01-05'],
    ['  1990-1-5  ', '1990-01-05'],
    ['2000-02-29', '2000-02-29'],
  ])('%s → %s', (raw, iso) => expect(normalizeDate(raw)).toBe(iso))

  test.each(['1990-02-30', '1900-02-29', '1990-13-01', '1990-00-10', '1990-01-00', '1990-04-31', '90-1-5', '1990-1', '', '明天', '1990/01/05 08:00', '１９９０-01-05'])(
    '%s → null',
    (raw) => expect(normalizeDate(raw)).toBeNull(),
  )
})

describe('planRoster: every row rule, with its Chinese reason', () => {
  test.each<[string, Partial<RosterRow>, string]>([
    ['missing 党员编号', { memberNo: '  ' }, '缺少党员编号'],
    ['党员编号 too long', { memberNo: 'X'.repeat(33) }, '党员编号过长（不超过 32 个字符）'],
    ['missing 姓名', { name: '' }, '缺少姓名'],
    ['姓名 over 40 characters', { name: '𠮷'.repeat(41) }, '姓名过长（不超过 40 字）'],
    ['missing 单位', { unit: '' }, '缺少单位'],
    ['a unit that does not exist (unit admin)', { unit: '丙局' }, '单位“丙局”不存在；新增单位须由市直机关工委管理员导入'],
    ['a unit the unit admin does not manage', { unit: '乙局' }, '无权导入“乙局”的人员，只能导入您管理的单位'],
    ['a bad 出生日期', { birthDate: '1990-02-30' }, '出生日期“1990-02-30”格式不正确，应如 1990-01-31'],
    ['出生日期 in the future', { birthDate: '2030-01-01' }, '出生日期“2030-01-01”不合理'],
    ['出生日期 before 1900', { birthDate: '1899-12-31' }, '出生日期“1899-12-31”不合理'],
    ['a short 手机号', { phone: '1380000' }, '手机号“1380000”格式不正确，应为 11 位数字'],
    ['a 手机号 not starting with 1', { phone: '23800000001' }, '手机号“23800000001”格式不正确，应为 11 位数字'],
    ['an unknown 角色', { roles: '超级管理员' }, '角色“超级管理员”无法识别，可填：党员、活动组织者、单位管理员、支部书记、组织委员、支部委员'],
    ['the city admin role', { roles: '市直机关工委管理员' }, '市直机关工委管理员只能在系统中设置，不能通过花名册导入'],
    ['an unknown 状态', { status: '休假' }, '状态“休假”无法识别，可填：在册、离开'],
    ['党支部 over 60 characters', { branch: '支'.repeat(61) }, '党支部名称过长（不超过 60 字）'],
    ['青年小组 over 60 characters', { youthGroup: '组'.repeat(61) }, '青年理论学习小组名称过长（不超过 60 字）'],
    ['党小组 over 60 characters', { branch: '机关党支部', partyGroup: '组'.repeat(61) }, '党小组名称过长（不超过 60 字）'],
    ['a 党小组 without its branch', { partyGroup: '第一党小组' }, '填写了党小组“第一党小组”，请同时填写所在党支部'],
    ['an unknown 党员类别', { partyStatus: '积极分子' }, '党员类别“积极分子”无法识别，可填：正式党员、预备党员'],
    ['an unknown 职级', { cadreRank: '部级' }, '职级“部级”无法识别，可填：厅局级、县处级、乡科级、一般干部'],
    ['a branch role without a branch', { roles: '党员、支部书记' }, '角色“支部书记”须同时填写所在党支部'],
  ])('%s', (_what, over, reason) => {
    const p = plan([row(over, 7)])
    expect(p.errors).toEqual([{ row: 7, reason }])
    expect(p.batch).toEqual(EMPTY_BATCH)
  })

  it('a duplicate 党员编号 names the earlier row', () => {
    const p = plan([row({ memberNo: 'N001' }, 2), row({ memberNo: 'N002' }, 3), row({ memberNo: 'N001', name: '另一人' }, 4)])
    expect(p.errors).toEqual([{ row: 4, reason: '党员编号“N001”与第 2 行重复' }])
  })

  it('one row can fail several rules; all are reported, in row order, and nothing is planned', () => {
    const p = plan([row({}, 2), row({ memberNo: 'N002', name: '', phone: '123', birthDate: 'x', roles: '部长' }, 3), row({ memberNo: 'N003', unit: '乙局' }, 4)])
    expect(p.errors).toEqual([
      { row: 3, reason: '缺少姓名' },
      { row: 3, reason: '出生日期“x”格式不正确，应如 1990-01-31' },
      { row: 3, reason: '手机号“123”格式不正确，应为 11 位数字' },
      { row: 3, reason: '角色“部长”无法识别，可填：党员、活动组织者、单位管理员、支部书记、组织委员、支部委员' },
      { row: 4, reason: '无权导入“乙局”的人员，只能导入您管理的单位' },
    ])
    for (const e of p.errors) expect(e.reason).toMatch(/[\u4e00-\u9fa5]/)
    expect(p.batch).toEqual(EMPTY_BATCH)
  })

  it('accepts what people actually type: 40-character names, phones with spaces and dashes, dates with slashes', () => {
    const p = plan([row({ name: '𠮷'.repeat(40), phone: '138 0000-0002', birthDate: '1990/1/5', status: '在职' })])
    expect(p.errors).toEqual([])
    expect(p.batch.members[0]).toMatchObject({ name: '𠮷'.repeat(40), phone: '13800000002', birthDate: '1990-01-05', active: true })
  })
})

describe('planRoster: what the plan writes', () => {
  it('a new member: created, a fresh id and bind code, a plain member role', () => {
    const p = plan([row({ birthDate: '1998-02-03', phone: '13900000009' })])
    expect(p.summary).toEqual({ rows: 1, created: 1, updated: 0, unchanged: 0, deactivated: 0, newUnits: 0, newBranches: 0, newPartyGroups: 0, newGroups: 0 })
    expect(p.batch.members).toEqual([
      expect.objectContaining({
        id: 'new1',
        memberNo: 'N001',
        unitId: 'u1',
        bindCode: 'BIND1',
        roles: [{ role: 'member' }],
        active: true,
        branchId: null,
        partyGroupId: null,
        youthGroupId: null,
        partyStatus: 'full',
      }),
    ])
  })

  it('an unchanged member is counted, not written; a changed one is written with its id and bind code kept', () => {
    const same = plan([rowOfM1()])
    expect(same.summary).toMatchObject({ created: 0, updated: 0, unchanged: 1 })
    expect(same.batch.members).toEqual([])
    const changed = plan([rowOfM1({ phone: '13811112222' })])
    expect(changed.summary).toMatchObject({ updated: 1, unchanged: 0 })
    expect(changed.batch.members).toEqual([expect.objectContaining({ id: 'm1', bindCode: 'CODE-m1', phone: '13811112222' })])
  })

  it('roles: 活动组织者 grants the unit role; no 角色 column keeps every role; a 角色 column replaces unit roles only', () => {
    expect(plan([row({ roles: '活动组织者、党员' })]).batch.members[0].roles).toEqual([{ role: 'organizer', unitId: 'u1' }])
    // m2 is unit admin of u1 and organizer of the youth group g1.
    const m2 = (over: Partial<RosterRow>) => row({ memberNo: 'A002', name: '李四', ...over })
    expect(plan([m2({ roles: null })], CITY).summary).toMatchObject({ unchanged: 1 })
    expect(plan([m2({ roles: '党员' })], CITY).batch.members[0].roles).toEqual([{ role: 'organizer', unitId: 'u1', groupId: 'g1' }])
    // The city admin's own role is never touched by a roster.
    expect(plan([row({ memberNo: 'A003', name: '王五', roles: '党员' })], CITY).summary).toMatchObject({ unchanged: 1 })
  })

  it('状态 离开: the member becomes inactive and counts as deactivated; 在册 brings them back', () => {
    const left = plan([rowOfM1({ status: '离开' })])
    expect(left.summary).toMatchObject({ updated: 1, deactivated: 1 })
    expect(left.batch.members[0]).toMatchObject({ id: 'm1', active: false })
    const o = org()
    o.members[0] = { ...o.members[0], active: false }
    const back = plan([rowOfM1({ status: '在册' })], UA1, { org: o })
    expect(back.summary).toMatchObject({ updated: 1, deactivated: 0 })
    expect(back.batch.members[0]).toMatchObject({ id: 'm1', active: true })
  })

  it('deactivateMissing: active members of the file\'s units who are not in it are marked inactive, others untouched', () => {
    const p = plan([rowOfM1()], CITY, { deactivateMissing: true })
    expect(p.summary).toMatchObject({ unchanged: 1, deactivated: 2 })
    expect(p.batch.members.map((m) => [m.id, m.active])).toEqual([
      ['m2', false],
      ['m3', false],
    ])
    // Without the flag nobody is touched; with errors, nothing at all.
    expect(plan([rowOfM1()], CITY).summary.deactivated).toBe(0)
    const bad = plan([rowOfM1(), row({ name: '' }, 3)], CITY, { deactivateMissing: true })
    expect(bad.batch).toEqual(EMPTY_BATCH)
  })

  it('a new unit (city admin only), new branches made once, a new group made once', () => {
    const p = plan(
      [
        row({ memberNo: 'C001', unit: '丙局', branch: '一支部', youthGroup: '丙局青年小组' }, 2),
        row({ memberNo: 'C002', unit: '丙局', branch: '一支部', youthGroup: '丙局青年小组' }, 3),
      ],
      CITY,
    )
    expect(p.errors).toEqual([])
    expect(p.summary).toMatchObject({ created: 2, newUnits: 1, newBranches: 1, newGroups: 1 })
    const [unit] = p.batch.units
    expect(p.batch.branches).toEqual([{ id: expect.any(String), unitId: unit.id, name: '一支部' }])
    expect(p.batch.youthGroups).toEqual([{ id: expect.any(String), name: '丙局青年小组', unitIds: [unit.id] }])
    expect(new Set(p.batch.members.map((m) => m.branchId)).size).toBe(1)
  })

  it('a joint youth group: one group name used by members of two units', () => {
    const p = plan([row({ memberNo: 'J1', unit: '甲局', youthGroup: '联合青年小组' }, 2), row({ memberNo: 'J2', unit: '乙局', youthGroup: '联合青年小组' }, 3)], CITY)
    expect(p.summary.newGroups).toBe(1)
    expect(p.batch.youthGroups).toEqual([{ id: expect.any(String), name: '联合青年小组', unitIds: ['u1', 'u2'] }])
    // Joining an existing group from another unit extends it, keeping the units it had.
    const q = plan([row({ memberNo: 'J3', unit: '乙局', youthGroup: '甲局青年理论学习小组' })], CITY)
    expect(q.summary.newGroups).toBe(0)
    expect(q.batch.youthGroups).toEqual([{ id: 'g1', name: '甲局青年理论学习小组', unitIds: ['u1', 'u2'] }])
  })
})

describe('planRoster: what a unit admin may not do through the roster', () => {
  // The unit that counts is also that of the existing member with the 党员编号: a unit admin of u1 cannot move
  // B001 (of u2) into u1, rename them or mark them 离开.
  it('cannot take over a member of another unit by naming their 党员编号', () => {
    const p = plan([row({ memberNo: 'B001', name: '赵六', unit: '甲局', status: '离开' }, 5)])
    expect(p.errors).toEqual([{ row: 5, reason: expect.stringMatching(/[\u4e00-\u9fa5]/) }])
    expect(p.batch).toEqual(EMPTY_BATCH)
  })

  // The roster follows setRole's rules (mayGrant: a unit admin grants only the organizer role): 单位管理员 is
  // granted, or dropped by a 角色 column, only when the city admin imports.
  it('cannot grant or remove the unit admin role', () => {
    expect(plan([row({ roles: '单位管理员' }, 3)]).errors).toEqual([{ row: 3, reason: expect.stringMatching(/单位管理员/) }])
    expect(plan([row({ memberNo: 'A002', name: '李四', roles: '党员' }, 4)]).errors).toEqual([{ row: 4, reason: expect.stringMatching(/单位管理员/) }])
    // The city admin may do both.
    expect(plan([row({ roles: '单位管理员' })], CITY).batch.members[0].roles).toEqual([{ role: 'unitAdmin', unitId: 'u1' }])
  })
})

describe('planRoster: 党小组, 党员类别, 职级 and branch roles', () => {
  it('puts members in a 党小组 of their branch, making a new one once', () => {
    const p = plan([
      row({ memberNo: 'N001', branch: '机关党支部', partyGroup: '第一党小组' }, 2),
      row({ memberNo: 'N002', branch: '机关党支部', partyGroup: '第二党小组' }, 3),
      row({ memberNo: 'N003', branch: '机关党支部', partyGroup: '第二党小组' }, 4),
    ])
    expect(p.errors).toEqual([])
    expect(p.summary).toMatchObject({ created: 3, newBranches: 0, newPartyGroups: 1 })
    expect(p.batch.partyGroups).toEqual([{ id: expect.any(String), branchId: 'b1', name: '第二党小组' }])
    const newGroup = p.batch.partyGroups[0].id
    expect(p.batch.members.map((m) => [m.memberNo, m.branchId, m.partyGroupId])).toEqual([
      ['N001', 'b1', 'pg1'],
      ['N002', 'b1', newGroup],
      ['N003', 'b1', newGroup],
    ])
  })

  it('a 党小组 of the same name in another branch is another 党小组', () => {
    const p = plan([row({ branch: '新支部', partyGroup: '第一党小组' })])
    expect(p.summary).toMatchObject({ newBranches: 1, newPartyGroups: 1 })
    expect(p.batch.partyGroups).toEqual([{ id: expect.any(String), branchId: p.batch.branches[0].id, name: '第一党小组' }])
  })

  it('党员类别: 预备党员 and 正式党员 are read; blank keeps what is on file, 正式党员 for someone new', () => {
    expect(plan([row({ partyStatus: '预备党员' })]).batch.members[0].partyStatus).toBe('probationary')
    expect(plan([row({ partyStatus: '' })]).batch.members[0].partyStatus).toBe('full')
    const o = org()
    o.members[0] = { ...o.members[0], partyStatus: 'probationary' }
    expect(plan([rowOfM1({ partyStatus: '' })], UA1, { org: o }).summary).toMatchObject({ unchanged: 1 })
    const promoted = plan([rowOfM1({ partyStatus: '正式党员' })], UA1, { org: o })
    expect(promoted.summary).toMatchObject({ updated: 1 })
    expect(promoted.batch.members[0]).toMatchObject({ id: 'm1', partyStatus: 'full' })
  })

  it('职级: the four ranks and the words people use for them; blank says none; a file without the column keeps what is on file', () => {
    const rank = (word: string) => plan([row({ cadreRank: word })]).batch.members[0].cadreRank
    expect(['厅局级', '正厅', '副厅', '县处级', '正处', '副处', '县处', '乡科级', '正科', '副科', '科级', '一般干部', '科员', '办事员', '一般', ' 县处级 ', ''].map(rank)).toEqual([
      'bureau', 'bureau', 'bureau', 'county', 'county', 'county', 'county', 'section', 'section', 'section', 'section', 'staff', 'staff', 'staff', 'staff', 'county', null,
    ])
    expect(plan([row()]).batch.members[0].cadreRank).toBeNull()
    const o = org()
    o.members[0] = { ...o.members[0], cadreRank: 'county' }
    expect(plan([rowOfM1()], UA1, { org: o }).summary).toMatchObject({ unchanged: 1 })
    expect(plan([rowOfM1({ cadreRank: '县处级' })], UA1, { org: o }).summary).toMatchObject({ unchanged: 1 })
    const promoted = plan([rowOfM1({ cadreRank: '正厅' })], UA1, { org: o })
    expect(promoted.summary).toMatchObject({ updated: 1 })
    expect(promoted.batch.members[0]).toMatchObject({ id: 'm1', cadreRank: 'bureau' })
    expect(plan([rowOfM1({ cadreRank: '' })], UA1, { org: o }).batch.members[0]).toMatchObject({ id: 'm1', cadreRank: null })
  })

  it('the template ends with 职级, and 干部职级 is read as the same column', () => {
    expect(TEMPLATE_HEADER[TEMPLATE_HEADER.length - 1]).toBe('职级')
    expect(ROSTER_HEADERS.cadreRank).toEqual(['职级', '干部职级'])
  })

  it('a file without the 党小组 column keeps members in their 党小组; a blank cell in the column takes them out', () => {
    const o = org()
    o.members[0] = { ...o.members[0], partyGroupId: 'pg1' }
    expect(plan([rowOfM1()], UA1, { org: o }).summary).toMatchObject({ unchanged: 1 })
    const out = plan([rowOfM1({ partyGroup: '' })], UA1, { org: o })
    expect(out.batch.members[0]).toMatchObject({ id: 'm1', partyGroupId: null })
    // Another branch: the old 党小组 does not follow them.
    const moved = plan([rowOfM1({ branch: '新支部' })], UA1, { org: o })
    expect(moved.batch.members[0]).toMatchObject({ partyGroupId: null })
  })

  it('支部书记, 组织委员 and 支部委员 are granted for the row’s branch', () => {
    const p = plan([row({ branch: '机关党支部', roles: '支部书记、活动组织者' }, 2), row({ memberNo: 'N002', branch: '机关党支部', roles: '组织委员，支部委员' }, 3)])
    expect(p.errors).toEqual([])
    expect(p.batch.members[0].roles).toEqual([
      { role: 'organizer', unitId: 'u1' },
      { role: 'branchSecretary', unitId: 'u1', branchId: 'b1' },
    ])
    expect(p.batch.members[1].roles).toEqual([
      { role: 'branchOrganizer', unitId: 'u1', branchId: 'b1' },
      { role: 'branchCommittee', unitId: 'u1', branchId: 'b1' },
    ])
  })

  it('a 角色 column replaces branch roles; without one they are kept', () => {
    const o = org()
    o.members[0] = { ...o.members[0], roles: [{ role: 'branchSecretary', unitId: 'u1', branchId: 'b1' }] }
    expect(plan([rowOfM1()], UA1, { org: o }).summary).toMatchObject({ unchanged: 1 })
    expect(plan([rowOfM1({ roles: '支部书记' })], UA1, { org: o }).summary).toMatchObject({ unchanged: 1 })
    const dropped = plan([rowOfM1({ roles: '党员' })], UA1, { org: o })
    expect(dropped.batch.members[0].roles).toEqual([{ role: 'member' }])
    const changed = plan([rowOfM1({ roles: '支部委员' })], UA1, { org: o })
    expect(changed.batch.members[0].roles).toEqual([{ role: 'branchCommittee', unitId: 'u1', branchId: 'b1' }])
  })
})
