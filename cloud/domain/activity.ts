import type { Activity, MeetingInfo, Member } from '../contract/model'
import type { ActivityCreateInput, Audience } from '../contract/schemas'
import { assertActivityLength, checkInWindowTimes, defaultCheckInWindow, defaultWindowTimes } from './checkInWindow'
import { fail } from './errors'
import type { Policy } from './policy'
import { addMinutes } from './time'

export type ActivityDraft = Omit<Activity, 'id' | 'createdAt' | 'updatedAt'>

/** What `draftActivity` takes: the create fields with the audience settled (a meeting's is its branch). */
export type ActivityFields = Omit<ActivityCreateInput, 'publish' | 'meeting' | 'audience'> & { audience: Audience }

/** Who runs an activity: its unit, and the branch when a branch runs it; the meeting it is, if one. */
export interface ActivityOwner {
  unitId: string
  branchId?: string | null
  meeting?: MeetingInfo | null
}

/**
 * Turn a valid create request into an activity with its windows (the kind's default check-in window
 * unless one was chosen; a meeting keeps the default), or say what is wrong. `timesAsStored`: an edit
 * that leaves the times alone is not held to today's length limit (an activity kept from before it).
 */
export function draftActivity(
  input: ActivityFields,
  organizer: Member,
  owner: ActivityOwner,
  policy: Policy,
  publish: boolean,
  { timesAsStored = false }: { timesAsStored?: boolean } = {},
): ActivityDraft {
  if (!timesAsStored) assertActivityLength(input.startAt, input.endAt)
  const startAt = new Date(Date.parse(input.startAt)).toISOString()
  const endAt = new Date(Date.parse(input.endAt)).toISOString()
  if (owner.meeting && input.checkInWindow) fail('BAD_INPUT', '支部会议按统一规则签到（开始前后各 30 分钟），不能另设签到时间', { field: 'checkInWindow' })
  const window = input.checkInWindow
    ? checkInWindowTimes(startAt, endAt, { ...defaultCheckInWindow(input.kind, policy), ...input.checkInWindow })
    : defaultWindowTimes(input.kind, startAt, endAt, policy)
  return {
    kind: input.kind,
    subKind: input.subKind ?? null,
    title: input.title,
    description: input.description?.trim() || null,
    unitId: owner.unitId,
    organizerId: organizer.id,
    startAt,
    endAt,
    ...window,
    checkOutClosesAt: input.kind === 'volunteer' ? addMinutes(endAt, policy.checkOutClosesAfterEndMin) : null,
    placeName: input.placeName?.trim() || null,
    place: input.place ?? null,
    // A place given wins: the activity then checks the location, whatever reason came with it.
    noLocationReason: input.place ? null : (input.noLocationReason ?? null),
    audience: input.audience,
    capacity: input.capacity ?? null,
    signUpRequired: input.signUpRequired ?? false,
    status: publish ? 'published' : 'draft',
    branchId: owner.branchId ?? null,
    meeting: owner.meeting ?? null,
    targetId: input.targetId ?? null,
    materials: input.materials ?? [],
  }
}

/** Where a member belongs, as audiences ask it. */
export type AudienceMember = Pick<Member, 'unitId' | 'youthGroupId' | 'branchId' | 'partyGroupId'>

/** Is the member among the people this activity is meant for? */
export function inAudience(audience: Audience, member: AudienceMember): boolean {
  switch (audience.type) {
    case 'all':
      return true
    case 'units':
      return audience.unitIds.includes(member.unitId)
    case 'groups':
      return member.youthGroupId !== null && audience.groupIds.includes(member.youthGroupId)
    case 'branches':
      return member.branchId !== null && audience.branchIds.includes(member.branchId)
    case 'partyGroups':
      return member.partyGroupId !== null && audience.partyGroupIds.includes(member.partyGroupId)
  }
}

/** The editable fields of a stored activity, in the shape `draftActivity` takes. */
export function editableFields(a: Activity): ActivityFields {
  return {
    kind: a.kind,
    subKind: a.subKind ?? undefined,
    title: a.title,
    description: a.description ?? undefined,
    startAt: a.startAt,
    endAt: a.endAt,
    placeName: a.placeName ?? undefined,
    place: a.place ?? undefined,
    noLocationReason: a.noLocationReason ?? undefined,
    audience: a.audience,
    capacity: a.capacity ?? undefined,
    signUpRequired: a.signUpRequired,
    targetId: a.targetId,
    materials: a.materials,
  }
}
