/**
 * Every active target evaluated over the city for a reporting period: the records each kind needs
 * (dataNeeded) are read once for the whole year the period lies in, then each target's evaluator
 * turns them into items. The dashboards, the trend and the report all start here.
 */
import type { ObligationItem, Target } from '../../../contract/obligations'
import type { ObligationData } from '../../../domain/obligations/evaluate'
import { dataNeeded, evaluateTarget } from '../../../domain/obligations/evaluate'
import type { RhythmMeeting } from '../../../domain/obligations/inputs'
import { DEFAULT_CHECKLIST, mergeTargets } from '../../../domain/obligations/targets'
import { parsePeriod, type Period } from '../../../domain/period'
import type { Ctx } from '../../../runtime/context'
import { cachedRead } from '../cached'

const DAY_MS = 86_400_000

/**
 * The city's targets (the plan's own as tuned, then those it added), switched-off ones included.
 * Read through the stats cache: coverage asks for them on every call before its own cached result.
 */
export async function cityTargets(ctx: Ctx): Promise<Target[]> {
  return cachedRead(ctx, 'obligations:targets', ctx.now(), async () => {
    const value = mergeTargets(await ctx.store.savedTargets())
    return { value, weight: value.length }
  })
}

export interface Evaluation {
  period: Period
  now: Date
  /** The active targets, in the dashboards' order. */
  targets: Target[]
  data: ObligationData
  /** Target id → its items over the whole city. */
  items: Map<string, ObligationItem[]>
  /** Branch meetings that started in the period by now: the meetings the rates count. */
  held: RhythmMeeting[]
}

/**
 * The records the targets need, read for the whole year of `period` (every window of a target in
 * the period lies in it); branch meetings up to now, so a period made up later (补开) is seen.
 */
export async function loadData(ctx: Ctx, targets: Target[], period: Period, now: Date): Promise<ObligationData> {
  const need = dataNeeded(targets)
  const year = period.key.slice(0, 4)
  const span = parsePeriod(year, now)
  const meetingsTo = new Date(Math.max(Date.parse(span.start), Math.min(now.getTime(), Date.parse(span.end) + 366 * DAY_MS))).toISOString()
  const ageLimit = Math.max(ctx.policy.youthAgeLimit, ...targets.filter((t) => t.kind === 'youthGroup').map((t) => t.params.ageLimit ?? 0))
  const s = ctx.store
  const [org, youth, meetings, training, democratic, checklist, scores, reports] = await Promise.all([
    s.obligationOrg(),
    need.youth ? s.youthGroupData(period.firstDay, ageLimit, span.start, span.end) : undefined,
    // The rates read the meetings whatever the targets: always loaded.
    s.rhythmMeetings(span.start, meetingsTo),
    Promise.all(need.training.map(async (t) => [t.targetId, { cadres: await s.cadres(t.ranks), attended: await s.trainingAttendance(t.targetId) }] as const)),
    need.democratic ? s.democraticMeetings(span.start, span.end, null) : undefined,
    need.standard ? s.getChecklist() : undefined,
    need.standard ? s.branchScores(year, null) : undefined,
    need.duty ? s.dutyReports(year, null) : undefined,
  ])
  return {
    org,
    ...(youth ? { youth: { ...youth, policyAgeLimit: ctx.policy.youthAgeLimit } } : {}),
    rhythm: { rhythm: ctx.policy.meetingRhythm, meetings },
    training: new Map(training),
    ...(democratic ? { democratic: { meetings: democratic } } : {}),
    ...(need.standard ? { standard: { checklist: checklist ?? DEFAULT_CHECKLIST, scores: scores ?? [] } } : {}),
    ...(reports ? { duty: { reports } } : {}),
  }
}

/** Every active target over the city for the period, at the context's clock. */
export async function evaluateCity(ctx: Ctx, period: Period): Promise<Evaluation> {
  const now = ctx.now()
  const targets = (await cityTargets(ctx)).filter((t) => t.active)
  const data = await loadData(ctx, targets, period, now)
  const items = new Map(targets.map((t) => [t.id, evaluateTarget(t, period, data, now)]))
  const t = now.getTime()
  const [from, to] = [Date.parse(period.start), Math.min(Date.parse(period.end), t + 1)]
  const held = (data.rhythm?.meetings ?? []).filter((m) => Date.parse(m.startAt) >= from && Date.parse(m.startAt) < to)
  return { period, now, targets, data, items, held }
}

/** The target the rates are read from: the plan's 三会一课 target, else the first active one of that kind. */
export function rhythmTarget(targets: Target[]): Target | null {
  const own = targets.filter((t) => t.kind === 'meetingRhythm')
  return own.find((t) => t.id === 'branch-rhythm') ?? own[0] ?? null
}
