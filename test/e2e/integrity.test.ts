/**
 * Check-in that a photographed code cannot fool, in Chromium at 375×812 on the real h5 build served
 * by `npm start`: the organizer publishes at one of the unit's saved places, or at the position of
 * the phone on site (saved as a new place), or without a location check for a recorded reason; a
 * draft that has no place is published from the workbench after choosing one; one phone checking in
 * two members flags both on the attendance list, and the organizer reverses one's credit (撤销积分).
 * Screenshots (normal and large font) go to test/artifacts/integrity-*.png.
 */
import type { Page } from 'playwright-core'
import type { Activity, ActivitySummary, Attendance, MemberProfile, QrTokenResult, SessionResult, UnitPlace } from '../../cloud/contract/model'
import { CIVIC_CENTRE } from '../../cloud/server/seed/places'
import { fontShots, phoneBook, PhoneLab, screenshots, settled, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const lab = new PhoneLab()
const shot = screenshots('integrity-')
const stamp = () => Date.now().toString(36)

const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)
const account = (role: string, unit = UNIT) => lab.server.accounts.find((a) => a.role === role && a.unit === unit)!

const sessions = new Map<string, SessionResult>()
async function apiSession(bindCode: string): Promise<{ session: string; member: MemberProfile }> {
  if (!sessions.has(bindCode)) sessions.set(bindCode, await api<SessionResult>(null, 'member', { action: 'signIn', bindCode }))
  return sessions.get(bindCode)!
}

/** One signed-in 375×812 phone per account. */
const phoneOf = phoneBook(lab)

const bothFonts = fontShots(shot)

/** A position `metres` north-east of the 市行政中心, inside the unit's places, as a phone reports it. */
const at = (metres: number) => ({ lat: CIVIC_CENTRE.lat + metres / 111_320, lng: CIVIC_CENTRE.lng + metres / 96_000, accuracyM: 15 })

