/**
 * The projector screen's stage (src/organizer/qr/stage.ts): before check-in opens, while it is open,
 * the 签退码 of a volunteer activity while check-out is taken, and 签到已截止 after — on the bounds
 * the server checks (check-in until its closing moment inclusive, check-out likewise).
 */
import { qrStage, showsCode } from '../../../src/organizer/qr/stage'

const lecture = {
  kind: 'lecture' as const,
  checkInOpensAt: '2026-11-20T01:30:00.000Z',
  checkInClosesAt: '2026-11-20T02:30:00.000Z',
  checkOutClosesAt: null,
}
const volunteer = { ...lecture, kind: 'volunteer' as const, checkOutClosesAt: '2026-11-20T05:00:00.000Z' }
const at = (iso: string) => Date.parse(iso)

test('a lecture: not open, open through its closing moment, then closed', () => {
  expect(qrStage(lecture, at('2026-11-20T01:29:59.999Z'))).toEqual({ kind: 'notOpen', opensAt: lecture.checkInOpensAt })
  expect(qrStage(lecture, at('2026-11-20T01:30:00.000Z'))).toEqual({ kind: 'open', closesAt: lecture.checkInClosesAt })
  expect(qrStage(lecture, at('2026-11-20T02:30:00.000Z')).kind).toBe('open')
  expect(qrStage(lecture, at('2026-11-20T02:30:00.001Z'))).toEqual({ kind: 'closed', closedAt: lecture.checkInClosesAt })
})

test('a volunteer activity keeps its code as the 签退码 until check-out closes', () => {
  expect(qrStage(volunteer, at('2026-11-20T03:00:00.000Z'))).toEqual({ kind: 'checkOut', closedAt: volunteer.checkInClosesAt, checkOutClosesAt: volunteer.checkOutClosesAt })
  expect(qrStage(volunteer, at('2026-11-20T05:00:00.000Z')).kind).toBe('checkOut')
  expect(qrStage(volunteer, at('2026-11-20T05:00:00.001Z'))).toEqual({ kind: 'closed', closedAt: volunteer.checkInClosesAt })
  // No closing time set: the server takes check-outs at any time.
  expect(qrStage({ ...volunteer, checkOutClosesAt: null }, at('2026-11-21T00:00:00.000Z')).kind).toBe('checkOut')
})

test('only the open and check-out stages show a code', () => {
  expect([lecture, volunteer].flatMap((a) => ['01:00', '02:00', '03:00', '06:00'].map((t) => showsCode(qrStage(a, at(`2026-11-20T${t}:00.000Z`)))))).toEqual([
    false, true, false, false,
    false, true, true, false,
  ])
})
