/**
 * Unit administration as a unit admin does it, in Chromium on the real h5 build served by `npm start`:
 * a roster with a bad row is refused row by row and nothing is imported; a good roster of 300 people
 * is checked, then imported; the roster page finds a new member with their sign-in code, makes them
 * an organizer and resets their sign-in; the audit log shows all of it. Screenshots (viewport only)
 * go to test/artifacts/admin-*.png.
 */
import type { Page } from 'playwright-core'
import { PhoneLab, screenshots, settled, toastGone } from '../helpers/phones'

jest.setTimeout(240_000)

const UNIT = '市委办公室'
const HEADER = '党员编号,姓名,单位,党支部,出生日期,手机号,角色,青年理论学习小组,状态,身份证号'
const COUNT = 300
/** One name in the big file nobody in the demo city has, to look up afterwards. */
const FINDABLE = '欧阳晓导'

const lab = new PhoneLab()

const shot = screenshots('admin-')

const phoneOf = (bindCode: string) => lab.phoneOf(bindCode)


/** NutUI buttons render as custom elements on h5: disabled shows in the class, not the attribute. */
const isOff = async (page: Page, testId: string) => ((await page.getByTestId(testId).getAttribute('class')) ?? '').includes('nut-button-disabled')

const csv = (rows: string[][]) => Buffer.from(`\ufeff${[HEADER, ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`, 'utf8')

/** 300 people of the unit, each with a new 党员编号; names unique within the file. */
function bigRoster(stamp: string): Buffer {
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙']
  const given = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '华', '飞', '鹏']
  const rows: string[][] = []
  for (let i = 0; i < COUNT; i++) {
    const name = i === 150 ? FINDABLE : `${surnames[i % surnames.length]}${given[Math.floor(i / surnames.length)]}试`
    const born = `${1970 + (i % 30)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`
    rows.push([`T${stamp}${String(i).padStart(4, '0')}`, name, UNIT, '', born, `139${String(10_000_000 + i).padStart(8, '0')}`, '党员', '', '在册', ''])
  }
  return csv(rows)
}

/**
 * Choose a file the way a person does: tap 选择文件, and the page's file input receives the file.
 * Waiting for the chooser keeps headless Chromium from dismissing it (which the page takes as a cancel).
 */
