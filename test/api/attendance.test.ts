/**
 * The organizer's attendance view (present, absent with make-up status, what waits for
 * review) and its export (记实) as CSV (UTF-8 with BOM, for Excel) and XLSX.
 */
import ExcelJS from 'exceljs'
import { between, expectOk, MIN, NO_CHECK, shanghai, world, type World } from '../helpers/api'
import { readCsv } from '../helpers/spreadsheets'
import { startTestServer, type DataOf, type TestServer } from '../helpers/testServer'

let srv: TestServer
let w: World
let organizer: string
let otherOrganizer: string
let m: string[]
let lecture: string
let inactive: string
let makeupRequestId: string

const TITLE = '处长讲坛：“放管服”改革, 实务'
const HEADER = ['姓名', '单位', '状态', '签到方式', '签到时间', '签退时间', '积分', '志愿时长(小时)', '待确认时长(小时)', '补签状态', '位置校验', '异常标记']
/** Who checked in when, and how (m index → Shanghai time). */
const ARRIVALS: [number, string][] = [
  [0, '2026-11-20 13:45'],
  [1, '2026-11-20 13:52'],
  [2, '2026-11-20 14:10'],
]

interface Expected {
  memberId: string
  cells: (string | number)[]
}
let expectedPresent: Expected[]
let expectedAbsent: Expected[]

beforeAll(async () => {
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  ;({ organizer, otherOrganizer, members: m } = w.u01())
  // Someone who has left: not in the audience any more.
  inactive = m[m.length - 1]
  w.db.prepare('UPDATE members SET active = 0 WHERE id = ?').run(inactive)

  lecture = await w.create(organizer, { kind: 'lecture', subKind: '处长讲坛', title: TITLE, ...between('2026-11-20 14:00', '2026-11-20 15:30') })
  for (const [i, at] of ARRIVALS) {
    srv.clock.set(shanghai(at))
    await w.checkIn(organizer, m[i], lecture)
  }
  // After the lecture: m[4] asks for a make-up; the organizer adds one for m[3] directly.
  srv.clock.set(shanghai('2026-11-20 16:00'))
  const asked = await w.checkin(m[4], { action: 'requestMakeup', activityId: lecture, reason: '扫码时网络故障，现场已登记' })
  expect(asked.status).toBe(200)
  makeupRequestId = expectOk(asked).id
  srv.clock.advance(10 * MIN)
  const added = await w.checkin(organizer, { action: 'addMakeup', activityId: lecture, memberId: m[3], reason: '现场签到表已核实' })
  expect(added.status).toBe(200)

  // What the record must say, written out by hand (newest check-in first, then the absent by member number).
  // Published with no location check (the helper's reason): each scan says so; an organizer's entry has no scan to check.
  const presentRow = (i: number, method: string, at: string, located: string): Expected => ({
    memberId: m[i],
    cells: [w.member(m[i]).name, '市委办公室', '已签到', method, at, '', 1, 0, 0, '', located, ''],
  })
  expectedPresent = [
    presentRow(3, '组织者补录', '2026-11-20 16:10', ''),
    ...ARRIVALS.map(([i, at]) => presentRow(i, '扫码签到', at, `未校验：${NO_CHECK}`)).reverse(),
  ]
  const presentIds = new Set(expectedPresent.map((p) => p.memberId))
  const audience = w.db
    .prepare(`SELECT id, name FROM members WHERE unit_id = 'u01' AND active = 1 ORDER BY member_no`)
    .all() as { id: string; name: string }[]
  expectedAbsent = audience
    .filter((a) => !presentIds.has(a.id))
    .map((a) => ({ memberId: a.id, cells: [a.name, '市委办公室', '未签到', '', '', '', 0, 0, 0, a.id === m[4] ? '待审核' : '', '', ''] }))
})

afterAll(async () => {
  await srv.close()
})

