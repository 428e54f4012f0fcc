/** The branch pages: the secretary's overview, a member's meetings, the review queue, the printable records. */
import type { z } from 'zod'
import type { Activity, BranchOverview, LeaveRequest, MeetingRecordView, MeetingSummary, Member, MyBranchMeeting, RhythmStatus } from '../../contract/model'
import type { activity as schemas } from '../../contract/schemas'
import type { MeetingType, RecordState, Rhythm } from '../../contract/vocabulary'
import { inAudience } from '../../domain/activity'
import { expectedAt, filedLate } from '../../domain/branchMeetings'
import { heldLate, rhythmOf, rhythmPeriodOf, type HeldMeeting } from '../../domain/meetingRhythm'
import { fail } from '../../domain/errors'
import { adminUnits, branchesRun, isCityAdmin, onBranchCommittee, organizesUnit, reviewsRecordsOf, runsBranch } from '../../domain/roles'
import { periodKeys } from '../../domain/time'
import type { AuthedCtx } from '../../runtime/action'
import type { Ctx } from '../../runtime/context'
import { isMeeting, partyGroupOfMeeting, type Meeting } from './meetingAccess'
import { recordViews } from './recordView'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

/** At most this many meetings in one list, review queue or printable set. */
export const MEETINGS_LIMIT = 100

/** This Shanghai calendar year, or the period asked for: the bounds meetings are listed in. */
export const periodOrThisYear = (ctx: Ctx, period: string | undefined) => rhythmPeriodOf(period ?? periodKeys(ctx.now()).year)

/** Meetings as lists show them, with their filing state and arrivals. */
export async function summaries(ctx: Ctx, meetings: Meeting[]): Promise<MeetingSummary[]> {
  if (!meetings.length) return []
  const ids = meetings.map((m) => m.id)
  const groupIds = [...new Set(meetings.map(partyGroupOfMeeting).filter((g) => g !== null))]
  const [records, arrivals, branches, groups] = await Promise.all([
    ctx.store.meetingRecords(ids),
    ctx.store.countCheckIns(ids),
    ctx.store.branchesOf('branch', [...new Set(meetings.map((m) => m.branchId))]),
    Promise.all(groupIds.map((id) => ctx.store.getPartyGroup(id))),
  ])
  const groupNames = new Map(groups.filter((g) => g !== null).map((g) => [g.id, g.name]))
  return meetings.map((m) => {
    const r = records.get(m.id)
    const group = partyGroupOfMeeting(m)
    return {
      activityId: m.id,
      title: m.title,
      type: m.meeting.type,
      forPeriod: m.meeting.forPeriod,
      startAt: m.startAt,
      endAt: m.endAt,
      status: m.status,
      branchId: m.branchId,
      branchName: branches.get(m.branchId)?.name ?? '',
      partyGroupName: group ? (groupNames.get(group) ?? null) : null,
      recordState: r?.state ?? 'draft',
      heldLate: heldLate({ heldAt: m.startAt, forPeriod: m.meeting.forPeriod }),
      filedLate: r?.submittedAt ? filedLate(m.meeting.forPeriod, r.submittedAt) : false,
      arrivals: arrivals[m.id] ?? 0,
    }
  })
}

const meetingsOnly = (list: Activity[]): Meeting[] => list.filter(isMeeting)

