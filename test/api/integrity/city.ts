/**
 * A small city for the integrity tests (relayed check-ins, four eyes, publishing, saved places):
 * 甲局 uA with two organizers, its unit admin and six members; 乙局 uB with its organizer, one
 * member and the city admin. No unit has a saved place until a test saves one.
 */
import type { RoleGrant } from '../../../cloud/contract/model'
import type { OrgBatch } from '../../../cloud/store/Store'
import { person, shanghai, world, type World } from '../../helpers/api'
import { startTestServer, type TestServer } from '../../helpers/testServer'

const member = (id: string, name: string, unitId: string, roles: RoleGrant[] = []) => person(id, name, unitId, null, '1988-08-08', roles)

export const ORG: OrgBatch = {
  units: [
    { id: 'uA', name: '甲局' },
    { id: 'uB', name: '乙局' },
  ],
  branches: [],
  partyGroups: [],
  youthGroups: [],
  members: [
    member('orgA', '周组织', 'uA', [{ role: 'organizer', unitId: 'uA' }]),
    member('orgA2', '郑组织', 'uA', [{ role: 'organizer', unitId: 'uA' }]),
    member('adminA', '吴管理', 'uA', [{ role: 'unitAdmin', unitId: 'uA' }]),
    member('a1', '赵一', 'uA'),
    member('a2', '钱二', 'uA'),
    member('a3', '孙三', 'uA'),
    member('a4', '李四', 'uA'),
    member('a5', '周五', 'uA'),
    member('a6', '吴六', 'uA'),
    member('orgB', '王组织', 'uB', [{ role: 'organizer', unitId: 'uB' }]),
    member('b1', '冯七', 'uB'),
    member('city', '蒋书记', 'uB', [{ role: 'cityAdmin' }]),
  ],
}

/** 甲局's meeting room (WGS-84) and its geofence. */
export const VENUE = { lat: 30.2741, lng: 120.1551, radiusM: 300 } as const
/** About a kilometre north of the venue: a degree of latitude is 111 km. */
export const FAR_AWAY = { lat: VENUE.lat + 0.009, lng: VENUE.lng, accuracyM: 15 } as const
/** A phone at the venue, `i` times about 11 m north of its centre, with an ordinary accuracy. */
export const atVenue = (i: number) => ({ lat: Number((VENUE.lat + i * 0.0001).toFixed(6)), lng: VENUE.lng, accuracyM: 15 })

/** A test server with this city, the clock at 2026-11-20 09:00 in Shanghai. */
export async function integrityCity(): Promise<{ srv: TestServer; w: World }> {
  const srv = await startTestServer({ seed: false, now: shanghai('2026-11-20 09:00') })
  const w = world(srv)
  await srv.store.importOrg(ORG, srv.clock.now().toISOString())
  return { srv, w }
}

/** An activity of 甲局 for the whole unit, from `fromMin` to `toMin` minutes from now: the create event's fields. */
export const lectureOf = (w: World, fromMin: number, toMin: number, title = '处长讲坛') => ({
  action: 'create' as const,
  kind: 'lecture' as const,
  title,
  startAt: w.inMin(fromMin),
  endAt: w.inMin(toMin),
  audience: { type: 'units' as const, unitIds: ['uA'] },
})

/** The ledger of one member: entries and their sum. */
export const pointsOf = (w: World, memberId: string, activityId?: string): number =>
  w.n(`SELECT COALESCE(SUM(points), 0) AS n FROM ledger WHERE member_id = ?${activityId ? ' AND activity_id = ?' : ''}`, ...(activityId ? [memberId, activityId] : [memberId]))

