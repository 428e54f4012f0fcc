/**
 * 我的, in Chromium at 375×812 on the real h5 build served by `npm start`: a member opens it from the
 * home page's header, sees their own profile, turns on 大字模式, and the home page's text is larger,
 * after a reload too; 使用帮助 and 隐私说明 open in place; 退出登录 asks first (取消 keeps them signed in)
 * and then lands on the sign-in page with the session gone. Screenshots go to test/artifacts/mine-*.png.
 */
import type { Page } from 'playwright-core'
import { PhoneLab, screenshots, settled, signedInPhone, smallText, tallEnough } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const lab = new PhoneLab()
const shot = screenshots('mine-')
const account = (role: string) => lab.server.accounts.find((a) => a.role === role && a.unit === UNIT)!

/** The computed font size, in CSS px, of the first element matching `selector`. */
const fontPx = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('大字模式 on 我的 makes the home page larger, and stays on after a reload', async () => {
  const member = account('member')
  const phone = await signedInPhone(lab, member.bindCode)
  await settled(phone, '.home')
  const normalTitle = await fontPx(phone, '.home__shortcut-title')
  const normalHint = await fontPx(phone, '.home__shortcut-hint')
  expect(normalHint).toBeGreaterThanOrEqual(14)

  await phone.getByTestId('mine-entry').click()
  await phone.waitForURL(/\/pages\/mine\/index/)
  await settled(phone, '.mine')
  await expect(phone.getByTestId('mine-name').textContent()).resolves.toBe(member.name)
  await expect(phone.getByTestId('mine-单位').textContent()).resolves.toBe(UNIT)
  await expect(phone.getByTestId('mine-身份').textContent()).resolves.toContain('党员')
  expect(await smallText(phone, '.mine')).toEqual([])
  expect(await tallEnough(phone, '.mine .nut-button, .mine [role=switch], .mine [role=button]')).toEqual([])
  const switchRow = phone.getByTestId('font-switch')
  await expect(switchRow.getAttribute('data-on')).resolves.toBe('0')
  await shot(phone, 'profile')

  await switchRow.click()
  await expect(switchRow.getAttribute('data-on')).resolves.toBe('1')
  await expect(phone.evaluate(() => document.body.classList.contains('font-large'))).resolves.toBe(true)
  await shot(phone, 'profile-large')

  // Back on home: every size token is larger.
  await phone.goBack()
  await phone.waitForURL(/\/pages\/index\/index/)
  await settled(phone, '.home')
  await phone.waitForFunction((n) => parseFloat(getComputedStyle(document.querySelector('.home__shortcut-title')!).fontSize) > n, normalTitle)
  expect(await fontPx(phone, '.home__shortcut-hint')).toBeGreaterThan(normalHint)

  // A reload (or coming back tomorrow) keeps the choice.
  await phone.reload()
  await settled(phone, '.home')
  await phone.locator('.home__shortcut-title').first().waitFor()
  expect(await fontPx(phone, '.home__shortcut-title')).toBeGreaterThan(normalTitle)
  await expect(phone.evaluate(() => document.body.classList.contains('font-large'))).resolves.toBe(true)
  await shot(phone, 'home-large')

  // And off again, from 我的.
  await phone.getByTestId('mine-entry').click()
  await settled(phone, '.mine')
  await phone.getByTestId('font-switch').click()
  await expect(phone.getByTestId('font-switch').getAttribute('data-on')).resolves.toBe('0')
  await phone.reload()
  await settled(phone, '.mine')
  await expect(phone.evaluate(() => document.body.classList.contains('font-large'))).resolves.toBe(false)
})

test('使用帮助 and 隐私说明 open in place; 退出登录 asks first, then lands on the sign-in page', async () => {
  const phone = await signedInPhone(lab, account('organizer').bindCode)
  await phone.getByTestId('mine-entry').click()
  await phone.waitForURL(/\/pages\/mine\/index/)
  await settled(phone, '.mine')
  await expect(phone.getByTestId('mine-身份').textContent()).resolves.toContain('活动组织者')

  await phone.getByTestId('mine-help-toggle').click()
  const help = phone.getByTestId('mine-help')
  for (const topic of ['扫码签到', '补签', '请假', '志愿时长']) await expect(help.textContent()).resolves.toContain(topic)
  await phone.getByTestId('mine-privacy-toggle').click()
  const privacy = await phone.getByTestId('mine-privacy').textContent()
  for (const word of ['手机号', '位置', '设备编号', '谁能看到', '保存多久']) expect(privacy).toContain(word)
  // Opening one closes the other: the page stays short.
  await expect(help.textContent()).resolves.not.toContain('扫描大屏上的签到码')
  expect(await smallText(phone, '.mine')).toEqual([])
  await phone.getByTestId('mine-privacy').scrollIntoViewIfNeeded()
  await shot(phone, 'privacy')

  // 退出登录 asks; 取消 keeps the person signed in.
  await phone.getByTestId('sign-out').click()
  const dialog = phone.getByTestId('dialog')
  await dialog.waitFor()
  await expect(dialog.textContent()).resolves.toContain('退出登录？')
  expect(await tallEnough(phone, '[data-testid=dialog] .nut-button')).toEqual([])
  await shot(phone, 'sign-out')
  await phone.getByTestId('dialog-cancel').click()
  await dialog.waitFor({ state: 'detached' })
  expect(phone.url()).toMatch(/\/pages\/mine\/index/)
  await expect(phone.evaluate(() => localStorage.getItem('party-checkin.session'))).resolves.not.toBeNull()

  // Confirmed: the session is gone and the sign-in page shows; home sends back to it.
  await phone.getByTestId('sign-out').click()
  await phone.getByTestId('dialog-confirm').click()
  await phone.waitForURL(/\/pages\/login\/index/)
  await expect(phone.evaluate(() => localStorage.getItem('party-checkin.session'))).resolves.toBeNull()
  await phone.goto(`${lab.server.url}/pages/index/index`)
  await phone.waitForURL(/\/pages\/login\/index/)
})
