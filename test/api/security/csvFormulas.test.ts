/**
 * CSV exports neutralise formulas (OWASP "CSV injection"): a cell that would start a formula in
 * Excel (= + - @ tab CR) gets a leading apostrophe, so a member or unit named
 * `=HYPERLINK("http://x","y")` is shown as text in the attendance, leaderboard and coverage CSVs.
 * Through the real gateway on a small hand-built city whose names are the attacks; then `toFile`
 * itself: numbers stay numbers (a negative number is not a formula), XLSX keeps text as text.
 */
import { toFile } from '../../../cloud/functions/spreadsheet'
import type { OrgBatch } from '../../../cloud/store/Store'
import { person, world, type World } from '../../helpers/api'
import { readCsv, readXlsx } from '../../helpers/spreadsheets'
import { startTestServer, type TestServer } from '../../helpers/testServer'

/** Names that a spreadsheet would run: one per member, two as units. */
const ATTACKS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-1+1+cmd|' /C calc'!A0", '@SUM(1+1)', '\t=1+2', '\r=3+4']
const UNIT_A = '=HYPERLINK("http://evil.example","单位")'
const UNIT_B = '@SUM(9+9)'

const ORG: OrgBatch = {
  units: [
    { id: 'uA', name: UNIT_A },
    { id: 'uB', name: UNIT_B },
  ],
  branches: [],
  partyGroups: [],
  youthGroups: [{ id: 'gAB', name: '-联合青年理论学习小组', unitIds: ['uA', 'uB'] }],
  members: [
    person('org', '周组织', 'uA', null, '1975-01-01', [
      { role: 'organizer', unitId: 'uA' },
      { role: 'organizer', unitId: 'uB' },
    ]),
    ...ATTACKS.map((name, i) => person(`p${i}`, name, i % 2 ? 'uB' : 'uA', 'gAB', `199${i + 4}-01-01`)),
  ],
}

/** A cell Excel would read as a formula. */
const FORMULA = /^[=+\-@\t\r]/

let srv: TestServer
let w: World

beforeAll(async () => {
  srv = await startTestServer({ seed: false, now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  await srv.store.importOrg(ORG, srv.clock.now().toISOString())
  // A lecture for both units: four of the six check in, two are absent (absent rows carry names too).
  const lecture = await w.create('org', {
    title: '=1+1 讲座',
    startAt: w.inMin(5),
    endAt: w.inMin(65),
    audience: { type: 'units', unitIds: ['uA', 'uB'] },
    noLocationReason: '=室内讲座，无需定位',
  })
  srv.clock.advance(2 * 60_000)
  for (const id of ['p0', 'p1', 'p2', 'p3']) await w.checkIn('org', id, lecture)
  exported.attendance = await w.ok('activity', { action: 'exportAttendance', id: lecture, format: 'csv' }, 'org')
  exported.leaderboard = await w.ok('stats', { action: 'export', what: 'leaderboard', period: '2026-11', format: 'csv' }, 'org')
  exported.coverage = await w.ok('stats', { action: 'export', what: 'coverage', period: '2026-11', format: 'csv' }, 'org')
  exported.volunteer = await w.ok('stats', { action: 'export', what: 'volunteer', period: '2026-11', format: 'csv' }, 'org')
})
afterAll(async () => {
  await srv.close()
})

const exported: Record<string, { base64: string }> = {}

/** Every cell of the file that would start a formula. */
const formulas = (rows: string[][]) => rows.flatMap((r, i) => r.filter((c) => FORMULA.test(c)).map((c) => `row ${i}: ${JSON.stringify(c)}`))

describe('CSV exports show formulas as text', () => {
  it('attendance (activity.exportAttendance): every member name, both unit names, neutralised; no cell starts a formula', () => {
    const { bom, rows } = readCsv(exported.attendance)
    expect(bom).toBe(true)
    expect(formulas(rows)).toEqual([])
    const cells = rows.flat()
    for (const name of ATTACKS) expect(cells).toContain(`'${name}`)
    expect(cells).toEqual(expect.arrayContaining([`'${UNIT_A}`, `'${UNIT_B}`]))
    // Numbers (points) are still numbers as the sheet reads them.
    const points = rows[0].indexOf('积分')
    expect(rows.slice(1).map((r) => r[points])).toEqual(expect.arrayContaining(['1', '0']))
  })

  it('leaderboard (stats.export): names and units neutralised', () => {
    const { rows } = readCsv(exported.leaderboard)
    expect(formulas(rows)).toEqual([])
    const cells = rows.flat()
    for (const name of ATTACKS.slice(0, 4)) expect(cells).toContain(`'${name}`)
    expect(cells).toEqual(expect.arrayContaining([`'${UNIT_A}`, `'${UNIT_B}`]))
  })

  it('coverage and volunteer totals (stats.export): unit names neutralised', () => {
    for (const file of [exported.coverage, exported.volunteer]) {
      const { rows } = readCsv(file)
      expect(formulas(rows)).toEqual([])
      expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining([`'${UNIT_A}`, `'${UNIT_B}`]))
    }
  })
})

describe('toFile', () => {
  const header = ['姓名', '=合计', '变化']
  const rows = [
    ['张三', 3, -2],
    ['-5', -1.5, '+1'],
    ['@李四', 0, '普通文字'],
  ]

  it('CSV: strings that start a formula get an apostrophe (header too); numbers, negative ones included, stay numbers', async () => {
    const file = await toFile('测试', 'csv', header, rows)
    const text = Buffer.from(file.base64, 'base64').toString('utf8')
    expect(readCsv(file).rows).toEqual([
      ['姓名', "'=合计", '变化'],
      ['张三', '3', '-2'],
      ["'-5", '-1.5', "'+1"],
      ["'@李四", '0', '普通文字'],
    ])
    // Written as bare numbers, not quoted text.
    expect(text).toContain('张三,3,-2\n')
  })

  it('XLSX: text stays text, exactly as given (exceljs writes strings as strings)', async () => {
    expect(await readXlsx(await toFile('测试', 'xlsx', header, rows))).toEqual([header, ...rows])
  })
})
