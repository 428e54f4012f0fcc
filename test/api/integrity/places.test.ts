/**
 * A unit's saved check-in places: read by whoever organizes in the unit, kept by its organizers,
 * its unit admin and the city admin, at most PLACE_LIMITS.perUnit, every change in the audit log.
 */
import { PLACE_LIMITS } from '../../../cloud/contract/limits'
import type { UnitPlace } from '../../../cloud/contract/model'
import { errorOf, type World } from '../../helpers/api'
import type { EventOf, TestServer } from '../../helpers/testServer'
import { integrityCity, lectureOf, VENUE } from './city'

let srv: TestServer
let w: World

const ROOM: Spot = { name: '甲局机关大楼会议室', ...VENUE }
const HALL: Spot = { name: '甲局党员活动室', lat: 30.2752, lng: 120.1566, radiusM: 200 }
interface Spot {
  name: string
  lat: number
  lng: number
  radiusM: number
}
const saveEvent = (unitId: string, place: Spot, placeId?: string): EventOf<'activity', 'savePlace'> => ({ action: 'savePlace', unitId, ...place, ...(placeId ? { placeId } : {}) })
const list = async (who: string, unitId?: string): Promise<UnitPlace[]> => (await w.ok('activity', { action: 'places', ...(unitId ? { unitId } : {}) }, who)).places
/** What is stored for a unit, as the activity function reads it. */
const storedPlaces = (unitId: string) => srv.store.getSetting(`unitPlaces:${unitId}`)

beforeAll(async () => {
  ;({ srv, w } = await integrityCity())
})

afterAll(async () => {
  await srv.close()
})

describe('saving and listing a unit’s places', () => {
  let room: UnitPlace

  it('none at first; an organizer saves one, and it is listed for the caller’s own unit', async () => {
    expect(await list('orgA')).toEqual([])
    room = await w.ok('activity', saveEvent('uA', ROOM), 'orgA')
    expect(room).toEqual({ id: expect.any(String), unitId: 'uA', ...ROOM, savedBy: 'orgA', savedAt: srv.clock.now().toISOString() })
    expect(await list('orgA')).toEqual([room])
    expect(await list('adminA', 'uA')).toEqual([room])
    expect(await list('city', 'uA')).toEqual([room])
  })

  it('saving is audited under the unit', async () => {
    expect(w.one(`SELECT actor_id, unit_id, target FROM audit_log WHERE action = 'activity.savePlace' ORDER BY seq DESC LIMIT 1`)).toEqual({
      actor_id: 'orgA',
      unit_id: 'uA',
      target: `placeId:${room.id}`,
    })
  })

  it('the same id again changes it in place; a second place goes after it', async () => {
    const moved = await w.ok('activity', saveEvent('uA', { ...ROOM, radiusM: 250 }, room.id), 'orgA2')
    expect(moved).toMatchObject({ id: room.id, radiusM: 250, savedBy: 'orgA2' })
    const hall = await w.ok('activity', saveEvent('uA', HALL), 'adminA')
    expect((await list('orgA')).map((p) => [p.id, p.name, p.radiusM])).toEqual([
      [room.id, ROOM.name, 250],
      [hall.id, HALL.name, 200],
    ])
  })

  it('a name the unit already uses: BAD_INPUT; an id it does not have: NOT_FOUND; nothing stored', async () => {
    const before = await storedPlaces('uA')
    const res = await w.expectRefused(() => w.activity('orgA', saveEvent('uA', { ...HALL, lat: 30.3 })), 'BAD_INPUT', 400)
    expect(errorOf(res).details).toEqual({ field: 'name' })
    await w.expectRefused(() => w.activity('orgA', saveEvent('uA', { ...HALL, name: '新地点' }, 'no-such-place')), 'NOT_FOUND', 404)
    expect(await storedPlaces('uA')).toEqual(before)
  })

  it('a place outside the radius limits, or without coordinates: BAD_INPUT, nothing stored', async () => {
    await w.expectRefused(() => w.activity('orgA', saveEvent('uA', { ...ROOM, name: '太大', radiusM: 100_000 })), 'BAD_INPUT', 400)
    await w.expectRefused(() => w.send('activity', { action: 'savePlace', unitId: 'uA', name: '没有坐标', radiusM: 200 }, 'orgA'), 'BAD_INPUT', 400)
  })
})

describe('who may read and keep them', () => {
  it('a plain member may not list them: FORBIDDEN', async () => {
    await w.expectRefused(() => w.activity('a1', { action: 'places' }), 'FORBIDDEN', 403)
  })

  it('another unit’s organizer may neither list, save nor remove 甲局’s: FORBIDDEN, nothing stored', async () => {
    const [first] = await list('orgA')
    const before = await storedPlaces('uA')
    await w.expectRefused(() => w.activity('orgB', { action: 'places', unitId: 'uA' }), 'FORBIDDEN', 403)
    await w.expectRefused(() => w.activity('orgB', saveEvent('uA', { ...ROOM, name: '乙局代存' })), 'FORBIDDEN', 403)
    await w.expectRefused(() => w.activity('orgB', { action: 'removePlace', unitId: 'uA', placeId: first.id }), 'FORBIDDEN', 403)
    expect(await storedPlaces('uA')).toEqual(before)
    // Their own unit's are theirs: none yet.
    expect(await list('orgB')).toEqual([])
  })

  it('the city admin keeps any unit’s; a unit that does not exist: NOT_FOUND', async () => {
    expect(await w.ok('activity', saveEvent('uB', { ...HALL, name: '乙局会议室' }), 'city')).toMatchObject({ unitId: 'uB', savedBy: 'city' })
    await w.expectRefused(() => w.activity('city', saveEvent('uZ', ROOM)), 'NOT_FOUND', 404)
  })
})

describe('at most PLACE_LIMITS.perUnit, and removing', () => {
  it('the unit’s limit: one more is CONFLICT, nothing stored', async () => {
    const have = (await list('orgA')).length
    for (let i = have; i < PLACE_LIMITS.perUnit; i++) await w.ok('activity', saveEvent('uA', { ...HALL, name: `会议室${i}` }), 'orgA')
    expect(await list('orgA')).toHaveLength(PLACE_LIMITS.perUnit)
    await w.expectRefused(() => w.activity('orgA', saveEvent('uA', { ...HALL, name: '再多一个' })), 'CONFLICT', 409)
  })

  it('removing one: gone from the list, audited; an activity published with it keeps its own copy of the point', async () => {
    const [first] = await list('orgA')
    const published = await w.ok('activity', { ...lectureOf(w, 120, 180), publish: true }, 'orgA')
    expect(published.place).toEqual({ lat: first.lat, lng: first.lng, radiusM: first.radiusM })
    expect(await w.ok('activity', { action: 'removePlace', unitId: 'uA', placeId: first.id }, 'orgA2')).toEqual(first)
    expect((await list('orgA')).map((p) => p.id)).not.toContain(first.id)
    expect(w.one(`SELECT actor_id, unit_id, target FROM audit_log WHERE action = 'activity.removePlace'`)).toEqual({ actor_id: 'orgA2', unit_id: 'uA', target: `placeId:${first.id}` })
    expect((await w.ok('activity', { action: 'get', id: published.id }, 'orgA')).place).toEqual(published.place)
    // Removed already: NOT_FOUND, nothing stored.
    await w.expectRefused(() => w.activity('orgA', { action: 'removePlace', unitId: 'uA', placeId: first.id }), 'NOT_FOUND', 404)
  })
})
