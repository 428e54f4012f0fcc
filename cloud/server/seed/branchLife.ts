/**
 * Branch life in the demo city: this year's meetings of a few branches (三会一课, 主题党日, 组织生活会)
 * with check-ins, leave and filed records, so the branch page, the member's meetings and the unit's
 * review queue have something to show from the first minute. Written through the Store like the rest
 * of the seed, with the seed's random generator and clock.
 */
import type { AbsenceNote, MeetingRecord, UnitPlace } from '../../contract/model'
import { ABSENCE_REASONS, MEETING_TYPE_LABEL, type AbsenceReason, type MeetingType, type RecordState } from '../../contract/vocabulary'
import { draftActivity } from '../../domain/activity'
import { filedRollOf, meetingRoll } from '../../domain/branchMeetings'
import { meetingPeriod, rhythmFor, rhythmPeriod, shiftRhythmPeriod } from '../../domain/meetingRhythm'
import { pointsForCheckIn } from '../../domain/checkIn'
import type { Policy } from '../../domain/policy'
import { newQrSecret } from '../../domain/qrToken'
import { shanghaiDay, SHANGHAI_OFFSET_MS } from '../../domain/time'
import type { Store } from '../../store/Store'
import { shuffle, type SeededBranch } from './branchOrg'
import {
  ABSENCE_NOTES,
  decisionsFor,
  LEAVE_REASONS,
  minutesFor,
  PARTY_LECTURES,
  THEME_DAYS,
  topicsFor,
} from './meetingText'
import { demoPhoto } from './photo'
import { heldAt } from './places'
import type { Random } from './random'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** How one branch's year went: what it skipped, made up, and how far its filing has got. */
export interface BranchStory {
  /** Months back (0: this month) without a 支委会. */
  skipCommittee: number[]
  /** A 支委会 held `[0]` months back for the month `[1]` back (补开). */
  makeUp: [number, number] | null
  /** The quarter (1–4) that went without a 党课. */
  skipLectureQuarter: number | null
  /** This month's 主题党日 is a few days ahead, with one member's leave waiting. */
  upcomingThemeDay: boolean
  /** Recent records waiting for review (after the latest, still a draft). */
  submitted: number
  /** One recent record came back from review with a comment. */
  returned: boolean
  /** One reviewed record carries a correction (补充更正). */
  amended: boolean
  /** A few records have a photo. */
  photos: boolean
  /** The first month (`YYYY-MM`) it kept its meetings on the platform (a branch set up mid-year, or a late starter); none: January or earlier. */
  since?: string
  /**
   * A model branch: the quarter's 党课 in its first month, this month's meetings held by yesterday,
   * and 民主评议党员 beside the 组织生活会 (with `drafts: 0`, nothing owed is left undone).
   */
  prompt?: boolean
  /** Records still drafts, newest first (default 1: the latest meeting's). */
  drafts?: number
  /** Older records filed only after their period had ended (补报). */
  filedLate?: number
}

export interface BranchLifeResult {
  meetings: number
  checkIns: number
  leaves: number
  records: number
}

interface Plan {
  type: MeetingType
  title: string
  start: number
  hours: number
  /** The period it makes up (补开). */
  forPeriod?: string
  group?: SeededBranch['partyGroups'][number]
}

/** Shanghai wall-clock time as epoch milliseconds. */
const local = (y: number, m: number, d: number, hh: number, mm = 0) => Date.UTC(y, m - 1, d, hh, mm) - SHANGHAI_OFFSET_MS
const QUARTER_NAME = ['第一', '第二', '第三', '第四']

