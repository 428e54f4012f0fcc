import { latestDayAt } from '../../../src/utils/time'

// Shanghai is UTC+8: 00:30 on 4 December in Shanghai is 16:30 UTC on 3 December.
test('before the time of day has come in Shanghai, the latest such day is yesterday', () => {
  expect(latestDayAt('09:00', new Date('2026-12-03T16:30:00Z'))).toBe('2026-12-03')
  expect(latestDayAt('09:00', new Date('2026-12-04T00:59:59Z'))).toBe('2026-12-03')
})

test('once the time has passed, it is today in Shanghai', () => {
  expect(latestDayAt('09:00', new Date('2026-12-04T01:00:00Z'))).toBe('2026-12-04')
  expect(latestDayAt('09:00', new Date('2026-12-04T15:59:00Z'))).toBe('2026-12-04')
})

test('across a year boundary', () => {
  expect(latestDayAt('09:00', new Date('2026-12-31T17:00:00Z'))).toBe('2026-12-31')
})
