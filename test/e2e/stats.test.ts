/**
 * Dashboards and member standing, in Chromium on the real h5 build served by `npm start`: the city
 * admin opens 统计看板 (coverage by unit with its light, volunteer totals, the leaderboard's unit
 * averages), freezes the study-model list and adds a policy version; a member sees their score entry
 * by entry (a correction as a negative entry) and the public notice; a member with volunteer hours
 * opens their certificate, and anyone verifies it without signing in.
 * Screenshots (viewport only) go to test/artifacts/stats-*.png.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import type { MemberProfile } from '../../cloud/contract/model'
import { currentPeriod, periodLabel } from '../../src/utils/period'
import { PhoneLab, screenshots, settled } from '../helpers/phones'

jest.setTimeout(240_000)

const UNIT = '市委办公室'
/** The demo city (cloud/server/seed/demoCity.ts). */
const DEMO_UNITS = 10
const JOINT_UNIT = '市档案馆'
const YEAR = currentPeriod('year')
const lab = new PhoneLab()

const shot = screenshots('stats-')

const newPhone = () => lab.newPhone()
const signIn = (page: Page, bindCode: string) => lab.signIn(page, bindCode)

/**
 * One signed-in phone per account for the whole file: the server allows 10 sign-ins (and certificate
 * checks) a minute from one address, and every phone here comes from 127.0.0.1. API calls reuse the
 * phone's own session instead of signing in again.
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

/** The session the app keeps in storage (Taro h5 wraps stored values as `{ data }`). */
async function sessionOf(page: Page): Promise<{ session: string; member: MemberProfile }> {
  const raw = await page.evaluate(() => localStorage.getItem('party-checkin.session'))
  return (JSON.parse(raw!) as { data: { session: string; member: MemberProfile } }).data
}

/** The functions over HTTP, as another client would call them. */
const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)

const account = (role: string, unit?: string) => lab.server.accounts.find((a) => a.role === role && (!unit || a.unit === unit))!
const numberIn = async (page: Page, testId: string) => Number((await page.getByTestId(testId).first().textContent())!.replace(/[^\d.]/g, ''))

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('the city admin opens 统计看板: coverage by unit with its light, volunteer totals, unit averages', async () => {
  const admin = await phoneOf(account('cityAdmin').bindCode)
  await admin.goto(`${lab.server.url}/pages/index/index`)
  await admin.getByTestId('score-entry').waitFor()
  await shot(admin, '00-home-shortcuts')
  await admin.getByTestId('stats-entry').click()
  await admin.waitForURL(/\/stats\/home\/index/)
  await settled(admin, '.stats-home')
  await admin.getByTestId('to-selection').waitFor()
  await shot(admin, '01-home')

  // Coverage: the current quarter, every unit of the demo city with a green, amber or red light.
  await admin.getByTestId('to-coverage').click()
  await admin.waitForURL(/\/stats\/coverage\/index/)
  await settled(admin, '.coverage')
  await admin.getByTestId('coverage').waitFor()
  await expect(admin.getByTestId('period-label').textContent()).resolves.toBe(periodLabel(currentPeriod('quarter')))
  const units = admin.getByTestId('coverage-unit')
  await expect(units.count()).resolves.toBe(DEMO_UNITS)
  const statuses = await units.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))
  for (const s of statuses) expect(['green', 'amber', 'red']).toContain(s)
  await expect(admin.getByTestId('coverage-chart').getByTestId('bar').count()).resolves.toBe(DEMO_UNITS)
  expect(await admin.getByTestId('city-coverage').textContent()).toMatch(/^\d+%$/)
  await shot(admin, '02-coverage')

  // Drill-down: the worst unit first; the city admin sees the names of youth not yet covered,
  // fetched for that unit when it is opened.
  const worst = units.first()
  await worst.locator('.stats-row__line').click()
  await worst.getByTestId('coverage-detail').waitFor()
  if (statuses[0] !== 'green') {
    await worst.getByTestId('uncovered-name').first().waitFor()
    expect(await worst.getByTestId('uncovered-name').count()).toBeGreaterThan(0)
  }
  // The group 市档案馆 forms with 市地方志编纂办公室 is marked 联合.
  const joint = units.filter({ hasText: JOINT_UNIT })
  await joint.locator('.stats-row__line').click()
  await joint.getByTestId('joint').first().waitFor()
  await joint.getByTestId('coverage-group').first().scrollIntoViewIfNeeded()
  await shot(admin, '03-coverage-drilldown')

  // Export: a CSV of the quarter, one row per unit.
  const [csv] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId('export-csv').click()])
  expect(csv.suggestedFilename()).toBe(`青年理论学习小组覆盖-${currentPeriod('quarter')}.csv`)
  const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\n')
  expect(lines).toHaveLength(DEMO_UNITS + 1)

  // Volunteer service: this year's total is above zero, with a column per month.
  await admin.goBack()
  await admin.waitForURL(/\/stats\/home\/index/)
  await admin.getByTestId('to-volunteer').click()
  await admin.waitForURL(/\/stats\/volunteer\/index/)
  await settled(admin, '.volunteer')
  await admin.getByTestId('volunteer').waitFor()
  expect(await numberIn(admin, 'volunteer-total')).toBeGreaterThan(0)
  await expect(admin.getByTestId('volunteer-trend').getByTestId('bar').count()).resolves.toBe(12)
  await expect(admin.getByTestId('volunteer-unit').count()).resolves.toBe(DEMO_UNITS)
  await shot(admin, '04-volunteer')
  // A unit's members by hours.
  const top = admin.getByTestId('volunteer-unit').first()
  await top.locator('.stats-row__line').click()
  await top.getByTestId('member-hours').waitFor()

  // Leaderboard: the city board shows unit averages by default; people on demand.
  await admin.goBack()
  await admin.waitForURL(/\/stats\/home\/index/)
  await admin.getByTestId('to-leaderboard').click()
  await admin.waitForURL(/\/stats\/leaderboard\/index/)
  await settled(admin, '.leaderboard')
  await admin.locator('[data-testid=board][data-view=units]').waitFor()
  await expect(admin.getByTestId('board-unit').count()).resolves.toBe(DEMO_UNITS)
  const averages = await admin.getByTestId('unit-average').allTextContents()
  expect(averages.map(Number).some((a) => a > 0)).toBe(true)
  await shot(admin, '05-leaderboard-units')
  await admin.getByTestId('view-members').click()
  await admin.locator('[data-testid=board][data-view=members]').waitFor()
  await expect(admin.getByTestId('board-member').first().textContent()).resolves.toMatch(/出勤率 \d+%/)
  await shot(admin, '06-leaderboard-members')
})

