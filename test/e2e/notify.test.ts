/**
 * Reminders (消息), in Chromium on the real h5 build served by `npm start`: an organizer publishes an
 * activity starting in 20 minutes for the unit, a dispatch run (the timer's, run by hand by the city
 * admin) delivers 活动即将开始 to its members; a member sees the unread count on the home page, opens
 * 消息, finds the message, marks everything read and the count is gone back home; turning a kind off
 * in 提醒设置 is kept across a reload. Screenshots (viewport only, 375 px, normal and large font) go
 * to test/artifacts/notify-*.png.
 */
import type { Page } from 'playwright-core'
import type { Activity, InboxPage, MemberProfile, NotifyPreferences } from '../../cloud/contract/model'
import { fontShots, PhoneLab, screenshots, settled, toastGone } from '../helpers/phones'

jest.setTimeout(240_000)

const UNIT = '市委办公室'
const lab = new PhoneLab()
const shot = screenshots('notify-')
const bothFonts = fontShots(shot)
const stamp = () => Date.now().toString(36)

const account = (role: string, unit?: string) => {
  const a = lab.server.accounts.find((x) => x.role === role && (!unit || x.unit === unit))
  if (!a) throw new Error(`no demo ${role} in ${unit ?? 'the city'}`)
  return a
}

/** The session the app keeps in storage (Taro h5 wraps stored values as `{ data }`). */
async function sessionOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('party-checkin.session'))
  return (JSON.parse(raw!) as { data: { session: string; member: MemberProfile } }).data.session
}



beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('a member sees the unread count on home, reads the reminder in 消息, marks all read; a kind turned off stays off', async () => {
  // An activity for the whole unit starting in 20 minutes: 活动即将开始 is due (urgent, so quiet hours do not hold it).
  const org = await lab.phoneOf(account('organizer', UNIT).bindCode)
  const orgSession = await sessionOf(org)
  const title = `理论学习：提醒测试 ${stamp()}`
  const startAt = Date.now() + 20 * 60_000
  const me = JSON.parse((await org.evaluate(() => localStorage.getItem('party-checkin.session')))!) as { data: { member: MemberProfile } }
  await lab.api<Activity>(orgSession, 'activity', {
    action: 'create',
    kind: 'study',
    title,
    startAt: new Date(startAt).toISOString(),
    endAt: new Date(startAt + 3_600_000).toISOString(),
    audience: { type: 'units', unitIds: [me.data.member.unitId] },
    publish: true,
  })
  const admin = await lab.phoneOf(account('cityAdmin').bindCode)
  const report = await lab.api<{ delivered: number }>(await sessionOf(admin), 'notify', { action: 'dispatchDue' })
  expect(report.delivered).toBeGreaterThan(0)

  // The member's home page: 消息 with the unread count the server reports.
  const phone = await lab.phoneOf(account('member', UNIT).bindCode)
  const session = await sessionOf(phone)
  const before = await lab.api<InboxPage>(session, 'notify', { action: 'inbox', limit: 1 })
  expect(before.unread).toBeGreaterThan(0)
  await phone.goto(`${lab.server.url}/pages/index/index`)
  await settled(phone, '.home')
  const badge = phone.getByTestId('inbox-entry').getByTestId('unread-count')
  await badge.waitFor()
  expect((await badge.textContent())!.trim()).toBe(before.unread > 99 ? '99+' : String(before.unread))
  await bothFonts(phone, '01-home-badge')

  // 消息: the reminder about this activity, unread, newest first.
  await phone.getByTestId('inbox-entry').click()
  await phone.waitForURL(/\/notify\/inbox\/index/)
  await settled(phone, '.inbox')
  const mine = phone.getByTestId('inbox-message').filter({ hasText: title })
  await mine.first().waitFor()
  await expect(mine.first().getAttribute('data-read')).resolves.toBe('0')
  await expect(mine.first().getByTestId('unread-dot').count()).resolves.toBe(1)
  expect(await phone.getByTestId('inbox-unread').textContent()).toBe(`${before.unread} 条未读`)
  await bothFonts(phone, '02-inbox')

  // 全部已读: no dot left, here and on the server.
  await phone.getByTestId('read-all').click()
  await phone.getByTestId('inbox-unread').filter({ hasText: '没有未读消息' }).waitFor()
  await expect(phone.getByTestId('unread-dot').count()).resolves.toBe(0)
  await expect(lab.api<InboxPage>(session, 'notify', { action: 'inbox', limit: 1 })).resolves.toMatchObject({ unread: 0 })

  // 提醒设置: turn 活动前一天提醒 off; it is saved, and still off after a reload.
  const row = phone.getByTestId('pref-activityTomorrow')
  await row.scrollIntoViewIfNeeded()
  await expect(row.getAttribute('data-on')).resolves.toBe('1')
  await row.locator('.nut-switch').click()
  await phone.waitForFunction(() => document.querySelector('[data-testid=pref-activityTomorrow]')?.getAttribute('data-on') === '0')
  await expect(lab.api<NotifyPreferences>(session, 'notify', { action: 'preferences' })).resolves.toMatchObject({ off: ['activityTomorrow'] })
  await toastGone(phone)
  await phone.getByTestId('notify-settings').locator('.inbox-settings__note').scrollIntoViewIfNeeded()
  await bothFonts(phone, '03-settings')
  await phone.reload()
  await settled(phone, '.inbox')
  await phone.waitForFunction(() => document.querySelector('[data-testid=pref-activityTomorrow]')?.getAttribute('data-on') === '0')
  await expect(phone.getByTestId('pref-activitySoon').getAttribute('data-on')).resolves.toBe('1')

  // The message opens the page that acts on it (the home page's list, for an activity); the badge is gone.
  await phone.getByTestId('inbox-message').filter({ hasText: title }).first().click()
  await phone.waitForURL(/\/pages\/index\/index/)
  await settled(phone, '.home')
  await phone.getByTestId('inbox-entry').waitFor()
  await phone.waitForTimeout(500)
  await expect(phone.getByTestId('unread-count').count()).resolves.toBe(0)
  await shot(phone, '04-home-read')
})

test('no messages: the empty state; the inbox unreachable: the error with 重试', async () => {
  // The organizer's phone, with the server's answers replaced: first nothing, then a failure.
  const phone = await lab.phoneOf(account('organizer', UNIT).bindCode)
  let answer: 'empty' | 'fail' = 'empty'
  await phone.route('**/api/fn/notify', async (route) => {
    const action = (route.request().postDataJSON() as { action?: string }).action
    if (action !== 'inbox') return route.continue()
    if (answer === 'fail') return route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '服务暂时繁忙，请稍后再试' } }) })
    return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, data: { messages: [], unread: 0, next: null } }) })
  })
  await phone.goto(`${lab.server.url}/notify/inbox/index`)
  await settled(phone, '.inbox')
  await phone.locator('.state-view--empty').waitFor()
  await expect(phone.getByTestId('read-all').count()).resolves.toBe(0)
  await bothFonts(phone, '05-empty')

  answer = 'fail'
  await phone.reload()
  await settled(phone, '.inbox')
  await phone.locator('.state-view--error').waitFor()
  await bothFonts(phone, '06-error')
  await phone.unroute('**/api/fn/notify')
  await phone.locator('.state-view--error .nut-button').click()
  await phone.locator('.state-view--error').waitFor({ state: 'detached' })
})
