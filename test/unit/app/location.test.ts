/**
 * Location in WeChat (src/utils/location.ts) and what the check-in page (src/pages/checkin/index.tsx)
 * does with it. An activity with a check-in place answers a check-in without a position with
 * LOCATION_REQUIRED; the page then asks WeChat for the position and checks in again with it. When the
 * person has not allowed location, the page says so and offers what the server offered (a make-up)
 * and a retry. The page is rendered into jsdom with react-dom; Taro, its components and NutUI's are
 * the fakes in test/helpers/fakeTaro.ts, and the services talk through the real weapp transport.
 */
import { createElement } from 'react'
import type { CheckInResult, MemberProfile } from '@cloud/contract/model'
import { fake, mountInDom, wxError, type Mounted } from '../../helpers/fakeTaro'
import { currentPosition } from '../../../src/utils/location'
import { saveSession } from '../../../src/services/session'
import CheckInPage from '../../../src/pages/checkin'

jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))
jest.mock('@tarojs/components', () => jest.requireActual('../../helpers/fakeTaro').taroComponents)
jest.mock('@nutui/nutui-react-taro', () => jest.requireActual('../../helpers/fakeTaro').nutuiComponents)
// Taro's weapp build resolves './transport' to transport.weapp.ts; so does this test.
jest.mock('../../../src/services/transport', () => jest.requireActual('../../../src/services/transport.weapp'))
jest.mock('../../../src/pages/checkin/index.scss', () => ({}))
jest.mock('../../../src/components/KindTag/index.scss', () => ({}))
jest.mock('../../../src/components/ReasonInput/index.scss', () => ({}))

const ACTIVITY = 'NLZO9_1Xl8dm'
const TOKEN = '1z9x9t.sYqVTVI-NAobql0ziJQifF'
const LI: MemberProfile = { id: 'm1', name: '李强', unitId: 'u01', unitName: '市委办公室', branchId: null, branchName: null, partyGroupName: null, youthGroupName: null, roles: [{ role: 'member' }], isOrganizer: false }
const MAKEUP = { allowed: true, reason: null, deadline: '2026-11-23T15:59:59.000Z' }
const NEEDS_LOCATION = { ok: false, error: { code: 'LOCATION_REQUIRED', message: '本活动需要定位签到，请允许获取位置后重试', details: { makeup: MAKEUP } } }
const RESULT: CheckInResult = {
  checkIn: { id: 'c1', activityId: ACTIVITY, memberId: 'm1', checkedInAt: '2026-11-20T02:05:00.000Z', method: 'qr', distanceM: 35, accuracyM: 24, device: 'wx_client', ip: null, idempotencyKey: null, checkedOutAt: null, deviceId: null, lat: null, lng: null },
  activity: { id: ACTIVITY, title: '党建知识宣讲（第四期）', kind: 'lecture', subKind: null, startAt: '2026-11-20T02:00:00.000Z', endAt: '2026-11-20T03:00:00.000Z', placeName: '市委党校报告厅' },
  alreadyCheckedIn: false,
  pointsEarned: 1,
  pointsCapped: 0,
  hoursStartCounting: false,
}
const HERE = { latitude: 30.274151, longitude: 120.155151, accuracy: 23.6, speed: 0, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 23.6, errMsg: 'getLocation:ok' }

/** The checkIn events the page sent, in order. */
const checkIns = () => fake.sent('cloud.callFunction').filter((c) => c.name === 'checkin').map((c) => c.data as Record<string, unknown>)
const locationDenied = (errMsg = 'getLocation:fail auth deny') =>
  fake.on('getLocation', () => {
    throw wxError(errMsg)
  })

let page: Mounted | null = null
beforeEach(() => {
  fake.reset()
  saveSession({ session: null, expiresAt: null, member: LI })
  // The server: LOCATION_REQUIRED without a position, checked in with one.
  fake.answerCloud((name, data) => (name === 'checkin' && data.action === 'checkIn' ? (data.location ? { ok: true, data: RESULT } : NEEDS_LOCATION) : { ok: false, error: { code: 'NOT_FOUND', message: '无此操作' } }))
  fake.openPage('/pages/checkin/index', { a: ACTIVITY, t: TOKEN })
})
afterEach(() => {
  page?.unmount()
  page = null
})

