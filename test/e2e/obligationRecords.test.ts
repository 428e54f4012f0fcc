/**
 * The records that meet the plan's targets, in Chromium at 375 px on the real h5 build served by
 * `npm start`: the city admin adds a training target with a deadline and sees it listed (and offered
 * when an activity is created); a unit admin records a 民主生活会 with its 工委 attendee and a photo,
 * and scores a branch on the checklist (the grade shows as the scores are typed, and after saving);
 * a branch secretary submits a 述职, sees no 评议 button on it, and the unit admin appraises it.
 * Screenshots (normal and large font) go to test/artifacts/records-*.png.
 */
import type { Page } from 'playwright-core'
import type { SessionResult } from '../../cloud/contract/model'
import { fontShots, PhoneLab, screenshots, settled, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(300_000)

const lab = new PhoneLab()
const shot = screenshots('records-')
const bothFonts = fontShots(shot)



const account = (role: string, unit?: string) => {
  const a = lab.server.accounts.find((x) => x.role === role && (!unit || x.unit === unit))
  if (!a) throw new Error(`no demo ${role}`)
  return a
}

async function open(page: Page, path: string, root: string) {
  await page.goto(`${lab.server.url}${path}`)
  await settled(page, root)
}

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('the city admin adds a training target with a deadline; it is listed and offered on new activities', async () => {
  const page = await lab.phoneOf(account('cityAdmin').bindCode)
  await open(page, '/obligations/targets/index', '.targets')
  await page.getByTestId('target-row').first().waitFor()
  expect(await page.getByTestId('target-row').filter({ hasText: '规划目标' }).count()).toBe(6)
  expect(await tallEnough(page, '.nut-button, .rec-chips__chip')).toEqual([])
  await bothFonts(page, '01-targets')

  await page.getByTestId('target-add').click()
  await page.getByTestId('target-kind-training').click()
  // Saving without a name: the form says what is missing next to it.
  await page.getByTestId('target-save').click()
  await expect(page.getByTestId('target-error').textContent()).resolves.toContain('目标名称')
  const name = `处级干部专题轮训 ${Date.now().toString(36).slice(-4)}`
  await page.locator('[data-testid=target-name] input').fill(name)
  await page.getByTestId('param-rank-section').click()
  // The date picker opens at the end of this year; 确定 takes it.
  await page.getByTestId('target-deadline').click()
  await page.locator('.weui-picker__action').last().click()
  await page.waitForTimeout(500)
  const year = new Date().getFullYear()
  await expect(page.getByTestId('target-deadline').textContent()).resolves.toContain(`${year}-12-31`)
  await page.getByTestId('target-form').scrollIntoViewIfNeeded()
  await bothFonts(page, '02-target-form')
  await page.getByTestId('target-save').click()
  const row = page.getByTestId('target-row').filter({ hasText: name })
  await row.waitFor()
  await expect(row.getByTestId('target-meta').textContent()).resolves.toContain(`截止 ${year}-12-31`)
  await expect(row.getByTestId('target-meta').textContent()).resolves.toContain('全部单位')
  await toastGone(page)
  await row.scrollIntoViewIfNeeded()
  await shot(page, '03-target-listed')

  // A study activity may count for it.
  await open(page, '/organizer/create/index', '.create')
  await page.getByTestId('target-chip').filter({ hasText: name }).click()
  await page.getByTestId('target-chips').scrollIntoViewIfNeeded()
  await shot(page, '04-create-with-target')
})

test('a unit admin records a 民主生活会 with its 工委 attendee and a photo; the city sees it', async () => {
  const admin = account('unitAdmin')
  const page = await lab.phoneOf(admin.bindCode)
  await open(page, '/admin/index/index', '.admin-home')
  await page.getByTestId('admin-democratic').click()
  await page.waitForURL(/\/obligations\/democratic\/index/)
  await settled(page, '.democratic')
  await page.getByTestId('dm-new').click()
  const topic = `${new Date().getFullYear()} 年度民主生活会`
  await page.locator('[data-testid=dm-topic] input').fill(topic)
  await page.locator('[data-testid=dm-attendee-name] input').fill('王建国')
  await page.locator('[data-testid=dm-attendee-post] input').fill('市直机关工委组织部部长')
  const picture = await page.screenshot({ type: 'png' })
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('dm-evidence-photo').click()])
  await chooser.setFiles({ name: '会议现场.png', mimeType: 'image/png', buffer: picture })
  await page.locator('[data-testid=evidence] img').first().waitFor()
  await page.getByTestId('dm-evidence').scrollIntoViewIfNeeded()
  await bothFonts(page, '05-democratic-form')
  await page.getByTestId('dm-save').click()
  const row = page.getByTestId('dm-row').filter({ hasText: topic })
  await row.waitFor()
  await expect(row.getByTestId('dm-attendee').textContent()).resolves.toContain('王建国')
  await row.locator('[data-testid=evidence] img').waitFor()
  await expect(page.getByTestId('dm-state').first().textContent()).resolves.toBe('工委已列席')
  await toastGone(page)
  await bothFonts(page, '06-democratic-unit')

  // The city admin: every unit, which held one and which with a 工委 attendee.
  const city = await lab.phoneOf(account('cityAdmin').bindCode)
  await open(city, '/obligations/democratic/index', '.democratic')
  const unitRow = city.getByTestId('dm-unit').filter({ hasText: admin.unit })
  await unitRow.waitFor()
  await expect(unitRow.getByTestId('dm-state').textContent()).resolves.toBe('工委已列席')
  await bothFonts(city, '07-democratic-city')
})

