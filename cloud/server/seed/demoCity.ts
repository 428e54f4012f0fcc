import type { DemoAccount, Member, RoleGrant } from '../../contract/model'
import type { ActivityKind } from '../../contract/vocabulary'
import { ACTIVITY_SUB_KINDS } from '../../contract/vocabulary'
import type { Audience } from '../../contract/schemas'
import { draftActivity, inAudience } from '../../domain/activity'
import { pointsForCheckIn } from '../../domain/checkIn'
import { youthTest } from '../../domain/period'
import type { Policy } from '../../domain/policy'
import { newQrSecret } from '../../domain/qrToken'
import { shanghaiDay } from '../../domain/time'
import { volunteerHours, volunteerPoints } from '../../domain/volunteerHours'
import { DEMO_ACCOUNTS_KEY } from '../../functions/member'
import type { OrgBatch, Store } from '../../store/Store'
import { DEMO_BRANCH_STORY, OTHER_BRANCH_STORIES, seedBranchLife, type BranchStory } from './branchLife'
import { planBranches, type SeededBranch } from './branchOrg'
import { rankCadres } from './cadres'
import { laterBranches } from './laterBranches'
import { heldAt, seedUnitPlaces, VOLUNTEER_REASON } from './places'
import { bindCode, chineseName, seededRandom, type Random } from './random'
import { seedObligationRecords } from './records'
import { moreStories } from './standings'
import { seedRotationTraining } from './training'
import { seedVolunteerMorning } from './volunteerMorning'
import { coverYouth, seedYouthYear } from './youthYear'

export const DEMO_SEEDED_KEY = 'demoSeededAt'

/** name, branches, members, whether it has its own youth group (small units share one). */
const UNITS: [string, string, string[], number][] = [
  ['u01', '市委办公室', ['秘书一处党支部', '秘书二处党支部', '综合处党支部'], 42],
  ['u02', '市政府办公室', ['秘书处党支部', '督查处党支部', '机关党支部'], 40],
  ['u03', '市发展和改革委员会', ['规划处党支部', '投资处党支部'], 38],
  ['u04', '市财政局', ['预算处党支部', '国库处党支部', '机关党支部'], 38],
  ['u05', '市教育局', ['基础教育处党支部', '机关党支部'], 34],
  ['u06', '市卫生健康委员会', ['医政处党支部', '机关党支部'], 34],
  ['u07', '市民政局', ['社会救助处党支部', '机关党支部'], 28],
  ['u08', '市司法局', ['法治督察处党支部', '机关党支部'], 24],
  ['u09', '市档案馆', ['档案馆党支部'], 11],
  ['u10', '市地方志编纂办公室', ['方志办党支部'], 11],
]

const GROUPS: { id: string; name: string; unitIds: string[] }[] = [
  { id: 'g01', name: '市委办公室青年理论学习小组', unitIds: ['u01'] },
  { id: 'g02', name: '市政府办公室青年理论学习小组', unitIds: ['u02'] },
  { id: 'g03', name: '市发改委青年理论学习小组', unitIds: ['u03'] },
  { id: 'g04', name: '市财政局青年理论学习小组', unitIds: ['u04'] },
  { id: 'g05', name: '市教育局青年理论学习小组', unitIds: ['u05'] },
  // Two small units form one group together, as the work plan allows.
  { id: 'g06', name: '档案史志联合青年理论学习小组', unitIds: ['u09', 'u10'] },
]

const LECTURE_TITLES = [
  '处长讲坛：优化营商环境的实践与思考',
  '青年讲座：新时代机关青年的使命担当',
  '党建知识宣讲：《中国共产党支部工作条例》解读',
  '讲座：数字政府建设与机关效能提升',
  '处长讲坛：基层治理现代化案例分享',
]
const STUDY_TITLES = [
  '学习贯彻党的创新理论专题研讨',
  '“三会一课”：支部党员大会',
  '青年理论学习小组：读原著学原文悟原理',
  '中心组学习：推动高质量发展专题',
  '主题党日：重温入党誓词',
]
const MAKEUP_REASONS = ['到场后手机没电，未能扫码', '临时外出办理公务，会后补学了录像', '扫码时网络故障，现场已登记']
const VOLUNTEER_TITLES = ['到社区服务：文明城市创建志愿服务', '夏送清凉：慰问一线劳动者', '金秋助学：走访困难学生家庭', '冬送温暖：走访慰问困难党员']

