/**
 * The branch-life screens around the meetings, in Chromium at 375 px on the real h5 build served by
 * `npm start`: the city admin's 组织架构 (the tree with its counts and officers; a new 党小组 created,
 * renamed, given a member, merged away; 正式/预备 and a 支部委员 role set and taken back), the member's
 * 我的支部 (their own status per meeting; leave asked and withdrawn; a held meeting's record read-only),
 * and the meeting rhythm on the policy page (党课 每半年 from today, seen on the secretary's branch page).
 * Screenshots (normal and large font) go to test/artifacts/org-*, member-branch-*, policy-rhythm-*.png.
 */
import type { Page } from 'playwright-core'
import type { MemberProfile, OrgTree, SessionResult } from '../../cloud/contract/model'
import type { Policy } from '../../cloud/domain/policy'
import { fontShots, PhoneLab, screenshots, settled, tallEnough, toastGone } from '../helpers/phones'

jest.setTimeout(120_000)

const lab = new PhoneLab()

const sessions = new Map<string, SessionResult>()
async function apiSession(bindCode: string): Promise<{ session: string; member: MemberProfile }> {
  if (!sessions.has(bindCode)) sessions.set(bindCode, await lab.api<SessionResult>(null, 'member', { action: 'signIn', bindCode }))
  return sessions.get(bindCode)!
}

interface RosterRow {
  id: string
  name: string
  memberNo: string
  branchId: string | null
  partyGroupId: string | null
  partyStatus: 'full' | 'probationary'
}


/** The same screen in the normal and the large-font theme, shot by `shot`. */
const bothFonts = (page: Page, shot: (page: Page, name: string) => Promise<unknown>, name: string) => fontShots(shot)(page, name)

const account = (role: string, unit?: string) => {
  const found = lab.server.accounts.find((a) => a.role === role && (!unit || a.unit === unit))
  if (!found) throw new Error(`no demo account ${role} ${unit ?? ''}`)
  return found
}

beforeAll(() => lab.start())

afterAll(() => lab.stop())

