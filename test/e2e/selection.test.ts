/**
 * The 公示 list and an objection (异议) to it, in Chromium at 375×812 on the real h5 build served by
 * `npm start`: the city admin freezes this year's study-model list (then locked: 冻结 is off), a member
 * opens 公示, taps 提出异议 and objects to a person on it with a reason, the city admin sees the
 * objection with who raised it and upholds it with a comment, and the entry shows 异议成立，已取消 to
 * the member, whose own objection reads 异议成立 with the comment. Text in what these pages show is at
 * least 14 px and every control at least 44 px tall in normal mode. Screenshots (normal and large
 * font) go to test/artifacts/selection-*.png.
 */
import type { SessionResult, SnapshotResult } from '../../cloud/contract/model'
import { currentPeriod } from '../../src/utils/period'
import { fontShots, phoneBook, PhoneLab, screenshots, settled, smallText, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(300_000)

const UNIT = '市委办公室'
const lab = new PhoneLab()
const shot = screenshots('selection-')
const REASON = '该同志三月学习记录存在他人代签情况，请核实'
const COMMENT = '经核实，三月学习系他人代签，取消其人选资格'

const api = <T>(session: string | null, fn: string, event: Record<string, unknown>): Promise<T> => lab.api<T>(session, fn, event)
const account = (role: string, unit?: string) => lab.server.accounts.find((a) => a.role === role && (!unit || a.unit === unit))!

/** One signed-in 375×812 phone per account. */
const phoneOf = phoneBook(lab)

const bothFonts = fontShots(shot)

let adminSession = ''
let adminId = ''
/** The person on the list the member objects to: not the city admin, who resolves it. */
let target = { memberId: '', name: '' }

beforeAll(async () => {
  await lab.start()
  const admin = await api<SessionResult>(null, 'member', { action: 'signIn', bindCode: account('cityAdmin').bindCode })
  adminSession = admin.session
  adminId = admin.member.id
})

afterAll(() => lab.stop())

test('the city admin freezes this year’s list: on notice, and locked', async () => {
  const admin = await phoneOf(account('cityAdmin').bindCode)
  await admin.goto(`${lab.server.url}/stats/selection/index`)
  await settled(admin, '.selection')
  await admin.locator('[data-testid=top-n] input').fill('5')
  await admin.getByTestId('freeze').click()
  await admin.getByTestId('dialog-confirm').click()
  await admin.locator('[data-testid=snapshot][data-status=notice]').waitFor()
  await expect(admin.getByTestId('lock-state').textContent()).resolves.toContain('名单公示中，已锁定')
  await expect(admin.getByTestId('freeze').getAttribute('class')).resolves.toContain('nut-button-disabled')
  await expect(admin.getByTestId('objections').textContent()).resolves.toContain('暂无异议')
  await toastGone(admin)

  const list = await api<SnapshotResult>(adminSession, 'stats', { action: 'snapshot', period: currentPeriod('year') })
  const entry = list.entries.find((e) => e.memberId !== adminId)!
  target = { memberId: entry.memberId, name: entry.name }
  expect(await smallText(admin, '.snapshot, .selection__lock, [data-testid=objections]')).toEqual([])
  await bothFonts(admin, '01-admin-locked', '[data-testid=lock-state]')
})

test('a member objects to a person on the list with a reason, from 公示', async () => {
  const member = await phoneOf(account('member', UNIT).bindCode)
  await member.goto(`${lab.server.url}/member/notice/index`)
  await settled(member, '.notice')
  await member.locator('[data-testid=snapshot][data-status=notice]').waitFor()
  await expect(member.getByTestId('notice-until').textContent()).resolves.toMatch(/^公示期至 \d+月\d+日 \d\d:\d\d，公示期内可对名单提出异议$/)
  expect(await tallEnough(member, '[data-testid=object]')).toEqual([])
  expect(await smallText(member, '.snapshot, .notice__actions')).toEqual([])
  await bothFonts(member, '02-notice', '[data-testid=snapshot]')

  await member.getByTestId('object').click()
  await member.getByTestId('dialog').waitFor()
  await member.getByTestId(`about-${target.memberId}`).click()
  await member.locator('[data-testid=objection-reason] textarea').fill(REASON)
  expect(await tallEnough(member, '[data-testid=dialog] .nut-button, .notice__choice')).toEqual([])
  expect(await smallText(member, '[data-testid=dialog]')).toEqual([])
  await bothFonts(member, '03-objection-sheet')
  await member.getByTestId('dialog-confirm').click()

  const mine = member.locator('[data-testid=my-objection][data-status=pending]')
  await mine.waitFor()
  await expect(mine.textContent()).resolves.toContain(`对「${target.name}」`)
  await expect(mine.textContent()).resolves.toContain(REASON)
  await toastGone(member)
  expect(await smallText(member, '[data-testid=my-objections]')).toEqual([])
  await bothFonts(member, '04-objection-filed', '[data-testid=my-objections]')
})

test('the city admin sees who objected and upholds it with a comment; the entry shows as cancelled', async () => {
  const admin = await phoneOf(account('cityAdmin').bindCode)
  await admin.reload()
  await settled(admin, '.selection')
  const objection = admin.locator('[data-testid=objection][data-status=pending]')
  await objection.waitFor()
  await expect(objection.getByTestId('objector').textContent()).resolves.toContain(`提出人：${account('member', UNIT).name}`)
  expect(await tallEnough(admin, '[data-testid=objections] .nut-button')).toEqual([])
  await bothFonts(admin, '05-admin-objection', '[data-testid=objections]')

  await objection.getByTestId('uphold').click()
  await admin.getByTestId('dialog').waitFor()
  await expect(admin.getByTestId('dialog').textContent()).resolves.toContain(`取消「${target.name}」的人选资格`)
  await admin.locator('[data-testid=resolve-comment] textarea').fill(COMMENT)
  expect(await tallEnough(admin, '[data-testid=dialog] .nut-button')).toEqual([])
  await shot(admin, '06-admin-uphold')
  await admin.getByTestId('dialog-confirm').click()
  await admin.locator('[data-testid=objection][data-status=upheld]').waitFor()
  const cancelled = admin.locator(`[data-testid=snapshot-entry][data-member="${target.memberId}"][data-cancelled="1"]`)
  await cancelled.waitFor()
  await expect(cancelled.getByTestId('entry-cancelled').textContent()).resolves.toBe(`异议成立，已取消：${COMMENT}`)
  await toastGone(admin)
  await bothFonts(admin, '07-admin-cancelled', `[data-testid=snapshot-entry][data-member="${target.memberId}"]`)

  const member = await phoneOf(account('member', UNIT).bindCode)
  await member.reload()
  await settled(member, '.notice')
  const entry = member.locator(`[data-testid=snapshot-entry][data-member="${target.memberId}"][data-cancelled="1"]`)
  await entry.waitFor()
  await expect(entry.textContent()).resolves.toContain('异议成立，已取消')
  const mine = member.locator('[data-testid=my-objection][data-status=upheld]')
  await expect(mine.textContent()).resolves.toContain(`处理意见：${COMMENT}`)
  await expect(mine.textContent()).resolves.toContain('异议成立')
  expect(await smallText(member, '.snapshot, [data-testid=my-objections]')).toEqual([])
  await bothFonts(member, '08-member-cancelled', `[data-testid=snapshot-entry][data-member="${target.memberId}"]`)
})