/** The meetings a branch held this year (and the one coming up), by its story. */
function planYear(b: SeededBranch, story: BranchStory, now: Date, r: Random): { held: Plan[]; upcoming: Plan | null } {
  const current = rhythmPeriod('month', now).key
  const [year, month] = current.split('-').map(Number)
  // From January, but at least four months back so early in the year there is still a history.
  const back = Math.max(month - 1, 4)
  const today = new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCDate()
  const plans: Plan[] = []
  for (let k = back; k >= 0; k--) {
    const key = shiftRhythmPeriod(current, -k)
    if (story.since && key < story.since) continue
    const [y, m] = key.split('-').map(Number)
    // A prompt branch has held this month's meetings already (yesterday at the latest).
    const day = (d: number) => (story.prompt && k === 0 ? Math.min(d, Math.max(1, today - 1)) : d)
    if (!story.skipCommittee.includes(k)) plans.push({ type: 'committee', title: `${m}月支委会`, start: local(y, m, day(r.int(3, 7)), 15), hours: 1.5 })
    if (story.makeUp && story.makeUp[0] === k) {
      const missed = shiftRhythmPeriod(current, -story.makeUp[1])
      plans.push({ type: 'committee', title: `${Number(missed.slice(5))}月支委会（补开）`, start: local(y, m, r.int(18, 22), 15), hours: 1.5, forPeriod: missed })
    }
    if (!(k === 0 && story.upcomingThemeDay))
      plans.push({ type: 'themeDay', title: `${m}月主题党日：${THEME_DAYS[m - 1]}`, start: local(y, m, day(r.int(10, 15)), 14, 30), hours: 2 })
    for (const g of b.partyGroups) plans.push({ type: 'groupMeeting', title: `${g.name}${m}月党小组会`, start: local(y, m, day(r.int(16, 24)), 16), hours: 1, group: g })
    const quarter = Math.ceil(m / 3)
    if (m % 3 === 1) plans.push({ type: 'generalMeeting', title: `${QUARTER_NAME[quarter - 1]}季度支部党员大会`, start: local(y, m, day(r.int(20, 26)), 9, 30), hours: 2 })
    if (m % 3 === (story.prompt ? 1 : 0) && story.skipLectureQuarter !== quarter)
      plans.push({ type: 'partyLecture', title: `党课：${PARTY_LECTURES[quarter - 1]}`, start: local(y, m, day(r.int(8, 12)), story.prompt ? 14 : 9), hours: 1.5 })
    if (m === 2 && y === year) plans.push({ type: 'lifeMeeting', title: `${y}年度组织生活会`, start: local(y, m, r.int(22, 26), 9), hours: 3 })
    if (m === 2 && y === year && story.prompt) plans.push({ type: 'appraisal', title: `${y}年度民主评议党员`, start: local(y, m, 27, 14, 30), hours: 2 })
  }
  const held = plans.filter((p) => p.start < now.getTime() - HOUR).sort((a, b) => a.start - b.start)
  let upcoming: Plan | null = null
  if (story.upcomingThemeDay) {
    // Two days ahead, in the afternoon: members can still ask leave.
    const day = Date.parse(shanghaiDay(new Date(now.getTime() + 2 * 24 * HOUR)).start)
    const m = Number(rhythmPeriod('month', new Date(day)).key.slice(5))
    upcoming = { type: 'themeDay', title: `${m}月主题党日：${THEME_DAYS[m - 1]}`, start: day + 14.5 * HOUR, hours: 2 }
  }
  return { held, upcoming }
}

