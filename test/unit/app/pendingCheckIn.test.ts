/**
 * A check-in scanned while signed out (src/utils/pendingCheckIn.ts) waits in app storage for the
 * sign-in, for half an hour at most; and what a refused check-in leaves the member to do
 * (src/pages/checkin/nextStep.ts): a spent code asks for a new scan, never a 重试 that cannot succeed.
 */
import { fake } from '../../helpers/fakeTaro'
import { forgetPendingCheckIn, pendingCheckIn, PENDING_KEEP_MS, rememberPendingCheckIn, scannedAgo } from '../../../src/utils/pendingCheckIn'
import { nextStepAfter } from '../../../src/pages/checkin/nextStep'

jest.mock('@tarojs/taro', () => jest.requireActual('../../helpers/fakeTaro'))

const LINK = { activityId: 'a1', token: '1x.abcdefghijklmnopqrstuv' }
const T0 = Date.parse('2026-12-03T09:00:00Z')

beforeEach(() => fake.reset())

describe('pendingCheckIn', () => {
  test('is remembered with the time it was scanned and read back', () => {
    rememberPendingCheckIn(LINK, T0)
    expect(pendingCheckIn(T0 + 5_000)).toEqual({ ...LINK, scannedAt: T0 })
  })

  test('is forgotten after half an hour, or when told', () => {
    rememberPendingCheckIn(LINK, T0)
    expect(pendingCheckIn(T0 + PENDING_KEEP_MS)).not.toBeNull()
    expect(pendingCheckIn(T0 + PENDING_KEEP_MS + 1)).toBeNull()
    forgetPendingCheckIn()
    expect(pendingCheckIn(T0 + 1)).toBeNull()
  })

  test('a newer scan replaces the older one', () => {
    rememberPendingCheckIn(LINK, T0)
    rememberPendingCheckIn({ activityId: 'a2', token: '1y.abcdefghijklmnopqrstuv' }, T0 + 1_000)
    expect(pendingCheckIn(T0 + 2_000)?.activityId).toBe('a2')
  })

  test('something else in its storage slot is no pending check-in', () => {
    fake.storage.set('party-checkin.pendingCheckIn', { activityId: 'a1' })
    expect(pendingCheckIn(T0)).toBeNull()
    fake.storage.set('party-checkin.pendingCheckIn', 'garbage')
    expect(pendingCheckIn(T0)).toBeNull()
  })

  test('says how long ago it was scanned', () => {
    const p = { ...LINK, scannedAt: T0 }
    expect(scannedAgo(p, T0 + 3_000)).toBe('刚才')
    expect(scannedAgo(p, T0 + 42_000)).toBe('42 秒前')
    expect(scannedAgo(p, T0 + 185_000)).toBe('3 分钟前')
  })
})

describe('nextStepAfter a refused check-in', () => {
  test('a spent or foreign code asks for a new scan, not a retry', () => {
    expect(nextStepAfter('TOKEN_EXPIRED')).toBe('scan')
  })

  test('check-in not open yet: scan again once it opens; closed: no scan helps (补签 is offered instead)', () => {
    expect(nextStepAfter('WINDOW_CLOSED', { opensAt: '2026-12-03T09:30:00Z' })).toBe('scan')
    expect(nextStepAfter('WINDOW_CLOSED', { closedAt: '2026-12-03T09:30:00Z' })).toBe('none')
  })

  test('refusals about who the member is or the activity offer neither', () => {
    for (const code of ['NOT_IN_AUDIENCE', 'NOT_SIGNED_UP', 'ACTIVITY_NOT_OPEN', 'NOT_FOUND', 'BAD_INPUT']) expect(nextStepAfter(code)).toBe('none')
  })

  test('a position or the network may work on a second try with the same code', () => {
    for (const code of ['LOCATION_REQUIRED', 'OUT_OF_RANGE', 'INTERNAL', 'NETWORK', 'RATE_LIMITED']) expect(nextStepAfter(code)).toBe('retry')
  })
})
