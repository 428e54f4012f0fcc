/**
 * A deterministic city for benchmarks: 100 units, 20,000 members and about 1,000,000 check-ins over
 * the past year (study, lecture, volunteer; make-ups and reversals included), written through the
 * Store like real traffic. The result is cached by version in bench/out so reruns skip this step.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Activity, Member } from '../cloud/contract/model'
import type { Audience } from '../cloud/contract/schemas'
import type { ActivityKind } from '../cloud/contract/vocabulary'
import { draftActivity, inAudience } from '../cloud/domain/activity'
import { DEFAULT_POLICY } from '../cloud/domain/policy'
import { newQrSecret } from '../cloud/domain/qrToken'
import { shanghaiDay } from '../cloud/domain/time'
import { volunteerHours, volunteerPoints } from '../cloud/domain/volunteerHours'
import { seededRandom } from '../cloud/server/seed/random'
import type { OrgBatch } from '../cloud/store/Store'
import { SqliteStore } from '../cloud/store/sqlite/SqliteStore'
import { branchLifePlan, committeeRoles, writeBranchLife } from './branchLife'

/**
 * A new version generates a new city file (2: cadres have 职级; the organisation is dated at the
 * year's start. 3: branch committees and a year of branch life, bench/branchLife.ts).
 */
export const GENERATOR_VERSION = 3
export const UNITS = 100
export const MEMBERS_PER_UNIT = 200
const DAY = 86_400_000
const HOUR = 3_600_000

/** One planned activity: kind, the unit (index) that publishes it, audience, start, hours, the share who come. */
export type Plan = { kind: ActivityKind; unit: number; audience: Audience; start: number; hours: number; rate: number; title?: string }

export interface City {
  file: string
  members: number
  checkIns: number
  activities: number
  /** Branch meetings among the activities (bench/branchLife.ts). */
  meetings: number
  /** Seconds the branch life took to write, when generated in this run. */
  branchLifeSeconds: number | null
  /** The moment the year ends; the bench's clock starts here. */
  now: string
}

const bar = (done: number, total: number, label: string) => {
  const w = 30
  const f = Math.round((done / total) * w)
  process.stdout.write(`\r  生成基准数据 [${'#'.repeat(f)}${'.'.repeat(w - f)}] ${Math.round((done / total) * 100)}% ${label}   `)
  if (done >= total) process.stdout.write('\n')
}

/**
 * The bench city's roster for `units` units (100 in the local bench), drawn from `r`: 200 members a
 * unit, two branches each with a committee of three, a youth group per unit except the last tenth,
 * which pair up into joint ones.
 */
