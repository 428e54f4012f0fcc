/**
 * The check-in rules (cloud/domain/checkIn.ts) and what they stand on: drafting an activity with its
 * check-in window, the audience, the geofence distance and the Shanghai calendar.
 */
import type { Activity, Member } from '../../../cloud/contract/model'
import { type ActivityFields, draftActivity, inAudience } from '../../../cloud/domain/activity'
import { assessCheckIn, pointsForCheckIn } from '../../../cloud/domain/checkIn'
import { distanceM } from '../../../cloud/domain/geo'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import type { QrVerdict } from '../../../cloud/domain/qrToken'
import { periodKeys, shanghaiDay } from '../../../cloud/domain/time'
import { MIN } from '../../helpers/api'
import { aMember, domainErrorOf } from '../../helpers/domain'

const START = '2026-11-20T02:00:00.000Z' // 10:00 in Shanghai
const startMs = Date.parse(START)

const member = (over: Partial<Member> = {}): Member => aMember({ youthGroupId: 'g01', ...over })
const organizer = member({ id: 'o1', roles: [{ role: 'organizer', unitId: 'u01' }] })

const input = (over: Partial<ActivityFields> = {}): ActivityFields => ({
  kind: 'lecture',
  title: '处长讲坛',
  startAt: START,
  endAt: new Date(startMs + 120 * MIN).toISOString(),
  audience: { type: 'units', unitIds: ['u01'] },
  ...over,
})

const activity = (over: Partial<ActivityFields> = {}, publish = true): Activity => ({
  ...draftActivity(input(over), organizer, { unitId: 'u01' }, DEFAULT_POLICY, publish),
  id: 'a1',
  createdAt: START,
  updatedAt: START,
})

/** The code of the DomainError a call throws (and that its message is Chinese). */
const codeOf = (fn: () => unknown): string => domainErrorOf(fn).code

const PLACE = { lat: 31.2304, lng: 121.4737, radiusM: 300 }
const assess = (a: Activity, opts: { qr?: QrVerdict; nowMs?: number; m?: Member; location?: { lat: number; lng: number; accuracyM: number } } = {}) =>
  assessCheckIn({ activity: a, member: opts.m ?? member(), qr: opts.qr ?? 'valid', location: opts.location, now: new Date(opts.nowMs ?? startMs) })

describe('assessCheckIn', () => {
  it('refuses draft and cancelled activities with ACTIVITY_NOT_OPEN', () => {
    expect(codeOf(() => assess(activity({}, false)))).toBe('ACTIVITY_NOT_OPEN')
    expect(codeOf(() => assess({ ...activity(), status: 'cancelled' }))).toBe('ACTIVITY_NOT_OPEN')
  })

  it('refuses a member outside the audience with NOT_IN_AUDIENCE', () => {
    expect(codeOf(() => assess(activity(), { m: member({ unitId: 'u02' }) }))).toBe('NOT_IN_AUDIENCE')
  })

  it('refuses expired and invalid tokens with TOKEN_EXPIRED', () => {
    expect(codeOf(() => assess(activity(), { qr: 'expired' }))).toBe('TOKEN_EXPIRED')
    expect(codeOf(() => assess(activity(), { qr: 'invalid' }))).toBe('TOKEN_EXPIRED')
  })

  it('opens 30 minutes before the start and closes 30 minutes after it', () => {
    const a = activity()
    expect(codeOf(() => assess(a, { nowMs: startMs - 30 * MIN - 1 }))).toBe('WINDOW_CLOSED')
    expect(assess(a, { nowMs: startMs - 30 * MIN }).method).toBe('qr')
    expect(assess(a, { nowMs: startMs + 30 * MIN }).method).toBe('qr')
    expect(codeOf(() => assess(a, { nowMs: startMs + 30 * MIN + 1 }))).toBe('WINDOW_CLOSED')
    expect(codeOf(() => assess(a, { nowMs: startMs + 24 * 60 * MIN }))).toBe('WINDOW_CLOSED')
  })

  it('succeeds by QR alone when the activity has no place', () => {
    expect(assess(activity())).toEqual({ method: 'qr', distanceM: null, accuracyM: null })
  })

  describe('with a place', () => {
    const a = activity({ place: PLACE })

    it('needs a location: LOCATION_REQUIRED', () => {
      expect(codeOf(() => assess(a))).toBe('LOCATION_REQUIRED')
    })

    it('refuses a phone outside the radius: OUT_OF_RANGE', () => {
      // 0.005° of latitude is about 556 m north.
      expect(codeOf(() => assess(a, { location: { lat: PLACE.lat + 0.005, lng: PLACE.lng, accuracyM: 20 } }))).toBe('OUT_OF_RANGE')
    })

    it('refuses a fix whose accuracy is worse than the radius: OUT_OF_RANGE', () => {
      expect(codeOf(() => assess(a, { location: { lat: PLACE.lat, lng: PLACE.lng, accuracyM: 301 } }))).toBe('OUT_OF_RANGE')
    })

    it('accepts a phone inside the radius as a geo check-in and keeps distance and accuracy', () => {
      // 0.001° of latitude is about 111 m.
      const r = assess(a, { location: { lat: PLACE.lat + 0.001, lng: PLACE.lng, accuracyM: 25 } })
      expect(r.method).toBe('geo')
      expect(r.distanceM).toBeGreaterThan(100)
      expect(r.distanceM).toBeLessThan(120)
      expect(r.accuracyM).toBe(25)
    })

    it('accepts an accuracy exactly equal to the radius', () => {
      expect(assess(a, { location: { lat: PLACE.lat, lng: PLACE.lng, accuracyM: 300 } }).method).toBe('geo')
    })
  })
})

