/**
 * Scanning while signed out, in Chromium at 375×812 on the real h5 build served by `npm start`: the
 * phone's camera opens the check-in link, the sign-in page says a check-in is waiting, and signing in
 * completes it. When signing in took longer than the code lives, the check-in page asks for one more
 * scan of the screen (no 重试 that cannot succeed), and that scan checks the member in. Screenshots
 * (normal and large font) go to test/artifacts/pending-*.png.
 */
import type { Activity, MemberProfile, SessionResult } from '../../cloud/contract/model'
import { fontShots, PhoneLab, screenshots, smallText, TALL_PHONE, tallEnough } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const OTHER_UNIT = '市政府办公室'
const lab = new PhoneLab()
const shot = screenshots('pending-')
const bothFonts = fontShots(shot)
const stamp = () => Date.now().toString(36)

const account = (role: string, unit = UNIT) => lab.server.accounts.find((a) => a.role === role && a.unit === unit)!

interface QrToken {
  token: string
  rotatesAt: string
}

async function organizer(unit = UNIT): Promise<{ session: string; member: MemberProfile }> {
  return lab.api<SessionResult>(null, 'member', { action: 'signIn', bindCode: account('organizer', unit).bindCode })
}

/** A study session of the organizer's unit, started a few minutes ago (check-in open), at the unit's first saved place. */
async function runningSession(o: { session: string; member: MemberProfile }): Promise<Activity> {
  return lab.api<Activity>(o.session, 'activity', {
    action: 'create',
    kind: 'study',
    title: `理论学习：扫码后登录 ${stamp()}`,
    startAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    endAt: new Date(Date.now() + 60 * 60_000).toISOString(),
    audience: { type: 'units', unitIds: [o.member.unitId] },
    publish: true,
  })
}

const qrToken = (o: { session: string }, a: Activity) => lab.api<QrToken>(o.session, 'activity', { action: 'qrToken', id: a.id })
const linkOf = (a: Activity, t: QrToken) => `${lab.server.url}/pages/checkin/index?a=${encodeURIComponent(a.id)}&t=${encodeURIComponent(t.token)}`

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('signed out, a scan leads to sign-in, which says a check-in is waiting; signing in checks the member in', async () => {
  const o = await organizer()
  const session = await runningSession(o)
  const phone = await lab.newPhone(TALL_PHONE)
  await phone.goto(linkOf(session, await qrToken(o, session)))

  await phone.waitForURL(/\/pages\/login\/index/)
  const waiting = phone.getByTestId('pending-checkin')
  await expect(waiting.textContent()).resolves.toContain('有一项签到等待完成')
  await expect(waiting.textContent()).resolves.toContain('登录后将自动为您签到')
  await expect(smallText(phone, '.login')).resolves.toEqual([])
  await bothFonts(phone, '01-login-waiting')

  await phone.locator('.login__input input').fill(account('member').bindCode)
  await phone.getByTestId('sign-in').click()
  await phone.waitForURL(/\/pages\/checkin\/index/)
  await expect(phone.getByTestId('checkin-success').textContent()).resolves.toContain('签到成功')
  await expect(phone.getByTestId('checkin-success').textContent()).resolves.toContain(session.title)

  // Nothing waits any more: the sign-in page (opened again) no longer mentions it.
  await phone.evaluate(() => window.localStorage.clear())
  await phone.goto(`${lab.server.url}/pages/login/index`)
  await phone.locator('.login__input').waitFor()
  await expect(phone.getByTestId('pending-checkin').count()).resolves.toBe(0)
})

test('when the code ran out while signing in, the page asks for one more scan (no 重试), and that scan checks in', async () => {
  const o = await organizer(OTHER_UNIT)
  const session = await runningSession(o)
  const first = await qrToken(o, session)
  const phone = await lab.newPhone(TALL_PHONE)
  await phone.goto(linkOf(session, first))
  await phone.waitForURL(/\/pages\/login\/index/)
  await phone.getByTestId('pending-checkin').waitFor()

  // A slow sign-in: a code is accepted in its own period and the next, so wait until both have passed.
  const period = Date.parse(first.rotatesAt) - Date.now()
  const next = await (async () => {
    await phone.waitForTimeout(Math.max(0, period) + 200)
    return qrToken(o, session)
  })()
  await phone.waitForTimeout(Math.max(0, Date.parse(next.rotatesAt) - Date.now()) + 500)

  await phone.locator('.login__input input').fill(account('member', OTHER_UNIT).bindCode)
  await phone.getByTestId('sign-in').click()
  await phone.waitForURL(/\/pages\/checkin\/index/)
  const failed = phone.getByTestId('checkin-failed')
  await failed.waitFor()
  await expect(failed.getAttribute('data-code')).resolves.toBe('TOKEN_EXPIRED')
  await expect(failed.textContent()).resolves.toContain('请再扫一次签到码')
  await expect(phone.getByTestId('scan-again').textContent()).resolves.toContain('再扫一次现场大屏上的签到码')
  await expect(phone.getByTestId('checkin-retry').count()).resolves.toBe(0)
  await expect(smallText(phone, '.checkin')).resolves.toEqual([])
  await expect(tallEnough(phone, '.checkin .nut-button')).resolves.toEqual([])
  await bothFonts(phone, '02-scan-again')

  // The camera reads the screen again: the fresh link checks the member in.
  await phone.goto(linkOf(session, await qrToken(o, session)))
  await expect(phone.getByTestId('checkin-success').textContent()).resolves.toContain('签到成功')
  await bothFonts(phone, '03-checked-in')
})
