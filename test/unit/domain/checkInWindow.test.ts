/**
 * An activity's check-in window (cloud/domain/checkInWindow.ts) and the editing rules
 * (cloud/domain/activityEditing.ts): the defaults per kind, a chosen window's validation with the
 * field it names, 结束签到/延长签到, and what may change when.
 */
import type { Activity } from '../../../cloud/contract/model'
import { draftActivity } from '../../../cloud/domain/activity'
import { assertCapacityKeepsSignUps, assertMayEdit, changedFields } from '../../../cloud/domain/activityEditing'
import {
  assertActivityLength,
  checkInWindowTimes,
  defaultCheckInWindow,
  endCheckIn,
  extendCheckIn,
  windowChoiceOf,
} from '../../../cloud/domain/checkInWindow'
import { DomainError } from '../../../cloud/domain/errors'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'
import { aMember, anActivity } from '../../helpers/domain'

const MIN = 60_000
const START = '2026-11-20T01:00:00.000Z' // 09:00 in Shanghai
const at = (min: number) => new Date(Date.parse(START) + min * MIN).toISOString()
const END_8H = at(8 * 60)

/** Passed (with its result), or refused with its code, message and field. */
function outcome(fn: () => unknown): unknown {
  try {
    return fn()
  } catch (e) {
    if (!(e instanceof DomainError)) throw e
    return { code: e.code, message: e.message, field: e.details?.field }
  }
}

const draft = (over: Partial<Parameters<typeof draftActivity>[0]>, meeting = false) =>
  draftActivity(
    { kind: 'lecture', title: '讲座', startAt: START, endAt: at(90), audience: { type: 'all' }, ...over },
    aMember(),
    { unitId: 'u01', meeting: meeting ? { type: 'committee', forPeriod: '2026-11', election: false } : null },
    DEFAULT_POLICY,
    true,
  )

describe('the default window per kind', () => {
  it('study and lecture: 30 min before the start to 30 min after it', () => {
    for (const kind of ['study', 'lecture'] as const) {
      expect(defaultCheckInWindow(kind, DEFAULT_POLICY)).toEqual({ opensBeforeStartMin: 30, closes: 30 })
      expect(draft({ kind })).toMatchObject({ checkInOpensAt: at(-30), checkInClosesAt: at(30) })
    }
  })

  it('volunteer: 30 min before the start to the END, so a late arrival on an 8-hour shift still checks in', () => {
    expect(defaultCheckInWindow('volunteer', DEFAULT_POLICY)).toEqual({ opensBeforeStartMin: 30, closes: 'end' })
    expect(draft({ kind: 'volunteer', endAt: END_8H })).toMatchObject({ checkInOpensAt: at(-30), checkInClosesAt: END_8H, checkOutClosesAt: at(8 * 60 + 120) })
  })

  it('a lecture shorter than half an hour keeps its default close after its end, as before', () => {
    expect(draft({ endAt: at(10) })).toMatchObject({ checkInClosesAt: at(30) })
  })

  it('a branch meeting keeps the rule and takes no other window', () => {
    expect(draft({ kind: 'study' }, true)).toMatchObject({ checkInOpensAt: at(-30), checkInClosesAt: at(30) })
    expect(outcome(() => draft({ kind: 'study', checkInWindow: { closes: 60 } }, true))).toMatchObject({ code: 'BAD_INPUT', field: 'checkInWindow' })
  })
})

describe('a chosen window', () => {
  it('签到截止 15/30/60 min after the start, or at the end', () => {
    expect(draft({ checkInWindow: { closes: 15 } })).toMatchObject({ checkInOpensAt: at(-30), checkInClosesAt: at(15) })
    expect(draft({ checkInWindow: { closes: 60 } })).toMatchObject({ checkInClosesAt: at(60) })
    expect(draft({ checkInWindow: { closes: 'end' } })).toMatchObject({ checkInClosesAt: at(90) })
    expect(draft({ checkInWindow: { opensBeforeStartMin: 60 } })).toMatchObject({ checkInOpensAt: at(-60), checkInClosesAt: at(30) })
    expect(draft({ kind: 'volunteer', endAt: END_8H, checkInWindow: { closes: 60 } })).toMatchObject({ checkInClosesAt: at(60) })
  })

  it('opens no later than the start and at most 2 hours before it', () => {
    expect(outcome(() => checkInWindowTimes(START, at(90), { opensBeforeStartMin: -5, closes: 30 }))).toEqual({
      code: 'BAD_INPUT',
      message: '签到开放时间不能晚于活动开始时间',
      field: 'checkInWindow.opensBeforeStartMin',
    })
    expect(outcome(() => checkInWindowTimes(START, at(90), { opensBeforeStartMin: 121, closes: 30 }))).toEqual({
      code: 'BAD_INPUT',
      message: '签到最早在活动开始前 2 小时开放',
      field: 'checkInWindow.opensBeforeStartMin',
    })
    expect(checkInWindowTimes(START, at(90), { opensBeforeStartMin: 0, closes: 15 })).toEqual({ checkInOpensAt: START, checkInClosesAt: at(15) })
  })

  it('closes after it opens and no later than the end', () => {
    expect(outcome(() => checkInWindowTimes(START, at(90), { opensBeforeStartMin: 0, closes: 0 }))).toEqual({
      code: 'BAD_INPUT',
      message: '签到截止时间应晚于签到开放时间',
      field: 'checkInWindow.closes',
    })
    expect(outcome(() => checkInWindowTimes(START, at(45), { opensBeforeStartMin: 30, closes: 60 }))).toEqual({
      code: 'BAD_INPUT',
      message: '签到截止时间不能晚于活动结束（活动共 45 分钟），可选“活动结束时”',
      field: 'checkInWindow.closes',
    })
  })

  it('moves with the activity: the stored window read back as a choice', () => {
    expect(windowChoiceOf(anActivity(START, at(90)))).toEqual({ opensBeforeStartMin: 30, closes: 30 })
    expect(windowChoiceOf(anActivity(START, at(90), { checkInClosesAt: at(90) }))).toEqual({ opensBeforeStartMin: 30, closes: 'end' })
  })
})

