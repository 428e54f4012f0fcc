/**
 * missedActivities: which of a member's candidate activities count as missed (未签到) and what each
 * row offers; makeupWindow: the bounds a store reads the candidates by.
 */
import type { Activity, Makeup } from '../../../cloud/contract/model'
import { makeupWindow, missedActivities, type MissedFacts } from '../../../cloud/domain/makeup'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import { DAY, MIN } from '../../helpers/api'
import { aMember, anActivity } from '../../helpers/domain'

const START = '2026-11-20T06:00:00.000Z' // 14:00 in Shanghai; check-in closes 14:30
const END = '2026-11-20T08:00:00.000Z' // 16:00
const startMs = Date.parse(START)
const endMs = Date.parse(END)

const activity = (id: string, over: Partial<Activity> = {}): Activity => ({ ...anActivity(START, END, over), id, title: id, ...over })
const facts = (over: Partial<MissedFacts> = {}): MissedFacts => ({
  member: aMember({ branchId: 'b1' }),
  checkedIn: new Set(),
  onLeave: new Set(),
  signedUp: new Set(),
  makeups: [],
  ...over,
})
const ids = (list: Activity[], t: number, f: MissedFacts = facts()) => missedActivities(list, new Date(t), DEFAULT_POLICY, f).map((m) => m.activity.id)

const makeup = (activityId: string, status: Makeup['status'], requestedAt: string, id = `${activityId}-${requestedAt}`): Makeup => ({
  id,
  activityId,
  memberId: 'm1',
  reason: '出差',
  status,
  requestedBy: 'm1',
  requestedAt,
  reviewedBy: status === 'pending' ? null : 'o1',
  reviewedAt: status === 'pending' ? null : requestedAt,
  reviewComment: status === 'rejected' ? '请补充说明' : null,
})

describe('missedActivities: when an activity counts as missed', () => {
  const a = activity('a')

  it('not before check-in closes (the member can still scan), from the moment it has', () => {
    expect(ids([a], startMs - MIN)).toEqual([])
    expect(ids([a], startMs + 10 * MIN)).toEqual([])
    expect(ids([a], startMs + 30 * MIN)).toEqual([])
    expect(ids([a], startMs + 30 * MIN + 1)).toEqual(['a'])
  })

  it('through the end and until 7 days after it, inclusive', () => {
    expect(ids([a], endMs + 7 * DAY)).toEqual(['a'])
    expect(ids([a], endMs + 7 * DAY + 1)).toEqual([])
  })

  it('a volunteer shift whose check-in stays open until its end is missed only then', () => {
    const shift = activity('shift', { kind: 'volunteer', checkInClosesAt: END })
    expect(ids([shift], endMs - MIN)).toEqual([])
    expect(ids([shift], endMs + MIN)).toEqual(['shift'])
  })

  it('only published activities', () => {
    expect(ids([activity('c', { status: 'cancelled' }), activity('d', { status: 'draft' })], endMs)).toEqual([])
  })
})

describe('missedActivities: whether the member was expected', () => {
  it('not outside the audience', () => {
    expect(ids([activity('u2', { audience: { type: 'units', unitIds: ['u02'] } })], endMs)).toEqual([])
  })

  it('not with a check-in, nor with approved leave', () => {
    const list = [activity('in'), activity('leave'), activity('out')]
    expect(ids(list, endMs, facts({ checkedIn: new Set(['in']), onLeave: new Set(['leave']) }))).toEqual(['out'])
  })

  it('a 支委会 only for its committee; other meetings for the whole branch', () => {
    const committee = activity('committee', { audience: { type: 'branches', branchIds: ['b1'] }, branchId: 'b1', meeting: { type: 'committee', forPeriod: '2026-11', election: false } })
    const general = activity('general', { audience: { type: 'branches', branchIds: ['b1'] }, branchId: 'b1', meeting: { type: 'generalMeeting', forPeriod: '2026-Q4', election: false } })
    expect(ids([committee, general], endMs)).toEqual(['general'])
    const secretary = aMember({ branchId: 'b1', roles: [{ role: 'member' }, { role: 'branchCommittee', branchId: 'b1' }] })
    expect(ids([committee, general], endMs, facts({ member: secretary })).sort()).toEqual(['committee', 'general'])
  })

  it('where sign-up is required, only after signing up', () => {
    const a = activity('a', { signUpRequired: true, capacity: 20 })
    expect(ids([a], endMs)).toEqual([])
    expect(ids([a], endMs, facts({ signedUp: new Set(['a']) }))).toEqual(['a'])
  })
})