test('the city admin keeps the organisation: 党小组 created, renamed, staffed, merged; 预备 and 支部委员 set and undone', async () => {
  const shot = screenshots('org-')
  const cityAdmin = account('cityAdmin')
  const demoMember = account('member', '市委办公室')
  const admin = await apiSession(cityAdmin.bindCode)
  const member = await apiSession(demoMember.bindCode)
  const branchId = member.member.branchId!
  const tree0 = await lab.api<OrgTree>(admin.session, 'member', { action: 'orgTree' })
  const unit = tree0.units.find((u) => u.branches.some((b) => b.id === branchId))!
  const branch = unit.branches.find((b) => b.id === branchId)!
  expect(branch.name).toBe('秘书二处党支部')
  expect(branch.partyGroups.length).toBeGreaterThanOrEqual(1)
  // Someone of the branch with no office, not a demo account: they are the one moved about.
  const roster0 = await lab.api<{ members: RosterRow[] }>(admin.session, 'member', { action: 'roster', unitId: unit.id })
  const demoNames = new Set(lab.server.accounts.map((a) => a.name))
  const officers = new Set(branch.officers.map((o) => o.memberId))
  const mover = roster0.members.find((m) => m.branchId === branchId && !officers.has(m.id) && !demoNames.has(m.name) && m.partyStatus === 'full')!
  expect(mover).toBeDefined()

  // Home → 单位管理 → 组织架构: units → branches (officers) → 党小组, with head counts; youth groups below.
  const page = await lab.phoneOf(cityAdmin.bindCode)
  await page.getByTestId('admin-entry').click()
  await page.waitForURL(/\/admin\/index\/index/)
  await page.getByTestId('admin-org').click()
  await page.waitForURL(/\/admin\/org\/index/)
  await settled(page, '.org')
  await page.getByTestId('org-unit').first().waitFor()
  expect(await page.getByTestId('org-unit').count()).toBeGreaterThanOrEqual(tree0.units.length)
  const branchCard = page.getByTestId('org-branch').filter({ hasText: branch.name })
  await expect(branchCard.textContent()).resolves.toContain(`${branch.memberCount} 人`)
  await expect(branchCard.getByTestId('org-officer').first().textContent()).resolves.toMatch(/支部书记|组织委员|支部委员/)
  expect(await branchCard.getByTestId('org-group').count()).toBe(branch.partyGroups.length)
  await expect(branchCard.getByTestId('org-group').first().textContent()).resolves.toMatch(/\d+ 人/)
  await expect(page.locator('.org').textContent()).resolves.toContain('市委办公室青年理论学习小组')
  expect(await tallEnough(page, '.nut-button, .org__chip, .org__action, .org__add, .org__officer, .segmented__item')).toEqual([])
  await branchCard.scrollIntoViewIfNeeded()
  await bothFonts(page, shot, '01-tree')

  // ＋党小组 in the branch, then 改名.
  const stamp = Date.now().toString(36).slice(-4)
  const created = `第三党小组${stamp}`
  const renamed = `第三党小组（新）${stamp}`
  await branchCard.getByTestId('new-group').click()
  await page.locator('[data-testid=org-name] input').fill(created)
  await shot(page, '02-create-group')
  await page.getByTestId('dialog-confirm').click()
  const newGroup = branchCard.getByTestId('org-group').filter({ hasText: created })
  await newGroup.waitFor()
  await expect(newGroup.textContent()).resolves.toContain('0 人')
  await newGroup.getByTestId('rename').click()
  await expect(page.locator('[data-testid=org-name] input').inputValue()).resolves.toBe(created)
  await page.locator('[data-testid=org-name] input').fill(renamed)
  await page.getByTestId('dialog-confirm').click()
  const group = branchCard.getByTestId('org-group').filter({ hasText: renamed })
  await group.waitFor()
  const groupId = (await group.getAttribute('data-id'))!

  // 人员调整: find the member by name, select, move them into the new 党小组.
  await page.getByTestId('org-tab-people').click()
  await page.getByTestId('people-unit').filter({ hasText: unit.name }).click()
  await page.locator('[data-testid=org-search] input').fill(mover.name)
  await page.getByTestId('org-find').click()
  const person = page.getByTestId('org-person').filter({ hasText: mover.memberNo })
  await person.waitFor()
  expect(await page.getByTestId('org-person').count()).toBeLessThanOrEqual(3)
  await person.click()
  await page.getByTestId('move-branch').filter({ hasText: branch.name }).click()
  await page.getByTestId('move-group').filter({ hasText: renamed }).click()
  expect(await tallEnough(page, '.nut-button, .org__chip, .org__person, .org__input')).toEqual([])
  await toastGone(page)
  await bothFonts(page, shot, '03-people')
  await page.getByTestId('org-move').click()
  await person.filter({ hasText: renamed }).waitFor()
  const rosterRow = async () =>
    (await lab.api<{ members: RosterRow[] }>(admin.session, 'member', { action: 'roster', unitId: unit.id, query: mover.memberNo })).members.find((m) => m.id === mover.id)!
  await expect(rosterRow()).resolves.toMatchObject({ branchId, partyGroupId: groupId })

  // 预备党员 and back.
  await page.getByTestId('set-probationary').click()
  await person.filter({ hasText: '预备党员' }).waitFor()
  await expect(rosterRow()).resolves.toMatchObject({ partyStatus: 'probationary' })
  await page.getByTestId('set-full').click()
  await page.waitForFunction((no) => !Array.from(document.querySelectorAll('[data-testid=org-person]')).some((e) => e.textContent?.includes(no) && e.textContent.includes('预备党员')), mover.memberNo)
  await expect(rosterRow()).resolves.toMatchObject({ partyStatus: 'full' })

  // 设为支部委员, seen in the tree and taken back there.
  await page.getByTestId('grant-branchCommittee').click()
  await page.getByText('已设为支部委员').waitFor()
  const officersOf = async () => (await lab.api<OrgTree>(admin.session, 'member', { action: 'orgTree' })).units.flatMap((u) => u.branches).find((b) => b.id === branchId)!.officers
  await expect(officersOf()).resolves.toContainEqual({ memberId: mover.id, name: mover.name, role: 'branchCommittee' })
  await page.getByTestId('org-tab-tree').click()
  const officer = branchCard.getByTestId('org-officer').filter({ hasText: `支部委员：${mover.name}` })
  await officer.click()
  await expect(page.locator('.dialog__title').textContent()).resolves.toBe(`撤销 ${mover.name} 的支部委员职务`)
  await page.getByTestId('dialog-confirm').click()
  await officer.waitFor({ state: 'detached' })
  expect((await officersOf()).some((o) => o.memberId === mover.id)).toBe(false)

  // 合并到…: the confirmation spells out where the people and meetings go and that it cannot be undone.
  const into = branch.partyGroups[0]
  await group.getByTestId('merge').click()
  await page.getByTestId('merge-target').filter({ hasText: into.name }).click()
  const subtitle = (await page.locator('.dialog__subtitle').textContent())!
  expect(subtitle).toContain(`“${renamed}”的 1 名人员`)
  expect(subtitle).toContain(`归入“${into.name}”`)
  expect(subtitle).toContain('合并不能撤销')
  expect(await tallEnough(page, '[data-testid=dialog] .nut-button, .org__chip')).toEqual([])
  await toastGone(page)
  await bothFonts(page, shot, '04-merge')
  await page.getByTestId('dialog-confirm').click()
  await group.waitFor({ state: 'detached' })
  const tree1 = await lab.api<OrgTree>(admin.session, 'member', { action: 'orgTree' })
  expect(tree1.units.flatMap((u) => u.branches).flatMap((b) => b.partyGroups.map((g) => g.id))).not.toContain(groupId)
  await expect(rosterRow()).resolves.toMatchObject({ branchId, partyGroupId: into.id })
})

