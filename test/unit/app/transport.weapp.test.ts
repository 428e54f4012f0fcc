/**
 * The WeChat transport (src/services/transport.weapp.ts) under the app's one door to the functions
 * (services/api.ts `call`): what goes to `Taro.cloud.callFunction`, and what a page gets back for an
 * answer, a refusal, and a call WeChat could not complete. Taro is the hand-written fake.
 */
import type { MemberProfile } from '@cloud/contract/model'
import { fake, wxError } from '../../helpers/fakeTaro'
import { ApiError } from '../../../src/services/api'
import { listForMe } from '../../../src/services/activity'
import { checkIn, makeupOfferOf, myRecords } from '../../../src/services/checkin'
import { me } from '../../../src/services/member'
import { loadSession, saveSession } from '../../../src/services/session'
import { transport } from '../../../src/services/transport.weapp'

jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))
// Taro's weapp build resolves './transport' to transport.weapp.ts; so does this test.
jest.mock('../../../src/services/transport', () => jest.requireActual('../../../src/services/transport.weapp'))

const LI: MemberProfile = {
  id: 'm1',
  name: '李强',
  unitId: 'u01',
  unitName: '市委办公室',
  branchId: 'b01',
  branchName: '秘书一处党支部',
  partyGroupName: null,
  youthGroupName: null,
  roles: [{ role: 'member' }],
  isOrganizer: false,
}

/** What a page gets from a service call: its data, or the error it would show. */
async function outcome<T>(p: Promise<T>): Promise<{ data: T } | { error: unknown }> {
  try {
    return { data: await p }
  } catch (error) {
    return { error }
  }
}
async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const o = await outcome(p)
  if (!('error' in o)) throw new Error(`expected a refusal, got ${JSON.stringify(o.data)}`)
  expect(o.error).toBeInstanceOf(ApiError)
  return o.error as ApiError
}

beforeEach(() => {
  fake.reset()
  saveSession({ session: null, expiresAt: null, member: LI })
})

describe('what goes to cloud.callFunction', () => {
  test('the function by name, and as data the action beside its input: nothing else', async () => {
    fake.answerCloud(() => ({ ok: true, data: {} }))
    await checkIn({ activityId: 'NLZO9_1Xl8dm', token: '1z9x9t.sYqVTVI', idempotencyKey: 'k-12345678' })
    await listForMe()
    await me()
    expect(fake.sent('cloud.callFunction')).toEqual([
      // A check-in carries the phone's own id (src/utils/deviceId.ts).
      { name: 'checkin', data: { activityId: 'NLZO9_1Xl8dm', token: '1z9x9t.sYqVTVI', idempotencyKey: 'k-12345678', deviceId: expect.stringMatching(/^[\w-]{24}$/), action: 'checkIn' } },
      { name: 'activity', data: { view: 'forMe', action: 'list' } },
      { name: 'member', data: { action: 'me' } },
    ])
  })

  test('no session travels: in WeChat the caller is the OPENID CloudBase adds', async () => {
    fake.answerCloud(() => ({ ok: true, data: LI }))
    await transport('member', { action: 'me' }, 'a-web-session-that-must-not-leak')
    const [sent] = fake.sent('cloud.callFunction')
    expect(sent).toEqual({ name: 'member', data: { action: 'me' } })
    expect(JSON.stringify(sent)).not.toContain('a-web-session')
  })
})

