/** The window of 手动签到 (`checkin.manualCheckIn`): from the opening of check-in until the end (or check-in's close, if later). */
import { assertManualCheckInOpen, manualCheckInClosesAt, manualCheckInRefusal } from '../../../cloud/domain/manualCheckIn'

/** A lecture 14:00–15:30 UTC, check-in 13:30–14:30. */
const lecture = {
  status: 'published' as const,
  checkInOpensAt: '2026-11-20T13:30:00.000Z',
  checkInClosesAt: '2026-11-20T14:30:00.000Z',
  endAt: '2026-11-20T15:30:00.000Z',
}
const at = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00.000Z`)

describe('手动签到 is taken from the opening of check-in until the end of the activity', () => {
  test.each([
    ['13:29', 'WINDOW_CLOSED'],
    ['13:30', null],
    ['14:45', null],
    ['15:29', null],
    ['15:30', 'WINDOW_CLOSED'],
  ])('at %s: %s', (hhmm, code) => {
    expect(manualCheckInRefusal(lecture, at(hhmm))?.code ?? null).toBe(code)
  })

  test('after the end it points to 补录; before the opening it says when', () => {
    expect(manualCheckInRefusal(lecture, at('16:00'))?.message).toContain('补录')
    expect(manualCheckInRefusal(lecture, at('13:00'))?.message).toContain('签到尚未开始')
    expect(() => assertManualCheckInOpen(lecture, at('16:00'))).toThrow(expect.objectContaining({ code: 'WINDOW_CLOSED' }))
  })

  test('a check-in that closes after the end keeps it open until then', () => {
    const late = { ...lecture, checkInClosesAt: '2026-11-20T16:00:00.000Z' }
    expect(manualCheckInClosesAt(late)).toBe('2026-11-20T16:00:00.000Z')
    expect(manualCheckInRefusal(late, at('15:45'))).toBeNull()
  })

  test('a draft or a cancelled activity takes none', () => {
    expect(manualCheckInRefusal({ ...lecture, status: 'draft' }, at('14:00'))?.code).toBe('ACTIVITY_NOT_OPEN')
    expect(manualCheckInRefusal({ ...lecture, status: 'cancelled' }, at('14:00'))?.message).toBe('活动已取消，不能签到')
  })
})
