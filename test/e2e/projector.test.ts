/**
 * The QR screen on a projector, in Chromium on the real h5 build served by `npm start`, at 1366×768 and
 * 1920×1080 (device scale 1): the whole code, the live count and the countdown fit the screen with
 * nothing to scroll; the check-in window, the location rule and the rules line are shown; a member who
 * just scanned appears on the wall of last arrivals. An ended activity shows 签到已截止 with its final
 * count and no code; the 签退码 and 签到未开始 stages fit as well; on a phone held upright the page is the
 * one column it was. Screenshots go to test/artifacts/projector-*.png.
 */
import type { Page } from 'playwright-core'
import type { Activity, MemberProfile, SessionResult } from '../../cloud/contract/model'
import { fontShots, PhoneLab, screenshots, settled, signedInPhone, smallText, tallEnough } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const MIN = 60_000
const HOUR = 60 * MIN
const lab = new PhoneLab()
const shot = screenshots('projector-')
const stamp = () => Date.now().toString(36)
const SCREENS = [
  { name: '1366', width: 1366, height: 768 },
  { name: '1920', width: 1920, height: 1080 },
] as const

const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)
const account = (role: string, unit = UNIT) => lab.server.accounts.find((a) => a.role === role && a.unit === unit)!

let organizer: { session: string; member: MemberProfile }
/** The organizer's laptop on the projector, signed in once for the file (sign-ins are rate limited); resized per screen. */
let projector: Page

/** Published for the organizer's unit at times the form does not offer; at the unit's first saved place. */
const publishAt = (kind: 'study' | 'volunteer' | 'lecture', title: string, startAt: number, endAt: number, over: Record<string, unknown> = {}) =>
  api<Activity>(organizer.session, 'activity', {
    action: 'create',
    kind,
    title,
    startAt: new Date(startAt).toISOString(),
    endAt: new Date(endAt).toISOString(),
    audience: { type: 'units', unitIds: [organizer.member.unitId] },
    publish: true,
    ...over,
  })

async function openScreen(id: string): Promise<void> {
  await projector.goto(`${lab.server.url}/organizer/qr/index?id=${id}`)
  await settled(projector, '.qr-screen')
  await projector.locator('.qr-screen[data-stage]:not([data-stage=loading])').waitFor()
}

/** What of `selector` lies outside the viewport (none when it is wholly on screen), as `selector: box`. */
async function offScreen(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els, sel) => {
    return els
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.left < 0 || r.top < 0 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5 || r.width === 0)
      .map((r) => `${sel}: ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`)
  }, selector)
}

/** The page is exactly the screen: nothing to scroll either way. */
const scrolls = (page: Page) =>
  page.evaluate(() => {
    const s = document.scrollingElement!
    return { down: s.scrollHeight > window.innerHeight, across: s.scrollWidth > window.innerWidth }
  })

beforeAll(async () => {
  await lab.start()
  organizer = await api<SessionResult>(null, 'member', { action: 'signIn', bindCode: account('organizer').bindCode })
  projector = await signedInPhone(lab, account('organizer').bindCode, { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 })
})

afterAll(() => lab.stop())

