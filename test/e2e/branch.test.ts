/**
 * Branch life as a secretary and the unit's reviewer do it, in Chromium at 375 px on the real h5 build
 * served by `npm start`: the branch page shows this period's meetings by rhythm (with one overdue);
 * the secretary publishes a meeting from it; members check in; the secretary writes the record (主持人,
 * 记录人, 议题, 纪要, a photo, absentees' reasons), saves and submits it, and it locks; the unit's reviewer
 * approves it; the printable record shows every field, with 实到 as the check-ins say. Screenshots
 * (normal and large font, and the print page at A4 width) go to test/artifacts/branch-*.png.
 */
import type { Activity, MemberProfile, QrTokenResult, SessionResult } from '../../cloud/contract/model'
import { fontShots, onSite, PhoneLab, screenshots, settled, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(300_000)

const lab = new PhoneLab()
const shot = screenshots('branch-')
const bothFonts = fontShots(shot)

/** The functions over HTTP, as another client would call them. */
const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)

const sessions = new Map<string, SessionResult>()
async function apiSession(bindCode: string): Promise<{ session: string; member: MemberProfile }> {
  if (!sessions.has(bindCode)) sessions.set(bindCode, await api<SessionResult>(null, 'member', { action: 'signIn', bindCode }))
  return sessions.get(bindCode)!
}



beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('a secretary runs a meeting and files its record; the unit reviews it; the record book prints it', async () => {
  const accounts = lab.server.accounts
  const secretary = accounts.find((a) => a.role === 'branchSecretary')!
  const organizer = accounts.find((a) => a.role === 'branchOrganizer')!
  const reviewer = accounts.find((a) => a.role === 'unitAdmin' && a.unit === secretary.unit) ?? accounts.find((a) => a.role === 'cityAdmin')!
  expect(secretary).toBeDefined()

  // Home → 支部工作: this period's meetings by rhythm, one of them overdue, and this year's meetings.
  const page = await lab.phoneOf(secretary.bindCode)
  await page.getByTestId('branch-entry').click()
  await page.waitForURL(/\/branch\/index\/index/)
  await settled(page, '.branch')
  await page.getByTestId('rhythm-row').first().waitFor()
  const rows = await page.getByTestId('rhythm-row').count()
  expect(rows).toBeGreaterThanOrEqual(5)
  await expect(page.locator('[data-testid=rhythm-row][data-type=committee]').textContent()).resolves.toContain('每月')
  expect(await page.locator('[data-testid=rhythm-row][data-status=overdue]').count()).toBeGreaterThanOrEqual(1)
  expect(await page.getByTestId('make-up').count()).toBeGreaterThanOrEqual(1)
  await page.getByTestId('meeting-row').first().waitFor()
  expect(await tallEnough(page, '.nut-button, .bl__chip')).toEqual([])
  await bothFonts(page, '01-branch')

  // 发布会议: the create form opens in 支部会议 mode for this branch.
  const branchName = (await page.getByTestId('branch-name').textContent())!.trim()
  await page.getByTestId('new-meeting').click()
  await page.waitForURL(/\/organizer\/create\/index\?meeting=1/)
  await settled(page, '.create')
  await expect(page.getByTestId('meeting-branch').textContent()).resolves.toContain(branchName)
  await page.getByTestId('meeting-type-themeDay').click()
  const published = `主题党日 ${Date.now().toString(36)}`
  await page.locator('[data-testid=title] input').fill(published)
  await shot(page, '02-create-meeting')
  await page.getByTestId('publish').click()
  await page.waitForURL(/\/organizer\/qr\/index/)

  // A meeting that has just run (the form only offers times ahead): two members check in through the QR code,
  // each from their own phone in the room (the meeting took the unit's first saved place).
  const sec = await apiSession(secretary.bindCode)
  const org = await apiSession(organizer.bindCode)
  const now = Date.now()
  const endsAt = now + 75_000
  const meeting = await api<Activity>(sec.session, 'activity', {
    action: 'create',
    kind: 'study',
    title: `支部党员大会 ${now.toString(36)}`,
    startAt: new Date(now - 5 * 60_000).toISOString(),
    endAt: new Date(endsAt).toISOString(),
    placeName: '机关大楼三楼会议室',
    publish: true,
    meeting: { type: 'generalMeeting', branchId: sec.member.branchId },
  })
  for (const [i, who] of [sec, org].entries()) {
    const { token } = await api<QrTokenResult>(sec.session, 'activity', { action: 'qrToken', id: meeting.id })
    const { latitude: lat, longitude: lng, accuracy: accuracyM } = onSite(40 + i)
    await api(who.session, 'checkin', { action: 'checkIn', activityId: meeting.id, token, location: { lat, lng, accuracyM } })
  }

  // The record editor: 应到 from the roster, 实到 2 from the check-ins.
  await page.goto(`${lab.server.url}/branch/record/index?id=${meeting.id}`)
  await settled(page, '.record')
  await page.getByTestId('roll-present').waitFor()
  await expect(page.getByTestId('roll-present').textContent()).resolves.toBe('2')
  const expected = Number(await page.getByTestId('roll-expected').textContent())
  expect(expected).toBeGreaterThan(2)
  await expect(page.getByTestId('quorum').textContent()).resolves.toContain('法定人数')
  await page.locator('[data-testid=host] input').fill(secretary.name)
  await page.getByTestId('recorder-pick').filter({ hasText: organizer.name }).click()
  await expect(page.locator('[data-testid=recorder] input').inputValue()).resolves.toBe(organizer.name)
  await page.locator('[data-testid=topic] input').first().fill('传达学习上级会议精神')
  await page.getByTestId('topic-add').click()
  await page.locator('[data-testid=topic] input').nth(1).fill('讨论本支部年度工作计划')
  await page.locator('[data-testid=minutes] textarea').fill('书记传达了会议精神，与会党员逐一发言，一致同意年度工作计划。')
  await page.locator('[data-testid=decisions] textarea').fill('通过本支部年度工作计划。')

  // A photo: the browser's file input, compressed on the phone, uploaded, shown as a thumbnail.
  const picture = await page.screenshot({ type: 'png' })
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('add-photo').click()])
  await chooser.setFiles({ name: '会议现场.png', mimeType: 'image/png', buffer: picture })
  await page.locator('[data-testid=photo] img').first().waitFor()

  // Every absentee gets a reason: the first 公出 with a note, the rest 事假.
  const absent = page.locator('[data-testid=roll-row][data-status=absent]')
  const absentees = await absent.count()
  expect(absentees).toBe(expected - 2 - Number(await page.getByTestId('roll-leave').textContent()))
  for (let i = 0; i < absentees; i++) await absent.nth(i).getByTestId(i === 0 ? 'absence-business' : 'absence-personal').click()
  await absent.first().locator('[data-testid=absence-note] input').fill('赴省里参加培训')
  await page.getByTestId('save').click()
  await page.getByText('已保存').waitFor()
  await toastGone(page)
  await page.locator('[data-testid=host] input').scrollIntoViewIfNeeded()
  await bothFonts(page, '03-record-editor')

  // Once the meeting is over the record may go: 上报, and it locks.
  await page.waitForTimeout(Math.max(0, endsAt - Date.now() + 2000))
  await page.reload()
  await settled(page, '.record')
  await page.getByTestId('problems').filter({ hasText: '可以上报' }).waitFor()
  await page.getByTestId('submit').click()
  await page.getByTestId('dialog-confirm').click()
  await page.getByTestId('locked').waitFor()
  await expect(page.getByTestId('record-state').textContent()).resolves.toBe('已上报')
  await expect(page.getByTestId('save').count()).resolves.toBe(0)
  await expect(page.getByTestId('ro-host').textContent()).resolves.toBe(secretary.name)
  await toastGone(page)
  await shot(page, '04-record-locked')

  // The unit's reviewer: 会议记录审阅 lists it; 审阅通过.
  const admin = await lab.phoneOf(reviewer.bindCode)
  await admin.goto(`${lab.server.url}/branch/review/index`)
  await settled(admin, '.bl')
  const row = admin.locator(`[data-testid=meeting-row][data-id="${meeting.id}"]`)
  await row.waitFor()
  await shot(admin, '05-review-queue')
  await row.click()
  await admin.waitForURL(/\/branch\/record\/index/)
  await settled(admin, '.record')
  await admin.getByTestId('review-approve').click()
  await admin.getByTestId('reviewed').waitFor()
  await expect(admin.locator('.record').getByTestId('record-state').textContent()).resolves.toBe('已审阅')

  // The printable record: every field, 实到 as the check-ins say.
  await page.goto(`${lab.server.url}/branch/print/index?id=${meeting.id}`)
  await settled(page, '.minutes-book')
  const sheet = page.getByTestId('print-sheet')
  await sheet.waitFor()
  await expect(sheet.getByTestId('p-present').textContent()).resolves.toMatch(/^2 人/)
  await expect(sheet.getByTestId('p-expected').textContent()).resolves.toMatch(new RegExp(`^${expected} 人`))
  await expect(sheet.getByTestId('p-host').textContent()).resolves.toBe(secretary.name)
  await expect(sheet.getByTestId('p-recorder').textContent()).resolves.toBe(organizer.name)
  await expect(sheet.getByTestId('p-topic').allTextContents()).resolves.toEqual(['1. 传达学习上级会议精神', '2. 讨论本支部年度工作计划'])
  await expect(sheet.getByTestId('p-decisions').textContent()).resolves.toBe('通过本支部年度工作计划。')
  await expect(sheet.getByTestId('p-minutes').textContent()).resolves.toContain('一致同意年度工作计划')
  await expect(sheet.getByTestId('p-absent').textContent()).resolves.toContain('公出，赴省里参加培训')
  await expect(sheet.getByTestId('p-quorum').textContent()).resolves.toContain('法定人数')
  await expect(sheet.getByTestId('p-type').textContent()).resolves.toContain('支部党员大会')
  await expect(sheet.getByTestId('p-branch').textContent()).resolves.toContain(branchName)
  await expect(sheet.getByTestId('p-state').textContent()).resolves.toContain('已审阅')
  await expect(sheet.getByTestId('p-filing').textContent()).resolves.toContain(secretary.name)
  await sheet.locator('[data-testid=photo] img').waitFor()
  await bothFonts(page, '06-print')

  // On paper: A4, the toolbar hidden, one meeting a page.
  const paper = await lab.newPhone()
  await paper.context().addCookies([])
  await paper.setViewportSize({ width: 794, height: 1123 })
  await paper.goto(`${lab.server.url}/pages/login/index`)
  await paper.evaluate((stored) => Object.entries(stored).forEach(([k, v]) => localStorage.setItem(k, v)), await page.evaluate(() => ({ ...localStorage })))
  await paper.goto(`${lab.server.url}/branch/print/index?id=${meeting.id}`)
  await paper.getByTestId('print-sheet').locator('[data-testid=photo] img').waitFor()
  await paper.emulateMedia({ media: 'print' })
  await expect(paper.getByTestId('print').isVisible()).resolves.toBe(false)
  await paper.screenshot({ path: `${__dirname}/../artifacts/branch-07-print-a4.png`, fullPage: true })
  const pdf = await paper.pdf({ format: 'A4', printBackground: true })
  expect(pdf.length).toBeGreaterThan(1000)
})
