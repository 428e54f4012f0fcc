/**
 * Activities one can open, in Chromium at 375×812 on the real h5 build served by `npm start`: a member
 * taps a card on home (not its 报名 pill) and reads the detail page — time, check-in window, place and
 * whether the position is checked, organizer, description —, signs up there, and withdraws (取消报名,
 * confirmed) from the card or the page; the keyboard opens a card too; the h5 home's 扫码签到 explains
 * how to scan. The activity's organizer opens the same page and sees who is coming (searchable) and the
 * 编辑 / 展示签到码 / 签到情况 buttons; a member of another unit is told the activity is not for them.
 * Screenshots (normal and large font) go to test/artifacts/activity-detail-*.png.
 */
import type { Page } from 'playwright-core'
import type { Activity, MemberProfile, SessionResult } from '../../cloud/contract/model'
import { fontShots, phoneBook, PhoneLab, screenshots, settled, smallText, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const HOUR = 3600_000
const lab = new PhoneLab()
const shot = screenshots('activity-detail-')
const bothFonts = fontShots(shot)
const stamp = () => Date.now().toString(36)
const DESCRIPTION = '一、学习党的二十届四中全会精神\n二、交流发言（每人 5 分钟）\n\n请携带笔记本。'

const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)
const account = (role: string, unit = UNIT) => lab.server.accounts.find((a) => a.role === role && a.unit === unit)!
const phoneOf = phoneBook(lab)

let organizer: { session: string; member: MemberProfile }
let talk: Activity

/** The h5 confirmation (Taro.showModal): its text, then 确定 by its label or cancel. */
async function answerModal(page: Page, confirm: boolean): Promise<string> {
  const modal = page.locator('.taro__modal')
  await modal.locator('.taro-modal__content').waitFor()
  const text = (await modal.locator('.taro-modal__text').textContent()) ?? ''
  await modal.locator(confirm ? '.taro-model__confirm' : '.taro-model__cancel').click()
  return text
}

beforeAll(async () => {
  await lab.start()
  organizer = await api<SessionResult>(null, 'member', { action: 'signIn', bindCode: account('organizer').bindCode })
  // Tomorrow at this hour, for the organizer's unit, at its first saved place, sign-up needed.
  talk = await api<Activity>(organizer.session, 'activity', {
    action: 'create',
    kind: 'study',
    title: `理论学习：详情页 ${stamp()}`,
    description: DESCRIPTION,
    startAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    endAt: new Date(Date.now() + 26 * HOUR).toISOString(),
    audience: { type: 'units', unitIds: [organizer.member.unitId] },
    signUpRequired: true,
    capacity: 30,
    publish: true,
  })
})

afterAll(() => lab.stop())

test('a member taps a card on home, reads time, place, organizer and description, and signs up there', async () => {
  const phone = await phoneOf(account('member').bindCode)
  await phone.goto(`${lab.server.url}/pages/index/index`)
  await settled(phone, '.home')
  const card = phone.locator(`[data-testid=activity-card][data-activity-id="${talk.id}"]`)
  await card.waitFor()
  await expect(card.getAttribute('role')).resolves.toBe('button')
  await card.locator('.activity-card__title').click()
  await phone.waitForURL(/\/pages\/activity\/index\?id=/)
  await settled(phone, '.activity-page')

  await expect(phone.getByTestId('activity-title').textContent()).resolves.toBe(talk.title)
  await expect(phone.getByTestId('activity-phase').textContent()).resolves.toBe('未开始')
  await expect(phone.getByTestId('fact-time').textContent()).resolves.toMatch(/^时间\d+月\d+日 \d\d:\d\d–\d\d:\d\d$/)
  await expect(phone.getByTestId('fact-window').textContent()).resolves.toMatch(/^签到\d\d:\d\d–\d\d:\d\d$/)
  await expect(phone.getByTestId('fact-place').textContent()).resolves.toBe(`地点${talk.placeName}需在活动地点签到（将获取您的位置）`)
  await expect(phone.getByTestId('fact-organizer').textContent()).resolves.toBe(`组织${UNIT} · ${organizer.member.name}`)
  await expect(phone.getByTestId('fact-places').textContent()).resolves.toBe('名额30 人，已报名 0 人')
  // The description as written, its line breaks kept.
  const description = phone.getByTestId('activity-description')
  await expect(description.textContent()).resolves.toBe(DESCRIPTION)
  await expect(description.evaluate((el) => getComputedStyle(el).whiteSpace)).resolves.toBe('pre-wrap')
  await expect(phone.locator('[data-testid=my-state]').getAttribute('data-state')).resolves.toBe('notSignedUp')
  await expect(phone.getByTestId('organizer-part').count()).resolves.toBe(0)
  // Sizes are checked last (the $control-* and $font-* tokens set them): the journey is judged first.
  const small = await smallText(phone, '.activity-page')
  const short = await tallEnough(phone, '.activity-page .nut-button')
  await bothFonts(phone, 'member')

  await phone.getByTestId('detail-sign-up').click()
  await phone.locator('[data-testid=my-state][data-state=signedUp]').waitFor()
  await expect(phone.getByTestId('my-state-text').textContent()).resolves.toBe('已报名，签到开始后到现场扫码')
  await expect(phone.getByTestId('fact-places').textContent()).resolves.toBe('名额30 人，已报名 1 人')
  await phone.getByTestId('detail-withdraw').waitFor()
  await toastGone(phone)
  await bothFonts(phone, 'signed-up')
  expect(small).toEqual([])
  expect(short).toEqual([])
})

