/**
 * The line under figures read from a view kept ready (src/utils/time.ts): the time in Shanghai, and
 * the day too when it is not today in Shanghai, whatever the day is in UTC or on the machine.
 */
import { asOfText } from '../../../src/utils/time'

const now = (iso: string) => new Date(iso)

test('computed today: the Shanghai time and how often it is rebuilt', () => {
  // 2026-11-20 10:35 in Shanghai, read at 10:38.
  expect(asOfText('2026-11-20T02:35:00.000Z', now('2026-11-20T02:38:12.000Z'))).toBe('数据更新于 10:35（每 5 分钟更新）')
})

test('computed on another day: the date and time, no promise of freshness', () => {
  expect(asOfText('2026-11-18T06:05:00.000Z', now('2026-11-20T02:38:00.000Z'))).toBe('数据更新于 11月18日 14:05')
  // Another year reads by month and day alone.
  expect(asOfText('2025-12-31T07:00:00.000Z', now('2026-01-02T02:00:00.000Z'))).toBe('数据更新于 12月31日 15:00')
})

test('midnight is Shanghai midnight, not UTC midnight', () => {
  // Same UTC day (Nov 19), but 23:58 on the 19th and 00:02 on the 20th in Shanghai: another day.
  expect(asOfText('2026-11-19T15:58:00.000Z', now('2026-11-19T16:02:00.000Z'))).toBe('数据更新于 11月19日 23:58')
  // Different UTC days (19th and 20th), but both the 20th in Shanghai (07:58 and 08:03): today.
  expect(asOfText('2026-11-19T23:58:00.000Z', now('2026-11-20T00:03:00.000Z'))).toBe('数据更新于 07:58（每 5 分钟更新）')
  // Exactly Shanghai midnight belongs to the new day.
  expect(asOfText('2026-11-19T16:00:00.000Z', now('2026-11-19T16:04:00.000Z'))).toBe('数据更新于 00:00（每 5 分钟更新）')
  expect(asOfText('2026-11-19T15:59:59.999Z', now('2026-11-19T16:00:00.000Z'))).toBe('数据更新于 11月19日 23:59')
})
