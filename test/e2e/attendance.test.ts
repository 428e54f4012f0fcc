/**
 * Attendance as organizers and members do it, in Chromium on the real h5 build served by `npm start`:
 * the QR code rotates, a member checks in through its link, the organizer watches the attendance list
 * and exports it; a late member asks for a make-up that the organizer approves; a volunteer signs up,
 * checks in and out; the organizer sets a geofence, capacity and sign-up, and cancels an activity.
 * Screenshots (viewport only) go to test/artifacts/attendance-*.png.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import type { Activity, MemberProfile, QrTokenResult, SessionResult } from '../../cloud/contract/model'
import { VOLUNTEER_MORNING_TITLE } from '../../cloud/server/seed/volunteerMorning'
import { PhoneLab, screenshots, settled } from '../helpers/phones'

jest.setTimeout(240_000)

const UNIT = '市委办公室'
const HOUR = 3600_000
const lab = new PhoneLab()

const shot = screenshots('attendance-')
const stamp = () => Date.now().toString(36)

const newPhone = () => lab.newPhone()
const signIn = (page: Page, bindCode: string) => lab.signIn(page, bindCode)

/**
 * One signed-in phone per account for the whole file: the server allows 10 sign-ins a minute from one
 * address, and every phone here comes from 127.0.0.1.
 */
const phones = new Map<string, Page>()
async function phoneOf(bindCode: string): Promise<Page> {
  const known = phones.get(bindCode)
  if (known) return known
  const page = await newPhone()
  await signIn(page, bindCode)
  phones.set(bindCode, page)
  return page
}

/** The functions over HTTP, as another client would call them. */
const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)

const account = (role: string, unit = UNIT) => lab.server.accounts.find((a) => a.role === role && a.unit === unit)!

const apiSessions = new Map<string, SessionResult>()
/** An API session (signed in once per account), e.g. to set up activities at times the form does not offer. */
async function apiSession(bindCode: string): Promise<{ session: string; member: MemberProfile }> {
  if (!apiSessions.has(bindCode)) apiSessions.set(bindCode, await api<SessionResult>(null, 'member', { action: 'signIn', bindCode }))
  return apiSessions.get(bindCode)!
}
const organizerApi = () => apiSession(account('organizer').bindCode)

async function publishAt(
  org: { session: string; member: MemberProfile },
  fields: { kind: 'study' | 'lecture' | 'volunteer'; title: string; startAt: number; endAt: number } & Record<string, unknown>,
): Promise<Activity> {
  return api<Activity>(org.session, 'activity', {
    action: 'create',
    ...fields,
    startAt: new Date(fields.startAt).toISOString(),
    endAt: new Date(fields.endAt).toISOString(),
    audience: { type: 'units', unitIds: [org.member.unitId] },
    publish: true,
  })
}

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('the QR code rotates, a member checks in by its link, the organizer sees it live and exports the list', async () => {
  const member = account('member')
  const title = `讲座：签到名单测试 ${stamp()}`

  // Organizer publishes a lecture for the unit and shows its QR code.
  const org = await phoneOf(account('organizer').bindCode)
  await org.goto(`${lab.server.url}/pages/index/index`)
  await org.getByTestId('organizer-entry').click()
  await org.getByTestId('new-activity').click()
  await org.locator('[data-testid=title] input').fill(title)
  await org.getByTestId('publish').click()
  await org.waitForURL(/\/organizer\/qr\/index/)
  await settled(org, '.qr-screen')
  const link = org.getByTestId('checkin-url')
  await link.waitFor()
  const first = (await link.textContent())!.trim()

  // The code redraws with a new token within one period (15 s).
  await org.waitForFunction(
    (before) => document.querySelector('[data-testid=checkin-url]')?.textContent?.trim() !== before,
    first,
    { timeout: 20_000, polling: 250 },
  )
  const checkInUrl = (await link.textContent())!.trim()
  const tokenOf = (url: string) => new URL(url).searchParams.get('t')
  expect(tokenOf(checkInUrl)).not.toBe(tokenOf(first))
  expect(new URL(checkInUrl).searchParams.get('a')).toBe(new URL(first).searchParams.get('a'))
  await expect(org.locator('.qr-code').first().getAttribute('data-qr-text')).resolves.toBe(checkInUrl)
  await shot(org, '01-qr-rotated')

  // A member of the unit opens the newest link: checked in (the lecture took the unit's first saved place; the phone is there).
  const phone = await phoneOf(member.bindCode)
  await phone.goto(checkInUrl)
  await phone.getByTestId('checkin-success').waitFor()

  // The organizer opens the attendance list from the QR screen and finds the member under 已签到.
  await org.getByTestId('to-attendance').click()
  await org.waitForURL(/\/organizer\/attendance\/index\?id=/)
  await settled(org, '.attendance')
  const row = org.getByTestId('present-row').filter({ hasText: member.name })
  await row.waitFor()
  await expect(row.getByTestId('present-method').textContent()).resolves.toBe('扫码+定位签到')
  await expect(org.getByTestId('stat-present').textContent()).resolves.toBe('1')
  const expected = Number(await org.getByTestId('stat-expected').textContent())
  expect(expected).toBeGreaterThan(1)
  await expect(org.getByTestId('stat-rate').textContent()).resolves.toBe(`${Math.round(100 / expected)}%`)
  await shot(org, '02-present')

  await org.getByTestId('tab-absent').click()
  await org.getByTestId('absent-row').first().waitFor()
  await expect(org.getByTestId('absent-row').filter({ hasText: member.name }).count()).resolves.toBe(0)
  await shot(org, '03-absent')

  // Export: the browser downloads a CSV named after the activity, with the member's row in it.
  const [csv] = await Promise.all([org.waitForEvent('download'), org.getByTestId('export-csv').click()])
  expect(csv.suggestedFilename()).toBe(`${title.replace(/[\\/:*?"<>|]/g, '_')}-签到记录.csv`)
  const content = readFileSync((await csv.path())!, 'utf8')
  expect(content.charCodeAt(0)).toBe(0xfeff)
  expect(content).toContain('姓名,单位,状态,签到方式')
  expect(content.split('\n').find((l) => l.startsWith(member.name))).toContain('已签到,扫码+定位签到')
  const [xlsx] = await Promise.all([org.waitForEvent('download'), org.getByTestId('export-xlsx').click()])
  expect(xlsx.suggestedFilename()).toMatch(/-签到记录\.xlsx$/)
  expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK')

  // A second member checks in; the list shows them within one refresh (10 s), without a reload.
  const second = lab.server.accounts.find((a) => a.unit === UNIT && a.role === 'unitAdmin')!
  const phone2 = await phoneOf(second.bindCode)
  const latest = await currentCheckInUrl(checkInUrl)
  await phone2.goto(latest)
  await phone2.getByTestId('checkin-success').waitFor()
  await org.getByTestId('tab-present').click()
  await org.getByTestId('present-row').filter({ hasText: second.name }).waitFor({ timeout: 15_000 })
  await expect(org.getByTestId('stat-present').textContent()).resolves.toBe('2')
})

