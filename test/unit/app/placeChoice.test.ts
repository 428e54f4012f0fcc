/**
 * The place an organizer chooses when publishing (src/organizer/shared/placeChoice.ts): a saved place
 * of the unit (the first by default), the position of the phone on site (saved for next time if asked),
 * or no check with a reason; what the server is sent, or what the organizer must do first.
 */
import type { UnitPlace } from '@cloud/contract/model'
import { INITIAL_CHOICE, OTHER_REASON, sitingOf, withPlaces, type PlaceChoice } from '../../../src/organizer/shared/placeChoice'

const ROOM: UnitPlace = { id: 'pl-u01-1', unitId: 'u01', name: '市委办公室机关大楼会议室', lat: 30.2741, lng: 120.1551, radiusM: 300, savedBy: 'm0001', savedAt: '2026-11-01T00:00:00.000Z' }
const HALL: UnitPlace = { ...ROOM, id: 'pl-u01-2', name: '市委办公室党员活动室', lat: 30.2752, lng: 120.1543, radiusM: 200 }
const HERE = { lat: 30.27412, lng: 120.15508, accuracyM: 18 }
const choose = (patch: Partial<PlaceChoice>, places: UnitPlace[] = [ROOM, HALL]): PlaceChoice => ({ ...withPlaces(INITIAL_CHOICE, places), ...patch })

test('the unit’s first saved place is chosen when it has one; on-site location when it has none', () => {
  expect(withPlaces(INITIAL_CHOICE, [ROOM, HALL])).toMatchObject({ mode: 'saved', savedId: 'pl-u01-1' })
  expect(withPlaces(INITIAL_CHOICE, [])).toMatchObject({ mode: 'here', savedId: null })
})

test('a saved place is sent as the geofence, with its name for an activity left without one', () => {
  expect(sitingOf(choose({ savedId: 'pl-u01-2' }), [ROOM, HALL], true)).toEqual({
    ok: true,
    siting: { place: { lat: 30.2752, lng: 120.1543, radiusM: 200 }, placeName: '市委办公室党员活动室' },
  })
  expect(sitingOf(choose({ mode: 'saved', savedId: null }, []), [], true)).toEqual({ ok: false, problem: expect.stringContaining('本单位还没有常用地点') })
})

test('on-site location: publishing needs the position first; a draft may wait for it', () => {
  expect(sitingOf(choose({ mode: 'here' }), [ROOM], true)).toEqual({ ok: false, problem: expect.stringMatching(/^请先点“使用我当前的位置”/) })
  expect(sitingOf(choose({ mode: 'here' }), [ROOM], false)).toEqual({ ok: true, siting: {} })
  expect(sitingOf(choose({ mode: 'here', here: HERE, radiusM: 500 }), [ROOM], true)).toEqual({ ok: true, siting: { place: { lat: 30.27412, lng: 120.15508, radiusM: 500 } } })
})

test('saving the position as a unit place needs a name', () => {
  expect(sitingOf(choose({ mode: 'here', here: HERE, keep: true, keepName: '  ' }), [], true)).toEqual({ ok: false, problem: expect.stringContaining('常用地点的名称') })
  expect(sitingOf(choose({ mode: 'here', here: HERE, keep: true, keepName: ' 三楼会议室 ' }), [], true)).toEqual({
    ok: true,
    siting: { place: { lat: 30.27412, lng: 120.15508, radiusM: 300 }, keepAs: '三楼会议室' },
  })
})

test('no location check: a preset reason, or 其他 with one written (at least 2 characters)', () => {
  expect(sitingOf(choose({ mode: 'none' }), [ROOM], true)).toEqual({ ok: true, siting: { noLocationReason: '线上活动' } })
  expect(sitingOf(choose({ mode: 'none', reason: OTHER_REASON, otherReason: '讲' }), [ROOM], true)).toEqual({ ok: false, problem: expect.stringContaining('至少 2 个字') })
  expect(sitingOf(choose({ mode: 'none', reason: OTHER_REASON, otherReason: ' 多个社区同时开展 ' }), [ROOM], false)).toEqual({ ok: true, siting: { noLocationReason: '多个社区同时开展' } })
})
