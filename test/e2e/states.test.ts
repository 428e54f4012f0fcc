/**
 * States that must tell the truth, in Chromium at 375×812 on the real h5 build served by `npm start`:
 * the coverage page never calls the month in progress missed; a member with no volunteer hours gets a
 * friendly empty certificate page (not an error with 重试), and a certificate without an ID number
 * leaves that line out; 我的积分 shows a credit with the label and colour 我的记录 gives it; a list
 * emptied by its filter says so and offers 清除筛选 (score, roster, audit log); the roster counts
 * members who signed in with their code as 已登录; the audit log names people and activities and
 * finds an actor by name. Screenshots (normal and large font) go to test/artifacts/states-*.png.
 */
import type { Page } from 'playwright-core'
import type { MemberProfile, SessionResult } from '../../cloud/contract/model'
import { currentPeriod } from '../../src/utils/period'
import { fontShots, phoneBook, PhoneLab, screenshots, settled, smallText, tallEnough } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const YEAR = currentPeriod('year')
const lab = new PhoneLab()
const shot = screenshots('states-')

const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)
const account = (role: string, unit = UNIT) => lab.server.accounts.find((a) => a.role === role && a.unit === unit)!

/** One signed-in 375×812 phone per bind code; its session is reused for API calls (sign-ins are rate limited). */
const phoneOf = phoneBook(lab)
async function sessionOf(bindCode: string): Promise<{ session: string; member: MemberProfile }> {
  const raw = await (await phoneOf(bindCode)).evaluate(() => localStorage.getItem('party-checkin.session'))
  return (JSON.parse(raw!) as { data: SessionResult }).data
}

const bothFonts = fontShots(shot)

/** The filtered-empty state: its words, its 清除筛选 big enough for a finger, no tiny text. */
async function expectFilterEmpty(page: Page) {
  const empty = page.getByTestId('filter-empty')
  await empty.waitFor()
  await expect(empty.textContent()).resolves.toContain('没有符合条件的记录')
  await expect(empty.textContent()).resolves.not.toContain('还没有')
  expect(await tallEnough(page, '[data-testid=clear-filter]')).toEqual([])
  expect(await smallText(page, '[data-testid=filter-empty]')).toEqual([])
}

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('coverage: the month in progress is never shown as missed, only months that are due', async () => {
  const city = account('cityAdmin', lab.server.accounts.find((a) => a.role === 'cityAdmin')!.unit)
  const { session } = await sessionOf(city.bindCode)
  const quarter = currentPeriod('quarter')
  const data = await api<{ months: string[]; monthsDue: string[] }>(session, 'stats', { action: 'coverage', period: quarter })
  const page = await phoneOf(city.bindCode)
  await page.goto(`${lab.server.url}/stats/coverage/index`)
  await settled(page, '.coverage')
  await page.getByTestId('coverage').waitFor()
  const inProgress = data.months.filter((m) => !data.monthsDue.includes(m))
  if (inProgress.length) await expect(page.locator('.stats__note').first().textContent()).resolves.toContain('尚未结束，暂不计未学习')
  // Open each unit in turn (one is open at a time): every group's month chips.
  const units = page.getByTestId('coverage-unit')
  const chips: { state: string | null; text: string }[] = []
  for (let i = 0; i < (await units.count()); i++) {
    await units.nth(i).locator('.stats-row__line').click()
    await units.nth(i).getByTestId('coverage-detail').waitFor()
    chips.push(...(await units.nth(i).getByTestId('month-chip').evaluateAll((els) => els.map((e) => ({ state: e.getAttribute('data-state'), text: e.textContent ?? '' })))))
  }
  expect(chips.length).toBeGreaterThan(0)
  const label = (m: string) => `${Number(m.slice(5))}月`
  for (const c of chips) {
    const month = data.months.find((m) => c.text.startsWith(label(m)))!
    if (c.state === 'missed') expect(data.monthsDue).toContain(month)
    if (!data.monthsDue.includes(month)) expect(c.state).not.toBe('missed')
  }

  // The 2nd of the month as the page shows it: no group has met yet this month (the answers are
  // edited in flight to say so, the server's clock being today's). The month reads 进行中, not ✗.
  const current = data.months.find((m) => !data.monthsDue.includes(m))
  if (!current) return
  await page.route('**/api/fn/stats', async (route) => {
    const asked = JSON.parse(route.request().postData() ?? '{}') as { action?: string }
    const response = await route.fetch()
    if (asked.action !== 'coverage') return route.fulfill({ response })
    const body = (await response.json()) as { data: { units: { groups: { monthsMet: string[] }[] }[] } }
    for (const u of body.data.units) for (const g of u.groups) g.monthsMet = g.monthsMet.filter((m) => m !== current)
    return route.fulfill({ response, json: body })
  })
  await page.reload()
  await settled(page, '.coverage')
  await page.getByTestId('coverage').waitFor()
  // A unit that has a youth group (the worst ones may have none).
  const withGroup = units.filter({ hasText: /按月学习小组 \d+\/[1-9]/ }).first()
  await withGroup.locator('.stats-row__line').click()
  const group = withGroup.getByTestId('coverage-group').first()
  await group.waitFor()
  const chip = group.locator(`[data-testid=month-chip]`, { hasText: label(current) })
  await expect(chip.getAttribute('data-state')).resolves.toBe('pending')
  await expect(chip.textContent()).resolves.toBe(`${label(current)} 进行中`)
  await bothFonts(page, 'coverage-months', '[data-testid=coverage-group]')
  await page.unroute('**/api/fn/stats')
})

