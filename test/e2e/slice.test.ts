/**
 * The first slice as people do it, in Chromium on the real h5 build served by `npm start`:
 * an organizer publishes a lecture and shows its QR code; a member of the unit signs in, sees the
 * lecture, opens the QR's link, checks in, and finds the record. Screenshots go to test/artifacts.
 */
import type { Page } from 'playwright-core'
import { PhoneLab, screenshots } from '../helpers/phones'

jest.setTimeout(180_000)

const lab = new PhoneLab()

const shot = screenshots('')

const newPhone = () => lab.newPhone()
const signIn = (page: Page, bindCode: string) => lab.signIn(page, bindCode)

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('organizer publishes a lecture, member scans its QR link, checks in and sees the record', async () => {
  const organizer = lab.server.accounts.find((a) => a.role === 'organizer' && a.unit === '市委办公室')!
  const member = lab.server.accounts.find((a) => a.role === 'member' && a.unit === '市委办公室')!
  const title = `处长讲坛：浏览器测试 ${Date.now().toString(36)}`

  // Organizer: sign in, open the workbench, publish a lecture for the unit.
  const org = await newPhone()
  await signIn(org, organizer.bindCode)
  await org.getByTestId('organizer-entry').click()
  await org.getByTestId('new-activity').click()
  await org.locator('[data-testid=title] input').fill(title)
  await shot(org, '01-organizer-create')
  await org.getByTestId('publish').click()
  await org.waitForURL(/\/organizer\/qr\/index/)
  const link = org.getByTestId('checkin-url')
  await link.waitFor()
  const checkInUrl = (await link.textContent())!.trim()
  expect(checkInUrl).toMatch(/\/pages\/checkin\/index\?a=[\w-]+&t=[0-9a-z]+\.[\w-]{22}$/)
  await expect(org.locator('.qr-code').first().getAttribute('data-qr-text')).resolves.toBe(checkInUrl)
  await expect(org.getByTestId('arrivals').textContent()).resolves.toContain('已签到 0 人')
  await shot(org, '02-organizer-qr')

  // Member of the same unit: sign in, see the lecture on the home page.
  const phone = await newPhone()
  await signIn(phone, member.bindCode)
  await phone.getByText(title).waitFor()
  await shot(phone, '03-member-home')

  // Scan: open the QR's link; the page checks in by itself.
  await phone.goto(checkInUrl)
  await phone.getByTestId('checkin-success').waitFor()
  await expect(phone.getByText('签到成功').isVisible()).resolves.toBe(true)
  await expect(phone.getByText('本次获得 1 积分').isVisible()).resolves.toBe(true)
  await shot(phone, '04-member-checked-in')

  // The record is in "my records".
  await phone.getByTestId('to-records').click()
  await phone.waitForURL(/\/pages\/records\/index/)
  await phone.getByTestId('record').filter({ hasText: title }).waitFor()
  await expect(phone.getByTestId('record').filter({ hasText: title }).textContent()).resolves.toContain('+1 积分')
  await shot(phone, '05-member-records')

  // Scanning again never makes a second record.
  await phone.goto(checkInUrl)
  await phone.getByText('您已签到').waitFor()

  // The organizer's screen counts the arrival without a reload.
  await org.getByTestId('arrivals').filter({ hasText: '已签到 1 人' }).waitFor({ timeout: 15_000 })
  await shot(org, '06-organizer-qr-arrived')
})

test('a page reload keeps the member signed in; a link with a forged token is refused with a reason', async () => {
  const member = lab.server.accounts.find((a) => a.role === 'member' && a.unit === '市政府办公室')!
  const phone = await newPhone()
  await signIn(phone, member.bindCode)
  await phone.reload()
  await phone.getByTestId('member-name').filter({ hasText: member.name }).waitFor()

  await phone.goto(`${lab.server.url}/pages/checkin/index?a=nosuchactivity&t=abc.AAAAAAAAAAAAAAAAAAAAAA`)
  const failed = phone.getByTestId('checkin-failed')
  await failed.waitFor()
  await expect(failed.getAttribute('data-code')).resolves.toBe('NOT_FOUND')
  await expect(failed.textContent()).resolves.toContain('活动不存在')
  await shot(phone, '07-member-bad-link')
})

test('opening a check-in link without signing in leads to sign-in and back to the check-in', async () => {
  const member = lab.server.accounts.find((a) => a.role === 'member' && a.unit === '市委办公室')!
  const phone = await newPhone()
  await phone.goto(`${lab.server.url}/pages/checkin/index?a=someid&t=x`)
  await phone.waitForURL(/\/pages\/login\/index\?redirect=/)
  await phone.locator('.login__input input').fill(member.bindCode)
  await phone.getByTestId('sign-in').click()
  await phone.waitForURL(/\/pages\/checkin\/index\?a=someid/)
  await phone.getByTestId('checkin-failed').waitFor()
})
