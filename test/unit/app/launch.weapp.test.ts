/**
 * Launching the mini-program (src/app.ts, src/hooks/useSignedIn.ts): CloudBase is initialised with the
 * build's env id, and a WeChat account bound earlier (on this phone or another) is signed in by
 * `member.me` answering for its OPENID, without typing a bind code again. Rendered into jsdom with
 * the fake Taro; the services talk through the real weapp transport.
 */
import { createElement } from 'react'
import type { MemberProfile } from '@cloud/contract/model'
import { fake, mountInDom, wxError, type Mounted, type WxError } from '../../helpers/fakeTaro'
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
  branchId: 'b01',
  branchName: '秘书一处党支部',
  partyGroupName: null,
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

/** CloudBase unreachable or failing for a while: `member.me` rejects with `failure` until `recover()`, then answers as `cloudWhere`. */
function cloudFailing(failure: WxError, boundTo: MemberProfile | null) {
  let down = true
  fake.answerCloud((name, data) => {
    if (down) throw failure
    return name === 'member' && data.action === 'me'
      ? boundTo
        ? { ok: true, data: boundTo }
        : { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先绑定党员身份' } }
      : { ok: false, error: { code: 'NOT_FOUND', message: '无此操作' } }
  })
  return { recover: () => void (down = false) }
}
const NO_NETWORK = wxError('cloud.callFunction:fail request:fail errcode:-101 cronet_error_code:-101', -1)
const FUNCTION_FAILED = wxError('cloud.callFunction:fail cloud function service error code -504002, error message socket hang up', -404011)

/** The person at the phone: a modal waits until they tap its button (here, 重试). */
function person() {
  const waiting: ((res: unknown) => void)[] = []
  fake.on('showModal', () => new Promise((resolve) => waiting.push(resolve)))
  return {
    modals: () => fake.sent('showModal'),
    tapRetry() {
      const tap = waiting.shift()
      if (!tap) throw new Error('no modal is waiting for a tap')
      tap({ errMsg: 'showModal:ok', confirm: true, cancel: false })
    },
  }
}
const RETRY_MODAL = (content: string) => ({ title: '暂时无法确认身份', content, confirmText: '重试', showCancel: false })

const env = process.env.TARO_ENV
const g = globalThis as Record<string, unknown>
let app: Mounted | null = null
let page: Mounted | null = null
let warn: jest.SpyInstance
beforeEach(() => {
  // The transport logs WeChat's own words for diagnosis; kept out of the test output.
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
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
  warn.mockRestore()
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
    // Nothing went wrong: no error to show.
    expect(fake.sent('showModal')).toEqual([])
  })

  test('in the browser build nobody is recognised without signing in: straight to the sign-in page, no call', async () => {
    process.env.TARO_ENV = 'h5'
    cloudWhere(WANG)
    const p = await launch()
    await p.waitFor(() => fake.sent('redirectTo').length > 0, 'the way to the sign-in page')
    expect(fake.sent('cloud.callFunction')).toEqual([])
  })
})

describe('member.me fails for another reason: a bound member is not sent to bind again', () => {
  test('no network: the reason with 重试, not the sign-in page; 重试 once the network is back signs in', async () => {
    const cloud = cloudFailing(NO_NETWORK, WANG)
    const who = person()
    const p = await launch()
    await p.waitFor(() => who.modals().length > 0, 'the reason, with 重试')
    expect(who.modals()).toEqual([RETRY_MODAL('网络连接失败，请检查网络后重试')])
    expect(fake.sent('redirectTo')).toEqual([])
    expect(p.byTestId('who')?.textContent).toBe('')
    expect(fake.storage.get(SESSION_KEY)).toBeUndefined()

    cloud.recover()
    who.tapRetry()
    await p.waitFor(() => !!p.byTestId('who')?.textContent, 'the signed-in member')
    expect(p.byTestId('who')?.textContent).toBe('王芳（市委办公室）')
    expect(fake.sent('cloud.callFunction')).toEqual([
      { name: 'member', data: { action: 'me' } },
      { name: 'member', data: { action: 'me' } },
    ])
    expect(fake.sent('redirectTo')).toEqual([])
    expect(fake.storage.get(SESSION_KEY)).toEqual({ session: null, expiresAt: null, member: WANG })
  })

  test('the function failing: its own message; 重试 while it still fails asks again, never the sign-in page', async () => {
    const cloud = cloudFailing(FUNCTION_FAILED, WANG)
    const who = person()
    const p = await launch()
    await p.waitFor(() => who.modals().length > 0, 'the reason, with 重试')
    expect(who.modals()).toEqual([RETRY_MODAL('服务暂时繁忙，请稍后再试')])

    who.tapRetry()
    await p.waitFor(() => who.modals().length > 1, 'the reason again, with 重试')
    expect(fake.sent('cloud.callFunction')).toHaveLength(2)
    expect(fake.sent('redirectTo')).toEqual([])

    cloud.recover()
    who.tapRetry()
    await p.waitFor(() => !!p.byTestId('who')?.textContent, 'the signed-in member')
    expect(p.byTestId('who')?.textContent).toBe('王芳（市委办公室）')
    expect(fake.sent('redirectTo')).toEqual([])
  })

  test('重试 answered UNAUTHENTICATED (bound to nobody after all): then to the sign-in page', async () => {
    const cloud = cloudFailing(NO_NETWORK, null)
    const who = person()
    const p = await launch()
    await p.waitFor(() => who.modals().length > 0, 'the reason, with 重试')
    cloud.recover()
    who.tapRetry()
    await p.waitFor(() => fake.sent('redirectTo').length > 0, 'the way to the sign-in page')
    expect(fake.sent('redirectTo')).toEqual([{ url: `/pages/login/index?redirect=${encodeURIComponent(CHECKIN_URL)}` }])
    expect(who.modals()).toHaveLength(1)
  })
})
