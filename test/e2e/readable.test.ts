/**
 * Readable and tappable, in Chromium at 375×812 on the real h5 build served by `npm start`: the main
 * pages of each demo role (member, organizer, unit admin, city admin) have no text under 14 px in their
 * main content and no tap target under 44 px in normal mode; each is shot in normal and large-font
 * mode (test/artifacts/readable-<page>.png and -large.png).
 *
 * Left out of the checks, on purpose: the browser's and the framework's own chrome (the h5 build has
 * no tab bar; the checks look only inside each page's root element), and the QR code's own figure
 * (`.qr-code`, its modules are a picture, not text). A tap target is any element inside the page root
 * that listens for clicks (Taro's h5 components add their listeners themselves: a script run before
 * the app marks each element that gets one with `data-tap`), plus buttons, inputs and role=button/switch.
 */
import type { Page } from 'playwright-core'
import type { Activity, MemberProfile, SessionResult } from '../../cloud/contract/model'
import { fontShots, PhoneLab, phoneBook, screenshots, settled, smallText, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(600_000)

const UNIT = '市委办公室'
const HOUR = 3600_000
const lab = new PhoneLab()
const shot = screenshots('readable-')
const bothFonts = fontShots(shot)
const account = (role: string, unit = UNIT) => lab.server.accounts.find((a) => a.role === role && (role === 'cityAdmin' || a.unit === unit))!
let phoneOf: (bindCode: string) => Promise<Page>

/** Buttons, fields and every element listening for taps (`data-tap`): what the 44 px check measures. */
const TAPPABLE = 'button, .nut-button, input, textarea, [role=button], [role=switch], .taro-button-core, [data-tap]'

/**
 * Before the app runs: every element that starts listening for taps is remembered (not marked yet: a
 * custom element adds its listeners while it is being made, when it may not take attributes).
 */
const watchTappables = (page: Page) =>
  page.context().addInitScript(() => {
    const seen = new Set<Element>()
    ;(window as unknown as { tapTargets: Set<Element> }).tapTargets = seen
    const listen = EventTarget.prototype.addEventListener
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: [EventListenerOrEventListenerObject | null, (boolean | AddEventListenerOptions)?]) {
      if ((type === 'click' || type === 'tap') && this instanceof Element) seen.add(this)
      return listen.call(this, type, ...rest)
    } as typeof EventTarget.prototype.addEventListener
  })

/** Marks `data-tap` on the remembered elements now on the page (the QR figure left out); names those under 44 px. */
const markTappables = (page: Page) =>
  page.evaluate(() => {
    const short: string[] = []
    for (const el of (window as unknown as { tapTargets: Set<Element> }).tapTargets) {
      if (!el.isConnected || el.id === 'app' || el.closest('.qr-code')) continue
      el.setAttribute('data-tap', '1')
      const h = el.getBoundingClientRect().height
      if (h > 0 && h < 43.5) short.push(`${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join('.')}:${h}`)
    }
    return short
  })
const marked = new WeakSet<Page>()

interface Visit {
  /** The artifact's name: readable-<name>.png. */
  name: string
  url: string
  /** The page's root element: the checks look inside it only. */
  root: string
  /** Shown once the page has loaded what it shows. */
  ready?: string
}

/** What each page breaks, page by page: `{ small: text:px[], short: text:height[], shortByClass }`, empty when fine. */
const problems: Record<string, { small: string[]; short: string[]; shortByClass: string[] }> = {}

async function visit(page: Page, v: Visit): Promise<void> {
  if (!marked.has(page)) {
    await watchTappables(page)
    marked.add(page)
  }
  await page.goto(`${lab.server.url}${v.url}`)
  await settled(page, v.root)
  await page.waitForFunction(() => !document.querySelector('.state-view--loading'), undefined, { timeout: 20_000 })
  if (v.ready) await page.locator(v.ready).first().waitFor({ timeout: 20_000 })
  await toastGone(page)
  const shortByClass = await markTappables(page)
  const small = await smallText(page, v.root)
  const short = await tallEnough(page, TAPPABLE.split(', ').map((s) => `${v.root} ${s}`).join(', '))
  if (small.length || short.length) problems[v.name] = { small: [...new Set(small)], short: [...new Set(short)], shortByClass }
  await bothFonts(page, v.name)
}

beforeAll(async () => {
  await lab.start()
  phoneOf = phoneBook(lab)
})

afterAll(() => lab.stop())

test('a member’s pages: 14 px text and 44 px targets, in both fonts', async () => {
  const phone = await phoneOf(account('member').bindCode)
  const pages: Visit[] = [
    { name: 'home', url: '/pages/index/index', root: '.home', ready: '.home__shortcut' },
    { name: 'records', url: '/pages/records/index', root: '.records' },
    { name: 'score', url: '/member/score/index', root: '.member-page' },
    { name: 'leaderboard', url: '/stats/leaderboard/index', root: '.leaderboard' },
    { name: 'certificate', url: '/member/certificate/index', root: '.cert-page' },
    { name: 'mine', url: '/pages/mine/index', root: '.mine', ready: '[data-testid=font-switch]' },
  ]
  for (const v of pages) await visit(phone, v)
  expect(pick(pages)).toEqual({})
})

test('an organizer’s pages: workbench, create, attendance, QR screen', async () => {
  const o = await lab.api<SessionResult>(null, 'member', { action: 'signIn', bindCode: account('organizer').bindCode })
  const activity = await publishNow(o, `理论学习：字号检查 ${Date.now().toString(36)}`)
  const phone = await phoneOf(account('organizer').bindCode)
  const pages: Visit[] = [
    { name: 'workbench', url: '/organizer/activities/index', root: '.organizer' },
    { name: 'create', url: '/organizer/create/index', root: '.create' },
    { name: 'attendance', url: `/organizer/attendance/index?id=${activity.id}`, root: '.attendance' },
    { name: 'qr', url: `/organizer/qr/index?id=${activity.id}`, root: '.qr-screen' },
  ]
  for (const v of pages) await visit(phone, v)
  expect(pick(pages)).toEqual({})
})

test('an admin’s pages: roster, audit log, coverage, volunteer hours, leaderboard', async () => {
  const unitAdmin = await phoneOf(account('unitAdmin').bindCode)
  const mine: Visit[] = [
    { name: 'roster', url: '/admin/roster/index', root: '.roster' },
    { name: 'audit', url: '/admin/audit/index', root: '.audit' },
  ]
  for (const v of mine) await visit(unitAdmin, v)
  const city = await phoneOf(account('cityAdmin').bindCode)
  const dashboards: Visit[] = [
    { name: 'coverage', url: '/stats/coverage/index', root: '.coverage' },
    { name: 'volunteer', url: '/stats/volunteer/index', root: '.volunteer' },
    { name: 'city-leaderboard', url: '/stats/leaderboard/index', root: '.leaderboard' },
  ]
  for (const v of dashboards) await visit(city, v)
  expect(pick([...mine, ...dashboards])).toEqual({})
})

/** The problems of these pages only (each test reports its own). */
const pick = (pages: Visit[]) => Object.fromEntries(pages.filter((v) => problems[v.name]).map((v) => [v.name, problems[v.name]]))

/** A study session for the organizer's unit that started a few minutes ago: attendance and the QR screen have something to show. */
const publishNow = (o: { session: string; member: MemberProfile }, title: string) =>
  lab.api<Activity>(o.session, 'activity', {
    action: 'create',
    kind: 'study',
    title,
    startAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    endAt: new Date(Date.now() + HOUR).toISOString(),
    audience: { type: 'units', unitIds: [o.member.unitId] },
    publish: true,
  })