test('on the card, 取消报名 asks first and does not open the page; confirmed, the place is freed', async () => {
  const phone = await phoneOf(account('member').bindCode)
  await phone.goto(`${lab.server.url}/pages/index/index`)
  await settled(phone, '.home')
  const card = phone.locator(`[data-testid=activity-card][data-activity-id="${talk.id}"]`)
  await card.getByTestId('signed-up').waitFor()
  const withdraw = card.getByTestId('withdraw')
  const short = await tallEnough(phone, '[data-testid=withdraw], [data-testid=sign-up]')
  await withdraw.scrollIntoViewIfNeeded()
  await shot(phone, 'card-signed-up')
  await withdraw.click()
  await expect(answerModal(phone, false)).resolves.toContain(talk.title)
  // Cancelled: still home, still signed up.
  expect(phone.url()).toMatch(/\/pages\/index\/index/)
  await expect(card.getByTestId('signed-up').count()).resolves.toBe(1)
  await withdraw.click()
  await answerModal(phone, true)
  await card.getByTestId('sign-up').waitFor()
  expect(phone.url()).toMatch(/\/pages\/index\/index/)
  await expect(card.getByTestId('places').textContent()).resolves.toBe('已报名 0/30')
  expect(short).toEqual([])
})

test('the page’s 取消报名 withdraws after confirming; Enter on a focused card opens it', async () => {
  const phone = await phoneOf(account('member').bindCode)
  await phone.goto(`${lab.server.url}/pages/index/index`)
  await settled(phone, '.home')
  const card = phone.locator(`[data-testid=activity-card][data-activity-id="${talk.id}"]`)
  await card.waitFor()
  await card.focus()
  await phone.keyboard.press('Enter')
  await phone.waitForURL(/\/pages\/activity\/index\?id=/)
  await settled(phone, '.activity-page')
  await phone.getByTestId('my-state').waitFor()
  // Signed up again (the card's withdrawal freed the place), then withdrawn from the page.
  await phone.getByTestId('detail-sign-up').click()
  await phone.locator('[data-testid=my-state][data-state=signedUp]').waitFor()
  await phone.getByTestId('detail-withdraw').click()
  await answerModal(phone, true)
  await phone.locator('[data-testid=my-state][data-state=notSignedUp]').waitFor()
  await phone.getByTestId('detail-sign-up').waitFor()
})

test('h5 home: 扫码签到 explains how to scan with the camera or WeChat', async () => {
  const phone = await phoneOf(account('member').bindCode)
  await phone.goto(`${lab.server.url}/pages/index/index`)
  await settled(phone, '.home')
  await phone.getByTestId('scan-entry').click()
  await expect(answerModal(phone, true)).resolves.toContain('扫一扫')
  expect(phone.url()).toMatch(/\/pages\/index\/index/)
})

test('the organizer opens the same page: who is coming, searchable, and 编辑 / 展示签到码 / 签到情况', async () => {
  const member = account('member')
  const org = await phoneOf(account('organizer').bindCode)
  await org.goto(`${lab.server.url}/pages/activity/index?id=${talk.id}`)
  await settled(org, '.activity-page')
  const part = org.getByTestId('organizer-part')
  await part.waitFor()
  await org.getByTestId('organizer-edit').waitFor()
  await org.getByTestId('organizer-qr').waitFor()
  await org.getByTestId('organizer-attendance').waitFor()
  const counts = org.getByTestId('coming-counts')
  await counts.waitFor()
  await expect(counts.textContent()).resolves.toMatch(/^报名 \d+ 人 · 应参加 \d+ 人 · 已签到 0 人$/)
  // A whole unit: the first names, the rest behind 查看全部, and a search box.
  const people = org.getByTestId('coming-person')
  await expect(people.count()).resolves.toBe(30)
  await org.getByTestId('coming-all').waitFor()
  const search = org.locator('.activity-page__search input')
  await search.fill(member.name)
  await expect(people.filter({ hasText: member.name }).count()).resolves.toBeGreaterThanOrEqual(1)
  expect(await people.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(member.name)]))
  await expect(people.count()).resolves.toBeLessThan(30)
  await search.fill('查无此人')
  await org.getByTestId('filter-empty').waitFor()
  await org.getByTestId('clear-filter').click()
  await expect(people.count()).resolves.toBe(30)
  const small = await smallText(org, '.activity-page')
  const short = await tallEnough(org, '.activity-page .nut-button, .activity-page__more')
  await bothFonts(org, 'organizer', '[data-testid=organizer-part]')

  await org.getByTestId('organizer-qr').click()
  await org.waitForURL(/\/organizer\/qr\/index\?id=/)
  expect(small).toEqual([])
  expect(short).toEqual([])
})

test('a member of another unit is told the activity is not for them, with the way home', async () => {
  const outsider = await phoneOf(account('member', '市政府办公室').bindCode)
  await outsider.goto(`${lab.server.url}/pages/activity/index?id=${talk.id}`)
  const state = outsider.getByTestId('not-in-audience')
  await state.waitFor()
  await expect(state.textContent()).resolves.toContain('您不在本次活动的参加范围内')
  await settled(outsider, '.activity-page')
  await bothFonts(outsider, 'not-in-audience')
  await state.locator('.nut-button').click()
  await outsider.waitForURL(/\/pages\/index\/index/)
})
