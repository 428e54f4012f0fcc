/**
 * Proof that the directly built city has the adapter's shapes: the same events (a capped study
 * check-in, a lecture, one the cap cuts to nothing, a volunteer check-in and check-out, a reversal
 * the next day) written once through the CloudBaseStore (then settled by its reconcile, as the
 * timer does) and once by the DirectWriter leave the same records in every collection the writer
 * fills, down to each field (ledger `seq` aside: it is a clock). Run at the start of every CloudBase
 * bench, so a change of the adapter's records shows up there instead of as wrong figures.
 */
import { isDeepStrictEqual } from 'node:util'
import type { Member } from '../cloud/contract/model'
import { draftActivity } from '../cloud/domain/activity'
import { dailyCapOn } from '../cloud/domain/credit'
import { DEFAULT_POLICY } from '../cloud/domain/policy'
import type { DailyCap, NewCheckIn, NewCredit } from '../cloud/store/Store'
import { CloudBaseStore } from '../cloud/store/cloudbase/CloudBaseStore'
import { COL, INDEXES } from '../cloud/store/cloudbase/collections'
import type { Doc } from '../cloud/store/cloudbase/sdk'
import { type FakeDatabase, fakeDb } from '../test/helpers/cloudbaseFake'
import { DirectWriter } from './cloudbaseWriter'

/** A fake with the console's indexes, as test/contract/cloudbaseDb.ts makes it. */
export function indexedDb(): FakeDatabase {
  const db = fakeDb({ throwOnNotFound: false })
  for (const [name, specs] of Object.entries(INDEXES)) db.defineIndexes(name, specs ?? [])
  return db
}

const COMPARED = [COL.checkIns, COL.ledger, COL.dailyPoints, COL.memberCounters, COL.unitCounters] as const

const HOUR = 3_600_000

/** Differences between what the adapter wrote and what the writer built (empty when the shapes agree). */
export async function checkShapes(): Promise<string[]> {
  const viaAdapter = indexedDb()
  const store = new CloudBaseStore(viaAdapter, { settleMs: 0 })
  const person = (id: string, n: number, roles: Member['roles']) => ({
    id,
    memberNo: `S${n}`,
    name: `党员${n}`,
    unitId: 'U1',
    branchId: 'U1-B1',
    partyGroupId: null,
    youthGroupId: null,
    birthDate: '1990-01-01',
    partyStatus: 'full' as const,
    cadreRank: null,
    roles,
    active: true,
    phone: null,
    bindCode: `SHAPE${n}`,
  })
  await store.importOrg(
    {
      units: [{ id: 'U1', name: '单位' }],
      branches: [{ id: 'U1-B1', unitId: 'U1', name: '支部' }],
      partyGroups: [],
      youthGroups: [],
      members: [person('M1', 1, [{ role: 'member' }]), person('M2', 2, [{ role: 'organizer', unitId: 'U1' }])],
    },
    '2026-01-01T00:00:00.000Z',
  )
  const organizer = (await store.getMember('M2')) as Member
  const day = Date.parse('2026-03-10T00:00:00.000Z')
  const activity = async (kind: 'study' | 'lecture' | 'volunteer', at: number, hours: number) =>
    store.insertActivity(
      {
        ...draftActivity({ kind, title: kind, startAt: new Date(at).toISOString(), endAt: new Date(at + hours * HOUR).toISOString(), audience: { type: 'all' } }, organizer, { unitId: 'U1' }, DEFAULT_POLICY, true),
        qrSecret: 'secret',
      },
      '2026-01-01T00:00:00.000Z',
    )
  const study = await activity('study', day + HOUR, 2)
  const lecture = await activity('lecture', day + 3 * HOUR, 2)
  const lateStudy = await activity('study', day + 5 * HOUR, 1)
  const volunteer = await activity('volunteer', day + 6 * HOUR, 4)

  const checkIn = (activityId: string, at: number): NewCheckIn => ({
    activityId,
    memberId: 'M1',
    checkedInAt: new Date(at).toISOString(),
    method: 'qr',
    distanceM: 12,
    accuracyM: 30,
    device: 'shape',
    ip: '10.0.0.1',
    idempotencyKey: null,
  })
  const credit = (kind: NewCredit['kind'], points: number, hours: number, at: number): NewCredit => ({
    kind,
    points,
    hours,
    method: 'qr',
    approvedBy: null,
    createdAt: new Date(at).toISOString(),
    device: 'shape',
    ip: '10.0.0.1',
    reversesId: null,
  })
  // A cap of 3 a day: the study's 2 fit, the lecture's 1 fits exactly, the late study gets nothing.
  const cap = (at: number): DailyCap => ({ ...dailyCapOn(new Date(at), DEFAULT_POLICY), cap: 3 })
  const events: [NewCheckIn, NewCredit | null, DailyCap | null][] = [
    [checkIn(study.id, day + HOUR), credit('study', 2, 0, day + HOUR), cap(day + HOUR)],
    [checkIn(lecture.id, day + 3 * HOUR), credit('lecture', 1, 0, day + 3 * HOUR), cap(day + 3 * HOUR)],
    [checkIn(lateStudy.id, day + 5 * HOUR), credit('study', 2, 0, day + 5 * HOUR), cap(day + 5 * HOUR)],
    [checkIn(volunteer.id, day + 6 * HOUR), null, null],
  ]
  const outAt = day + 9.5 * HOUR
  const outCredit = credit('volunteer', 3, 3.5, outAt)
  const reverseAt = new Date(day + 25 * HOUR).toISOString()
  const request = { device: 'shape', ip: null }

  const results = []
  for (const [c, cr, cp] of events) results.push(await store.recordCheckIn(c, cr, cp ?? undefined))
  await store.recordCheckOut(results[3].checkIn.id, new Date(outAt).toISOString(), outCredit, 0)
  await store.reverseCredit(results[0].credit!, 'M2', reverseAt, '更正', request)
  await store.reconcileCounters()

  const direct = indexedDb()
  const writer = new DirectWriter(() => 'U1')
  const built = events.map(([c, cr, cp]) => writer.checkIn(c, cr, cp))
  writer.checkOut(built[3].record, new Date(outAt).toISOString(), outCredit, null)
  writer.reverse(built[0].entry!, 'M2', reverseAt, '更正', request)
  for (const name of COMPARED) await direct.createCollection(name)
  writer.load(direct)

  const problems: string[] = []
  const normal = (d: Doc): Doc => ({ ...d, ...('seq' in d ? { seq: typeof d.seq === 'number' ? 'a number' : d.seq } : {}) })
  for (const name of COMPARED) {
    const want = new Map(viaAdapter.dump(name).map((d) => [String(d._id), normal(d)]))
    const got = new Map(direct.dump(name).map((d) => [String(d._id), normal(d)]))
    for (const id of new Set([...want.keys(), ...got.keys()])) {
      if (!isDeepStrictEqual(want.get(id), got.get(id))) problems.push(`${name}/${id}: adapter ${JSON.stringify(want.get(id) ?? null)} ≠ built ${JSON.stringify(got.get(id) ?? null)}`)
    }
  }
  return problems
}
