/**
 * Text is data. SQL fragments, HTML, quotes, emoji and rare CJK characters are stored and
 * returned exactly as sent by activity.create/get/list, in member names from the roster, and in the
 * CSV and Excel exports, and they touch nothing else in the database.
 *
 * How long is "60 字"? The title's schema is `z.string().trim().max(60)`. The zod installed here
 * (4.6.x, see node_modules/zod/v4/core/checks.js, $ZodCheckMaxLength) measures strings in Unicode
 * code points, not UTF-16 code units: '𠮷' (U+20BB7, two UTF-16 units) counts as one. So 60 × '𠮷'
 * (120 UTF-16 units) is accepted and 61 × '𠮷' is refused, exactly like 60 / 61 × '党'. That is also
 * how the roster counts names (`[...name].length`). A ZWJ emoji sequence counts each code point
 * (👨‍👩‍👧 is 5). Note for the forms: the HTML `maxLength` attribute counts UTF-16 units, so an h5
 * input would stop at 30 × '𠮷' although the server takes 60.
 */
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { errorOf, expectError, expectOk, world, type World } from '../helpers/api'
import { csvFile } from '../helpers/spreadsheets'
import { startTestServer, type TestServer } from '../helpers/testServer'

const SQL_DROP = "'; DROP TABLE members; --"
const HTML = '<script>alert(1)</script>'
const SQL_BOBBY = "Robert'); DELETE FROM ledger;--"
const EMOJI = '党建🎉学习👍🏽打卡👨‍👩‍👧'
const QUOTES = `"引号" '单引号' \\反斜杠\\ %_通配 \${x} {{y}} 😀`
const RARE_60 = '𠮷'.repeat(60)
const TITLES: [string, string][] = [
  ['SQL: DROP TABLE', SQL_DROP],
  ['HTML script tag', HTML],
  ['SQL: Bobby Tables', SQL_BOBBY],
  ['emoji with skin tone and ZWJ', EMOJI],
  ['quotes, backslashes, LIKE wildcards, templates', QUOTES],
  ['60 × 𠮷 (astral CJK)', RARE_60],
  ['60 × 党', '党'.repeat(60)],
]

let srv: TestServer
let w: World
let organizer: string
let member: string

beforeAll(async () => {
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  organizer = w.ids.organizer('u01')
  member = w.ids.plain('u01')[0]
})

afterAll(async () => {
  await srv.close()
})

const create = (fields: Record<string, unknown>) =>
  srv.call(
    'activity',
    { action: 'create', kind: 'lecture', title: '讲座', startAt: w.inMin(60), endAt: w.inMin(120), audience: { type: 'units', unitIds: ['u01'] }, publish: true, ...fields },
    w.as(organizer),
  )

