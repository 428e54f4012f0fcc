/**
 * 学习材料 on an activity: links (title + http(s) address) its organizer adds on create or edit, which
 * a member reads back with `activity.get`. Only http(s) addresses are taken (a javascript: or ftp:
 * link is refused and nothing is written), at most 5; an update sends the list whole and replaces it,
 * also once check-in has opened (a link added mid-session is what the group reads next).
 *
 * The demo city at 10:00 on 2026-11-20 in Shanghai; the study session is 14:00–16:00 that day for u01.
 */
import type { ActivityDetail } from '../../cloud/contract/model'
import { between, errorOf, world, type World } from '../helpers/api'
import { startTestServer, type TestServer } from '../helpers/testServer'

let srv: TestServer
let w: World
let organizer: string
let member: string

const TWO = [
  { title: '习近平总书记重要讲话精神', url: 'https://www.xuexi.cn/lgpage/detail/index.html?id=123' },
  { title: '  人民网评论：优化营商环境  ', url: ' http://opinion.people.com.cn/n1/2026/1120/c1003.html ' },
]
const session = () => between('2026-11-20 14:00', '2026-11-20 16:00')
const detail = (id: string, who: string): Promise<ActivityDetail> => w.ok('activity', { action: 'get', id }, who)
const stored = (id: string) => w.one<{ materials: string | null }>('SELECT materials FROM activities WHERE id = ?', id).materials

beforeAll(async () => {
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  organizer = w.u01().organizer
  member = w.u01().members[0]
})

afterAll(async () => {
  await srv.close()
})

test('materials given on create are stored trimmed and a member reads them on the detail page', async () => {
  const id = await w.create(organizer, { kind: 'study', title: '理论学习：营商环境', materials: TWO, ...session() })
  const d = await detail(id, member)
  expect(d.materials).toEqual([
    { title: '习近平总书记重要讲话精神', url: 'https://www.xuexi.cn/lgpage/detail/index.html?id=123' },
    { title: '人民网评论：优化营商环境', url: 'http://opinion.people.com.cn/n1/2026/1120/c1003.html' },
  ])
  expect(JSON.parse(stored(id) ?? 'null')).toEqual(d.materials)
})

test('an activity created without materials has none', async () => {
  const id = await w.create(organizer, { title: '无材料的讲座', ...session() })
  expect((await detail(id, member)).materials).toEqual([])
})

test.each([
  ['javascript:', 'javascript:alert(document.cookie)'],
  ['ftp:', 'ftp://files.example.gov.cn/学习材料.docx'],
  ['no scheme', 'www.xuexi.cn/article'],
])('a %s link is refused as bad input in Chinese, and nothing is stored', async (_, url) => {
  const res = await w.expectRefused(
    () => w.send('activity', { action: 'create', kind: 'study', title: '坏链接', audience: { type: 'units', unitIds: ['u01'] }, publish: true, noLocationReason: '线上学习，无固定地点', materials: [{ title: '材料', url }], ...session() }, organizer),
    'BAD_INPUT',
  )
  expect(errorOf(res).message).toContain('http:// 或 https://')
})

test('more than 5 materials are refused; an empty title is refused', async () => {
  const six = Array.from({ length: 6 }, (_, i) => ({ title: `材料${i + 1}`, url: `https://www.12371.cn/${i}.html` }))
  const res = await w.expectRefused(
    () => w.send('activity', { action: 'create', kind: 'study', title: '六项材料', audience: { type: 'units', unitIds: ['u01'] }, publish: true, noLocationReason: '线上学习，无固定地点', materials: six, ...session() }, organizer),
    'BAD_INPUT',
  )
  expect(errorOf(res).message).toContain('最多 5 项')
  await w.expectRefused(
    () => w.send('activity', { action: 'create', kind: 'study', title: '无标题', audience: { type: 'units', unitIds: ['u01'] }, publish: true, noLocationReason: '线上学习，无固定地点', materials: [{ title: '  ', url: 'https://www.12371.cn/a.html' }], ...session() }, organizer),
    'BAD_INPUT',
  )
})

test('an update replaces the list whole, and a refused one leaves it as it was', async () => {
  const id = await w.create(organizer, { kind: 'study', title: '会前学习', materials: TWO, ...session() })
  const one = [{ title: '共产党员网：党课讲稿', url: 'https://www.12371.cn/2026/11/20/ARTI1.shtml' }]
  await w.ok('activity', { action: 'update', id, materials: one }, organizer)
  expect((await detail(id, member)).materials).toEqual(one)
  await w.expectRefused(() => w.send('activity', { action: 'update', id, materials: [{ title: '坏', url: 'javascript:void(0)' }] }, organizer), 'BAD_INPUT')
  expect((await detail(id, member)).materials).toEqual(one)
  await w.ok('activity', { action: 'update', id, materials: [] }, organizer)
  expect((await detail(id, member)).materials).toEqual([])
})

test('once check-in has opened the materials may still change, the times may not', async () => {
  const id = await w.create(organizer, { kind: 'study', title: '进行中的学习', ...between('2026-11-20 10:10', '2026-11-20 12:00') })
  const one = [{ title: '学习强国：专题文章', url: 'https://www.xuexi.cn/x.html' }]
  await w.ok('activity', { action: 'update', id, materials: one }, organizer)
  expect((await detail(id, member)).materials).toEqual(one)
  await w.expectRefused(() => w.send('activity', { action: 'update', id, ...between('2026-11-20 10:30', '2026-11-20 12:00') }, organizer), 'CONFLICT')
})

test('a plain member may not change an activity’s materials', async () => {
  const id = await w.create(organizer, { kind: 'study', title: '他人的活动', materials: TWO.slice(0, 1), ...session() })
  const res = await w.send('activity', { action: 'update', id, materials: [] }, member)
  expect(errorOf(res).code).toMatch(/FORBIDDEN|NOT_FOUND/)
  expect((await detail(id, member)).materials).toHaveLength(1)
})