test('at 1366×768 and 1920×1080 the whole code, the count and the countdown fit, and a member who just scanned appears on the wall', async () => {
  const title = `理论学习：投屏测试 ${stamp()}`
  const session = await publishAt('study', title, Date.now() - 5 * MIN, Date.now() + HOUR)
  await openScreen(session.id)
  const code = projector.locator('.qr-code')
  await code.waitFor()
  // Nobody yet: the wall says where names will appear.
  await projector.getByTestId('arrivals-wall').filter({ hasText: '还没有人签到' }).waitFor()

  // A member scans the code on the screen (its link) with a phone at the venue.
  const member = account('member')
  const phone = await signedInPhone(lab, member.bindCode)
  await phone.goto((await code.getAttribute('data-qr-text'))!)
  await phone.getByTestId('checkin-success').waitFor()

  // Within a refresh or two the count moves and the name is on the wall, newest first, with its time.
  await projector.getByTestId('arrivals').filter({ hasText: '已签到 1 人' }).waitFor({ timeout: 20_000 })
  const arrival = projector.getByTestId('arrival').first()
  await arrival.filter({ hasText: member.name }).waitFor({ timeout: 30_000 })
  await expect(arrival.locator('.qr-wall__time').textContent()).resolves.toMatch(/^\d\d:\d\d$/)

  // What the room reads beside the code.
  await expect(projector.locator('.qr-screen__title').textContent()).resolves.toBe(title)
  await expect(projector.locator('.qr-screen__meta').textContent()).resolves.toContain(UNIT)
  await expect(projector.getByTestId('window').textContent()).resolves.toMatch(/^签到时间 (\d+月\d+日 )?\d\d:\d\d–(\d+月\d+日 )?\d\d:\d\d$/)
  await expect(projector.getByTestId('siting').textContent()).resolves.toMatch(/^需在活动地点签到/)
  await expect(projector.getByTestId('rules').textContent()).resolves.toBe('请用微信或手机相机扫码，在手机上确认签到；二维码每 15 秒刷新，截图转发无效')
  await expect(projector.getByTestId('expected').textContent()).resolves.toMatch(/^应到 \d+ 人$/)

  for (const screen of SCREENS) {
    await projector.setViewportSize({ width: screen.width, height: screen.height })
    await projector.waitForTimeout(700)
    const box = (await code.boundingBox())!
    // Square, and as large as the screen's height allows with its white quiet zone round it (about four fifths).
    expect(Math.abs(box.width - box.height)).toBeLessThan(1)
    expect(box.height).toBeGreaterThan(0.75 * screen.height)
    expect(await offScreen(projector, '.qr-screen__code')).toEqual([])
    await expect(projector.getByTestId('checkin-url').isVisible()).resolves.toBe(false)
    // On the left; the count and the countdown on the right.
    const count = (await projector.locator('.qr-screen__count').boundingBox())!
    expect(count.x).toBeGreaterThan(box.x + box.width)
    expect(await offScreen(projector, '.qr-code')).toEqual([])
    expect(await offScreen(projector, '[data-testid=arrivals]')).toEqual([])
    expect(await offScreen(projector, '[data-testid=countdown]')).toEqual([])
    expect(await offScreen(projector, '[data-testid=arrival]')).toEqual([])
    await expect(scrolls(projector)).resolves.toEqual({ down: false, across: false })
    // Read from the back of the room: the count is the largest figure on the right, and nothing there is small.
    expect(count.height).toBeGreaterThan(0.1 * screen.height)
    expect(await smallText(projector, '.qr-screen__head, .qr-screen__live')).toEqual([])
    await shot(projector, screen.name)
  }

  // 全屏投屏: the browser's full screen, with the organizer's buttons gone and a quiet way out.
  await projector.setViewportSize({ width: 1366, height: 768 })
  await projector.getByTestId('fullscreen').click()
  await projector.locator('.qr-screen--full').waitFor()
  await projector.getByTestId('to-attendance').waitFor({ state: 'hidden' })
  await expect(projector.getByTestId('fullscreen').textContent()).resolves.toBe('退出全屏')
  await expect(scrolls(projector)).resolves.toEqual({ down: false, across: false })
  await shot(projector, 'fullscreen-1366')
  await projector.getByTestId('fullscreen').click()
  await projector.locator('.qr-screen--full').waitFor({ state: 'detached' })

  // On a phone held upright it is the one column it was: code, count and countdown, then the wall.
  await projector.setViewportSize({ width: 375, height: 812 })
  await projector.waitForTimeout(700)
  const upright = (await code.boundingBox())!
  expect(upright.width).toBeLessThanOrEqual(375)
  const countBox = (await projector.getByTestId('arrivals').boundingBox())!
  expect(countBox.y).toBeGreaterThan(upright.y + upright.height)
  expect(await tallEnough(projector, '.qr-screen__action')).toEqual([])
  expect(await smallText(projector, '.qr-screen__head .qr-screen__title, .qr-screen__fact, .qr-screen__live')).toEqual([])
  await fontShots(shot)(projector, 'phone')
  await projector.setViewportSize({ width: 1366, height: 768 })
})

