/**
 * The 全覆盖 dashboards in Chromium on the real h5 build served by `npm start`, over the demo city:
 * the city admin opens the matrix (every target and unit with its lights, green, amber and red among
 * them), opens a red cell and sees the names behind it, a unit's branches with their 三会一课 rates,
 * the monthly trend (an F2 chart and its table) and the printable report with its workbook; a unit
 * admin sees their own unit first and is told another unit's names are withheld. Screenshots at 375 px
 * (normal and large font) and the matrix at 1366×768 go to test/artifacts/obligations-*.png.
 */
import type { Page } from 'playwright-core'
import { currentPeriod, periodLabel } from '../../src/utils/period'
import { ARTIFACTS } from '../helpers/browser'
import { PhoneLab, screenshots, settled, tallEnough } from '../helpers/phones'

jest.setTimeout(300_000)

/** The demo city (cloud/server/seed/demoCity.ts) and the plan's built-in targets. */
const DEMO_UNITS = 10
const TARGETS = 6
const YEAR = currentPeriod('year')
const lab = new PhoneLab()
const shot = screenshots('obligations-')

const account = (role: string, unit?: string) => lab.server.accounts.find((a) => a.role === role && (!unit || a.unit === unit))!

/** The same screen in the large-font theme (`.font-large` on body sets every size token large). */
async function bothFonts(page: Page, name: string) {
  await shot(page, name)
  await page.evaluate(() => document.body.classList.add('font-large'))
  await page.waitForTimeout(250)
  await shot(page, `${name}-large`)
  expect(await overflow(page)).toBe(0)
  await page.evaluate(() => document.body.classList.remove('font-large'))
  await page.waitForTimeout(100)
}

/** How far the page is wider than the screen (0: nothing sticks out sideways). */
const overflow = (page: Page) => page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth))

