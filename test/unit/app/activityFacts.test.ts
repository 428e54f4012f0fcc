/**
 * What the activity detail page says and offers (src/pages/activity/facts.ts): the check-in window in
 * Shanghai time (and when a volunteer checks out), whether the position is checked, the member's own
 * state in one line, and which buttons the member gets now; the organizer's list by name search.
 */
import { locationLine, matching, myActions, myState, whereOf, windowLines, type DetailFacts } from '../../../src/pages/activity/facts'

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString()
const clock = (local: string) => Date.parse(at(local))

/** A lecture 14:00–16:00 on 20 November, check-in 13:30–14:30, no sign-up, nothing done yet. */
const lecture = (over: Partial<DetailFacts> = {}): DetailFacts => ({
  kind: 'lecture',
  status: 'published',
  startAt: at('2026-11-20 14:00'),
  endAt: at('2026-11-20 16:00'),
  checkInOpensAt: at('2026-11-20 13:30'),
  checkInClosesAt: at('2026-11-20 14:30'),
  checkOutClosesAt: null,
  place: null,
  noLocationReason: '分散开展（无固定地点）',
  signUpRequired: false,
  capacity: null,
  signUps: 0,
  signedUp: false,
  checkedIn: false,
  checkedInAt: null,
  checkedOutAt: null,
  makeup: { allowed: false, reason: '活动尚未结束', deadline: null },
  ...over,
})

describe('the window and the place', () => {
  test('check-in from–to in Shanghai time (under the label 签到); a volunteer shift says when check-out closes', () => {
    expect(windowLines(lecture())).toEqual(['13:30–14:30'])
    const shift = lecture({ kind: 'volunteer', checkInClosesAt: at('2026-11-20 16:00'), checkOutClosesAt: at('2026-11-20 18:00') })
    expect(windowLines(shift)).toEqual(['13:30–16:00', '签退：服务结束时扫码，18:00 截止'])
  })

  test('a time on another day than the start carries its date', () => {
    const night = lecture({ startAt: at('2026-11-20 23:00'), checkInOpensAt: at('2026-11-20 22:30'), checkInClosesAt: at('2026-11-21 00:30') })
    expect(windowLines(night)).toEqual(['22:30–11月21日 00:30'])
  })

  test('a geofence asks for the position; no geofence shows the organizer’s reason', () => {
    expect(locationLine({ place: { lat: 30, lng: 120, radiusM: 300 }, noLocationReason: null })).toEqual({ checked: true, text: '需在活动地点签到（将获取您的位置）' })
    expect(locationLine(lecture())).toEqual({ checked: false, text: '不校验位置：分散开展（无固定地点）' })
    expect(locationLine({ place: null, noLocationReason: null })).toBeNull()
  })
})

describe('the member’s own state', () => {
  test('before check-in opens: 已报名, 未报名 when a sign-up is needed, else waiting', () => {
    const morning = clock('2026-11-20 10:00')
    expect(myState(lecture({ signUpRequired: true, signedUp: true }), morning)).toMatchObject({ key: 'signedUp', tone: 'success' })
    expect(myState(lecture({ signUpRequired: true }), morning)).toMatchObject({ key: 'notSignedUp', text: '未报名，本活动需先报名' })
    expect(myState(lecture(), morning)).toMatchObject({ key: 'waiting', text: '签到尚未开始' })
  })

  test('checked in: the time, and the check-out time for a volunteer', () => {
    expect(myState(lecture({ checkedIn: true, checkedInAt: at('2026-11-20 13:52') }), clock('2026-11-20 14:00'))).toEqual({ key: 'checkedIn', tone: 'success', text: '已签到 13:52' })
    const out = lecture({ kind: 'volunteer', checkedIn: true, checkedInAt: at('2026-11-20 13:52'), checkedOutAt: at('2026-11-20 16:05') })
    expect(myState(out, clock('2026-11-20 17:00')).text).toBe('已签到 13:52 · 已签退 16:05')
  })

  test('while check-in is open it says to scan; once closed without one it is 未签到', () => {
    expect(myState(lecture(), clock('2026-11-20 14:10')).key).toBe('open')
    expect(myState(lecture(), clock('2026-11-20 15:00'))).toMatchObject({ key: 'missed', tone: 'warning', text: '未签到' })
    // Not signed up for one that needed it: it simply went by.
    expect(myState(lecture({ signUpRequired: true }), clock('2026-11-20 17:00'))).toMatchObject({ key: 'ended', text: '活动已结束' })
  })

  test('a cancelled activity says so whatever the clock', () => {
    expect(myState(lecture({ status: 'cancelled', signedUp: true }), clock('2026-11-20 14:10')).text).toBe('活动已取消')
  })
})

