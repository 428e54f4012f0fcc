/**
 * The record of meetings as `activity.record`, `meetingRecords` and the export read it: the record
 * with its amendments, the roll on the meeting's day, leave, lateness and what the caller may do.
 * Built for many meetings at once with few store calls, each batched where the port allows it: in
 * the WeChat world every call is a billed round trip.
 */
import type { Activity, AttendanceEntry, LeaveView, MeetingRecord, MeetingRecordView, Member, RecordAmendment } from '../../contract/model'
import { applyAmendments, emptyRecord, filedLate, meetingRoll, recordProblems } from '../../domain/branchMeetings'
import { heldLate } from '../../domain/meetingRhythm'
import { onBranchCommittee, reviewsRecordsOf } from '../../domain/roles'
import type { Ctx } from '../../runtime/context'
import type { MemberOnDay } from '../../store/Store'
import { partyGroupOfMeeting, runsMeeting, type Meeting } from './meetingAccess'

/**
 * Check-ins that count: a check-in whose credits an organizer reversed (a correction, netting to
 * nothing) is not attendance. The store says which rows have a correction, so nothing is read here;
 * `ctx` and the activity stay in the signature for its callers.
 */
export async function countedCheckIns<T extends Pick<AttendanceEntry, 'points' | 'reversed'>>(_ctx: Ctx, _activityId: string, rows: T[]): Promise<T[]> {
  return rows.filter((r) => !(r.reversed && r.points <= 0))
}

/** Everything the record views need, read once for a batch of meetings. */
interface Loaded {
  records: Map<string, MeetingRecord>
  amendments: RecordAmendment[]
  leaves: Awaited<ReturnType<Ctx['store']['leavesOf']>>
  rosters: MemberOnDay[][]
  checkIns: AttendanceEntry[][]
  branchNames: Map<string, string>
  unitNames: Map<string, string>
  groupNames: Map<string, string>
  people: Map<string, string>
}

async function load(ctx: Ctx, meetings: Meeting[]): Promise<Loaded> {
  const ids = meetings.map((m) => m.id)
  const branchIds = [...new Set(meetings.map((m) => m.branchId))]
  const unitIds = [...new Set(meetings.map((m) => m.unitId))]
  const [records, amendments, leaves, rosters, attendance, branches, units, branchGroups] = await Promise.all([
    ctx.store.meetingRecords(ids),
    ctx.store.listAmendments(ids),
    ctx.store.leavesOf(ids),
    Promise.all(
      meetings.map((m) => {
        const group = partyGroupOfMeeting(m)
        return ctx.store.rosterOn(group ? { kind: 'partyGroup', ids: [group] } : { kind: 'branch', ids: [m.branchId] }, m.startAt)
      }),
    ),
    Promise.all(meetings.map((m) => ctx.store.listAttendance(m.id))),
    ctx.store.branchesOf('branch', branchIds),
    Promise.all(unitIds.map((id) => ctx.store.getUnit(id))),
    // The branches' 党小组 now: the names the roll needs, read alongside rather than after the rosters.
    Promise.all(branchIds.map((id) => ctx.store.partyGroupsOf(id))),
  ])
  const checkIns = await Promise.all(meetings.map((m, i) => countedCheckIns(ctx, m.id, attendance[i])))
  const people = new Map<string, string>()
  for (const roster of rosters) for (const p of roster) people.set(p.id, p.name)
  for (const rows of attendance) for (const r of rows) people.set(r.memberId, r.name)
  const named = new Set<string>()
  for (const r of records.values()) for (const id of [r.updatedBy, r.submittedBy, r.reviewedBy]) if (id) named.add(id)
  for (const a of amendments) named.add(a.by)
  for (const l of leaves) named.add(l.memberId)
  const groupIds = new Set<string>()
  for (const m of meetings) {
    const g = partyGroupOfMeeting(m)
    if (g) groupIds.add(g)
  }
  for (const roster of rosters) for (const p of roster) if (p.placement.partyGroupId) groupIds.add(p.placement.partyGroupId)
  const strangers = [...named].filter((id) => !people.has(id))
  const groupNames = new Map(branchGroups.flat().map((g) => [g.id, g.name]))
  // Only a 党小组 merged since (left out of partyGroupsOf) is read on its own.
  const [others, groups] = await Promise.all([
    Promise.all(strangers.map((id) => ctx.store.getMember(id))),
    Promise.all([...groupIds].filter((id) => !groupNames.has(id)).map((id) => ctx.store.getPartyGroup(id))),
  ])
  for (const m of others) if (m) people.set(m.id, m.name)
  for (const g of groups) if (g) groupNames.set(g.id, g.name)
  return {
    records,
    amendments,
    leaves,
    rosters,
    checkIns,
    branchNames: new Map([...branches.values()].map((b) => [b.id, b.name])),
    unitNames: new Map(units.filter((u) => u !== null).map((u) => [u.id, u.name])),
    groupNames,
    people,
  }
}

