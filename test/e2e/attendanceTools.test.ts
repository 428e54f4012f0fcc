/**
 * The organizer's tools on the attendance list, in Chromium at 375×812 on the real h5 build served by
 * `npm start`, in the demo city: rows name each person's 支部 (and the unit when the audience spans
 * units); a name search filters a city-wide list of some 300 people and says when it found nothing
 * (清除筛选); 手动签到 by name search puts a member without a phone among the present, marked as such
 * and by whom; 撤销签到 on an ordinary row, never on one's own; an ended activity does not refresh
 * itself (已结束 · 数据已定格) and offers 刷新. Screenshots (normal and large font) go to
 * test/artifacts/attendance-*.png.
 */
import type { Page } from 'playwright-core'
import type { Activity, ActivitySummary, Attendance, MemberProfile, QrTokenResult, SessionResult } from '../../cloud/contract/model'
import { VOLUNTEER_MORNING_TITLE } from '../../cloud/server/seed/volunteerMorning'
import { fontShots, phoneBook, PhoneLab, screenshots, settled, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const HOUR = 3600_000
const lab = new PhoneLab()
const shot = screenshots('attendance-')
const bothFonts = fontShots(shot)
const stamp = () => Date.now().toString(36)
const phoneOf = phoneBook(lab)

const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)
const account = (role: string, unit?: string) => lab.server.accounts.find((a) => a.role === role && (unit === undefined || a.unit === unit))!
const sessions = new Map<string, { session: string; member: MemberProfile }>()
async function signIn(bindCode: string) {
  if (!sessions.has(bindCode)) sessions.set(bindCode, await api<SessionResult>(null, 'member', { action: 'signIn', bindCode }))
  return sessions.get(bindCode)!
}

/** Running since 20 minutes ago for an hour more, without a location check (check-in is open). */
const runningLecture = (o: { session: string }, title: string, audience: Record<string, unknown>) =>
  api<Activity>(o.session, 'activity', {
    action: 'create',
    kind: 'lecture',
    title,
    startAt: new Date(Date.now() - HOUR / 3).toISOString(),
    endAt: new Date(Date.now() + HOUR).toISOString(),
    audience,
    publish: true,
    noLocationReason: '线上活动',
  })

async function scan(organizer: { session: string }, member: { session: string }, activityId: string) {
  const { token } = await api<QrTokenResult>(organizer.session, 'activity', { action: 'qrToken', id: activityId })
  await api(member.session, 'checkin', { action: 'checkIn', activityId, token })
}

async function openList(page: Page, id: string) {
  await page.goto(`${lab.server.url}/organizer/attendance/index?id=${id}`)
  await settled(page, '.attendance')
  await page.getByTestId('live').waitFor()
}