describe('pointsForCheckIn', () => {
  it('gives lecture 1, study 2 and volunteer 0 by default', () => {
    expect(pointsForCheckIn('lecture', DEFAULT_POLICY, 0)).toEqual({ points: 1, capped: 0 })
    expect(pointsForCheckIn('study', DEFAULT_POLICY, 0)).toEqual({ points: 2, capped: 0 })
    expect(pointsForCheckIn('volunteer', DEFAULT_POLICY, 0)).toEqual({ points: 0, capped: 0 })
  })

  it('stops at the daily cap of 10, capping partly when only some room is left', () => {
    expect(pointsForCheckIn('study', DEFAULT_POLICY, 8)).toEqual({ points: 2, capped: 0 })
    expect(pointsForCheckIn('study', DEFAULT_POLICY, 9)).toEqual({ points: 1, capped: 1 })
    expect(pointsForCheckIn('study', DEFAULT_POLICY, 10)).toEqual({ points: 0, capped: 2 })
    expect(pointsForCheckIn('lecture', DEFAULT_POLICY, 12)).toEqual({ points: 0, capped: 1 })
  })
})

describe('draftActivity', () => {
  it('computes the check-in window from the start', () => {
    const d = draftActivity(input(), organizer, { unitId: 'u01' }, DEFAULT_POLICY, true)
    expect(d.checkInOpensAt).toBe('2026-11-20T01:30:00.000Z')
    expect(d.checkInClosesAt).toBe('2026-11-20T02:30:00.000Z')
    expect(d.status).toBe('published')
    expect(draftActivity(input(), organizer, { unitId: 'u01' }, DEFAULT_POLICY, false).status).toBe('draft')
  })

  it('gives volunteer work a check-out window until 120 minutes after the end, others none', () => {
    const v = draftActivity(input({ kind: 'volunteer' }), organizer, { unitId: 'u01' }, DEFAULT_POLICY, true)
    expect(v.checkOutClosesAt).toBe(new Date(startMs + 120 * MIN + 120 * MIN).toISOString())
    expect(draftActivity(input({ kind: 'lecture' }), organizer, { unitId: 'u01' }, DEFAULT_POLICY, true).checkOutClosesAt).toBeNull()
    expect(draftActivity(input({ kind: 'study' }), organizer, { unitId: 'u01' }, DEFAULT_POLICY, true).checkOutClosesAt).toBeNull()
  })

  it('refuses an end before (or at) the start with BAD_INPUT', () => {
    const before = new Date(startMs - MIN).toISOString()
    expect(codeOf(() => draftActivity(input({ endAt: before }), organizer, { unitId: 'u01' }, DEFAULT_POLICY, true))).toBe('BAD_INPUT')
    expect(codeOf(() => draftActivity(input({ endAt: START }), organizer, { unitId: 'u01' }, DEFAULT_POLICY, true))).toBe('BAD_INPUT')
  })

  it('stores times in UTC even when given with a +08:00 offset', () => {
    const d = draftActivity(input({ startAt: '2026-11-20T10:00:00+08:00', endAt: '2026-11-20T12:00:00+08:00' }), organizer, { unitId: 'u01' }, DEFAULT_POLICY, true)
    expect(d.startAt).toBe(START)
  })
})