describe('activity text round-trips verbatim', () => {
  test.each(TITLES)('%s', async (_label, text) => {
    const before = w.counts()
    const created = expectOk(await create({ title: text, description: text, placeName: [...text].slice(0, 60).join('') }))
    expect(created.title).toBe(text)
    expect(created.description).toBe(text)
    expect(created.placeName).toBe([...text].slice(0, 60).join(''))

    // Stored as is: the database holds the same characters, and no other table moved.
    expect(w.one('SELECT title, description FROM activities WHERE id = ?', created.id)).toEqual({ title: text, description: text })
    const after = w.counts()
    const grown = Object.keys(after).filter((t) => after[t] !== before[t]).sort()
    expect(grown).toEqual(['activities', 'activity_audience', 'audit_log'])
    expect(after.activities).toBe(before.activities + 1)
    expect(w.one(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('members', 'ledger')`)).toEqual({ n: 2 })

    // Returned as is by get (a member in the audience) and by both list views.
    expect(expectOk(await srv.call('activity', { action: 'get', id: created.id }, w.as(member))).title).toBe(text)
    const forMe = expectOk(await srv.call('activity', { action: 'list', view: 'forMe' }, w.as(member))).activities
    expect(forMe.find((a) => a.id === created.id)?.title).toBe(text)
    const organizing = expectOk(await srv.call('activity', { action: 'list', view: 'organizing' }, w.as(organizer))).activities
    expect(organizing.find((a) => a.id === created.id)?.title).toBe(text)
  })

  it('a title is measured in characters (code points): 60 × 𠮷 and 60 × 党 fit, 61 do not', async () => {
    expect(RARE_60.length).toBe(120) // UTF-16 units
    expect([...RARE_60].length).toBe(60) // code points
    for (const ok of ['𠮷'.repeat(60), '党'.repeat(60), 'a'.repeat(60), '👨‍👩‍👧'.repeat(12)]) expect(expectOk(await create({ title: ok })).title).toBe(ok)
    for (const tooLong of ['𠮷'.repeat(61), '党'.repeat(61), 'a'.repeat(61), '👨‍👩‍👧'.repeat(12) + 'x']) {
      const before = w.mark()
      const res = await create({ title: tooLong })
      expectError(res, 'BAD_INPUT')
      expect(errorOf(res).message).toBe('活动名称不超过 60 字')
      expect(w.mark()).toEqual(before)
    }
  })

  it('surrounding whitespace is trimmed from the title (by design), the inside is kept', async () => {
    expect(expectOk(await create({ title: `  ${SQL_DROP}  ` })).title).toBe(SQL_DROP)
    expect(expectOk(await create({ title: ' a  b\tc ' })).title).toBe('a  b\tc')
  })
})

describe('names and titles in the exports', () => {
  const NAMES = [SQL_BOBBY, HTML, SQL_DROP, '王🎉明', '𠮷田 “引号”, 逗号']
  let activityId: string
  let memberIds: string[]

  beforeAll(async () => {
    // New u01 members with awkward names, through the roster import (the city admin).
    const rows = NAMES.map((name, i) => [`VB00${i}`, name, '市委办公室', '秘书一处党支部', '1990-01-01', `1390000000${i}`, '党员', '', '在册'])
    const imported = expectOk(await srv.call('member', { action: 'importRoster', format: 'csv', file: csvFile(rows) }, w.as(w.ids.cityAdmin())))
    expect(imported.summary).toMatchObject({ created: NAMES.length })
    memberIds = NAMES.map((_, i) => w.one<{ id: string }>('SELECT id FROM members WHERE member_no = ?', `VB00${i}`).id)
    // A running lecture with a tricky title; two of them are added by make-up, the rest are absent.
    activityId = expectOk(await create({ title: `${HTML}${SQL_BOBBY}`, startAt: w.inMin(-30), endAt: w.inMin(30) })).id
    for (const id of memberIds.slice(0, 2)) expectOk(await srv.call('checkin', { action: 'addMakeup', activityId, memberId: id, reason: '现场登记' }, w.as(organizer)))
  })

  it('member names are stored and shown verbatim (roster, me)', async () => {
    NAMES.forEach((name, i) => expect(w.member(memberIds[i]).name).toBe(name))
    const roster = expectOk(await srv.call('member', { action: 'roster', unitId: 'u01', includeInactive: true }, w.as(organizer))).members
    NAMES.forEach((name, i) => expect(roster.find((m) => m.id === memberIds[i])?.name).toBe(name))
    const session = await srv.signIn(w.member(memberIds[0]).bind_code)
    expect(expectOk(await srv.call('member', { action: 'me' }, session)).name).toBe(SQL_BOBBY)
  })

  it('the CSV export carries every name verbatim (quoted where CSV needs it) and parses back', async () => {
    const before = w.counts()
    const file = expectOk(await srv.call('activity', { action: 'exportAttendance', id: activityId, format: 'csv' }, w.as(organizer)))
    const text = Buffer.from(file.base64, 'base64').toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const grid = parse(text, { bom: true }) as string[][]
    const byName = new Map(grid.slice(1).map((r) => [r[0], r]))
    NAMES.forEach((name, i) => {
      expect(byName.get(name)?.[1]).toBe('市委办公室')
      expect(byName.get(name)?.[2]).toBe(i < 2 ? '已签到' : '未签到')
    })
    // Nothing the CSV needs to quote went out raw: the comma-and-quote name is one field.
    expect(text).toContain('"𠮷田 “引号”, 逗号"')
    expect(text).toContain(SQL_BOBBY)
    expect(text).toContain(HTML)
    // The file name is the title with the characters Windows forbids in file names replaced.
    expect(file.filename).toBe(`${`${HTML}${SQL_BOBBY}`.replace(/[\\/:*?"<>|]/g, '_')}-签到记录.csv`)
    expect(file.filename).toBe("_script_alert(1)__script_Robert'); DELETE FROM ledger;---签到记录.csv")
    const after = w.counts()
    expect({ ...after, audit_log: before.audit_log }).toEqual(before)
  })

  it('the Excel export carries the title and names verbatim', async () => {
    const file = expectOk(await srv.call('activity', { action: 'exportAttendance', id: activityId, format: 'xlsx' }, w.as(organizer)))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]
    expect(String(sheet.getRow(1).getCell(1).value)).toContain(`${HTML}${SQL_BOBBY}`)
    const names: string[] = []
    sheet.eachRow((row, n) => {
      if (n > 3) names.push(String(row.getCell(1).value))
    })
    for (const name of NAMES) expect(names).toContain(name)
  })

  it('the rest of the database is intact: every table still there, the ledger only grew by the two make-ups', async () => {
    for (const t of ['members', 'ledger', 'check_ins', 'activities', 'units']) expect(w.tables()).toContain(t)
    expect(w.all('SELECT member_id FROM ledger WHERE activity_id = ? ORDER BY member_id', activityId).map((r) => r.member_id)).toEqual(memberIds.slice(0, 2).sort())
    expect(w.one('SELECT COUNT(*) AS n FROM members WHERE member_no LIKE ?', 'VB00%')).toEqual({ n: NAMES.length })
  })
})