test('certificate: no hours yet is a friendly empty state; a certificate without an ID number leaves the line out', async () => {
  const admin = await sessionOf(account('unitAdmin').bindCode)
  const unitId = admin.member.unitId
  const hours = await api<{ memberHours: { memberId: string; hours: number }[] }>(admin.session, 'stats', { action: 'volunteer', period: YEAR, unitId })
  const roster = await api<{ members: { id: string; name: string; active: boolean; bindCode: string | null; roles: { role: string }[] }[] }>(admin.session, 'member', { action: 'roster', unitId })
  const withHours = new Set(hours.memberHours.filter((m) => m.hours > 0).map((m) => m.memberId))
  const idle = roster.members.find((m) => m.active && m.bindCode && !withHours.has(m.id) && m.roles.every((g) => g.role === 'member'))!
  const volunteer = roster.members.find((m) => m.active && m.bindCode && withHours.has(m.id) && m.roles.every((g) => g.role === 'member'))!

  const page = await phoneOf(idle.bindCode!)
  await page.goto(`${lab.server.url}/member/certificate/index?period=${YEAR}`)
  await settled(page, '.cert-page')
  const empty = page.locator('.state-view--empty')
  await empty.waitFor()
  await expect(empty.textContent()).resolves.toContain('还没有志愿服务时长')
  await expect(empty.textContent()).resolves.toContain('参加志愿服务并签退后即可开具证明')
  await expect(page.locator('.state-view--error').count()).resolves.toBe(0)
  await expect(page.getByText('重试').count()).resolves.toBe(0)
  await expect(page.getByTestId('print').count()).resolves.toBe(0)
  await bothFonts(page, 'certificate-empty')

  // The demo roster records no ID numbers: the certificate says nothing about one (never 未登记).
  const holder = await phoneOf(volunteer.bindCode!)
  await holder.goto(`${lab.server.url}/member/certificate/index?period=${YEAR}`)
  await settled(holder, '.cert-page')
  const cert = holder.getByTestId('certificate')
  await cert.waitFor()
  await expect(cert.textContent()).resolves.toContain(volunteer.name)
  await expect(cert.textContent()).resolves.not.toContain('身份证号')
  await expect(cert.textContent()).resolves.not.toContain('未登记')
  await bothFonts(holder, 'certificate')
})

test('我的积分 labels and colours a credit as 我的记录 does; a period with nothing in it says the filter is empty', async () => {
  const page = await phoneOf(account('member').bindCode)
  await page.goto(`${lab.server.url}/member/score/index`)
  await settled(page, '.member-page')
  await page.getByTestId('score-entry').first().waitFor()
  const credit = (root: string, title: string, credit: string, tag: string) =>
    page.$$eval(
      root,
      (els, [title, credit, tag]) =>
        els
          .filter((e) => (e.textContent ?? '').includes(title))
          .map((e) => {
            const c = e.querySelector(credit)!
            return { text: c.textContent, colour: getComputedStyle(c).color, tag: e.querySelector(tag)!.textContent, tagColour: getComputedStyle(e.querySelector(tag)!).color }
          })[0],
      [title, credit, tag] as const,
    )
  // The newest study or lecture credit that is not a correction.
  const entry = page.locator('[data-testid=score-entry][data-reversal="0"]').filter({ hasNotText: '小时' }).first()
  const title = (await entry.locator('.entry__title').textContent())!.trim()
  const onScore = await credit('[data-testid=score-entry]', title, '.entry__credit', '.kind-tag')
  expect(onScore.text).toMatch(/^\+\d+ 积分$/)
  await shot(page, 'score')

  await page.goto(`${lab.server.url}/pages/records/index`)
  await page.getByTestId('record').first().waitFor()
  const onRecords = await credit('[data-testid=record]', title, '.records__credit', '.kind-tag')
  expect(onScore).toEqual(onRecords)

  // Back a year: nothing there, which is the period's doing, and 清除筛选 brings this year back.
  await page.goto(`${lab.server.url}/member/score/index`)
  await settled(page, '.member-page')
  await page.getByTestId('score-entry').first().waitFor()
  await page.getByTestId('period-prev').click()
  await expect(page.getByTestId('period-label').getAttribute('data-period')).resolves.toBe(String(Number(YEAR) - 1))
  await expectFilterEmpty(page)
  await bothFonts(page, 'score-filter-empty', '[data-testid=filter-empty]')
  await page.getByTestId('clear-filter').click()
  await page.getByTestId('score-entry').first().waitFor()
  await expect(page.getByTestId('period-label').getAttribute('data-period')).resolves.toBe(YEAR)
})

