/** Publishing an activity: a branch meeting (addressed to its branch or 党小组) or any other activity. */
import type { z } from 'zod'
import type { Activity, Branch } from '../../contract/model'
import type { activity as schemas, Audience, MeetingInput } from '../../contract/schemas'
import { ACTIVITY_SUB_KINDS, MEETING_TYPE_LABEL } from '../../contract/vocabulary'
import { draftActivity, type ActivityFields, type ActivityOwner } from '../../domain/activity'
import { assertMayPublish } from '../../domain/activityLifecycle'
import { meetingPeriod, rhythmFor } from '../../domain/meetingRhythm'
import { fail } from '../../domain/errors'
import { mergeTargets } from '../../domain/obligations/targets'
import { newQrSecret } from '../../domain/qrToken'
import { homeUnitOf, mayAddress, organizesUnit, runsBranch } from '../../domain/roles'
import type { AuthedCtx } from '../../runtime/action'
import { assertAudienceExists } from './access'
import { venueToPublish } from './places'

type CreateInput = z.output<typeof schemas.create>

const NOT_YOURS = '只能面向您负责的单位、学习小组或党支部发布活动'

/** A meeting's audience is its branch, or its 党小组 for a 党小组会; who owns it follows from the branch. */
async function meetingOwner(ctx: AuthedCtx, meeting: MeetingInput, input: CreateInput): Promise<{ audience: Audience; owner: ActivityOwner }> {
  if (input.kind !== 'study') fail('BAD_INPUT', '支部会议的活动类型应为理论学习', { field: 'kind' })
  if (input.audience) fail('BAD_INPUT', '支部会议的参加范围是本支部（党小组会为本党小组），无需选择', { field: 'audience' })
  const branch: Branch = (await ctx.store.getBranch(meeting.branchId)) ?? fail('NOT_FOUND', '党支部不存在')
  if (!runsBranch(ctx.caller, branch)) fail('FORBIDDEN', '只有本支部书记、组织委员或本单位组织者可以发布支部会议')
  if (meeting.type === 'groupMeeting') {
    if (!meeting.partyGroupId) fail('BAD_INPUT', '党小组会请选择党小组', { field: 'meeting.partyGroupId' })
    const group = (await ctx.store.getPartyGroup(meeting.partyGroupId)) ?? fail('NOT_FOUND', '党小组不存在')
    if (group.branchId !== branch.id) fail('BAD_INPUT', '该党小组不属于本支部', { field: 'meeting.partyGroupId' })
  } else if (meeting.partyGroupId) fail('BAD_INPUT', '只有党小组会需要选择党小组', { field: 'meeting.partyGroupId' })
  if (meeting.election && meeting.type !== 'generalMeeting') fail('BAD_INPUT', '只有支部党员大会可以进行选举', { field: 'meeting.election' })
  const forPeriod = meetingPeriod(rhythmFor(ctx.policy.meetingRhythm, meeting.type), input.startAt, meeting.forPeriod)
  return {
    audience: meeting.partyGroupId ? { type: 'partyGroups', partyGroupIds: [meeting.partyGroupId] } : { type: 'branches', branchIds: [branch.id] },
    owner: { unitId: branch.unitId, branchId: branch.id, meeting: { type: meeting.type, forPeriod, election: meeting.election ?? false } },
  }
}

/** The branches a branches/partyGroups audience names (each id → its branch), all of them existing. */
export async function audienceBranches(ctx: AuthedCtx, audience: Audience): Promise<Map<string, Branch>> {
  if (audience.type !== 'branches' && audience.type !== 'partyGroups') return new Map()
  const [kind, ids] = audience.type === 'branches' ? (['branch', audience.branchIds] as const) : (['partyGroup', audience.partyGroupIds] as const)
  const map = await ctx.store.branchesOf(kind, ids)
  const missing = ids.filter((id) => !map.has(id))
  if (missing.length) fail('NOT_FOUND', `${kind === 'branch' ? '党支部' : '党小组'}不存在：${missing.slice(0, 5).join('、')}`)
  return map
}

/** An ordinary activity: the caller must be allowed to address its audience; its unit (and branch) follow from it. */
async function activityOwner(ctx: AuthedCtx, audience: Audience): Promise<ActivityOwner> {
  const branches = await audienceBranches(ctx, audience)
  if (!mayAddress(ctx.caller, audience, branches)) fail('FORBIDDEN', NOT_YOURS)
  await assertAudienceExists(ctx, audience)
  if (branches.size) {
    const units = new Set([...branches.values()].map((b) => b.unitId))
    const ids = new Set([...branches.values()].map((b) => b.id))
    return {
      unitId: units.size === 1 ? [...units][0] : homeUnitOf(ctx.caller),
      branchId: ids.size === 1 ? [...ids][0] : null,
    }
  }
  const unitId = audience.type === 'units' && organizesUnit(ctx.caller, audience.unitIds[0]) ? audience.unitIds[0] : homeUnitOf(ctx.caller)
  return { unitId }
}

/** An activity tagged with a target serves a rotation training: the target must be an active one of that kind. */
export async function assertTrainingTarget(ctx: AuthedCtx, targetId: string | null | undefined): Promise<void> {
  if (!targetId) return
  const t = mergeTargets(await ctx.store.savedTargets()).find((x) => x.id === targetId)
  if (!t || !t.active || t.kind !== 'training') fail('BAD_INPUT', '所选目标不存在或不是轮训目标', { field: 'targetId' })
}

export async function createActivity({ publish, meeting, ...input }: CreateInput, ctx: AuthedCtx): Promise<Activity> {
  await assertTrainingTarget(ctx, input.targetId)
  let fields: ActivityFields
  let owner: ActivityOwner
  if (meeting) {
    const m = await meetingOwner(ctx, meeting, { ...input, publish, meeting })
    fields = { ...input, audience: m.audience, subKind: MEETING_TYPE_LABEL[meeting.type] }
    owner = m.owner
  } else {
    if (!input.audience) return fail('BAD_INPUT', '请选择参加范围', { field: 'audience' })
    if (input.subKind && !ACTIVITY_SUB_KINDS[input.kind].includes(input.subKind))
      fail('BAD_INPUT', `“${input.subKind}”不是该活动类型的细分项`, { field: 'subKind' })
    fields = { ...input, audience: input.audience }
    owner = await activityOwner(ctx, input.audience)
  }
  const draft = draftActivity(fields, ctx.caller, owner, ctx.policy, publish ?? false)
  // Published at once: the same rules as publishing a draft (not after its end, and with a venue).
  if (publish) assertMayPublish({ ...draft, status: 'draft' }, ctx.now())
  const venue = publish ? await venueToPublish(ctx, owner.unitId, draft, {}) : {}
  return ctx.audit.recording(() => ctx.store.insertActivity({ ...draft, ...venue, qrSecret: newQrSecret() }, ctx.now().toISOString()))
}