test('the city admin freezes the study-model list; a member sees it on notice', async () => {
  const admin = await phoneOf(account('cityAdmin').bindCode)
  await admin.goto(`${lab.server.url}/stats/selection/index`)
  await settled(admin, '.selection')
  await admin.locator('[data-testid=top-n] input').fill('5')
  await admin.getByTestId('freeze').click()
  await admin.getByTestId('dialog').waitFor()
  await expect(admin.getByTestId('dialog').textContent()).resolves.toContain('前 5 名')
  await admin.getByTestId('dialog-confirm').click()
  await admin.locator('[data-testid=snapshot][data-status=notice]').waitFor()
  const entries = await admin.getByTestId('snapshot-entry').count()
  expect(entries).toBeGreaterThan(0)
  expect(entries).toBeLessThanOrEqual(5)
  await expect(admin.getByTestId('notice-until').textContent()).resolves.toMatch(/^公示期至 \d+月\d+日/)
  await admin.getByText('名单已冻结并公示').waitFor({ state: 'hidden' })
  await shot(admin, '07-selection')

  const member = await phoneOf(account('member', UNIT).bindCode)
  await member.goto(`${lab.server.url}/member/notice/index`)
  await member.locator('[data-testid=snapshot][data-status=notice]').waitFor()
  await expect(member.getByTestId('snapshot-status').textContent()).resolves.toBe('公示中')
  await expect(member.getByTestId('snapshot-entry').count()).resolves.toBe(entries)
})

test('a member opens 我的积分 and sees every entry, a correction as a negative one', async () => {
  const member = await phoneOf(account('member', UNIT).bindCode)
  const mine = await sessionOf(member)
  // An organizer corrects one of the member's study credits: a reversing entry, never an edit.
  const score = await api<{ entries: { id: string; kind: string; points: number; reversesId: string | null }[] }>(mine.session, 'stats', { action: 'myScore', period: YEAR })
  const credit = score.entries.find((e) => e.kind !== 'volunteer' && e.points > 0 && !e.reversesId)!
  expect(credit).toBeDefined()
  const admin = await sessionOf(await phoneOf(account('cityAdmin').bindCode))
  await api(admin.session, 'checkin', { action: 'reverseCredit', entryId: credit.id, note: '重复登记，予以更正' })

  await member.goto(`${lab.server.url}/pages/index/index`)
  await member.getByTestId('score-entry').click()
  await member.waitForURL(/\/member\/score\/index/)
  await settled(member, '[data-testid=my-score]')
  await expect(member.getByTestId('period-label').textContent()).resolves.toBe(periodLabel(YEAR))
  const rows = member.locator('.entry')
  await expect(rows.count()).resolves.toBe(score.entries.length + 1)
  const correction = member.locator('.entry[data-reversal="1"]')
  await expect(correction.count()).resolves.toBe(1)
  await expect(correction.locator('.entry__credit').textContent()).resolves.toBe(`-${credit.points} 积分`)
  await expect(correction.textContent()).resolves.toContain('更正')
  await shot(member, '08-my-score')
})

