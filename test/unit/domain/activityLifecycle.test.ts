/**
 * What may change once an activity is published, started, ended or cancelled: every stage against
 * every organizer operation (update, publish, cancel, show the QR code) and a member's sign-up,
 * with the exact codes and Chinese messages the API answers.
 */
import type { Activity } from '../../../cloud/contract/model'
import type { ActivityStatus } from '../../../cloud/contract/vocabulary'
import {
  assertMayCancel,
  assertMayPublish,
  assertMayShowQr,
  assertMaySignUp,
  lifecycleOf,
  phaseOf,
  type LifecycleStage,
} from '../../../cloud/domain/activityLifecycle'
import { DomainError } from '../../../cloud/domain/errors'
import { aMember, anActivity } from '../../helpers/domain'

const MIN = 60_000
const START = '2026-11-20T06:00:00.000Z' // 14:00 in Shanghai
const END = '2026-11-20T08:00:00.000Z' // 16:00
const startMs = Date.parse(START)
const endMs = Date.parse(END)

const activity = (status: ActivityStatus, over: Partial<Activity> = {}): Activity => anActivity(START, END, { status, ...over })
const member = aMember

/** Moments by the clock: before the start, at the start, during, at the end, after the end. */
const BEFORE = new Date(startMs - 1)
const AT_START = new Date(startMs)
const DURING = new Date(startMs + 60 * MIN)
const AT_END = new Date(endMs)
const AFTER = new Date(endMs + 24 * 60 * MIN)

/** What a guard did: passed (with its result), or refused with a code and message. */
function outcome(fn: () => unknown): unknown {
  try {
    const result = fn()
    return result === undefined ? 'ok' : result
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError)
    return [(e as DomainError).code, (e as DomainError).message]
  }
}

describe('phaseOf and lifecycleOf', () => {
  it('phase by the clock: upcoming before the start, ongoing from the start, ended from the end', () => {
    const a = activity('published')
    expect([BEFORE, AT_START, DURING, new Date(endMs - 1), AT_END, AFTER].map((t) => phaseOf(a, t))).toEqual([
      'upcoming',
      'ongoing',
      'ongoing',
      'ongoing',
      'ended',
      'ended',
    ])
  })

  it.each<[ActivityStatus, Date, LifecycleStage]>([
    ['draft', BEFORE, 'draft'],
    ['draft', AFTER, 'draft'],
    ['cancelled', BEFORE, 'cancelled'],
    ['cancelled', AFTER, 'cancelled'],
    ['published', BEFORE, 'upcoming'],
    ['published', DURING, 'ongoing'],
    ['published', AT_END, 'ended'],
  ])('a %s activity at %s is %s', (status, now, stage) => {
    expect(lifecycleOf(activity(status), now)).toBe(stage)
  })
})

/** Each stage, with a moment that puts the activity there (drafts and cancelled ones at several moments). */
const STAGES: [string, Activity, Date][] = [
  ['draft, upcoming', activity('draft'), BEFORE],
  ['draft, ongoing', activity('draft'), DURING],
  ['draft, ended', activity('draft'), AFTER],
  ['upcoming', activity('published'), BEFORE],
  ['ongoing (at the start)', activity('published'), AT_START],
  ['ongoing', activity('published'), DURING],
  ['ended (at the end)', activity('published'), AT_END],
  ['ended', activity('published'), AFTER],
  ['cancelled, upcoming', activity('cancelled'), BEFORE],
  ['cancelled, ended', activity('cancelled'), AFTER],
]

const CANCELLED_PUBLISH = ['CONFLICT', '活动已取消，不能发布']
const ENDED_PUBLISH = ['CONFLICT', '活动已结束，不能发布；过去的活动请通过补签或补录记录']
const ENDED_CANCEL = ['CONFLICT', '活动已结束，不能取消']
const QR_DRAFT = ['ACTIVITY_NOT_OPEN', '请先发布活动再展示签到码']
const QR_CANCELLED = ['ACTIVITY_NOT_OPEN', '活动已取消']

/** stage → [publish, cancel, show QR] */
const EXPECTED: Record<string, [unknown, unknown, unknown]> = {
  'draft, upcoming': ['apply', 'apply', QR_DRAFT],
  'draft, ongoing': ['apply', 'apply', QR_DRAFT],
  'draft, ended': [ENDED_PUBLISH, ENDED_CANCEL, QR_DRAFT],
  upcoming: ['unchanged', 'apply', 'ok'],
  'ongoing (at the start)': ['unchanged', 'apply', 'ok'],
  ongoing: ['unchanged', 'apply', 'ok'],
  'ended (at the end)': ['unchanged', ENDED_CANCEL, 'ok'],
  ended: ['unchanged', ENDED_CANCEL, 'ok'],
  'cancelled, upcoming': [CANCELLED_PUBLISH, 'unchanged', QR_CANCELLED],
  'cancelled, ended': [CANCELLED_PUBLISH, 'unchanged', QR_CANCELLED],
}

describe.each(STAGES)('%s', (stage, a, now) => {
  const [publish, cancel, qr] = EXPECTED[stage]

  it('publish', () => expect(outcome(() => assertMayPublish(a, now))).toEqual(publish))
  it('cancel', () => expect(outcome(() => assertMayCancel(a, now))).toEqual(cancel))
  it('show the QR code', () => expect(outcome(() => assertMayShowQr(a))).toEqual(qr))
})

describe('assertMaySignUp', () => {
  const inUnit = member()
  const outsider = member({ unitId: 'u02' })

  it.each<[string, Activity, Date, unknown]>([
    ['draft', activity('draft'), BEFORE, ['ACTIVITY_NOT_OPEN', '活动尚未发布']],
    ['cancelled', activity('cancelled'), BEFORE, ['ACTIVITY_NOT_OPEN', '活动已取消']],
    ['upcoming', activity('published'), BEFORE, 'ok'],
    ['ongoing', activity('published'), DURING, 'ok'],
    ['ended', activity('published'), AT_END, ['WINDOW_CLOSED', '活动已结束，不能报名']],
  ])('%s activity, a member of its audience', (_stage, a, now, expected) => {
    expect(outcome(() => assertMaySignUp(a, inUnit, now))).toEqual(expected)
  })

  it('someone outside the audience hears that first, even after the end (but not before the status)', () => {
    const refused = ['NOT_IN_AUDIENCE', '您不在本次活动的参加范围内']
    expect(outcome(() => assertMaySignUp(activity('published'), outsider, BEFORE))).toEqual(refused)
    expect(outcome(() => assertMaySignUp(activity('published'), outsider, AFTER))).toEqual(refused)
    expect(outcome(() => assertMaySignUp(activity('cancelled'), outsider, BEFORE))).toEqual(['ACTIVITY_NOT_OPEN', '活动已取消'])
  })
})
