import type { z } from 'zod'
import type { stats as schemas } from '../../contract/schemas'
import { fail } from '../../domain/errors'
import { rankBoard, rate, unitAverages, type BoardRow, type RankedRow, type UnitAverage } from '../../domain/leaderboard'
import { ageOn, parsePeriod, type Period } from '../../domain/period'
import type { AuthedCtx } from '../../runtime/action'
import { newId } from '../../store/ids'
import type { Ctx } from '../../runtime/context'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

/** The study-model board (youth only, study + lecture points) or the volunteer-hours board, ranked. */
export async function board(ctx: Ctx, p: Period, kind: 'studyModel' | 'volunteer', unitId?: string): Promise<RankedRow[]> {
  const now = ctx.now()
  const to = new Date(Math.min(Date.parse(p.end), now.getTime())).toISOString()
  if (kind === 'volunteer') {
    const scores = await ctx.store.stats.memberScores(p.key, ['volunteer'], 'hours', unitId)
    return rankBoard(scores.filter((s) => s.score > 0).map((s) => ({ ...s, attended: s.credits, eligibleSessions: 0, attendanceRate: 0 })))
  }
  const [scores, sessions] = await Promise.all([
    ctx.store.stats.memberScores(p.key, ['study', 'lecture'], 'points', unitId),
    ctx.store.stats.sessionCounts(p.start, to),
  ])
  const rows: BoardRow[] = scores
    .filter((s) => s.birthDate !== null && ageOn(s.birthDate, p.firstDay) <= ctx.policy.youthAgeLimit)
    .map((s) => {
      const eligible = sessions.all + (sessions.byUnit.get(s.unitId) ?? 0) + (s.youthGroupId ? (sessions.byGroup.get(s.youthGroupId) ?? 0) : 0)
      return { ...s, attended: s.credits, eligibleSessions: eligible, attendanceRate: rate(s.credits, eligible) }
    })
  return rankBoard(rows)
}

export interface LeaderboardResult {
  period: string
  board: 'studyModel' | 'volunteer'
  scope: 'city' | 'unit'
  view: 'units' | 'members'
  total: number
  rows: RankedRow[]
  units: UnitAverage[]
}

const TOP = 100

export async function leaderboard(input: In<'leaderboard'>, ctx: AuthedCtx): Promise<LeaderboardResult> {
  const p = parsePeriod(input.period, ctx.now())
  if (input.scope === 'unit' && !input.unitId) input.unitId = ctx.caller.unitId
  const unitId = input.scope === 'unit' ? input.unitId : undefined
  const ranked = await board(ctx, p, input.board, unitId)
  const view = input.view ?? (input.scope === 'city' ? 'units' : 'members')
  let units: UnitAverage[] = []
  if (view === 'units') {
    const { units: all } = await ctx.store.stats.coverageData()
    const counts = new Map<string, number>()
    for (const r of ranked) counts.set(r.unitId, (counts.get(r.unitId) ?? 0) + 1)
    units = unitAverages(ranked, all, counts)
  }
  return { period: p.key, board: input.board, scope: input.scope, view, total: ranked.length, rows: view === 'members' ? ranked.slice(0, TOP) : [], units }
}

export interface MyScoreResult {
  period: string
  youth: boolean
  score: number
  attendanceRate: number
  cityRank: number | null
  unitRank: number | null
  boardSize: { city: number; unit: number }
  volunteerHours: number
  entries: { id: string; at: string; activityTitle: string; kind: string; points: number; hours: number; method: string; reversesId: string | null; note: string | null }[]
}

/** A member's own standing and how the score was made up, entry by entry. */
export async function myScore(input: In<'myScore'>, ctx: AuthedCtx): Promise<MyScoreResult> {
  const p = parsePeriod(input.period, ctx.now())
  const me = ctx.caller
  const city = await board(ctx, p, 'studyModel')
  const unit = city.filter((r) => r.unitId === me.unitId)
  const mine = city.find((r) => r.memberId === me.id)
  const entries = await ctx.store.stats.ledgerOf(me.id, p.start, p.end, ['study', 'lecture', 'volunteer'])
  const study = entries.filter((e) => e.kind !== 'volunteer')
  return {
    period: p.key,
    youth: !!mine,
    score: study.reduce((s, e) => s + e.points, 0),
    attendanceRate: mine?.attendanceRate ?? 0,
    cityRank: mine?.rank ?? null,
    unitRank: mine ? unit.findIndex((r) => r.memberId === me.id) + 1 : null,
    boardSize: { city: city.length, unit: unit.length },
    volunteerHours: entries.filter((e) => e.kind === 'volunteer').reduce((s, e) => s + e.hours, 0),
    entries,
  }
}

export interface SnapshotEntry {
  rank: number
  memberId: string
  name: string
  unitName: string
  score: number
  attendanceRate: number
  groupAttendanceRate: number
}

export interface SnapshotResult {
  id: string
  period: string
  status: 'notice' | 'final'
  rules: { topN: number; minGroupAttendance: number }
  entries: SnapshotEntry[]
  frozenAt: string
  noticeUntil: string
}

export const NOTICE_DAYS = 7

/** Freeze the study-model selection: top N eligible youth, shown for a 7-day public notice, then final. */
export async function freezeSnapshot(input: In<'freezeSnapshot'>, ctx: AuthedCtx): Promise<SnapshotResult> {
  const now = ctx.now()
  const p = parsePeriod(input.period, now)
  const ranked = await board(ctx, p, 'studyModel')
  const groupAttendance = await ctx.store.stats.groupAttendance(p.start, new Date(Math.min(Date.parse(p.end), now.getTime())).toISOString())
  const eligible = ranked
    .map((r) => {
      const g = groupAttendance.get(r.memberId)
      return { ...r, groupAttendanceRate: g ? rate(g.attended, g.sessions) : 0 }
    })
    .filter((r) => r.score > 0 && r.groupAttendanceRate >= input.minGroupAttendance)
  if (eligible.length === 0) fail('CONFLICT', '没有符合条件的人选（需积分大于 0，且本人所在青年理论学习小组学习出勤率达标）')
  const entries: SnapshotEntry[] = eligible.slice(0, input.topN).map((r, i) => ({
    rank: i + 1,
    memberId: r.memberId,
    name: r.name,
    unitName: r.unitName,
    score: r.score,
    attendanceRate: r.attendanceRate,
    groupAttendanceRate: r.groupAttendanceRate,
  }))
  const snap = {
    id: newId(),
    period: p.key,
    rules: { topN: input.topN, minGroupAttendance: input.minGroupAttendance },
    entries,
    frozenBy: ctx.caller.id,
    frozenAt: now.toISOString(),
    noticeUntil: new Date(now.getTime() + NOTICE_DAYS * 86_400_000).toISOString(),
  }
  await ctx.store.stats.insertSnapshot(snap)
  return { ...snap, status: 'notice' }
}

export async function snapshot(input: In<'snapshot'>, ctx: Ctx): Promise<SnapshotResult | null> {
  const s = await ctx.store.stats.latestSnapshot(input.period)
  if (!s) return null
  return {
    id: s.id,
    period: s.period,
    status: ctx.now().getTime() >= Date.parse(s.noticeUntil) ? 'final' : 'notice',
    rules: s.rules as SnapshotResult['rules'],
    entries: s.entries as SnapshotEntry[],
    frozenAt: s.frozenAt,
    noticeUntil: s.noticeUntil,
  }
}