export function cityRoster(units: number, r: ReturnType<typeof seededRandom>): { batch: OrgBatch; byUnit: OrgBatch['members'][] } {
  const batch: OrgBatch = { units: [], branches: [], partyGroups: [], youthGroups: [], members: [] }
  const byUnit: OrgBatch['members'][] = []
  const own = units - 2 * Math.floor(units / 20)
  let seq = 0
  for (let u = 1; u <= units; u++) {
    const unitId = `U${String(u).padStart(3, '0')}`
    batch.units.push({ id: unitId, name: `市直单位${u}` })
    for (let b = 1; b <= 2; b++) batch.branches.push({ id: `${unitId}-B${b}`, unitId, name: `第${b}党支部` })
    const groupId = u <= own ? `G${unitId}` : `GJ${Math.ceil((u - own) / 2)}`
    if (u <= own) batch.youthGroups.push({ id: groupId, name: `市直单位${u}青年理论学习小组`, unitIds: [unitId] })
    else if ((u - own) % 2 === 1) batch.youthGroups.push({ id: groupId, name: `联合青年理论学习小组${Math.ceil((u - own) / 2)}`, unitIds: [unitId, `U${String(u + 1).padStart(3, '0')}`] })
    const list: OrgBatch['members'] = []
    for (let i = 0; i < MEMBERS_PER_UNIT; i++) {
      seq++
      const youth = r.chance(0.34)
      const age = youth ? r.int(24, 35) : r.int(36, 58)
      list.push({
        id: `M${String(seq).padStart(5, '0')}`,
        memberNo: `B${String(seq).padStart(6, '0')}`,
        name: `党员${seq}`,
        unitId,
        branchId: `${unitId}-B${1 + (i % 2)}`,
        partyGroupId: null,
        youthGroupId: youth && r.chance(0.9) ? groupId : null,
        birthDate: `${2026 - age}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
        partyStatus: 'full',
        // A few cadres per unit (no draw from the generator, so the rest of the city stays as it was).
        cadreRank: i === 0 ? 'bureau' : i % 10 === 1 ? 'county' : i % 10 === 2 ? 'section' : null,
        roles: i === 0 ? [{ role: 'unitAdmin', unitId }] : i === 1 ? [{ role: 'organizer', unitId }] : [{ role: 'member' }, ...committeeRoles(i, unitId)],
        active: true,
        phone: null,
        bindCode: `BENCH${String(seq).padStart(5, '0')}`,
      })
    }
    byUnit.push(list)
    batch.members.push(...list)
  }
  batch.members[2].roles = [{ role: 'cityAdmin' }]
  return { batch, byUnit }
}

/** The year's activities, drawn from `r` after the roster: per unit 24 study sessions, 24 of its youth group, 8 lectures, 4 services; 20 city lectures. */
export function activityPlan(units: number, batch: OrgBatch, yearStart: number, r: ReturnType<typeof seededRandom>): Plan[] {
  const plans: Plan[] = []
  for (let u = 0; u < units; u++) {
    const unitId = batch.units[u].id
    const group = batch.youthGroups.find((g) => g.unitIds.includes(unitId))!
    for (let k = 0; k < 24; k++) plans.push({ kind: 'study', unit: u, audience: { type: 'units', unitIds: [unitId] }, start: yearStart + r.int(1, 363) * DAY + 6 * HOUR, hours: 2, rate: 0.8 })
    if (group.unitIds[0] === unitId)
      for (let k = 0; k < 24; k++) plans.push({ kind: 'study', unit: u, audience: { type: 'groups', groupIds: [group.id] }, start: yearStart + (k * 15 + r.int(1, 10)) * DAY + 8 * HOUR, hours: 1.5, rate: 0.85 })
    for (let k = 0; k < 8; k++) plans.push({ kind: 'lecture', unit: u, audience: { type: 'units', unitIds: [unitId] }, start: yearStart + r.int(1, 363) * DAY + 7 * HOUR, hours: 2, rate: 0.75 })
    for (let k = 0; k < 4; k++) plans.push({ kind: 'volunteer', unit: u, audience: { type: 'units', unitIds: [unitId] }, start: yearStart + r.int(1, 363) * DAY + 1 * HOUR, hours: 4, rate: 0.3 })
  }
  for (let k = 0; k < 20; k++) plans.push({ kind: 'lecture', unit: 0, audience: { type: 'all' }, start: yearStart + (k * 18 + 3) * DAY + 7 * HOUR, hours: 2, rate: 0.8 })
  return plans
}

export async function generateCity(outDir: string, log: (s: string) => void = console.log): Promise<City> {
  mkdirSync(outDir, { recursive: true })
  const file = join(outDir, `city-v${GENERATOR_VERSION}.db`)
  const meta = join(outDir, `city-v${GENERATOR_VERSION}.ready`)
  // The year ends at a fixed instant so the same city is generated every time.
  const now = new Date('2026-11-01T00:00:00.000Z')
  if (existsSync(meta) && existsSync(file)) {
    const store = new SqliteStore(file, { synchronous: 'NORMAL' })
    const n = (sql: string) => Number((store.db.prepare(sql).get() as { n: number }).n)
    const city = {
      file,
      members: n('SELECT COUNT(*) AS n FROM members'),
      checkIns: n('SELECT COUNT(*) AS n FROM check_ins'),
      activities: n('SELECT COUNT(*) AS n FROM activities'),
      meetings: n('SELECT COUNT(*) AS n FROM activities WHERE meeting_type IS NOT NULL'),
      branchLifeSeconds: null,
      now: now.toISOString(),
    }
    await store.close()
    log(`  使用已生成的基准城市 ${file}（${city.checkIns} 条签到）`)
    return city
  }
  const tmp = `${file}.tmp`
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
  const store = new SqliteStore(tmp, { synchronous: 'NORMAL' })
  store.db.pragma('synchronous = OFF')
  const r = seededRandom(7)
  const yearStart = now.getTime() - 365 * DAY

  // ---- organisation ----
  const { batch, byUnit } = cityRoster(UNITS, r)
  // Set up when the year began: its branches owe every period of the year, and its members were there for every meeting.
  await store.importOrg(batch, new Date(yearStart).toISOString())
  const members = batch.members

  // ---- activities ----
  const plans = activityPlan(UNITS, batch, yearStart, r)
  plans.sort((a, b) => a.start - b.start)

  const audienceOf = (a: Audience): OrgBatch['members'] =>
    a.type === 'all'
      ? members
      : a.type === 'units'
        ? byUnit[Number(a.unitIds[0].slice(1)) - 1]
        : a.type === 'groups'
          ? members.filter((m) => m.youthGroupId === a.groupIds[0])
          : members.filter((m) => inAudience(a, m))
  const groupMembers = new Map<string, OrgBatch['members']>()
  const audienceCached = (a: Audience) => {
    if (a.type !== 'groups') return audienceOf(a)
    const hit = groupMembers.get(a.groupIds[0]) ?? audienceOf(a)
    groupMembers.set(a.groupIds[0], hit)
    return hit
  }

  const expected = plans.reduce((s, p) => s + audienceCached(p.audience).length * p.rate, 0)
  let checkIns = 0
  let activities = 0
  const organizer = (u: number) => byUnit[u][1] as Member
  const pending: Promise<unknown>[] = []
  const drain = async () => {
    await Promise.all(pending)
    pending.length = 0
  }
  for (const p of plans) {
    const startAt = new Date(p.start).toISOString()
    const draft = draftActivity(
      { kind: p.kind, title: `${p.kind === 'study' ? '理论学习' : p.kind === 'lecture' ? '讲座' : '志愿服务'}${activities + 1}`, startAt, endAt: new Date(p.start + p.hours * HOUR).toISOString(), audience: p.audience },
      organizer(p.unit),
      { unitId: batch.units[p.unit].id },
      DEFAULT_POLICY,
      true,
    )
    const activity: Activity = await store.insertActivity({ ...draft, qrSecret: newQrSecret() }, now.toISOString())
    activities++
    for (const m of audienceCached(p.audience)) {
      if (!r.chance(p.rate)) continue
      const at = new Date(p.start + r.int(-20, 25) * 60_000)
      const method = r.chance(0.01) ? 'makeup' : 'qr'
      const day = shanghaiDay(at)
      pending.push(
        store
          .recordCheckIn(
            { activityId: activity.id, memberId: m.id, checkedInAt: at.toISOString(), method, distanceM: null, accuracyM: null, device: 'bench', ip: '127.0.0.1', idempotencyKey: null },
            p.kind === 'volunteer' ? null : { kind: p.kind, points: DEFAULT_POLICY.pointsPerKind[p.kind], hours: 0, method, approvedBy: method === 'makeup' ? organizer(p.unit).id : null, createdAt: at.toISOString(), device: 'bench', ip: '127.0.0.1', reversesId: null },
            { from: day.start, to: day.end, cap: DEFAULT_POLICY.dailyPointsCap },
          )
          .then(async ({ checkIn, credit }) => {
            if (p.kind === 'volunteer') {
              const out = new Date(Date.parse(activity.endAt) - r.int(0, 30) * 60_000).toISOString()
              const hours = volunteerHours(activity, checkIn.checkedInAt, out)
              await store.recordCheckOut(checkIn.id, out, hours > 0 ? { kind: 'volunteer', points: volunteerPoints(hours, DEFAULT_POLICY), hours, method: 'qr', approvedBy: null, createdAt: out, device: 'bench', ip: '127.0.0.1', reversesId: null } : null, 0)
            } else if (credit && r.chance(0.002)) {
              await store.reverseCredit(credit, organizer(p.unit).id, new Date(Date.parse(credit.createdAt) + DAY).toISOString(), '基准数据：更正', { device: 'bench', ip: null })
            }
          }),
      )
      checkIns++
      if (pending.length >= 2000) await drain()
    }
    if (activities % 50 === 0) bar(Math.min(checkIns, expected), expected, `${checkIns} 条签到`)
  }
  await drain()
  bar(expected, expected, `${checkIns} 条签到`)

  // ---- branch life: meetings with filed rolls, 民主生活会, scores, 述职 ----
  const tLife = Date.now()
  const life = await writeBranchLife(store, branchLifePlan(batch, now))
  const branchLifeSeconds = Math.round((Date.now() - tLife) / 100) / 10
  log(
    `  支部组织生活：${life.meetings} 场会议（${life.filed} 份记录已上报并留存名单 ${life.rollRows} 行，${life.drafts} 份草稿），` +
      `民主生活会 ${life.democratic} 次、支部考评 ${life.scores} 个、述职 ${life.dutyReports} 份；${branchLifeSeconds} s`,
  )
  store.db.pragma('synchronous = FULL')
  store.db.pragma('wal_checkpoint(TRUNCATE)')
  await store.close()
  renameSync(tmp, file)
  copyFileSync(file, file) // touch
  const { writeFileSync } = await import('node:fs')
  writeFileSync(meta, JSON.stringify({ checkIns, activities: activities + life.meetings, members: members.length, branchLife: life, branchLifeSeconds }) + '\n')
  log(`  生成完成：${UNITS} 个单位、${members.length} 名党员、${activities + life.meetings} 场活动（其中支部会议 ${life.meetings} 场）、${checkIns} 条签到`)
  return { file, members: members.length, checkIns, activities: activities + life.meetings, meetings: life.meetings, branchLifeSeconds, now: now.toISOString() }
}

if (require.main === module) {
  generateCity(join(__dirname, 'out')).catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
