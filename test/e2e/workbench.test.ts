/**
 * The organizer's workbench, in Chromium at 375×812 on the real h5 build served by `npm start`: the
 * activities of the unit sorted into 进行中 / 未开始 (drafts too) / 已结束 (cancelled ones marked
 * 已取消) with counts, opening on 进行中 when something runs, the chosen tab kept when coming back
 * from an activity's list, an empty state per tab; 取消活动 in red, asking first (what follows, an
 * optional reason), after which the activity is under 已结束 as 已取消. Screenshots (normal and large
 * font) go to test/artifacts/workbench-*.png.
 */
import type { Activity, ActivitySummary, MemberProfile, SessionResult } from '../../cloud/contract/model'
import { fontShots, phoneBook, PhoneLab, screenshots, settled, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const HOUR = 3600_000
const lab = new PhoneLab()
const shot = screenshots('workbench-')
const bothFonts = fontShots(shot)
const stamp = () => Date.now().toString(36)
const phoneOf = phoneBook(lab)

const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)
const account = (role: string, unit = UNIT) => lab.server.accounts.find((a) => a.role === role && a.unit === unit)!
const signIn = (bindCode: string) => api<SessionResult>(null, 'member', { action: 'signIn', bindCode })

/** Published (or a draft, with no location choice yet) for the organizer's unit, at the given times. */
const createAt = (o: { session: string; member: MemberProfile }, title: string, startAt: number, endAt: number, publish = true) =>
  lab.lectureAt(o, title, startAt, endAt, publish ? {} : { publish: false, noLocationReason: undefined })

/** The tab an activity belongs to, by the rule the page follows (check-in open counts as running). */
function tabOf(a: ActivitySummary, now: number): 'ongoing' | 'upcoming' | 'ended' {
  if (a.status === 'cancelled') return 'ended'
  if (now >= Date.parse(a.checkInOpensAt) && now <= Date.parse(a.checkInClosesAt)) return a.status === 'draft' ? 'upcoming' : 'ongoing'
  if (now >= Date.parse(a.endAt)) return 'ended'
  return a.status === 'draft' || now < Date.parse(a.checkInOpensAt) ? 'upcoming' : 'ongoing'
}

const countOf = async (page: import('playwright-core').Page, key: string) => Number(await page.getByTestId(`tab-${key}`).locator('.tabs__count').textContent())

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('the workbench sorts activities into 进行中 / 未开始 / 已结束 with counts, opens on 进行中 and keeps the chosen tab', async () => {
  const o = await signIn(account('organizer').bindCode)
  const now = Date.now()
  const running = await createAt(o, `讲座：正在进行 ${stamp()}`, now - HOUR / 2, now + HOUR)
  const later = await createAt(o, `讲座：明天上午 ${stamp()}`, now + 24 * HOUR, now + 25 * HOUR)
  const draft = await createAt(o, `讲座：草稿 ${stamp()}`, now + 48 * HOUR, now + 49 * HOUR, false)

  const org = await phoneOf(account('organizer').bindCode)
  await org.goto(`${lab.server.url}/organizer/activities/index`)
  await settled(org, '.organizer')
  await org.getByTestId('tab-ongoing').locator('.tabs__count').waitFor()

  // Counts as the rule sorts the unit's activities (read at about the same time).
  const { activities } = await api<{ activities: ActivitySummary[] }>(o.session, 'activity', { action: 'list', view: 'organizing' })
  const expected = { ongoing: 0, upcoming: 0, ended: 0 }
  for (const a of activities) expected[tabOf(a, Date.now())]++
  expect({ ongoing: await countOf(org, 'ongoing'), upcoming: await countOf(org, 'upcoming'), ended: await countOf(org, 'ended') }).toEqual(expected)

  // Something runs: the workbench opens on 进行中, with it there and the others not.
  await expect(org.getByTestId('tab-ongoing').getAttribute('class')).resolves.toContain('tabs__item--on')
  const card = (id: string) => org.locator(`[data-testid=activity-card][data-activity-id="${id}"]`)
  await card(running.id).waitFor()
  await expect(card(later.id).count()).resolves.toBe(0)
  await expect(card(running.id).getByTestId('show-qr').count()).resolves.toBe(1)
  expect(await tallEnough(org, '.organizer .nut-button, .tabs__item')).toEqual([])
  await bothFonts(org, 'ongoing')

  // 未开始 holds the upcoming one and the draft (with 发布).
  await org.getByTestId('tab-upcoming').click()
  await card(later.id).waitFor()
  await card(draft.id).getByTestId('publish-draft').waitFor()
  await expect(card(running.id).count()).resolves.toBe(0)
  await bothFonts(org, 'upcoming')

  // Into the list of the upcoming one and back: still on 未开始.
  await card(later.id).getByTestId('show-attendance').click()
  await org.waitForURL(/\/organizer\/attendance\/index/)
  await settled(org, '.attendance')
  await org.goBack()
  await org.waitForURL(/\/organizer\/activities\/index/)
  await settled(org, '.organizer')
  await card(later.id).waitFor()
  await expect(org.getByTestId('tab-upcoming').getAttribute('class')).resolves.toContain('tabs__item--on')

  // 已结束: the most recent first; its cards offer the list, not the code.
  await org.getByTestId('tab-ended').click()
  await expect(org.getByTestId('workbench-list').getAttribute('data-tab')).resolves.toBe('ended')
  const first = org.getByTestId('activity-card').first()
  await first.waitFor()
  await expect(first.getByTestId('show-qr').count()).resolves.toBe(0)
  await first.getByTestId('show-attendance').waitFor()
})

