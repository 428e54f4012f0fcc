/**
 * Reporting periods on the Shanghai calendar (cloud/domain/period.ts): parsing a period key, the
 * months begun so far, the current quarter, ages on a period's first day (youth = at most 35), and
 * how the keys a credit counts for (periodKeys, cloud/domain/time.ts) line up with parsed periods;
 * and the steps the app's period pickers take (current period of a kind, kind of a key, shifting).
 */
import { DomainError } from '../../../cloud/domain/errors'
import { ageOn, currentPeriodKey, currentQuarter, monthDueAt, monthsDue, monthsElapsed, parsePeriod, periodKindOf, shiftPeriod } from '../../../cloud/domain/period'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import { periodKeys, shanghaiDay } from '../../../cloud/domain/time'

const at = (iso: string) => new Date(iso)
const NOW = at('2026-11-20T02:00:00.000Z')

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f()
  } catch (e) {
    return e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`
  }
  return undefined
}

describe('parsePeriod', () => {
  it('a year: 12 months from Shanghai midnight of 1 January (16:00 UTC the day before)', () => {
    expect(parsePeriod('2026', NOW)).toEqual({
      key: '2026',
      kind: 'year',
      start: '2025-12-31T16:00:00.000Z',
      end: '2026-12-31T16:00:00.000Z',
      months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'],
      firstDay: '2026-01-01',
    })
  })

  it('a quarter: three months; Q4 ends where next year begins', () => {
    expect(parsePeriod('2026-Q4', NOW)).toEqual({
      key: '2026-Q4',
      kind: 'quarter',
      start: '2026-09-30T16:00:00.000Z',
      end: '2026-12-31T16:00:00.000Z',
      months: ['2026-10', '2026-11', '2026-12'],
      firstDay: '2026-10-01',
    })
    expect(parsePeriod('2026-Q1', NOW)).toMatchObject({ start: '2025-12-31T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z', months: ['2026-01', '2026-02', '2026-03'], firstDay: '2026-01-01' })
    expect(parsePeriod('2026-Q3', NOW)).toMatchObject({ start: '2026-06-30T16:00:00.000Z', end: '2026-09-30T16:00:00.000Z', firstDay: '2026-07-01' })
  })

  it('a month: November 2026 begins at 2026-10-31T16:00Z; December ends at next year', () => {
    expect(parsePeriod('2026-11', NOW)).toEqual({
      key: '2026-11',
      kind: 'month',
      start: '2026-10-31T16:00:00.000Z',
      end: '2026-11-30T16:00:00.000Z',
      months: ['2026-11'],
      firstDay: '2026-11-01',
    })
    expect(parsePeriod('2026-12', NOW)).toMatchObject({ start: '2026-11-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' })
    // February of a leap year and of a common year.
    expect(parsePeriod('2028-02', NOW).end).toBe('2028-02-29T16:00:00.000Z')
    expect(parsePeriod('2026-02', NOW).end).toBe('2026-02-28T16:00:00.000Z')
  })

  it('no key: the current Shanghai year (New Year arrives in Shanghai 8 hours before UTC)', () => {
    expect(parsePeriod(undefined, at('2025-12-31T15:59:59.999Z')).key).toBe('2025')
    expect(parsePeriod(undefined, at('2025-12-31T16:00:00.000Z')).key).toBe('2026')
  })

  it('malformed or out-of-range keys: BAD_INPUT', () => {
    for (const bad of ['2026-13', '2026-00', '2026-Q0', '2026-Q5', '2026-1', '26', '2026-q4', ' 2026', '2026/11', '', 'x'])
      expect([bad, codeOf(() => parsePeriod(bad, NOW))]).toEqual([bad, 'BAD_INPUT'])
    expect(codeOf(() => parsePeriod('1999', NOW))).toBe('BAD_INPUT')
    expect(codeOf(() => parsePeriod('2101-Q1', NOW))).toBe('BAD_INPUT')
    expect(codeOf(() => parsePeriod('2000', NOW))).toBeUndefined()
    expect(codeOf(() => parsePeriod('2100-12', NOW))).toBeUndefined()
  })
})

describe('monthsElapsed: months that have begun in Shanghai', () => {
  const q4 = parsePeriod('2026-Q4', NOW)

  it('2026-10-31T16:00Z is already November in Shanghai; a millisecond earlier it is still October', () => {
    expect(monthsElapsed(q4, at('2026-10-31T15:59:59.999Z'))).toEqual(['2026-10'])
    expect(monthsElapsed(q4, at('2026-10-31T16:00:00.000Z'))).toEqual(['2026-10', '2026-11'])
  })

  it('a period not yet begun has no months; a finished one has all', () => {
    expect(monthsElapsed(q4, at('2026-09-30T15:59:59.999Z'))).toEqual([])
    expect(monthsElapsed(q4, at('2026-09-30T16:00:00.000Z'))).toEqual(['2026-10'])
    expect(monthsElapsed(q4, at('2027-03-01T00:00:00.000Z'))).toEqual(['2026-10', '2026-11', '2026-12'])
    expect(monthsElapsed(parsePeriod('2026', NOW), NOW)).toHaveLength(11)
  })
})

describe('monthsDue: months that can be missed (ended, or past their deadline day)', () => {
  const q4 = parsePeriod('2026-Q4', NOW)

  it('a month falls due as it ends in Shanghai; the month in progress never is', () => {
    expect(monthDueAt('2026-11')).toBe('2026-11-30T16:00:00.000Z')
    expect(monthDueAt('2026-12')).toBe('2026-12-31T16:00:00.000Z')
    expect(monthsDue(q4, at('2026-11-30T15:59:59.999Z'))).toEqual(['2026-10'])
    expect(monthsDue(q4, at('2026-11-30T16:00:00.000Z'))).toEqual(['2026-10', '2026-11'])
    expect(monthsDue(q4, at('2026-10-02T02:00:00.000Z'))).toEqual([])
    expect(monthsDue(q4, at('2027-03-01T00:00:00.000Z'))).toEqual(['2026-10', '2026-11', '2026-12'])
  })

  it('with a deadline day, at the end of that day; a day past the month’s last is its last', () => {
    // The 20th of November ends at 16:00 UTC on the 20th.
    expect(monthDueAt('2026-11', 20)).toBe('2026-11-20T16:00:00.000Z')
    expect(monthsDue(q4, at('2026-11-20T15:59:59.999Z'), 20)).toEqual(['2026-10'])
    expect(monthsDue(q4, at('2026-11-20T16:00:00.000Z'), 20)).toEqual(['2026-10', '2026-11'])
    expect(monthDueAt('2026-02', 31)).toBe(monthDueAt('2026-02'))
    expect(monthDueAt('2028-02', 29)).toBe('2028-02-29T16:00:00.000Z')
  })
})

describe('ageOn and youth (at most 35 on the period’s first day)', () => {
  it('whole years; the birthday itself counts', () => {
    expect(ageOn('1991-01-01', '2026-01-01')).toBe(35)
    expect(ageOn('1990-01-01', '2026-01-01')).toBe(36)
    expect(ageOn('1990-01-02', '2026-01-01')).toBe(35)
    // Born on New Year's Eve 1990: 35 on 2026-01-01, 36 only from 2026-12-31.
    expect(ageOn('1990-12-31', '2026-01-01')).toBe(35)
    expect(ageOn('1990-12-31', '2026-12-30')).toBe(35)
    expect(ageOn('1990-12-31', '2026-12-31')).toBe(36)
  })

  it('born on 29 February: a year older on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25)
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26)
    expect(ageOn('2000-02-29', '2028-02-29')).toBe(28)
  })

  it('someone turning 36 mid-year is youth for the year (and its first quarter), not for the third quarter', () => {
    const birth = '1990-05-20'
    const youth = (key: string) => ageOn(birth, parsePeriod(key, NOW).firstDay) <= DEFAULT_POLICY.youthAgeLimit
    expect(youth('2026')).toBe(true)
    expect(youth('2026-Q1')).toBe(true)
    expect(youth('2026-05')).toBe(true)
    expect(youth('2026-06')).toBe(false)
    expect(youth('2026-Q3')).toBe(false)
  })
})

describe('currentQuarter and periodKeys follow the Shanghai calendar', () => {
  it('quarters turn at Shanghai midnight', () => {
    expect(currentQuarter(at('2026-09-30T15:59:59.999Z'))).toBe('2026-Q3')
    expect(currentQuarter(at('2026-09-30T16:00:00.000Z'))).toBe('2026-Q4')
    expect(currentQuarter(at('2026-12-31T16:00:00.000Z'))).toBe('2027-Q1')
  })

  it('a credit at 2026-10-31T16:00Z counts for November, Q4 and 2026; one at 2026-12-31T16:00Z for 2027', () => {
    expect(periodKeys(at('2026-10-31T15:59:59.999Z'))).toEqual({ month: '2026-10', quarter: '2026-Q4', year: '2026' })
    expect(periodKeys(at('2026-10-31T16:00:00.000Z'))).toEqual({ month: '2026-11', quarter: '2026-Q4', year: '2026' })
    expect(periodKeys(at('2026-12-31T16:00:00.000Z'))).toEqual({ month: '2027-01', quarter: '2027-Q1', year: '2027' })
    expect(periodKeys(at('2026-03-31T16:00:00.000Z'))).toEqual({ month: '2026-04', quarter: '2026-Q2', year: '2026' })
  })

  it('every key periodKeys gives lies inside the parsed period (and its months)', () => {
    for (const iso of ['2026-01-01T00:00:00Z', '2026-03-31T15:59:59.999Z', '2026-03-31T16:00:00Z', '2026-06-15T10:00:00Z', '2026-12-31T15:59:59Z']) {
      const keys = periodKeys(at(iso))
      for (const k of [keys.month, keys.quarter, keys.year]) {
        const p = parsePeriod(k, NOW)
        expect([iso, k, Date.parse(p.start) <= Date.parse(iso) && Date.parse(iso) < Date.parse(p.end)]).toEqual([iso, k, true])
        expect(p.months).toContain(keys.month)
      }
    }
  })

  it('shanghaiDay: the day of 2026-10-31T16:30Z is 1 November in Shanghai', () => {
    expect(shanghaiDay(at('2026-10-31T16:30:00.000Z'))).toEqual({ start: '2026-10-31T16:00:00.000Z', end: '2026-11-01T16:00:00.000Z' })
  })
})

describe('period steps for the pickers', () => {
  const KINDS = ['year', 'quarter', 'month'] as const

  it('the current period of each kind turns at Shanghai midnight, not UTC midnight', () => {
    expect(KINDS.map((k) => currentPeriodKey(k, at('2025-12-31T15:59:59.999Z')))).toEqual(['2025', '2025-Q4', '2025-12'])
    expect(KINDS.map((k) => currentPeriodKey(k, at('2025-12-31T16:00:00.000Z')))).toEqual(['2026', '2026-Q1', '2026-01'])
    expect(currentQuarter(at('2026-09-30T16:00:00.000Z'))).toBe('2026-Q4')
  })

  it('the kind of a key', () => {
    expect(['2026', '2026-Q4', '2026-11'].map(periodKindOf)).toEqual(['year', 'quarter', 'month'])
  })

  it('stepping keeps the kind and crosses years', () => {
    expect(shiftPeriod('2026', -1)).toBe('2025')
    expect(shiftPeriod('2026-Q1', -1)).toBe('2025-Q4')
    expect(shiftPeriod('2025-Q4', 1)).toBe('2026-Q1')
    expect(shiftPeriod('2026-Q2', 6)).toBe('2027-Q4')
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12')
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01')
    expect(shiftPeriod('2026-11', -23)).toBe('2024-12')
    expect(shiftPeriod('2026-11', 0)).toBe('2026-11')
  })
})
