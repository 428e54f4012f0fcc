/**
 * Period keys the app's pickers step through, on the Shanghai calendar: the current period of each
 * kind, the kind of a key, and stepping back and forth across year boundaries.
 */
import { currentPeriodKey, currentQuarter, periodKindOf, shiftPeriod } from '../../../cloud/domain/period'

const at = (iso: string) => new Date(iso)
const KINDS = ['year', 'quarter', 'month'] as const

test('the current period of each kind turns at Shanghai midnight, not UTC midnight', () => {
  const beforeNewYear = at('2025-12-31T15:59:59.999Z')
  const newYear = at('2025-12-31T16:00:00.000Z')
  expect(KINDS.map((k) => currentPeriodKey(k, beforeNewYear))).toEqual(['2025', '2025-Q4', '2025-12'])
  expect(KINDS.map((k) => currentPeriodKey(k, newYear))).toEqual(['2026', '2026-Q1', '2026-01'])
  expect(currentQuarter(newYear)).toBe('2026-Q1')
  expect(currentQuarter(at('2026-09-30T16:00:00.000Z'))).toBe('2026-Q4')
})

test('the kind of a key', () => {
  expect(periodKindOf('2026')).toBe('year')
  expect(periodKindOf('2026-Q4')).toBe('quarter')
  expect(periodKindOf('2026-11')).toBe('month')
})

test('stepping keeps the kind and crosses years', () => {
  expect(shiftPeriod('2026', -1)).toBe('2025')
  expect(shiftPeriod('2026-Q1', -1)).toBe('2025-Q4')
  expect(shiftPeriod('2025-Q4', 1)).toBe('2026-Q1')
  expect(shiftPeriod('2026-Q2', 6)).toBe('2027-Q4')
  expect(shiftPeriod('2026-01', -1)).toBe('2025-12')
  expect(shiftPeriod('2026-12', 1)).toBe('2027-01')
  expect(shiftPeriod('2026-11', -23)).toBe('2024-12')
  expect(shiftPeriod('2026-11', 0)).toBe('2026-11')
})
