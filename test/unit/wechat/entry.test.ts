/** The WeChat world's entry dispatches the same tables, with the caller taken from OPENID only. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DemoAccount } from '../../../cloud/contract/model'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import { seedDemoCity } from '../../../cloud/server/seed/demoCity'
import { SqliteStore } from '../../../cloud/store/sqlite/SqliteStore'
import { functions } from '../../../cloud/functions'
import { createWeChatMain } from '../../../cloud/wechat/main'

let dir: string
let store: SqliteStore
let accounts: DemoAccount[]
let openId: string | undefined
const wx = { getWXContext: () => ({ OPENID: openId, CLIENTIP: '10.1.2.3', SOURCE: 'wx_client' }) }
const now = new Date('2026-11-20T02:00:00.000Z')
const main = (name: 'member' | 'activity' | 'checkin') =>
  createWeChatMain(name, { store, wx, policy: DEFAULT_POLICY, publicUrl: 'https://checkin.example.gov.cn', now: () => now }, functions[name])

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'party-checkin-wx-'))
  store = new SqliteStore(join(dir, 'wx.db'), { synchronous: 'NORMAL' })
  accounts = (await seedDemoCity(store, DEFAULT_POLICY, now)).accounts
})
afterAll(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

test('an unbound OPENID is not signed in; bind ties it to the member; then actions run as that member', async () => {
  const member = accounts.find((a) => a.role === 'member')!
  openId = 'o-wx-member-1'
  await expect(main('member')({ action: 'me' })).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

  const bound = await main('member')({ action: 'bind', bindCode: member.bindCode })
  expect(bound).toMatchObject({ ok: true, data: { member: { name: member.name, unitName: member.unit } } })

  await expect(main('member')({ action: 'me' })).resolves.toMatchObject({ ok: true, data: { name: member.name } })
  const list = await main('activity')({ action: 'list', view: 'forMe' })
  expect(list.ok).toBe(true)
})

test('one WeChat account cannot take over a second member, and signIn (local-only) is refused', async () => {
  const other = accounts.filter((a) => a.role === 'member')[1]
  openId = 'o-wx-member-1'
  await expect(main('member')({ action: 'bind', bindCode: other.bindCode })).resolves.toMatchObject({
    ok: false,
    error: { code: 'CONFLICT' },
  })
  await expect(main('member')({ action: 'signIn', bindCode: other.bindCode })).resolves.toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  })
})

test('a member bound to one WeChat account cannot be bound again from another', async () => {
  const member = accounts.find((a) => a.role === 'member')!
  openId = 'o-wx-intruder'
  await expect(main('member')({ action: 'bind', bindCode: member.bindCode })).resolves.toMatchObject({
    ok: false,
    error: { code: 'CONFLICT' },
  })
})

test('identity fields inside the event (userInfo, memberId) never change who the caller is', async () => {
  const member = accounts.find((a) => a.role === 'member')!
  openId = 'o-wx-member-1'
  const res = await main('member')({ action: 'me', userInfo: { openId: 'o-someone-else' }, memberId: 'm0001' })
  expect(res).toMatchObject({ ok: true, data: { name: member.name } })
  openId = undefined
  await expect(main('member')({ action: 'me', userInfo: { openId: 'o-wx-member-1' } })).resolves.toMatchObject({
    ok: false,
    error: { code: 'UNAUTHENTICATED' },
  })
})
