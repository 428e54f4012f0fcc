/**
 * Volunteer certificates through the real gateway, on the quarter lived in ./quarter.ts:
 * stats.certificate (whose, serials, masked ID) and stats.verifyCertificate (anyone, no session).
 */
import { expectOk, shanghai } from '../../helpers/api'
import type { CertificateView } from '../../../cloud/functions/stats/certificate'
import type { DataOf } from '../../helpers/testServer'
import { useQuarter } from './quarter'

const q = useQuarter()
const { stat } = q

describe('stats.certificate and stats.verifyCertificate', () => {
  let mine: CertificateView
  /** An answer that is a certificate (`issued`), or the test fails here. */
  const issued = (c: DataOf<'stats', 'certificate'>): CertificateView => {
    if (!c.issued) throw new Error(`no certificate for ${c.name} in ${c.period}`)
    return c
  }

  it('a member’s own: name, masked ID, hours, activities, issuing unit, serial and code', async () => {
    mine = issued(await stat({ action: 'certificate', period: '2026-Q1' }, 'a1'))
    expect(mine).toEqual({
      issued: true,
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
    // No ID number on file: no masked number, so the certificate leaves the line out (never 未登记).
    expect(a4).toMatchObject({ serial: 'ZY2026000002', name: '李四', maskedId: null, hours: 1.5, activities: 1, issuingUnit: '甲局' })
    const b1 = await stat({ action: 'certificate', period: '2026-Q1', memberId: 'b1' }, 'city')
    const verifiedA4 = expectOk(await q.w.call('stats', { action: 'verifyCertificate', serial: issued(a4).serial, code: issued(a4).verifyCode }))
    expect(verifiedA4).toMatchObject({ valid: true, name: '李*', maskedId: null })
    expect(b1).toMatchObject({ serial: 'ZY2026000003', name: '冯六', hours: 8, activities: 1, issuingUnit: '乙局' })
  })

  it('no confirmed volunteer hours in the period: a normal answer saying nothing is issued (no serial used); an unknown member: NOT_FOUND', async () => {
    expect(await stat({ action: 'certificate', period: '2026-Q1' }, 'a2')).toEqual({ issued: false, period: '2026-Q1', name: '钱二' })
    expect(await stat({ action: 'certificate', period: '2026-Q1', memberId: 'a2' }, 'admA')).toEqual({ issued: false, period: '2026-Q1', name: '钱二' })
    // Nothing was issued for them: the next certificate takes the next serial.
    expect(await stat({ action: 'certificate', period: '2026-Q1', memberId: 'c1' }, 'city')).toMatchObject({ issued: true, serial: 'ZY2026000004' })
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