describe('what comes back', () => {
  test('{ ok: true, data } resolves to the data', async () => {
    const records = { records: [{ checkInId: 'c1', title: '党建知识宣讲', points: 1 }] }
    fake.answerCloud((name, data) => (name === 'checkin' && data.action === 'mine' ? { ok: true, data: records } : { ok: false, error: { code: 'NOT_FOUND', message: '无此操作' } }))
    await expect(myRecords()).resolves.toEqual(records)
  })

  test('{ ok: false, error } becomes the ApiError the page shows: code, Chinese message, details (e.g. the make-up offer)', async () => {
    const offer = { allowed: true, reason: null, deadline: '2026-11-23T15:59:59.000Z' }
    fake.answerCloud(() => ({
      ok: false,
      error: { code: 'TOKEN_EXPIRED', message: '二维码已过期，请扫描大屏上最新的二维码', details: { makeup: offer } },
    }))
    const e = await refusal(checkIn({ activityId: 'A1', token: 'old.token', idempotencyKey: 'k-12345678' }))
    expect(e.code).toBe('TOKEN_EXPIRED')
    expect(e.message).toBe('二维码已过期，请扫描大屏上最新的二维码')
    expect(makeupOfferOf(e)).toEqual(offer)
    // A refusal about the activity leaves the person signed in.
    expect(loadSession()?.member.name).toBe('李强')
  })

  test('UNAUTHENTICATED (the OPENID is no longer bound, e.g. access was reset) forgets the stored member', async () => {
    fake.answerCloud(() => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先绑定党员身份' } }))
    const e = await refusal(me())
    expect(e.code).toBe('UNAUTHENTICATED')
    expect(loadSession()).toBeNull()
  })
})

describe('a call WeChat could not complete (callFunction rejects)', () => {
  // What wx.cloud.callFunction rejects with, as WeChat words it, by what the member can do about it.
  // errCodes: https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference/errcode.html
  const NETWORK = '网络连接失败，请检查网络后重试'
  const BUSY = '服务暂时繁忙，请稍后再试'
  const NOT_READY = '服务尚未就绪，请联系管理员'
  const failures = [
    ['no network (request:fail)', wxError('cloud.callFunction:fail request:fail errcode:-101 cronet_error_code:-101', -1), NETWORK, -1],
    ['the phone gave up waiting (timeout, no errCode)', wxError('cloud.callFunction:fail timeout'), NETWORK, undefined],
    ['a plain Error', new Error('socket hang up'), NETWORK, undefined],
    [
      'the function failed to run (-404011, service code -504002)',
      wxError('cloud.callFunction:fail requestID 66c1c6e8-21a3-4a44-8e48-5e79a4eab381, cloud function service error code -504002, error message TypeError: x is undefined', -404011),
      BUSY,
      -404011,
    ],
    ['the function failed to run (-404011 alone)', wxError('cloud.callFunction:fail -404011 cloud function execution error. 云函数执行错误', -404011), BUSY, -404011],
    ['polling for the answer timed out (-404012)', wxError('cloud.callFunction:fail -404012 polling exceed max timeout retry', -404012), BUSY, -404012],
    ['the function timed out (-504003)', wxError('cloud.callFunction:fail Invoking task timed out after 20 seconds', -504003), BUSY, -504003],
    ['the function is not deployed (service code -501000)', wxError('cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.', -404011), NOT_READY, -404011],
    ['the environment does not exist (-501000)', wxError('cloud.callFunction:fail Error: errCode: -501000 | errMsg: [100003] env not exists', -501000), NOT_READY, -501000],
    ['the environment is misconfigured (service code -501005)', wxError('cloud.callFunction:fail cloud function service error code -501005, error message Environment not found', -404011), NOT_READY, -404011],
    ['cloud development not enabled / no permission (-601034)', wxError('cloud.callFunction:fail -601034 没有权限，请先开通云开发或者云托管', -601034), NOT_READY, -601034],
  ] as const

  let warn: jest.SpyInstance
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  })
  afterEach(() => warn.mockRestore())

  test.each(failures)('%s: its own clear Chinese message, no WeChat internals, still signed in', async (_label, failure, message, errCode) => {
    fake.on('cloud.callFunction', () => {
      throw failure
    })
    const e = await refusal(checkIn({ activityId: 'A1', token: 't.1', idempotencyKey: 'k-12345678' }))
    expect(e.code).toBe('INTERNAL')
    expect(e.message).toBe(message)
    expect(e.details).toEqual(errCode === undefined ? undefined : { errCode })
    expect(e.message).not.toMatch(/callFunction|errcode|40401|50[14]0|timed out|socket|env|\d{3}/i)
    // A failed call is not a sign-out: the person is still who they were.
    expect(loadSession()?.member.name).toBe('李强')
    // WeChat's own words go to the console, for whoever diagnoses it.
    expect(String(warn.mock.calls[0]?.[0])).toContain('checkin')
  })
})

describe('an answer that is not an envelope', () => {
  let warn: jest.SpyInstance
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  })
  afterEach(() => warn.mockRestore())

  // A function that crashed before answering, an old deployment, or someone else's function of that name.
  const answers = [
    ['nothing (undefined)', undefined],
    ['null', null],
    ['a string', 'Internal Server Error'],
    ['an object without ok', { records: [] }],
    ['ok: false without an error', { ok: false }],
    ['an error without a code', { ok: false, error: { message: 'x' } }],
  ] as const

  test.each(answers)('%s: the function-failed message, not a TypeError', async (_label, answer) => {
    fake.answerCloud(() => answer)
    const e = await refusal(myRecords())
    expect(e.code).toBe('INTERNAL')
    expect(e.message).toBe('服务暂时繁忙，请稍后再试')
    expect(loadSession()?.member.name).toBe('李强')
  })

  test('{ ok: true } without data (undefined data dropped on the way) still resolves', async () => {
    fake.answerCloud(() => ({ ok: true }))
    await expect(transport('member', { action: 'signOut' }, null)).resolves.toEqual({ ok: true })
  })
})
