/**
 * Creating and running an activity in Chromium at 375×812 on the real h5 build: an organizer creates a
 * volunteer day (全天, with a description; check-in open until the end), edits it after publishing
 * (check-in has opened: only the words may change, and the form says so) and edits a later lecture
 * fully (签到截止, 名额); on the attendance page of a running lecture 延长签到 then 结束签到 (the QR
 * screen then says 签到已截止); a city admin addresses two units picked by search. Screenshots (normal
 * and large font) go to test/artifacts/create-*.png and edit-*.png.
 */
import type { Page } from 'playwright-core'
import type { Activity, MemberProfile, SessionResult } from '../../cloud/contract/model'
import { fontShots, PhoneLab, screenshots, settled, signedInPhone, smallText, toastGone } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const MIN = 60_000
const HOUR = 60 * MIN
const lab = new PhoneLab()
const createShot = fontShots(screenshots('create-'))
const editShot = fontShots(screenshots('edit-'))
const stamp = () => Date.now().toString(36)

const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)
const account = (role: string, unit?: string) => lab.server.accounts.find((a) => a.role === role && (!unit || a.unit === unit))!
const signIn = (role: string, unit?: string) => api<SessionResult & { member: MemberProfile }>(null, 'member', { action: 'signIn', bindCode: account(role, unit).bindCode })
const get = (session: string, id: string) => api<Activity>(session, 'activity', { action: 'get', id })

const lectureAt = (o: { session: string; member: MemberProfile }, title: string, startAt: number, endAt: number, over: Record<string, unknown> = {}) =>
  lab.lectureAt(o, title, startAt, endAt, over)

/** What `read` answers once it equals `want` (polled for up to 10 s), else its last answer. */
async function settles<T>(read: () => Promise<T>, want: T): Promise<T> {
  let last = await read()
  for (let i = 0; i < 40 && JSON.stringify(last) !== JSON.stringify(want); i++) {
    await new Promise((r) => setTimeout(r, 250))
    last = await read()
  }
  return last
}

/** Text under 14 px in the parts this feature built (the place field is checked by its own tests). */
const OWN_PARTS = ['.activity-form__label', '.activity-form__chips', '.activity-form__note', '.activity-form__hint', '.activity-form__locked', '.activity-form__input', '.activity-form__area', '.multi-pick', '.window-controls', '.edit__head', '.edit__venue']
async function smallOwnText(page: Page): Promise<string[]> {
  const found: string[] = []
  for (const sel of OWN_PARTS) found.push(...(await smallText(page, sel)))
  return found
}

beforeAll(() => lab.start())
afterAll(() => lab.stop())

test('an organizer creates a volunteer day with a description, edits it after publishing, and edits a later lecture fully', async () => {
  const o = await signIn('organizer', UNIT)
  const org = await signedInPhone(lab, account('organizer', UNIT).bindCode)
  await org.goto(`${lab.server.url}/organizer/create/index`)
  await settled(org, '.create')
  await org.getByTestId('kind').filter({ hasText: '志愿服务' }).click()
  const title = `志愿服务日 ${stamp()}`
  await org.locator('[data-testid=title] input').fill(title)
  await org.locator('[data-testid=description] textarea').fill('8:30 在社区服务中心集合\n请穿志愿者马甲，自带水杯')
  await org.getByTestId('duration').filter({ hasText: '全天（8 小时）' }).click()
  // A volunteer day's check-in is open until its end by default, and the form says so.
  await expect(org.getByTestId('closes').filter({ hasText: '活动结束时' }).getAttribute('data-on')).resolves.toBe('1')
  await expect(org.getByTestId('window-note').textContent()).resolves.toContain('签到时间：开始前 30 分钟至活动结束')
  expect(await smallOwnText(org)).toEqual([])
  await createShot(org, 'volunteer-day', '[data-testid=description]')
  await org.getByTestId('publish').click()
  await org.waitForURL(/\/organizer\/qr\/index\?id=/)
  const id = new URL(org.url()).searchParams.get('id')!
  const day = await get(o.session, id)
  expect(day).toMatchObject({ kind: 'volunteer', title, description: '8:30 在社区服务中心集合\n请穿志愿者马甲，自带水杯', checkInClosesAt: day.endAt })
  expect(Date.parse(day.endAt) - Date.parse(day.startAt)).toBe(8 * HOUR)

  // Edit after publishing: it starts within 10 minutes, so check-in is open: only the words change, as the form says.
  await org.goto(`${lab.server.url}/organizer/edit/index?id=${id}`)
  await settled(org, '.edit')
  await org.getByTestId('edit-locked').waitFor()
  await expect(org.getByTestId('duration').count()).resolves.toBe(0)
  await org.locator('[data-testid=title] input').fill(`${title}（改）`)
  await org.locator('[data-testid=description] textarea').fill('集合地点改为社区服务中心二楼')
  expect(await smallOwnText(org)).toEqual([])
  await editShot(org, 'locked', '.edit')
  await org.getByTestId('save-edit').click()
  expect(await settles(async () => (await get(o.session, id)).title, `${title}（改）`)).toBe(`${title}（改）`)
  expect(await get(o.session, id)).toMatchObject({ description: '集合地点改为社区服务中心二楼', startAt: day.startAt, endAt: day.endAt, checkInClosesAt: day.endAt })

  // A lecture in three hours: everything may change; 签到截止 开始后 60 分钟 and 名额 30.
  const later = await lectureAt(o, `晚些的讲座 ${stamp()}`, Date.now() + 3 * HOUR, Date.now() + 5 * HOUR)
  await org.goto(`${lab.server.url}/organizer/edit/index?id=${later.id}`)
  await settled(org, '.edit')
  await org.getByTestId('closes').filter({ hasText: '开始后 60 分钟' }).click()
  await org.locator('[data-testid=capacity] input').fill('30')
  await toastGone(org)
  expect(await smallOwnText(org)).toEqual([])
  await editShot(org, 'open', '[data-testid=duration]')
  await org.getByTestId('save-edit').click()
  expect(await settles(async () => (await get(o.session, later.id)).capacity, 30)).toBe(30)
  expect((await get(o.session, later.id)).checkInClosesAt).toBe(new Date(Date.parse(later.startAt) + HOUR).toISOString())
})