describe('missedActivities: the rows', () => {
  it('latest start first (ties by id), whatever order the candidates came in', () => {
    const list = [activity('old', { startAt: new Date(startMs - 2 * DAY).toISOString() }), activity('b'), activity('a'), activity('mid', { startAt: new Date(startMs - DAY).toISOString() })]
    expect(ids(list, endMs)).toEqual(['a', 'b', 'mid', 'old'])
  })

  it('with what the list shows of the activity, and a make-up offered until its deadline', () => {
    const [row] = missedActivities([activity('a', { placeName: '三楼会议室', subKind: '处长讲坛' })], new Date(endMs), DEFAULT_POLICY, facts())
    expect(row).toEqual({
      activity: { id: 'a', title: 'a', kind: 'lecture', subKind: '处长讲坛', startAt: START, endAt: END, placeName: '三楼会议室' },
      makeup: { allowed: true, reason: null, deadline: '2026-11-27T08:00:00.000Z' },
      lastRequest: null,
    })
  })

  it('the latest request decides: pending refuses another, rejected offers it again', () => {
    const rejectedThenPending = [makeup('a', 'rejected', '2026-11-20T09:00:00.000Z'), makeup('a', 'pending', '2026-11-21T09:00:00.000Z', 'p')]
    const [pending] = missedActivities([activity('a')], new Date(endMs + DAY * 2), DEFAULT_POLICY, facts({ makeups: rejectedThenPending }))
    expect(pending.lastRequest).toEqual({ id: 'p', status: 'pending', requestedAt: '2026-11-21T09:00:00.000Z', reviewComment: null })
    expect(pending.makeup).toMatchObject({ allowed: false, reason: '该活动已有待审核或已通过的补签，无需重复申请' })

    const [rejected] = missedActivities([activity('a')], new Date(endMs + DAY), DEFAULT_POLICY, facts({ makeups: [makeup('a', 'rejected', '2026-11-20T09:00:00.000Z')] }))
    expect(rejected.lastRequest).toMatchObject({ status: 'rejected', reviewComment: '请补充说明' })
    expect(rejected.makeup.allowed).toBe(true)
  })

  it('asked again within the same millisecond as the rejection it follows: the pending one is the latest, in either order', () => {
    const at = '2026-11-20T09:00:00.000Z'
    for (const makeups of [
      [makeup('a', 'rejected', at, 'r'), makeup('a', 'pending', at, 'p')],
      [makeup('a', 'pending', at, 'p'), makeup('a', 'rejected', at, 'r')],
    ]) {
      const [row] = missedActivities([activity('a')], new Date(endMs + DAY), DEFAULT_POLICY, facts({ makeups }))
      expect(row.lastRequest).toMatchObject({ id: 'p', status: 'pending' })
    }
  })

  it("another activity's request changes nothing", () => {
    const [row] = missedActivities([activity('a')], new Date(endMs), DEFAULT_POLICY, facts({ makeups: [makeup('b', 'pending', START)] }))
    expect(row).toMatchObject({ lastRequest: null, makeup: { allowed: true } })
  })
})

describe('makeupWindow', () => {
  it('started by now, ending no earlier than the make-up period reaches back', () => {
    expect(makeupWindow(new Date(END), DEFAULT_POLICY)).toEqual({ startedBy: END, endingFrom: '2026-11-13T08:00:00.000Z' })
    expect(makeupWindow(new Date(END), { makeupDaysAfterEnd: 3 }).endingFrom).toBe('2026-11-17T08:00:00.000Z')
  })
})
