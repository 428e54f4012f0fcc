/**
 * The month chips of the coverage page (src/stats/coverage/monthState.ts): on the 2nd of March the
 * month just begun reads 进行中, not 未学习, like the engine that does not count it as missed.
 */
import { MONTH_WORDS, monthState } from '../../../src/stats/coverage/monthState'

const begun = ['2026-01', '2026-02', '2026-03']
const due = ['2026-01', '2026-02']

test('a month met reads met whether or not it is due', () => {
  expect(monthState('2026-01', ['2026-01'], due)).toBe('met')
  expect(monthState('2026-03', ['2026-03'], due)).toBe('met')
})

test('an ended month without a session is missed; the month in progress is pending', () => {
  expect(begun.map((m) => monthState(m, ['2026-01', '2026-02'], due))).toEqual(['met', 'met', 'pending'])
  expect(begun.map((m) => monthState(m, ['2026-01'], due))).toEqual(['met', 'missed', 'pending'])
  expect(MONTH_WORDS.pending).not.toContain('未学习')
})
