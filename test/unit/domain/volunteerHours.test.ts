/**
 * Domain rules of volunteer hours (clipping, half-hour rounding), the daily split into
 * effective / pending / dropped hours, volunteer points, and the make-up (补签) period.
 */
import type { Activity } from '../../../cloud/contract/model'
import { assertMakeupOpen } from '../../../cloud/domain/makeup'
import { DEFAULT_POLICY, type Policy } from '../../../cloud/domain/policy'
import { splitDailyHours, volunteerHours, volunteerPoints } from '../../../cloud/domain/volunteerHours'
import { DAY, HOUR, MIN } from '../../helpers/api'
import { anActivity, domainErrorOf } from '../../helpers/domain'

// 09:00–12:00 in Shanghai on 2026-11-21.
const START = '2026-11-21T01:00:00.000Z'
const END = '2026-11-21T04:00:00.000Z'
const startMs = Date.parse(START)
const endMs = Date.parse(END)
const at = (ms: number) => new Date(ms).toISOString()
const span = { startAt: START, endAt: END }

const activity = (over: Partial<Activity> = {}): Activity => anActivity(START, END, over)

describe('volunteerHours', () => {
  it('counts the time between check-in and check-out inside the activity', () => {
    expect(volunteerHours(span, START, END)).toBe(3)
    expect(volunteerHours(span, at(startMs + HOUR), at(startMs + 2 * HOUR))).toBe(1)
  })

  it('clips an early check-in to the start', () => {
    // 08:50 → 11:20: counted from 09:00, 2 h 20 min → 2 h.
    expect(volunteerHours(span, at(startMs - 10 * MIN), at(startMs + 140 * MIN))).toBe(2)
    expect(volunteerHours(span, at(startMs - 5 * HOUR), at(startMs + HOUR))).toBe(1)
  })

  it('clips a late check-out to the end', () => {
    expect(volunteerHours(span, at(startMs + HOUR), at(endMs + 90 * MIN))).toBe(2)
    expect(volunteerHours(span, at(startMs - 20 * MIN), at(endMs + 2 * HOUR))).toBe(3)
  })

  it('rounds down to half hours', () => {
    expect(volunteerHours(span, START, at(startMs + 29 * MIN + 59_999))).toBe(0)
    expect(volunteerHours(span, START, at(startMs + 30 * MIN))).toBe(0.5)
    expect(volunteerHours(span, START, at(startMs + 59 * MIN))).toBe(0.5)
    expect(volunteerHours(span, START, at(startMs + 60 * MIN))).toBe(1)
    expect(volunteerHours(span, START, at(startMs + 89 * MIN))).toBe(1)
    expect(volunteerHours(span, START, at(startMs + 90 * MIN))).toBe(1.5)
    expect(volunteerHours(span, at(startMs + 7 * MIN), at(startMs + 157 * MIN))).toBe(2.5)
  })

  it('gives 0 for a check-out before the start, at the check-in, or before the check-in', () => {
    expect(volunteerHours(span, at(startMs - 40 * MIN), at(startMs - 10 * MIN))).toBe(0)
    expect(volunteerHours(span, at(startMs - 40 * MIN), START)).toBe(0)
    expect(volunteerHours(span, at(startMs + HOUR), at(startMs + HOUR))).toBe(0)
    expect(volunteerHours(span, at(startMs + 2 * HOUR), at(startMs + HOUR))).toBe(0)
  })

  it('gives 0 for a check-in after the end', () => {
    expect(volunteerHours(span, at(endMs + 10 * MIN), at(endMs + HOUR))).toBe(0)
  })

  it('accepts times with a +08:00 offset', () => {
    expect(volunteerHours(span, '2026-11-21T08:50:00+08:00', '2026-11-21T11:20:00+08:00')).toBe(2)
  })
})

