/**
 * Roster import (花名册导入) through the real gateway, with CSV (UTF-8 + BOM) and .xlsx
 * files built here. All or nothing: a file with any bad row changes nothing and lists every bad
 * row with a Chinese reason. Then: 500 rows, re-imports, changes, people leaving, members missing
 * from the file, joint youth groups, dry runs, scope, the template, phone masking, the audit log.
 */
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Member } from '../../cloud/contract/model'
import { maskPhone } from '../../cloud/domain/privacy'
import { TEMPLATE_HEADER, type RosterError } from '../../cloud/domain/roster'
import { CHINESE, errorOf, expectError, expectOk, HOUR, world, type Call, type MemberRow, type World } from '../helpers/api'
import { csvFile, ROSTER_HEADER, xlsxFile } from '../helpers/spreadsheets'
import { startTestServer, type EventOf, type TestServer } from '../helpers/testServer'

const NOW = '2026-11-20T02:00:00.000Z'
const U01 = '市委办公室'
const U02 = '市政府办公室'
const pad = (n: number, w = 2) => String(n).padStart(w, '0')

type Row = (string | number)[]

/** A member's current row as a roster file would have it (with or without the 角色 column). */
function rowOf(w: World, memberId: string, opts: { roles?: string; status?: string } = {}): Row {
  const m = w.one<MemberRow & { unit_name: string; branch_name: string | null; group_name: string | null }>(
    `SELECT m.*, u.name AS unit_name, b.name AS branch_name, g.name AS group_name FROM members m
     JOIN units u ON u.id = m.unit_id LEFT JOIN branches b ON b.id = m.branch_id LEFT JOIN youth_groups g ON g.id = m.youth_group_id
     WHERE m.id = ?`,
    memberId,
  )
  const base = [m.member_no, m.name, m.unit_name, m.branch_name ?? '', m.birth_date ?? '', m.phone ?? '']
  const tail = [m.group_name ?? '', opts.status ?? '在册']
  return opts.roles === undefined ? [...base, ...tail] : [...base, opts.roles, ...tail]
}
const HEADER_NO_ROLES = ROSTER_HEADER.filter((h) => h !== '角色')

/** The rows a refused import lists in its details, each with its reason. */
function rowErrors(res: Call): RosterError[] {
  const errors = errorOf(res).details?.errors
  const isRowError = (e: unknown): e is RosterError =>
    typeof e === 'object' && e !== null && 'row' in e && typeof e.row === 'number' && 'reason' in e && typeof e.reason === 'string'
  if (!Array.isArray(errors) || !errors.every(isRowError)) throw new Error(`expected details.errors of rows, got ${JSON.stringify(errors)}`)
  return errors
}

