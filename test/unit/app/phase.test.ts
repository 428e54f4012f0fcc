/**
 * The phase an activity card shows (src/utils/time.ts): the check-in window the server set, and the
 * domain's clock for when an activity has ended (the sign-up button goes when the server stops taking sign-ups).
 */
import { phaseOf } from '../../../src/utils/time'

const a = {
  status: 'published' as const,
  startAt: '2026-11-20T02:00:00.000Z',
  checkInOpensAt: '2026-11-20T01:30:00.000Z',
  checkInClosesAt: '2026-11-20T02:30:00.000Z',
  endAt: '2026-11-20T04:00:00.000Z',
}
const at = (iso: string) => Date.parse(iso)

test('upcoming, checking in, ongoing, ended', () => {
  expect(phaseOf(a, at('2026-11-20T01:29:59.999Z'))).toBe('upcoming')
  expect(phaseOf(a, at('2026-11-20T01:30:00.000Z'))).toBe('checkingIn')
  expect(phaseOf(a, at('2026-11-20T02:30:00.000Z'))).toBe('checkingIn')
  expect(phaseOf(a, at('2026-11-20T02:30:00.001Z'))).toBe('ongoing')
  expect(phaseOf(a, at('2026-11-20T03:59:59.999Z'))).toBe('ongoing')
  expect(phaseOf(a, at('2026-11-20T04:00:00.000Z'))).toBe('ended')
})

test('a cancelled activity is cancelled whatever the time; a window past a short activity still reads as checking in', () => {
  expect(phaseOf({ ...a, status: 'cancelled' }, at('2026-11-20T02:00:00.000Z'))).toBe('cancelled')
  expect(phaseOf({ ...a, endAt: '2026-11-20T02:15:00.000Z' }, at('2026-11-20T02:20:00.000Z'))).toBe('checkingIn')
  expect(phaseOf({ ...a, endAt: '2026-11-20T02:15:00.000Z' }, at('2026-11-20T02:31:00.000Z'))).toBe('ended')
})
