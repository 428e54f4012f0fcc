import type { Activity, Branch, MeetingInfo, Member } from '../../contract/model'
import { inAudience } from '../../domain/activity'
import { fail } from '../../domain/errors'
import { reviewsRecordsOf, runsBranch } from '../../domain/roles'
import type { Ctx } from '../../runtime/context'
import { loadActivity } from './access'

/** A branch meeting: an activity with its meeting info and the branch that runs it. */
export type Meeting = Activity & { meeting: MeetingInfo; branchId: string }

export const isMeeting = (a: Activity): a is Meeting => a.meeting !== null && a.branchId !== null

export const branchOfMeeting = (m: Meeting): Pick<Branch, 'id' | 'unitId'> => ({ id: m.branchId, unitId: m.unitId })

/** The 党小组 a 党小组会 is addressed to, or null. */
export const partyGroupOfMeeting = (m: Activity): string | null => (m.audience.type === 'partyGroups' ? (m.audience.partyGroupIds[0] ?? null) : null)

export async function loadMeeting(ctx: Ctx, id: string): Promise<Meeting> {
  const a = await loadActivity(ctx, id)
  if (!isMeeting(a)) fail('BAD_INPUT', '该活动不是支部会议')
  return a
}

/** Runs the meeting's branch: its secretary, 组织委员, or its unit's organizers. */
export const runsMeeting = (caller: Member, m: Meeting): boolean => runsBranch(caller, branchOfMeeting(m))

export function assertRunsMeeting(caller: Member, m: Meeting): void {
  if (!runsMeeting(caller, m)) fail('FORBIDDEN', '只有本支部书记、组织委员或本单位组织者可以执行此操作')
}

/** Who may read a meeting's record: whoever runs the branch, the unit's reviewers, and the members it was for. */
export const mayReadRecord = (caller: Member, m: Meeting): boolean =>
  runsMeeting(caller, m) || reviewsRecordsOf(caller, m.unitId) || (m.status !== 'draft' && inAudience(m.audience, caller))

export function assertMayReadRecord(caller: Member, m: Meeting): void {
  if (!mayReadRecord(caller, m)) fail('FORBIDDEN', '只能查看本支部的会议记录')
}