describe('inAudience', () => {
  it('matches all, units and youth groups', () => {
    expect(inAudience({ type: 'all' }, member())).toBe(true)
    expect(inAudience({ type: 'units', unitIds: ['u01', 'u03'] }, member())).toBe(true)
    expect(inAudience({ type: 'units', unitIds: ['u02'] }, member())).toBe(false)
    expect(inAudience({ type: 'groups', groupIds: ['g01'] }, member())).toBe(true)
    expect(inAudience({ type: 'groups', groupIds: ['g02'] }, member())).toBe(false)
    expect(inAudience({ type: 'groups', groupIds: ['g01'] }, member({ youthGroupId: null }))).toBe(false)
  })

  it('matches branches and 党小组 by the member’s own; none matches a member outside any', () => {
    const inGroup = member({ branchId: 'b1', partyGroupId: 'pg1' })
    expect(inAudience({ type: 'branches', branchIds: ['b0', 'b1'] }, inGroup)).toBe(true)
    expect(inAudience({ type: 'branches', branchIds: ['b2'] }, inGroup)).toBe(false)
    expect(inAudience({ type: 'partyGroups', partyGroupIds: ['pg1'] }, inGroup)).toBe(true)
    expect(inAudience({ type: 'partyGroups', partyGroupIds: ['pg2'] }, inGroup)).toBe(false)
    expect(inAudience({ type: 'branches', branchIds: ['b1'] }, member())).toBe(false)
    expect(inAudience({ type: 'partyGroups', partyGroupIds: ['pg1'] }, member({ branchId: 'b1' }))).toBe(false)
  })
})

describe('geo.distanceM', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    const d = distanceM({ lat: 30, lng: 120 }, { lat: 31, lng: 120 })
    expect(Math.abs(d - 111_195) / 111_195).toBeLessThan(0.005)
  })

  it('is zero for the same point and symmetric', () => {
    const a = { lat: 31.2304, lng: 121.4737 }
    const b = { lat: 31.24, lng: 121.49 }
    expect(distanceM(a, a)).toBe(0)
    expect(distanceM(a, b)).toBeCloseTo(distanceM(b, a), 6)
  })
})

describe('Shanghai calendar (UTC+8)', () => {
  it('puts 2026-12-31T16:30Z on 2027-01-01 in Shanghai', () => {
    expect(shanghaiDay(new Date('2026-12-31T16:30:00Z'))).toEqual({
      start: '2026-12-31T16:00:00.000Z',
      end: '2027-01-01T16:00:00.000Z',
    })
    expect(periodKeys(new Date('2026-12-31T16:30:00Z'))).toEqual({ month: '2027-01', quarter: '2027-Q1', year: '2027' })
  })

  it('keeps one millisecond before Shanghai midnight in the old day, month, quarter and year', () => {
    const t = new Date('2026-12-31T15:59:59.999Z')
    expect(shanghaiDay(t).start).toBe('2026-12-30T16:00:00.000Z')
    expect(periodKeys(t)).toEqual({ month: '2026-12', quarter: '2026-Q4', year: '2026' })
  })

  it('starts a new day exactly at 16:00Z', () => {
    expect(shanghaiDay(new Date('2026-11-19T16:00:00.000Z')).start).toBe('2026-11-19T16:00:00.000Z')
    expect(shanghaiDay(new Date('2026-11-19T15:59:00.000Z')).start).toBe('2026-11-18T16:00:00.000Z')
  })

  it('switches month and quarter at the Shanghai month boundary', () => {
    expect(periodKeys(new Date('2026-03-31T15:59:59Z'))).toEqual({ month: '2026-03', quarter: '2026-Q1', year: '2026' })
    expect(periodKeys(new Date('2026-03-31T16:00:00Z'))).toEqual({ month: '2026-04', quarter: '2026-Q2', year: '2026' })
    expect(periodKeys(new Date('2026-09-30T16:00:00Z')).quarter).toBe('2026-Q4')
  })
})