test('roster: whoever signed in with their code counts as 已登录; an empty search says so and clears', async () => {
  const member = account('member')
  await phoneOf(member.bindCode)
  const page = await phoneOf(account('unitAdmin').bindCode)
  await page.goto(`${lab.server.url}/admin/roster/index`)
  await settled(page, '.roster')
  await page.getByTestId('roster-row').first().waitFor()
  // The tabs: 全部 / 未登录 / 已登录, the last counting at least the admin and the member signed in here.
  await expect(page.getByTestId('tab-notSignedIn').locator('.tabs__label').textContent()).resolves.toBe('未登录')
  await expect(page.getByTestId('tab-signedIn').locator('.tabs__label').textContent()).resolves.toBe('已登录')
  expect(Number(await page.getByTestId('tab-signedIn').locator('.tabs__count').textContent())).toBeGreaterThanOrEqual(2)
  await bothFonts(page, 'roster')

  await page.locator('[data-testid=roster-search] input').fill(member.name)
  await page.getByTestId('roster-search-go').click()
  const row = page.getByTestId('roster-row').filter({ hasText: member.name })
  await row.first().waitFor()
  await expect(row.first().getByTestId('signed-in').textContent()).resolves.toBe('已登录')

  await page.locator('[data-testid=roster-search] input').fill('查无此人')
  await page.getByTestId('roster-search-go').click()
  await expectFilterEmpty(page)
  await expect(page.getByTestId('filter-empty').textContent()).resolves.toContain('没有找到“查无此人”')
  await bothFonts(page, 'roster-filter-empty')
  await page.getByTestId('clear-filter').click()
  await page.getByTestId('roster-row').first().waitFor()
  await expect(page.locator('[data-testid=roster-search] input').inputValue()).resolves.toBe('')
})

test('audit log: names instead of ids, an actor found by name, an empty search that says so', async () => {
  const admin = await sessionOf(account('unitAdmin').bindCode)
  const unitId = admin.member.unitId
  const roster = await api<{ members: { id: string; name: string; roles: { role: string }[] }[] }>(admin.session, 'member', { action: 'roster', unitId })
  const target = roster.members.filter((m) => m.roles.every((g) => g.role === 'member')).at(-1)!
  await api(admin.session, 'member', { action: 'setRole', memberId: target.id, role: 'organizer', unitId, grant: true })
  await api(admin.session, 'member', { action: 'resetAccess', memberId: target.id })

  const page = await phoneOf(account('unitAdmin').bindCode)
  await page.goto(`${lab.server.url}/admin/audit/index`)
  await settled(page, '.audit')
  const rows = page.getByTestId('audit-row')
  await rows.first().waitFor()
  const resetRow = page.locator('[data-testid=audit-row][data-action="member.resetAccess"]').first()
  await resetRow.waitFor()
  await expect(resetRow.textContent()).resolves.toContain(`党员 ${target.name}`)
  const shown = (await rows.allTextContents()).join('\n')
  expect(shown).not.toContain(target.id)
  expect(shown).not.toContain('操作人 ID')
  await bothFonts(page, 'audit')

  // 操作人 by name: the admin's own rows, whom it matched said in the chip.
  await page.locator('[data-testid=actor-input] input').fill(admin.member.name.slice(0, 2))
  await page.getByTestId('actor-search').click()
  await expect(page.getByTestId('actor-chip').textContent()).resolves.toContain(admin.member.name)
  await page.waitForFunction(
    (name) => Array.from(document.querySelectorAll('[data-testid=audit-row] .audit-row__actor')).every((e) => e.textContent === name),
    admin.member.name,
  )
  expect(await rows.count()).toBeGreaterThan(0)

  await page.locator('[data-testid=actor-input] input').fill('查无此人')
  await page.getByTestId('actor-search').click()
  await expectFilterEmpty(page)
  await bothFonts(page, 'audit-filter-empty')
  await page.getByTestId('clear-filter').click()
  await rows.first().waitFor()
  await expect(page.getByTestId('actor-chip').count()).resolves.toBe(0)
})
