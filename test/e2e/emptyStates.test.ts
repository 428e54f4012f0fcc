/**
 * Empty and failed states show the app's own pictures, in Chromium on the real h5 build served by
 * `npm start`: a member just added to the roster opens 我的记录 (nothing yet) and 消息, the same person
 * made an organizer opens a workbench with nothing in it (its list answered empty), and a page whose server cannot be reached shows the
 * offline picture. Every phone's requests are intercepted: one to any host but the local server fails
 * the test (an intranet reaches nothing else; the UI kit's default pictures came from one). Screenshots
 * (viewport only, 375×812, normal and large font) go to test/artifacts/emptyStates-*.png.
 */
import type { Page } from 'playwright-core'
import type { SessionResult } from '../../cloud/contract/model'
import { fontShots, PhoneLab, screenshots, settled, TALL_PHONE, tallEnough } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const HEADER = '党员编号,姓名,单位,党支部,出生日期,手机号,角色,青年理论学习小组,状态,身份证号'

const lab = new PhoneLab()
const shot = screenshots('emptyStates-')
/** Requests to anywhere but the local server, by any phone of this file. */
const foreign: string[] = []
let newcomer: { bindCode: string; memberId: string; unitId: string }
let adminSession: string

/** A phone whose every request is checked: the local server's go through, anything else is refused and noted. */
async function guardedPhone(bindCode: string): Promise<Page> {
  const page = await lab.newPhone(TALL_PHONE)
  const local = new URL(lab.server.url).host
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url())
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== local) {
      foreign.push(url.href)
      return route.abort()
    }
    return route.continue()
  })
  await lab.signIn(page, bindCode)
  return page
}

const bothFonts = fontShots(shot)

/**
 * The state view's picture: served by the local server (a hashed file of the build), loaded, and
 * which one (its file name). Its words are 14 px or larger.
 */
async function stateOf(page: Page, state: 'empty' | 'error'): Promise<{ picture: string; smallText: string[] }> {
  const view = page.locator(`.state-view--${state}`).first()
  await view.waitFor()
  const img = view.locator('img')
  await page.waitForFunction((el) => !!el && (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle())
  const src = (await img.getAttribute('src')) ?? ''
  expect(src.startsWith(`${lab.server.url}/static/images/`) || src.startsWith('/static/images/')).toBe(true)
  const smallText = await view.evaluate((root) =>
    Array.from(root.querySelectorAll<HTMLElement>('*'))
      .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim()))
      .map((el) => ({ t: (el.textContent ?? '').trim().slice(0, 12), px: parseFloat(getComputedStyle(el).fontSize) }))
      .filter((x) => x.px < 14)
      .map((x) => `${x.t}:${x.px}`),
  )
  return { picture: (src.split('/').pop() ?? '').replace(/\.[0-9a-f]{8}\.svg$/, ''), smallText }
}

beforeAll(async () => {
  await lab.start()
  // A new member of the unit, added by its admin with a one-line roster: no records, no messages, nothing organized.
  const admin = lab.server.accounts.find((a) => a.role === 'unitAdmin' && a.unit === UNIT)!
  const signedIn = await lab.api<SessionResult>(null, 'member', { action: 'signIn', bindCode: admin.bindCode })
  adminSession = signedIn.session
  const stamp = Date.now().toString(36).slice(-6).toUpperCase()
  const name = `空态新成员${stamp}`
  const file = Buffer.from(`\ufeff${HEADER}\r\nE${stamp}0001,${name},${UNIT},,1990-05-01,13900000001,党员,,在册,\r\n`, 'utf8').toString('base64')
  await lab.api(adminSession, 'member', { action: 'importRoster', format: 'csv', file })
  const { members } = await lab.api<{ members: { id: string; bindCode: string | null }[] }>(adminSession, 'member', { action: 'roster', unitId: signedIn.member.unitId, query: name })
  expect(members).toHaveLength(1)
  newcomer = { memberId: members[0].id, bindCode: members[0].bindCode!, unitId: signedIn.member.unitId }
})

afterAll(() => lab.stop())

afterEach(() => {
  // Checked after each test, so a failure names the pages that asked.
  expect(foreign).toEqual([])
})

test('a new member: 我的记录 and its 补签申请 tab, then 消息, each empty with the box picture, nothing fetched from outside', async () => {
  const phone = await guardedPhone(newcomer.bindCode)

  await phone.goto(`${lab.server.url}/pages/records/index`)
  await settled(phone, '.records')
  await expect(stateOf(phone, 'empty')).resolves.toEqual({ picture: 'empty', smallText: [] })
  await bothFonts(phone, 'records')

  await phone.goto(`${lab.server.url}/pages/records/index?tab=makeups`)
  await settled(phone, '.records')
  await expect(stateOf(phone, 'empty')).resolves.toEqual({ picture: 'empty', smallText: [] })

  await phone.goto(`${lab.server.url}/notify/inbox/index`)
  await settled(phone, '.inbox')
  await expect(stateOf(phone, 'empty')).resolves.toEqual({ picture: 'empty', smallText: [] })
  await bothFonts(phone, 'inbox')
})

test('the same person made an organizer: an empty workbench, large text too', async () => {
  await lab.api(adminSession, 'member', { action: 'setRole', memberId: newcomer.memberId, role: 'organizer', unitId: newcomer.unitId })
  const phone = await guardedPhone(newcomer.bindCode)
  // A unit's organizer sees every activity of the unit, and the demo unit has many: the list answers none.
  await phone.route('**/api/fn/activity', async (route) => {
    const event = route.request().postDataJSON() as { action?: string; view?: string }
    if (event.action !== 'list' || event.view !== 'organizing') return route.continue()
    return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, data: { activities: [] } }) })
  })
  await phone.goto(`${lab.server.url}/organizer/activities/index`)
  await settled(phone, '.organizer')
  await expect(stateOf(phone, 'empty')).resolves.toEqual({ picture: 'empty', smallText: [] })
  await bothFonts(phone, 'workbench')
  await phone.evaluate(() => document.body.classList.add('font-large'))
  await expect(stateOf(phone, 'empty')).resolves.toEqual({ picture: 'empty', smallText: [] })
})

test('no network: the offline picture and 重试 (44 px or taller); the server failing: the error picture', async () => {
  const phone = await guardedPhone(newcomer.bindCode)
  await phone.route('**/api/fn/notify', (route) => route.abort('internetdisconnected'))
  await phone.goto(`${lab.server.url}/notify/inbox/index`)
  await settled(phone, '.inbox')
  await expect(stateOf(phone, 'error')).resolves.toEqual({ picture: 'offline', smallText: [] })
  await expect(phone.locator('.state-view--error').textContent()).resolves.toContain('网络')
  await expect(tallEnough(phone, '.state-view--error .nut-button')).resolves.toEqual([])
  await bothFonts(phone, 'offline')
  await phone.unroute('**/api/fn/notify')

  await phone.route('**/api/fn/notify', (route) =>
    route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } }) }),
  )
  await phone.reload()
  await settled(phone, '.inbox')
  await expect(stateOf(phone, 'error')).resolves.toEqual({ picture: 'error', smallText: [] })
  await shot(phone, 'error')
  await phone.unroute('**/api/fn/notify')
  // 重试 with the server back: the inbox is read (a message about the new role may be in it).
  await phone.locator('.state-view--error .nut-button').click()
  await phone.locator('.state-view--error').waitFor({ state: 'detached' })
})