test('an ended activity shows 签到已截止 with its final count and no code; the 签退码 and 签到未开始 fit the screen too', async () => {
  // Started two hours ago: its check-in closed 30 minutes after the start (an activity that has ended cannot be published).
  const ended = await publishAt('lecture', `讲座：签到已截止 ${stamp()}`, Date.now() - 2 * HOUR, Date.now() + HOUR)
  // A shift whose check-in the organizer closed 30 minutes after the start (by default it stays open to the end).
  const shift = await publishAt('volunteer', `志愿服务：签退码投屏 ${stamp()}`, Date.now() - 2 * HOUR, Date.now() + HOUR, { checkInWindow: { closes: 30 } })
  const later = await publishAt('lecture', `讲座：尚未开始 ${stamp()}`, Date.now() + 3 * HOUR, Date.now() + 4 * HOUR)

  await openScreen(ended.id)
  for (const screen of SCREENS) {
    await projector.setViewportSize({ width: screen.width, height: screen.height })
    await projector.waitForTimeout(700)
    const closed = projector.locator('[data-testid=qr-stage][data-stage=closed]')
    await expect(closed.textContent()).resolves.toContain('签到已截止')
    await expect(projector.getByTestId('arrivals').textContent()).resolves.toBe('共签到 0 人')
    await expect(projector.locator('.qr-code').count()).resolves.toBe(0)
    await expect(projector.getByTestId('countdown').count()).resolves.toBe(0)
    // Nobody came: no wall inviting a scan that can no longer be made.
    await expect(projector.getByTestId('arrivals-wall').count()).resolves.toBe(0)
    expect(await offScreen(projector, '[data-testid=qr-stage]')).toEqual([])
    expect(await offScreen(projector, '[data-testid=arrivals]')).toEqual([])
    await expect(scrolls(projector)).resolves.toEqual({ down: false, across: false })
    await shot(projector, `ended-${screen.name}`)
  }

  await projector.setViewportSize({ width: 1366, height: 768 })
  await openScreen(shift.id)
  await projector.locator('[data-testid=qr-stage][data-stage=checkOut]').waitFor()
  await projector.locator('.qr-code').waitFor()
  expect(await offScreen(projector, '[data-testid=qr-stage]')).toEqual([])
  expect(await offScreen(projector, '.qr-code')).toEqual([])
  expect(await offScreen(projector, '[data-testid=countdown]')).toEqual([])
  await expect(scrolls(projector)).resolves.toEqual({ down: false, across: false })
  await shot(projector, 'checkout-1366')

  await openScreen(later.id)
  await projector.locator('[data-testid=qr-stage][data-stage=notOpen]').waitFor()
  await expect(projector.locator('.qr-code').count()).resolves.toBe(0)
  expect(await offScreen(projector, '[data-testid=qr-stage]')).toEqual([])
  await expect(scrolls(projector)).resolves.toEqual({ down: false, across: false })
  await shot(projector, 'not-open-1366')
})

test('a full wall fits: the newest names that fit are shown whole, the rest are out of sight, nothing scrolls', async () => {
  const session = await publishAt('lecture', `讲座：满墙 ${stamp()}`, Date.now() - 5 * MIN, Date.now() + HOUR)
  // A busy room without forty phones: the attendance list the screen reads is answered with the real
  // one plus forty arrivals a minute apart (the code, the count and everything else stay real).
  const names = ['王建国', '李秀英', '张伟', '刘洋', '陈静', '杨帆', '赵敏', '黄磊', '周婷', '吴刚', '欧阳文华', '孙丽']
  await projector.route('**/api/fn/activity', async (route) => {
    const body = route.request().postDataJSON() as { action?: string }
    if (body.action !== 'attendance') return route.continue()
    const res = await route.fetch()
    const env = (await res.json()) as { ok: boolean; data: { present: Record<string, unknown>[] } }
    env.data.present = Array.from({ length: 40 }, (_, i) => ({
      memberId: `busy${i}`,
      name: `${names[i % names.length]}${i < names.length ? '' : i}`,
      unitName: UNIT,
      checkedInAt: new Date(Date.now() - (40 - i) * MIN).toISOString(),
      checkedOutAt: null,
      method: 'geo',
      points: 1,
      hours: 0,
      hoursPending: 0,
      checkInId: `busy${i}`,
      flags: [],
      reversed: false,
    }))
    return route.fulfill({ response: res, json: env })
  })
  try {
    await openScreen(session.id)
    await projector.getByTestId('arrival').first().waitFor()
    for (const screen of SCREENS) {
      await projector.setViewportSize({ width: screen.width, height: screen.height })
      await projector.waitForTimeout(700)
      // Newest first: the last of the forty heads the wall.
      await expect(projector.getByTestId('arrival').first().locator('.qr-wall__name').textContent()).resolves.toBe(`${names[39 % names.length]}39`)
      await shot(projector, `full-wall-${screen.name}`)
      const seen = await projector.$eval('.qr-wall__list', (list) => {
        const box = list.getBoundingClientRect()
        const items = Array.from(list.querySelectorAll('[data-testid=arrival]')).map((e) => e.getBoundingClientRect())
        // Sharing a pixel's fraction of an edge is not showing.
        const overlaps = items.filter((r) => r.right > box.left + 1 && r.left < box.right - 1 && r.bottom > box.top + 1 && r.top < box.bottom - 1)
        const whole = overlaps.filter((r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5)
        return { shown: overlaps.length, cut: overlaps.length - whole.length }
      })
      expect(seen.cut).toBe(0)
      expect(seen.shown).toBeGreaterThanOrEqual(8)
      expect(await offScreen(projector, '.qr-code')).toEqual([])
      expect(await offScreen(projector, '[data-testid=countdown]')).toEqual([])
      await expect(scrolls(projector)).resolves.toEqual({ down: false, across: false })
    }
  } finally {
    await projector.unroute('**/api/fn/activity')
    await projector.setViewportSize({ width: 1366, height: 768 })
  }
})