const dateLabel = (ms: number) => {
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

function absenceReason(r: Random): AbsenceReason {
  const x = r.next()
  return x < 0.45 ? 'business' : x < 0.65 ? 'sick' : x < 0.9 ? 'personal' : ABSENCE_REASONS[3]
}

/**
 * Seed one branch's year: meetings as activities of the branch, check-ins with their points,
 * leave, and records in every filing state the story asks for.
 */
export async function seedBranchLife(
  store: Store,
  policy: Policy,
  now: Date,
  ctx: { branch: SeededBranch; venue: UnitPlace; reviewer: { id: string }; story: BranchStory; keep: ReadonlySet<string>; pointsToday: Map<string, number> },
  r: Random,
): Promise<BranchLifeResult> {
  const { branch: b, story, reviewer } = ctx
  const nowMs = now.getTime()
  const before = (ms: number, margin = 10 * MINUTE) => new Date(Math.min(ms, nowMs - margin)).toISOString()
  // The unit's 党员活动室 (its meeting room in a small unit): every meeting is checked in there.
  const place = ctx.venue.name
  const { held, upcoming } = planYear(b, story, now, r)
  const result: BranchLifeResult = { meetings: 0, checkIns: 0, leaves: 0, records: 0 }

  const create = async (p: Plan) => {
    const startAt = new Date(p.start).toISOString()
    const draft = draftActivity(
      {
        kind: 'study',
        subKind: MEETING_TYPE_LABEL[p.type],
        title: p.title,
        startAt,
        endAt: new Date(p.start + p.hours * HOUR).toISOString(),
        ...heldAt(ctx.venue),
        audience: p.group ? { type: 'partyGroups', partyGroupIds: [p.group.id] } : { type: 'branches', branchIds: [b.id] },
      },
      b.secretary,
      { unitId: b.unitId, branchId: b.id, meeting: { type: p.type, forPeriod: meetingPeriod(rhythmFor(policy.meetingRhythm, p.type), startAt, p.forPeriod), election: false } },
      policy,
      true,
    )
    result.meetings++
    return store.insertActivity({ ...draft, qrSecret: newQrSecret() }, before(p.start - 7 * 24 * HOUR))
  }

  // Newest first: the latest held meeting's record is still a draft, the next ones wait or came back.
  const states = new Map<Plan, RecordState>()
  const newestFirst = [...held].reverse()
  let i = 0
  for (let k = 0; k < (story.drafts ?? 1); k++) states.set(newestFirst[i++], 'draft')
  if (story.returned) states.set(newestFirst[i++], 'returned')
  for (let k = 0; k < story.submitted; k++) states.set(newestFirst[i++], 'submitted')
  const amendedPlan = story.amended ? held.find((p) => p.type === 'generalMeeting') : undefined
  // Filed only after the month had ended (补报): a few 主题党日 records from the middle of the year.
  const filedLate = new Set(held.filter((p) => p.type === 'themeDay' && !states.has(p)).slice(2, 2 + (story.filedLate ?? 0)))
  const photoPlans = new Set(story.photos ? held.filter((p) => p.type === 'themeDay' || p.type === 'lifeMeeting').slice(-3) : [])

  for (const p of held) {
    const activity = await create(p)
    // A 支委会 is the committee's meeting; every other type is for the branch's (or 党小组's) roster.
    const roster = p.group ? p.group.members : p.type === 'committee' ? b.committee : b.members
    const rate = r.next() * 0.15 + 0.8
    const present = roster.filter(() => r.chance(p.type === 'committee' ? 0.97 : rate))
    const absentees = roster.filter((m) => !present.includes(m))
    // A meeting's check-ins arrive together, as they do at the door: the store commits them as one.
    await Promise.all(
      present.map((m) => {
        const at = new Date(p.start + r.int(-20, 8) * MINUTE)
        const dayKey = `${m.id}:${shanghaiDay(at).start}`
        const { points } = pointsForCheckIn('study', policy, ctx.pointsToday.get(dayKey) ?? 0)
        ctx.pointsToday.set(dayKey, (ctx.pointsToday.get(dayKey) ?? 0) + points)
        const device = r.chance(0.8) ? 'WeChat/iPhone' : 'WeChat/Android'
        const createdAt = at.toISOString()
        result.checkIns++
        return store.recordCheckIn(
          { activityId: activity.id, memberId: m.id, checkedInAt: createdAt, method: 'qr', distanceM: null, accuracyM: null, device, ip: '10.0.0.1', idempotencyKey: null },
          { kind: 'study', points, hours: 0, method: 'qr', approvedBy: null, createdAt, device, ip: '10.0.0.1', reversesId: null },
        )
      }),
    )
    // Some who stayed away had asked leave in advance, and the secretary approved it.
    const onLeave = absentees.length && r.chance(0.4) ? [absentees[0]] : []
    for (const m of onLeave) {
      const requestedAt = new Date(p.start - r.int(20, 70) * HOUR).toISOString()
      const leave = await store.insertLeave({ activityId: activity.id, memberId: m.id, reason: r.pick(LEAVE_REASONS), requestedAt })
      await store.decideLeave(leave.id, { status: 'approved', reviewedBy: b.secretary.id, reviewedAt: new Date(Date.parse(requestedAt) + r.int(1, 6) * HOUR).toISOString(), comment: null })
      result.leaves++
    }

    const state = states.get(p) ?? 'reviewed'
    const unexcused = absentees.filter((m) => !onLeave.includes(m))
    // A returned record came back because one absentee's reason was missing (when there was one).
    const noted = state === 'draft' ? [] : state === 'returned' ? unexcused.slice(1) : unexcused
    const absences: AbsenceNote[] = noted.map((m) => {
      const reason = absenceReason(r)
      return { memberId: m.id, reason, note: reason === 'other' || r.chance(0.5) ? r.pick(ABSENCE_NOTES[reason]) : null }
    })
    const host = p.group ? p.group.members[0] : p.type === 'partyLecture' || r.chance(0.85) ? b.secretary : b.organizer
    const recorder = p.group ? p.group.members[1] : b.organizer === host ? b.secretary : b.organizer
    const topics = topicsFor(p.type, p.title, r)
    const end = p.start + p.hours * HOUR
    const submittedAt =
      state === 'draft'
        ? null
        : filedLate.has(p)
          ? before(Date.parse(rhythmPeriod('month', new Date(p.start)).end) + r.int(2, 8) * 24 * HOUR, 40 * MINUTE)
          : before(end + r.int(3, 40) * HOUR, 40 * MINUTE)
    const reviewedAt = state === 'reviewed' || state === 'returned' ? before(Date.parse(submittedAt!) + r.int(12, 90) * HOUR) : null
    const minutes = minutesFor(p.type, {
      date: dateLabel(p.start),
      place,
      host: host.name,
      expected: roster.length,
      present: present.length,
      leave: onLeave.length,
      absent: unexcused.length,
      topics,
    })
    // The roll as activity.submitRecord keeps it, from what the seed knows: who was expected, came and had leave.
    const committee = new Set(b.committee.map((m) => m.id))
    const filedRoll = submittedAt
      ? filedRollOf(
          meetingRoll({
            type: p.type,
            election: false,
            roster: roster.map((m) => ({ id: m.id, name: m.name, partyStatus: m.partyStatus, partyGroupName: null, committee: committee.has(m.id) })),
            checkIns: present.map((m) => ({ memberId: m.id, checkedInAt: new Date(p.start).toISOString(), method: 'qr' as const })),
            approvedLeave: onLeave.map((m) => ({ memberId: m.id, reason: '' })),
            absences,
          }),
        )
      : null
    const photos: string[] = []
    if (photoPlans.has(p)) photos.push((await store.putPhoto({ activityId: activity.id, mime: 'image/png', bytes: demoPhoto(r), uploadedBy: recorder.id, uploadedAt: before(end + HOUR) })).id)
    const record: MeetingRecord = {
      activityId: activity.id,
      state,
      host: host.name,
      recorder: recorder.name,
      topics,
      decisions: state === 'draft' ? '' : decisionsFor(p.type, r),
      // The draft was started during the meeting: 议题 are in, the 纪要 not yet.
      minutes: state === 'draft' ? '' : minutes,
      photos,
      absences,
      version: 1,
      updatedAt: submittedAt ?? before(end + 2 * HOUR),
      updatedBy: recorder.id,
      submittedAt,
      submittedBy: submittedAt ? b.secretary.id : null,
      reviewedAt,
      reviewedBy: reviewedAt ? reviewer.id : null,
      reviewComment:
        state === 'returned'
          ? unexcused.length
            ? `${unexcused[0].name}同志缺席，未登记缺席原因，请补充后重新上报。`
            : '会议纪要过于简略，请补充讨论情况和表决结果后重新上报。'
          : null,
      filedRoll,
    }
    await store.saveMeetingRecord(record)
    result.records++
    if (p === amendedPlan && state === 'reviewed') {
      await store.insertAmendment({
        activityId: activity.id,
        field: 'decisions',
        value: `${record.decisions}\n${record.decisions.split('\n').length + 1}. 会后组织党员集中学习会议精神，由各党小组长负责传达到每名党员。`,
        reason: '上报时漏记第三项决议，经支委会核对后补充',
        by: b.secretary.id,
        at: before(Date.parse(reviewedAt!) + 2 * 24 * HOUR),
      })
    }
  }

  if (upcoming) {
    const activity = await create(upcoming)
    // One member has asked leave for it and waits for the secretary; the demo accounts are left free to ask.
    const asking = shuffle(
      b.members.filter((m) => m.roles.length === 1 && !ctx.keep.has(m.id)),
      r,
    )[0]
    if (asking) {
      await store.insertLeave({ activityId: activity.id, memberId: asking.id, reason: r.pick(LEAVE_REASONS), requestedAt: new Date(nowMs - r.int(1, 20) * HOUR).toISOString() })
      result.leaves++
    }
  }
  return result
}

export const DEMO_BRANCH_STORY: BranchStory = {
  skipCommittee: [0, 1, 4],
  makeUp: [3, 4],
  skipLectureQuarter: 3,
  upcomingThemeDay: true,
  submitted: 1,
  returned: true,
  amended: true,
  photos: true,
}

/** The other branches with a history: they keep the rhythm better, and some records wait for review. */
export const OTHER_BRANCH_STORIES: BranchStory[] = [
  { skipCommittee: [0], makeUp: null, skipLectureQuarter: null, upcomingThemeDay: false, submitted: 2, returned: false, amended: false, photos: false },
  { skipCommittee: [0, 2], makeUp: null, skipLectureQuarter: 2, upcomingThemeDay: false, submitted: 2, returned: true, amended: false, photos: false },
]
