/**
 * assessCheckOut: every rule a volunteer check-out must pass, in order, with the exact codes and
 * Chinese messages the API answers, and what a passing scan does.
 */
import type { Activity, CheckIn } from '../../../cloud/contract/model'
import { assessCheckOut } from '../../../cloud/domain/checkOut'
import { DomainError } from '../../../cloud/domain/errors'
import type { QrVerdict } from '../../../cloud/domain/qrToken'

const MIN = 60_000
const HOUR = 60 * MIN
const START = '2026-11-21T01:00:00.000Z' // 09:00 in Shanghai
const startMs = Date.parse(START)
const endMs = startMs + 4 * HOUR // 13:00
const closesMs = endMs + 2 * HOUR // check-out until 15:00

const volunteer = (over: Partial<Activity> = {}): Activity => ({
  id: 'a1',
  kind: 'volunteer',
  subKind: '到社区服务',
  title: '社区志愿服务',
  description: null,
  unitId: 'u01',
  organizerId: 'o1',
  startAt: START,
  endAt: new Date(endMs).toISOString(),
  checkInOpensAt: new Date(startMs - 30 * MIN).toISOString(),
  checkInClosesAt: new Date(endMs).toISOString(),
  checkOutClosesAt: new Date(closesMs).toISOString(),
  placeName: null,
  targetId: null,
  materials: [],
  place: null,
  noLocationReason: null,
  audience: { type: 'all' },
  capacity: null,
  signUpRequired: false,
  status: 'published',
  branchId: null,
  meeting: null,
  createdAt: START,
  updatedAt: START,
  ...over,
})

const checkIn = (over: Partial<CheckIn> = {}): CheckIn => ({
  id: 'c1',
  activityId: 'a1',
  memberId: 'm1',
  checkedInAt: new Date(startMs - 10 * MIN).toISOString(),
  method: 'qr',
  distanceM: null,
  accuracyM: null,
  device: null,
  ip: null,
  idempotencyKey: null,
  checkedOutAt: null,
  deviceId: null,
  lat: null,
  lng: null,
  ...over,
})

const assess = (o: { activity?: Activity; checkIn?: CheckIn | null; qr?: QrVerdict; nowMs?: number; hoursConfirmed?: boolean } = {}) =>
  assessCheckOut({
    activity: o.activity ?? volunteer(),
    checkIn: o.checkIn === undefined ? checkIn() : o.checkIn,
    qr: o.qr ?? 'valid',
    now: new Date(o.nowMs ?? endMs),
    hoursConfirmed: o.hoursConfirmed ?? false,
  })

function refusal(fn: () => unknown): [string, string] {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError)
    return [(e as DomainError).code, (e as DomainError).message]
  }
  throw new Error('expected a DomainError, but the call succeeded')
}

const NOT_VOLUNTEER: [string, string] = ['BAD_INPUT', '理论学习和讲座无需签退']
const NO_CHECK_IN: [string, string] = ['NOT_FOUND', '您尚未签到本次活动，无法签退']
const BAD_TOKEN: [string, string] = ['TOKEN_EXPIRED', '二维码已过期或无效，请扫描现场大屏上最新的二维码签退']
const CLOSED: [string, string] = ['WINDOW_CLOSED', '签退时间已过，本次服务时长将由组织者核实确认']

describe('assessCheckOut refuses', () => {
  it('study sessions and lectures: BAD_INPUT, before anything else', () => {
    expect(refusal(() => assess({ activity: volunteer({ kind: 'lecture' }) }))).toEqual(NOT_VOLUNTEER)
    expect(refusal(() => assess({ activity: volunteer({ kind: 'study' }), checkIn: null, qr: 'invalid' }))).toEqual(NOT_VOLUNTEER)
  })

  it('a member who has not checked in: NOT_FOUND, before the token', () => {
    expect(refusal(() => assess({ checkIn: null }))).toEqual(NO_CHECK_IN)
    expect(refusal(() => assess({ checkIn: null, qr: 'expired' }))).toEqual(NO_CHECK_IN)
  })

  it('an expired or foreign token: TOKEN_EXPIRED, before the window', () => {
    expect(refusal(() => assess({ qr: 'expired' }))).toEqual(BAD_TOKEN)
    expect(refusal(() => assess({ qr: 'invalid' }))).toEqual(BAD_TOKEN)
    expect(refusal(() => assess({ qr: 'invalid', nowMs: closesMs + HOUR }))).toEqual(BAD_TOKEN)
  })

  it('after check-out closes: WINDOW_CLOSED, even when the hours were confirmed', () => {
    expect(refusal(() => assess({ nowMs: closesMs + 1 }))).toEqual(CLOSED)
    expect(refusal(() => assess({ nowMs: closesMs + 1, hoursConfirmed: true }))).toEqual(CLOSED)
  })
})

describe('assessCheckOut decides', () => {
  it('a repeat check-out is answered with what was recorded, whatever the token or the clock', () => {
    const done = checkIn({ checkedOutAt: new Date(endMs).toISOString() })
    for (const qr of ['valid', 'expired', 'invalid'] as const) {
      expect(assess({ checkIn: done, qr, nowMs: closesMs + 5 * HOUR })).toEqual({ kind: 'alreadyCheckedOut', checkIn: done })
    }
  })

  it('hours an organizer already confirmed stand: the check-out records the time only', () => {
    const c = checkIn()
    expect(assess({ checkIn: c, hoursConfirmed: true })).toEqual({ kind: 'timeOnly', checkIn: c })
  })

  it('otherwise hours from check-in to now, clipped to the activity and rounded down to half hours', () => {
    const c = checkIn()
    expect(assess({ checkIn: c, nowMs: endMs })).toEqual({ kind: 'credit', checkIn: c, hours: 4 })
    expect(assess({ checkIn: c, nowMs: endMs + HOUR })).toEqual({ kind: 'credit', checkIn: c, hours: 4 })
    expect(assess({ checkIn: c, nowMs: startMs + 2 * HOUR + 29 * MIN })).toEqual({ kind: 'credit', checkIn: c, hours: 2 })
    expect(assess({ checkIn: checkIn({ checkedInAt: new Date(startMs + HOUR).toISOString() }), nowMs: startMs + 2 * HOUR + 45 * MIN }))
      .toMatchObject({ kind: 'credit', hours: 1.5 })
  })

  it('exactly when check-out closes is still in time; an activity with no close time never closes', () => {
    expect(assess({ nowMs: closesMs })).toMatchObject({ kind: 'credit', hours: 4 })
    expect(assess({ activity: volunteer({ checkOutClosesAt: null }), nowMs: closesMs + 24 * HOUR })).toMatchObject({ kind: 'credit', hours: 4 })
  })

  it('checking out before the start earns nothing, but is still a check-out', () => {
    expect(assess({ nowMs: startMs - 5 * MIN })).toMatchObject({ kind: 'credit', hours: 0 })
  })
})
