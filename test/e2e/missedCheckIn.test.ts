/**
 * A missed check-in recovered from 我的记录, in Chromium at 375×812 on the real h5 build served by
 * `npm start`: a member opens 我的记录 › 未签到, finds the study session whose check-in closed, asks
 * for a make-up (补签) with a reason; the organizer approves it on the attendance page; the member's
 * 签到记录 shows it as 补签 with its points. The organizer's QR screen of that session says 签到已截止
 * with the final count; a volunteer activity's screen keeps its code as the 签退码; one not yet open
 * says 签到未开始. Screenshots (normal and large font) go to test/artifacts/missed-*.png.
 */
import type { Activity, MemberProfile, SessionResult } from '../../cloud/contract/model'
import { fontShots, PhoneLab, screenshots, settled, signedInPhone, smallText, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const HOUR = 3600_000
const lab = new PhoneLab()
const shot = screenshots('missed-')
const stamp = () => Date.now().toString(36)

const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)
const account = (role: string, unit = UNIT) => lab.server.accounts.find((a) => a.role === role && a.unit === unit)!

async function organizerApi(): Promise<{ session: string; member: MemberProfile }> {
  return api<SessionResult>(null, 'member', { action: 'signIn', bindCode: account('organizer').bindCode })
}

/** Published for the organizer's unit at times the form does not offer (already started); at the unit's first saved place. */
const publishAt = (
  o: { session: string; member: MemberProfile },
  kind: 'study' | 'volunteer' | 'lecture',
  title: string,
  startAt: number,
  endAt: number,
  over: Record<string, unknown> = {},
) =>
  api<Activity>(o.session, 'activity', {
    action: 'create',
    kind,
    title,
    startAt: new Date(startAt).toISOString(),
    endAt: new Date(endAt).toISOString(),
    audience: { type: 'units', unitIds: [o.member.unitId] },
    publish: true,
    ...over,
  })

/** A new signed-in 375×812 phone every time (not kept). */
const phoneOf = (bindCode: string) => signedInPhone(lab, bindCode)
const bothFonts = fontShots(shot)

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('a member finds the missed session under 未签到, asks for a make-up, and sees it credited as 补签 once approved', async () => {
  const member = account('member')
  const o = await organizerApi()
  const title = `理论学习：漏签补签 ${stamp()}`
  // Started two hours ago and still running: its check-in closed 30 minutes after the start.
  const session = await publishAt(o, 'study', title, Date.now() - 2 * HOUR, Date.now() + HOUR)

  // The member opens 我的记录 from home and goes to 未签到, whose tab counts what is there.
  const phone = await phoneOf(member.bindCode)
  await phone.locator('.home__shortcut').filter({ hasText: '我的记录' }).click()
  await phone.waitForURL(/\/pages\/records\/index/)
  await settled(phone, '.records')
  const tab = phone.getByTestId('tab-missed')
  await tab.locator('.tabs__count').waitFor()
  expect(Number(await tab.locator('.tabs__count').textContent())).toBeGreaterThanOrEqual(1)
  await tab.click()
  const row = phone.getByTestId('missed').filter({ hasText: title })
  await row.waitFor()
  await expect(row.getAttribute('data-state')).resolves.toBe('open')
  await expect(row.getByTestId('missed-deadline').textContent()).resolves.toMatch(/^补签截止：\d+月\d+日 \d\d:\d\d$/)
  await expect(row.textContent()).resolves.toContain('理论学习')
  await row.scrollIntoViewIfNeeded()
  expect(await tallEnough(phone, '.records .nut-button, .tabs__item')).toEqual([])
  expect(await smallText(phone, '.records')).toEqual([])
  await bothFonts(phone, 'list')

  // 申请补签 opens the reason sheet; too short a reason is refused before anything is sent.
  await row.getByTestId('missed-request').click()
  const dialog = phone.getByTestId('dialog')
  await dialog.waitFor()
  await expect(dialog.textContent()).resolves.toContain(title)
  await phone.locator('[data-testid=missed-reason] textarea').fill('没')
  await phone.getByTestId('dialog-confirm').click()
  await expect(phone.getByTestId('missed-problem').textContent()).resolves.toContain('至少 2 个字')
  await phone.locator('[data-testid=missed-reason] textarea').fill('到场后手机没电，未能扫码')
  expect(await tallEnough(phone, '[data-testid=dialog] .nut-button')).toEqual([])
  await bothFonts(phone, 'reason')
  await phone.getByTestId('dialog-confirm').click()
  await dialog.waitFor({ state: 'detached' })
  // The row now waits for the organizer: 待审核, no second request.
  await phone.locator(`[data-testid=missed][data-state=pending]`).filter({ hasText: title }).waitFor()
  await expect(row.getByTestId('missed-status').textContent()).resolves.toBe('待审核')
  await expect(row.getByTestId('missed-request').count()).resolves.toBe(0)
  await toastGone(phone)
  await bothFonts(phone, 'pending')

  // The organizer approves it on the attendance page.
  const org = await phoneOf(account('organizer').bindCode)
  await org.goto(`${lab.server.url}/organizer/attendance/index?id=${session.id}`)
  await settled(org, '.attendance')
  await org.getByTestId('tab-pending').click()
  const request = org.getByTestId('pending-makeup').filter({ hasText: member.name })
  await request.waitFor()
  await expect(request.textContent()).resolves.toContain('到场后手机没电')
  await request.getByTestId('makeup-approve').click()
  await org.locator('[data-testid=dialog-text] textarea').fill('情况属实，同意补签')
  await org.getByTestId('dialog-confirm').click()
  await org.getByTestId('dialog').waitFor({ state: 'detached' })
  await org.getByTestId('pending-makeup').filter({ hasText: member.name }).waitFor({ state: 'detached' })

  // The member's 签到记录 shows it as 补签 with the study session's 2 points; it has left 未签到.
  await phone.getByTestId('tab-records').click()
  const record = phone.getByTestId('record').filter({ hasText: title })
  await record.waitFor()
  await expect(record.locator('.records__meta').textContent()).resolves.toContain('补签')
  await expect(record.locator('.records__credit').textContent()).resolves.toBe('+2 积分')
  await record.scrollIntoViewIfNeeded()
  await shot(phone, 'credited')
  await phone.goto(`${lab.server.url}/pages/records/index?tab=missed`)
  await settled(phone, '.records')
  await expect(phone.getByTestId('tab-missed').getAttribute('class')).resolves.toContain('tabs__item--on')
  await phone.locator('[data-testid=missed], .state-view--empty').first().waitFor()
  await expect(phone.getByTestId('missed').filter({ hasText: title }).count()).resolves.toBe(0)

  // The QR screen of the session: 签到已截止 with its time and the final count, no code, no countdown.
  await org.goto(`${lab.server.url}/organizer/qr/index?id=${session.id}`)
  await settled(org, '.qr-screen')
  const closed = org.locator('[data-testid=qr-stage][data-stage=closed]')
  await closed.waitFor()
  await expect(closed.textContent()).resolves.toMatch(/签到已截止截止时间：\d+月\d+日 \d\d:\d\d/)
  await expect(org.getByTestId('arrivals').textContent()).resolves.toBe('共签到 1 人')
  await expect(org.locator('.qr-code').count()).resolves.toBe(0)
  await expect(org.getByTestId('countdown').count()).resolves.toBe(0)
  await expect(org.getByTestId('checkin-url').count()).resolves.toBe(0)
  await bothFonts(org, 'qr-closed')
})

