/**
 * The projector screen's wall of last arrivals and the facts beside its code
 * (src/organizer/qr/arrivals.ts, facts.ts): which check-ins the wall shows and in what order, when the
 * attendance list is read again (only when the count moved, never more often than the gap), how many
 * are expected, and the check-in window, location rule and rules line as the room reads them.
 */
import type { AttendanceRow } from '../../../cloud/contract/model'
import { expectedCount, latestArrivals, WALL_GAP_MS, WALL_SIZE, wallDue } from '../../../src/organizer/qr/arrivals'
import { rulesText, sitingText, windowText } from '../../../src/organizer/qr/facts'

const row = (n: number, at: string, over: Partial<AttendanceRow> = {}): AttendanceRow => ({
  memberId: `m${n}`,
  name: `党员${n}`,
  unitName: '市委办公室',
  branchName: '秘书一处党支部',
  checkedInAt: at,
  checkedOutAt: null,
  method: 'geo',
  points: 1,
  hours: 0,
  hoursPending: 0,
  checkInId: `c${n}`,
  flags: [],
  reversed: false,
  approvedByName: null,
  viaMakeup: false,
  ...over,
})

describe('the wall of last arrivals', () => {
  test('shows the newest first, whatever order the list came in', () => {
    const rows = [row(1, '2026-12-03T01:00:00.000Z'), row(3, '2026-12-03T01:02:00.000Z'), row(2, '2026-12-03T01:01:00.000Z')]
    expect(latestArrivals(rows).map((a) => a.name)).toEqual(['党员3', '党员2', '党员1'])
    expect(latestArrivals(rows)[0]).toEqual({ checkInId: 'c3', name: '党员3', at: '2026-12-03T01:02:00.000Z' })
  })

  test('holds at most WALL_SIZE names, the latest ones', () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(i, new Date(Date.UTC(2026, 11, 3, 1, i)).toISOString()))
    const wall = latestArrivals(rows)
    expect(wall).toHaveLength(WALL_SIZE)
    expect(wall[0].name).toBe('党员29')
    expect(wall[WALL_SIZE - 1].name).toBe(`党员${30 - WALL_SIZE}`)
    expect(latestArrivals(rows, 3).map((a) => a.name)).toEqual(['党员29', '党员28', '党员27'])
  })

  test('leaves out a 补签 approved later and a reversed check-in, keeps an organizer’s on-site 补录', () => {
    const rows = [
      row(1, '2026-12-03T01:00:00.000Z', { method: 'makeup' }),
      row(2, '2026-12-03T01:01:00.000Z', { reversed: true }),
      row(3, '2026-12-03T01:02:00.000Z', { method: 'manual' }),
      row(4, '2026-12-03T01:03:00.000Z', { method: 'qr' }),
    ]
    expect(latestArrivals(rows).map((a) => a.name)).toEqual(['党员4', '党员3'])
  })

  test('two check-ins in the same millisecond keep one order on every read', () => {
    const at = '2026-12-03T01:00:00.000Z'
    expect(latestArrivals([row(1, at), row(2, at)]).map((a) => a.checkInId)).toEqual(latestArrivals([row(2, at), row(1, at)]).map((a) => a.checkInId))
  })

  test('is empty when nobody has arrived', () => {
    expect(latestArrivals([])).toEqual([])
  })
})

describe('when the wall is read again', () => {
  const t0 = 1_000_000
  test('first read as soon as the count is known', () => {
    expect(wallDue({ count: null, readAt: 0 }, 0, t0)).toBe(true)
  })

  test('not while the count stands still, however long', () => {
    expect(wallDue({ count: 4, readAt: t0 }, 4, t0 + 60 * WALL_GAP_MS)).toBe(false)
  })

  test('when the count moved, but never sooner than the gap after the last read', () => {
    expect(wallDue({ count: 4, readAt: t0 }, 5, t0 + WALL_GAP_MS - 1)).toBe(false)
    expect(wallDue({ count: 4, readAt: t0 }, 5, t0 + WALL_GAP_MS)).toBe(true)
  })

  test('after a failed read (count still the old one), again once the gap has passed', () => {
    expect(wallDue({ count: null, readAt: t0 }, 2, t0 + 1000)).toBe(false)
    expect(wallDue({ count: null, readAt: t0 }, 2, t0 + WALL_GAP_MS)).toBe(true)
  })
})

describe('how many are expected', () => {
  test('with sign-up required, those signed up', () => {
    expect(expectedCount({ signUpRequired: true, signUps: 18 }, 120)).toBe(18)
    expect(expectedCount({ signUpRequired: true, signUps: 0 }, 120)).toBeNull()
  })

  test('otherwise everyone the activity is meant for, once the attendance list is read', () => {
    expect(expectedCount({ signUpRequired: false, signUps: 0 }, 120)).toBe(120)
    expect(expectedCount({ signUpRequired: false, signUps: 0 }, null)).toBeNull()
    expect(expectedCount(null, 120)).toBe(120)
    expect(expectedCount(null, 0)).toBeNull()
  })
})

describe('the facts beside the code', () => {
  // 2026-12-03 09:00 Shanghai is 01:00 UTC.
  const now = Date.parse('2026-12-03T01:00:00.000Z')
  const lecture = { kind: 'lecture' as const, checkInOpensAt: '2026-12-03T00:30:00.000Z', checkInClosesAt: '2026-12-03T01:30:00.000Z', checkOutClosesAt: null }

  test('the check-in window in HH:mm today, with the date on another day', () => {
    expect(windowText(lecture, now)).toBe('签到时间 08:30–09:30')
    expect(windowText(lecture, now + 86_400_000)).toBe('签到时间 12月3日 08:30–09:30')
    expect(windowText({ ...lecture, checkInClosesAt: '2026-12-04T01:30:00.000Z' }, now)).toBe('签到时间 08:30–12月4日 09:30')
  })

  test('a volunteer activity adds when check-out closes', () => {
    expect(windowText({ ...lecture, kind: 'volunteer', checkOutClosesAt: '2026-12-03T09:00:00.000Z' }, now)).toBe('签到时间 08:30–09:30，签退截止 17:00')
    expect(windowText({ ...lecture, kind: 'volunteer' }, now)).toBe('签到时间 08:30–09:30')
  })

  test('whether the position is checked: at the place, or the recorded reason for not', () => {
    expect(sitingText({ placeName: '市行政中心', noLocationReason: null })).toBe('需在活动地点签到（市行政中心）')
    expect(sitingText({ placeName: null, noLocationReason: null })).toBe('需在活动地点签到')
    expect(sitingText({ placeName: null, noLocationReason: '线上活动' })).toBe('未校验位置：线上活动')
  })

  test('the rules in one line, by stage, with the refresh period', () => {
    expect(rulesText('open', 15)).toBe('请用微信或手机相机扫码，在手机上确认签到；二维码每 15 秒刷新，截图转发无效')
    expect(rulesText(null, 20)).toContain('每 20 秒刷新')
    expect(rulesText('checkOut', 15)).toContain('签退码每 15 秒刷新')
    expect(rulesText('closed', 15)).toContain('补签')
    expect(rulesText('notOpen', 15)).toContain('签到开始前扫码无效')
  })
})