export interface SeedResult {
  accounts: DemoAccount[]
  counts: {
    units: number
    branches: number
    partyGroups: number
    youthGroups: number
    members: number
    probationary: number
    branchOfficers: number
    activities: number
    meetings: number
    checkIns: number
    leaves: number
    records: number
    democraticMeetings: number
    branchScores: number
    dutyReports: number
  }
}

const HOUR = 3600_000
const TOTAL_STEPS = 14
/** Units whose youth are all in their group (a full light on 青年理论学习小组全覆盖); the group that missed a month. */
const YOUTH_COVERED = ['u03', 'u09', 'u10']
const LAPSED_GROUP = 'g05'
const U01_NEWCOMERS = 12
const unitNameOf = (id: string) => UNITS.find((u) => u[0] === id)![1]

/**
 * Seed a demo city through the Store: organisation (with 党小组 and branch officers), people of
 * every role, 3 months of past activities with realistic attendance, a few upcoming ones and one
 * open right now, and this year's meetings of a few branches with their leave and records; 职级,
 * the rotation training, 民主生活会, branch scores and 述职, so that every target of the plan shows
 * units in each light (./standings.ts).
 */
export async function seedDemoCity(
  store: Store,
  policy: Policy,
  now: Date,
  progress: (done: number, total: number, label: string) => void = () => {},
): Promise<SeedResult> {
  const r = seededRandom(20260101)
  const nowIso = now.toISOString()
  const thisYear = Number(nowIso.slice(0, 4))

  const batch: OrgBatch = { units: [], branches: [], partyGroups: [], youthGroups: GROUPS, members: [] }
  const groupOfUnit = new Map<string, string>()
  for (const g of GROUPS) for (const u of g.unitIds) groupOfUnit.set(u, g.id)
  let seq = 0
  const byUnit = new Map<string, OrgBatch['members']>()
  const branchesOfUnit = new Map<string, string[]>()
  const newMember = (rr: Random, unitId: string): OrgBatch['members'][number] => {
    seq++
    // About a third are 35 or younger: the youth the study groups must cover.
    const youth = rr.chance(0.36)
    const age = youth ? rr.int(24, 35) : rr.int(36, 58)
    const birth = `${thisYear - age}-${String(rr.int(1, 12)).padStart(2, '0')}-${String(rr.int(1, 28)).padStart(2, '0')}`
    const group = groupOfUnit.get(unitId)
    return {
      id: `m${String(seq).padStart(4, '0')}`,
      memberNo: `DY${String(100000 + seq)}`,
      name: chineseName(rr),
      unitId,
      branchId: rr.pick(branchesOfUnit.get(unitId)!),
      partyGroupId: null,
      partyStatus: 'full',
      cadreRank: null,
      // Most youth of units with a group are in it; a few are not yet (coverage gaps to find).
      youthGroupId: youth && group && rr.chance(0.88) ? group : null,
      birthDate: birth,
      roles: [{ role: 'member' }],
      active: true,
      phone: `13${rr.int(0, 9)}${String(rr.int(0, 99_999_999)).padStart(8, '0')}`,
      bindCode: bindCode(rr),
    }
  }
  for (const [unitId, unitName, branches, size] of UNITS) {
    batch.units.push({ id: unitId, name: unitName })
    branchesOfUnit.set(
      unitId,
      branches.map((name, i) => {
        const id = `${unitId}-b${i + 1}`
        batch.branches.push({ id, unitId, name })
        return id
      }),
    )
    const list: OrgBatch['members'] = []
    for (let i = 0; i < size; i++) list.push(newMember(r, unitId))
    // Roles: first is the unit admin, second an organizer (支部书记); youth group organizers below.
    const grant = (m: Member, g: RoleGrant) => (m.roles = [...m.roles, g])
    grant(list[0], { role: 'unitAdmin', unitId })
    grant(list[1], { role: 'organizer', unitId })
    if (size > 30) grant(list[2], { role: 'organizer', unitId })
    byUnit.set(unitId, list)
    batch.members.push(...list)
  }
  for (const g of GROUPS) {
    const leader = batch.members.find((m) => m.youthGroupId === g.id && m.roles.length === 1)
    if (leader) leader.roles = [...leader.roles, { role: 'organizer', groupId: g.id, unitId: leader.unitId }]
  }
  const cityAdmin = byUnit.get('u01')![3]
  cityAdmin.roles = [...cityAdmin.roles, { role: 'cityAdmin' }]
  // The demo members (below) stay plain members; branch officers are found among the others. The
  // branch side draws from its own generator so the people above stay who they were.
  const lifeRandom = seededRandom(20260301)
  // 市委办公室, the unit the walkthrough and the tests work in, keeps plenty of members with no role
  // once its branches have their officers: it takes on a dozen more people.
  const u01 = byUnit.get('u01')!
  for (let i = 0; i < U01_NEWCOMERS; i++) u01.push(newMember(lifeRandom, 'u01'))
  batch.members.push(...u01.slice(-U01_NEWCOMERS))
  const youthOf = (groupId: string) => batch.members.find((m) => m.roles.length === 1 && m.youthGroupId === groupId)
  const plain = (unitId: string) => byUnit.get(unitId)!.find((m) => m.roles.length === 1 && !m.youthGroupId)!
  const keep = new Set([...UNITS.map(([u]) => plain(u)), ...GROUPS.map((g) => youthOf(g.id))].flatMap((m) => (m ? [m.id] : [])))
  const branches = planBranches(batch, keep, lifeRandom)
  // What the plan's targets read (职级, two more branches, youth fully covered in a few units) draws
  // from a generator of its own, after everything above: the people above stay who they were.
  const planRandom = seededRandom(20261201)
  const later = laterBranches(newMember, now, keep, planRandom)
  batch.branches.push(...later.old.batch.branches)
  batch.partyGroups.push(...later.old.batch.partyGroups)
  batch.members.push(...later.old.batch.members)
  // Past each group's demo member in roster order, so the demo accounts stay who they were.
  coverYouth(batch.members, YOUTH_COVERED, groupOfUnit, (g) => batch.members.indexOf(youthOf(g)!), keep, youthTest(`${thisYear}-01-01`, policy.youthAgeLimit))
  const allBranches = [...branches, ...later.old.branches, ...later.midYear.branches]
  const partySecretaries = rankCadres([...batch.members, ...later.midYear.batch.members], allBranches, thisYear, planRandom)
  // Everyone has belonged where they are since well before this year's meetings (their rolls read it),
  // and so have their branches; the one set up this year comes with its people on that day.
  await store.importOrg(batch, new Date(Date.UTC(thisYear - 1, 0, 1) - 8 * HOUR).toISOString())
  await store.importOrg(later.midYear.batch, later.midYear.createdAt)
  progress(1, TOTAL_STEPS, '组织与人员')
  // Each unit's saved check-in places, saved by its organizer before the first seeded activity.
  const places = await seedUnitPlaces(
    store,
    UNITS.map(([id, name, branches]) => ({ id, name, branches: branches.length })),
    (unitId) => byUnit.get(unitId)![1].id,
    new Date(Date.UTC(thisYear - 1, 0, 1) - 8 * HOUR).toISOString(),
  )
  /** The unit's meeting room, and its 党员活动室 where it has one. */
  const roomOf = (unitId: string) => places.get(unitId)![0]
  const hallOf = (unitId: string) => places.get(unitId)!.at(-1)!

  // ---- activities ----
  const members = batch.members
  const audienceOf = (a: Audience) => members.filter((m) => inAudience(a, m))
  const organizerOf = (unitId: string) => byUnit.get(unitId)![1]
  const plans: { kind: ActivityKind; title: string; subKind: string; unitId: string; audience: Audience; start: number; hours: number }[] = []
  const DAY = 24 * HOUR
  const atHour = (daysAgo: number, hour: number) => {
    const d = shanghaiDay(new Date(now.getTime() - daysAgo * DAY))
    return Date.parse(d.start) + hour * HOUR
  }
  // Past 90 days: every unit's monthly study session, group sessions, lectures, volunteer days.
  for (let month = 0; month < 3; month++) {
    for (const [unitId] of UNITS) {
      plans.push({ kind: 'study', title: r.pick(STUDY_TITLES), subKind: r.pick(ACTIVITY_SUB_KINDS.study), unitId, audience: { type: 'units', unitIds: [unitId] }, start: atHour(month * 30 + r.int(3, 26), r.pick([9, 14, 15])), hours: 2 })
    }
    for (const g of GROUPS) {
      // One group skips a month now and then: the dashboard must show it.
      if (g.id === 'g05' && month === 1) continue
      plans.push({ kind: 'study', title: `${g.name}月度学习`, subKind: '青年理论学习小组学习', unitId: g.unitIds[0], audience: { type: 'groups', groupIds: [g.id] }, start: atHour(month * 30 + r.int(3, 26), 16), hours: 1.5 })
    }
    plans.push({ kind: 'lecture', title: r.pick(LECTURE_TITLES), subKind: '处长讲坛', unitId: 'u01', audience: { type: 'all' }, start: atHour(month * 30 + r.int(2, 27), 15), hours: 2 })
    for (let k = 0; k < 2; k++) {
      const lectureUnit = r.pick(UNITS)[0]
      plans.push({ kind: 'lecture', title: r.pick(LECTURE_TITLES), subKind: r.pick(ACTIVITY_SUB_KINDS.lecture), unitId: lectureUnit, audience: { type: 'units', unitIds: [lectureUnit] }, start: atHour(month * 30 + r.int(2, 27), 10), hours: 1.5 })
      const volunteerUnit = r.pick(UNITS)[0]
      plans.push({ kind: 'volunteer', title: r.pick(VOLUNTEER_TITLES), subKind: r.pick(ACTIVITY_SUB_KINDS.volunteer), unitId: volunteerUnit, audience: { type: 'units', unitIds: [volunteerUnit] }, start: atHour(month * 30 + r.int(2, 27), 9), hours: 3 })
    }
  }

  // Last week's lecture: recent enough that a few absentees have asked for a make-up.
  plans.push({ kind: 'lecture', title: '党建知识宣讲：机关党支部标准化规范化建设', subKind: '党建知识宣讲', unitId: 'u01', audience: { type: 'units', unitIds: ['u01'] }, start: atHour(3, 15), hours: 1.5 })

  // Upcoming, and one city-wide lecture whose check-in is open right now.
  const upcoming = [
    { kind: 'lecture' as const, title: '青年讲座：学习贯彻全会精神（正在签到）', subKind: '青年讲座', unitId: 'u01', audience: { type: 'all' as const }, start: now.getTime() + 10 * 60_000, hours: 2 },
    { kind: 'study' as const, title: '“三会一课”：12月支部党员大会', subKind: '三会一课', unitId: 'u02', audience: { type: 'units' as const, unitIds: ['u02'] }, start: atHour(-3, 14), hours: 2 },
    { kind: 'lecture' as const, title: '处长讲坛：机关作风建设再提升', subKind: '处长讲坛', unitId: 'u01', audience: { type: 'all' as const }, start: atHour(-5, 15), hours: 2 },
    { kind: 'volunteer' as const, title: '冬送温暖：走访慰问困难党员', subKind: '冬送温暖', unitId: 'u07', audience: { type: 'units' as const, unitIds: ['u07'] }, start: atHour(-7, 9), hours: 4 },
    { kind: 'study' as const, title: '档案史志联合青年理论学习小组12月学习', subKind: '青年理论学习小组学习', unitId: 'u09', audience: { type: 'groups' as const, groupIds: ['g06'] }, start: atHour(-8, 16), hours: 1.5 },
  ]

  const all = [...plans.sort((a, b) => a.start - b.start), ...upcoming]
  const pointsToday = new Map<string, number>()
  let checkIns = 0
  for (const [i, p] of all.entries()) {
    const startAt = new Date(p.start).toISOString()
    const organizer = organizerOf(p.unitId)
    const draft = draftActivity(
      {
        kind: p.kind,
        subKind: p.subKind,
        title: p.title,
        startAt,
        endAt: new Date(p.start + p.hours * HOUR).toISOString(),
        // Study and lectures in the unit's meeting room, checked there; volunteers go out to communities and homes.
        ...(p.kind === 'volunteer' ? { noLocationReason: VOLUNTEER_REASON } : heldAt(roomOf(p.unitId))),
        audience: p.audience,
      },
      organizer,
      { unitId: p.unitId },
      policy,
      true,
    )
    const activity = await store.insertActivity({ ...draft, qrSecret: newQrSecret() }, nowIso)
    if (p.start < now.getTime() - HOUR) {
      const attendRate = p.kind === 'volunteer' ? 0.55 : r.next() * 0.25 + 0.7
      // Study and lecture check-ins go to the store together (one commit); a volunteer's check-out needs its check-in first.
      const together: Promise<unknown>[] = []
      for (const m of audienceOf(p.audience)) {
        if (!r.chance(attendRate)) continue
        const at = new Date(p.start + r.int(-25, 20) * 60_000)
        const dayKey = `${m.id}:${shanghaiDay(at).start}`
        const earns = p.kind !== 'volunteer'
        const { points } = earns ? pointsForCheckIn(p.kind, policy, pointsToday.get(dayKey) ?? 0) : { points: 0 }
        pointsToday.set(dayKey, (pointsToday.get(dayKey) ?? 0) + points)
        const device = r.chance(0.8) ? 'WeChat/iPhone' : 'WeChat/Android'
        const written = store.recordCheckIn(
          { activityId: activity.id, memberId: m.id, checkedInAt: at.toISOString(), method: 'qr', distanceM: null, accuracyM: null, device, ip: '10.0.0.1', idempotencyKey: null },
          earns ? { kind: p.kind, points, hours: 0, method: 'qr', approvedBy: null, createdAt: at.toISOString(), device, ip: '10.0.0.1', reversesId: null } : null,
        )
        checkIns++
        if (p.kind !== 'volunteer') {
          together.push(written)
          continue
        }
        const { checkIn } = await written
        // Most volunteers check out near the end; a few forget, and their hours wait for the organizer.
        if (r.chance(0.9)) {
          const out = new Date(Date.parse(activity.endAt) - r.int(0, 40) * 60_000).toISOString()
          const hours = volunteerHours(activity, checkIn.checkedInAt, out)
          await store.recordCheckOut(
            checkIn.id,
            out,
            hours > 0 ? { kind: 'volunteer', points: volunteerPoints(hours, policy), hours, method: 'qr', approvedBy: null, createdAt: out, device, ip: '10.0.0.1', reversesId: null } : null,
            0,
          )
        }
      }
      await Promise.all(together)
      // A few who missed a recent activity have asked for a make-up (补签).
      if (p.start > now.getTime() - 6 * DAY) {
        const present = await store.listAttendance(activity.id)
        const missing = audienceOf(p.audience).filter((m) => m.roles.length === 1 && !present.some((x) => x.memberId === m.id))
        for (const m of missing.slice(0, 2)) {
          await store.insertMakeup({ activityId: activity.id, memberId: m.id, reason: r.pick(MAKEUP_REASONS), status: 'pending', requestedBy: m.id, requestedAt: new Date(p.start + (p.hours + 2) * HOUR).toISOString(), reviewedBy: null, reviewedAt: null, reviewComment: null })
        }
      }
    }
    progress(1 + Math.round(((i + 1) / all.length) * 8), TOTAL_STEPS, '活动与签到记录')
  }

  // A recent volunteer morning with one volunteer who forgot to check out (确认时长).
  checkIns += (await seedVolunteerMorning(store, policy, now, { unitId: 'u01', organizer: organizerOf('u01'), people: u01, keep })).checkIns

  // ---- youth groups: a session in every month of the year so far ----
  const groupSessions = new Map<string, number[]>()
  for (const p of all) if (p.audience.type === 'groups' && p.start < now.getTime()) for (const g of p.audience.groupIds) groupSessions.set(g, [...(groupSessions.get(g) ?? []), p.start])
  const youthYear = await seedYouthYear(store, policy, now, { groups: GROUPS, sessions: groupSessions, members, organizerOf, venueOf: hallOf, lapsed: LAPSED_GROUP, keep, pointsToday }, planRandom)
  progress(9, TOTAL_STEPS, '青年理论学习小组')

  // ---- branch life: a 市委办公室 branch (the demo member's), a small one beside it, one of 市政府办公室, then the year of other units' branches ----
  const demoBranch = branches.find((b) => b.id === plain('u01').branchId)!
  const others = [branches.find((b) => b.unitId === 'u01' && b !== demoBranch)!, branches.find((b) => b.id === 'u02-b1')!]
  const walkthrough: [SeededBranch, BranchStory][] = [[demoBranch, DEMO_BRANCH_STORY], ...others.map((b, j): [SeededBranch, BranchStory] => [b, OTHER_BRANCH_STORIES[j]])]
  const stories = [...walkthrough, ...moreStories(branches, walkthrough, later.midYear, now)]
  const life = { meetings: 0, checkIns: 0, leaves: 0, records: 0 }
  for (const [k, [branch, story]] of stories.entries()) {
    // The walkthrough's branches keep the generator they always had; the rest draw from the plan's.
    const done = await seedBranchLife(
      store,
      policy,
      now,
      { branch, venue: hallOf(branch.unitId), reviewer: byUnit.get(branch.unitId)![0], story, keep, pointsToday },
      k < walkthrough.length ? lifeRandom : planRandom,
    )
    for (const key of Object.keys(life) as (keyof typeof life)[]) life[key] += done[key]
    progress(9 + Math.round(((k + 1) / stories.length) * 3), TOTAL_STEPS, '支部组织生活')
  }

  // ---- the plan's targets: rotation training of 县处级 and above, 民主生活会, checklist scores, 述职 ----
  const everyone = [...members, ...later.midYear.batch.members]
  const training = await seedRotationTraining(store, policy, now, { cadres: everyone.filter((m) => m.cadreRank === 'bureau' || m.cadreRank === 'county'), organizer: cityAdmin, pointsToday }, planRandom)
  progress(13, TOTAL_STEPS, '干部轮训')
  const unitAdmins = new Map(UNITS.map(([u]) => [u, byUnit.get(u)![0]]))
  const records = await seedObligationRecords(store, now, { units: batch.units, branches: allBranches, unitAdmins, cityAdmin, partySecretaries }, planRandom)
  progress(14, TOTAL_STEPS, '民主生活会、支部评定与述职')

  const account = (m: OrgBatch['members'][number], role: DemoAccount['role']): DemoAccount => ({ role, name: m.name, unit: unitNameOf(m.unitId), bindCode: m.bindCode })
  const accounts: DemoAccount[] = [
    account(cityAdmin, 'cityAdmin'),
    account(byUnit.get('u01')![0], 'unitAdmin'),
    account(byUnit.get('u02')![0], 'unitAdmin'),
    account(byUnit.get('u01')![1], 'organizer'),
    account(byUnit.get('u02')![1], 'organizer'),
    account(byUnit.get('u09')![1], 'organizer'),
    account(plain('u01'), 'member'),
    account(youthOf('g01')!, 'member'),
    account(plain('u02'), 'member'),
    account(youthOf('g06')!, 'member'),
    account(demoBranch.secretary, 'branchSecretary'),
    account(demoBranch.organizer, 'branchOrganizer'),
  ]
  await store.putSetting(DEMO_ACCOUNTS_KEY, JSON.stringify(accounts))
  await store.putSetting(DEMO_SEEDED_KEY, nowIso)
  return {
    accounts,
    counts: {
      units: batch.units.length,
      branches: allBranches.length,
      partyGroups: batch.partyGroups.length + later.midYear.batch.partyGroups.length,
      youthGroups: GROUPS.length,
      members: everyone.length,
      probationary: everyone.filter((m) => m.partyStatus === 'probationary').length,
      branchOfficers: allBranches.reduce((n, b) => n + b.committee.length, 0),
      activities: all.length + 1 + life.meetings + youthYear.sessions + training.activities,
      meetings: life.meetings,
      checkIns: checkIns + life.checkIns + youthYear.checkIns + training.checkIns,
      leaves: life.leaves,
      records: life.records,
      democraticMeetings: records.democraticMeetings,
      branchScores: records.branchScores,
      dutyReports: records.dutyReports,
    },
  }
}