/** The QR page is no longer on screen; ask the server for the current link instead. */
async function currentCheckInUrl(previous: string): Promise<string> {
  const o = await organizerApi()
  const id = new URL(previous).searchParams.get('a')!
  return (await api<QrTokenResult>(o.session, 'activity', { action: 'qrToken', id })).checkInUrl
}

test('a member who missed the check-in asks for a make-up; the organizer approves it with a comment', async () => {
  const member = account('member')
  const o = await organizerApi()
  const title = `理论学习：补签测试 ${stamp()}`
  // Started two hours ago and still running (an ended one can no longer be published): check-in closed 30 min after the start.
  const activity = await publishAt(o, { kind: 'study', title, startAt: Date.now() - 2 * HOUR, endAt: Date.now() + HOUR })
  const { checkInUrl } = await api<QrTokenResult>(o.session, 'activity', { action: 'qrToken', id: activity.id })

  const phone = await phoneOf(member.bindCode)
  await phone.goto(checkInUrl)
  const failed = phone.getByTestId('checkin-failed')
  await failed.waitFor()
  await expect(failed.getAttribute('data-code')).resolves.toBe('WINDOW_CLOSED')
  // The server offers the make-up (details.makeup) and says until when it may be asked for.
  await expect(failed.getAttribute('data-makeup')).resolves.toBe('allowed')
  await expect(phone.getByTestId('makeup-deadline').textContent()).resolves.toContain('补签申请截止')
  await phone.getByTestId('makeup-open').click()
  // Too short a reason is refused before anything is sent.
  await phone.locator('[data-testid=makeup-reason] textarea').fill('没')
  await phone.getByTestId('makeup-submit').click()
  await expect(phone.getByTestId('makeup-outcome').textContent()).resolves.toContain('至少 2 个字')
  await phone.locator('[data-testid=makeup-reason] textarea').fill('到场后手机没电，未能扫码')
  await phone.getByTestId('makeup-submit').click()
  await phone.locator('[data-testid=makeup-outcome][data-ok="1"]').waitFor()
  await shot(phone, '04-member-makeup-sent')

  // The organizer finds it under 待审核 and approves it with a comment.
  const org = await phoneOf(account('organizer').bindCode)
  await org.goto(`${lab.server.url}/organizer/attendance/index?id=${activity.id}`)
  await org.getByTestId('tab-pending').click()
  const request = org.getByTestId('pending-makeup').filter({ hasText: member.name })
  await request.waitFor()
  await expect(request.textContent()).resolves.toContain('到场后手机没电')
  await shot(org, '05-pending')
  await request.getByTestId('makeup-approve').click()
  await org.locator('[data-testid=dialog-text] textarea').fill('情况属实，同意补签')
  await shot(org, '06-review-dialog')
  await org.getByTestId('dialog-confirm').click()
  await org.getByTestId('dialog').waitFor({ state: 'detached' })
  await org.getByTestId('pending-makeup').waitFor({ state: 'detached' })
  await org.getByTestId('tab-present').click()
  const row = org.getByTestId('present-row').filter({ hasText: member.name })
  await row.waitFor()
  await expect(row.getByTestId('present-method').textContent()).resolves.toBe('补签')

  // The organizer adds someone else directly (补录), with a reason.
  await org.getByTestId('tab-absent').click()
  // The first row the organizer may add (never their own).
  const absent = org.getByTestId('absent-row').filter({ has: org.getByTestId('add-makeup') }).first()
  const absentName = (await absent.locator('.att-row__name').textContent())!
  await absent.getByTestId('add-makeup').click()
  await org.getByTestId('dialog-confirm').click() // no reason yet: refused by the form
  await expect(org.getByTestId('dialog').isVisible()).resolves.toBe(true)
  await org.locator('[data-testid=dialog-text] textarea').fill('现场已签纸质名册')
  await org.getByTestId('dialog-confirm').click()
  await org.getByTestId('dialog').waitFor({ state: 'detached' })
  await org.getByTestId('tab-present').click()
  // Recorded as a make-up approved by the organizer (the backend writes method `makeup` for both paths).
  const added = org.getByTestId('present-row').filter({ hasText: absentName })
  await added.waitFor()
  expect(['补签', '组织者补录']).toContain(await added.getByTestId('present-method').textContent())

  // The member sees the decision and the comment under 我的记录 · 补签申请.
  await phone.getByTestId('to-makeups').click()
  await phone.waitForURL(/\/pages\/records\/index\?tab=makeups/)
  await settled(phone, '.records')
  const mine = phone.getByTestId('makeup').filter({ hasText: title })
  await mine.waitFor()
  await expect(mine.getByTestId('makeup-status').textContent()).resolves.toBe('已通过')
  await expect(mine.textContent()).resolves.toContain('组织者意见：情况属实，同意补签')
  await shot(phone, '07-member-makeups')
})

