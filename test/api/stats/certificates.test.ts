/**
 * Volunteer certificates through the real gateway, on the quarter lived in ./quarter.ts:
 * stats.certificate (whose, serials, masked ID) and stats.verifyCertificate (anyone, no session).
 */
import { expectOk, shanghai } from '../../helpers/api'
import type { DataOf } from '../../helpers/testServer'
import { useQuarter } from './quarter'

const q = useQuarter()
const { stat } = q

describe('stats.certificate and stats.verifyCertificate', () => {
  let mine: DataOf<'stats', 'certificate'>

  it('a member’s own: name, masked ID, hours, activities, issuing unit, serial and code', async () => {
    mine = await stat({ action: 'certificate', period: '2026-Q1' }, 'a1')
    expect(mine).toEqual({
      serial: 'ZY2026000001',
      verifyCode: expect.stringMatching(/^[0-9A-F]{8}$/),
      name: '赵一',
      maskedId: '3301**********1234',
      period: '2026-Q1',
      hours: 3,
      activities: 1,
      issuingUnit: '甲局',
      issuedAt: shanghai('2026-03-25 10:00'),
      verifyUrl: `http://checkin.test/pages/verify/index?s=ZY2026000001&c=${mine.verifyCode}`,
    })
  })

  it('asking again with the same hours gives the same certificate', async () => {
    const again = await stat({ action: 'certificate', period: '2026-Q1' }, 'a1')
    expect(again).toEqual(mine)
  })

  it('another member cannot get it (FORBIDDEN); nor can an organizer or another unit’s admin; the unit admin can', async () => {
    await q.w.expectRefused(() => q.w.call('stats', { action: 'certificate', period: '2026-Q1', memberId: 'a4' }, 'a1'), 'FORBIDDEN', 403)
    await q.w.expectRefused(() => q.w.call('stats', { action: 'certificate', period: '2026-Q1', memberId: 'a4' }, 'orgA'), 'FORBIDDEN', 403)
    await q.w.expectRefused(() => q.w.call('stats', { action: 'certificate', period: '2026-Q1', memberId: 'b1' }, 'admA'), 'FORBIDDEN', 403)
    const a4 = await stat({ action: 'certificate', period: '2026-Q1', memberId: 'a4' }, 'admA')
    // No ID number on file.
    expect(a4).toMatchObject({ serial: 'ZY2026000002', name: '李四', maskedId: '未登记', hours: 1.5, activities: 1, issuingUnit: '甲局' })
    const b1 = await stat({ action: 'certificate', period: '2026-Q1', memberId: 'b1' }, 'city')
    expect(b1).toMatchObject({ serial: 'ZY2026000003', name: '冯六', hours: 8, activities: 1, issuingUnit: '乙局' })
  })

  it('no confirmed volunteer hours in the period: CONFLICT; an unknown member: NOT_FOUND', async () => {
    await q.w.expectRefused(() => q.w.call('stats', { action: 'certificate', period: '2026-Q1' }, 'a2'), 'CONFLICT', 409)
    await q.w.expectRefused(() => q.w.call('stats', { action: 'certificate', period: '2026-Q1', memberId: 'nobody' }, 'city'), 'NOT_FOUND', 404)
  })

  it('anyone can verify it without a session; the name is partly hidden and the code is not echoed', async () => {
    const res = await q.w.call('stats', { action: 'verifyCertificate', serial: mine.serial, code: mine.verifyCode.toLowerCase() })
    expect(res.status).toBe(200)
    expect(expectOk(res)).toEqual({
      valid: true,
      serial: 'ZY2026000001',
      name: '赵*',
      maskedId: '3301**********1234',
      period: '2026-Q1',
      hours: 3,
      activities: 1,
      issuingUnit: '甲局',
      issuedAt: shanghai('2026-03-25 10:00'),
    })
  })

  it('a wrong code or an unknown serial: NOT_FOUND', async () => {
    const wrong = mine.verifyCode === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA'
    await q.w.expectRefused(() => q.w.call('stats', { action: 'verifyCertificate', serial: mine.serial, code: wrong }), 'NOT_FOUND', 404)
    await q.w.expectRefused(() => q.w.call('stats', { action: 'verifyCertificate', serial: 'ZY2026999999', code: mine.verifyCode }), 'NOT_FOUND', 404)
  })
})