/** The create form, opened from the workbench (so 存为草稿 goes back to it). */
async function openCreate(org: Page) {
  await org.goto(`${lab.server.url}/organizer/activities/index`)
  await settled(org, '.organizer')
  await org.getByTestId('new-activity').click()
  await org.waitForURL(/\/organizer\/create\/index/)
  await settled(org, '.create')
}

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('an organizer publishes at a saved place, at the position on site (saved for next time), or without a location check for a reason', async () => {
  const o = await apiSession(account('organizer').bindCode)
  const { places } = await api<{ places: UnitPlace[] }>(o.session, 'activity', { action: 'places' })
  expect(places.map((p) => p.name)).toEqual(['市委办公室机关大楼会议室', '市委办公室党员活动室'])
  const org = await phoneOf(account('organizer').bindCode)

  // 签到地点: the unit's first saved place is chosen; the organizer picks the other one.
  await openCreate(org)
  const field = org.getByTestId('place-field')
  await org.locator('[data-testid=place-field][data-mode=saved]').waitFor()
  const saved = field.getByTestId('saved-place')
  await expect(saved.allTextContents()).resolves.toEqual(['市委办公室机关大楼会议室', '市委办公室党员活动室'])
  await expect(saved.first().getAttribute('data-on')).resolves.toBe('1')
  await saved.nth(1).click()
  await expect(saved.nth(1).getAttribute('data-on')).resolves.toBe('1')
  await expect(org.locator('[data-testid=place-name] input').getAttribute('placeholder')).resolves.toBe('不填则为“市委办公室党员活动室”')
  const title = `讲座：常用地点测试 ${stamp()}`
  await org.locator('[data-testid=title] input').fill(title)
  expect(await tallEnough(org, '.place-field__chip, .place-field .nut-button')).toEqual([])
  await bothFonts(org, 'create-place', '[data-testid=place-field]')
  await org.getByTestId('publish').click()
  await org.waitForURL(/\/organizer\/qr\/index\?id=/)
  const atHall = await api<Activity>(o.session, 'activity', { action: 'get', id: new URL(org.url()).searchParams.get('id') })
  const hall = places[1]
  expect(atHall).toMatchObject({ title, status: 'published', place: { lat: hall.lat, lng: hall.lng, radiusM: hall.radiusM }, placeName: hall.name, noLocationReason: null })

  // 现场定位: publishing before locating is refused by the form; located, and saved as a new place.
  await openCreate(org)
  await org.locator('[data-testid=title] input').fill(`讲座：现场定位测试 ${stamp()}`)
  await org.getByTestId('place-mode-here').click()
  await org.getByTestId('publish').click()
  await org.getByText(/请先点“使用我当前的位置”/).waitFor()
  expect(org.url()).toMatch(/\/organizer\/create\/index/)
  await org.getByTestId('locate').click()
  await org.getByTestId('here-status').filter({ hasText: /已定位（精度约 20 米）/ }).waitFor()
  await org.getByTestId('radius').filter({ hasText: '100 米' }).click()
  await org.getByTestId('keep-place').click()
  const roomName = `三楼报告厅 ${stamp()}`
  await org.locator('[data-testid=keep-name] input').fill(roomName)
  await toastGone(org)
  expect(await tallEnough(org, '.place-field__chip, .place-field .nut-button')).toEqual([])
  await bothFonts(org, 'create-here', '[data-testid=place-field]')
  // Saved as a draft: back on the workbench, the draft is published with its place.
  await org.getByTestId('save-draft').click()
  await org.waitForURL(/\/organizer\/activities\/index/)
  const kept = await api<{ places: UnitPlace[] }>(o.session, 'activity', { action: 'places' })
  expect(kept.places.find((p) => p.name === roomName)).toMatchObject({ radiusM: 100, lat: expect.any(Number), lng: expect.any(Number) })
  const drafts = (await api<{ activities: ActivitySummary[] }>(o.session, 'activity', { action: 'list', view: 'organizing' })).activities
  const draft = drafts.find((a) => a.status === 'draft' && a.placeName === roomName)!
  expect(draft.place).toMatchObject({ radiusM: 100 })
  const card = org.locator(`[data-testid=activity-card][data-activity-id="${draft.id}"]`)
  // Drafts wait under 未开始 on the workbench; published, it is under 进行中 once its check-in is open.
  await org.getByTestId('tab-upcoming').click()
  await card.getByTestId('publish-draft').click()
  const read = () => api<Activity>(o.session, 'activity', { action: 'get', id: draft.id })
  let published = await read()
  for (let waited = 0; published.status !== 'published' && waited < 10_000; waited += 200) {
    await org.waitForTimeout(200)
    published = await read()
  }
  expect(published.status).toBe('published')
  if (Date.parse(published.checkInOpensAt) <= Date.now()) await org.getByTestId('tab-ongoing').click()
  await card.getByTestId('show-qr').waitFor()

  // 不校验位置: a preset reason, or 其他 with one written; the QR screen and the list say so.
  await openCreate(org)
  const reasonTitle = `理论学习：不校验位置测试 ${stamp()}`
  await org.locator('[data-testid=title] input').fill(reasonTitle)
  await org.getByTestId('place-mode-none').click()
  await expect(org.getByTestId('no-location-reason').first().getAttribute('data-on')).resolves.toBe('1')
  await org.getByTestId('no-location-reason').filter({ hasText: '其他' }).click()
  await org.locator('[data-testid=other-reason] input').fill('讲')
  await org.getByTestId('publish').click()
  await org.getByText(/不校验位置的原因（至少 2 个字）/).waitFor()
  await org.locator('[data-testid=other-reason] input').fill('分散到各支部开展')
  await toastGone(org)
  await bothFonts(org, 'create-no-location', '[data-testid=place-field]')
  await org.getByTestId('publish').click()
  await org.waitForURL(/\/organizer\/qr\/index\?id=/)
  await expect(org.getByTestId('no-location').textContent()).resolves.toBe('未校验位置：分散到各支部开展')
  const id = new URL(org.url()).searchParams.get('id')!
  await expect(api<Activity>(o.session, 'activity', { action: 'get', id })).resolves.toMatchObject({ title: reasonTitle, place: null, noLocationReason: '分散到各支部开展' })
  await org.goto(`${lab.server.url}/organizer/attendance/index?id=${id}`)
  await expect(org.getByTestId('no-location').textContent()).resolves.toBe('未校验位置：分散到各支部开展')
})

test('a draft of a unit with no saved place: publishing it asks where check-in is, then publishes with the choice', async () => {
  // 市档案馆 removes its only saved place; its organizer's draft has none either.
  const unit = '市档案馆'
  const o = await apiSession(account('organizer', unit).bindCode)
  const { places } = await api<{ places: UnitPlace[] }>(o.session, 'activity', { action: 'places' })
  for (const p of places) await api(o.session, 'activity', { action: 'removePlace', unitId: p.unitId, placeId: p.id })
  const start = Date.now() + 2 * 3600_000
  const draft = await api<Activity>(o.session, 'activity', {
    action: 'create',
    kind: 'study',
    title: `线上学习：发布时选地点 ${stamp()}`,
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 3600_000).toISOString(),
    audience: { type: 'units', unitIds: [o.member.unitId] },
  })
  expect(draft).toMatchObject({ status: 'draft', place: null, noLocationReason: null })

  const org = await phoneOf(account('organizer', unit).bindCode)
  await org.goto(`${lab.server.url}/organizer/activities/index?tab=upcoming`)
  const card = org.locator(`[data-testid=activity-card][data-activity-id="${draft.id}"]`)
  await card.getByTestId('publish-draft').click()
  // The server asks for a place: the sheet offers the choice (no saved place, so on-site location first).
  const sheet = org.getByTestId('dialog')
  await sheet.getByTestId('place-field').waitFor()
  await expect(sheet.getByTestId('place-field').getAttribute('data-mode')).resolves.toBe('here')
  await sheet.getByTestId('place-mode-none').click()
  await sheet.getByTestId('no-location-reason').filter({ hasText: '线上活动' }).click()
  expect(await tallEnough(org, '[data-testid=dialog] .nut-button, .place-field__chip')).toEqual([])
  await bothFonts(org, 'publish-sheet')
  await sheet.getByTestId('dialog-confirm').click()
  await sheet.waitFor({ state: 'detached' })
  await card.getByTestId('show-qr').waitFor()
  await expect(api<Activity>(o.session, 'activity', { action: 'get', id: draft.id })).resolves.toMatchObject({ status: 'published', place: null, noLocationReason: '线上活动' })
})