async function openCheckInPage(): Promise<Mounted> {
  page = await mountInDom(createElement(CheckInPage))
  return page
}
const answered = (p: Mounted) => () => !!p.byTestId('checkin-failed') || !!p.byTestId('checkin-success')

describe('currentPosition', () => {
  test('asks WeChat for a high-accuracy WGS-84 fix and gives lat, lng and a whole-metre accuracy', async () => {
    fake.on('getLocation', () => HERE)
    await expect(currentPosition()).resolves.toEqual({ lat: 30.274151, lng: 120.155151, accuracyM: 24 })
    expect(fake.sent('getLocation')).toEqual([{ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: 10_000 }])
  })

  test('a denied permission rejects with WeChat’s own error (the page turns it into its message)', async () => {
    locationDenied()
    await expect(currentPosition()).rejects.toEqual(wxError('getLocation:fail auth deny'))
  })
})

describe('the check-in page when location is denied', () => {
  test.each(['getLocation:fail auth deny', 'getLocation:fail system permission denied', 'getLocation:fail:auth denied'])(
    '%s: “签到未成功” with what to do, the make-up the server offered, and a retry',
    async (errMsg) => {
      locationDenied(errMsg)
      const p = await openCheckInPage()
      await p.waitFor(answered(p), 'the check-in answer')

      const failed = p.byTestId('checkin-failed')
      expect(failed?.dataset).toMatchObject({ code: 'LOCATION_REQUIRED', makeup: 'allowed' })
      expect(p.text()).toContain('签到未成功')
      expect(p.text()).toContain('无法获取位置：请在设置中允许定位后重试')
      expect(p.text()).not.toContain('getLocation')
      // The first refusal's word on a make-up still holds; the retry is secondary to it.
      expect(p.buttons()).toEqual(['申请补签', '重试', '返回首页'])
      expect(p.byTestId('makeup-deadline')).not.toBeNull()

      // One check-in without a position; none was sent without one again, none with a made-up one.
      expect(checkIns()).toEqual([{ activityId: ACTIVITY, token: TOKEN, idempotencyKey: expect.any(String), deviceId: expect.stringMatching(/^[\w-]{24}$/), action: 'checkIn' }])
      expect(fake.calls('getLocation')).toHaveLength(1)
    },
  )

  test('after allowing location, 重试 checks in with the position, as the same check-in (same idempotency key)', async () => {
    locationDenied()
    const p = await openCheckInPage()
    await p.waitFor(answered(p), 'the first answer')
    expect(p.byTestId('checkin-failed')).not.toBeNull()

    fake.on('getLocation', () => HERE)
    await p.tap('重试')
    await p.waitFor(() => !!p.byTestId('checkin-success'), 'the check-in to succeed')

    expect(p.text()).toContain('签到成功')
    expect(p.text()).toContain('本次获得 1 积分')
    const sent = checkIns()
    expect(sent.map((c) => c.location ?? null)).toEqual([null, null, { lat: 30.274151, lng: 120.155151, accuracyM: 24 }])
    expect(new Set(sent.map((c) => c.idempotencyKey)).size).toBe(1)
  })

  test('with a position, a refusal from the server (too far away) is shown as the server worded it', async () => {
    fake.on('getLocation', () => HERE)
    fake.answerCloud((_name, data) =>
      data.location
        ? { ok: false, error: { code: 'OUT_OF_RANGE', message: '您距签到地点约 2.3 公里，请到现场后再签到', details: { makeup: { allowed: false, reason: '活动尚未结束，结束后可申请补签', deadline: null } } } }
        : NEEDS_LOCATION,
    )
    const p = await openCheckInPage()
    await p.waitFor(answered(p), 'the check-in answer')
    expect(p.byTestId('checkin-failed')?.dataset).toMatchObject({ code: 'OUT_OF_RANGE', makeup: 'refused' })
    expect(p.text()).toContain('您距签到地点约 2.3 公里，请到现场后再签到')
    expect(p.byTestId('makeup-refused')?.textContent).toBe('活动尚未结束，结束后可申请补签')
    expect(p.buttons()).toEqual(['重试', '返回首页'])
  })
})
