import type { z } from 'zod'
import type { stats as schemas } from '../../contract/schemas'
import { computeCoverage, type CityCoverage } from '../../domain/coverage'
import { currentQuarter, monthsElapsed, parsePeriod } from '../../domain/period'
import { adminUnits, isUnitAdminOf } from '../../domain/roles'
import type { AuthedCtx } from '../../runtime/action'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

const endOf = (p: { end: string }, now: Date) => new Date(Math.min(Date.parse(p.end), now.getTime())).toISOString()

export interface CoverageResult extends CityCoverage {
  period: string
  months: string[]
  youthAgeLimit: number
}

/** Coverage for every unit; names of uncovered youth only for the units the caller administers. */
export async function coverage(input: In<'coverage'>, ctx: AuthedCtx): Promise<CoverageResult> {
  const now = ctx.now()
  const p = parsePeriod(input.period ?? currentQuarter(now), now)
  const months = monthsElapsed(p, now)
  const data = await ctx.store.stats.coverageData()
  const meetings = await ctx.store.stats.groupMeetings(p.start, endOf(p, now))
  const city = computeCoverage({ ...data, meetings, months, firstDay: p.firstDay, youthAgeLimit: ctx.policy.youthAgeLimit })
  const mine = adminUnits(ctx.caller)
  const units = city.units
    .filter((u) => !input.unitId || u.unitId === input.unitId)
    .map((u) => (mine === null || isUnitAdminOf(ctx.caller, u.unitId) ? u : { ...u, uncovered: [], namesWithheld: u.uncovered.length > 0 }))
  return { ...city, units, period: p.key, months, youthAgeLimit: ctx.policy.youthAgeLimit }
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
}

export async function volunteer(input: In<'volunteer'>, ctx: AuthedCtx): Promise<VolunteerResult> {
  const p = parsePeriod(input.period, ctx.now())
  const { units } = await ctx.store.stats.coverageData()
  const [monthly, total, part] = await Promise.all([
    ctx.store.stats.unitTotals(p.months, 'volunteer'),
    ctx.store.stats.unitTotals([p.key], 'volunteer'),
    ctx.store.stats.participation(p.key, 'volunteer'),
  ])
  const rows = units.map((u) => {
    const pr = part.find((x) => x.unitId === u.id) ?? { members: 0, participants: 0 }
    const byMonth = Object.fromEntries(p.months.map((m) => [m, monthly.find((x) => x.unitId === u.id && x.period === m)?.hours ?? 0]))
    return {
      unitId: u.id,
      unitName: u.name,
      hours: total.find((x) => x.unitId === u.id)?.hours ?? 0,
      members: pr.members,
      participants: pr.participants,
      participation: pr.members ? pr.participants / pr.members : 0,
      byMonth,
    }
  })
  const members = rows.reduce((s, r) => s + r.members, 0)
  const participants = rows.reduce((s, r) => s + r.participants, 0)
  const result: VolunteerResult = {
    period: p.key,
    months: p.months,
    totalHours: rows.reduce((s, r) => s + r.hours, 0),
    members,
    participants,
    participation: members ? participants / members : 0,
    trend: p.months.map((m) => ({ month: m, hours: rows.reduce((s, r) => s + (r.byMonth[m] ?? 0), 0) })),
    units: rows.sort((a, b) => b.hours - a.hours),
  }
  if (input.unitId) {
    const scores = await ctx.store.stats.memberScores(p.key, ['volunteer'], 'hours', input.unitId)
    result.memberHours = scores.map((s) => ({ memberId: s.memberId, name: s.name, hours: s.score })).sort((a, b) => b.hours - a.hours)
  }
  return result
}