describe('splitDailyHours', () => {
  const split = (hours: number, effective: number, pending: number, policy: Policy = DEFAULT_POLICY) =>
    splitDailyHours(hours, effective, pending, policy)

  it('lets up to 8 hours a day count at once', () => {
    expect(split(3, 0, 0)).toEqual({ effective: 3, pending: 0, dropped: 0 })
    expect(split(8, 0, 0)).toEqual({ effective: 8, pending: 0, dropped: 0 })
    expect(split(2, 6, 0)).toEqual({ effective: 2, pending: 0, dropped: 0 })
    expect(split(0, 0, 0)).toEqual({ effective: 0, pending: 0, dropped: 0 })
  })

  it('puts hours between 8 and 12 in the day up for approval', () => {
    expect(split(10, 0, 0)).toEqual({ effective: 8, pending: 2, dropped: 0 })
    expect(split(12, 0, 0)).toEqual({ effective: 8, pending: 4, dropped: 0 })
    expect(split(6, 6, 0)).toEqual({ effective: 2, pending: 4, dropped: 0 })
    expect(split(2.5, 7.5, 0)).toEqual({ effective: 0.5, pending: 2, dropped: 0 })
  })

  it('drops what is over 12 hours in the day', () => {
    expect(split(13, 0, 0)).toEqual({ effective: 8, pending: 4, dropped: 1 })
    expect(split(7, 6, 0)).toEqual({ effective: 2, pending: 4, dropped: 1 })
    expect(split(3, 12, 0)).toEqual({ effective: 0, pending: 0, dropped: 3 })
  })

  it('counts hours already effective that day', () => {
    expect(split(4, 8, 0)).toEqual({ effective: 0, pending: 4, dropped: 0 })
    expect(split(4, 10, 0)).toEqual({ effective: 0, pending: 2, dropped: 2 })
    // Approved claims can push the effective hours past 8: nothing more counts at once.
    expect(split(1, 9, 0)).toEqual({ effective: 0, pending: 1, dropped: 0 })
  })

  it('counts hours already pending that day', () => {
    expect(split(4, 6, 4)).toEqual({ effective: 2, pending: 0, dropped: 2 })
    expect(split(4, 8, 2)).toEqual({ effective: 0, pending: 2, dropped: 2 })
    expect(split(3, 8, 4)).toEqual({ effective: 0, pending: 0, dropped: 3 })
    expect(split(3, 2, 1)).toEqual({ effective: 3, pending: 0, dropped: 0 })
  })

  it('never credits more than 12 hours in a day, whatever the mix', () => {
    for (const hours of [0.5, 1, 3, 6, 8, 12, 20]) {
      for (const effective of [0, 2, 6, 8, 10, 12]) {
        for (const pending of [0, 1, 4]) {
          if (effective + pending > 12) continue
          const s = split(hours, effective, pending)
          expect(s.effective + s.pending + s.dropped).toBe(hours)
          expect(s.effective).toBeGreaterThanOrEqual(0)
          expect(s.pending).toBeGreaterThanOrEqual(0)
          expect(s.dropped).toBeGreaterThanOrEqual(0)
          expect(effective + pending + s.effective + s.pending).toBeLessThanOrEqual(12)
        }
      }
    }
  })

  it('follows the policy', () => {
    const policy = { ...DEFAULT_POLICY, dailyHoursEffective: 4, dailyHoursMax: 6 }
    expect(split(8, 0, 0, policy)).toEqual({ effective: 4, pending: 2, dropped: 2 })
  })
})

describe('volunteerPoints', () => {
  it('gives 1 point per full hour', () => {
    expect(volunteerPoints(0, DEFAULT_POLICY)).toBe(0)
    expect(volunteerPoints(0.5, DEFAULT_POLICY)).toBe(0)
    expect(volunteerPoints(1, DEFAULT_POLICY)).toBe(1)
    expect(volunteerPoints(2, DEFAULT_POLICY)).toBe(2)
    expect(volunteerPoints(2.5, DEFAULT_POLICY)).toBe(2)
    expect(volunteerPoints(6, DEFAULT_POLICY)).toBe(6)
  })

  it('follows the policy', () => {
    expect(volunteerPoints(3.5, { ...DEFAULT_POLICY, volunteerPointsPerHour: 2 })).toBe(6)
  })
})

describe('assertMakeupOpen', () => {
  const deadline = endMs + 7 * DAY
  const open = (a: Activity, nowMs: number) => assertMakeupOpen(a, new Date(nowMs), DEFAULT_POLICY)

  it('is open from the start until 7 days after the end', () => {
    expect(() => open(activity(), startMs)).not.toThrow()
    expect(() => open(activity(), startMs + 10 * MIN)).not.toThrow()
    expect(() => open(activity(), endMs + 2 * DAY)).not.toThrow()
  })

  it('is open exactly at the deadline', () => {
    expect(() => open(activity(), deadline)).not.toThrow()
  })

  it('refuses before the start: WINDOW_CLOSED', () => {
    expect(domainErrorOf(() => open(activity(), startMs - 1)).code).toBe('WINDOW_CLOSED')
    expect(domainErrorOf(() => open(activity(), startMs - DAY)).code).toBe('WINDOW_CLOSED')
  })

  it('refuses after the deadline: WINDOW_CLOSED, with the deadline', () => {
    const e = domainErrorOf(() => open(activity(), deadline + 1))
    expect(e.code).toBe('WINDOW_CLOSED')
    expect(e.message).toContain('7')
    expect(e.details).toEqual({ deadline: new Date(deadline).toISOString() })
    expect(domainErrorOf(() => open(activity(), endMs + 8 * DAY)).code).toBe('WINDOW_CLOSED')
  })

  it('refuses a cancelled activity: ACTIVITY_NOT_OPEN, whenever asked', () => {
    const cancelled = activity({ status: 'cancelled' })
    expect(domainErrorOf(() => open(cancelled, endMs + DAY)).code).toBe('ACTIVITY_NOT_OPEN')
    expect(domainErrorOf(() => open(cancelled, startMs - DAY)).code).toBe('ACTIVITY_NOT_OPEN')
    expect(domainErrorOf(() => open(cancelled, endMs + DAY)).message).toContain('取消')
  })

  it('refuses a draft: ACTIVITY_NOT_OPEN', () => {
    expect(domainErrorOf(() => open(activity({ status: 'draft' }), endMs + DAY)).code).toBe('ACTIVITY_NOT_OPEN')
  })

  it('follows the policy', () => {
    const policy = { ...DEFAULT_POLICY, makeupDaysAfterEnd: 3 }
    expect(() => assertMakeupOpen(activity(), new Date(endMs + 3 * DAY), policy)).not.toThrow()
    expect(domainErrorOf(() => assertMakeupOpen(activity(), new Date(endMs + 3 * DAY + 1), policy)).code).toBe('WINDOW_CLOSED')
  })
})