export async function branchOverview(input: In<'branchOverview'>, ctx: AuthedCtx): Promise<BranchOverview> {
  const me = ctx.caller
  const branchId = input.branchId ?? branchesRun(me)[0] ?? me.branchId ?? fail('NOT_FOUND', '您尚未编入党支部')
  const [found, partyGroups, roster] = await Promise.all([
    ctx.store.getBranch(branchId),
    ctx.store.partyGroupsOf(branchId),
    ctx.store.rosterOn({ kind: 'branch', ids: [branchId] }, ctx.now().toISOString()),
  ])
  const branch = found ?? fail('NOT_FOUND', '党支部不存在')
  const unit = (await ctx.store.getUnit(branch.unitId)) ?? fail('NOT_FOUND', '党支部所属单位不存在')
  const run = runsBranch(me, branch)
  const review = reviewsRecordsOf(me, branch.unitId)
  if (!run && !review) fail('FORBIDDEN', '只有本支部书记、组织委员或本单位管理员可以查看支部工作')

  const now = ctx.now()
  const year = periodOrThisYear(ctx, undefined)
  const list = meetingsOnly(await ctx.store.listMeetings({ branchIds: [branchId], from: year.start, to: year.end }))
  const [meetings, leaves] = await Promise.all([summaries(ctx, list), ctx.store.leavesOf(list.map((m) => m.id))])

  // The rhythm is tracked from the start of this Shanghai year: earlier periods are not counted as missed.
  const since = year.start
  const held = (pick: (m: Meeting) => boolean): HeldMeeting[] =>
    list
      .filter((m) => m.status === 'published' && Date.parse(m.startAt) <= now.getTime() && pick(m))
      .map((m) => ({ type: m.meeting.type, heldAt: m.startAt, forPeriod: m.meeting.forPeriod }))
  const required = (level: 'branch' | 'partyGroup'): Partial<Record<MeetingType, Rhythm>> =>
    Object.fromEntries(Object.entries(ctx.policy.meetingRhythm[level]).filter(([type, r]) => r && (level === 'partyGroup') === (type === 'groupMeeting')))
  const branchRows: RhythmStatus[] = rhythmOf(required('branch'), held((m) => m.meeting.type !== 'groupMeeting'), now, since).map((r) => ({
    ...r,
    partyGroupId: null,
    partyGroupName: null,
  }))
  const groupRequired = required('partyGroup')
  const groupRows: RhythmStatus[] = partyGroups.flatMap((g) =>
    rhythmOf(groupRequired, held((m) => m.meeting.type === 'groupMeeting' && partyGroupOfMeeting(m) === g.id), now, since).map((r) => ({
      ...r,
      partyGroupId: g.id,
      partyGroupName: g.name,
    })),
  )

  const names = new Map(roster.map((p) => [p.id, p.name]))
  const titles = new Map(list.map((m) => [m.id, m.title]))
  const groupNames = new Map(partyGroups.map((g) => [g.id, g.name]))
  return {
    branch: { ...branch, unitName: unit.name, memberCount: roster.length },
    partyGroups,
    rhythm: [...branchRows, ...groupRows],
    meetings: meetings.reverse(),
    pendingLeaves: leaves
      .filter((l) => l.status === 'pending')
      .map((l) => ({ ...l, memberName: names.get(l.memberId) ?? '', activityTitle: titles.get(l.activityId) ?? '' })),
    members: roster.map((p) => ({
      id: p.id,
      name: p.name,
      partyStatus: p.partyStatus,
      partyGroupId: p.placement.partyGroupId,
      partyGroupName: p.placement.partyGroupId ? (groupNames.get(p.placement.partyGroupId) ?? null) : null,
      committee: onBranchCommittee(p, branchId),
      roles: p.roles.filter((g) => g.role === 'member' || !g.branchId || g.branchId === branchId).map((g) => g.role),
    })),
    may: { run, review },
  }
}

/** The leave that stands for a member on a meeting: one waiting or approved, else the latest decided. */
const standingLeave = (leaves: LeaveRequest[]): LeaveRequest | null =>
  leaves.find((l) => l.status === 'pending' || l.status === 'approved') ?? [...leaves].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0] ?? null