test('the QR screen keeps a volunteer activity’s code as the 签退码 after check-in closes, and says when check-in opens before it does', async () => {
  const o = await organizerApi()
  // Its check-in closed 30 minutes after the start, as the organizer chose (by default a shift takes check-ins to its end).
  const shift = await publishAt(o, 'volunteer', `志愿服务：签退码 ${stamp()}`, Date.now() - 2 * HOUR, Date.now() + HOUR, { checkInWindow: { closes: 30 } })
  const later = await publishAt(o, 'lecture', `讲座：尚未开始 ${stamp()}`, Date.now() + 3 * HOUR, Date.now() + 4 * HOUR)
  const org = await phoneOf(account('organizer').bindCode)

  await org.goto(`${lab.server.url}/organizer/qr/index?id=${shift.id}`)
  await settled(org, '.qr-screen')
  const checkOut = org.locator('[data-testid=qr-stage][data-stage=checkOut]')
  await checkOut.waitFor()
  await expect(checkOut.textContent()).resolves.toMatch(/^签退码签到已于 (\d+月\d+日 )?\d\d:\d\d 截止，签退截止 (\d+月\d+日 )?\d\d:\d\d$/)
  await org.locator('.qr-code').waitFor()
  await expect(org.getByTestId('countdown').textContent()).resolves.toMatch(/秒后刷新$/)
  await shot(org, 'qr-checkout')

  await org.goto(`${lab.server.url}/organizer/qr/index?id=${later.id}`)
  await settled(org, '.qr-screen')
  const notOpen = org.locator('[data-testid=qr-stage][data-stage=notOpen]')
  await notOpen.waitFor()
  await expect(notOpen.textContent()).resolves.toMatch(/^签到未开始（(\d+月\d+日 )?\d\d:\d\d 起）/)
  await expect(org.locator('.qr-code').count()).resolves.toBe(0)
  await expect(org.getByTestId('countdown').count()).resolves.toBe(0)
  await shot(org, 'qr-not-open')
})