test('a volunteer signs up, checks in, scans again to check out; the organizer sets place, capacity and sign-up, and cancels', async () => {
  const member = account('member')
  const o = await organizerApi()
  const title = `志愿服务：报名签退测试 ${stamp()}`
  const activity = await publishAt(o, {
    kind: 'volunteer',
    title,
    startAt: Date.now() - 10 * 60_000,
    endAt: Date.now() + 2 * HOUR,
    capacity: 5,
    signUpRequired: true,
  })

  // Home: the card offers 报名 with the places; signing up turns it into 已报名.
  const phone = await phoneOf(member.bindCode)
  await phone.goto(`${lab.server.url}/pages/index/index`)
  const card = phone.locator(`[data-testid=activity-card][data-activity-id="${activity.id}"]`)
  await card.waitFor()
  await expect(card.getByTestId('places').textContent()).resolves.toBe('已报名 0/5')
  await card.scrollIntoViewIfNeeded()
  await shot(phone, '08-member-sign-up')
  await card.getByTestId('sign-up').click()
  await card.getByTestId('signed-up').waitFor()
  await expect(card.getByTestId('places').textContent()).resolves.toBe('已报名 1/5')
  await shot(phone, '09-member-signed-up')

  // Check in, then open the link again: the volunteer checks out.
  const { checkInUrl } = await api<QrTokenResult>(o.session, 'activity', { action: 'qrToken', id: activity.id })
  await phone.goto(checkInUrl)
  await phone.getByTestId('checkin-success').waitFor()
  await phone.goto(checkInUrl)
  await phone.getByText('您已签到').waitFor()
  await phone.getByTestId('check-out').click()
  const result = phone.getByTestId('checkout-result')
  await result.waitFor()
  await expect(result.textContent()).resolves.toContain('签退成功')
  await shot(phone, '10-member-checked-out')
  await phone.goto(checkInUrl)
  await phone.getByText(/您已于 .* 签退/).waitFor()

  // The organizer's list shows the check-out time.
  const org = await phoneOf(account('organizer').bindCode)
  await org.context().grantPermissions(['geolocation'])
  await org.context().setGeolocation({ latitude: 30.2741, longitude: 120.1551, accuracy: 20 })
  await org.goto(`${lab.server.url}/organizer/attendance/index?id=${activity.id}`)
  const row = org.getByTestId('present-row').filter({ hasText: member.name })
  await row.waitFor()
  await expect(row.textContent()).resolves.toContain('签退')
  await settled(org, '.attendance')
  await shot(org, '11-volunteer-present')

  // Create: geofence from the organizer's position (现场定位, 300 m by default), capacity and sign-up.
  const geoTitle = `讲座：定位名额测试 ${stamp()}`
  await org.goto(`${lab.server.url}/organizer/create/index`)
  await org.locator('[data-testid=title] input').fill(geoTitle)
  await org.getByTestId('place-mode-here').click()
  await org.getByTestId('locate').click()
  await org.getByTestId('here-status').filter({ hasText: /已定位（精度约 20 米）/ }).waitFor()
  await org.getByTestId('radius').filter({ hasText: '500 米' }).click()
  await org.locator('[data-testid=capacity] input').fill('30')
  await org.getByTestId('signup-switch').click()
  await org.getByTestId('capacity').scrollIntoViewIfNeeded()
  await shot(org, '12-create-options')
  await org.getByTestId('publish').click()
  await org.waitForURL(/\/organizer\/qr\/index\?id=/)
  const created = await api<Activity>(o.session, 'activity', { action: 'get', id: new URL(org.url()).searchParams.get('id') })
  expect(created).toMatchObject({ title: geoTitle, capacity: 30, signUpRequired: true, place: { lat: 30.2741, lng: 120.1551, radiusM: 500 } })

  // Workbench: cancel the new activity after confirming.
  // The workbench sorts by phase: the new activity is under 进行中 once its check-in is open, else 未开始.
  const tab = Date.parse(created.checkInOpensAt) <= Date.now() ? 'ongoing' : 'upcoming'
  await org.goto(`${lab.server.url}/organizer/activities/index?tab=${tab}`)
  const orgCard = org.locator(`[data-testid=activity-card][data-activity-id="${created.id}"]`)
  await orgCard.waitFor()
  await shot(org, '13-workbench')
  await orgCard.getByTestId('cancel-activity').click()
  await org.getByTestId('dialog-confirm').click()
  await org.getByTestId('dialog').waitFor({ state: 'detached' })
  await org.getByTestId('tab-ended').click()
  await orgCard.getByText('已取消').waitFor()
  await expect(orgCard.getByTestId('cancel-activity').count()).resolves.toBe(0)
  await expect(api<Activity>(o.session, 'activity', { action: 'get', id: created.id })).resolves.toMatchObject({ status: 'cancelled' })
})