test('a member sees their branch meetings with their own status, asks leave and withdraws it, reads a record', async () => {
  const shot = screenshots('member-branch-')
  const demoMember = account('member', '市委办公室')
  const page = await lab.phoneOf(demoMember.bindCode)
  await page.getByTestId('my-branch-entry').click()
  await page.waitForURL(/\/branch\/meetings\/index/)
  await settled(page, '.bl')
  await page.getByTestId('my-meeting').first().waitFor()
  await expect(page.locator('.bl__title').textContent()).resolves.toBe('秘书二处党支部')
  const statuses = await page.locator('[data-testid=my-meeting] [data-testid=mine]').allTextContents()
  expect(statuses.length).toBeGreaterThanOrEqual(5)
  expect(statuses.every((s) => ['已签到', '已请假', '缺席', '未开始'].includes(s))).toBe(true)
  expect(statuses).toContain('未开始')
  expect(await tallEnough(page, '.nut-button')).toEqual([])
  await bothFonts(page, shot, '01-list')

  // The coming 主题党日: 请假 with a reason → 待审批 → 撤回请假 → gone.
  const upcoming = page.getByTestId('my-meeting').filter({ has: page.getByTestId('ask-leave') }).first()
  await expect(upcoming.textContent()).resolves.toContain('主题党日')
  const meetingId = (await upcoming.getAttribute('data-id'))!
  const row = page.locator(`[data-testid=my-meeting][data-id="${meetingId}"]`)
  await row.scrollIntoViewIfNeeded()
  await row.getByTestId('ask-leave').click()
  await page.locator('[data-testid=leave-reason] textarea').fill('赴省里参加业务培训，无法参加')
  await shot(page, '02-ask-leave')
  await page.getByTestId('dialog-confirm').click()
  await row.getByText('待审批').waitFor()
  await expect(row.textContent()).resolves.toContain('请假事由：赴省里参加业务培训，无法参加')
  expect(await row.getByTestId('ask-leave').count()).toBe(0)
  await toastGone(page)
  await bothFonts(page, shot, '03-leave-pending')
  await row.getByTestId('withdraw-leave').click()
  await row.getByTestId('ask-leave').waitFor()
  expect(await row.getByText('待审批').count()).toBe(0)
  expect(await row.getByTestId('withdraw-leave').count()).toBe(0)

  // A held meeting's record: read-only for a member.
  const held = page.getByTestId('my-meeting').filter({ has: page.locator('[data-testid=mine]', { hasText: /已签到|缺席|已请假/ }) }).first()
  await held.scrollIntoViewIfNeeded()
  await held.getByTestId('open-record').click()
  await page.waitForURL(/\/branch\/record\/index/)
  await settled(page, '.record')
  await page.getByTestId('record-state').waitFor()
  await page.locator('.record').getByText('参会名单').waitFor()
  expect(await page.getByTestId('save').count()).toBe(0)
  expect(await page.getByTestId('submit').count()).toBe(0)
  expect(await page.getByTestId('review-box').count()).toBe(0)
  expect(await page.locator('.record input, .record textarea').count()).toBe(0)
  await bothFonts(page, shot, '04-record')
})

