/**
 * A year of branch life for the bench city, at city scale and cheaply: every branch's 支委会 of each
 * month of the year so far and its quarterly 支部党员大会 and 党课 (a few missed, a few made up
 * 补开), their records mostly filed with the roll kept (`filedRoll`), a few filed late (补报),
 * the latest few still drafts or waiting for review; 民主生活会 for most units, checklist scores for
 * most branches, 述职 for most secretaries. No check-ins: a filed roll carries the counts the
 * dashboards and the report read. Planned from a generator of its own (the rest of the city keeps
 * its draws) and written through any Store, so SQLite and the CloudBase fake hold the same records.
 */
import type { MeetingRecord } from '../cloud/contract/meetings'
import type { Member } from '../cloud/contract/model'
import type { BranchScore, DemocraticMeeting, DutyReport } from '../cloud/contract/obligations'
import { MEETING_TYPE_LABEL, type AppraisalGrade, type MeetingType, type RecordState } from '../cloud/contract/vocabulary'
import { draftActivity, type ActivityDraft } from '../cloud/domain/activity'
import { gradeOf } from '../cloud/domain/obligations/standardBranch'
import { DEFAULT_CHECKLIST } from '../cloud/domain/obligations/targets'
import { DEFAULT_POLICY } from '../cloud/domain/policy'
import { newQrSecret } from '../cloud/domain/qrToken'
import { SHANGHAI_OFFSET_MS } from '../cloud/domain/time'
import { seededRandom, type Random } from '../cloud/server/seed/random'
import type { OrgBatch, Store } from '../cloud/store/Store'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Meetings (or other records) written at once. */
const PARALLEL = 50

/** Shanghai wall-clock time as epoch milliseconds. */
const local = (y: number, m: number, d: number, hh: number) => Date.UTC(y, m - 1, d, hh) - SHANGHAI_OFFSET_MS
const pad = (n: number) => String(n).padStart(2, '0')

interface PlannedMeeting {
  draft: ActivityDraft
  createdAt: string
  record: Omit<MeetingRecord, 'activityId'>
}

export interface BranchLifePlan {
  meetings: PlannedMeeting[]
  democratic: Omit<DemocraticMeeting, 'id'>[]
  scores: BranchScore[]
  duty: { report: Omit<DutyReport, 'id' | 'grade' | 'comment' | 'appraisedBy' | 'appraisedAt'>; appraisal: { grade: AppraisalGrade; comment: string | null; appraisedBy: string; appraisedAt: string } | null }[]
}

export interface BranchLifeCounts {
  meetings: number
  filed: number
  drafts: number
  rollRows: number
  democratic: number
  scores: number
  dutyReports: number
}

type Person = OrgBatch['members'][number]

/** Members on each branch's committee (支委会). */
const COMMITTEE_SIZE = 3

/**
 * A unit's member `i`'s branch roles: members 4–9 sit on the committees, alternating between the
 * unit's two branches as members do; the first of each is its secretary, the next its 组织委员.
 */
export function committeeRoles(i: number, unitId: string): Person['roles'] {
  if (i < 4 || i >= 4 + 2 * COMMITTEE_SIZE) return []
  const branchId = `${unitId}-B${1 + (i % 2)}`
  const seat = Math.floor((i - 4) / 2)
  return [{ role: seat === 0 ? 'branchSecretary' : seat === 1 ? 'branchOrganizer' : 'branchCommittee', unitId, branchId }]
}

/** The branch's members (in roster order) and its committee, secretary first. */
function branchesOf(batch: OrgBatch) {
  const members = new Map<string, Person[]>()
  for (const m of batch.members) if (m.branchId) members.set(m.branchId, [...(members.get(m.branchId) ?? []), m])
  return batch.branches.map((b) => {
    const list = members.get(b.id) ?? []
    const committee = list.filter((m) => m.roles.some((g) => g.branchId === b.id))
    if (committee.length < COMMITTEE_SIZE) throw new Error(`基准城市：${b.id} 的支委不足 ${COMMITTEE_SIZE} 人`)
    return { ...b, members: list, committee, secretary: committee[0], organizer: committee[1] }
  })
}

/**
 * The plan of the year `now` lies in, up to `now` (the months that have ended; a quarter's
 * meetings in its first or last month). Deterministic for a roster and clock.
 */