test('a unit admin scores a branch: the grade shows as scores are typed and once saved', async () => {
  const page = await lab.phoneOf(account('unitAdmin').bindCode)
  await open(page, '/obligations/standard/index', '.standard')
  await page.getByTestId('branch-row').first().waitFor()
  await bothFonts(page, '08-standard-branches')
  const branch = page.getByTestId('branch-row').first()
  const branchId = await branch.getAttribute('data-branch-id')
  await branch.getByTestId('branch-score').click()
  const lines = page.getByTestId('score-line')
  await lines.first().waitFor()
  const n = await lines.count()
  // Full marks on every criterion but the first, which gets none: 样板 on the default checklist (85–95 %).
  for (let i = 0; i < n; i++) {
    const input = lines.nth(i).locator('[data-testid=score-value] input')
    const max = Number(((await input.getAttribute('placeholder')) ?? '').split('–')[1])
    await input.fill(i === 0 ? '0' : String(max))
  }
  await lines.first().locator('[data-testid=score-note] input').fill('支委会缺一名委员，尚未增补')
  await expect(page.getByTestId('score-grade').textContent()).resolves.toBe('样板党支部')
  await bothFonts(page, '09-standard-score')
  await page.getByTestId('score-save').click()
  const saved = page.locator(`[data-testid=branch-row][data-branch-id="${branchId}"]`)
  await saved.getByTestId('branch-grade').filter({ hasText: '样板党支部' }).waitFor()
  await expect(saved.textContent()).resolves.toContain('90 / 100 分')

  // The city admin's checklist editor.
  const city = await lab.phoneOf(account('cityAdmin').bindCode)
  await open(city, '/obligations/standard/index', '.standard')
  await city.getByTestId('standard-tab-checklist').click()
  await city.getByTestId('criterion').first().waitFor()
  expect(await city.getByTestId('criterion').count()).toBe(n)
  await bothFonts(city, '10-standard-checklist')
})

test('a branch secretary submits a 述职 (no 评议 button on it); the unit admin appraises it', async () => {
  const secretary = account('branchSecretary')
  const { member } = await lab.api<SessionResult>(null, 'member', { action: 'signIn', bindCode: secretary.bindCode })
  const page = await lab.phoneOf(secretary.bindCode)
  await open(page, '/obligations/duty/index', '.duty')
  const row = page.locator(`[data-testid=duty-row][data-level=branch][data-subject-id="${member.branchId}"]`)
  await row.waitFor()
  // The demo city may have the report written already (not yet appraised): it can still be revised.
  expect(['未述职', '待评议']).toContain(await row.getByTestId('duty-state').textContent())
  await row.getByTestId('duty-submit').click()
  await page.locator('[data-testid=duty-text] textarea').fill('一年来，支部认真落实三会一课制度，按月开展主题党日；存在的问题是党员教育方式较单一，下一步将丰富学习形式。')
  await bothFonts(page, '11-duty-form')
  await page.getByTestId('duty-save').click()
  const text = row.getByTestId('duty-report-text').filter({ hasText: '丰富学习形式' })
  await text.waitFor()
  await expect(row.getByTestId('duty-state').textContent()).resolves.toBe('待评议')
  expect(await page.getByTestId('duty-appraise').count()).toBe(0)
  await toastGone(page)
  await bothFonts(page, '12-duty-secretary')

  const admin = await lab.phoneOf(account('unitAdmin', secretary.unit).bindCode)
  await open(admin, '/obligations/duty/index', '.duty')
  const theirs = admin.locator(`[data-testid=duty-row][data-level=branch][data-subject-id="${member.branchId}"]`)
  await theirs.getByTestId('duty-appraise').click()
  await admin.getByTestId('appraise-grade-good').click()
  await admin.locator('[data-testid=appraise-comment] textarea').fill('责任落实到位，建议加强青年党员教育。')
  await bothFonts(admin, '13-duty-appraise')
  await admin.getByTestId('dialog-confirm').click()
  await expect(theirs.getByTestId('duty-state').filter({ hasText: '评议：' }).textContent()).resolves.toBe('评议：较好')
  expect(await theirs.getByTestId('duty-appraise').count()).toBe(0)
  await toastGone(admin)
  await bothFonts(admin, '14-duty-unit')
})
