/**
 * The phone's own id (src/utils/deviceId.ts) and the check-in that carries it (src/services/checkin.ts):
 * 24 characters of [A-Za-z0-9_-], made once from the platform's secure generator where there is one,
 * kept in the app's storage (WeChat's here, through the fake Taro; localStorage on h5), so every
 * check-in from this phone names the same id whoever is signed in on it.
 */
import type { MemberProfile } from '@cloud/contract/model'
import { fake } from '../../helpers/fakeTaro'
import { DEVICE_ID_LENGTH, deviceId, newDeviceId } from '../../../src/utils/deviceId'
import { checkIn } from '../../../src/services/checkin'
import { saveSession } from '../../../src/services/session'

jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))
jest.mock('../../../src/services/transport', () => jest.requireActual('../../../src/services/transport.weapp'))

const KEY = 'party-checkin.device'
const WELL_FORMED = /^[A-Za-z0-9_-]{24}$/
const LI: MemberProfile = { id: 'm1', name: '李强', unitId: 'u01', unitName: '市委办公室', branchId: null, branchName: null, partyGroupName: null, youthGroupName: null, roles: [{ role: 'member' }], isOrganizer: false }

beforeEach(() => fake.reset())

describe('deviceId', () => {
  test('is made once, 24 characters of [A-Za-z0-9_-], and kept in storage', () => {
    const id = deviceId()
    expect(id).toMatch(WELL_FORMED)
    expect(DEVICE_ID_LENGTH).toBe(24)
    expect(fake.storage.get(KEY)).toBe(id)
    expect(deviceId()).toBe(id)
    expect(fake.sent('setStorageSync')).toHaveLength(1)
  })

  test('another phone has its own; back on the first phone, its id is still there', () => {
    fake.usePhone('organizer')
    const first = deviceId()
    fake.usePhone('member')
    const second = deviceId()
    expect(second).not.toBe(first)
    fake.usePhone('organizer')
    expect(deviceId()).toBe(first)
  })

  test('a stored value that is not a well-formed id is replaced', () => {
    for (const bad of ['', 'short', 'x'.repeat(25), 'has space has space has s', 42, { id: 'x' }]) {
      fake.storage.set(KEY, bad)
      const id = deviceId()
      expect(id).toMatch(WELL_FORMED)
      expect(fake.storage.get(KEY)).toBe(id)
    }
  })

  test('uses the secure generator where there is one, and still makes an id without it', () => {
    const spy = jest.spyOn(globalThis.crypto, 'getRandomValues')
    expect(newDeviceId()).toMatch(WELL_FORMED)
    expect(spy).toHaveBeenCalledTimes(1)
    spy.mockRestore()

    const crypto = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
    try {
      expect(newDeviceId()).toMatch(WELL_FORMED)
    } finally {
      Object.defineProperty(globalThis, 'crypto', crypto)
    }
  })

  test('ids differ from one phone to the next and use the whole alphabet', () => {
    const ids = Array.from({ length: 500 }, newDeviceId)
    expect(new Set(ids).size).toBe(ids.length)
    expect(new Set(ids.join('')).size).toBe(64)
  })

  test('storage that fails still gives an id for this check-in', () => {
    const set = jest.spyOn(jest.requireMock<{ default: { setStorageSync: () => void } }>('@tarojs/taro').default, 'setStorageSync').mockImplementation(() => {
      throw new Error('storage full')
    })
    try {
      expect(deviceId()).toMatch(WELL_FORMED)
    } finally {
      set.mockRestore()
    }
  })
})

describe('checkIn', () => {
  test('every check-in from this phone carries its id, whoever is signed in', async () => {
    fake.answerCloud(() => ({ ok: true, data: {} }))
    saveSession({ session: null, expiresAt: null, member: LI })
    await checkIn({ activityId: 'a1', token: 't1', idempotencyKey: 'key-00000001' })
    saveSession({ session: null, expiresAt: null, member: { ...LI, id: 'm2', name: '王芳' } })
    await checkIn({ activityId: 'a1', token: 't1', idempotencyKey: 'key-00000002' })
    const sent = fake.sent('cloud.callFunction').map((c) => c.data as Record<string, unknown>)
    expect(sent).toEqual([
      { activityId: 'a1', token: 't1', idempotencyKey: 'key-00000001', deviceId: deviceId(), action: 'checkIn' },
      { activityId: 'a1', token: 't1', idempotencyKey: 'key-00000002', deviceId: deviceId(), action: 'checkIn' },
    ])
  })
})
