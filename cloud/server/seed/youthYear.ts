/**
 * The youth groups' year before the last three months the seed draws in detail: a session in every
 * calendar month since January that has none yet (this month's before today), so a group that
 * keeps its rhythm covers its youth. One group missed a month four months back (before the detailed
 * months, so nothing fills it): its youth are not covered this year.
 */
import type { Member, UnitPlace } from '../../contract/model'
import { draftActivity } from '../../domain/activity'
import { pointsForCheckIn } from '../../domain/checkIn'
import { shiftRhythmPeriod } from '../../domain/meetingRhythm'
import type { Policy } from '../../domain/policy'
import { newQrSecret } from '../../domain/qrToken'
import { shanghaiDay, SHANGHAI_OFFSET_MS } from '../../domain/time'
import type { OrgBatch, Store } from '../../store/Store'
import { heldAt } from './places'
import type { Random } from './random'

type Person = OrgBatch['members'][number]

const HOUR = 3600_000

export interface YouthYearResult {
  sessions: number
  checkIns: number
}

const monthKey = (ms: number) => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7)

export async function seedYouthYear(
  store: Store,
  policy: Policy,
  now: Date,
  ctx: {
    groups: { id: string; name: string; unitIds: string[] }[]
    /** Start times of the sessions already seeded, per group. */
    sessions: Map<string, number[]>
    members: Person[]
    organizerOf: (unitId: string) => Member
    /** Where a unit's group meets (its 党员活动室, which the 青年之家 shares): checked in there. */
    venueOf: (unitId: string) => UnitPlace
    /** The group that missed a month. */
    lapsed: string
    keep: ReadonlySet<string>
    pointsToday: Map<string, number>
  },
  r: Random,
): Promise<YouthYearResult> {
  const current = monthKey(now.getTime())
  const today = Number(new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(8, 10))
  const missed = shiftRhythmPeriod(current, -4)
  const result: YouthYearResult = { sessions: 0, checkIns: 0 }
  for (const g of ctx.groups) {
    const met = new Set((ctx.sessions.get(g.id) ?? []).map(monthKey))
    const people = ctx.members.filter((m) => m.youthGroupId === g.id && !ctx.keep.has(m.id))
    if (!people.length) continue
    for (let key = `${current.slice(0, 4)}-01`; key <= current; key = shiftRhythmPeriod(key, 1)) {
      if (met.has(key) || (g.id === ctx.lapsed && key === missed)) continue
      const [y, m] = key.split('-').map(Number)
      const day = key === current ? Math.min(r.int(8, 25), today - 1) : r.int(8, 25)
      if (day < 1) continue
      const start = Date.UTC(y, m - 1, day, 16) - SHANGHAI_OFFSET_MS
      if (start > now.getTime() - 2 * HOUR) continue
      const draft = draftActivity(
        {
          kind: 'study',
          subKind: '青年理论学习小组学习',
          title: `${g.name}${m}月学习`,
          startAt: new Date(start).toISOString(),
          endAt: new Date(start + 1.5 * HOUR).toISOString(),
          place: heldAt(ctx.venueOf(g.unitIds[0])).place,
          placeName: '青年之家',
          audience: { type: 'groups', groupIds: [g.id] },
        },
        ctx.organizerOf(g.unitIds[0]),
        { unitId: g.unitIds[0] },
        policy,
        true,
      )
      const activity = await store.insertActivity({ ...draft, qrSecret: newQrSecret() }, new Date(start - 5 * 24 * HOUR).toISOString())
      result.sessions++
      const present = people.filter(() => r.chance(0.8))
      await Promise.all(
        (present.length ? present : people.slice(0, 1)).map((p) => {
          const at = new Date(start + r.int(-20, 5) * 60_000)
          const dayKey = `${p.id}:${shanghaiDay(at).start}`
          const { points } = pointsForCheckIn('study', policy, ctx.pointsToday.get(dayKey) ?? 0)
          ctx.pointsToday.set(dayKey, (ctx.pointsToday.get(dayKey) ?? 0) + points)
          const createdAt = at.toISOString()
          result.checkIns++
          return store.recordCheckIn(
            { activityId: activity.id, memberId: p.id, checkedInAt: createdAt, method: 'qr', distanceM: null, accuracyM: null, device: 'WeChat/iPhone', ip: '10.0.0.1', idempotencyKey: null },
            { kind: 'study', points, hours: 0, method: 'qr', approvedBy: null, createdAt, device: 'WeChat/iPhone', ip: '10.0.0.1', reversesId: null },
          )
        }),
      )
    }
  }
  return result
}

/**
 * Put every youth of these units in their unit's group (mutates the roster), except the demo
 * accounts and anyone before `from(group)` in roster order.
 */
export function coverYouth(
  members: Person[],
  unitIds: string[],
  groupOfUnit: ReadonlyMap<string, string>,
  from: (groupId: string) => number,
  keep: ReadonlySet<string>,
  isYouth: (birthDate: string | null) => boolean,
): void {
  for (const unitId of unitIds) {
    const groupId = groupOfUnit.get(unitId)!
    const first = from(groupId)
    members.forEach((m, i) => {
      if (m.unitId === unitId && !m.youthGroupId && i > first && !keep.has(m.id) && isYouth(m.birthDate)) m.youthGroupId = groupId
    })
  }
}
