/** Contract: objections (异议) to a selection list: one pending per objector, list and entry; resolved once. */
import type { Store } from '../../../cloud/store/Store'
import { at } from '../fixtures'

const LIST = { id: 's1', period: '2026', rules: { topN: 3, minGroupAttendance: 0.8 }, entries: [{ memberId: 'm1' }, { memberId: 'm3' }], frozenBy: 'a1', frozenAt: at(0), noticeUntil: at(7 * 1440) }

const filing = (over: Partial<Parameters<Store['insertObjection']>[0]> = {}) => ({
  snapshotId: 's1',
  period: '2026',
  memberId: 'm1' as string | null,
  memberName: '李强' as string | null,
  objectorId: 'm2',
  objectorName: '张敏',
  reason: '学习记录存在代签',
  filedAt: at(10),
  ...over,
})

export function objectionsContract(env: { readonly store: Store }): void {
  it('keeps an objection pending, finds it by id and among its period’s, oldest first', async () => {
    const { store } = env
    await store.insertSnapshot(LIST)
    const first = await store.insertObjection(filing())
    expect(first).toEqual({ ...filing(), id: expect.any(String), status: 'pending', resolvedBy: null, resolverName: null, comment: null, resolvedAt: null })
    const whole = await store.insertObjection(filing({ memberId: null, memberName: null, filedAt: at(5), reason: '名单整体有误' }))
    expect(whole).toMatchObject({ memberId: null, memberName: null, status: 'pending' })
    expect(await store.getObjection(first!.id)).toEqual(first)
    expect(await store.getObjection('nope')).toBeNull()
    expect((await store.objectionsOf('2026')).map((o) => o.id)).toEqual([whole!.id, first!.id])
    expect(await store.objectionsOf('2025')).toEqual([])
  })

  it('one pending per objector, list and entry (the whole list counts as one): a second is not kept; after resolution, another may be', async () => {
    const { store } = env
    await store.insertSnapshot(LIST)
    const first = (await store.insertObjection(filing()))!
    expect(await store.insertObjection(filing({ reason: '再提一次', filedAt: at(11) }))).toBeNull()
    // Others, other entries, the whole list: each their own.
    expect(await store.insertObjection(filing({ objectorId: 'm3', objectorName: '陈静' }))).not.toBeNull()
    expect(await store.insertObjection(filing({ memberId: 'm3', memberName: '陈静' }))).not.toBeNull()
    expect(await store.insertObjection(filing({ memberId: null, memberName: null }))).not.toBeNull()
    expect(await store.insertObjection(filing({ memberId: null, memberName: null, reason: '名单再提一次' }))).toBeNull()
    // Two at once: one is kept.
    const racing = await Promise.all([store.insertObjection(filing({ objectorId: 'o1', objectorName: '王芳' })), store.insertObjection(filing({ objectorId: 'o1', objectorName: '王芳', reason: '同时提交' }))])
    expect(racing.filter((o) => o !== null)).toHaveLength(1)
    expect(await store.objectionsOf('2026')).toHaveLength(5)

    await store.resolveObjection(first.id, { status: 'dismissed', resolvedBy: 'a1', resolverName: '刘洋', comment: '经核实无代签', resolvedAt: at(60) })
    const again = await store.insertObjection(filing({ reason: '补充新的证据', filedAt: at(70) }))
    expect(again).toMatchObject({ status: 'pending', reason: '补充新的证据' })
    expect(again!.id).not.toBe(first.id)
  })

  it('resolves a pending objection once, with who and why; a second resolution, or of a missing one, changes nothing', async () => {
    const { store } = env
    await store.insertSnapshot(LIST)
    const o = (await store.insertObjection(filing()))!
    const resolution = { status: 'upheld' as const, resolvedBy: 'a1', resolverName: '刘洋', comment: '情况属实，取消其人选', resolvedAt: at(120) }
    const done = await store.resolveObjection(o.id, resolution)
    expect(done).toEqual({ ...o, ...resolution })
    expect(await store.getObjection(o.id)).toEqual(done)
    expect(await store.resolveObjection(o.id, { ...resolution, status: 'dismissed', comment: '改判' })).toBeNull()
    expect(await store.getObjection(o.id)).toEqual(done)
    expect(await store.resolveObjection('nope', resolution)).toBeNull()
  })

  it('reads the objections resolved in a window, oldest ruling first; pending ones never', async () => {
    const { store } = env
    await store.insertSnapshot(LIST)
    const a = (await store.insertObjection(filing()))!
    const b = (await store.insertObjection(filing({ objectorId: 'm3', objectorName: '王芳' })))!
    await store.insertObjection(filing({ objectorId: 'o1', objectorName: '赵军' }))
    const ruling = (status: 'upheld' | 'dismissed', minutes: number) => ({ status, resolvedBy: 'a1', resolverName: '刘洋', comment: '已核实', resolvedAt: at(minutes) })
    await store.resolveObjection(b.id, ruling('dismissed', 100))
    await store.resolveObjection(a.id, ruling('upheld', 200))
    expect((await store.objectionsResolvedBetween(at(0), at(300))).map((o) => [o.id, o.status, o.objectorId])).toEqual([
      [b.id, 'dismissed', 'm3'],
      [a.id, 'upheld', 'm2'],
    ])
    expect((await store.objectionsResolvedBetween(at(150), at(200))).map((o) => o.id)).toEqual([])
    expect((await store.objectionsResolvedBetween(at(200), at(201))).map((o) => o.id)).toEqual([a.id])
  })
}
