/**
 * Publishing: never without a venue (a place, or the organizer's recorded reason for none), and
 * never once the activity has ended, whichever action publishes it.
 */
import { expectOk, type World } from '../../helpers/api'
import type { TestServer } from '../../helpers/testServer'
import { integrityCity, lectureOf, VENUE } from './city'

let srv: TestServer
let w: World

const HERE = { lat: 30.2802, lng: 120.1633, radiusM: 150 }
const ONLINE = '线上活动'
const DAY_MIN = 24 * 60

/** The venue as stored. */
const venueOf = (id: string) =>
  w.one('SELECT status, place_name, place_lat, place_lng, place_radius_m, no_location_reason FROM activities WHERE id = ?', id)
const stored = (place: { lat: number; lng: number; radiusM: number } | null, reason: string | null, placeName: string | null = null, status = 'published') => ({
  status,
  place_name: placeName,
  place_lat: place?.lat ?? null,
  place_lng: place?.lng ?? null,
  place_radius_m: place?.radiusM ?? null,
  no_location_reason: reason,
})
const draft = async (extra: object = {}) => (await w.ok('activity', { ...lectureOf(w, 120, 180), ...extra }, 'orgA')).id

beforeAll(async () => {
  ;({ srv, w } = await integrityCity())
})

afterAll(async () => {
  await srv.close()
})

describe('publishing needs a venue', () => {
  it('no place, no reason, no saved place: BAD_INPUT on the place saying the three ways, and nothing stored', async () => {
    const res = await w.expectRefused(() => w.activity('orgA', { ...lectureOf(w, 120, 180), publish: true }), 'BAD_INPUT', 400)
    const error = res.body.ok ? null : res.body.error
    expect(error?.details).toEqual({ field: 'place' })
    for (const way of ['使用我当前的位置', '本单位常用地点', '不校验位置']) expect(error?.message).toContain(way)
    expect(w.n('SELECT COUNT(*) AS n FROM activities')).toBe(0)
  })

  it('publishing a draft with none: BAD_INPUT, and it stays a draft', async () => {
    const id = await draft()
    const before = venueOf(id)
    await w.expectRefused(() => w.activity('orgA', { action: 'publish', id }), 'BAD_INPUT', 400)
    expect(venueOf(id)).toEqual(before)
    expect(before).toEqual(stored(null, null, null, 'draft'))
  })

  it('with a reason: published with it, and no place', async () => {
    const created = await w.ok('activity', { ...lectureOf(w, 120, 180), publish: true, noLocationReason: ONLINE }, 'orgA')
    expect(created).toMatchObject({ status: 'published', place: null, noLocationReason: ONLINE })
    expect(venueOf(created.id)).toEqual(stored(null, ONLINE))
    const later = await draft()
    expect(await w.ok('activity', { action: 'publish', id: later, noLocationReason: '分散开展（无固定地点）' }, 'orgA')).toMatchObject({ place: null, noLocationReason: '分散开展（无固定地点）' })
  })

  it('with the organizer’s position given at publishing: it wins over a reason the draft had', async () => {
    const id = await draft({ noLocationReason: ONLINE })
    expect(await w.ok('activity', { action: 'publish', id, place: HERE }, 'orgA')).toMatchObject({ status: 'published', place: HERE, noLocationReason: null })
    expect(venueOf(id)).toEqual(stored(HERE, null))
  })

  it('with a saved place: the unit’s first one, its name too when the activity has none; a draft’s own place is kept', async () => {
    await w.ok('activity', { action: 'savePlace', unitId: 'uA', name: '甲局机关大楼会议室', ...VENUE }, 'orgA')
    await w.ok('activity', { action: 'savePlace', unitId: 'uA', name: '甲局党员活动室', ...HERE }, 'orgA')
    const created = await w.ok('activity', { ...lectureOf(w, 120, 180), publish: true }, 'orgA')
    expect(created).toMatchObject({ place: VENUE, placeName: '甲局机关大楼会议室', noLocationReason: null })
    expect(venueOf(created.id)).toEqual(stored(VENUE, null, '甲局机关大楼会议室'))
    const named = await draft({ placeName: '二楼小会议室' })
    expect(await w.ok('activity', { action: 'publish', id: named }, 'orgA')).toMatchObject({ place: VENUE, placeName: '二楼小会议室' })
    const own = await draft({ place: HERE })
    expect(await w.ok('activity', { action: 'publish', id: own }, 'orgA')).toMatchObject({ place: HERE, noLocationReason: null })
  })

  it('a published activity switches between a place and a reason, each clearing the other', async () => {
    const id = (await w.ok('activity', { ...lectureOf(w, 120, 180), publish: true, place: HERE }, 'orgA')).id
    expect(await w.ok('activity', { action: 'update', id, noLocationReason: ONLINE }, 'orgA')).toMatchObject({ place: null, noLocationReason: ONLINE })
    expect(venueOf(id)).toEqual(stored(null, ONLINE))
    expect(await w.ok('activity', { action: 'update', id, place: VENUE }, 'orgA')).toMatchObject({ place: VENUE, noLocationReason: null })
    expect(venueOf(id)).toEqual(stored(VENUE, null))
  })

  it('a published activity holding neither (published before the rule) is not edited until it has one', async () => {
    // 乙局 keeps no saved place.
    const id = (await w.ok('activity', { ...lectureOf(w, 120, 180), audience: { type: 'units', unitIds: ['uB'] }, publish: true, noLocationReason: ONLINE }, 'orgB')).id
    w.db.prepare('UPDATE activities SET no_location_reason = NULL WHERE id = ?').run(id)
    const before = w.fingerprint(['activities'])
    const res = await w.expectRefused(() => w.activity('orgB', { action: 'update', id, title: '改名' }), 'BAD_INPUT', 400)
    expect(res.body.ok === false && res.body.error.details).toEqual({ field: 'place' })
    expect(w.fingerprint(['activities'])).toEqual(before)
    expect(await w.ok('activity', { action: 'update', id, title: '改名', noLocationReason: ONLINE }, 'orgB')).toMatchObject({ title: '改名', noLocationReason: ONLINE })
  })
})

