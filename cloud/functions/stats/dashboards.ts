import type { z } from 'zod'
import type { stats as schemas } from '../../contract/schemas'
import { computeCoverage, type CityCoverage, type UnitCoverage } from '../../domain/coverage'
import type { Target } from '../../contract/obligations'
import { fail } from '../../domain/errors'
import { cityTargets } from './obligations/evaluation'
import { currentQuarter, monthDueAt, monthsDue, monthsElapsed, parsePeriod, type Period } from '../../domain/period'
import { adminUnits, isUnitAdminOf } from '../../domain/roles'
import type { AuthedCtx } from '../../runtime/action'
import { sessionsHoldUntil } from './boards'
import { cacheable, cachedRead } from './cached'
import type { Fresh } from './readCache'
import { type Bucket, bucketed, bucketOf, readyView, viewKeys, type ViewSet } from './views'
import type { Ctx } from '../../runtime/context'
import type { MemberScoreRow } from '../../store/Store'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

const endOf = (p: { end: string }, now: Date) => new Date(Math.min(Date.parse(p.end), now.getTime())).toISOString()

/** A unit as the dashboard gets it: `namesOnRequest` says its uncovered names come when asked for with `unitId`. */
export type UnitCoverageView = UnitCoverage & { namesOnRequest: boolean }

export interface CoverageResult extends Omit<CityCoverage, 'units'> {
  units: UnitCoverageView[]
  period: string
  months: string[]
  youthAgeLimit: number
  /** When it was computed, where it is read from a view kept ready (the WeChat world). */
  asOf?: string
}

/** Coverage for every unit; names of uncovered youth only for the units the caller administers. */
export async function coverage(input: In<'coverage'>, ctx: AuthedCtx): Promise<CoverageResult> {
  const now = ctx.now()
  const p = parsePeriod(input.period ?? currentQuarter(now), now)
  const basis = await coverageBasis(ctx, p, now)
  const key = coverageKey(p, basis)
  // The whole city's coverage, the same for every caller; what it depends on besides the data is in the key.
  const served = ctx.views === 'ready' ? await readyView<CityCoverage>(ctx, key, coverageViews(p, basis)) : null
  const city = served ? served.value : await cachedRead(ctx, key, now, () => cityCoverage(ctx, p, basis, now))
  const mine = adminUnits(ctx.caller)
  const units = city.units
    .filter((u) => !input.unitId || u.unitId === input.unitId)
    .map((u): UnitCoverageView => {
      if (mine !== null && !isUnitAdminOf(ctx.caller, u.unitId)) return { ...u, uncovered: [], namesWithheld: u.uncovered.length > 0, namesOnRequest: false }
      // Every unit at once carries numbers only: a city's uncovered youth are thousands of names
      // (105 KB on a 20,000-member city), and a drill-down needs one unit's. Asked with
      // `unitId`, the unit comes with its names.
      if (!input.unitId) return { ...u, uncovered: [], namesOnRequest: u.uncovered.length > 0 }
      return { ...u, namesOnRequest: false }
    })
  return { ...city, units, period: p.key, months: basis.months, youthAgeLimit: basis.ageLimit, ...(served ? { asOf: served.asOf } : {}) }
}

/**
 * What a period's coverage depends on besides the records: the youthGroup target of the plan as
 * the city set it (age limit, month deadline day, units), the months begun and those due by now.
 */
export interface CoverageBasis {
  target: Target
  ageLimit: number
  /** Months of the period begun by now. */
  months: string[]
  /** Months of the period due by now (ended, or past the deadline day): only these can be missed. */
  due: string[]
}

/** The plan's youth target: coverage is its evaluation seen per unit, so its statuses are the matrix's youth cells. */
const YOUTH_TARGET_ID = 'youth-coverage'

export async function coverageBasis(ctx: Ctx, p: Period, now: Date): Promise<CoverageBasis> {
  const targets = await cityTargets(ctx)
  const target = targets.find((t) => t.id === YOUTH_TARGET_ID) ?? targets.find((t) => t.kind === 'youthGroup') ?? fail('NOT_FOUND', '青年理论学习小组目标不存在')
  return { target, ageLimit: target.params.ageLimit ?? ctx.policy.youthAgeLimit, months: monthsElapsed(p, now), due: monthsDue(p, now, target.params.monthDeadlineDay) }
}

const coverageKey = (p: Period, b: CoverageBasis) =>
  `${viewKeys.coverage(p, b.months, b.ageLimit)}:${b.due.join(',')}:${b.target.params.monthDeadlineDay ?? ''}:${b.target.updatedAt ?? ''}`

/** The city's coverage, computed, with the clock time it holds until: the next session, or the next month falling due. */
async function cityCoverage(ctx: Ctx, p: Period, b: CoverageBasis, now: Date): Promise<Fresh<CityCoverage>> {
  const to = endOf(p, now)
  const cached = await cacheable(ctx)
  const [units, youth, nextSession] = await Promise.all([
    ctx.store.stats.units(),
    ctx.store.youthGroupData(p.firstDay, b.ageLimit, p.start, to),
    cached ? sessionsHoldUntil(ctx, p, to) : undefined,
  ])
  const value = computeCoverage({ units, target: b.target, youth: { ...youth, policyAgeLimit: ctx.policy.youthAgeLimit }, period: p, now })
  const nextDue = p.months.map((m) => Date.parse(monthDueAt(m, b.target.params.monthDeadlineDay))).find((t) => t > now.getTime())
  const validUntil = Math.min(nextSession ?? Infinity, nextDue ?? Infinity)
  // Weighed like the youth it was computed over: the uncovered names and group months it keeps.
  return { value, validUntil: Number.isFinite(validUntil) ? validUntil : undefined, weight: value.youth + value.units.length }
}

