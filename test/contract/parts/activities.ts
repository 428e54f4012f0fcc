/** Contract: activities, who they are for, and sign-ups with capacity. */
import type { Store } from '../../../cloud/store/Store'
import { NOW, ORG, addActivity, at, checkIn, crowd, expectRefused } from '../fixtures'

export function activityContract(env: { readonly store: Store }): void {
  it('stores an activity as drafted and keeps its QR secret to itself', async () => {
    const { store } = env
    const a = await addActivity(store, {
      kind: 'volunteer',
      subKind: '到社区服务',
      title: '社区志愿服务',
      description: '整理图书',
      placeName: '东城社区',
      place: { lat: 39.9, lng: 116.4, radiusM: 300 },
      audience: { type: 'groups', groupIds: ['g01', 'g02'] },
      capacity: 30,
      signUpRequired: true,
    })
    expect(await store.getActivity(a.id)).toEqual(a)
    expect(a).toMatchObject({ kind: 'volunteer', place: { lat: 39.9, lng: 116.4, radiusM: 300 }, capacity: 30, signUpRequired: true, status: 'published', createdAt: NOW, updatedAt: NOW })
    expect(a.checkOutClosesAt).not.toBeNull()
    expect(a).not.toHaveProperty('qrSecret')
    expect(await store.getQrSecret(a.id)).toBe('secret-社区志愿服务')
    expect(await store.getActivity('none')).toBeNull()
    expect(await store.getQrSecret('none')).toBeNull()
  })

  it('updates the fields given, replacing place and audience whole', async () => {
    const { store } = env
    const a = await addActivity(store, { place: { lat: 30, lng: 120, radiusM: 500 } })
    const b = await store.updateActivity(a.id, { title: '新标题', place: null, audience: { type: 'all' }, capacity: 10 }, at(1))
    expect(b).toMatchObject({ id: a.id, title: '新标题', place: null, audience: { type: 'all' }, capacity: 10, createdAt: NOW, updatedAt: at(1) })
    const c = await store.updateActivity(a.id, { place: { lat: 31, lng: 121, radiusM: 100 }, audience: { type: 'units', unitIds: ['u02'] } }, at(2))
    expect(c.place).toEqual({ lat: 31, lng: 121, radiusM: 100 })
    expect(c.audience).toEqual({ type: 'units', unitIds: ['u02'] })
    expect(c.title).toBe('新标题')
    expect(await store.getActivity(a.id)).toEqual(c)
    await expectRefused(store.updateActivity('none', { title: 'x' }, at(3)), 'notFound', 'activity')
  })

  it('keeps an activity’s reason for having no location check until an update changes it', async () => {
    const { store } = env
    expect((await addActivity(store, { title: 'plain', place: { lat: 30, lng: 120, radiusM: 500 } })).noLocationReason).toBeNull()
    const a = await addActivity(store, { noLocationReason: '线上学习，无固定地点' })
    expect(a).toMatchObject({ place: null, noLocationReason: '线上学习，无固定地点' })
    expect(await store.getActivity(a.id)).toEqual(a)
    // An update that does not name it keeps it.
    expect((await store.updateActivity(a.id, { title: '新标题' }, at(1))).noLocationReason).toBe('线上学习，无固定地点')
    const placed = await store.updateActivity(a.id, { place: { lat: 31, lng: 121, radiusM: 100 }, noLocationReason: null }, at(2))
    expect(placed).toMatchObject({ place: { lat: 31, lng: 121, radiusM: 100 }, noLocationReason: null })
    expect(await store.getActivity(a.id)).toEqual(placed)
    const again = await store.updateActivity(a.id, { place: null, noLocationReason: '分散自学' }, at(3))
    expect(await store.getActivity(a.id)).toEqual(again)
    expect(again).toMatchObject({ place: null, noLocationReason: '分散自学', title: '新标题' })
  })

  it('keeps an activity’s 学习材料 in order, [] when none, until an update replaces the list', async () => {
    const { store } = env
    expect((await addActivity(store, { title: 'no materials' })).materials).toEqual([])
    const two = [
      { title: '学习强国：重要论述', url: 'https://www.xuexi.cn/a.html' },
      { title: '人民网评论', url: 'http://opinion.people.com.cn/b.html' },
    ]
    const a = await addActivity(store, { materials: two })
    expect(a.materials).toEqual(two)
    expect(await store.getActivity(a.id)).toEqual(a)
    // An update that does not name them keeps them; one that does replaces them whole.
    expect((await store.updateActivity(a.id, { title: '新标题' }, at(1))).materials).toEqual(two)
    const one = [{ title: '共产党员网：党课', url: 'https://www.12371.cn/c.html' }]
    expect((await store.updateActivity(a.id, { materials: one }, at(2))).materials).toEqual(one)
    expect((await store.getActivity(a.id))?.materials).toEqual(one)
    expect((await store.updateActivity(a.id, { materials: [] }, at(3))).materials).toEqual([])
    expect((await store.getActivity(a.id))?.materials).toEqual([])
  })

  it('lists published activities meant for a member (units, groups, all), soonest first', async () => {
    const { store } = env
    const forUnit = await addActivity(store, { title: 'u01', startAt: at(60), endAt: at(120), audience: { type: 'units', unitIds: ['u01'] } })
    const forGroup = await addActivity(store, { title: 'g02', startAt: at(30), endAt: at(90), audience: { type: 'groups', groupIds: ['g02'] } })
    const forAll = await addActivity(store, { title: 'all', startAt: at(90), endAt: at(150), audience: { type: 'all' } })
    await addActivity(store, { title: 'draft', audience: { type: 'all' }, publish: false })
    await addActivity(store, { title: 'ended', startAt: at(-300), endAt: at(-200), audience: { type: 'all' } })
    await addActivity(store, { title: 'u02', audience: { type: 'units', unitIds: ['u02'] } })
    const titles = async (id: string, limit = 10) => (await store.listActivitiesForMember((await store.getMember(id))!, NOW, limit)).map((a) => a.title)
    expect(await titles('m2')).toEqual(['u01', 'all'])
    expect(await titles('m3')).toEqual(['u02', 'g02', 'all'])
    expect(await titles('m1', 1)).toEqual(['u01'])
    expect([forUnit, forGroup, forAll].every((a) => a.status === 'published')).toBe(true)
    // An activity has ended once its end is not after `since`.
    expect((await store.listActivitiesForMember((await store.getMember('m2'))!, at(120), 10)).map((a) => a.title)).toEqual(['all'])
  })

  it('lists the activities of units, newest first, drafts included', async () => {
    const { store } = env
    await addActivity(store, { title: 'a', startAt: at(10), endAt: at(20) })
    await addActivity(store, { title: 'b', startAt: at(30), endAt: at(40), publish: false })
    await addActivity(store, { title: 'c', startAt: at(20), endAt: at(30), unitId: 'u02', audience: { type: 'units', unitIds: ['u02'] } })
    expect((await store.listActivitiesOfUnits(['u01'], 10)).map((a) => a.title)).toEqual(['b', 'a'])
    expect((await store.listActivitiesOfUnits(['u01', 'u02'], 10)).map((a) => a.title)).toEqual(['b', 'c', 'a'])
    expect((await store.listActivitiesOfUnits(['u01', 'u02'], 2)).map((a) => a.title)).toEqual(['b', 'c'])
    expect(await store.listActivitiesOfUnits(['u09'], 10)).toEqual([])
  })

  it('counts check-ins per activity, zero for none', async () => {
    const { store } = env
    const a = await addActivity(store)
    const b = await addActivity(store, { title: 'b' })
    await store.recordCheckIn(checkIn(a.id, 'm1'), null)
    await store.recordCheckIn(checkIn(a.id, 'm2'), null)
    expect(await store.countCheckIns([a.id, b.id, 'none'])).toEqual({ [a.id]: 2, [b.id]: 0, none: 0 })
    expect(await store.countCheckIns([])).toEqual({})
  })

  it('signs up once; a full activity says so', async () => {
    const { store } = env
    const a = await addActivity(store, { capacity: 2, signUpRequired: true })
    expect(await store.signUp(a.id, 'm1', 2, NOW)).toBe('created')
    expect(await store.signUp(a.id, 'm1', 2, NOW)).toBe('exists')
    expect(await store.signUp(a.id, 'm2', 2, NOW)).toBe('created')
    expect(await store.signUp(a.id, 'o1', 2, NOW)).toBe('full')
    expect(await store.signUp(a.id, 'm2', 2, NOW)).toBe('exists')
    expect(await store.countSignUps([a.id, 'none'])).toEqual({ [a.id]: 2, none: 0 })
    expect(await store.signedUpActivityIds('m1', [a.id, 'none'])).toEqual(new Set([a.id]))
    expect(await store.signedUpActivityIds('o1', [a.id])).toEqual(new Set())
  })

  it('gives the last places to exactly as many people as there are, however many try at once', async () => {
    const { store } = env
    await store.importOrg({ units: [], branches: [], partyGroups: [], youthGroups: [], members: crowd(20) }, NOW)
    const a = await addActivity(store, { capacity: 5, audience: { type: 'all' } })
    const outcomes = await Promise.all(crowd(20).map((m) => store.signUp(a.id, m.id, 5, NOW)))
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(5)
    expect(outcomes.filter((o) => o === 'full')).toHaveLength(15)
    expect((await store.countSignUps([a.id]))[a.id]).toBe(5)
    // The same member twice at once: one sign-up, and no place lost for someone else.
    const b = await addActivity(store, { title: 'b', capacity: 2, audience: { type: 'all' } })
    const twice = await Promise.all([store.signUp(b.id, 'c0', 2, NOW), store.signUp(b.id, 'c0', 2, NOW), store.signUp(b.id, 'c0', 2, NOW)])
    expect(twice.filter((o) => o === 'created')).toHaveLength(1)
    expect(await store.signUp(b.id, 'c1', 2, NOW)).toBe('created')
  })

  it('a withdrawn sign-up frees its place; withdrawing again, or someone else\'s, changes nothing', async () => {
    const { store } = env
    const a = await addActivity(store, { capacity: 2, signUpRequired: true })
    expect(await store.signUp(a.id, 'm1', 2, NOW)).toBe('created')
    expect(await store.signUp(a.id, 'm2', 2, NOW)).toBe('created')
    expect(await store.signUp(a.id, 'o1', 2, NOW)).toBe('full')
    expect(await store.withdrawSignUp(a.id, 'm1')).toBe(true)
    expect(await store.withdrawSignUp(a.id, 'm1')).toBe(false)
    expect(await store.withdrawSignUp(a.id, 'o1')).toBe(false)
    expect(await store.countSignUps([a.id])).toEqual({ [a.id]: 1 })
    expect(await store.signedUpActivityIds('m2', [a.id])).toEqual(new Set([a.id]))
    expect(await store.signUp(a.id, 'o1', 2, NOW)).toBe('created')
    expect(await store.signUp(a.id, 'm1', 2, NOW)).toBe('full')
  })

  it('has no limit without a capacity', async () => {
    const { store } = env
    const a = await addActivity(store, { audience: { type: 'all' } })
    for (const m of ORG.members) expect(await store.signUp(a.id, m.id, null, NOW)).toBe('created')
    expect((await store.countSignUps([a.id]))[a.id]).toBe(ORG.members.length)
  })
}
