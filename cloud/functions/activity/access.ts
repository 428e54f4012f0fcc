import type { Activity, ActivitySummary, Member } from '../../contract/model'
import { inAudience } from '../../domain/activity'
import { fail } from '../../domain/errors'
import { organizesActivity } from '../../domain/roles'
import type { Ctx } from '../../runtime/context'

export async function loadActivity(ctx: Ctx, id: string): Promise<Activity> {
  return (await ctx.store.getActivity(id)) ?? fail('NOT_FOUND', '活动不存在或已被删除')
}

/** Load an activity the caller organizes, or refuse. */
export async function loadOwnActivity(ctx: Ctx, caller: Member, id: string): Promise<Activity> {
  const a = await loadActivity(ctx, id)
  if (!organizesActivity(caller, a)) fail('FORBIDDEN', '只有本活动的组织者可以执行此操作')
  return a
}

/** May the caller see this activity at all? Its audience, and its organizers. */
export const maySee = (caller: Member, a: Activity): boolean =>
  organizesActivity(caller, a) || (a.status !== 'draft' && inAudience(a.audience, caller))

/** Add what list views show: unit name, whether the caller is in, how many are in. */
export async function summarize(ctx: Ctx, caller: Member, list: Activity[]): Promise<ActivitySummary[]> {
  const ids = list.map((a) => a.id)
  const unitIds = [...new Set(list.map((a) => a.unitId))]
  const [arrivals, mine, signUps, mySignUps, units] = await Promise.all([
    ctx.store.countCheckIns(ids),
    ctx.store.checkedInActivityIds(caller.id, ids),
    ctx.store.countSignUps(ids),
    ctx.store.signedUpActivityIds(caller.id, ids),
    Promise.all(unitIds.map((id) => ctx.store.getUnit(id))),
  ])
  const unitNames = new Map(unitIds.map((id, i) => [id, units[i]?.name ?? '']))
  return list.map((a) => ({
    ...a,
    unitName: unitNames.get(a.unitId) ?? '',
    checkedIn: mine.has(a.id),
    signedUp: mySignUps.has(a.id),
    signUps: signUps[a.id] ?? 0,
    arrivals: arrivals[a.id] ?? 0,
  }))
}

/** Every unit or group an audience names must exist. */
export async function assertAudienceExists(ctx: Ctx, audience: Activity['audience']): Promise<void> {
  // Branches and 党小组 are looked up with their units when the audience is resolved (create.ts).
  if (audience.type === 'all' || audience.type === 'branches' || audience.type === 'partyGroups') return
  const [kind, ids] = audience.type === 'units' ? (['unit', audience.unitIds] as const) : (['group', audience.groupIds] as const)
  const missing = await ctx.store.missingOrgIds(kind, ids)
  if (missing.length) fail('NOT_FOUND', `${kind === 'unit' ? '单位' : '青年理论学习小组'}不存在：${missing.slice(0, 5).join('、')}`)
}