/** Every cell's light, row by row: `[rowId, targetId | null, status]`. */
const lights = (page: Page) =>
  page.locator('[data-testid=matrix-row]').evaluateAll((rows) =>
    rows.flatMap((r) =>
      Array.from(r.querySelectorAll('[data-testid=cell]')).map((c) => [r.getAttribute('data-id')!, c.getAttribute('data-target'), c.getAttribute('data-status')!] as const),
    ),
  )

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('the city admin reads the matrix, a red cell with names, a unit, the trend and the report', async () => {
  const admin = await lab.phoneOf(account('cityAdmin').bindCode)
  await admin.goto(`${lab.server.url}/stats/home/index`)
  await settled(admin, '.stats-home')
  await admin.getByTestId('to-targets').waitFor()
  await admin.getByTestId('to-obligations').click()
  await admin.waitForURL(/\/obligations\/index\/index/)
  await settled(admin, '.ob-matrix-page')
  await admin.getByTestId('obligations').waitFor()
  await expect(admin.getByTestId('period-label').textContent()).resolves.toBe(periodLabel(YEAR))

  // Every unit a row, every target a column; each row and each column shows lights, all three colours appear.
  await expect(admin.getByTestId('standing').count()).resolves.toBe(TARGETS)
  await expect(admin.getByTestId('matrix-row').count()).resolves.toBe(DEMO_UNITS)
  const cells = await lights(admin)
  expect(cells).toHaveLength(DEMO_UNITS * TARGETS)
  const lit = cells.filter(([, , s]) => s !== 'none')
  const targetIds = new Set(lit.map(([, t]) => t))
  expect(targetIds.size).toBe(TARGETS)
  expect(new Set(lit.map(([r]) => r)).size).toBe(DEMO_UNITS)
  for (const s of ['green', 'amber', 'red']) expect(lit.some(([, , x]) => x === s)).toBe(true)
  expect(await tallEnough(admin, '.ob-light:not(.ob-light--none)')).toEqual([])
  await bothFonts(admin, '00-standings')
  await admin.getByTestId('matrix').scrollIntoViewIfNeeded()
  await bothFonts(admin, '01-matrix')

  // A red cell (a youth-group one if any: people behind it): its items, unmet first, with names.
  const youthRed = admin.locator('[data-testid=cell][data-status=red][data-target=youth-coverage]')
  const red = (await youthRed.count()) > 0 ? youthRed.first() : admin.locator('[data-testid=cell][data-status=red]').first()
  await red.scrollIntoViewIfNeeded()
  await red.click()
  const sheet = admin.getByTestId('cell-sheet')
  await sheet.getByTestId('cell-item').first().waitFor()
  await expect(sheet.getByTestId('names-withheld').count()).resolves.toBe(0)
  const states = await sheet.getByTestId('cell-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
  expect(states[0]).not.toBe('met')
  const names = (await sheet.getByTestId('item-who').allTextContents()).map((t) => t.trim())
  expect(names.every((n) => n.length > 0)).toBe(true)
  await expect(sheet.getByTestId('cell-summary').textContent()).resolves.toMatch(/^滞后 · 完成 \d+\/\d+/)
  await bothFonts(admin, '02-cell')
  await sheet.getByTestId('cell-close').click()
  await sheet.waitFor({ state: 'detached' })

  // A unit's name opens its branches × targets and the four rates per branch and for the unit.
  const firstUnit = admin.getByTestId('matrix-row-name').first()
  const unitName = (await firstUnit.textContent())!.trim()
  await firstUnit.click()
  await admin.waitForURL(/\/obligations\/unit\/index\?unitId=/)
  await settled(admin, '.ob-unit')
  await admin.getByTestId('unit-obligations').waitFor()
  await expect(admin.getByTestId('unit-name').textContent()).resolves.toContain(unitName)
  expect(await admin.getByTestId('matrix-row').count()).toBeGreaterThanOrEqual(1)
  const rateRows = admin.getByTestId('rates-row')
  expect(await rateRows.count()).toBeGreaterThanOrEqual(2)
  await expect(rateRows.first().getByTestId('rate-compliance').textContent()).resolves.toMatch(/^(\d+%|—)$/)
  const attendance = await admin.getByTestId('rate-attendance').allTextContents()
  for (const a of attendance) expect(a).toMatch(/^(\d+%|—)$/)
  await bothFonts(admin, '03-unit')
  await admin.getByTestId('rates').scrollIntoViewIfNeeded()
  await bothFonts(admin, '04-unit-rates')

  // The trend: a drawn chart per target, and a table with a row per month of the year so far.
  await admin.goBack()
  await admin.waitForURL(/\/obligations\/index\/index/)
  // The h5 router keeps earlier pages in the document: the matrix page's own links.
  const matrixPage = admin.getByTestId('obligations')
  await matrixPage.getByTestId('to-trend').click()
  await admin.waitForURL(/\/obligations\/trend\/index/)
  await settled(admin, '.ob-trend')
  await admin.getByTestId('trend').waitFor()
  await expect(admin.getByTestId('trend-target').count()).resolves.toBe(TARGETS)
  const canvas = admin.locator('[data-testid=trend-chart] canvas').first()
  await canvas.waitFor()
  await admin.waitForFunction(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid=trend-chart] canvas')
    if (!c || c.width === 0) return false
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) return true
    return false
  })
  const months = Number(YEAR === currentPeriod('year') ? currentPeriod('month').slice(5) : 12)
  await expect(admin.getByTestId('trend-target').first().getByTestId('trend-month').count()).resolves.toBe(months)
  await bothFonts(admin, '05-trend')

  // The report: every target's rate and light, the four rates, overdue items, signatures; and its workbook.
  await admin.goBack()
  await admin.waitForURL(/\/obligations\/index\/index/)
  await matrixPage.getByTestId('to-report').click()
  await admin.waitForURL(/\/obligations\/report\/index/)
  await settled(admin, '.ob-report')
  const report = admin.getByTestId('report')
  await report.waitFor()
  await expect(report.getByTestId('r-scope').textContent()).resolves.toContain('市直机关')
  await expect(report.getByTestId('r-target').count()).resolves.toBe(TARGETS)
  await expect(report.getByTestId('r-rate').count()).resolves.toBe(4)
  expect(await report.getByTestId('r-overdue').count()).toBeGreaterThan(0)
  await expect(report.getByTestId('r-signs').textContent()).resolves.toContain('机关党委（盖章）')
  await bothFonts(admin, '06-report')
  const [xlsx] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('export-report').click()])
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)

  // On paper: A4, the toolbar hidden.
  const paper = await lab.newPhone()
  await paper.setViewportSize({ width: 794, height: 1123 })
  await paper.goto(`${lab.server.url}/pages/login/index`)
  await paper.evaluate((stored) => Object.entries(stored).forEach(([k, v]) => localStorage.setItem(k, v)), await admin.evaluate(() => ({ ...localStorage })))
  await paper.goto(`${lab.server.url}/obligations/report/index?period=${YEAR}`)
  await paper.getByTestId('report').waitFor()
  await paper.emulateMedia({ media: 'print' })
  await expect(paper.getByTestId('print').isVisible()).resolves.toBe(false)
  await paper.screenshot({ path: `${ARTIFACTS}/obligations-07-report-a4.png`, fullPage: true })

  // The matrix on a desktop screen: the columns share the width.
  const desk = await lab.newPhone()
  await desk.setViewportSize({ width: 1366, height: 768 })
  await desk.goto(`${lab.server.url}/pages/login/index`)
  await desk.evaluate((stored) => Object.entries(stored).forEach(([k, v]) => localStorage.setItem(k, v)), await admin.evaluate(() => ({ ...localStorage })))
  await desk.goto(`${lab.server.url}/obligations/index/index`)
  await settled(desk, '.ob-matrix-page')
  await desk.getByTestId('matrix').waitFor()
  await desk.getByTestId('matrix').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await desk.screenshot({ path: `${ARTIFACTS}/obligations-08-matrix-desktop.png` })
  expect(await overflow(desk)).toBe(0)
})

test("a unit admin sees their unit first and another unit's names withheld", async () => {
  const unitAdmin = account('unitAdmin')
  const page = await lab.phoneOf(unitAdmin.bindCode)
  await page.goto(`${lab.server.url}/obligations/index/index`)
  await settled(page, '.ob-matrix-page')
  await page.getByTestId('obligations').waitFor()
  const first = page.getByTestId('matrix-row-name').first()
  await expect(first.textContent()).resolves.toContain(unitAdmin.unit)
  await expect(first.textContent()).resolves.toContain('本单位')

  // Another unit's youth-group cell: its people are that unit's to name.
  const other = page.locator('[data-testid=matrix-row]').nth(1)
  const cell = other.locator('[data-testid=cell][data-target=youth-coverage]:not([data-status=none]):not([data-status=green])')
  const any = (await cell.count()) > 0 ? cell.first() : other.locator('[data-testid=cell][data-target=youth-coverage]').first()
  await any.scrollIntoViewIfNeeded()
  await any.click()
  const sheet = page.getByTestId('cell-sheet')
  await sheet.getByTestId('names-withheld').waitFor()
  await expect(sheet.getByTestId('names-withheld').textContent()).resolves.toContain('姓名仅对本单位管理员可见')
  await shot(page, '09-withheld')
})