test('延长签到 then 结束签到 from the attendance page; the QR screen then says 签到已截止', async () => {
  const o = await signIn('organizer', UNIT)
  const org = await signedInPhone(lab, account('organizer', UNIT).bindCode)
  const running = await lectureAt(o, `正在签到的讲座 ${stamp()}`, Date.now() - 5 * MIN, Date.now() + HOUR)
  await org.goto(`${lab.server.url}/organizer/attendance/index?id=${running.id}`)
  await settled(org, '.attendance')
  const controls = org.getByTestId('window-controls')
  await controls.waitFor()
  await expect(controls.getAttribute('data-state')).resolves.toBe('open')
  await org.getByTestId('extend-15').click()
  const extended = new Date(Date.parse(running.checkInClosesAt) + 15 * MIN).toISOString()
  expect(await settles(async () => (await get(o.session, running.id)).checkInClosesAt, extended)).toBe(extended)
  await expect(org.getByTestId('window-state').textContent()).resolves.toMatch(/^签到中，\d\d:\d\d 截止$/)
  await toastGone(org)
  await editShot(org, 'attendance-window', '[data-testid=window-controls]')
  await org.getByTestId('end-check-in').click()
  await org.getByTestId('dialog').waitFor()
  await editShot(org, 'end-confirm')
  await org.getByTestId('dialog-confirm').click()
  expect(await settles(async () => controls.getAttribute('data-state'), 'closed')).toBe('closed')
  expect(Date.parse((await get(o.session, running.id)).checkInClosesAt)).toBeLessThanOrEqual(Date.now())
  await org.goto(`${lab.server.url}/organizer/qr/index?id=${running.id}`)
  await org.getByText('签到已截止').first().waitFor()
})

test('a city admin addresses two units picked by search', async () => {
  const city = await signIn('cityAdmin')
  const page = await signedInPhone(lab, account('cityAdmin').bindCode)
  await page.goto(`${lab.server.url}/organizer/create/index`)
  await settled(page, '.create')
  const title = `两单位联学 ${stamp()}`
  await page.locator('[data-testid=title] input').fill(title)
  await page.getByTestId('audience-scope-units').click()
  const pick = page.getByTestId('pick-units')
  await pick.waitFor()
  await pick.locator('input').fill('市政府')
  await page.getByTestId('pick-units-item').filter({ hasText: '市政府办公室' }).click()
  await pick.locator('input').fill('财政')
  await page.getByTestId('pick-units-item').filter({ hasText: '市财政局' }).click()
  await pick.locator('input').fill('')
  await expect(page.getByTestId('pick-units-summary').textContent()).resolves.toBe('已选 2 个单位：市政府办公室、市财政局')
  expect(await smallOwnText(page)).toEqual([])
  await createShot(page, 'city-units', '[data-testid=audience-field]')
  await page.getByTestId('place-mode-none').click()
  await page.getByTestId('publish').click()
  await page.waitForURL(/\/organizer\/qr\/index\?id=/)
  const made = await get(city.session, new URL(page.url()).searchParams.get('id')!)
  expect(made).toMatchObject({ title, audience: { type: 'units', unitIds: ['u02', 'u04'] } })
})