const search = (page: Page, text: string) => page.locator('.attendance__search input').first().fill(text)

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('within one unit rows name the 支部; 手动签到 by name puts a member among the present; 撤销签到 on an ordinary row but not one’s own', async () => {
  const o = await signIn(account('organizer', UNIT).bindCode)
  const member = await signIn(account('member', UNIT).bindCode)
  const lecture = await runningLecture(o, `讲座：签到工具 ${stamp()}`, { type: 'units', unitIds: [o.member.unitId] })
  await scan(o, member, lecture.id)
  await scan(o, o, lecture.id)

  const org = await phoneOf(account('organizer', UNIT).bindCode)
  await openList(org, lecture.id)
  await expect(org.getByTestId('live').getAttribute('data-live')).resolves.toBe('1')
  await expect(org.getByTestId('live').textContent()).resolves.toContain('每 10 秒自动刷新')
  await expect(org.getByTestId('refresh').count()).resolves.toBe(0)

  // The member's row names their 支部, not the unit every row shares.
  const mine = org.getByTestId('present-row').filter({ hasText: member.member.name })
  await mine.waitFor()
  const place = (await mine.getByTestId('row-place').textContent())!
  expect(place).toBe(member.member.branchName)
  expect(place).not.toContain(UNIT)
  // 撤销签到 on an ordinary (unflagged) row; none on the organizer's own.
  await expect(mine.getAttribute('data-flagged')).resolves.toBe('0')
  await mine.getByTestId('reverse-checkin').waitFor()
  const own = org.getByTestId('present-row').filter({ hasText: o.member.name })
  await expect(own.getByTestId('reverse-checkin').count()).resolves.toBe(0)
  expect(await tallEnough(org, '.attendance .nut-button, .tabs__item, .attendance__search-input')).toEqual([])
  await bothFonts(org, 'present')

  // 手动签到: the name search lists only those not yet present; the organizer picks one.
  const { absent } = await api<Attendance>(o.session, 'activity', { action: 'attendance', id: lecture.id })
  const someone = absent.find((r) => r.memberId !== o.member.id && r.branchName)!
  await org.getByTestId('manual-checkin').click()
  const sheet = org.getByTestId('manual-sheet')
  await sheet.waitFor()
  await sheet.locator('input').fill(member.member.name)
  await sheet.getByTestId('manual-empty').waitFor()
  await sheet.locator('input').fill(someone.name)
  const candidate = sheet.locator(`[data-testid=manual-candidate][data-member-id="${someone.memberId}"]`)
  await candidate.waitFor()
  const listed = await sheet.locator('[data-testid=manual-candidate] .att-row__name').allTextContents()
  expect(listed.every((n) => n.includes(someone.name))).toBe(true)
  expect(await tallEnough(org, '[data-testid=manual-sheet] .nut-button')).toEqual([])
  await bothFonts(org, 'manual-search')
  await candidate.getByTestId('manual-pick').click()
  const dialog = org.getByTestId('dialog')
  await dialog.waitFor()
  await expect(dialog.textContent()).resolves.toContain(`为 ${someone.name} 手动签到`)
  await org.locator('[data-testid=dialog-text] textarea').fill('手机没电')
  await bothFonts(org, 'manual-dialog')
  await org.getByTestId('dialog-confirm').click()
  await dialog.waitFor({ state: 'detached' })
  const added = org.locator(`[data-testid=present-row][data-member-id="${someone.memberId}"]`)
  await added.waitFor()
  await expect(added.getByTestId('present-method').textContent()).resolves.toBe('手动签到')
  await expect(added.getByTestId('approved-by').textContent()).resolves.toBe(`由 ${o.member.name} 登记`)
  await expect(added.getByTestId('row-place').textContent()).resolves.toBe(someone.branchName)
  await org.getByTestId('tab-absent').click()
  await org.getByTestId('absent-row').first().waitFor()
  await expect(org.locator(`[data-testid=absent-row][data-member-id="${someone.memberId}"]`).count()).resolves.toBe(0)
  await org.getByTestId('tab-present').click()

  // 撤销签到 of the ordinary row: a reason, a confirmation, then 已撤销.
  await mine.getByTestId('reverse-checkin').click()
  await expect(dialog.textContent()).resolves.toContain(`撤销 ${member.member.name} 的签到`)
  await org.locator('[data-testid=dialog-text] textarea').fill('本人未到场，经核实撤销')
  await toastGone(org)
  await bothFonts(org, 'reverse-dialog')
  await org.getByTestId('dialog-confirm').click()
  await dialog.waitFor({ state: 'detached' })
  await mine.getByTestId('reversed').waitFor()
  await expect(mine.getByTestId('reverse-checkin').count()).resolves.toBe(0)
  const after = await api<Attendance>(o.session, 'activity', { action: 'attendance', id: lecture.id })
  expect(after.present.find((r) => r.memberId === member.member.id)).toMatchObject({ reversed: true, points: 0 })
  expect(after.present.find((r) => r.memberId === someone.memberId)).toMatchObject({ method: 'manual', points: 1, approvedByName: o.member.name })
})

