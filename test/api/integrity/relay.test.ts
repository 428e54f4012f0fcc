/**
 * Relayed check-ins (代签): someone at the venue photographs the code and sends it to a member who
 * is not there, or one phone checks in for several members. The geofence of the unit's saved place
 * refuses the far-away scan; what a geofence cannot see (a shared phone, a faked position) is
 * flagged in the organizer's attendance and export, and the organizer may reverse the credit.
 */
import type { AttendanceRow } from '../../../cloud/contract/model'
import { RELAY_FLAG_LABEL } from '../../../cloud/contract/vocabulary'
import { expectOk, type World } from '../../helpers/api'
import { readCsv } from '../../helpers/spreadsheets'
import type { DataOf, TestServer } from '../../helpers/testServer'
import { atVenue, FAR_AWAY, integrityCity, lectureOf, pointsOf, VENUE } from './city'

let srv: TestServer
let w: World
let lecture: string

/** The phones of this story: each member's own, and one used by two members. */
const PHONE = { shared: 'phone-SHARED-0001', a3: 'phone-A3-000003', a4: 'phone-A4-000004', a5: 'phone-A5-000005', a6: 'phone-A6-000006' }

const attendance = () => w.ok('activity', { action: 'attendance', id: lecture }, 'orgA')
const rowOf = (data: DataOf<'activity', 'attendance'>, memberId: string): AttendanceRow => {
  const row = data.present.find((p) => p.memberId === memberId)
  if (!row) throw new Error(`${memberId} is not present`)
  return row
}
/** The export's 异常标记 cell of each member, by name. */
async function flagCells(): Promise<Record<string, string>> {
  const file = await w.ok('activity', { action: 'exportAttendance', id: lecture, format: 'csv' }, 'orgA')
  const [header, ...rows] = readCsv(file).rows
  const col = header.indexOf('异常标记')
  expect(col).toBeGreaterThan(0)
  return Object.fromEntries(rows.map((r) => [r[0], r[col]]))
}
const checkIn = (memberId: string, location: { lat: number; lng: number; accuracyM: number }, deviceId: string) =>
  w.checkIn('orgA', memberId, lecture, { location, deviceId })

beforeAll(async () => {
  ;({ srv, w } = await integrityCity())
  await w.ok('activity', { action: 'savePlace', unitId: 'uA', name: '甲局机关大楼会议室', ...VENUE }, 'orgA')
  // Published with no place of its own: it takes the unit's saved place. Started five minutes ago.
  lecture = (await w.ok('activity', { ...lectureOf(w, -5, 85), publish: true }, 'orgA')).id
})

afterAll(async () => {
  await srv.close()
})

describe('a photographed code, relayed to a member far away', () => {
  it('the activity published without a place carries the unit’s saved place and its name', () => {
    expect(w.one('SELECT place_name, no_location_reason FROM activities WHERE id = ?', lecture)).toEqual({ place_name: '甲局机关大楼会议室', no_location_reason: null })
  })

  it('used 1 km away within 10 s of showing on the screen → OUT_OF_RANGE, nothing stored', async () => {
    const token = await w.token('orgA', lecture)
    srv.clock.advance(8_000)
    const res = await w.expectRefused(
      () => w.checkin('a6', { action: 'checkIn', activityId: lecture, token, location: FAR_AWAY, deviceId: PHONE.a6 }),
      'OUT_OF_RANGE',
      422,
    )
    expect(res.body.ok === false && res.body.error.message).toContain('超出 300 米签到范围')
    expect(w.rowsOf('check_ins', lecture, 'a6')).toEqual([])
    expect(pointsOf(w, 'a6')).toBe(0)
  })
})

