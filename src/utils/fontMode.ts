import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'

/**
 * 大字模式 (large-font mode): every size token takes its large value (tokens.scss `$theme-large`) under
 * the `.font-large` class. The person's own choice on the 我的 page is kept in the app's storage and
 * wins; without one, the mini-program follows the phone's WeChat font size (我 › 设置 › 通用 › 字体大小).
 */

const KEY = 'party-checkin.fontMode'
/** The class app.scss applies the large theme under. */
export const LARGE_FONT_CLASS = 'font-large'
/**
 * WeChat's standard font size, in px (`fontSizeSetting` of getSystemInfoSync): anything larger means
 * the person enlarged WeChat's text, so they get large-font mode until they choose otherwise.
 */
export const WECHAT_STANDARD_FONT = 17

export type FontChoice = 'large' | 'normal'

/** Large or not: the stored choice first, then the phone's WeChat font size (h5 has none: normal). */
export function wantsLargeFont(choice: FontChoice | null, phoneFontSize: number | undefined): boolean {
  if (choice) return choice === 'large'
  return typeof phoneFontSize === 'number' && phoneFontSize > WECHAT_STANDARD_FONT
}

/** The choice made on the 我的 page, or null when the person never chose. */
export function storedFontChoice(): FontChoice | null {
  try {
    const v: unknown = Taro.getStorageSync(KEY)
    return v === 'large' || v === 'normal' ? v : null
  } catch {
    return null
  }
}

/** WeChat's font size setting in px; undefined on h5 (browsers do not report one) or when unreadable. */
function phoneFontSize(): number | undefined {
  // The call inside the weapp-only branch: on h5 the build drops it, and with it the browser sniffing
  // library Taro's h5 getSystemInfoSync brings (8 KB gzipped on the first page).
  if (process.env.TARO_ENV === 'weapp') {
    try {
      return Taro.getSystemInfoSync().fontSizeSetting
    } catch {
      return undefined
    }
  }
  return undefined
}

export const isLargeFont = (): boolean => wantsLargeFont(storedFontChoice(), phoneFontSize())

/**
 * On h5 the class goes on <body>, an ancestor of every page, so all pages follow at once. The
 * mini-program has no element above a page's root that a script can reach: each page's root takes
 * `useFontClass()` instead.
 */
export function applyFontMode(large?: boolean): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  document.body.classList.toggle(LARGE_FONT_CLASS, large ?? isLargeFont())
}

/** Keep the person's choice (it wins over the phone's setting from now on) and apply it. */
export function chooseLargeFont(large: boolean): void {
  try {
    Taro.setStorageSync(KEY, large ? 'large' : 'normal')
  } catch {
    // Storage unavailable: the mode still changes for this visit.
  }
  applyFontMode(large)
}

/**
 * The class for a page's root element (`font-large` or ''), read again each time the page is shown,
 * so a page left open behind 我的 follows a change made there.
 */
export function useFontClass(): string {
  const [large, setLarge] = useState(isLargeFont)
  useDidShow(() => setLarge(isLargeFont()))
  return large ? LARGE_FONT_CLASS : ''
}
