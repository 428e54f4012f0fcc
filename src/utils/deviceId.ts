import Taro from '@tarojs/taro'

const KEY = 'party-checkin.device'
/** 64 characters: a random byte's low six bits pick one without bias. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
export const DEVICE_ID_LENGTH = 24
const WELL_FORMED = new RegExp(`^[A-Za-z0-9_-]{${DEVICE_ID_LENGTH}}$`)

/** Random bytes from the platform's secure generator where there is one (browsers); Math.random otherwise (WeChat's JS engine has none that is synchronous). */
function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n)
  // `typeof` first: the mini-program has no `crypto` global at all.
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') return crypto.getRandomValues(bytes)
  for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256)
  return bytes
}

export const newDeviceId = (): string => Array.from(randomBytes(DEVICE_ID_LENGTH), (b) => ALPHABET[b & 63]).join('')

/**
 * This phone's own id, made once and kept in the app's storage (localStorage on h5, WeChat's storage in
 * the mini-program). It says nothing about the person: it lets the organizer see one phone checking in
 * several members. Read from storage each time, so signing in as someone else keeps the phone's id.
 */
export function deviceId(): string {
  try {
    const known: unknown = Taro.getStorageSync(KEY)
    if (typeof known === 'string' && WELL_FORMED.test(known)) return known
  } catch {
    // Storage unreadable: a new id below, kept if storage takes it.
  }
  const made = newDeviceId()
  try {
    Taro.setStorageSync(KEY, made)
  } catch {
    // Full or unavailable storage: this check-in still carries an id.
  }
  return made
}