/** The coverage view of a period (one document: every unit's numbers and uncovered names). */
export function coverageViews(p: Period, b: CoverageBasis): ViewSet {
  const key = coverageKey(p, b)
  return {
    marker: key,
    build: async (ctx, builtAt) => [{ key, value: (await cityCoverage(ctx, p, b, new Date(builtAt))).value, builtAt }],
  }
}

export interface VolunteerResult {
  period: string
  months: string[]
  totalHours: number
  members: number
  participants: number
  participation: number
  /** City hours per month, for the trend line. */
  trend: { month: string; hours: number }[]
  units: { unitId: string; unitName: string; hours: number; members: number; participants: number; participation: number; byMonth: Record<string, number> }[]
  /** With `unitId`: each member's hours, most first. */
  memberHours?: { memberId: string; name: string; hours: number }[]
  /** When the totals were computed, where they are read from a view kept ready (the WeChat world). */
  asOf?: string
}

export async function volunteer(input: In<'volunteer'>, ctx: AuthedCtx): Promise<VolunteerResult> {
  const now = ctx.now()
  const p = parsePeriod(input.period, now)
  if (ctx.views === 'ready') {
    const set = volunteerViews(p)
    const [city, unit] = await Promise.all([
      readyView<VolunteerResult>(ctx, viewKeys.volunteer(p), set),
      input.unitId ? readyView<Bucket<MemberHours>>(ctx, `${viewKeys.volunteer(p)}:bucket:${bucketOf(input.unitId)}`, set) : null,
    ])
    const totals = city?.value ?? (await volunteerTotals(ctx, p))
    return { ...totals, ...(input.unitId ? { memberHours: unit?.value.units[input.unitId] ?? [] } : {}), ...(city ? { asOf: city.asOf } : {}) }
  }
  // Counters only, so the city's figures hold until the next write whatever the clock says.
  const city = await cachedRead(ctx, `volunteer:${p.key}`, now, async () => {
    const value = await volunteerTotals(ctx, p)
    return { value, weight: value.units.length }
  })
  if (!input.unitId) return city
  return { ...city, memberHours: hoursOf(await ctx.store.stats.memberScores(p.key, ['volunteer'], 'hours', input.unitId)) }
}

type MemberHours = NonNullable<VolunteerResult['memberHours']>

const hoursOf = (scores: MemberScoreRow[]): MemberHours => scores.map((s) => ({ memberId: s.memberId, name: s.name, hours: s.score })).sort((a, b) => b.hours - a.hours)

/** A period's volunteer views: the city's totals, and each unit's members with their hours. */
export function volunteerViews(p: Period): ViewSet {
  const key = viewKeys.volunteer(p)
  return {
    marker: key,
    build: async (ctx, builtAt) => {
      const [totals, scores] = await Promise.all([volunteerTotals(ctx, p), ctx.store.stats.memberScores(p.key, ['volunteer'], 'hours')])
      const byUnit = new Map<string, MemberScoreRow[]>(totals.units.map((u) => [u.unitId, []]))
      for (const s of scores) byUnit.get(s.unitId)?.push(s)
      const hours = new Map([...byUnit].map(([unitId, rows]) => [unitId, hoursOf(rows)]))
      return [{ key, value: totals, builtAt }, ...bucketed((b) => `${key}:bucket:${b}`, hours, {}, builtAt)]
    },
  }
}

async function volunteerTotals(ctx: Ctx, p: Period): Promise<VolunteerResult> {
  const [units, monthly, total, part] = await Promise.all([
    ctx.store.stats.units(),
    ctx.store.stats.unitTotals(p.months, 'volunteer'),
    ctx.store.stats.unitTotals([p.key], 'volunteer'),
    ctx.store.stats.participation(p.key, 'volunteer'),
  ])
  const key = (unitId: string, period: string) => `${unitId}|${period}`
  const monthHours = new Map(monthly.map((x) => [key(x.unitId, x.period), x.hours]))
  const totalHours = new Map(total.map((x) => [x.unitId, x.hours]))
  const partOf = new Map(part.map((x) => [x.unitId, x]))
  const rows = units.map((u) => {
    const pr = partOf.get(u.id) ?? { members: 0, participants: 0 }
    const byMonth = Object.fromEntries(p.months.map((m) => [m, monthHours.get(key(u.id, m)) ?? 0]))
    return {
      unitId: u.id,
      unitName: u.name,
      hours: totalHours.get(u.id) ?? 0,
      members: pr.members,
      participants: pr.participants,
      participation: pr.members ? pr.participants / pr.members : 0,
      byMonth,
    }
  })
  const members = rows.reduce((s, r) => s + r.members, 0)
  const participants = rows.reduce((s, r) => s + r.participants, 0)
  return {
    period: p.key,
    months: p.months,
    totalHours: rows.reduce((s, r) => s + r.hours, 0),
    members,
    participants,
    participation: members ? participants / members : 0,
    trend: p.months.map((m) => ({ month: m, hours: rows.reduce((s, r) => s + (r.byMonth[m] ?? 0), 0) })),
    units: rows.sort((a, b) => b.hours - a.hours),
  }
}
