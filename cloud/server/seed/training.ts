/**
 * This year's rotation training of 县处级 and above (全员轮训): two sessions of a 专题轮训班 held so
 * far, tagged with the target they serve, and each cadre's check-in (a couple by make-up, 补签).
 * Which cadres went follows each unit's standing (./standings.ts). The sessions are for everyone
 * (an audience cannot name ranks); only the cadres' attendance counts for the target.
 */
import type { Member } from '../../contract/model'
import { draftActivity } from '../../domain/activity'
import { pointsForCheckIn } from '../../domain/checkIn'
import { creditFor, dailyCapOn } from '../../domain/credit'
import { DEFAULT_TARGETS } from '../../domain/obligations/targets'
import type { Policy } from '../../domain/policy'
import { newQrSecret } from '../../domain/qrToken'
import { shanghaiDay, SHANGHAI_OFFSET_MS } from '../../domain/time'
import type { OrgBatch, Store } from '../../store/Store'
import { shuffle } from './branchOrg'
import { PARTY_SCHOOL } from './places'
import type { Random } from './random'
import { weekday } from './records'
import { STANDINGS } from './standings'

type Person = OrgBatch['members'][number]

const HOUR = 3600_000
const DAY = 24 * HOUR
const TITLE = '学习贯彻党的二十届四中全会精神专题轮训班'
const SESSION = ['第一期', '第二期']
const TARGET_ID = DEFAULT_TARGETS.find((t) => t.kind === 'training')!.id
const SOURCE = { device: 'WeChat/iPhone', ip: '10.0.0.1' }

export interface TrainingResult {
  activities: number
  checkIns: number
}

/** The sessions sit at about 40% and 75% of the year so far (late April and early September for a November `now`). */
export async function seedRotationTraining(
  store: Store,
  policy: Policy,
  now: Date,
  ctx: { cadres: Person[]; organizer: Member; pointsToday: Map<string, number> },
  r: Random,
): Promise<TrainingResult> {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS)
  const yearStart = Date.UTC(local.getUTCFullYear(), 0, 1) - SHANGHAI_OFFSET_MS
  const dayStart = (ms: number) => Date.parse(shanghaiDay(new Date(ms)).start)
  const elapsed = now.getTime() - yearStart
  const starts = [0.4, 0.75].map((f) => Math.max(yearStart, weekday(dayStart(yearStart + elapsed * f))) + 9 * HOUR)
  const result: TrainingResult = { activities: 0, checkIns: 0 }

  const activities = []
  for (const [i, start] of starts.entries()) {
    const draft = draftActivity(
      {
        kind: 'study',
        subKind: '专题轮训',
        title: `${TITLE}（${SESSION[i]}）`,
        description: '市直机关县处级以上领导干部专题轮训，集中学习、专题辅导、分组研讨，全天。',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 8 * HOUR).toISOString(),
        placeName: PARTY_SCHOOL.name,
        place: { ...PARTY_SCHOOL.place },
        audience: { type: 'all' },
        targetId: TARGET_ID,
      },
      ctx.organizer,
      { unitId: ctx.organizer.unitId },
      policy,
      true,
    )
    activities.push(await store.insertActivity({ ...draft, qrSecret: newQrSecret() }, new Date(Math.min(start - 20 * DAY, now.getTime() - DAY)).toISOString()))
    result.activities++
  }
  const held = activities.filter((a) => Date.parse(a.startAt) < now.getTime() - HOUR)
  if (!held.length) return result

  // Who went, per unit: all, all but one (where one in five is enough to stay amber), or about half.
  const trained: Person[] = []
  const byUnit = new Map<string, Person[]>()
  for (const c of ctx.cadres) byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), c])
  for (const [unitId, cadres] of byUnit) {
    const plan = STANDINGS[unitId]?.training ?? 'all'
    const missing = plan === 'all' ? 0 : plan === 'most' ? (cadres.length >= 5 ? 1 : 0) : Math.max(1, Math.ceil(cadres.length / 2))
    trained.push(...shuffle(cadres, r).slice(missing))
  }
  const writes: Promise<unknown>[] = []
  let makeups = 0
  for (const c of trained) {
    const a = held.length > 1 && r.chance(0.45) ? held[1] : held[0]
    const start = Date.parse(a.startAt)
    // Two who came to the second session could not scan (a flat phone) and were made up the next day.
    if (a === held[1] && makeups < 2 && c.roles.length === 1) {
      makeups++
      const requestedAt = new Date(start + 9 * HOUR).toISOString()
      const at = new Date(Math.min(start + 26 * HOUR, now.getTime() - HOUR))
      const m = await store.insertMakeup({ activityId: a.id, memberId: c.id, reason: '到场后手机没电，未能扫码，已在签到表上签字', status: 'pending', requestedBy: c.id, requestedAt, reviewedBy: null, reviewedAt: null, reviewComment: null })
      await store.decideMakeup(
        m.id,
        { approve: true, reviewer: ctx.organizer.id, comment: '已核对现场签到表', at: at.toISOString() },
        { activityId: a.id, memberId: c.id, checkedInAt: at.toISOString(), method: 'makeup', distanceM: null, accuracyM: null, device: SOURCE.device, ip: SOURCE.ip, idempotencyKey: null },
        creditFor({ kind: 'study', points: policy.pointsPerKind.study, method: 'makeup', approvedBy: ctx.organizer.id, at, source: SOURCE }),
        dailyCapOn(at, policy),
      )
      result.checkIns++
      continue
    }
    const at = new Date(start + r.int(-25, 10) * 60_000)
    const dayKey = `${c.id}:${shanghaiDay(at).start}`
    const { points } = pointsForCheckIn('study', policy, ctx.pointsToday.get(dayKey) ?? 0)
    ctx.pointsToday.set(dayKey, (ctx.pointsToday.get(dayKey) ?? 0) + points)
    const createdAt = at.toISOString()
    writes.push(
      store.recordCheckIn(
        { activityId: a.id, memberId: c.id, checkedInAt: createdAt, method: 'qr', distanceM: null, accuracyM: null, device: SOURCE.device, ip: SOURCE.ip, idempotencyKey: null },
        { kind: 'study', points, hours: 0, method: 'qr', approvedBy: null, createdAt, device: SOURCE.device, ip: SOURCE.ip, reversesId: null },
      ),
    )
    result.checkIns++
  }
  await Promise.all(writes)
  return result
}
