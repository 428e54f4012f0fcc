/**
 * This year's records of the plan's targets in the demo city: each unit's 民主生活会 (with the 工委
 * comrade who attended, or none), its branches scored on the checklist (the default one: the city
 * has not saved its own), and the 述职 of its 机关党委书记 and branch secretaries with their
 * appraisal, each as ./standings.ts says. Dates fall in the part of the year already lived.
 */
import type { CriterionScore } from '../../contract/obligations'
import type { AppraisalGrade, BranchGrade } from '../../contract/vocabulary'
import { gradeOf } from '../../domain/obligations/standardBranch'
import { DEFAULT_CHECKLIST } from '../../domain/obligations/targets'
import { shanghaiDay, SHANGHAI_OFFSET_MS } from '../../domain/time'
import type { OrgBatch, Store } from '../../store/Store'
import type { SeededBranch } from './branchOrg'
import { demoPhoto } from './photo'
import { chineseName, type Random } from './random'
import { APPRAISAL_COMMENTS, democraticTopic, dutyReportText, scoreNote, WORK_COMMITTEE_POSTS } from './recordText'
import { STANDINGS, type DutyPlan } from './standings'

type Person = OrgBatch['members'][number]

const HOUR = 3600_000
const DAY = 24 * HOUR

/** The share of the full score each grade is drawn around (thresholds 0.6 / 0.85 / 0.95). */
const SHARE: Record<BranchGrade, [number, number]> = { exemplary: [0.96, 0.99], model: [0.86, 0.93], standard: [0.66, 0.82], below: [0.45, 0.56] }

/** The start of a Shanghai day, or of the Friday before it when it falls on a weekend. */
export function weekday(dayStart: number): number {
  const dow = new Date(dayStart + SHANGHAI_OFFSET_MS + HOUR).getUTCDay()
  return dayStart - (dow === 6 ? 1 : dow === 0 ? 2 : 0) * DAY
}

export interface RecordsResult {
  democraticMeetings: number
  branchScores: number
  dutyReports: number
  evidence: number
}