describe('roster import', () => {
  let srv: TestServer
  let w: World
  let unitAdmin: string
  let otherAdmin: string
  let cityAdmin: string
  let organizer: string

  const importAs = (who: string, event: Omit<EventOf<'member', 'importRoster'>, 'action' | 'format'> & { format?: 'csv' | 'xlsx' }) =>
    srv.call('member', { action: 'importRoster', format: 'csv', ...event }, w.as(who))
  /** Everything but the audit log, hashed table by table. */
  const state = () => {
    const all = w.fingerprint()
    delete all.audit_log
    return all
  }

  beforeAll(async () => {
    srv = await startTestServer({ now: NOW })
    w = world(srv)
    unitAdmin = w.ids.unitAdmin('u01')
    otherAdmin = w.ids.unitAdmin('u02')
    cityAdmin = w.ids.cityAdmin()
    organizer = w.ids.organizer('u01')
  })
  afterAll(async () => {
    await srv.close()
  })

  describe('a file with bad rows changes nothing and names every bad row', () => {
    const GOOD = ['DY800001', '好同志', U01, '秘书一处党支部', '1990-01-01', '13900000001', '党员', '', '在册']
    const rows: Row[] = [
      GOOD, //                                                                                  row 2
      ['DY800002', '', U01, '秘书一处党支部', '1990-01-01', '13900000002', '党员', '', '在册'], // 3: 缺少姓名
      ['DY800003', '张三', U01, '', '1990-01-01', '1380000', '党员', '', '在册'], //               4: 手机号
      ['DY800004', '李四', U01, '', '1990-02-30', '13900000004', '党员', '', '在册'], //           5: 出生日期
      ['DY800005', '王五', U01, '', '1991-03-03', '13900000005', '党员', '', '在册'], //           6 (good)
      ['DY800005', '赵六', U01, '', '1992-04-04', '13900000006', '党员', '', '在册'], //           7: 编号重复
      ['DY800007', '孙七', U01, '', '1993-05-05', '13900000007', '超级管理员', '', '在册'], //     8: 角色
      ['DY800008', '周八', U02, '', '1994-06-06', '13900000008', '党员', '', '在册'], //           9: 他单位
      ['DY800009', '吴九', U01, '', '1995-07-07', '13900000009', '市直机关工委管理员', '', '在册'], // 10
    ]
    const EXPECTED = [
      { row: 3, reason: '缺少姓名' },
      { row: 4, reason: '手机号“1380000”格式不正确，应为 11 位数字' },
      { row: 5, reason: '出生日期“1990-02-30”格式不正确，应如 1990-01-31' },
      { row: 7, reason: '党员编号“DY800005”与第 6 行重复' },
      { row: 8, reason: '角色“超级管理员”无法识别，可填：党员、活动组织者、单位管理员、支部书记、组织委员、支部委员' },
      { row: 9, reason: `无权导入“${U02}”的人员，只能导入您管理的单位` },
      { row: 10, reason: '市直机关工委管理员只能在系统中设置，不能通过花名册导入' },
    ]

    test.each(['csv', 'xlsx'] as const)('%s: BAD_INPUT with details.errors per row, in Chinese; tables and members checksum unchanged', async (format) => {
      const file = format === 'csv' ? csvFile(rows) : await xlsxFile(rows)
      const counts = w.counts()
      const checksum = w.membersChecksum()
      const before = w.fingerprint()
      const res = await importAs(unitAdmin, { format, file })
      expectError(res, 'BAD_INPUT')
      expect(errorOf(res).message).toBe('花名册有 7 行需要修改，未导入任何数据')
      const errors = rowErrors(res)
      expect(errors).toEqual(EXPECTED)
      for (const e of errors) expect(e.reason).toMatch(CHINESE)
      expect(w.counts()).toEqual(counts)
      expect(w.membersChecksum()).toBe(checksum)
      expect(w.fingerprint()).toEqual(before)
      expect(w.one(`SELECT COUNT(*) AS n FROM members WHERE member_no LIKE 'DY8%'`)).toEqual({ n: 0 })
    })

    it('the good rows of that file alone import fine (the rows were refused for their own faults)', async () => {
      const data = expectOk(await importAs(unitAdmin, { file: csvFile([GOOD, rows[4]]), dryRun: true }))
      expect(data.summary).toMatchObject({ rows: 2, created: 2 })
    })

    it('files that are not rosters: BAD_INPUT in Chinese, nothing written', async () => {
      const before = w.mark()
      for (const [format, file, message] of [
        ['csv', csvFile([['x', 'y']], ['编号甲', '名字']), /找不到表头/],
        ['csv', csvFile([['DY1', '张三']], ['党员编号', '姓名']), /表头缺少必填列：单位/],
        ['csv', csvFile([], ROSTER_HEADER), /没有数据行/],
        ['xlsx', Buffer.from('not a zip file').toString('base64'), /无法读取 Excel 文件/],
        ['xlsx', csvFile([['DY1', '张三', U01]]), /无法读取 Excel 文件/],
      ] as const) {
        const res = await importAs(unitAdmin, { format, file })
        expectError(res, 'BAD_INPUT')
        expect(errorOf(res).message).toMatch(message)
      }
      expect(w.mark()).toEqual(before)
    })
  })

  describe('500 rows', () => {
    const BRANCHES = ['秘书一处党支部', '秘书二处党支部', '综合处党支部']
    const make = (i: number, phone?: string): Row => {
      const year = 1966 + (i % 35)
      return [
        `BT${pad(i, 4)}`,
        `${'赵钱孙李周吴郑王冯陈'[i % 10]}${'伟芳娜敏静丽强磊洋勇'[Math.floor(i / 10) % 10]}${'一二三四五'[i % 5]}`,
        U01,
        BRANCHES[i % 3],
        `${year}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
        phone ?? `139${pad(10_000_000 + i, 8)}`,
        i % 50 === 0 ? '活动组织者' : '党员',
        year >= 1992 ? '市委办公室青年理论学习小组' : '',
        '在册',
      ]
    }
    const rows = Array.from({ length: 500 }, (_, i) => make(i + 1))

    it('imports: created 500, every row in u01, roles and youth groups set', async () => {
      const before = w.counts()
      const data = expectOk(await importAs(unitAdmin, { file: csvFile(rows) }))
      expect(data).toEqual({
        applied: true,
        errors: [],
        summary: { rows: 500, created: 500, updated: 0, unchanged: 0, deactivated: 0, newUnits: 0, newBranches: 0, newGroups: 0, newPartyGroups: 0 },
      })
      expect(w.counts().members).toBe(before.members + 500)
      expect(w.one(`SELECT COUNT(*) AS n, COUNT(DISTINCT bind_code) AS codes, SUM(active) AS active FROM members WHERE member_no LIKE 'BT%' AND unit_id = 'u01'`)).toEqual({ n: 500, codes: 500, active: 500 })
      expect(w.one(`SELECT COUNT(*) AS n FROM member_roles r JOIN members m ON m.id = r.member_id WHERE m.member_no LIKE 'BT%' AND r.role = 'organizer' AND r.unit_id = 'u01'`)).toEqual({ n: 10 })
      const youth = rows.filter((r) => r[7]).length
      expect(w.one(`SELECT COUNT(*) AS n FROM members WHERE member_no LIKE 'BT%' AND youth_group_id = 'g01'`)).toEqual({ n: youth })
      expect(w.member(w.one<{ id: string }>(`SELECT id FROM members WHERE member_no = 'BT0007'`).id)).toMatchObject({ birth_date: '1973-08-08', phone: '13910000007', branch_id: 'u01-b2' })
    })

    it('new members sign in with the bind codes the import gave them', async () => {
      for (const no of ['BT0001', 'BT0250', 'BT0500']) {
        const m = w.one<{ id: string; name: string; bind_code: string }>(`SELECT id, name, bind_code FROM members WHERE member_no = ?`, no)
        expect(m.bind_code).toMatch(/^[A-Z2-9]{8}$/)
        const session = await srv.signIn(m.bind_code)
        expect(expectOk(await srv.call('member', { action: 'me' }, session))).toMatchObject({ id: m.id, name: m.name, unitName: U01 })
      }
    })

    it('re-importing the same file: created 0, updated 0, unchanged 500, nothing written but the audit entry', async () => {
      const before = state()
      const data = expectOk(await importAs(unitAdmin, { file: csvFile(rows) }))
      expect(data.summary).toMatchObject({ rows: 500, created: 0, updated: 0, unchanged: 500, deactivated: 0 })
      expect(state()).toEqual(before)
    })

    it('the same roster as .xlsx is the same roster: unchanged 500', async () => {
      const data = expectOk(await importAs(unitAdmin, { format: 'xlsx', file: await xlsxFile(rows) }))
      expect(data.summary).toMatchObject({ created: 0, updated: 0, unchanged: 500 })
    })

    it('three changed phones: updated 3, the rest unchanged; bind codes stay', async () => {
      const codes = w.all(`SELECT member_no, bind_code FROM members WHERE member_no LIKE 'BT%' ORDER BY member_no`)
      const changed = rows.map((r, i) => ([10, 20, 30].includes(i + 1) ? make(i + 1, `1370000${pad(i + 1, 4)}`) : r))
      const data = expectOk(await importAs(unitAdmin, { file: csvFile(changed) }))
      expect(data.summary).toMatchObject({ created: 0, updated: 3, unchanged: 497 })
      expect(w.all(`SELECT member_no, phone FROM members WHERE member_no IN ('BT0010', 'BT0020', 'BT0030') ORDER BY member_no`)).toEqual([
        { member_no: 'BT0010', phone: '13700000010' },
        { member_no: 'BT0020', phone: '13700000020' },
        { member_no: 'BT0030', phone: '13700000030' },
      ])
      expect(w.all(`SELECT member_no, bind_code FROM members WHERE member_no LIKE 'BT%' ORDER BY member_no`)).toEqual(codes)
    })
  })

  describe('people leaving (状态 离开) and people missing from the file', () => {
    it('状态 离开: the member becomes inactive and cannot sign in; their check-ins and credits stay', async () => {
      const leaver = w.one<{ id: string }>(
        `SELECT m.id FROM members m WHERE m.unit_id = 'u01' AND m.active = 1
           AND m.id NOT IN (SELECT member_id FROM member_roles WHERE role <> 'member')
           AND EXISTS (SELECT 1 FROM ledger l WHERE l.member_id = m.id) ORDER BY m.id LIMIT 1`,
      ).id
      const code = w.member(leaver).bind_code
      const session = await srv.signIn(code)
      const history = () => ({
        checkIns: w.n('SELECT COUNT(*) AS n FROM check_ins WHERE member_id = ?', leaver),
        ledger: w.n('SELECT COUNT(*) AS n FROM ledger WHERE member_id = ?', leaver),
      })
      const kept = history()
      expect(kept.checkIns).toBeGreaterThan(0)

      const data = expectOk(await importAs(unitAdmin, { file: csvFile([rowOf(w, leaver, { roles: '党员', status: '离开' })]) }))
      expect(data.summary).toMatchObject({ rows: 1, created: 0, updated: 1, deactivated: 1 })
      expect(w.member(leaver).active).toBe(0)
      expectError(await srv.call('member', { action: 'signIn', bindCode: code }), 'UNAUTHENTICATED')
      expectError(await srv.call('member', { action: 'me' }, session), 'FORBIDDEN')
      expect(history()).toEqual(kept)
      // Off the roster by default; listed as inactive (and without a code to hand out) on request.
      const list = (includeInactive: boolean) => srv.call('member', { action: 'roster', unitId: 'u01', includeInactive }, w.as(unitAdmin))
      expect(expectOk(await list(false)).members.some((m) => m.id === leaver)).toBe(false)
      expect(expectOk(await list(true)).members.find((m) => m.id === leaver)).toMatchObject({ active: false, bindCode: null })

      // Coming back (在册) restores the account with the same code.
      expect(expectOk(await importAs(unitAdmin, { file: csvFile([rowOf(w, leaver, { roles: '党员' })]) })).summary).toMatchObject({ updated: 1, deactivated: 0 })
      expect(expectOk(await srv.call('member', { action: 'signIn', bindCode: code })).member.id).toBe(leaver)
    })

    it('deactivateMissing: members of the file\'s units who are absent become inactive; other units untouched', async () => {
      const u10 = w.all<{ id: string }>(`SELECT id FROM members WHERE unit_id = 'u10' AND active = 1 ORDER BY id`).map((r) => r.id)
      const plain = w.ids.plain('u10')
      const absent = plain.slice(-2)
      const present = u10.filter((id) => !absent.includes(id))
      // No 角色 column: everyone keeps the roles they have.
      const file = csvFile(present.map((id) => rowOf(w, id)), HEADER_NO_ROLES)
      const others = () => w.all(`SELECT * FROM members WHERE unit_id <> 'u10' ORDER BY id`)
      const othersBefore = others()

      const dry = expectOk(await importAs(cityAdmin, { file, deactivateMissing: true, dryRun: true }))
      expect(dry).toMatchObject({ applied: false, summary: { rows: present.length, unchanged: present.length, deactivated: 2 } })
      expect(absent.map((id) => w.member(id).active)).toEqual([1, 1])

      const without = expectOk(await importAs(cityAdmin, { file }))
      expect(without.summary).toMatchObject({ unchanged: present.length, deactivated: 0 })
      expect(absent.map((id) => w.member(id).active)).toEqual([1, 1])

      const data = expectOk(await importAs(cityAdmin, { file, deactivateMissing: true }))
      expect(data.summary).toMatchObject({ rows: present.length, created: 0, updated: 0, unchanged: present.length, deactivated: 2 })
      expect(absent.map((id) => w.member(id).active)).toEqual([0, 0])
      expect(present.map((id) => w.member(id).active)).toEqual(present.map(() => 1))
      expect(others()).toEqual(othersBefore)
      // Roles were kept (no 角色 column): the u10 unit admin is still one.
      expect(w.rolesOf(w.ids.unitAdmin('u10'))).toContainEqual({ role: 'unitAdmin', unit_id: 'u10', group_id: null })
    })
  })

  describe('youth groups', () => {
    it('one group name for members of two units makes a joint group of both (xlsx)', async () => {
      const NAME = '民政司法联合青年理论学习小组'
      const file = await xlsxFile([
        ['JG0001', '青年甲', '市民政局', '机关党支部', '1996-06-01', '13600000001', '党员', NAME, '在册'],
        ['JG0002', '青年乙', '市司法局', '机关党支部', '1997-07-02', '13600000002', '党员', NAME, '在册'],
      ])
      const data = expectOk(await importAs(cityAdmin, { format: 'xlsx', file }))
      expect(data.summary).toMatchObject({ created: 2, newGroups: 1, newUnits: 0, newBranches: 0 })
      const group = w.one('SELECT id FROM youth_groups WHERE name = ?', NAME).id
      expect(w.all('SELECT unit_id FROM youth_group_units WHERE group_id = ? ORDER BY unit_id', group)).toEqual([{ unit_id: 'u07' }, { unit_id: 'u08' }])
      expect(w.all(`SELECT youth_group_id AS g FROM members WHERE member_no IN ('JG0001', 'JG0002')`)).toEqual([{ g: group }, { g: group }])
    })

    it('a member of a third unit joining an existing joint group adds that unit to it', async () => {
      const data = expectOk(await importAs(cityAdmin, { file: csvFile([['JG0003', '青年丙', '市卫生健康委员会', '', '1998-08-03', '', '党员', '档案史志联合青年理论学习小组', '']]) }))
      expect(data.summary).toMatchObject({ created: 1, newGroups: 0 })
      expect(w.all(`SELECT unit_id FROM youth_group_units WHERE group_id = 'g06' ORDER BY unit_id`)).toEqual([{ unit_id: 'u06' }, { unit_id: 'u09' }, { unit_id: 'u10' }])
    })
  })

  describe('Excel cells as people fill them in', () => {
    it('real date cells, numeric phones and numbers, a header that is not on the first row', async () => {
      const book = new ExcelJS.Workbook()
      const sheet = book.addWorksheet('名单')
      sheet.addRow(['市委办公室 2026 年党员花名册'])
      sheet.addRow(ROSTER_HEADER)
      sheet.addRow([880001, '数字编号', U01, '综合处党支部', new Date(Date.UTC(1990, 0, 5)), 13900000088, '党员', '', '在册'])
      sheet.addRow([])
      sheet.addRow(['XL0002', { richText: [{ text: '富' }, { text: '文本' }] }, U01, '', '1991/2/3', '139-0000-0089', '活动组织者', '', ''])
      const file = Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer).toString('base64')
      const data = expectOk(await importAs(unitAdmin, { format: 'xlsx', file }))
      expect(data.summary).toMatchObject({ rows: 2, created: 2 })
      expect(w.one(`SELECT name, birth_date, phone FROM members WHERE member_no = '880001'`)).toEqual({ name: '数字编号', birth_date: '1990-01-05', phone: '13900000088' })
      expect(w.one(`SELECT name, birth_date, phone FROM members WHERE member_no = 'XL0002'`)).toEqual({ name: '富文本', birth_date: '1991-02-03', phone: '13900000089' })
    })

    it('row numbers in errors are the spreadsheet\'s own, header offset and blank rows included', async () => {
      const book = new ExcelJS.Workbook()
      const sheet = book.addWorksheet('名单')
      sheet.addRow(['标题行'])
      sheet.addRow(ROSTER_HEADER)
      sheet.addRow(['XL0003', '', U01, '', '', '', '', '', ''])
      sheet.addRow([])
      sheet.addRow(['XL0004', '某人', U01, '', '', '12345', '', '', ''])
      const file = Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer).toString('base64')
      const res = await importAs(unitAdmin, { format: 'xlsx', file })
      expectError(res, 'BAD_INPUT')
      expect(errorOf(res).details?.errors).toEqual([
        { row: 3, reason: '缺少姓名' },
        { row: 5, reason: '手机号“12345”格式不正确，应为 11 位数字' },
      ])
    })
  })

  describe('CSV row numbers', () => {
    // Excel shows a blank line as a row too: every error after it names the line's own number, not the row
    // above.
    it('an error after a blank line names the row as Excel numbers it', async () => {
      const csv = `\uFEFF${ROSTER_HEADER.join(',')}\nCR0001,甲,${U01},,,,党员,,在册\n\nCR0002,乙,${U01},,,12345,党员,,在册\n`
      const res = await importAs(unitAdmin, { file: Buffer.from(csv).toString('base64') })
      expectError(res, 'BAD_INPUT')
      expect(errorOf(res).details?.errors).toEqual([{ row: 4, reason: '手机号“12345”格式不正确，应为 11 位数字' }])
    })
  })

  describe('dry run', () => {
    it('reports the summary and writes nothing (only the audit entry of the dry run itself)', async () => {
      const existing = w.ids.plain('u01')[5]
      const changed = rowOf(w, existing, { roles: '党员' })
      changed[5] = '13512345678'
      const file = csvFile([
        ['DR0001', '试运行甲', U01, '新建的党支部', '1990-01-01', '', '活动组织者', '', '在册'],
        ['DR0002', '试运行乙', U01, '新建的党支部', '1991-01-01', '', '党员', '新的青年小组', '在册'],
        changed,
      ])
      const before = state()
      const audits = w.counts().audit_log
      const data = expectOk(await importAs(unitAdmin, { file, dryRun: true }))
      expect(data).toEqual({
        applied: false,
        errors: [],
        summary: { rows: 3, created: 2, updated: 1, unchanged: 0, deactivated: 0, newUnits: 0, newBranches: 1, newGroups: 1, newPartyGroups: 0 },
      })
      expect(state()).toEqual(before)
      expect(w.counts().audit_log).toBe(audits + 1)
      const entry = w.one<{ action: string; after_json: string }>('SELECT action, after_json FROM audit_log ORDER BY seq DESC LIMIT 1')
      expect(entry.action).toBe('member.importRoster')
      expect(JSON.parse(entry.after_json)).toMatchObject({ applied: false })
    })
  })

  describe('scope', () => {
    it('a unit admin importing another unit\'s rows: every row refused, nothing changed', async () => {
      const before = w.fingerprint()
      const res = await importAs(otherAdmin, {
        file: csvFile([
          ['SC0001', '越权甲', U01, '', '', '', '党员', '', '在册'],
          rowOf(w, w.ids.plain('u01')[0], { roles: '党员', status: '离开' }),
        ]),
      })
      expectError(res, 'BAD_INPUT')
      expect(errorOf(res).details?.errors).toEqual([
        { row: 2, reason: `无权导入“${U01}”的人员，只能导入您管理的单位` },
        { row: 3, reason: `无权导入“${U01}”的人员，只能导入您管理的单位` },
      ])
      expect(w.fingerprint()).toEqual(before)
    })

    it('only the city admin may add a unit through the roster', async () => {
      const row = ['SC0002', '新单位的人', '市新设立局', '', '', '', '党员', '', '']
      const res = await importAs(unitAdmin, { file: csvFile([row]) })
      expectError(res, 'BAD_INPUT')
      expect(errorOf(res).details?.errors).toEqual([{ row: 2, reason: '单位“市新设立局”不存在；新增单位须由市直机关工委管理员导入' }])
      const data = expectOk(await importAs(cityAdmin, { file: csvFile([row]) }))
      expect(data.summary).toMatchObject({ created: 1, newUnits: 1 })
      expect(w.one(`SELECT COUNT(*) AS n FROM units WHERE name = '市新设立局'`)).toEqual({ n: 1 })
    })

    it('organizers and members may not import at all', async () => {
      const file = csvFile([['SC0003', '某人', U01, '', '', '', '党员', '', '']])
      expectError(await importAs(organizer, { file, dryRun: true }), 'FORBIDDEN')
      expectError(await importAs(w.ids.plain('u01')[0], { file, dryRun: true }), 'FORBIDDEN')
    })

    // The unit that counts is also the one the existing member (matched by 党员编号) belongs to now, not only
    // the one named in the row: a u01 unit admin cannot move a u02 member into u01, rename them, change
    // their phone or mark them 离开. A row error (e.g. 党员编号“DY100050”属于其他单位，请由该单位管理员调整) and nothing changed.
    it('a unit admin cannot take over or deactivate a member of another unit by their 党员编号', async () => {
      const victim = w.ids.plain('u02')[0]
      const row = rowOf(w, victim, { roles: '党员', status: '离开' })
      row[1] = '被改名'
      row[2] = U01
      row[3] = ''
      const before = w.fingerprint()
      const res = await importAs(unitAdmin, { file: csvFile([row]) })
      expect(w.member(victim)).toMatchObject({ unit_id: 'u02', active: 1 })
      expectError(res, 'BAD_INPUT')
      expect(errorOf(res).details?.errors).toEqual([{ row: 2, reason: expect.stringMatching(CHINESE) }])
      expect(w.fingerprint()).toEqual(before)
    })

    // The roster follows setRole's rules (mayGrant: "a unit admin only the organizer role";
    // "不能撤销自己的管理员角色"): only the city admin may grant 单位管理员 through it, or take it away with a 角色 column
    // that leaves it out (the importer's own role included); for anyone else such rows are errors.
    it('a unit admin cannot grant or take away the unit admin role through the roster', async () => {
      const someone = w.ids.plain('u01')[6]
      const before = state()
      const grant = await importAs(unitAdmin, { file: csvFile([rowOf(w, someone, { roles: '单位管理员' })]), dryRun: true })
      expectError(grant, 'BAD_INPUT')
      const demoteSelf = await importAs(unitAdmin, { file: csvFile([rowOf(w, unitAdmin, { roles: '党员' })]), dryRun: true })
      expectError(demoteSelf, 'BAD_INPUT')
      expect(state()).toEqual(before)
    })
  })

  describe('the template', () => {
    it('CSV: UTF-8 with BOM, the header in order (党员编号,姓名,单位,党支部,出生日期,手机号,角色,青年理论学习小组,状态), two example rows', async () => {
      const file = expectOk(await srv.call('member', { action: 'rosterTemplate', format: 'csv' }, w.as(unitAdmin)))
      expect(file).toMatchObject({ filename: '花名册模板.csv', mimeType: 'text/csv; charset=utf-8', rows: 2 })
      const bytes = Buffer.from(file.base64, 'base64')
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const grid = parse(bytes, { bom: true }) as string[][]
      // The nine columns of the issue, in order; columns added since (身份证号) come after them.
      expect(grid[0].slice(0, 9)).toEqual(['党员编号', '姓名', '单位', '党支部', '出生日期', '手机号', '角色', '青年理论学习小组', '状态'])
      expect(grid[0]).toEqual(TEMPLATE_HEADER)
      expect(grid).toHaveLength(3)
    })

    it('XLSX: the same header in the first row', async () => {
      const file = expectOk(await srv.call('member', { action: 'rosterTemplate', format: 'xlsx' }, w.as(cityAdmin)))
      expect(file.filename).toBe('花名册模板.xlsx')
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
      const header = (book.worksheets[0].getRow(1).values as unknown[]).slice(1)
      expect(header.slice(0, 9)).toEqual(ROSTER_HEADER)
      expect(header).toEqual(TEMPLATE_HEADER)
      expect(book.worksheets[0].rowCount).toBe(3)
    })

    test.each(['csv', 'xlsx'] as const)('%s: the template itself is an importable roster (dry run)', async (format) => {
      const file = expectOk(await srv.call('member', { action: 'rosterTemplate', format }, w.as(cityAdmin)))
      const data = expectOk(await srv.call('member', { action: 'importRoster', format, file: file.base64, dryRun: true }, w.as(cityAdmin)))
      expect(data).toMatchObject({ applied: false, errors: [], summary: { rows: 2 } })
    })
  })

  describe('member.roster and phone numbers', () => {
    const phones = async (viewer: string, unitId = 'u01') =>
      new Map<string, string | null>(expectOk(await srv.call('member', { action: 'roster', unitId }, w.as(viewer))).members.map((m) => [m.id, m.phone]))
    const stored = (unitId: string) => new Map(w.all(`SELECT id, phone FROM members WHERE unit_id = ? AND active = 1`, unitId).map((r) => [r.id, r.phone]))

    test.each([
      ['an organizer of the unit', () => organizer],
      ['the city admin', () => cityAdmin],
    ])('masked (138****0001 style) for %s', async (_who, viewer) => {
      const seen = await phones(viewer())
      const real = stored('u01')
      expect(seen.size).toBe(real.size)
      let masked = 0
      for (const [id, phone] of seen) {
        const full = real.get(id) as string | null
        if (!full) {
          expect(phone).toBeNull()
          continue
        }
        expect(phone).toBe(`${full.slice(0, 3)}****${full.slice(-4)}`)
        expect(phone).toMatch(/^1\d{2}\*{4}\d{4}$/)
        masked++
      }
      expect(masked).toBeGreaterThan(400)
    })

    it('in full for the unit\'s own unit admin (and for another unit\'s admin on their own unit)', async () => {
      expect(await phones(unitAdmin)).toEqual(stored('u01'))
      expect(await phones(otherAdmin, 'u02')).toEqual(stored('u02'))
    })

    it('maskPhone: the same rule as a function', () => {
      const viewer: Member = { id: 'x', memberNo: 'x', name: 'x', unitId: 'u01', branchId: null, partyGroupId: null, youthGroupId: null, birthDate: null, partyStatus: 'full', cadreRank: null, active: true, roles: [{ role: 'organizer', unitId: 'u01' }] }
      expect(maskPhone('13800000001', viewer, 'u01')).toBe('138****0001')
      expect(maskPhone(null, viewer, 'u01')).toBeNull()
      expect(maskPhone('13800000001', { ...viewer, roles: [{ role: 'unitAdmin', unitId: 'u01' }] }, 'u01')).toBe('13800000001')
      expect(maskPhone('13800000001', { ...viewer, roles: [{ role: 'unitAdmin', unitId: 'u02' }] }, 'u01')).toBe('138****0001')
    })
  })
})

describe('the audit log', () => {
  let srv: TestServer
  let w: World
  let ua1: string
  let ua2: string
  let ua3: string
  let city: string
  let t0: string
  let t1: string
  let t2: string
  let promoted: string
  let reset: string
  let u03member: string
  const audit = (who: string, filter: Record<string, unknown> = {}) => srv.call('member', { action: 'auditLog', ...filter }, w.as(who))
  const actions = async (who: string, filter: Record<string, unknown> = {}) => expectOk(await audit(who, filter)).entries.map((e) => e.action)

  beforeAll(async () => {
    srv = await startTestServer({ now: NOW })
    w = world(srv)
    ua1 = w.ids.unitAdmin('u01')
    ua2 = w.ids.unitAdmin('u02')
    ua3 = w.ids.unitAdmin('u03')
    city = w.ids.cityAdmin()
    ;[promoted, reset] = w.ids.plain('u01')
    u03member = w.ids.plain('u03')[0]
    t0 = srv.clock.now().toISOString()
    expectOk(await srv.call('member', { action: 'setRole', memberId: promoted, role: 'organizer', grant: true }, w.as(ua1)))
    // Refused actions are not logged.
    expectError(await srv.call('member', { action: 'setRole', memberId: promoted, role: 'unitAdmin', grant: true }, w.as(ua1)), 'FORBIDDEN')
    srv.clock.advance(HOUR)
    t1 = srv.clock.now().toISOString()
    expectOk(await srv.call('member', { action: 'resetAccess', memberId: reset }, w.as(ua1)))
    srv.clock.advance(HOUR)
    t2 = srv.clock.now().toISOString()
    expectOk(await srv.call('member', { action: 'importRoster', format: 'csv', file: csvFile([['AU0001', '审计甲', U01, '', '', '', '党员', '', '在册']]) }, w.as(ua1)))
    expectOk(await srv.call('member', { action: 'setRole', memberId: w.ids.plain('u02')[0], role: 'organizer', grant: true }, w.as(ua2)))
    expectOk(await srv.call('member', { action: 'setRole', memberId: u03member, role: 'organizer', grant: true }, w.as(city)))
  })
  afterAll(async () => {
    await srv.close()
  })

  it('records importRoster, setRole (roles before and after) and resetAccess, newest first', async () => {
    const entries = expectOk(await audit(ua1, { actorId: ua1 })).entries
    expect(entries.map((e) => [e.action, e.actorId, e.at])).toEqual([
      ['member.importRoster', ua1, t2],
      ['member.resetAccess', ua1, t1],
      ['member.setRole', ua1, t0],
    ])
    const [imported, resetEntry, setRole] = entries
    expect(setRole).toMatchObject({ unitId: 'u01', target: `memberId:${promoted}`, before: [{ role: 'member' }], actorName: w.member(ua1).name })
    expect(setRole.after).toMatchObject({ roles: expect.arrayContaining([{ role: 'organizer', unitId: 'u01' }]) })
    expect(resetEntry).toMatchObject({ unitId: 'u01', target: `memberId:${reset}`, after: { memberId: reset } })
    expect(imported.after).toMatchObject({ applied: true, summary: { created: 1 } })
    const cityEntry = expectOk(await audit(city, { actorId: city })).entries
    expect(cityEntry).toHaveLength(1)
    expect(cityEntry[0]).toMatchObject({ action: 'member.setRole', target: `memberId:${u03member}`, before: [{ role: 'member' }] })
    expect(cityEntry[0].after).toMatchObject({ roles: expect.arrayContaining([{ role: 'organizer', unitId: 'u03' }]) })
  })

  it('filters by actor', async () => {
    expect(await actions(city, { actorId: city })).toEqual(['member.setRole'])
    const byUa1 = expectOk(await audit(city, { actorId: ua1 })).entries
    expect(byUa1).toHaveLength(3)
    for (const e of byUa1) expect(e.actorId).toBe(ua1)
    expect(await actions(city, { actorId: 'm9999' })).toEqual([])
  })

  it('filters by unit; the city admin sees every unit', async () => {
    const u02 = expectOk(await audit(city, { unitId: 'u02' })).entries
    expect(u02.map((e) => [e.action, e.actorId])).toEqual([['member.setRole', ua2]])
    expect(expectOk(await audit(city)).entries).toHaveLength(5)
  })

  it('filters by date range (UTC times as the server writes them): from inclusive, to exclusive', async () => {
    expect(await actions(ua1, { actorId: ua1, from: t1 })).toEqual(['member.importRoster', 'member.resetAccess'])
    expect(await actions(ua1, { actorId: ua1, to: t1 })).toEqual(['member.setRole'])
    expect(await actions(ua1, { actorId: ua1, from: t1, to: t2 })).toEqual(['member.resetAccess'])
  })

  // auditLog's from/to are instants: '2026-11-20T10:00:00+08:00' (the same instant as t0) and
  // '2026-11-20T02:00:00Z' (no milliseconds) select the same entries as t0 itself, although as text they
  // sort after the stored '2026-11-20T02:00:00.000Z'.
  it('a date range written with an offset or without milliseconds means the same instants', async () => {
    expect(await actions(ua1, { actorId: ua1, from: '2026-11-20T10:00:00+08:00', to: '2026-11-20T11:00:00+08:00' })).toEqual(['member.setRole'])
    expect(await actions(ua1, { actorId: ua1, from: '2026-11-20T02:00:00Z', to: '2026-11-20T03:00:00Z' })).toEqual(['member.setRole'])
  })

  it('a unit admin reads their own unit only: another unit → FORBIDDEN; organizers not at all', async () => {
    const before = w.mark()
    expectError(await audit(ua2, { unitId: 'u01' }), 'FORBIDDEN')
    expectError(await audit(ua1, { unitId: 'u02' }), 'FORBIDDEN')
    expect(w.mark()).toEqual(before)
    const own = expectOk(await audit(ua2)).entries
    expect(own.map((e) => [e.unitId, e.actorId])).toEqual([['u02', ua2]])
    expectError(await audit(w.ids.organizer('u01')), 'FORBIDDEN')
    expectError(await audit(w.ids.plain('u01')[3]), 'FORBIDDEN')
  })

  // An entry about a member is filed under that member's unit (for activities, the activity's unit), not
  // the actor's: the city admin's member is in u01, yet what they do to u03's people belongs in u03's log,
  // not in the one u01's unit admin reads.
  it('an admin action on a member is in the log of that member\'s unit, not the actor\'s', async () => {
    expect(await actions(ua3)).toEqual(['member.setRole'])
    const u01 = expectOk(await audit(ua1)).entries
    expect(u01.map((e) => e.actorId)).not.toContain(city)
  })

  // member.resetAccess answers with the new bind code, a standing sign-in credential: its audit entry
  // records that access was reset, never the code, since everyone who may read that unit's log sees it.
  it('the audit entry of resetAccess does not contain the new bind code', async () => {
    const entry = expectOk(await audit(ua1, { actorId: ua1, from: t1, to: t2 })).entries[0]
    expect(entry.action).toBe('member.resetAccess')
    const code = w.member(reset).bind_code
    expect(JSON.stringify(entry)).not.toContain(code)
    expect(w.one(`SELECT COUNT(*) AS n FROM audit_log WHERE after_json LIKE ?`, `%${code}%`)).toEqual({ n: 0 })
  })
})
