/**
 * Launching the mini-program (src/app.ts, src/hooks/useSignedIn.ts): CloudBase is initialised with the
 * build's env id, and a WeChat account bound earlier (on this phone or another) is signed in by
 * `member.me` answering for its OPENID, without typing a bind code again. Rendered into jsdom with
 * the fake Taro; the services talk through the real weapp transport.
 */
import { createElement } from 'react'
import type { MemberProfile } from '@cloud/contract/model'
import { fake, mountInDom, type Mounted } from '../../helpers/fakeTaro'
import App from '../../../src/app'
import { useSignedIn } from '../../../src/hooks/useSignedIn'
import { saveSession } from '../../../src/services/session'

jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))
jest.mock('../../../src/services/transport', () => jest.requireActual('../../../src/services/transport.weapp'))
jest.mock('../../../src/styles/nutui', () => ({}))
jest.mock('../../../src/app.scss', () => ({}))

const WANG: MemberProfile = {
  id: 'o1',
  name: '王芳',
  unitId: 'u01',
  unitName: '市委办公室',
  branchName: '秘书一处党支部',
  youthGroupName: null,
  roles: [{ role: 'member' }, { role: 'organizer', unitId: 'u01' }],
  isOrganizer: true,
}
const SESSION_KEY = 'party-checkin.session'
const CHECKIN_URL = '/pages/checkin/index?a=NLZO9_1Xl8dm&t=1z9x9t.sYqVTVI'

/** A page that needs someone signed in, showing who it is. */
function Who() {
  const s = useSignedIn()
  return createElement('div', { 'data-testid': 'who' }, s ? `${s.member.name}（${s.member.unitName}）` : '')
}

/** CloudBase: which OPENID is bound to whom (the caller's OPENID is this phone's). */
function cloudWhere(boundTo: MemberProfile | null) {
  fake.answerCloud((name, data) =>
    name === 'member' && data.action === 'me'
      ? boundTo
        ? { ok: true, data: boundTo }
        : { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先绑定党员身份' } }
      : { ok: false, error: { code: 'NOT_FOUND', message: '无此操作' } },
  )
}

const env = process.env.TARO_ENV
const g = globalThis as Record<string, unknown>
let app: Mounted | null = null
let page: Mounted | null = null
beforeEach(() => {
  fake.reset()
  process.env.TARO_ENV = 'weapp'
  g.CLOUD_ENV = 'party-checkin-3g0x2'
  fake.openPage('/pages/checkin/index', { a: 'NLZO9_1Xl8dm', t: '1z9x9t.sYqVTVI' })
})
afterEach(() => {
  page?.unmount()
  app?.unmount()
  page = app = null
  process.env.TARO_ENV = env
})

/** As WeChat does it: the App is created, onLaunch runs its hooks, then the first page opens. */
async function launch(): Promise<Mounted> {
  app = await mountInDom(createElement(App))
  fake.launch()
  page = await mountInDom(createElement(Who))
  return page
}

describe('on launch', () => {
  test('CloudBase is initialised once, with the env id of the build, tracing users', async () => {
    cloudWhere(WANG)
    await launch()
    expect(fake.sent('cloud.init')).toEqual([{ args: [{ env: 'party-checkin-3g0x2', traceUser: true }] }])
  })

  test('without CLOUD_ENV the default environment is used (env undefined, as DevTools does)', async () => {
    g.CLOUD_ENV = ''
    cloudWhere(WANG)
    await launch()
    expect(fake.sent('cloud.init')).toEqual([{ args: [{ env: undefined, traceUser: true }] }])
  })

  test('in the browser build there is no CloudBase to initialise', async () => {
    process.env.TARO_ENV = 'h5'
    saveSession({ session: 's', expiresAt: null, member: WANG })
    await launch()
    expect(fake.sent('cloud.init')).toEqual([])
  })
})

describe('who is signed in', () => {
  test('an OPENID bound earlier: member.me answers, the person is signed in without a bind code, and remembered', async () => {
    cloudWhere(WANG)
    const p = await launch()
    await p.waitFor(() => !!p.byTestId('who')?.textContent, 'the signed-in member')
    expect(p.byTestId('who')?.textContent).toBe('王芳（市委办公室）')
    expect(fake.sent('cloud.callFunction')).toEqual([{ name: 'member', data: { action: 'me' } }])
    // CloudBase was initialised before the first call (WeChat refuses calls before init).
    expect(fake.calls().map((c) => c.api).filter((a) => a.startsWith('cloud.'))).toEqual(['cloud.init', 'cloud.callFunction'])
    // Signed in, not sent to the sign-in page, and no bind asked for.
    expect(fake.sent('redirectTo')).toEqual([])
    expect(fake.storage.get(SESSION_KEY)).toEqual({ session: null, expiresAt: null, member: WANG })
  })

  test('remembered on this phone: no call at all', async () => {
    cloudWhere(null)
    saveSession({ session: null, expiresAt: null, member: WANG })
    const p = await launch()
    expect(p.byTestId('who')?.textContent).toBe('王芳（市委办公室）')
    expect(fake.sent('cloud.callFunction')).toEqual([])
  })

  test('an OPENID bound to nobody: to the sign-in page, to come back to this check-in afterwards', async () => {
    cloudWhere(null)
    const p = await launch()
    await p.waitFor(() => fake.sent('redirectTo').length > 0, 'the way to the sign-in page')
    expect(fake.sent('redirectTo')).toEqual([{ url: `/pages/login/index?redirect=${encodeURIComponent(CHECKIN_URL)}` }])
    expect(p.byTestId('who')?.textContent).toBe('')
    expect(fake.storage.get(SESSION_KEY)).toBeUndefined()
  })

  test('in the browser build nobody is recognised without signing in: straight to the sign-in page, no call', async () => {
    process.env.TARO_ENV = 'h5'
    cloudWhere(WANG)
    const p = await launch()
    await p.waitFor(() => fake.sent('redirectTo').length > 0, 'the way to the sign-in page')
    expect(fake.sent('cloud.callFunction')).toEqual([])
  })
})