describe('the member’s buttons', () => {
  const signUpLecture = lecture({ signUpRequired: true, capacity: 2, signUps: 1 })

  test('报名 before the end while places are left; 名额已满 instead when none are', () => {
    expect(myActions(signUpLecture, clock('2026-11-20 10:00'))).toMatchObject({ signUp: true, full: false, withdraw: false, scan: null })
    expect(myActions({ ...signUpLecture, signUps: 2 }, clock('2026-11-20 10:00'))).toMatchObject({ signUp: false, full: true })
    expect(myActions(signUpLecture, clock('2026-11-20 16:30'))).toMatchObject({ signUp: false, full: false })
  })

  test('取消报名 only before the start and never once checked in', () => {
    const mine = { ...signUpLecture, signedUp: true }
    expect(myActions(mine, clock('2026-11-20 13:59')).withdraw).toBe(true)
    expect(myActions(mine, clock('2026-11-20 14:00')).withdraw).toBe(false)
    expect(myActions({ ...mine, checkedIn: true }, clock('2026-11-20 13:45')).withdraw).toBe(false)
  })

  test('扫码签到 while check-in is open; 扫码签退 for a volunteer checked in until check-out closes', () => {
    expect(myActions(lecture(), clock('2026-11-20 14:10')).scan).toBe('checkIn')
    expect(myActions(lecture({ checkedIn: true }), clock('2026-11-20 14:10')).scan).toBeNull()
    const shift = lecture({ kind: 'volunteer', checkedIn: true, checkOutClosesAt: at('2026-11-20 18:00'), checkInClosesAt: at('2026-11-20 16:00') })
    expect(myActions(shift, clock('2026-11-20 16:30')).scan).toBe('checkOut')
    expect(myActions(shift, clock('2026-11-20 18:01')).scan).toBeNull()
    expect(myActions({ ...shift, checkedOutAt: at('2026-11-20 16:05') }, clock('2026-11-20 16:30')).scan).toBeNull()
  })

  test('申请补签 exactly when the server’s offer allows it', () => {
    const offer = { allowed: true, reason: null, deadline: at('2026-11-27 16:00') }
    expect(myActions(lecture({ makeup: offer }), clock('2026-11-20 15:00')).makeup).toBe(true)
    expect(myActions(lecture(), clock('2026-11-20 15:00')).makeup).toBe(false)
    expect(myActions(lecture({ makeup: offer, checkedIn: true }), clock('2026-11-20 15:00')).makeup).toBe(false)
  })

  test('nothing to do on a cancelled activity', () => {
    expect(myActions(lecture({ status: 'cancelled', signUpRequired: true }), clock('2026-11-20 14:10'))).toEqual({ signUp: false, full: false, withdraw: false, scan: null, makeup: false })
  })
})

describe('the organizer’s list', () => {
  test('the branch when the row carries it, else the unit', () => {
    expect(whereOf({ unitName: '市委办公室', branchName: '第一党支部' })).toBe('第一党支部')
    expect(whereOf({ unitName: '市委办公室' })).toBe('市委办公室')
    expect(whereOf({ unitName: '市委办公室', branchName: null })).toBe('市委办公室')
  })

  test('a name search ignores spaces and keeps everyone when empty', () => {
    const rows = [{ name: '张伟' }, { name: '李娜' }, { name: '张小红' }]
    expect(matching(rows, ' 张 ').map((r) => r.name)).toEqual(['张伟', '张小红'])
    expect(matching(rows, '')).toEqual(rows)
    expect(matching(rows, '王')).toEqual([])
  })
})