test('a city-wide list of some 300 people: the search filters it by name, says when nothing matched and clears; rows name unit and 支部', async () => {
  const city = await signIn(account('cityAdmin').bindCode)
  const lecture = await runningLecture(city, `全市讲座：长名单 ${stamp()}`, { type: 'all' })
  const { absent, audienceCount } = await api<Attendance>(city.session, 'activity', { action: 'attendance', id: lecture.id })
  expect(audienceCount).toBeGreaterThan(250)

  const admin = await phoneOf(account('cityAdmin').bindCode)
  await openList(admin, lecture.id)
  await admin.getByTestId('tab-absent').click()
  const rows = admin.getByTestId('absent-row')
  await rows.first().waitFor()
  await expect(admin.getByTestId('tab-absent').locator('.tabs__count').textContent()).resolves.toBe(String(absent.length))
  // Spanning units: the unit and the 支部.
  const first = absent[0]
  await expect(rows.first().getByTestId('row-place').textContent()).resolves.toBe([first.unitName, first.branchName].filter(Boolean).join(' · '))

  // A surname narrows hundreds to a few; the tab counts what the search found.
  const surname = absent[absent.length - 1].name.slice(0, 1)
  const matching = absent.filter((r) => r.name.includes(surname))
  await search(admin, surname)
  await admin.waitForFunction((n) => document.querySelectorAll('[data-testid=absent-row]').length === n, Math.min(50, matching.length))
  await expect(admin.getByTestId('tab-absent').locator('.tabs__count').textContent()).resolves.toBe(String(matching.length))
  expect(matching.length).toBeLessThan(absent.length)
  const names = await rows.locator('.att-row__name').allTextContents()
  expect(names.every((n) => n.includes(surname))).toBe(true)
  await bothFonts(admin, 'search')

  // Nothing matched: said so, with 清除筛选, which brings the whole list back.
  await search(admin, '查无此人')
  const none = admin.getByTestId('filter-empty')
  await none.waitFor()
  await expect(none.textContent()).resolves.toContain('没有符合条件的记录')
  await expect(none.textContent()).resolves.toContain('“查无此人”')
  expect(await tallEnough(admin, '[data-testid=clear-filter]')).toEqual([])
  await bothFonts(admin, 'search-empty')
  await admin.getByTestId('clear-filter').click()
  await admin.waitForFunction(() => document.querySelectorAll('[data-testid=absent-row]').length === 50)
  await expect(admin.locator('.attendance__search input').first().inputValue()).resolves.toBe('')
})

test('an ended activity does not refresh itself: 已结束 · 数据已定格, no 手动签到, and 刷新 reads it again on request', async () => {
  const o = await signIn(account('organizer', UNIT).bindCode)
  const { activities } = await api<{ activities: ActivitySummary[] }>(o.session, 'activity', { action: 'list', view: 'organizing' })
  const ended = activities.find((a) => a.title === VOLUNTEER_MORNING_TITLE)!
  expect(Date.parse(ended.endAt)).toBeLessThan(Date.now())

  const org = await phoneOf(account('organizer', UNIT).bindCode)
  const reads: string[] = []
  const count = (r: import('playwright-core').Request) => {
    if (r.url().includes('/api/fn/activity') && (r.postData() ?? '').includes('"attendance"')) reads.push(r.url())
  }
  org.on('request', count)
  try {
    await openList(org, ended.id)
    const live = org.getByTestId('live')
    await expect(live.getAttribute('data-live')).resolves.toBe('0')
    await expect(live.textContent()).resolves.toContain('已结束 · 数据已定格')
    await expect(org.getByTestId('manual-checkin').count()).resolves.toBe(0)
    const loaded = reads.length
    // Longer than one refresh period: nothing is read again by itself.
    await org.waitForTimeout(11_500)
    expect(reads.length).toBe(loaded)
    expect(await tallEnough(org, '[data-testid=refresh]')).toEqual([])
    await bothFonts(org, 'ended')
    await org.getByTestId('refresh').click()
    for (let waited = 0; reads.length === loaded && waited < 5_000; waited += 100) await org.waitForTimeout(100)
    expect(reads.length).toBe(loaded + 1)
    await expect(org.getByTestId('live').textContent()).resolves.toContain('已结束 · 数据已定格')
  } finally {
    org.off('request', count)
  }
})