export async function branchMeetings(input: In<'branchMeetings'>, ctx: AuthedCtx): Promise<{ meetings: MyBranchMeeting[] }> {
  const me = ctx.caller
  if (!me.branchId) fail('NOT_FOUND', '您尚未编入党支部')
  const period = periodOrThisYear(ctx, input.period)
  const list = meetingsOnly(await ctx.store.listMeetings({ branchIds: [me.branchId], from: period.start, to: period.end })).filter(
    (m) => m.status !== 'draft' && inAudience(m.audience, me) && expectedAt(m.meeting.type, onBranchCommittee(me, m.branchId)),
  )
  const ids = list.map((m) => m.id)
  const [rows, mine, leaves] = await Promise.all([summaries(ctx, list), ctx.store.checkedInActivityIds(me.id, ids), ctx.store.leavesOfMember(me.id, ids)])
  const now = ctx.now().getTime()
  return {
    meetings: rows.map((row, i) => {
      const m = list[i]
      const leave = standingLeave(leaves.filter((l) => l.activityId === m.id))
      const present = mine.has(m.id)
      const status: MyBranchMeeting['mine'] = present
        ? 'present'
        : leave?.status === 'approved'
          ? 'leave'
          : now >= Date.parse(m.endAt)
            ? 'absent'
            : 'upcoming'
      const mayRequestLeave =
        m.status === 'published' && now < Date.parse(m.startAt) && !present && !(leave && (leave.status === 'pending' || leave.status === 'approved'))
      return { ...row, mine: status, leave, mayRequestLeave }
    }),
  }
}

export async function recordsToReview(input: In<'recordsToReview'>, ctx: AuthedCtx): Promise<{ meetings: MeetingSummary[] }> {
  const mine = adminUnits(ctx.caller)
  if (!isCityAdmin(ctx.caller) && (!mine || !mine.length)) fail('FORBIDDEN', '只有单位管理员可以审阅会议记录')
  if (input.unitId && mine && !mine.includes(input.unitId)) fail('FORBIDDEN', '只能审阅本单位的会议记录')
  const unitIds = input.unitId ? [input.unitId] : mine
  const records = await ctx.store.recordsInState(unitIds, input.state as RecordState, MEETINGS_LIMIT)
  const activities = await Promise.all(records.map((r) => ctx.store.getActivity(r.activityId)))
  return { meetings: await summaries(ctx, meetingsOnly(activities.filter((a) => a !== null))) }
}

/** The meetings of a branch or a unit in a period the caller may see in full: oldest first, at most MEETINGS_LIMIT. */
export async function meetingsInScope(
  input: { branchId?: string; unitId?: string; period?: string },
  ctx: AuthedCtx,
): Promise<{ meetings: Meeting[]; scopeName: string; periodKey: string }> {
  if (!!input.branchId === !!input.unitId) fail('BAD_INPUT', '请选择一个党支部或一个单位', { field: 'branchId' })
  const me: Member = ctx.caller
  const period = periodOrThisYear(ctx, input.period)
  let scopeName: string
  let filter: { branchIds?: string[]; unitIds?: string[] }
  if (input.branchId) {
    const branch = (await ctx.store.getBranch(input.branchId)) ?? fail('NOT_FOUND', '党支部不存在')
    if (!runsBranch(me, branch) && !reviewsRecordsOf(me, branch.unitId)) fail('FORBIDDEN', '只能查看您负责的党支部的会议记录')
    scopeName = branch.name
    filter = { branchIds: [branch.id] }
  } else {
    const unitId = input.unitId as string
    const unit = (await ctx.store.getUnit(unitId)) ?? fail('NOT_FOUND', '单位不存在')
    if (!organizesUnit(me, unit.id) && !reviewsRecordsOf(me, unit.id)) fail('FORBIDDEN', '只能查看您负责单位的会议记录')
    scopeName = unit.name
    filter = { unitIds: [unit.id] }
  }
  const list = await ctx.store.listMeetings({ ...filter, from: period.start, to: period.end })
  const meetings = meetingsOnly(list)
    .filter((m) => m.status === 'published')
    .sort((a, b) => a.startAt.localeCompare(b.startAt))
    .slice(0, MEETINGS_LIMIT)
  return { meetings, scopeName, periodKey: period.key }
}

export async function meetingRecords(input: In<'meetingRecords'>, ctx: AuthedCtx): Promise<{ records: MeetingRecordView[] }> {
  const { meetings } = await meetingsInScope(input, ctx)
  return { records: await recordViews(ctx, ctx.caller, meetings) }
}