export function branchLifePlan(batch: OrgBatch, now: Date): BranchLifePlan {
  const r = seededRandom(13)
  const nowMs = now.getTime()
  const year = new Date(nowMs + SHANGHAI_OFFSET_MS).getUTCFullYear()
  const month = new Date(nowMs + SHANGHAI_OFFSET_MS).getUTCMonth() + 1
  const reviewerOf = new Map(batch.members.filter((m) => m.roles.some((g) => g.role === 'unitAdmin')).map((m) => [m.unitId, m]))
  const cityAdmin = batch.members.find((m) => m.roles.some((g) => g.role === 'cityAdmin'))!
  const plan: BranchLifePlan = { meetings: [], democratic: [], scores: [], duty: [] }
  const before = (ms: number) => new Date(Math.min(ms, nowMs - HOUR)).toISOString()

  for (const b of branchesOf(batch)) {
    const reviewer = reviewerOf.get(b.unitId)!
    const held: { type: MeetingType; title: string; start: number; forPeriod: string }[] = []
    let missed: string | null = null
    for (let m = 1; m < month; m++) {
      const key = `${year}-${pad(m)}`
      if (r.chance(0.04)) missed = key
      else held.push({ type: 'committee', title: `${m}月支委会`, start: local(year, m, r.int(3, 7), 15), forPeriod: key })
      // Half the months missed are made up the next month (补开).
      if (missed && missed !== key && r.chance(0.5)) held.push({ type: 'committee', title: `${Number(missed.slice(5))}月支委会（补开）`, start: local(year, m, r.int(18, 22), 15), forPeriod: missed })
      if (missed !== key) missed = null
      const quarter = `${year}-Q${Math.ceil(m / 3)}`
      if (m % 3 === 1 && !r.chance(0.05)) held.push({ type: 'generalMeeting', title: `第${Math.ceil(m / 3)}季度支部党员大会`, start: local(year, m, r.int(20, 26), 9), forPeriod: quarter })
      if (m % 3 === 0 && !r.chance(0.05)) held.push({ type: 'partyLecture', title: `第${Math.ceil(m / 3)}季度党课`, start: local(year, m, r.int(8, 12), 14), forPeriod: quarter })
    }
    const latest = Math.max(...held.map((h) => h.start))
    // The last month's records: a few still drafts (unfiled), some waiting for review.
    const lastMonth = local(year, month - 1, 1, 0)
    for (const h of held) {
      const roster = h.type === 'committee' ? b.committee : b.members
      const rate = h.type === 'committee' ? 0.97 : 0.8 + r.next() * 0.15
      const rows = roster.map((p) => {
        const x = r.next()
        return { memberId: p.id, name: p.name, status: x < rate ? ('present' as const) : x < rate + 0.04 ? ('leave' as const) : ('absent' as const) }
      })
      const end = h.start + 1.5 * HOUR
      const state: RecordState = h.start === latest && r.chance(0.05) ? 'draft' : h.start >= lastMonth && r.chance(0.15) ? 'submitted' : 'reviewed'
      const periodEnd = h.type === 'committee' ? local(year, Number(h.forPeriod.slice(5)) + 1, 1, 0) : end + 30 * DAY
      const submittedAt = state === 'draft' ? null : before(r.chance(0.03) ? periodEnd + r.int(2, 8) * DAY : end + r.int(3, 40) * HOUR)
      const reviewedAt = state === 'reviewed' ? before(Date.parse(submittedAt!) + r.int(12, 90) * HOUR) : null
      const startAt = new Date(h.start).toISOString()
      const draft = draftActivity(
        { kind: 'study', subKind: MEETING_TYPE_LABEL[h.type], title: h.title, startAt, endAt: new Date(end).toISOString(), placeName: '党员活动室', audience: { type: 'branches', branchIds: [b.id] } },
        b.secretary as Member,
        { unitId: b.unitId, branchId: b.id, meeting: { type: h.type, forPeriod: h.forPeriod, election: false } },
        DEFAULT_POLICY,
        true,
      )
      const present = rows.filter((x) => x.status === 'present').length
      const leave = rows.filter((x) => x.status === 'leave').length
      plan.meetings.push({
        draft,
        createdAt: before(h.start - 7 * DAY),
        record: {
          state,
          host: b.secretary.name,
          recorder: b.organizer.name,
          topics: [h.title],
          decisions: state === 'draft' ? '' : '1. 按计划推进本季度工作。',
          minutes: state === 'draft' ? '' : `应到 ${rows.length} 人，实到 ${present} 人，请假 ${leave} 人。`,
          photos: [],
          absences: state === 'draft' ? [] : rows.filter((x) => x.status === 'absent').map((x) => ({ memberId: x.memberId, reason: 'business' as const, note: null })),
          version: 1,
          updatedAt: submittedAt ?? before(end + 2 * HOUR),
          updatedBy: b.organizer.id,
          submittedAt,
          submittedBy: submittedAt ? b.secretary.id : null,
          reviewedAt,
          reviewedBy: reviewedAt ? reviewer.id : null,
          reviewComment: null,
          filedRoll: submittedAt ? { expected: rows.length, present, leave, rows } : null,
        },
      })
    }

    // Checklist scores for most branches, in the autumn.
    if (r.chance(0.85)) {
      const scores = DEFAULT_CHECKLIST.criteria.map((c) => ({ criterionId: c.id, score: Math.round(c.maxScore * (0.55 + r.next() * 0.45)), note: null, evidence: [] }))
      const total = scores.reduce((s, x) => s + x.score, 0)
      const maxTotal = DEFAULT_CHECKLIST.criteria.reduce((s, c) => s + c.maxScore, 0)
      plan.scores.push({ branchId: b.id, unitId: b.unitId, year: String(year), scores, total, maxTotal, grade: gradeOf(total, maxTotal, DEFAULT_CHECKLIST.thresholds), scoredBy: reviewer.id, scoredAt: before(local(year, 9, r.int(1, 28), 10)) })
    }
    // 述职 of most branch secretaries; most of those appraised by the unit.
    if (r.chance(0.85)) plan.duty.push(dutyReport('branch', b.id, b.unitId, b.secretary, reviewer, year, r, before))
  }

  for (const u of batch.units) {
    const head = reviewerOf.get(u.id)!
    if (r.chance(0.9)) {
      const heldAt = before(local(year, r.int(1, Math.max(1, month - 1)), r.int(1, 25), 9))
      plan.democratic.push({
        unitId: u.id,
        heldAt,
        forPeriod: String(year),
        topic: `${u.name}领导班子${year}年度民主生活会`,
        attendeeName: r.chance(0.85) ? '工委列席同志' : null,
        attendeePost: '市直机关工委组织部',
        evidence: [],
        recordedBy: cityAdmin.id,
        recordedAt: before(Date.parse(heldAt) + 2 * DAY),
      })
    }
    if (r.chance(0.85)) plan.duty.push(dutyReport('unit', u.id, u.id, head, cityAdmin, year, r, before))
  }
  return plan
}

