/**
 * makeupEligibility: whether a member may ask for a make-up (补签), as the check-in page shows it
 * and as `requestMakeup` enforces it (assertMayRequestMakeup throws exactly the refusal whose
 * message is the eligibility's reason); withMakeupOffer: which check-in refusals carry it.
 */
import type { Activity, MakeupEligibility } from '../../../cloud/contract/model'
import { DomainError } from '../../../cloud/domain/errors'
import {
  MAKEUP_FIXES,
  assertMayRequestMakeup,
  makeupDeadline,
  makeupEligibility,
  withMakeupOffer,
  type MakeupAsker,
} from '../../../cloud/domain/makeup'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import { DAY, MIN } from '../../helpers/api'
import { aMember, anActivity } from '../../helpers/domain'

const START = '2026-11-20T06:00:00.000Z' // 14:00 in Shanghai
const END = '2026-11-20T08:00:00.000Z' // 16:00
const startMs = Date.parse(START)
const endMs = Date.parse(END)
const DEADLINE = '2026-11-27T08:00:00.000Z'

const activity = (over: Partial<Activity> = {}): Activity => anActivity(START, END, over)
const member = aMember

const asker = (over: Partial<MakeupAsker> = {}): MakeupAsker => ({ member: member(), checkedIn: false, ...over })
const eligibility = (a: Activity, nowMs: number, who: MakeupAsker = asker(), policy = DEFAULT_POLICY) =>
  makeupEligibility(a, new Date(nowMs), policy, who)

/** The refusal requestMakeup would answer with, or 'ok'. */
function request(a: Activity, nowMs: number, who: MakeupAsker = asker()): 'ok' | [string, string, unknown] {
  try {
    assertMayRequestMakeup(a, new Date(nowMs), DEFAULT_POLICY, who)
    return 'ok'
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError)
    const d = e as DomainError
    return [d.code, d.message, d.details]
  }
}

const allowed: MakeupEligibility = { allowed: true, reason: null, deadline: DEADLINE }

describe('makeupEligibility: when', () => {
  it('not before the activity starts (check-in opening early does not open make-ups)', () => {
    const reason = '活动尚未开始，不能补签；请在活动开始后扫码签到'
    expect(eligibility(activity(), startMs - 1)).toEqual({ allowed: false, reason, deadline: DEADLINE })
    expect(eligibility(activity(), startMs - 20 * MIN)).toEqual({ allowed: false, reason, deadline: DEADLINE })
  })

  it('from the start, through the activity, until 7 days after its end (inclusive)', () => {
    for (const t of [startMs, startMs + 31 * MIN, endMs, endMs + 2 * DAY, endMs + 7 * DAY]) expect(eligibility(activity(), t)).toEqual(allowed)
  })

  it('not once 7 days after the end have passed', () => {
    expect(eligibility(activity(), endMs + 7 * DAY + 1)).toEqual({
      allowed: false,
      reason: '已超过补签期限（活动结束后 7 天内可申请）',
      deadline: DEADLINE,
    })
  })

  it('the period follows the policy', () => {
    const policy = { ...DEFAULT_POLICY, makeupDaysAfterEnd: 3 }
    expect(makeupDeadline(activity(), policy)).toBe('2026-11-23T08:00:00.000Z')
    expect(eligibility(activity(), endMs + 4 * DAY, asker(), policy)).toMatchObject({ allowed: false, deadline: '2026-11-23T08:00:00.000Z' })
    expect(eligibility(activity(), endMs + 4 * DAY, asker(), policy).reason).toContain('3 天')
  })
})

describe('makeupEligibility: which activities', () => {
  it('never for a cancelled activity, and no deadline', () => {
    for (const t of [startMs - DAY, startMs, endMs + DAY, endMs + 30 * DAY])
      expect(eligibility(activity({ status: 'cancelled' }), t)).toEqual({ allowed: false, reason: '活动已取消，无需补签', deadline: null })
  })

  it('never for a draft, and no deadline', () => {
    expect(eligibility(activity({ status: 'draft' }), endMs + DAY)).toEqual({ allowed: false, reason: '活动尚未发布', deadline: null })
  })
})