async function chooseFile(page: Page, name: string, buffer: Buffer) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('pick-file').click()])
  const input = chooser.element()
  await expect(input.getAttribute('data-testid')).resolves.toBe('file-input')
  await input.setInputFiles({ name, mimeType: 'text/csv', buffer })
  await page.getByTestId('file-info').filter({ hasText: name }).waitFor()
  await page.getByTestId('progress').waitFor({ state: 'detached' })
}

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('a unit admin checks a roster with a bad row (nothing imported), imports 300 people, finds one with a code, and sees the import in the log', async () => {
  const admin = lab.server.accounts.find((a) => a.role === 'unitAdmin' && a.unit === UNIT)!
  const stamp = Date.now().toString(36).slice(-6).toUpperCase()
  const page = await phoneOf(admin.bindCode)

  // Home → 单位管理 → 花名册导入.
  await page.getByTestId('admin-entry').click()
  await page.waitForURL(/\/admin\/index\/index/)
  await settled(page, '.admin-home')
  await expect(page.getByTestId('admin-scope').textContent()).resolves.toContain(UNIT)
  await shot(page, '01-home')
  await page.getByTestId('admin-import').click()
  await page.waitForURL(/\/admin\/import\/index/)
  await settled(page, '.roster-import')

  // A file with one bad row (impossible date, short phone): every problem of row 3 is listed, nothing is imported.
  const bad = csv([
    [`B${stamp}0001`, '测试正常', UNIT, '', '1990-01-01', '13800000000', '党员', '', '在册', ''],
    [`B${stamp}0002`, '测试有误', UNIT, '', '1990-13-45', '12345', '党员', '', '在册', ''],
  ])
  await chooseFile(page, '有错误的花名册.csv', bad)
  await expect(isOff(page, 'import')).resolves.toBe(true)
  await page.getByTestId('check').click()
  const refused = page.getByTestId('import-refused')
  await refused.waitFor()
  await expect(refused.textContent()).resolves.toContain('未导入任何数据')
  const rowErrors = page.getByTestId('row-error')
  await expect(rowErrors.count()).resolves.toBe(2)
  for (const text of await rowErrors.allTextContents()) expect(text).toMatch(/^第 3 行：/)
  await expect(rowErrors.allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('出生日期'), expect.stringContaining('手机号')]))
  await expect(isOff(page, 'import')).resolves.toBe(true)
  await refused.scrollIntoViewIfNeeded()
  await shot(page, '02-row-errors')

  // A good file of 300 people: the check counts 300 new, the import writes them.
  await chooseFile(page, '市委办公室花名册.csv', bigRoster(stamp))
  await expect(page.getByTestId('import-refused').count()).resolves.toBe(0)
  await expect(page.getByTestId('file-info').textContent()).resolves.toMatch(/KB/)
  await page.getByTestId('check').click()
  const summary = page.getByTestId('summary')
  await summary.waitFor()
  await expect(summary.getByTestId('summary-created').textContent()).resolves.toBe(String(COUNT))
  await expect(summary.getByTestId('summary-updated').textContent()).resolves.toBe('0')
  await expect(summary.textContent()).resolves.toContain('尚未导入')
  await summary.scrollIntoViewIfNeeded()
  await shot(page, '03-checked')
  // Hold the import's answer a moment, to see what a long import shows while it waits.
  await page.route(
    '**/api/fn/member',
    async (route) => {
      await new Promise((r) => setTimeout(r, 1500))
      await route.continue()
    },
    { times: 1 },
  )
  await page.getByTestId('import').click()
  const progress = page.getByTestId('progress')
  await progress.waitFor()
  await expect(progress.textContent()).resolves.toContain(`正在导入 ${COUNT} 行`)
  await progress.scrollIntoViewIfNeeded()
  await shot(page, '04-importing')
  const done = page.getByTestId('import-done')
  await done.waitFor()
  await expect(done.getByTestId('summary-created').textContent()).resolves.toBe(String(COUNT))
  await toastGone(page)
  await done.scrollIntoViewIfNeeded()
  await shot(page, '05-imported')

  // 花名册与登录码: the new member is there, not yet signed in, with a code to hand over.
  await done.getByTestId('to-roster').click()
  await page.waitForURL(/\/admin\/roster\/index/)
  await settled(page, '.roster')
  await page.getByTestId('roster-row').first().waitFor()
  await page.locator('[data-testid=roster-search] input').fill(FINDABLE)
  await page.getByTestId('roster-search-go').click()
  const row = page.getByTestId('roster-row').filter({ hasText: FINDABLE })
  await row.waitFor()
  await expect(page.getByTestId('roster-row').count()).resolves.toBe(1)
  await expect(row.textContent()).resolves.toContain(`T${stamp}0150`)
  await expect(row.getByTestId('bind-code').textContent()).resolves.toMatch(/^[0-9A-Z]{6,}$/)
  await expect(row.getByTestId('not-signed-in').textContent()).resolves.toBe('未登录')
  await expect(row.textContent()).resolves.toContain('党员')
  await shot(page, '06-roster-found')

  // Make them an organizer of the unit; then reset their sign-in: a new code, shown once.
  await row.getByTestId('grant-organizer').click()
  await page.getByTestId('dialog-confirm').click()
  await page.getByTestId('dialog').waitFor({ state: 'detached' })
  await row.getByTestId('revoke-organizer').waitFor()
  await expect(row.textContent()).resolves.toContain('活动组织者')
  const oldCode = (await row.getByTestId('bind-code').textContent())!
  await toastGone(page)
  await row.getByTestId('reset-access').click()
  await shot(page, '07-reset-dialog')
  await page.getByTestId('dialog-confirm').click()
  const newCode = (await page.getByTestId('new-code').textContent())!
  expect(newCode).toMatch(/^[0-9A-Z]{6,}$/)
  expect(newCode).not.toBe(oldCode)
  await shot(page, '08-new-code')
  await page.getByTestId('new-code-done').click()
  await page.getByTestId('new-code-sheet').waitFor({ state: 'detached' })
  await expect(row.getByTestId('bind-code').textContent()).resolves.toBe(newCode)

  // Nothing of the refused file reached the roster.
  await page.locator('[data-testid=roster-search] input').fill('测试正常')
  await page.getByTestId('roster-search-go').click()
  await page.getByText('没有找到“测试正常”').waitFor()

  // 打印登录码: a slip for each member not signed in yet, the new ones among them.
  await page.locator('[data-testid=roster-search] input').fill('')
  await page.getByTestId('roster-search-go').click()
  await page.getByTestId('to-print').click()
  await page.waitForURL(/\/admin\/print\/index/)
  await settled(page, '.print-codes')
  await page.getByTestId('code-slip').filter({ hasText: FINDABLE }).waitFor()
  expect(await page.getByTestId('code-slip').count()).toBeGreaterThanOrEqual(COUNT)
  await shot(page, '09-print')

  // 操作记录: the import is there, with what it did; before/after on request.
  await page.goto(`${lab.server.url}/admin/audit/index`)
  await settled(page, '.audit')
  const entry = page.locator('[data-testid=audit-row][data-action="member.importRoster"]').filter({ hasText: '导入花名册' })
  await entry.first().waitFor()
  await expect(entry.first().textContent()).resolves.toContain(`新增 ${COUNT}`)
  await expect(entry.first().textContent()).resolves.toContain(admin.name)
  await entry.first().getByTestId('audit-toggle').click()
  await expect(entry.first().textContent()).resolves.toContain('"applied": true')
  await shot(page, '10-audit')
  await expect(page.getByTestId('audit-action').allTextContents()).resolves.toEqual(expect.arrayContaining(['设置角色', '重置登录', '检查花名册（未导入）']))
})