describe('activity.attendance', () => {
  let data: DataOf<'activity', 'attendance'>

  beforeAll(async () => {
    const res = await w.activity(organizer, { action: 'attendance', id: lecture })
    expect(res.status).toBe(200)
    data = expectOk(res)
  })

  it('lists who is present, with the method', () => {
    expect(data.presentCount).toBe(4)
    expect(data.present.map((p) => p.memberId).sort()).toEqual([m[0], m[1], m[2], m[3]].sort())
    const byId = new Map(data.present.map((p) => [p.memberId, p]))
    for (const i of [0, 1, 2]) expect(byId.get(m[i])).toMatchObject({ method: 'qr', name: w.member(m[i]).name, unitName: '市委办公室', points: 1, hours: 0 })
    // Added by the organizer (addMakeup): recorded as 组织者补录.
    expect(byId.get(m[3])).toMatchObject({ method: 'manual', points: 1 })
    expect(data.notCheckedOut).toBe(0)
  })

  it('counts the audience as the unit’s active members', () => {
    const active = w.n(`SELECT COUNT(*) AS n FROM members WHERE unit_id = 'u01' AND active = 1`)
    expect(active).toBe(w.n(`SELECT COUNT(*) AS n FROM members WHERE unit_id = 'u01'`) - 1)
    expect(data.audienceCount).toBe(active)
  })

  it('lists as absent exactly the audience minus the present, the requester with a pending make-up', () => {
    const present = new Set(data.present.map((p) => p.memberId))
    const audience = (w.db.prepare(`SELECT id FROM members WHERE unit_id = 'u01' AND active = 1`).all() as { id: string }[]).map((r) => r.id)
    const absentIds = data.absent.map((a) => a.memberId)
    expect(new Set(absentIds).size).toBe(absentIds.length)
    expect([...absentIds].sort()).toEqual(audience.filter((id) => !present.has(id)).sort())
    expect(absentIds).not.toContain(inactive)
    expect(data.absent.length + data.presentCount).toBe(data.audienceCount)
    for (const a of data.absent) expect(a.makeupStatus).toBe(a.memberId === m[4] ? 'pending' : null)
  })

  it('lists the pending make-up request', () => {
    expect(data.pendingMakeups).toEqual([
      expect.objectContaining({
        id: makeupRequestId,
        memberId: m[4],
        memberName: w.member(m[4]).name,
        activityTitle: TITLE,
        status: 'pending',
        reason: '扫码时网络故障，现场已登记',
      }),
    ])
    expect(data.pendingHours).toEqual([])
  })

  it('is for the unit’s organizers only: FORBIDDEN for a member or another unit’s organizer', async () => {
    await w.expectRefused(() => w.activity(m[0], { action: 'attendance', id: lecture }), 'FORBIDDEN', 403)
    await w.expectRefused(() => w.activity(otherOrganizer, { action: 'attendance', id: lecture }), 'FORBIDDEN', 403)
  })
})

describe('activity.exportAttendance', () => {
  const exportAs = (format: 'csv' | 'xlsx', who = organizer) => w.activity(who, { action: 'exportAttendance', id: lecture, format })

  /** The file exported as the unit's organizer, named after the activity. */
  const exported = async (format: 'csv' | 'xlsx') => {
    const res = await exportAs(format)
    expect(res.status).toBe(200)
    expect(expectOk(res).filename).toBe(`${TITLE}-签到记录.${format}`)
    return expectOk(res)
  }

  it('CSV: UTF-8 with a BOM, the header, and one row per member of the audience', async () => {
    const file = await exported('csv')
    expect(file.mimeType).toContain('text/csv')
    const { bom, rows } = readCsv(file)
    expect(bom).toBe(true)
    expect(rows[0]).toEqual(HEADER)
    const body = rows.slice(1)
    const expected = [...expectedPresent, ...expectedAbsent]
    expect(file.rows).toBe(expected.length)
    expect(body).toHaveLength(expected.length)
    expect(body).toEqual(expected.map((e) => e.cells.map(String)))
    expect(body.filter((r) => r[2] === '已签到')).toHaveLength(4)
    expect(body.find((r) => r[9] === '待审核')?.[0]).toBe(w.member(m[4]).name)
  })

  it('XLSX: a title, the counts, the header and the same rows', async () => {
    const file = await exported('xlsx')
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('签到记录')
    expect(sheet).toBeDefined()
    const values = (r: number): unknown[] => {
      const v = (sheet!.getRow(r).values as unknown[]).slice(1)
      return Array.from({ length: HEADER.length }, (_, i) => v[i] ?? '')
    }
    expect(String(sheet!.getRow(1).getCell(1).value)).toContain(TITLE)
    expect(String(sheet!.getRow(1).getCell(1).value)).toContain('2026-11-20 14:00')
    const audienceCount = w.n(`SELECT COUNT(*) AS n FROM members WHERE unit_id = 'u01' AND active = 1`)
    expect(sheet!.getRow(2).getCell(1).value).toBe(`应到 ${audienceCount} 人，实到 4 人`)
    expect(sheet!.getRow(3).getCell(1).value).toBe(`本活动未校验签到位置，原因：${NO_CHECK}`)
    expect(values(4)).toEqual(HEADER)
    const expected = [...expectedPresent, ...expectedAbsent]
    expect(sheet!.rowCount).toBe(4 + expected.length)
    for (const [i, e] of expected.entries()) expect(values(5 + i)).toEqual(e.cells)
  })

  it('a plain member cannot export: FORBIDDEN', async () => {
    const res = await w.expectRefused(() => exportAs('csv', m[0]), 'FORBIDDEN', 403)
    expect(res.body).not.toHaveProperty('data')
    await w.expectRefused(() => exportAs('xlsx', otherOrganizer), 'FORBIDDEN', 403)
  })

  it('an unknown format: BAD_INPUT', async () => {
    await w.expectRefused(() => w.send('activity', { action: 'exportAttendance', id: lecture, format: 'pdf' }, organizer), 'BAD_INPUT', 400)
  })
})
