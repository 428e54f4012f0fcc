/** Contract: check-ins, the ledger, the daily cap, check-out and volunteer hours. */
import type { Store } from '../../../cloud/store/Store'
import { CAP, DAY, NOW, addActivity, at, checkIn, credit, expectRefused, sum } from '../fixtures'

export function checkInContract(env: { readonly store: Store }): void {
  it('records one check-in per member and activity: the second call writes nothing', async () => {
    const { store } = env
    const a = await addActivity(store)
    const first = await store.recordCheckIn(checkIn(a.id, 'm1'), credit('lecture', 1), CAP)
    expect(first.created).toBe(true)
    expect(first.checkIn).toEqual({ ...checkIn(a.id, 'm1'), id: first.checkIn.id, checkedOutAt: null })
    expect(first.credit).toMatchObject({ activityId: a.id, memberId: 'm1', kind: 'lecture', points: 1, hours: 0, method: 'qr', reversesId: null })
    const second = await store.recordCheckIn(checkIn(a.id, 'm1', at(5)), credit('lecture', 1, at(5)), CAP)
    expect(second).toEqual({ checkIn: first.checkIn, created: false, credit: null })
    expect(await store.findCheckIn(a.id, 'm1')).toEqual(first.checkIn)
    expect(await store.findCheckIn(a.id, 'm2')).toBeNull()
    expect(await store.creditsOf(a.id, 'm1')).toEqual([first.credit])
    expect(await store.getLedgerEntry(first.credit!.id)).toEqual(first.credit)
    expect(await store.getLedgerEntry('none')).toBeNull()
  })

  it('keeps what the phone sent about itself (its id, its position); what it did not send is null', async () => {
    const { store } = env
    const a = await addActivity(store, { kind: 'volunteer', place: { lat: 30.27415, lng: 120.15515, radiusM: 300 } })
    const signals = { method: 'geo' as const, distanceM: 12.5, accuracyM: 18, deviceId: 'phone-abc_123', lat: 30.2741506, lng: 120.1551507 }
    const sent = await store.recordCheckIn(checkIn(a.id, 'm1', NOW, signals), credit('volunteer', 0), CAP)
    expect(sent.checkIn).toEqual({ ...checkIn(a.id, 'm1', NOW, signals), id: sent.checkIn.id, checkedOutAt: null })
    expect(await store.findCheckIn(a.id, 'm1')).toEqual(sent.checkIn)
    // An older app sends none of them: the check-in is stored with nulls, not left without the fields.
    const { deviceId: _deviceId, lat: _lat, lng: _lng, ...bare } = checkIn(a.id, 'm2')
    const none = await store.recordCheckIn(bare, null)
    expect(none.checkIn).toMatchObject({ deviceId: null, lat: null, lng: null })
    expect(await store.findCheckIn(a.id, 'm2')).toEqual(none.checkIn)
    // Check-out keeps them.
    expect((await store.recordCheckOut(sent.checkIn.id, at(120), null, 0)).checkIn).toEqual({ ...sent.checkIn, checkedOutAt: at(120) })
    expect(await store.findCheckIn(a.id, 'm1')).toEqual({ ...sent.checkIn, checkedOutAt: at(120) })
  })

  it('keeps an idempotency key to one activity: a retry gets the first check-in, reuse elsewhere is refused', async () => {
    const { store } = env
    const a = await addActivity(store, { title: 'a' })
    const b = await addActivity(store, { title: 'b' })
    const first = await store.recordCheckIn(checkIn(a.id, 'm1', NOW, { idempotencyKey: 'phone-key-0001' }), credit('lecture', 1), CAP)
    const retry = await store.recordCheckIn(checkIn(a.id, 'm1', at(1), { idempotencyKey: 'phone-key-0001' }), credit('lecture', 1, at(1)), CAP)
    expect(retry.created).toBe(false)
    expect(retry.checkIn.id).toBe(first.checkIn.id)
    await expectRefused(store.recordCheckIn(checkIn(b.id, 'm1', at(2), { idempotencyKey: 'phone-key-0001' }), credit('lecture', 1, at(2)), CAP), 'idempotencyKeyReused')
    expect(await store.findCheckIn(b.id, 'm1')).toBeNull()
    expect((await store.findCheckIn(a.id, 'm1'))?.idempotencyKey).toBe('phone-key-0001')
    // The same key for another member is that member's own.
    expect((await store.recordCheckIn(checkIn(b.id, 'm2', at(3), { idempotencyKey: 'phone-key-0001' }), null)).created).toBe(true)
  })

  it('makes one check-in and one credit of 50 simultaneous attempts', async () => {
    const { store } = env
    const a = await addActivity(store, { kind: 'study' })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.recordCheckIn(checkIn(a.id, 'm1', at(i % 5), { idempotencyKey: i % 2 ? `key-${i}` : null }), credit('study', 2, at(i % 5)), CAP)),
    )
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(new Set(results.map((r) => r.checkIn.id)).size).toBe(1)
    expect(await store.creditsOf(a.id, 'm1')).toHaveLength(1)
    expect((await store.countCheckIns([a.id]))[a.id]).toBe(1)
    expect(await store.pointsCreditedBetween('m1', DAY.start, DAY.end)).toBe(2)
  })

  it('reduces points to what the daily cap leaves, one after another', async () => {
    const { store } = env
    const given: number[] = []
    for (let i = 0; i < 6; i++) {
      const a = await addActivity(store, { kind: 'study', title: `学习${i}` })
      given.push((await store.recordCheckIn(checkIn(a.id, 'm1', at(i)), credit('study', 2, at(i)), CAP)).credit!.points)
    }
    expect(given).toEqual([2, 2, 2, 2, 2, 0])
    expect(await store.pointsCreditedBetween('m1', DAY.start, DAY.end)).toBe(10)
    // The next day starts afresh.
    const tomorrow = { from: DAY.end, to: new Date(Date.parse(DAY.end) + 86_400_000).toISOString(), cap: 10 }
    const a = await addActivity(store, { kind: 'study', title: '明天' })
    expect((await store.recordCheckIn(checkIn(a.id, 'm1', at(1440)), credit('study', 2, at(1440)), tomorrow)).credit!.points).toBe(2)
  })

  it('holds the daily cap when credits arrive at the same moment', async () => {
    const { store } = env
    const activities = await Promise.all(Array.from({ length: 8 }, (_, i) => addActivity(store, { kind: 'study', title: `并发${i}` })))
    const results = await Promise.all(activities.map((a, i) => store.recordCheckIn(checkIn(a.id, 'm1', at(i)), credit('study', 2, at(i)), CAP)))
    expect(results.every((r) => r.created)).toBe(true)
    expect(sum(results.map((r) => r.credit!.points))).toBe(10)
    expect(await store.pointsCreditedBetween('m1', DAY.start, DAY.end)).toBe(10)
    // Organizer-confirmed credits share the same cap.
    const v = await addActivity(store, { kind: 'volunteer', title: '志愿' })
    await store.recordCheckIn(checkIn(v.id, 'm1'), null)
    const confirmed = await store.appendCredit(v.id, 'm1', credit('volunteer', 3, at(30), { hours: 3, method: 'manual', approvedBy: 'o1' }), CAP)
    expect(confirmed).toMatchObject({ points: 0, hours: 3, approvedBy: 'o1', method: 'manual' })
  })

  it('says which of some activities a member has checked in to', async () => {
    const { store } = env
    const a = await addActivity(store, { title: 'a' })
    const b = await addActivity(store, { title: 'b' })
    await store.recordCheckIn(checkIn(a.id, 'm1'), null)
    expect(await store.checkedInActivityIds('m1', [a.id, b.id])).toEqual(new Set([a.id]))
    expect(await store.checkedInActivityIds('m2', [a.id, b.id])).toEqual(new Set())
  })

  it('checks out once: the credit for hours that count at once, and a claim for the rest', async () => {
    const { store } = env
    const v = await addActivity(store, { kind: 'volunteer', endAt: at(600) })
    const { checkIn: ci } = await store.recordCheckIn(checkIn(v.id, 'm1'), null)
    const hours = credit('volunteer', 8, at(600), { hours: 8 })
    const out = await store.recordCheckOut(ci.id, at(600), hours, 2, CAP)
    expect(out.updated).toBe(true)
    expect(out.checkIn).toEqual({ ...ci, checkedOutAt: at(600) })
    expect(await store.recordCheckOut(ci.id, at(610), hours, 2, CAP)).toEqual({ checkIn: { ...ci, checkedOutAt: at(600) }, updated: false, credit: null })
    const credits = await store.creditsOf(v.id, 'm1')
    expect(credits.map((c) => [c.points, c.hours])).toEqual([[8, 8]])
    const claims = await store.listHourClaims(v.id, 'pending')
    expect(claims).toEqual([expect.objectContaining({ activityId: v.id, memberId: 'm1', memberName: '李强', hours: 2, status: 'pending', createdAt: at(600), reviewedBy: null, reviewedAt: null })])
    expect(await store.volunteerHoursBetween('m1', DAY.start, DAY.end)).toEqual({ effective: 8, pending: 2 })
    expect(await store.volunteerHoursBetween('m1', DAY.end, at(3000))).toEqual({ effective: 0, pending: 0 })
    expect(await store.findCheckIn(v.id, 'm1')).toEqual(out.checkIn)
    // The one member's claims, without the activity's list: what check-out and confirmation ask.
    expect(await store.hourClaimsOf(v.id, 'm1', 'pending')).toEqual([{ id: claims[0].id, activityId: v.id, memberId: 'm1', hours: 2, status: 'pending', createdAt: at(600), reviewedBy: null, reviewedAt: null }])
    expect(await store.hourClaimsOf(v.id, 'm1', 'approved')).toEqual([])
    expect(await store.hourClaimsOf(v.id, 'm2', 'pending')).toEqual([])
  })

  it('refuses to check out a check-in that does not exist', async () => {
    await expectRefused(env.store.recordCheckOut('none', at(30), null, 0), 'notFound', 'checkIn')
  })

  it('a check-out with nothing to credit only records the time', async () => {
    const { store } = env
    const v = await addActivity(store, { kind: 'volunteer' })
    const { checkIn: ci } = await store.recordCheckIn(checkIn(v.id, 'm2'), null)
    const out = await store.recordCheckOut(ci.id, at(30), null, 0)
    expect(out).toEqual({ checkIn: { ...ci, checkedOutAt: at(30) }, updated: true, credit: null })
    expect(await store.creditsOf(v.id, 'm2')).toEqual([])
    expect(await store.listHourClaims(v.id, 'pending')).toEqual([])
  })

  it('decides an hour claim once; approval appends its credit', async () => {
    const { store } = env
    const v = await addActivity(store, { kind: 'volunteer', endAt: at(720) })
    const one = (await store.recordCheckIn(checkIn(v.id, 'm1'), null)).checkIn
    const two = (await store.recordCheckIn(checkIn(v.id, 'm2'), null)).checkIn
    await store.recordCheckOut(one.id, at(720), credit('volunteer', 8, at(720), { hours: 8 }), 4, CAP)
    await store.recordCheckOut(two.id, at(720), credit('volunteer', 8, at(720), { hours: 8 }), 3, CAP)
    const [c1, c2] = (await store.listHourClaims(v.id, 'pending')).sort((x, y) => x.memberId.localeCompare(y.memberId))
    expect(await store.getHourClaim(c1.id)).toMatchObject({ id: c1.id, memberId: 'm1', hours: 4, status: 'pending' })
    const approved = await store.decideHourClaim(c1.id, true, 'o1', at(800), credit('volunteer', 2, at(800), { hours: 4, method: 'manual', approvedBy: 'o1' }), CAP)
    expect(approved).toMatchObject({ id: c1.id, status: 'approved', reviewedBy: 'o1', reviewedAt: at(800) })
    expect(await store.decideHourClaim(c1.id, true, 'o1', at(801), credit('volunteer', 2, at(801), { hours: 4 }), CAP)).toBeNull()
    expect(await store.decideHourClaim(c2.id, false, 'o1', at(802), null, CAP)).toMatchObject({ status: 'rejected' })
    // An unknown claim is not decided (the SQLite adapter throws a TypeError here rather than answering null).
    expect(await store.decideHourClaim('none', true, 'o1', at(803), null).catch(() => null)).toBeNull()
    expect((await store.creditsOf(v.id, 'm1')).map((c) => c.hours)).toEqual([8, 4])
    expect((await store.creditsOf(v.id, 'm2')).map((c) => c.hours)).toEqual([8])
    expect((await store.listHourClaims(v.id, 'approved')).map((c) => c.memberName)).toEqual(['李强'])
    expect((await store.listHourClaims(v.id, 'rejected')).map((c) => c.memberName)).toEqual(['张敏'])
    expect(await store.listHourClaims(v.id, 'pending')).toEqual([])
    expect((await store.hourClaimsOf(v.id, 'm1', 'approved')).map((c) => [c.id, c.hours])).toEqual([[c1.id, 4]])
    expect(await store.hourClaimsOf(v.id, 'm1', 'pending')).toEqual([])
    expect((await store.hourClaimsOf(v.id, 'm2', 'rejected')).map((c) => c.id)).toEqual([c2.id])
  })

  it('reverses a credit once, with a new entry; the original stays as it was', async () => {
    const { store } = env
    const a = await addActivity(store, { kind: 'study' })
    const { credit: original } = await store.recordCheckIn(checkIn(a.id, 'm1'), credit('study', 2), CAP)
    const request = { device: 'pc', ip: '10.0.0.1' }
    const reversal = await store.reverseCredit(original!, 'o1', at(10), '误签', request)
    expect(reversal.hours === 0).toBe(true)
    expect(reversal).toMatchObject({ activityId: a.id, memberId: 'm1', kind: 'study', points: -2, method: 'manual', approvedBy: 'o1', createdAt: at(10), device: 'pc', ip: '10.0.0.1', reversesId: original!.id, note: '误签' })
    await expectRefused(store.reverseCredit(original!, 'o1', at(11), '再次', request), 'alreadyReversed')
    expect((await store.creditsOf(a.id, 'm1')).map((c) => [c.id, c.points, c.reversesId])).toEqual([
      [original!.id, 2, null],
      [reversal.id, -2, original!.id],
    ])
    expect(await store.getLedgerEntry(reversal.id)).toMatchObject({ reversesId: original!.id, note: '误签' })
    expect(await store.pointsCreditedBetween('m1', DAY.start, DAY.end)).toBe(0)
    // The points it gave back are room under today's cap again.
    const b = await addActivity(store, { kind: 'study', title: 'b' })
    for (let i = 0; i < 5; i++) {
      const c = await addActivity(store, { kind: 'study', title: `c${i}` })
      await store.recordCheckIn(checkIn(c.id, 'm1', at(20 + i)), credit('study', 2, at(20 + i)), CAP)
    }
    expect((await store.recordCheckIn(checkIn(b.id, 'm1', at(30)), credit('study', 2, at(30)), CAP)).credit!.points).toBe(0)
  })
}
