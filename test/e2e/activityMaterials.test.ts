/**
 * 学习材料 in Chromium at 375×812 on the real h5 build: an organizer adds two links on the create form
 * (a link without http(s) is refused in Chinese before anything is sent; one is removed and added
 * again), publishes, and a member finds both titles on the activity's detail page; tapping one opens
 * it in a new tab (window.open with noopener). The organizer then removes one on the edit page; an
 * activity without materials shows no 学习材料 card. Screenshots (normal and large font) go to
 * test/artifacts/materials-*.png.
 */
import type { Activity, MemberProfile, SessionResult } from '../../cloud/contract/model'
import { fontShots, PhoneLab, screenshots, settled, signedInPhone, smallText, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const lab = new PhoneLab()
const bothFonts = fontShots(screenshots('materials-'))
const stamp = () => Date.now().toString(36)

const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)
const account = (role: string) => lab.server.accounts.find((a) => a.role === role && a.unit === UNIT)!

const XUEXI = { title: '习近平总书记关于营商环境的重要论述', url: 'https://www.xuexi.cn/lgpage/detail/index.html?id=1234' }
const PEOPLE = { title: '人民网评论：以优化营商环境激发市场活力', url: 'http://opinion.people.com.cn/n1/2026/1120/c1003-1.html' }

beforeAll(() => lab.start())
afterAll(() => lab.stop())

test('an organizer adds two materials on create; a member sees them on the detail page and opens one', async () => {
  const o = await api<SessionResult & { member: MemberProfile }>(null, 'member', { action: 'signIn', bindCode: account('organizer').bindCode })
  const org = await signedInPhone(lab, account('organizer').bindCode)
  await org.goto(`${lab.server.url}/organizer/create/index`)
  await settled(org, '.create')
  await org.getByTestId('kind').filter({ hasText: '理论学习' }).click()
  const title = `理论学习：营商环境 ${stamp()}`
  await org.locator('[data-testid=title] input').fill(title)

  const field = org.getByTestId('materials-field')
  const add = async (m: { title: string; url: string }) => {
    await field.locator('[data-testid=material-title] input').fill(m.title)
    await field.locator('[data-testid=material-url] input').fill(m.url)
    await field.getByTestId('material-add').click()
  }
  // A link copied without its scheme is refused on the form, in words that say what to do.
  await add({ title: XUEXI.title, url: 'www.xuexi.cn/lgpage/detail' })
  await expect(field.getByTestId('material-problem').textContent()).resolves.toContain('http:// 或 https://')
  await expect(field.getByTestId('material-item').count()).resolves.toBe(0)
  await add(XUEXI)
  await add(PEOPLE)
  await expect(field.getByTestId('material-item').count()).resolves.toBe(2)
  // Removed and added again: the list follows.
  await field.getByTestId('material-remove').nth(1).click()
  await expect(field.getByTestId('material-item').count()).resolves.toBe(1)
  await add(PEOPLE)
  await expect(field.getByTestId('material-item').allTextContents()).resolves.toEqual([`${XUEXI.title}${XUEXI.url}删除`, `${PEOPLE.title}${PEOPLE.url}删除`])
  const formSmall = await smallText(org, '.materials-field')
  const formShort = await tallEnough(org, '.materials-field .nut-button, [data-testid=material-remove]')
  await bothFonts(org, 'form', '[data-testid=materials-field]')

  await org.getByTestId('publish').click()
  await org.waitForURL(/\/organizer\/qr\/index\?id=/)
  const id = new URL(org.url()).searchParams.get('id')!
  expect((await api<Activity>(o.session, 'activity', { action: 'get', id })).materials).toEqual([XUEXI, PEOPLE])

  // The member opens the activity: 学习材料 lists both titles, each row a tap target.
  const phone = await signedInPhone(lab, account('member').bindCode)
  await phone.goto(`${lab.server.url}/pages/activity/index?id=${id}`)
  await settled(phone, '.activity-page')
  const card = phone.getByTestId('activity-materials')
  await card.waitFor()
  await expect(card.getByTestId('activity-material').locator('.activity-page__material-title').allTextContents()).resolves.toEqual([XUEXI.title, PEOPLE.title])
  const detailSmall = await smallText(phone, '[data-testid=activity-materials]')
  const detailShort = await tallEnough(phone, '[data-testid=activity-material]')
  await toastGone(phone)
  await bothFonts(phone, 'detail', '.activity-page__section >> nth=-1')

  // A tap opens the article in a new tab, without a hold on this page.
  await phone.evaluate(() => {
    const opened: unknown[][] = []
    ;(window as unknown as { opened: unknown[][] }).opened = opened
    window.open = (...args: unknown[]) => {
      opened.push(args)
      return null
    }
  })
  await card.getByTestId('activity-material').nth(1).click()
  const opened = await phone.evaluate(() => (window as unknown as { opened: unknown[][] }).opened)
  expect(opened).toHaveLength(1)
  expect(opened[0][0]).toBe(PEOPLE.url)
  expect(opened[0][1]).toBe('_blank')
  expect(String(opened[0][2])).toContain('noopener')

  // The organizer edits it (check-in is open: the materials may still change) and removes the first one.
  await org.goto(`${lab.server.url}/organizer/edit/index?id=${id}`)
  await settled(org, '.edit')
  const editField = org.getByTestId('materials-field')
  await expect(editField.getByTestId('material-item').count()).resolves.toBe(2)
  await editField.getByTestId('material-remove').first().click()
  await org.getByTestId('save-edit').click()
  let after = await api<Activity>(o.session, 'activity', { action: 'get', id })
  for (let i = 0; i < 40 && after.materials.length !== 1; i++) {
    await new Promise((r) => setTimeout(r, 250))
    after = await api<Activity>(o.session, 'activity', { action: 'get', id })
  }
  expect(after.materials).toEqual([PEOPLE])

  // An activity without materials shows no 学习材料 card.
  const plain = await api<Activity>(o.session, 'activity', {
    action: 'create',
    kind: 'lecture',
    title: `无材料的讲座 ${stamp()}`,
    startAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
    endAt: new Date(Date.now() + 26 * 3600_000).toISOString(),
    audience: { type: 'units', unitIds: [o.member.unitId] },
    publish: true,
  })
  await phone.goto(`${lab.server.url}/pages/activity/index?id=${plain.id}`)
  await settled(phone, '.activity-page')
  await phone.getByTestId('activity-title').waitFor()
  await expect(phone.getByTestId('activity-materials').count()).resolves.toBe(0)

  expect(formSmall).toEqual([])
  expect(formShort).toEqual([])
  expect(detailSmall).toEqual([])
  expect(detailShort).toEqual([])
})