describe('nothing is published once it has ended', () => {
  const twoDaysAgo = () => lectureOf(w, -2 * DAY_MIN - 90, -2 * DAY_MIN, '补开的讲座')

  it('created published with its end two days ago: CONFLICT, no activity stored', async () => {
    const before = w.n('SELECT COUNT(*) AS n FROM activities')
    for (const venue of [{}, { noLocationReason: ONLINE }, { place: VENUE }]) {
      const res = await w.expectRefused(() => w.activity('orgA', { ...twoDaysAgo(), ...venue, publish: true }), 'CONFLICT', 409)
      expect(res.body.ok === false && res.body.error.message).toBe('活动已结束，不能发布；过去的活动请通过补签或补录记录')
    }
    expect(w.n('SELECT COUNT(*) AS n FROM activities')).toBe(before)
  })

  it('as a draft it is kept; publishing it then: CONFLICT, still a draft', async () => {
    const created = expectOk(await w.activity('orgA', { ...twoDaysAgo(), noLocationReason: ONLINE }))
    expect(created.status).toBe('draft')
    const before = w.fingerprint(['activities', 'audit_log'])
    await w.expectRefused(() => w.activity('orgA', { action: 'publish', id: created.id }), 'CONFLICT', 409)
    await w.expectRefused(() => w.activity('orgA', { action: 'publish', id: created.id, place: VENUE }), 'CONFLICT', 409)
    expect(w.fingerprint(['activities', 'audit_log'])).toEqual(before)
  })

  it('one that has started but not ended may still be published', async () => {
    expect(await w.ok('activity', { ...lectureOf(w, -30, 30), publish: true, noLocationReason: ONLINE }, 'orgA')).toMatchObject({ status: 'published' })
  })
})