function dutyReport(level: 'unit' | 'branch', subjectId: string, unitId: string, reporter: Person, appraiser: Person, year: number, r: Random, before: (ms: number) => string): BranchLifePlan['duty'][number] {
  const submittedAt = before(local(year, 10, r.int(1, 20), 10))
  return {
    report: { level, subjectId, unitId, year: String(year), reporterName: reporter.name, text: `${year}年度抓党建工作述职：落实三会一课，推进标准化建设。`, evidence: [], submittedBy: reporter.id, submittedAt },
    appraisal: r.chance(0.8) ? { grade: r.chance(0.6) ? 'excellent' : 'good', comment: null, appraisedBy: appraiser.id, appraisedAt: before(Date.parse(submittedAt) + r.int(2, 10) * DAY) } : null,
  }
}

/** Write the plan through the store: each meeting as a published branch activity, then its record; the other records after. */
export async function writeBranchLife(store: Store, plan: BranchLifePlan): Promise<BranchLifeCounts> {
  const counts: BranchLifeCounts = { meetings: 0, filed: 0, drafts: 0, rollRows: 0, democratic: plan.democratic.length, scores: plan.scores.length, dutyReports: plan.duty.length }
  const inParts = async <T>(list: T[], write: (x: T) => Promise<unknown>) => {
    for (let i = 0; i < list.length; i += PARALLEL) await Promise.all(list.slice(i, i + PARALLEL).map(write))
  }
  await inParts(plan.meetings, async (m) => {
    const a = await store.insertActivity({ ...m.draft, qrSecret: newQrSecret() }, m.createdAt)
    await store.saveMeetingRecord({ ...m.record, activityId: a.id })
    counts.meetings++
    if (m.record.filedRoll) {
      counts.filed++
      counts.rollRows += m.record.filedRoll.rows.length
    } else counts.drafts++
  })
  await inParts(plan.democratic, (d) => store.insertDemocraticMeeting(d))
  await inParts(plan.scores, (s) => store.saveBranchScore(s))
  await inParts(plan.duty, async ({ report, appraisal }) => {
    const saved = await store.saveDutyReport(report)
    if (appraisal) await store.appraiseDutyReport(saved.id, appraisal)
  })
  return counts
}
