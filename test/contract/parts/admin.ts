/** Contract: sessions, the audit log, settings and readiness. */
import type { Store } from '../../../cloud/store/Store'
import { addActivity, at } from '../fixtures'

export function adminContract(env: { readonly store: Store }): void {
  it('revokes one session; a reset voids every session issued before it', async () => {
    const { store } = env
    const live = async (sid: string, memberId: string, issuedAt: string) => (await store.sessionMember(sid, memberId, issuedAt))?.id === memberId
    // The member as getMember reads it, roles included.
    expect(await store.sessionMember('s1', 'm1', at(0))).toEqual(await store.getMember('m1'))
    expect(await live('s1', 'm1', at(0))).toBe(true)
    await store.revokeSession('s1', 'm1', at(1), at(600))
    await store.revokeSession('s1', 'm1', at(2), at(600))
    expect(await live('s1', 'm1', at(0))).toBe(false)
    expect(await live('s2', 'm1', at(0))).toBe(true)
    await store.resetMemberAccess('m1', 'RESET001', at(10))
    expect(await live('s2', 'm1', at(0))).toBe(false)
    expect(await live('s3', 'm1', at(10))).toBe(true)
    expect(await live('s4', 'm1', at(11))).toBe(true)
    expect(await store.sessionMember('s5', 'nobody', at(11))).toBeNull()
  })

  it('counts a member signed in on the roster once they sign in with their code or bind WeChat; a reset forgets both', async () => {
    const { store } = env
    const signedIn = async () => Object.fromEntries((await store.listMembersOfUnit('u01', undefined, false, 50)).map((m) => [m.id, [m.signedIn, m.bound]]))
    expect(await signedIn()).toEqual({ o1: [false, false], m1: [false, false], m2: [false, false] })
    await store.noteSignIn('m1', at(1))
    await store.noteSignIn('m1', at(2))
    await store.bindOpenId('m2', 'wx-open-7')
    await store.noteSignIn('nobody', at(2))
    expect(await signedIn()).toEqual({ o1: [false, false], m1: [true, false], m2: [true, true] })
    await store.resetMemberAccess('m1', 'RESET002', at(3))
    await store.resetMemberAccess('m2', 'RESET003', at(3))
    expect(await signedIn()).toEqual({ o1: [false, false], m1: [false, false], m2: [false, false] })
  })

  it('appends to the audit log and lists it newest first, by unit, actor and time', async () => {
    const { store } = env
    const entry = (n: number, actorId: string, unitId: string | null) => ({
      at: at(n),
      actorId,
      actorName: actorId === 'o1' ? '王芳' : '刘洋',
      unitId,
      action: `action-${n}`,
      target: n % 2 ? `t${n}` : null,
      before: n === 1 ? { title: '旧', tags: ['a'], $weird: 1, 'dotted.key': true } : null,
      after: n === 1 ? { title: '新' } : undefined,
    })
    for (const [n, actor, unit] of [
      [1, 'o1', 'u01'],
      [2, 'a1', null],
      [3, 'o1', 'u02'],
      [4, 'a1', 'u01'],
    ] as const)
      await store.appendAudit(entry(n, actor, unit))
    const all = await store.listAudit({}, 10)
    expect(all.map((e) => e.action)).toEqual(['action-4', 'action-3', 'action-2', 'action-1'])
    expect(all[3]).toMatchObject({ actorId: 'o1', actorName: '王芳', unitId: 'u01', target: 't1', before: { title: '旧', tags: ['a'], $weird: 1, 'dotted.key': true }, after: { title: '新' } })
    expect(all[2]).toMatchObject({ unitId: null, target: null, before: null, after: null })
    expect(all[0].seq).toBeGreaterThan(all[1].seq)
    expect((await store.listAudit({ unitIds: ['u01'] }, 10)).map((e) => e.action)).toEqual(['action-4', 'action-1'])
    expect((await store.listAudit({ actorId: 'o1' }, 10)).map((e) => e.action)).toEqual(['action-3', 'action-1'])
    expect((await store.listAudit({ from: at(2), to: at(4) }, 10)).map((e) => e.action)).toEqual(['action-3', 'action-2'])
    expect((await store.listAudit({ from: at(3) }, 10)).map((e) => e.action)).toEqual(['action-4', 'action-3'])
    expect((await store.listAudit({}, 2)).map((e) => e.action)).toEqual(['action-4', 'action-3'])
    // Several actors (a name search resolved to ids); none matches nothing; with actorId both must hold.
    expect((await store.listAudit({ actorIds: ['o1', 'a1'], unitIds: ['u01'] }, 10)).map((e) => e.action)).toEqual(['action-4', 'action-1'])
    expect((await store.listAudit({ actorIds: ['a1'] }, 10)).map((e) => e.action)).toEqual(['action-4', 'action-2'])
    expect(await store.listAudit({ actorIds: [] }, 10)).toEqual([])
    expect(await store.listAudit({ actorIds: ['a1'], actorId: 'o1' }, 10)).toEqual([])
  })

  it('lists who acted in some units’ logs, each once by their newest name, and names what rows point at', async () => {
    const { store } = env
    const row = (n: number, actorId: string, actorName: string, unitId: string | null) => ({ at: at(n), actorId, actorName, unitId, action: `a-${n}`, target: null, before: null, after: null })
    await store.appendAudit(row(1, 'o1', '王芳', 'u01'))
    await store.appendAudit(row(2, 'a1', '刘洋', 'u02'))
    await store.appendAudit(row(3, 'o1', '王芳芳', 'u01'))
    await store.appendAudit(row(4, 'm9', '赵六', null))
    expect(await store.auditActors(['u01'])).toEqual([{ id: 'o1', name: '王芳芳' }])
    expect(await store.auditActors(['u01', 'u02'])).toEqual([
      { id: 'a1', name: '刘洋' },
      { id: 'o1', name: '王芳芳' },
    ])
    expect(await store.auditActors(undefined)).toEqual([
      { id: 'a1', name: '刘洋' },
      { id: 'm9', name: '赵六' },
      { id: 'o1', name: '王芳芳' },
    ])
    expect(await store.auditActors(['u99'])).toEqual([])

    const lecture = await addActivity(store, { title: '处长讲坛第一讲' })
    const names = await store.auditNames({ members: ['m1', 'o1', 'm1', 'nobody'], activities: [lecture.id, 'gone'], units: ['u02'] })
    expect(names.members).toEqual(new Map([['m1', '李强'], ['o1', '王芳']]))
    expect(names.activities).toEqual(new Map([[lecture.id, '处长讲坛第一讲']]))
    expect(names.units).toEqual(new Map([['u02', '市财政局']]))
    expect(await store.auditNames({ members: [], activities: [], units: [] })).toEqual({ members: new Map(), activities: new Map(), units: new Map() })
  })

  it('keeps small settings', async () => {
    const { store } = env
    expect(await store.getSetting('demo')).toBeNull()
    await store.putSetting('demo', '1')
    await store.putSetting('demo', '2')
    await store.putSetting('other.key/with:marks', 'x')
    expect(await store.getSetting('demo')).toBe('2')
    expect(await store.getSetting('other.key/with:marks')).toBe('x')
  })

  it('keeps ready views whole under their key, the latest build replacing the one before', async () => {
    const { store } = env
    expect(await store.readView('board:studyModel:2026-11')).toBeNull()
    const value = { total: 2, rows: [{ memberId: 'm1', name: '李强', score: 3.5, 'a.b': null, $c: ['x'] }], byMonth: { '2026-11': 1 } }
    await store.writeViews([
      { key: 'board:studyModel:2026-11', value, builtAt: at(1) },
      { key: 'board:studyModel:2026-11:unit:u01', value: { rows: [] }, builtAt: at(1) },
    ])
    expect(await store.readView('board:studyModel:2026-11')).toEqual({ key: 'board:studyModel:2026-11', value, builtAt: at(1) })
    await store.writeViews([{ key: 'board:studyModel:2026-11', value: { total: 0, rows: [] }, builtAt: at(5) }])
    expect(await store.readView('board:studyModel:2026-11')).toEqual({ key: 'board:studyModel:2026-11', value: { total: 0, rows: [] }, builtAt: at(5) })
    expect((await store.readView('board:studyModel:2026-11:unit:u01'))?.builtAt).toBe(at(1))
  })

  it('answers a ping', async () => {
    await expect(env.store.ping()).resolves.toBeUndefined()
  })
}
