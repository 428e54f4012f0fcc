/** creditFor and dailyCapOn: the one way a ledger entry and its daily points cap are put together. */
import { creditFor, dailyCapOn, reversalOf } from '../../../cloud/domain/credit'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'

const AT = new Date('2026-11-20T06:05:00.000Z') // 14:05 in Shanghai
const PHONE = { device: 'iPhone; MicroMessenger', ip: '10.1.2.3' }

describe('creditFor', () => {
  it('a member’s own scan: all nine fields, no hours, nobody approved it, nothing reversed', () => {
    expect(creditFor({ kind: 'lecture', points: 1, method: 'qr', at: AT, source: PHONE })).toEqual({
      kind: 'lecture',
      points: 1,
      hours: 0,
      method: 'qr',
      approvedBy: null,
      createdAt: '2026-11-20T06:05:00.000Z',
      device: 'iPhone; MicroMessenger',
      ip: '10.1.2.3',
      reversesId: null,
    })
  })

  it('an organizer’s decision: hours and the approver are kept', () => {
    expect(creditFor({ kind: 'volunteer', points: 3, hours: 3.5, method: 'manual', approvedBy: 'o1', at: AT, source: PHONE })).toMatchObject({
      kind: 'volunteer',
      points: 3,
      hours: 3.5,
      method: 'manual',
      approvedBy: 'o1',
      reversesId: null,
    })
  })

  it('takes only the device and IP of the request, and keeps a missing one as null', () => {
    const request = { device: null, ip: null, sid: 'secret-session' } as { device: string | null; ip: string | null }
    const credit = creditFor({ kind: 'study', points: 2, method: 'makeup', approvedBy: 'o1', at: AT, source: request })
    expect(Object.keys(credit).sort()).toEqual(['approvedBy', 'createdAt', 'device', 'hours', 'ip', 'kind', 'method', 'points', 'reversesId'])
    expect(credit).toMatchObject({ device: null, ip: null })
  })
})

describe('reversalOf', () => {
  const entry = { ...creditFor({ kind: 'volunteer', points: 3, hours: 3.5, method: 'qr', at: AT, source: { device: 'd1', ip: '10.0.0.1' } }), id: 'l1', activityId: 'a1', memberId: 'm1' }

  it('negates points and hours, made by hand by the reviewer, pointing at the entry it undoes', () => {
    expect(reversalOf(entry, 'o1', '2026-11-21T01:00:00.000Z', '重复计入', { device: 'd2', ip: null })).toEqual({
      kind: 'volunteer',
      points: -3,
      hours: -3.5,
      method: 'manual',
      approvedBy: 'o1',
      createdAt: '2026-11-21T01:00:00.000Z',
      device: 'd2',
      ip: null,
      reversesId: 'l1',
      note: '重复计入',
    })
  })

  it('writes no negative zero', () => {
    const r = reversalOf({ ...entry, points: 0, hours: 0 }, 'o1', '2026-11-21T01:00:00.000Z', '更正', { device: null, ip: null })
    expect(Object.is(r.points, 0) && Object.is(r.hours, 0)).toBe(true)
  })
})

describe('dailyCapOn', () => {
  it('the Shanghai day around the moment, with the policy’s cap', () => {
    expect(dailyCapOn(AT, DEFAULT_POLICY)).toEqual({ from: '2026-11-19T16:00:00.000Z', to: '2026-11-20T16:00:00.000Z', cap: 10 })
  })

  it('just after Shanghai midnight is the new day; just before it the old one', () => {
    expect(dailyCapOn(new Date('2026-11-20T16:00:00.000Z'), DEFAULT_POLICY).from).toBe('2026-11-20T16:00:00.000Z')
    expect(dailyCapOn(new Date('2026-11-20T15:59:59.999Z'), DEFAULT_POLICY).from).toBe('2026-11-19T16:00:00.000Z')
  })

  it('follows the city’s policy', () => {
    expect(dailyCapOn(AT, { ...DEFAULT_POLICY, dailyPointsCap: 6 }).cap).toBe(6)
  })
})