test('one phone checking in two members flags both; the organizer reverses one credit with a reason', async () => {
  const o = await apiSession(account('organizer').bindCode)
  const start = Date.now() - 5 * 60_000
  // Published with no place of its own: it takes the unit's first saved place.
  const lecture = await api<Activity>(o.session, 'activity', {
    action: 'create',
    kind: 'lecture',
    title: `讲座：代签识别测试 ${stamp()}`,
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 2 * 3600_000).toISOString(),
    audience: { type: 'units', unitIds: [o.member.unitId] },
    publish: true,
  })
  expect(lecture.place).not.toBeNull()
  const token = async () => (await api<QrTokenResult>(o.session, 'activity', { action: 'qrToken', id: lecture.id })).checkInUrl

  // A member checks in with their phone (the page sends the phone's stored id and its position)…
  const member = account('member')
  const phone = await lab.phoneOf(member.bindCode)
  await phone.goto(await token())
  await phone.getByTestId('checkin-success').waitFor()
  const stored = await phone.evaluate(() => localStorage.getItem('party-checkin.device'))
  const deviceId = (JSON.parse(stored!) as { data: string }).data
  expect(deviceId).toMatch(/^[\w-]{24}$/)

  // …and the same phone checks in a colleague who is not there; a third member checks in with their own.
  const colleague = await apiSession(account('unitAdmin').bindCode)
  const honest = await apiSession(account('branchOrganizer').bindCode)
  const tokenOf = async () => new URL(await token()).searchParams.get('t')!
  await api(colleague.session, 'checkin', { action: 'checkIn', activityId: lecture.id, token: await tokenOf(), deviceId, location: at(60) })
  await api(honest.session, 'checkin', { action: 'checkIn', activityId: lecture.id, token: await tokenOf(), deviceId: 'honest-phone-0000000001', location: at(25) })

  // The attendance list: 可疑签到 2 人, the flagged rows first with why; the third is not flagged.
  const org = await phoneOf(account('organizer').bindCode)
  await org.goto(`${lab.server.url}/organizer/attendance/index?id=${lecture.id}`)
  await settled(org, '.attendance')
  await expect(org.getByTestId('flagged-summary').textContent()).resolves.toContain('可疑签到 2 人')
  const rows = org.getByTestId('present-row')
  await expect(rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.flagged))).resolves.toEqual(['1', '1', '0'])
  const flagged = org.locator('[data-testid=present-row][data-flagged="1"]')
  for (const name of [member.name, colleague.member.name]) await expect(flagged.filter({ hasText: name }).getByTestId('relay-flags').textContent()).resolves.toContain('同一手机为多人签到')
  // 撤销签到 is on every row (attendanceTools.test.ts); the flagged ones come first, marked.
  await expect(rows.filter({ hasText: honest.member.name }).getAttribute('class')).resolves.not.toContain('att-row--flagged')
  expect(await tallEnough(org, '.att-row--flagged .nut-button')).toEqual([])
  await bothFonts(org, 'attendance-flagged')

  // 撤销积分 asks for a reason (at least 2 characters), then the row says 已撤销 and the count drops.
  const relayed = rows.filter({ hasText: colleague.member.name })
  await relayed.getByTestId('reverse-checkin').click()
  await org.locator('[data-testid=dialog-text] textarea').fill('代')
  await org.getByTestId('dialog-confirm').click()
  await org.getByText(/撤销原因至少 2 个字/).waitFor()
  await expect(org.getByTestId('dialog').isVisible()).resolves.toBe(true)
  await org.locator('[data-testid=dialog-text] textarea').fill('本人未到场，由他人手机代签')
  await toastGone(org)
  await bothFonts(org, 'reverse-dialog')
  await org.getByTestId('dialog-confirm').click()
  await org.getByTestId('dialog').waitFor({ state: 'detached' })
  await relayed.getByTestId('reversed').waitFor()
  await expect(relayed.getAttribute('data-reversed')).resolves.toBe('1')
  await expect(relayed.getByTestId('reverse-checkin').count()).resolves.toBe(0)
  await expect(org.getByTestId('flagged-summary').textContent()).resolves.toContain('可疑签到 1 人')
  await toastGone(org)
  await bothFonts(org, 'attendance-reversed')

  const after = await api<Attendance>(o.session, 'activity', { action: 'attendance', id: lecture.id })
  expect(after.flagged).toBe(1)
  expect(after.present.find((r) => r.memberId === colleague.member.id)).toMatchObject({ reversed: true, flags: ['sharedDevice'] })
  expect(after.present.find((r) => r.memberId === honest.member.id)).toMatchObject({ reversed: false, flags: [] })
})