export async function seedObligationRecords(
  store: Store,
  now: Date,
  ctx: { units: { id: string; name: string }[]; branches: SeededBranch[]; unitAdmins: Map<string, Person>; cityAdmin: Person; partySecretaries: Map<string, Person> },
  r: Random,
): Promise<RecordsResult> {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS)
  const year = String(local.getUTCFullYear())
  const yearStart = Date.UTC(local.getUTCFullYear(), 0, 1) - SHANGHAI_OFFSET_MS
  const elapsed = now.getTime() - yearStart
  /** A working hour on a weekday at a share of the year so far, drawn between `from` and `to`. */
  const dayAt = (from: number, to: number, hour: number) => {
    // Early in a year that began on a weekend, the Friday before may be last year: this year's first day then.
    const day = Math.max(yearStart, weekday(Date.parse(shanghaiDay(new Date(yearStart + elapsed * (from + r.next() * (to - from)))).start)))
    return Math.min(day + hour * HOUR, now.getTime() - 2 * HOUR)
  }
  const iso = (ms: number) => new Date(Math.min(ms, now.getTime() - HOUR)).toISOString()
  const result: RecordsResult = { democraticMeetings: 0, branchScores: 0, dutyReports: 0, evidence: 0 }
  const photo = async (unitId: string, name: string, by: Person, at: number) => {
    result.evidence++
    return (await store.putEvidence({ unitId, mime: 'image/png', name, uploadedBy: by.id, uploadedAt: iso(at), bytes: demoPhoto(r) })).id
  }

  // ---- 民主生活会 ----
  const attendees = WORK_COMMITTEE_POSTS.map((post) => ({ name: chineseName(r), post }))
  for (const u of ctx.units) {
    const plan = STANDINGS[u.id]?.democratic ?? 'none'
    if (plan === 'none') continue
    const admin = ctx.unitAdmins.get(u.id)!
    const heldAt = dayAt(0.08, 0.6, 9)
    const recordedAt = heldAt + r.int(1, 4) * DAY
    const who = plan === 'attended' ? r.pick(attendees) : null
    await store.insertDemocraticMeeting({
      unitId: u.id,
      heldAt: iso(heldAt),
      forPeriod: year,
      topic: `${u.name}领导班子${democraticTopic(year, r)}`.slice(0, 60),
      attendeeName: who?.name ?? null,
      attendeePost: who?.post ?? null,
      evidence: [await photo(u.id, '民主生活会现场.png', admin, recordedAt)],
      recordedBy: admin.id,
      recordedAt: iso(recordedAt),
    })
    result.democraticMeetings++
  }

  // ---- 标准党支部: this year's scores ----
  const criteria = DEFAULT_CHECKLIST.criteria
  const maxTotal = criteria.reduce((s, c) => s + c.maxScore, 0)
  const unitPhotos = new Map<string, string>()
  for (const b of ctx.branches) {
    const grade = STANDINGS[b.unitId]?.grades[b.id]
    if (!grade) continue
    const admin = ctx.unitAdmins.get(b.unitId)!
    const scoredAt = dayAt(0.6, 0.95, 15)
    if (!unitPhotos.has(b.unitId)) unitPhotos.set(b.unitId, await photo(b.unitId, '支部活动阵地.png', admin, scoredAt - DAY))
    const evidence = [unitPhotos.get(b.unitId)!]
    // Start every criterion at the drawn share, then move points between criteria: the total (and so the grade) stays.
    const [lo, hi] = SHARE[grade]
    const share = lo + r.next() * (hi - lo)
    const scores = criteria.map((c) => Math.round(c.maxScore * share))
    for (let k = 0; k < 6; k++) {
      const [a, z] = [r.int(0, criteria.length - 1), r.int(0, criteria.length - 1)]
      if (a !== z && scores[a] < criteria[a].maxScore && scores[z] > 0) {
        scores[a]++
        scores[z]--
      }
    }
    const total = scores.reduce((s, x) => s + x, 0)
    const perCriterion: CriterionScore[] = criteria.map((c, i) => ({
      criterionId: c.id,
      score: scores[i],
      note: scoreNote(c.id, scores[i] === c.maxScore, r),
      evidence: c.id === 'c3' || c.id === 'c7' ? evidence : [],
    }))
    await store.saveBranchScore({
      branchId: b.id,
      unitId: b.unitId,
      year,
      scores: perCriterion,
      total,
      maxTotal,
      grade: gradeOf(total, maxTotal, DEFAULT_CHECKLIST.thresholds),
      scoredBy: admin.id,
      scoredAt: iso(scoredAt),
    })
    result.branchScores++
  }

  // ---- 述职评议 ----
  const report = async (plan: DutyPlan, level: 'unit' | 'branch', subjectId: string, unitId: string, orgName: string, reporter: Person, appraiser: Person) => {
    if (plan === 'missing') return
    const submittedAt = dayAt(0.55, 0.9, 10)
    const saved = await store.saveDutyReport({
      level,
      subjectId,
      unitId,
      year,
      reporterName: reporter.name,
      text: dutyReportText(level, orgName, year, r),
      evidence: [],
      submittedBy: reporter.id,
      submittedAt: iso(submittedAt),
    })
    result.dutyReports++
    if (plan !== 'appraised') return
    const grade: AppraisalGrade = r.chance(0.5) ? 'excellent' : r.chance(0.8) ? 'good' : 'fair'
    await store.appraiseDutyReport(saved.id, {
      grade,
      comment: grade === 'excellent' && r.chance(0.5) ? null : APPRAISAL_COMMENTS[grade],
      appraisedBy: appraiser.id,
      appraisedAt: iso(submittedAt + r.int(3, 20) * DAY),
    })
  }
  for (const u of ctx.units) {
    const s = STANDINGS[u.id]
    if (!s) continue
    await report(s.duty.unit, 'unit', u.id, u.id, u.name, ctx.partySecretaries.get(u.id)!, ctx.cityAdmin)
    for (const b of ctx.branches.filter((x) => x.unitId === u.id)) {
      await report(s.duty.branches[b.id] ?? 'missing', 'branch', b.id, u.id, b.name, b.secretary, ctx.unitAdmins.get(u.id)!)
    }
  }
  return result
}