describe('what a geofence cannot see is flagged, and still counts', () => {
  it('one phone checks in two members: both count, both flagged sharedDevice', async () => {
    await checkIn('a1', atVenue(1), PHONE.shared)
    await checkIn('a2', atVenue(2), PHONE.shared)
    // What the phone sent is on the check-in, for the view to work the flags out later.
    expect(w.rowsOf('check_ins', lecture, 'a2')).toEqual([expect.objectContaining({ method: 'geo', device_id: PHONE.shared, lat: atVenue(2).lat, lng: atVenue(2).lng })])
    const data = await attendance()
    expect([rowOf(data, 'a1').flags, rowOf(data, 'a2').flags]).toEqual([['sharedDevice'], ['sharedDevice']])
    expect([rowOf(data, 'a1').points, rowOf(data, 'a2').points]).toEqual([1, 1])
    expect(data).toMatchObject({ presentCount: 2, flagged: 2 })
  })

  it('a position reported with an accuracy of 0 m → exactPosition', async () => {
    await checkIn('a3', { ...atVenue(3), accuracyM: 0 }, PHONE.a3)
    expect(rowOf(await attendance(), 'a3').flags).toEqual(['exactPosition'])
  })

  it('two members at identical coordinates → both samePosition', async () => {
    await checkIn('a4', atVenue(4), PHONE.a4)
    await checkIn('a5', atVenue(4), PHONE.a5)
    const data = await attendance()
    expect([rowOf(data, 'a4').flags, rowOf(data, 'a5').flags]).toEqual([['samePosition'], ['samePosition']])
    expect(data).toMatchObject({ presentCount: 5, flagged: 5 })
  })

  it('the view names the flags but never hands out positions or device ids', async () => {
    const json = JSON.stringify(await attendance())
    for (const secret of [PHONE.shared, PHONE.a3, 'signals', 'deviceId', String(atVenue(4).lat)]) expect(json).not.toContain(secret)
  })

  it('the export has a column 异常标记 with the flags in words', async () => {
    const cells = await flagCells()
    const name = (id: string) => w.member(id).name
    expect([name('a1'), name('a2'), name('a3'), name('a4'), name('a5'), name('a6')].map((n) => cells[n])).toEqual([
      RELAY_FLAG_LABEL.sharedDevice,
      RELAY_FLAG_LABEL.sharedDevice,
      RELAY_FLAG_LABEL.exactPosition,
      RELAY_FLAG_LABEL.samePosition,
      RELAY_FLAG_LABEL.samePosition,
      '',
    ])
  })
})

describe('the organizer reverses a flagged check-in', () => {
  const reverse = (who: string, memberId = 'a2') => w.checkin(who, { action: 'reverseCheckIn', activityId: lecture, memberId, note: '同一手机代签，予以撤销' })

  it('a member cannot: FORBIDDEN, and nothing changes', async () => {
    const before = w.fingerprint(['ledger', 'check_ins', 'audit_log'])
    await w.expectRefused(() => reverse('a3'), 'FORBIDDEN', 403)
    expect(w.fingerprint(['ledger', 'check_ins', 'audit_log'])).toEqual(before)
    expect(pointsOf(w, 'a2')).toBe(1)
  })

  it('nor an organizer of another unit: FORBIDDEN, nothing changes', async () => {
    await w.expectRefused(() => reverse('orgB'), 'FORBIDDEN', 403)
    expect(pointsOf(w, 'a2')).toBe(1)
  })

  it('the organizer does: a correcting entry, the member back to 0 points, the row shown reversed and no longer counted as flagged', async () => {
    const credit = w.rowsOf('ledger', lecture, 'a2')
    expect(credit).toHaveLength(1)
    const data = expectOk(await reverse('orgA'))
    expect(data).toMatchObject({ activityId: lecture, memberId: 'a2', reversed: [{ reversesId: credit[0].id, points: -1, approvedBy: 'orgA', note: '同一手机代签，予以撤销' }] })
    expect(pointsOf(w, 'a2')).toBe(0)
    // The original stays as it was; the check-in stays on record.
    expect(w.rowsOf('ledger', lecture, 'a2').find((e) => e.id === credit[0].id)).toEqual(credit[0])
    expect(w.rowsOf('check_ins', lecture, 'a2')).toHaveLength(1)
    const after = await attendance()
    expect(rowOf(after, 'a2')).toMatchObject({ reversed: true, points: 0, flags: ['sharedDevice'] })
    expect(rowOf(after, 'a1')).toMatchObject({ reversed: false, points: 1 })
    expect(after).toMatchObject({ presentCount: 5, flagged: 4 })
    expect((await flagCells())[w.member('a2').name]).toBe(`${RELAY_FLAG_LABEL.sharedDevice}（已撤销）`)
    // Audited under the activity's unit.
    expect(w.all(`SELECT target, unit_id, actor_id FROM audit_log WHERE action = 'checkin.reverseCheckIn'`)).toEqual([{ target: `activityId:${lecture}`, unit_id: 'uA', actor_id: 'orgA' }])
  })

  it('reversing it again: CONFLICT, nothing written', async () => {
    const res = await w.expectRefused(() => reverse('orgA'), 'CONFLICT', 409)
    expect(res.body.ok === false && res.body.error.message).toBe('该签到没有可撤销的积分或时长')
    expect(pointsOf(w, 'a2')).toBe(0)
  })

  it('a member who never checked in has nothing to reverse: CONFLICT', async () => {
    await w.expectRefused(() => reverse('orgA', 'a6'), 'CONFLICT', 409)
  })
})
