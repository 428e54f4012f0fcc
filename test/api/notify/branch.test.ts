/**
 * Reminders of a branch's life, on the small branch city: a meeting record sent back (已退回) reaches
 * whoever submitted it; the targets' items due within 7 days reach the branch's 支部书记 and 组织委员
 * (not its members) and a unit's own items its admins, looked at once a day from 08:00 Shanghai.
 */
import type { InboxMessage } from '../../../cloud/contract/notify'
import { between, NO_CHECK, type World } from '../../helpers/api'
import type { TestServer } from '../../helpers/testServer'
import { branchCity, PNG_1X1, type BranchIds } from '../branchCity'

let srv: TestServer
let w: World
let ids: BranchIds

const dispatch = () => w.ok('notify', { action: 'dispatchDue' }, 'city')
const inbox = async (who: string): Promise<InboxMessage[]> => (await w.ok('notify', { action: 'inbox', limit: 50 }, who)).messages

beforeAll(async () => {
  ;({ srv, w, ids } = await branchCity())
})

afterAll(async () => {
  await srv.close()
})

it('a record sent back reaches its submitter, once', async () => {
  w.at('2026-11-03 09:00')
  const meeting = await w.ok('activity', { action: 'create', kind: 'study', title: '十一月支委会', ...between('2026-11-10 14:00', '2026-11-10 15:00'), publish: true, noLocationReason: NO_CHECK, meeting: { type: 'committee', branchId: ids.B1 } }, 'a1')
  w.at('2026-11-10 14:05')
  for (const m of ['a1', 'a2']) await w.checkIn('a1', m, meeting.id)
  w.at('2026-11-10 16:00')
  const photo = await w.ok('activity', { action: 'uploadPhoto', activityId: meeting.id, mime: 'image/png', data: PNG_1X1 }, 'a1')
  const saved = await w.ok(
    'activity',
    { action: 'saveRecord', id: meeting.id, version: 0, host: '赵一', recorder: '钱二', topics: ['研究十二月工作'], decisions: '同意', minutes: '会议由赵一主持。', photos: [photo.id] },
    'a1',
  )
  await w.ok('activity', { action: 'submitRecord', id: meeting.id, version: saved.version }, 'a1')
  w.at('2026-11-11 10:00')
  await w.ok('activity', { action: 'reviewRecord', id: meeting.id, approve: false, comment: '请补充会议议题' }, 'adminA')
  w.at('2026-11-11 10:05')
  await dispatch()
  const returned = (await inbox('a1')).filter((x) => x.kind === 'recordReturned')
  expect(returned).toHaveLength(1)
  expect(returned[0]).toMatchObject({ title: expect.stringContaining('十一月支委会') as unknown as string, link: expect.stringContaining(meeting.id) as unknown as string })
  expect(returned[0].body).toContain('请补充会议议题')
  expect((await inbox('a2')).some((x) => x.kind === 'recordReturned')).toBe(false)
  w.at('2026-11-11 10:10')
  await dispatch()
  expect((await inbox('a1')).filter((x) => x.kind === 'recordReturned')).toHaveLength(1)
})

it('obligations due within 7 days reach the branch’s secretary, not its members; once a day from 08:00', async () => {
  w.at('2026-12-26 07:55')
  await dispatch()
  expect((await inbox('a1')).some((x) => x.kind === 'obligationDue')).toBe(false)
  w.at('2026-12-26 08:05')
  await dispatch()
  const due = (await inbox('a1')).filter((x) => x.kind === 'obligationDue' || x.kind === 'obligationOverdue')
  expect(due.length).toBeGreaterThan(0)
  expect(due.every((x) => x.link?.startsWith('/obligations/'))).toBe(true)
  // B1's December 支委会 and 主题党日 (branch items), to its secretary.
  expect(due.some((x) => x.title.includes('支委会') || x.body.includes('支委会'))).toBe(true)
  expect((await inbox('a3')).some((x) => x.kind === 'obligationDue' || x.kind === 'obligationOverdue')).toBe(false)
  // The unit's own items (民主生活会, 述职评议) to its admin, not to another unit's.
  const unit = (await inbox('adminA')).filter((x) => x.kind === 'obligationDue')
  expect(unit.some((x) => x.body.includes('民主生活会'))).toBe(true)
  expect(unit.every((x) => x.link?.includes('uA'))).toBe(true)
  expect((await inbox('adminB')).filter((x) => x.kind === 'obligationDue').every((x) => x.link?.includes('uB'))).toBe(true)
  const n = w.n(`SELECT COUNT(*) AS n FROM inbox_messages WHERE kind IN ('obligationDue', 'obligationOverdue')`)
  w.at('2026-12-26 08:10')
  await dispatch()
  expect(w.n(`SELECT COUNT(*) AS n FROM inbox_messages WHERE kind IN ('obligationDue', 'obligationOverdue')`)).toBe(n)
})
