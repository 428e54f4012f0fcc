/** Contract: records kept once written: certificates, selection snapshots, policy versions. */
import type { Store } from '../../../cloud/store/Store'
import { at } from '../fixtures'

export function recordsContract(env: { readonly store: Store }): void {
  it('numbers certificates per year and finds them by member, period and hours, or by serial', async () => {
    const { store } = env
    const base = { memberId: 'm3', period: '2026', hours: 4.5, activities: 1, issuingUnit: '市财政局', verifyCode: '', issuedAt: at(10), issuedBy: 'o1' }
    const first = await store.insertCertificate(base)
    expect(first.serial).toBe('ZY2026000001')
    expect(first.verifyCode).toMatch(/^[0-9A-F]{8}$/)
    const second = await store.insertCertificate({ ...base, memberId: 'm1', verifyCode: 'ABCD1234' })
    expect(second).toMatchObject({ serial: 'ZY2026000002', verifyCode: 'ABCD1234' })
    expect(await store.findCertificate('m3', '2026', 4.5)).toEqual(first)
    expect(await store.findCertificate('m3', '2026', 5)).toBeNull()
    expect(await store.certificateBySerial('ZY2026000002')).toEqual(second)
    expect(await store.certificateBySerial('ZY2026999999')).toBeNull()
    expect((await store.insertCertificate({ ...base, issuedAt: '2027-01-05T02:00:00.000Z', period: '2027' })).serial).toBe('ZY2027000001')
  })

  it('keeps snapshots and gives the latest, of a period or of any', async () => {
    const { store } = env
    const snap = (id: string, period: string, frozenAt: string) => ({ id, period, rules: { scope: 'city', topN: 10 }, entries: [{ memberId: 'm1', score: 3 }], frozenBy: 'a1', frozenAt, noticeUntil: at(7 * 1440) })
    expect(await store.latestSnapshot()).toBeNull()
    await store.insertSnapshot(snap('s1', '2026', at(1)))
    await store.insertSnapshot(snap('s2', '2026', at(3)))
    await store.insertSnapshot(snap('s3', '2025', at(2)))
    expect(await store.latestSnapshot('2026')).toEqual(snap('s2', '2026', at(3)))
    expect((await store.latestSnapshot('2025'))?.id).toBe('s3')
    expect((await store.latestSnapshot())?.id).toBe('s2')
    expect(await store.latestSnapshot('2024')).toBeNull()
  })

  it('keeps policy versions in effective order', async () => {
    const { store } = env
    await store.insertPolicyVersion({ effectiveFrom: '2027-01-01T00:00:00.000Z', policy: { dailyPointsCap: 12 }, createdBy: 'a1', createdAt: at(2) })
    const afterInsert = await store.insertPolicyVersion({ effectiveFrom: '2026-12-01T00:00:00.000Z', policy: { pointsPerKind: { study: 3 } }, createdBy: 'a1', createdAt: at(1) })
    const versions = await store.policyVersions()
    expect(afterInsert).toEqual(versions)
    expect(versions.map((v) => [v.effectiveFrom, v.policy, v.createdBy, v.createdAt])).toEqual([
      ['2026-12-01T00:00:00.000Z', { pointsPerKind: { study: 3 } }, 'a1', at(1)],
      ['2027-01-01T00:00:00.000Z', { dailyPointsCap: 12 }, 'a1', at(2)],
    ])
    expect(versions[0].seq).not.toBe(versions[1].seq)
  })
}