/** The record views of these meetings, in the order given, as this caller sees them. */
export async function recordViews(ctx: Ctx, caller: Member, meetings: Meeting[]): Promise<MeetingRecordView[]> {
  if (!meetings.length) return []
  const d = await load(ctx, meetings)
  const now = ctx.now()
  const nameOf = (id: string | null) => (id ? (d.people.get(id) ?? null) : null)
  return meetings.map((m, i) => {
    const filed = d.records.get(m.id) ?? emptyRecord(m.id, m.createdAt)
    const amendments = d.amendments.filter((a) => a.activityId === m.id).sort((x, y) => x.at.localeCompare(y.at))
    const record = applyAmendments(filed, amendments)
    const leaves = d.leaves.filter((l) => l.activityId === m.id)
    const roll = meetingRoll({
      type: m.meeting.type,
      election: m.meeting.election,
      roster: d.rosters[i].map((p) => ({
        id: p.id,
        name: p.name,
        partyStatus: p.partyStatus,
        partyGroupName: p.placement.partyGroupId ? (d.groupNames.get(p.placement.partyGroupId) ?? null) : null,
        committee: onBranchCommittee(p, m.branchId),
      })),
      checkIns: d.checkIns[i].map((c) => ({ memberId: c.memberId, checkedInAt: c.checkedInAt, method: c.method })),
      approvedLeave: leaves.filter((l) => l.status === 'approved').map((l) => ({ memberId: l.memberId, reason: l.reason })),
      absences: record.absences,
    })
    const problems = recordProblems(record, roll, now.getTime() >= Date.parse(m.endAt))
    const runs = runsMeeting(caller, m)
    const editable = filed.state === 'draft' || filed.state === 'returned'
    const edit = runs && editable && m.status !== 'cancelled'
    const group = partyGroupOfMeeting(m)
    const leaveViews: LeaveView[] = leaves.map((l) => ({ ...l, memberName: nameOf(l.memberId) ?? '', activityTitle: m.title }))
    return {
      activity: {
        ...(m as Activity),
        unitName: d.unitNames.get(m.unitId) ?? '',
        branchName: d.branchNames.get(m.branchId) ?? '',
        partyGroupName: group ? (d.groupNames.get(group) ?? null) : null,
      },
      filed,
      record,
      amendments: amendments.map((a) => ({ ...a, byName: nameOf(a.by) ?? '' })),
      roll,
      leaves: leaveViews,
      heldLate: heldLate({ heldAt: m.startAt, forPeriod: m.meeting.forPeriod }),
      filedLate: filed.submittedAt ? filedLate(m.meeting.forPeriod, filed.submittedAt) : false,
      problems,
      may: {
        edit,
        submit: edit && problems.length === 0,
        amend: runs && (filed.state === 'submitted' || filed.state === 'reviewed'),
        review: reviewsRecordsOf(caller, m.unitId) && filed.state === 'submitted' && filed.submittedBy !== caller.id,
      },
      names: { updatedBy: nameOf(filed.updatedBy), submittedBy: nameOf(filed.submittedBy), reviewedBy: nameOf(filed.reviewedBy) },
    }
  })
}

export async function recordView(ctx: Ctx, caller: Member, m: Meeting): Promise<MeetingRecordView> {
  return (await recordViews(ctx, caller, [m]))[0]
}
