/**
 * 大字模式 (src/utils/fontMode.ts): the person's choice on the 我的 page wins; without one, the
 * mini-program follows WeChat's font size (`fontSizeSetting`, 17 px standard), and h5 starts normal.
 * The choice is kept in the app's mockStorage, so it survives a restart.
 */
import { chooseLargeFont, isLargeFont, storedFontChoice, wantsLargeFont, WECHAT_STANDARD_FONT } from '../../../src/utils/fontMode'

const mockStorage = new Map<string, unknown>()
let mockSystemInfo: { fontSizeSetting?: number } | Error = { fontSizeSetting: 17 }

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (key: string) => (mockStorage.has(key) ? mockStorage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void mockStorage.set(key, value),
    getSystemInfoSync: () => {
      if (mockSystemInfo instanceof Error) throw mockSystemInfo
      return mockSystemInfo
    },
  },
  useDidShow: () => undefined,
}))

const ENV = process.env.TARO_ENV

beforeEach(() => {
  mockStorage.clear()
  mockSystemInfo = { fontSizeSetting: WECHAT_STANDARD_FONT }
  process.env.TARO_ENV = 'weapp'
})

afterAll(() => {
  process.env.TARO_ENV = ENV
})

describe('wantsLargeFont', () => {
  test('without a choice, follows the phone: larger than WeChat’s standard 17 px means large', () => {
    expect(wantsLargeFont(null, 17)).toBe(false)
    expect(wantsLargeFont(null, 16)).toBe(false)
    expect(wantsLargeFont(null, 18)).toBe(true)
    expect(wantsLargeFont(null, 24)).toBe(true)
  })

  test('without a choice and without a phone setting (h5), normal', () => {
    expect(wantsLargeFont(null, undefined)).toBe(false)
  })

  test('the person’s choice wins over the phone either way', () => {
    expect(wantsLargeFont('normal', 24)).toBe(false)
    expect(wantsLargeFont('large', 17)).toBe(true)
    expect(wantsLargeFont('large', undefined)).toBe(true)
  })
})

describe('in the mini-program', () => {
  test('a phone set to a large WeChat font starts in large-font mode', () => {
    mockSystemInfo = { fontSizeSetting: 20 }
    expect(storedFontChoice()).toBeNull()
    expect(isLargeFont()).toBe(true)
  })

  test('turning it off on 我的 is kept and beats the phone’s setting', () => {
    mockSystemInfo = { fontSizeSetting: 20 }
    chooseLargeFont(false)
    expect(storedFontChoice()).toBe('normal')
    expect(isLargeFont()).toBe(false)
    chooseLargeFont(true)
    expect(isLargeFont()).toBe(true)
  })

  test('an unreadable system info or a stray stored value reads as normal, not as an error', () => {
    mockSystemInfo = new Error('getSystemInfoSync:fail')
    expect(isLargeFont()).toBe(false)
    mockStorage.set('party-checkin.fontMode', 'huge')
    expect(storedFontChoice()).toBeNull()
  })
})

describe('on h5', () => {
  test('the phone’s WeChat setting is not asked; only the choice counts', () => {
    process.env.TARO_ENV = 'h5'
    mockSystemInfo = { fontSizeSetting: 24 }
    expect(isLargeFont()).toBe(false)
    chooseLargeFont(true)
    expect(isLargeFont()).toBe(true)
  })
})
