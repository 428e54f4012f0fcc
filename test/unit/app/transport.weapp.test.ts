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
  branchName: '秘书一处党支部',
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
      { name: 'checkin', data: { activityId: 'NLZO9_1Xl8dm', token: '1z9x9t.sYqVTVI', idempotencyKey: 'k-12345678', action: 'checkIn' } },
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
  // What wx.cloud.callFunction rejects with: no network, a function that failed to run, a timeout.
  const failures = [
    ['no network', wxError('cloud.callFunction:fail request:fail errcode:-101 cronet_error_code:-101', -1)],
    ['the function failed to run (-404011)', wxError('cloud.callFunction:fail -404011 cloud function execution error. 云函数执行错误', -404011)],
    ['a timeout (-504003)', wxError('cloud.callFunction:fail Invoking task timed out after 20 seconds', -504003)],
    ['a plain Error', new Error('socket hang up')],
  ] as const

  test.each(failures)('%s: a clear Chinese message, no WeChat internals, still signed in', async (_label, failure) => {
    fake.on('cloud.callFunction', () => {
      throw failure
    })
    const e = await refusal(checkIn({ activityId: 'A1', token: 't.1', idempotencyKey: 'k-12345678' }))
    expect(e.code).toBe('INTERNAL')
    expect(e.message).toBe('网络连接失败，请检查网络后重试')
    expect(e.message).not.toMatch(/callFunction|errcode|-404011|timed out|socket/i)
    // A failed call is not a sign-out: the person is still who they were.
    expect(loadSession()?.member.name).toBe('李强')
  })
})
