/**
 * The benchmark city on the CloudBase fake: the roster and activity plan of bench/generate.ts (same
 * seed, same draws: 100 units, 20,000 members, a year of study sessions, lectures and volunteer
 * services; `members` scales the number of units), plus one past city lecture about 2,000 people
 * attended, and the same year of branch life (bench/branchLife.ts). The organisation, every
 * member's WeChat binding, the activities and the branch life (meetings, records with their filed
 * rolls, 民主生活会, scores, 述职) go through the CloudBaseStore; the year's check-ins, ledger, counters and daily-cap records are built directly
 * in the adapter's shape (cloudbaseWriter.ts; cloudbaseShapes.ts proves the shape) and bulk-loaded,
 * since a million check-ins through the adapter's round trips would take hours even on the fake.
 * The check-in draws follow generate.ts's plan and rates but not its exact sequence (there,
 * check-outs and reversals draw from the same generator as they complete).
 */
import type { Activity, Member } from '../cloud/contract/model'
import type { Audience } from '../cloud/contract/schemas'
import { draftActivity } from '../cloud/domain/activity'
import { dailyCapOn } from '../cloud/domain/credit'
import { DEFAULT_POLICY } from '../cloud/domain/policy'
import { newQrSecret } from '../cloud/domain/qrToken'
import { volunteerHours, volunteerPoints } from '../cloud/domain/volunteerHours'
import { seededRandom } from '../cloud/server/seed/random'
import type { NewCredit, OrgBatch } from '../cloud/store/Store'
import { CloudBaseStore } from '../cloud/store/cloudbase/CloudBaseStore'
import { chunk } from '../cloud/store/cloudbase/access'
import { COL } from '../cloud/store/cloudbase/collections'
import type { Doc } from '../cloud/store/cloudbase/sdk'
import type { FakeDatabase } from '../test/helpers/cloudbaseFake'
import { branchLifePlan, writeBranchLife, type BranchLifeCounts } from './branchLife'
import { MEMBERS_PER_UNIT, activityPlan, cityRoster } from './generate'
import { DirectWriter } from './cloudbaseWriter'

const DAY = 86_400_000
const HOUR = 3_600_000
const MIN = 60_000
/** The past city lecture whose attendance list is measured: about this many check-ins. */
export const ATTENDANCE_SIZE = 2_000

/** Every member's WeChat identity in the bench (the OPENID CloudBase would pass). */
export const openIdOf = (memberId: string) => `o-bench-${memberId}`


