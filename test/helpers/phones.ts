import { join } from 'node:path'
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import type { Activity } from '../../cloud/contract/model'
import { ensureH5Build } from '../../cloud/server/h5Build'
import { CIVIC_CENTRE } from '../../cloud/server/seed/places'
import { ARTIFACTS, launchChromium } from './browser'
import { startRealServer, type RealServer } from './realServer'

/** A 375 px phone in Chinese, as members hold it. */
export const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' }

/**
 * A phone's position on site: in the demo city's 市行政中心, inside every unit's saved places (their
 * geofences), a few metres from the other phones (identical coordinates would flag both check-ins).
 */
export const onSite = (n: number) => ({ latitude: CIVIC_CENTRE.lat + n * 0.00002, longitude: CIVIC_CENTRE.lng - n * 0.00002, accuracy: 20 })

/** The size the screenshots of most browser tests are judged at: 375×812. */
export const TALL_PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 } }

/** Screenshots (viewport only, what a person sees) into test/artifacts, named `<prefix><name>.png`. */
export const screenshots = (prefix: string) => (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${prefix}${name}.png`), fullPage: false })

/**
 * `bothFonts(page, name, top?)`: the same screen shot by `shot` in the normal and the large-font theme
 * (`.font-large` on an ancestor sets every size token large; `<name>-large`), with `top` (a selector)
 * scrolled to the top of the screen in both.
 */
export const fontShots =
  (shot: (page: Page, name: string) => Promise<unknown>) =>
  async (page: Page, name: string, top?: string): Promise<void> => {
    const scroll = () => (top ? page.locator(top).first().evaluate((el) => el.scrollIntoView({ block: 'start' })) : Promise.resolve())
    await scroll()
    await shot(page, name)
    await page.evaluate(() => document.body.classList.add('font-large'))
    await page.waitForTimeout(200)
    await scroll()
    await shot(page, `${name}-large`)
    await page.evaluate(() => document.body.classList.remove('font-large'))
    await page.waitForTimeout(100)
  }

/** Let toasts fade before a screenshot. */
export const toastGone = (page: Page) =>
  page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((el) => el.style.display === 'none'), undefined, { timeout: 10_000 })

/** Wait until a page's root element has slid into place (the h5 router animates page changes). */
export const settled = (page: Page, selector: string) =>
  page.waitForFunction((sel) => {
    const el = document.querySelector(sel)
    return !!el && Math.abs(el.getBoundingClientRect().left) < 1
  }, selector)

/** The visible controls matching `selector` that are under 44 px tall (as `text:height`): none, on a page fit for fingers. */
export const tallEnough = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(selector, (els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => ({ h: e.getBoundingClientRect().height, t: (e.textContent ?? '').trim().slice(0, 12) }))
      .filter((x) => x.h > 0 && x.h < 43.5)
      .map((x) => `${x.t}:${x.h}`),
  )

/** Visible text in or inside `selector` set under 14 px (as `text:size`): none, on a page fit for reading. */
export const smallText = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(`${selector}, ${selector} *`, (els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null && Array.from(e.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim()))
      .map((e) => ({ t: (e.textContent ?? '').trim().slice(0, 12), px: parseFloat(getComputedStyle(e).fontSize) }))
      .filter((x) => x.px < 13.95)
      .map((x) => `${x.t}:${x.px}`),
  )

/** A new phone of `lab` (375×812 unless told), signed in as `bindCode`. */
export async function signedInPhone(lab: PhoneLab, bindCode: string, options: BrowserContextOptions = TALL_PHONE): Promise<Page> {
  const page = await lab.newPhone(options)
  await lab.signIn(page, bindCode)
  return page
}

/**
 * `phoneOf(bindCode)`: one signed-in phone of `lab` (375×812 unless told) per account, kept for the
 * file (sign-ins are rate limited).
 */
export function phoneBook(lab: PhoneLab, options: BrowserContextOptions = TALL_PHONE): (bindCode: string) => Promise<Page> {
  const phones = new Map<string, Page>()
  return async (bindCode) => {
    const known = phones.get(bindCode)
    if (known) return known
    const page = await signedInPhone(lab, bindCode, options)
    phones.set(bindCode, page)
    return page
  }
}

/**
 * The browser tests' world: the real server as `npm start` runs it (fresh data folder, current h5
 * build) and Debian's Chromium, with phones that are closed together at the end.
 */
export class PhoneLab {
  server!: RealServer
  browser!: Browser
  private contexts: BrowserContext[] = []
  private signedIn = new Map<string, Page>()
  private phones = 0

  async start(): Promise<void> {
    ensureH5Build(join(__dirname, '..', '..'), (line) => console.log(line))
    this.server = await startRealServer()
    this.browser = await launchChromium()
  }

  async stop(): Promise<void> {
    for (const c of this.contexts) await c.close()
    await this.browser?.close()
    await this.server?.stop()
  }

  /** The functions over HTTP, as another client would call them; throws on an error envelope. */
  async api<T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> {
    const res = await fetch(`${this.server.url}/api/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
      body: JSON.stringify(event),
    })
    const env = (await res.json()) as { ok: true; data: T } | { ok: false; error: { code: string; message: string } }
    if (!env.ok) throw new Error(`${fn}.${String(event.action)}: ${env.error.code} ${env.error.message}`)
    return env.data
  }

  /**
   * A lecture of the organizer's unit at times the form does not offer (already started, say), made
   * through the API, published without a location check (线上活动) unless `over` says otherwise.
   */
  lectureAt(o: { session: string; member: { unitId: string } }, title: string, startAt: number, endAt: number, over: Record<string, unknown> = {}): Promise<Activity> {
    return this.api<Activity>(o.session, 'activity', {
      action: 'create',
      kind: 'lecture',
      title,
      startAt: new Date(startAt).toISOString(),
      endAt: new Date(endAt).toISOString(),
      audience: { type: 'units', unitIds: [o.member.unitId] },
      noLocationReason: '线上活动',
      publish: true,
      ...over,
    })
  }

  /** A phone at the venue, location allowed: check-in at an activity with a place asks for it. */
  async newPhone(options: BrowserContextOptions = {}): Promise<Page> {
    const ctx = await this.browser.newContext({ ...PHONE, geolocation: onSite(++this.phones), permissions: ['geolocation'], ...options })
    this.contexts.push(ctx)
    const page = await ctx.newPage()
    page.on('pageerror', (e) => console.error('page error:', e.message))
    return page
  }

  async signIn(page: Page, bindCode: string): Promise<void> {
    await page.goto(`${this.server.url}/pages/login/index`)
    await page.locator('.login__input input').fill(bindCode)
    await page.getByTestId('sign-in').click()
    await page.waitForURL(/\/pages\/index\/index/)
  }

  /**
   * One signed-in phone per account for a whole file: the server allows 10 sign-ins a minute from
   * one address, and every phone here comes from 127.0.0.1.
   */
  async phoneOf(bindCode: string): Promise<Page> {
    const known = this.signedIn.get(bindCode)
    if (known) return known
    const page = await this.newPhone()
    await this.signIn(page, bindCode)
    this.signedIn.set(bindCode, page)
    return page
  }
}
