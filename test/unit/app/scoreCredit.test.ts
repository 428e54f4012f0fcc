/**
 * 我的积分 labels a credit as 我的记录 does (src/member/score/credit.ts against src/pages/records):
 * `+2 积分` for study and lectures, `3 小时` for volunteer service, a correction with its minus sign.
 */
import { creditText } from '../../../src/member/score/credit'

test('study and lectures in 积分, with their sign', () => {
  expect(creditText({ kind: 'study', points: 2, hours: 0 })).toBe('+2 积分')
  expect(creditText({ kind: 'lecture', points: 1, hours: 0 })).toBe('+1 积分')
  expect(creditText({ kind: 'lecture', points: -1, hours: 0 })).toBe('-1 积分')
})

test('volunteer service in hours, as 我的记录 shows it; a correction as negative hours', () => {
  expect(creditText({ kind: 'volunteer', points: 3, hours: 3 })).toBe('3 小时')
  expect(creditText({ kind: 'volunteer', points: 1, hours: 1.5 })).toBe('1.5 小时')
  expect(creditText({ kind: 'volunteer', points: -3, hours: -3 })).toBe('-3 小时')
})