export interface CloudBaseCity {
  /** The moment the year ends (the bench's clock). */
  now: string
  units: number
  members: number
  activities: number
  counts: Record<string, number>
  /** Members by role, for callers. */
  cityAdmin: string
  /** The organizer of the first unit, who also published the city lectures. */
  organizer: string
  unitId: string
  /** Members of the first unit with records in the year. */
  plainMembers: string[]
  /** Every member's id. */
  everyone: string[]
  /** The past city lecture with about ATTENDANCE_SIZE check-ins, and how many it has. */
  attendanceLecture: { id: string; checkIns: number }
  /** The largest past city lecture (about 80 % of the city). */
  largestLecture: { id: string; checkIns: number }
  /** The year's branch life (bench/branchLife.ts), written through the CloudBaseStore. */
  branchLife: BranchLifeCounts
  /** Seconds per phase. */
  seconds: { org: number; activities: number; branchLife: number; records: number; load: number }
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10

/**
 * Build a city of about `size` members into `db` (a fake with the console's indexes and no
 * collections yet). `log` reports each phase.
 */
export async function buildCloudBaseCity(db: FakeDatabase, size: number, log: (line: string) => void): Promise<CloudBaseCity> {
  const units = Math.max(1, Math.round(size / MEMBERS_PER_UNIT))
  const now = new Date('2026-11-01T00:00:00.000Z')
  const nowIso = now.toISOString()
  const yearStart = now.getTime() - 365 * DAY
  const r = seededRandom(7)
  // The extra lecture draws from its own generator, so the rest of the city stays generate.ts's.
  const extra = seededRandom(11)
  const store = new CloudBaseStore(db)

  let t = Date.now()
  const { batch, byUnit } = cityRoster(units, r)
  await store.importOrg(batch, nowIso)
  for (const part of chunk(batch.members, 50)) await Promise.all(part.map((m) => store.bindOpenId(m.id, openIdOf(m.id))))
  const orgSeconds = seconds(t)
  log(`   组织与绑定：${units} 个单位、${batch.members.length} 名党员（经 CloudBaseStore 写入，含微信绑定）${orgSeconds} s`)

  t = Date.now()
  const plans = activityPlan(units, batch, yearStart, r)
  const allCount = batch.members.length
  plans.push({ kind: 'lecture', unit: 0, audience: { type: 'all' }, start: now.getTime() - 12 * DAY + 7 * HOUR, hours: 2, rate: Math.min(1, ATTENDANCE_SIZE / allCount), title: `全市专题讲座（约 ${ATTENDANCE_SIZE} 人）` })
  plans.sort((a, b) => a.start - b.start)
  const members = batch.members
  const groupMembers = new Map<string, OrgBatch['members']>()
  const audienceOf = (a: Audience): OrgBatch['members'] => {
    if (a.type === 'all') return members
    if (a.type === 'units') return byUnit[Number(a.unitIds[0].slice(1)) - 1]
    // The bench city addresses youth groups, never branches or 党小组.
    if (a.type !== 'groups') return []
    const hit = groupMembers.get(a.groupIds[0]) ?? members.filter((m) => m.youthGroupId === a.groupIds[0])
    groupMembers.set(a.groupIds[0], hit)
    return hit
  }
  const organizer = (u: number) => byUnit[u][1] as Member
  const activities: Activity[] = []
  for (const part of chunk(plans, 50))
    activities.push(
      ...(await Promise.all(
        part.map((p, i) => {
          const n = activities.length + i + 1
          const title = p.title ?? `${p.kind === 'study' ? '理论学习' : p.kind === 'lecture' ? '讲座' : '志愿服务'}${n}`
          const draft = draftActivity({ kind: p.kind, title, startAt: new Date(p.start).toISOString(), endAt: new Date(p.start + p.hours * HOUR).toISOString(), audience: p.audience }, organizer(p.unit), { unitId: batch.units[p.unit].id }, DEFAULT_POLICY, true)
          return store.insertActivity({ ...draft, qrSecret: newQrSecret() }, nowIso)
        }),
      )),
    )
  const activitySeconds = seconds(t)
  log(`   活动：${activities.length} 场（经 CloudBaseStore 写入）${activitySeconds} s`)

  t = Date.now()
  const branchLife = await writeBranchLife(store, branchLifePlan(batch, now))
  const branchLifeSeconds = seconds(t)
  log(
    `   支部组织生活（经 CloudBaseStore 写入）：${branchLife.meetings} 场会议（${branchLife.filed} 份已上报并留存名单 ${branchLife.rollRows} 行，${branchLife.drafts} 份草稿），` +
      `民主生活会 ${branchLife.democratic}、支部考评 ${branchLife.scores}、述职 ${branchLife.dutyReports}；${branchLifeSeconds} s`,
  )

  t = Date.now()
  const unitOf = new Map(members.map((m) => [m.id, m.unitId]))
  const writer = new DirectWriter((id) => unitOf.get(id) ?? null)
  const request = { device: 'bench', ip: '127.0.0.1' }
  // Reversals a day after their credit, written in time order among the later check-ins.
  const reversals: { entry: Doc; by: string; at: number }[] = []
  const reverseUntil = (until: number) => {
    while (reversals.length && reversals[0].at <= until) {
      const { entry, by, at } = reversals.shift()!
      writer.reverse(entry, by, new Date(at).toISOString(), '基准数据：更正', { device: 'bench', ip: null })
    }
  }
  const attendance = new Map<string, number>()
  plans.forEach((p, i) => {
    const activity = activities[i]
    const rand = p.title ? extra : r
    reverseUntil(p.start - 20 * MIN)
    let n = 0
    for (const m of audienceOf(p.audience)) {
      if (!rand.chance(p.rate)) continue
      n++
      const at = new Date(p.start + rand.int(-20, 25) * MIN)
      const method = rand.chance(0.01) ? 'makeup' : 'qr'
      const checkIn = { activityId: activity.id, memberId: m.id, checkedInAt: at.toISOString(), method, distanceM: null, accuracyM: null, idempotencyKey: null, ...request } as const
      if (p.kind === 'volunteer') {
        const { record } = writer.checkIn(checkIn, null, null)
        const out = new Date(Date.parse(activity.endAt) - rand.int(0, 30) * MIN).toISOString()
        const hours = volunteerHours(activity, checkIn.checkedInAt, out)
        const credit: NewCredit | null = hours > 0 ? { kind: 'volunteer', points: volunteerPoints(hours, DEFAULT_POLICY), hours, method: 'qr', approvedBy: null, createdAt: out, reversesId: null, ...request } : null
        writer.checkOut(record, out, credit, null)
        continue
      }
      const credit: NewCredit = { kind: p.kind, points: DEFAULT_POLICY.pointsPerKind[p.kind], hours: 0, method, approvedBy: method === 'makeup' ? organizer(p.unit).id : null, createdAt: at.toISOString(), reversesId: null, ...request }
      const { entry } = writer.checkIn(checkIn, credit, dailyCapOn(at, DEFAULT_POLICY))
      if (entry && rand.chance(0.002)) {
        reversals.push({ entry, by: organizer(p.unit).id, at: at.getTime() + DAY })
        reversals.sort((a, b) => a.at - b.at)
      }
    }
    attendance.set(activity.id, n)
  })
  reverseUntil(Infinity)
  const counts = writer.counts()
  const recordSeconds = seconds(t)
  log(`   签到记录（按适配器的文档形状直接生成）：${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join('、')}；${recordSeconds} s`)

  t = Date.now()
  writer.load(db)
  const loadSeconds = seconds(t)
  log(`   批量载入假数据库（建索引）：${loadSeconds} s`)

  const extraIndex = plans.findIndex((p) => p.title)
  const cityLectures = plans.map((p, i) => ({ p, a: activities[i] })).filter(({ p }) => p.kind === 'lecture' && p.audience.type === 'all' && !p.title)
  const largest = cityLectures.reduce((best, x) => ((attendance.get(x.a.id) ?? 0) > (attendance.get(best.a.id) ?? 0) ? x : best))
  return {
    now: nowIso,
    units,
    members: members.length,
    activities: activities.length,
    counts: { [COL.members]: members.length, [COL.activities]: activities.length + branchLife.meetings, [COL.meetingRecords]: branchLife.meetings, ...counts },
    cityAdmin: batch.members[2].id,
    organizer: byUnit[0][1].id,
    unitId: batch.units[0].id,
    plainMembers: byUnit[0].slice(3).map((m) => m.id),
    everyone: members.map((m) => m.id),
    attendanceLecture: { id: activities[extraIndex].id, checkIns: attendance.get(activities[extraIndex].id) ?? 0 },
    largestLecture: { id: largest.a.id, checkIns: attendance.get(largest.a.id) ?? 0 },
    branchLife,
    seconds: { org: orgSeconds, activities: activitySeconds, branchLife: branchLifeSeconds, records: recordSeconds, load: loadSeconds },
  }
}
