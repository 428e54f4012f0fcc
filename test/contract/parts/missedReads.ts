/** Contract: what the 未签到 list reads — a member's started activities still in their make-up period, and their make-ups for them. */
import type { Store } from '../../../cloud/store/Store'
import { NOW, addActivity, at, makeupRequest } from '../fixtures'

export function missedReadsContract(env: { readonly store: Store }): void {
  it('lists the published activities for a member that started by a time and end from another, latest start first', async () => {
    const { store } = env
    const window = { startedBy: NOW, endingFrom: at(-600) }
    await addActivity(store, { title: 'running', startAt: at(-60), endAt: at(60) })
    await addActivity(store, { title: 'starts now', startAt: NOW, endAt: at(60) })
    await addActivity(store, { title: 'ended at the bound', startAt: at(-700), endAt: at(-600) })
    await addActivity(store, { title: 'ended before it', startAt: at(-700), endAt: at(-601) })
    await addActivity(store, { title: 'to come', startAt: at(1), endAt: at(60) })
    await addActivity(store, { title: 'group', startAt: at(-30), endAt: at(30), audience: { type: 'groups', groupIds: ['g02'] } })
    await addActivity(store, { title: 'all', startAt: at(-90), endAt: at(-30), audience: { type: 'all' } })
    await addActivity(store, { title: 'draft', startAt: at(-60), endAt: at(60), audience: { type: 'all' }, publish: false })
    await addActivity(store, { title: 'u02', startAt: at(-60), endAt: at(60), audience: { type: 'units', unitIds: ['u02'] } })
    const titles = async (id: string, limit = 10) => (await store.listStartedActivitiesForMember((await store.getMember(id))!, window, limit)).map((a) => a.title)
    expect(await titles('m2')).toEqual(['starts now', 'running', 'all', 'ended at the bound'])
    expect(await titles('m3')).toEqual(['group', 'u02', 'all'])
    expect(await titles('m2', 2)).toEqual(['starts now', 'running'])
  })

  it('leaves out a cancelled activity', async () => {
    const { store } = env
    const a = await addActivity(store, { title: 'called off', startAt: at(-60), endAt: at(60) })
    await store.updateActivity(a.id, { status: 'cancelled' }, NOW)
    expect(await store.listStartedActivitiesForMember((await store.getMember('m2'))!, { startedBy: NOW, endingFrom: at(-600) }, 10)).toEqual([])
  })

  it("gives one member's make-ups for some activities, every status, latest request first", async () => {
    const { store } = env
    const a = await addActivity(store, { title: 'a' })
    const b = await addActivity(store, { title: 'b' })
    const c = await addActivity(store, { title: 'c' })
    const first = await store.insertMakeup(makeupRequest(a.id, 'm1', at(200)))
    await store.decideMakeup(first.id, { approve: false, reviewer: 'o1', comment: '请补充说明', at: at(205) }, null, null)
    const again = await store.insertMakeup(makeupRequest(a.id, 'm1', at(210)))
    const onB = await store.insertMakeup(makeupRequest(b.id, 'm1', at(201)))
    await store.insertMakeup(makeupRequest(c.id, 'm1', at(202)))
    await store.insertMakeup(makeupRequest(a.id, 'm2', at(203)))
    const mine = await store.makeupsOfMemberFor('m1', [a.id, b.id, 'none'])
    expect(mine.map((m) => [m.id, m.status])).toEqual([
      [again.id, 'pending'],
      [onB.id, 'pending'],
      [first.id, 'rejected'],
    ])
    expect(mine[2]).toMatchObject({ activityId: a.id, memberId: 'm1', reviewComment: '请补充说明' })
    expect(await store.makeupsOfMemberFor('m1', [])).toEqual([])
    expect(await store.makeupsOfMemberFor('m3', [a.id])).toEqual([])
  })
}