test('an organizer confirms the hours of a volunteer who never checked out; the member sees them', async () => {
  const o = await organizerApi()
  const member = await apiSession(account('member').bindCode)
  // The demo city's volunteer morning three days ago (two hours; an ended activity can no longer be
  // published): its check-out has closed, make-ups are still open.
  const title = VOLUNTEER_MORNING_TITLE
  const { activities } = await api<{ activities: Activity[] }>(o.session, 'activity', { action: 'list', view: 'organizing' })
  const activity = activities.find((a) => a.title === title)!
  // The organizer records the volunteer as present (补录): checked in, never checked out.
  await api(o.session, 'checkin', { action: 'addMakeup', activityId: activity.id, memberId: member.member.id, reason: '现场签到表已登记' })

  const org = await phoneOf(account('organizer').bindCode)
  await org.goto(`${lab.server.url}/organizer/attendance/index?id=${activity.id}`)
  const row = org.getByTestId('present-row').filter({ hasText: member.member.name })
  await row.waitFor()
  await expect(row.textContent()).resolves.toContain('未签退')
  await row.getByTestId('confirm-hours').click()
  // The stepper starts at the activity's length and moves in half hours.
  await expect(org.getByTestId('hours-value').textContent()).resolves.toBe('2 小时')
  await org.getByTestId('hours-plus').click()
  await expect(org.getByTestId('hours-value').textContent()).resolves.toBe('2 小时')
  await org.getByTestId('hours-minus').click()
  await expect(org.getByTestId('hours-value').textContent()).resolves.toBe('1.5 小时')
  await shot(org, '14-confirm-hours-dialog')
  await org.getByTestId('dialog-confirm').click()
  await org.getByTestId('dialog').waitFor({ state: 'detached' })
  await row.filter({ hasText: '1.5 小时' }).waitFor()
  await expect(row.getByTestId('confirm-hours').count()).resolves.toBe(0)
  await shot(org, '15-hours-confirmed')

  // The member's records show the hours, and that there was no check-out.
  const phone = await phoneOf(account('member').bindCode)
  await phone.goto(`${lab.server.url}/pages/records/index`)
  const record = phone.getByTestId('record').filter({ hasText: title })
  await record.waitFor()
  await expect(record.textContent()).resolves.toContain('1.5 小时')
  await expect(record.textContent()).resolves.toContain('未签退')
  await shot(phone, '16-member-volunteer-records')
})