test('a member with volunteer hours opens the certificate; anyone verifies it without signing in', async () => {
  // Whose hours: the volunteer board; their sign-in code: the unit's roster, as the city admin sees it.
  const admin = await sessionOf(await phoneOf(account('cityAdmin').bindCode))
  const board = await api<{ rows: { memberId: string; unitId: string; name: string; score: number }[] }>(admin.session, 'stats', {
    action: 'leaderboard',
    board: 'volunteer',
    scope: 'city',
    view: 'members',
    period: YEAR,
  })
  const volunteer = board.rows[0]
  expect(volunteer.score).toBeGreaterThan(0)
  const roster = await api<{ members: { id: string; bindCode: string | null }[] }>(admin.session, 'member', { action: 'roster', unitId: volunteer.unitId })
  const bindCode = roster.members.find((m) => m.id === volunteer.memberId)!.bindCode!

  // The top volunteer may be someone already signed in here (a phone left on another page).
  const phone = await phoneOf(bindCode)
  await phone.goto(`${lab.server.url}/pages/index/index`)
  await phone.getByTestId('score-entry').click()
  await phone.waitForURL(/\/member\/score\/index/)
  await phone.getByTestId('to-certificate').click()
  await phone.waitForURL(/\/member\/certificate\/index/)
  await settled(phone, '.cert-page')
  const cert = phone.getByTestId('certificate')
  await cert.waitFor()
  await expect(cert.textContent()).resolves.toContain(volunteer.name)
  expect(await numberIn(phone, 'cert-hours')).toBe(volunteer.score)
  await phone.getByTestId('print').waitFor()
  const serial = (await cert.getAttribute('data-serial'))!
  const code = (await cert.getAttribute('data-code'))!
  const verifyUrl = (await phone.getByTestId('verify-url').textContent())!.trim()
  expect(new URL(verifyUrl).pathname).toBe('/pages/verify/index')
  expect(new URL(verifyUrl).searchParams.get('s')).toBe(serial)
  expect(new URL(verifyUrl).searchParams.get('c')).toBe(code)
  await expect(phone.locator('.qr-code').getAttribute('data-qr-text')).resolves.toBe(verifyUrl)
  await shot(phone, '09-certificate')

  // Someone else, not signed in, opens the link: serial and code filled in and checked.
  const stranger = await newPhone()
  await stranger.goto(verifyUrl)
  const valid = stranger.getByTestId('verify-valid')
  await valid.waitFor()
  await expect(valid.textContent()).resolves.toContain('有效')
  await expect(stranger.locator('[data-testid=verify-serial] input').inputValue()).resolves.toBe(serial)
  await expect(valid.textContent()).resolves.toContain(`${volunteer.score} 小时`)
  await expect(valid.textContent()).resolves.not.toContain(volunteer.name)
  await shot(stranger, '10-verified')
})

test('the city admin adds a policy version that takes effect now', async () => {
  const admin = await phoneOf(account('cityAdmin').bindCode)
  await admin.goto(`${lab.server.url}/stats/policy/index`)
  await settled(admin, '.policy')
  const cap = admin.locator('[data-testid=policy-dailyPointsCap] input')
  await expect(cap.inputValue()).resolves.toBe('10')
  await cap.fill('12')
  await admin.getByTestId('policy-save').click()
  await expect(admin.getByTestId('dialog').textContent()).resolves.toContain('每人每日积分上限 12 分')
  await admin.getByTestId('dialog-confirm').click()
  await admin.getByTestId('policy-version').first().waitFor()
  await expect(admin.getByTestId('policy-version').first().textContent()).resolves.toContain('已生效')
  await expect(cap.inputValue()).resolves.toBe('12')
  await expect(admin.getByTestId('policy-current').textContent()).resolves.toContain('12 分')
  await admin.getByText('已保存新版本').waitFor({ state: 'hidden' })
  await admin.getByTestId('policy-versions').scrollIntoViewIfNeeded()
  await shot(admin, '11-policy')
})