describe('durations', () => {
  it('up to 12 hours: a volunteer day; longer refused with what to do', () => {
    expect(() => assertActivityLength(START, at(12 * 60))).not.toThrow()
    expect(outcome(() => assertActivityLength(START, at(12 * 60 + 1)))).toEqual({
      code: 'BAD_INPUT',
      message: '单次活动最长 12 小时；跨天的活动请按天分别发布',
      field: 'endAt',
    })
    expect(outcome(() => assertActivityLength(START, START))).toEqual({ code: 'BAD_INPUT', message: '结束时间应晚于开始时间', field: 'endAt' })
  })
})

describe('结束签到 and 延长签到', () => {
  const lecture = anActivity(START, at(90))
  const now = (min: number) => new Date(Date.parse(at(min)))

  it('结束签到 closes it now; once closed, again changes nothing', () => {
    expect(endCheckIn(lecture, now(10))).toEqual({ checkInClosesAt: at(10) })
    expect(endCheckIn(lecture, now(31))).toBe('unchanged')
  })

  it('延长签到 adds to the close, or reopens from now; never past the end', () => {
    expect(extendCheckIn(lecture, 15, now(10))).toEqual({ checkInClosesAt: at(45) })
    expect(extendCheckIn(lecture, 15, now(40))).toEqual({ checkInClosesAt: at(55) })
    expect(extendCheckIn(lecture, 60, now(40))).toEqual({ checkInClosesAt: at(90) })
    expect(outcome(() => extendCheckIn({ ...lecture, checkInClosesAt: at(90) }, 15, now(40)))).toMatchObject({ code: 'CONFLICT', message: '签到已开放到活动结束，不能再延长' })
  })

  it('neither before check-in opens, after the end, on a draft or a cancelled one', () => {
    expect(outcome(() => endCheckIn(lecture, now(-31)))).toMatchObject({ code: 'CONFLICT', message: '签到尚未开始，不能结束签到；如需调整请在编辑页修改签到时间' })
    expect(outcome(() => extendCheckIn(lecture, 15, now(90)))).toMatchObject({ code: 'CONFLICT', message: '活动已结束，不能延长签到；确实参加而未签到的请申请补签' })
    expect(outcome(() => endCheckIn({ ...lecture, status: 'draft' }, now(10)))).toMatchObject({ code: 'CONFLICT', message: '活动尚未发布，不能结束签到' })
    expect(outcome(() => extendCheckIn({ ...lecture, status: 'cancelled' }, 15, now(10)))).toMatchObject({ code: 'CONFLICT', message: '活动已取消，不能延长签到' })
  })
})

describe('what may be edited when', () => {
  const a: Activity = anActivity(START, at(90), { description: null, placeName: '三楼会议室' })
  const now = (min: number) => new Date(Date.parse(at(min)))

  it('an edit form sends every field; only those that differ count as changes', () => {
    expect(changedFields(a, { title: a.title, description: '', placeName: '三楼会议室 ', startAt: START, endAt: at(90), checkInWindow: { closes: 30 } })).toEqual([])
    expect(changedFields(a, { title: '新名称', startAt: at(10), checkInWindow: { closes: 'end' } })).toEqual(['title', 'startAt', 'checkInWindow'])
  })

  it('before check-in opens: anything but the kind of a published activity', () => {
    expect(() => assertMayEdit(a, ['startAt', 'capacity', 'checkInWindow', 'place', 'audience'], now(-31))).not.toThrow()
    expect(outcome(() => assertMayEdit(a, ['kind'], now(-60)))).toMatchObject({ code: 'BAD_INPUT', field: 'kind' })
    expect(() => assertMayEdit({ ...a, status: 'draft' }, ['kind'], now(-60))).not.toThrow()
  })

  it('once check-in opens: only title, description and place name', () => {
    expect(() => assertMayEdit(a, ['title', 'description', 'placeName'], now(-30))).not.toThrow()
    expect(outcome(() => assertMayEdit(a, ['title', 'startAt'], now(-30)))).toEqual({
      code: 'CONFLICT',
      message: '签到已开始，不能再修改开始时间；此时只能修改活动名称、说明、地点名称和学习材料，签到时间请用“延长签到”或“结束签到”',
      field: 'startAt',
    })
    expect(outcome(() => assertMayEdit(a, ['capacity'], now(60)))).toMatchObject({ code: 'CONFLICT', field: 'capacity' })
  })

  it('after the end, or cancelled: nothing', () => {
    expect(outcome(() => assertMayEdit(a, ['title'], now(90)))).toMatchObject({ code: 'CONFLICT', message: '活动已结束，不能修改；参加情况请通过补签或签到记录处理' })
    expect(outcome(() => assertMayEdit({ ...a, status: 'cancelled' }, ['title'], now(-60)))).toMatchObject({ code: 'CONFLICT', message: '活动已取消，不能修改' })
  })

  it('a capacity never drops below those signed up', () => {
    expect(() => assertCapacityKeepsSignUps(3, 3)).not.toThrow()
    expect(() => assertCapacityKeepsSignUps(null, 30)).not.toThrow()
    expect(outcome(() => assertCapacityKeepsSignUps(2, 3))).toEqual({ code: 'BAD_INPUT', message: '已有 3 人报名，名额不能少于 3', field: 'capacity' })
  })
})