describe('makeupEligibility: who', () => {
  it('not someone outside the audience (said first, whatever the time)', () => {
    const outsider = asker({ member: member({ unitId: 'u02' }) })
    const reason = '您不在本次活动的参加范围内，不能申请补签'
    expect(eligibility(activity(), endMs + DAY, outsider)).toEqual({ allowed: false, reason, deadline: DEADLINE })
    expect(eligibility(activity(), startMs - DAY, outsider).reason).toBe(reason)
    expect(eligibility(activity({ status: 'cancelled' }), endMs, outsider).reason).toBe(reason)
  })

  it('a youth group audience lets in its members', () => {
    const groupActivity = activity({ audience: { type: 'groups', groupIds: ['g01'] } })
    expect(eligibility(groupActivity, endMs, asker({ member: member({ unitId: 'u09', youthGroupId: 'g01' }) })).allowed).toBe(true)
    expect(eligibility(groupActivity, endMs, asker()).allowed).toBe(false)
  })

  it('not someone already checked in (an approved make-up is a check-in)', () => {
    expect(eligibility(activity(), endMs, asker({ checkedIn: true }))).toEqual({ allowed: false, reason: '您已签到，无需补签', deadline: DEADLINE })
  })

  it('not someone whose request is waiting; unknown or none means allowed', () => {
    expect(eligibility(activity(), endMs, asker({ pending: true }))).toEqual({
      allowed: false,
      reason: '该活动已有待审核或已通过的补签，无需重复申请',
      deadline: DEADLINE,
    })
    expect(eligibility(activity(), endMs, asker({ pending: false }))).toEqual(allowed)
    expect(eligibility(activity(), endMs, asker({ pending: undefined }))).toEqual(allowed)
  })

  it('the period is said before "already checked in"', () => {
    expect(eligibility(activity(), endMs + 8 * DAY, asker({ checkedIn: true })).reason).toContain('已超过补签期限')
  })
})

describe('assertMayRequestMakeup: requestMakeup refuses exactly what the page is told', () => {
  const cases: [string, Activity, number, MakeupAsker, 'ok' | [string, string, unknown]][] = [
    ['allowed', activity(), endMs + DAY, asker(), 'ok'],
    ['outsider', activity(), endMs, asker({ member: member({ unitId: 'u02' }) }), ['NOT_IN_AUDIENCE', '您不在本次活动的参加范围内，不能申请补签', undefined]],
    ['cancelled', activity({ status: 'cancelled' }), endMs, asker(), ['ACTIVITY_NOT_OPEN', '活动已取消，无需补签', undefined]],
    ['draft', activity({ status: 'draft' }), endMs, asker(), ['ACTIVITY_NOT_OPEN', '活动尚未发布', undefined]],
    ['not started', activity(), startMs - 1, asker(), ['WINDOW_CLOSED', '活动尚未开始，不能补签；请在活动开始后扫码签到', undefined]],
    ['too late', activity(), endMs + 8 * DAY, asker(), ['WINDOW_CLOSED', '已超过补签期限（活动结束后 7 天内可申请）', { deadline: DEADLINE }]],
    ['checked in', activity(), endMs, asker({ checkedIn: true }), ['CONFLICT', '您已签到，无需补签', undefined]],
    ['waiting', activity(), endMs, asker({ pending: true }), ['CONFLICT', '该活动已有待审核或已通过的补签，无需重复申请', undefined]],
  ]

  it.each(cases)('%s', (_name, a, t, who, expected) => {
    expect(request(a, t, who)).toEqual(expected)
    const e = eligibility(a, t, who)
    expect(e.allowed).toBe(expected === 'ok')
    expect(e.reason).toBe(expected === 'ok' ? null : expected[1])
  })
})

describe('withMakeupOffer', () => {
  const offer: MakeupEligibility = allowed

  it('adds details.makeup to refusals a make-up can fix, keeping code, message and details', () => {
    expect([...MAKEUP_FIXES].sort()).toEqual(['LOCATION_REQUIRED', 'OUT_OF_RANGE', 'TOKEN_EXPIRED', 'WINDOW_CLOSED'])
    const closed = new DomainError('WINDOW_CLOSED', '签到已于 11月20日 14:30 截止；如确实参加，可申请补签', { closedAt: '2026-11-20T06:30:00.000Z' })
    const told = withMakeupOffer(closed, offer)
    expect(told).toBeInstanceOf(DomainError)
    expect([told.code, told.message, told.details]).toEqual([closed.code, closed.message, { closedAt: '2026-11-20T06:30:00.000Z', makeup: offer }])
    expect(withMakeupOffer(new DomainError('LOCATION_REQUIRED', '本活动需要定位签到，请允许获取位置后重试'), offer).details).toEqual({ makeup: offer })
  })

  it('leaves other refusals as they are', () => {
    for (const code of ['NOT_IN_AUDIENCE', 'ACTIVITY_NOT_OPEN', 'NOT_SIGNED_UP', 'CONFLICT'] as const) {
      const e = new DomainError(code, '不行')
      expect(withMakeupOffer(e, offer)).toBe(e)
    }
  })
})