test('the city admin sets 党课 to 每半年 from today; the secretary’s branch page follows', async () => {
  const shot = screenshots('policy-rhythm-')
  const cityAdmin = account('cityAdmin')
  const admin = await apiSession(cityAdmin.bindCode)
  const page = await lab.phoneOf(cityAdmin.bindCode)
  await page.goto(`${lab.server.url}/pages/index/index`)
  await page.getByTestId('stats-entry').click()
  await page.waitForURL(/\/stats\/home\/index/)
  await page.getByTestId('to-policy').click()
  await page.waitForURL(/\/stats\/policy\/index/)
  await settled(page, '.policy')
  const table = page.getByTestId('policy-rhythm')
  await table.waitFor()
  await expect(table.textContent()).resolves.toMatch(/党支部.*党课.*党小组.*党小组会/)
  await expect(page.getByTestId('rhythm-branch-partyLecture-quarter').getAttribute('class')).resolves.toContain('--on')
  await page.getByTestId('rhythm-branch-partyLecture-halfYear').click()
  await expect(page.getByTestId('rhythm-branch-partyLecture-halfYear').getAttribute('class')).resolves.toContain('--on')
  await expect(page.getByTestId('policy-date').textContent()).resolves.toContain('保存后立即生效')
  expect(await tallEnough(page, '.nut-button, .policy__rhythm-choice, .policy__input')).toEqual([])
  await page.getByTestId('rhythm-branch-partyLecture-halfYear').scrollIntoViewIfNeeded()
  await bothFonts(page, shot, '01-table')

  await page.getByTestId('policy-save').click()
  await expect(page.locator('.dialog__subtitle').textContent()).resolves.toContain('会议频次：党支部党课 每半年')
  await shot(page, '02-confirm')
  await page.getByTestId('dialog-confirm').click()
  await page.getByText('已保存新版本').waitFor()
  const { versions } = await lab.api<{ versions: { effectiveFrom: string; policy: Partial<Policy> }[] }>(admin.session, 'stats', { action: 'policy' })
  const latest = versions[versions.length - 1]
  expect(latest.policy.meetingRhythm?.branch?.partyLecture).toBe('halfYear')
  expect(Date.parse(latest.effectiveFrom)).toBeLessThanOrEqual(Date.now())
  await page.getByTestId('policy-version').first().waitFor()
  await expect(page.getByTestId('policy-version').first().textContent()).resolves.toContain('会议频次：党支部党课 每半年')
  await toastGone(page)
  await page.getByTestId('policy-versions').scrollIntoViewIfNeeded()
  await bothFonts(page, shot, '03-versions')

  // The version is in force now: the secretary's 支部工作 counts 党课 by half year.
  const secretary = await lab.phoneOf(account('branchSecretary').bindCode)
  await secretary.getByTestId('branch-entry').click()
  await secretary.waitForURL(/\/branch\/index\/index/)
  await settled(secretary, '.branch')
  const lecture = secretary.locator('[data-testid=rhythm-row][data-type=partyLecture]')
  await lecture.waitFor()
  await expect(lecture.textContent()).resolves.toContain('每半年')
  await lecture.scrollIntoViewIfNeeded()
  await shot(secretary, '04-branch-page')
})