test('a tab with nothing in it says so; with nothing running the workbench opens on 未开始', async () => {
  // 市档案馆: every activity it has is moved out of the way by cancelling what has not ended; then one upcoming.
  const unit = '市档案馆'
  const o = await signIn(account('organizer', unit).bindCode)
  const { activities } = await api<{ activities: ActivitySummary[] }>(o.session, 'activity', { action: 'list', view: 'organizing' })
  for (const a of activities) if (a.status !== 'cancelled' && Date.parse(a.endAt) > Date.now()) await api(o.session, 'activity', { action: 'cancel', id: a.id })
  const soon = await createAt(o, `讲座：下周 ${stamp()}`, Date.now() + 7 * 24 * HOUR, Date.now() + 7 * 24 * HOUR + HOUR)

  const org = await phoneOf(account('organizer', unit).bindCode)
  await org.goto(`${lab.server.url}/organizer/activities/index`)
  await settled(org, '.organizer')
  await org.locator(`[data-testid=activity-card][data-activity-id="${soon.id}"]`).waitFor()
  await expect(org.getByTestId('tab-upcoming').getAttribute('class')).resolves.toContain('tabs__item--on')
  await expect(countOf(org, 'ongoing')).resolves.toBe(0)
  await org.getByTestId('tab-ongoing').click()
  const empty = org.locator('.state-view--empty')
  await empty.waitFor()
  await expect(empty.textContent()).resolves.toContain('没有进行中的活动')
  await expect(org.locator('.state-view--empty img').evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).resolves.toBe(true)
  await bothFonts(org, 'empty')
})

test('取消活动 is red and asks first, saying what follows; with a reason it moves the activity to 已结束 as 已取消', async () => {
  const o = await signIn(account('organizer').bindCode)
  const title = `讲座：将被取消 ${stamp()}`
  const doomed = await createAt(o, title, Date.now() + 3 * HOUR, Date.now() + 4 * HOUR)
  const org = await phoneOf(account('organizer').bindCode)
  await org.goto(`${lab.server.url}/organizer/activities/index?tab=upcoming`)
  await settled(org, '.organizer')
  const card = org.locator(`[data-testid=activity-card][data-activity-id="${doomed.id}"]`)
  await card.waitFor()

  // Danger-styled: red outline, unlike 签到名单 next to it.
  const button = card.getByTestId('cancel-activity')
  await expect(button.getAttribute('class')).resolves.toContain('nut-button-danger')
  const colour = await button.evaluate((el) => getComputedStyle(el).borderColor)
  const plain = await card.getByTestId('show-attendance').evaluate((el) => getComputedStyle(el).borderColor)
  expect(colour).not.toBe(plain)

  // Asks first: what follows, and the reason is optional. 取消 in the dialog keeps the activity.
  await button.click()
  const dialog = org.getByTestId('dialog')
  await dialog.waitFor()
  const said = (await dialog.textContent())!
  expect(said).toContain(`取消“${title}”？`)
  expect(said).toContain('成员不能再报名和签到')
  expect(said).toContain('系统不会另行通知')
  await org.getByTestId('dialog-cancel').click()
  await dialog.waitFor({ state: 'detached' })
  await expect(api<Activity>(o.session, 'activity', { action: 'get', id: doomed.id })).resolves.toMatchObject({ status: 'published' })

  await button.click()
  await org.locator('[data-testid=cancel-reason] textarea').fill('与全市会议时间冲突')
  expect(await tallEnough(org, '[data-testid=dialog] .nut-button')).toEqual([])
  await bothFonts(org, 'cancel-dialog')
  await org.getByTestId('dialog-confirm').click()
  await dialog.waitFor({ state: 'detached' })
  await expect(api<Activity>(o.session, 'activity', { action: 'get', id: doomed.id })).resolves.toMatchObject({ status: 'cancelled' })

  // Gone from 未开始; under 已结束, marked 已取消, nothing to cancel or show.
  await card.waitFor({ state: 'detached' })
  await org.getByTestId('tab-ended').click()
  await card.waitFor()
  await card.getByText('已取消').waitFor()
  await expect(card.getByTestId('cancel-activity').count()).resolves.toBe(0)
  await expect(card.getByTestId('show-qr').count()).resolves.toBe(0)
  await toastGone(org)
  await card.scrollIntoViewIfNeeded()
  await shot(org, 'cancelled')
})
