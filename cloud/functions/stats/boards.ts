import type { z } from 'zod'
import type { stats as schemas } from '../../contract/schemas'
import { rankBoard, rate, unitAverages, unitBoard, type BoardRow, type RankedRow, type UnitAverage } from '../../domain/leaderboard'
import { parsePeriod, type Period } from '../../domain/period'
import type { AuthedCtx } from '../../runtime/action'
import type { MemberScoreRow, ReadyView, SessionCounts } from '../../store/Store'
import type { Ctx } from '../../runtime/context'
import { cacheable, cachedRead, peekRead } from './cached'
import type { Fresh } from './readCache'
import { type Bucket, bucketed, bucketOf, readyView, viewKeys, type ViewSet } from './views'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

type BoardKind = 'studyModel' | 'volunteer'

/** Until when (clock, ms) results counting "sessions started by now" hold: the next start within the period. */
export async function sessionsHoldUntil(ctx: Ctx, p: Period, to: string): Promise<number | undefined> {
  const next = await ctx.store.stats.nextSessionStart(to)
  // A session starting at `next` counts once `to` is past it, a millisecond later.
  return next !== null && next < p.end ? Date.parse(next) + 1 : undefined
}

/**
 * A member's score as a board row: what a board shows of anyone, no more. Everyone signed in may
 * read a board, so the score row's birth date (the store's youth filter already used it) and
 * grouping stay behind. Written out rather than spread (`{ ...s, attended }`), which V8 builds
 * some 30 times slower, 20,000 times per board.
 */
const boardRow = (s: MemberScoreRow, eligibleSessions: number, attendanceRate: number): BoardRow => ({
  memberId: s.memberId,
  name: s.name,
  unitId: s.unitId,
  unitName: s.unitName,
  score: s.score,
  reachedAt: s.reachedAt,
  attended: s.credits,
  eligibleSessions,
  attendanceRate,
})

/** Sessions of the period started by now, counted by audience; cached, with the clock time they hold until. */
function startedSessions(ctx: Ctx, p: Period, now: Date, cached: boolean): Promise<{ counts: SessionCounts; validUntil?: number }> {
  const to = new Date(Math.min(Date.parse(p.end), now.getTime())).toISOString()
  if (!cached) return ctx.store.stats.sessionCounts(p.start, to).then((counts) => ({ counts }))
  return cachedRead(ctx, `sessions:${p.key}`, now, async () => {
    const [counts, validUntil] = await Promise.all([ctx.store.stats.sessionCounts(p.start, to), sessionsHoldUntil(ctx, p, to)])
    return { value: { counts, validUntil }, validUntil, weight: counts.byUnit.size + counts.byGroup.size }
  })
}

/** The study-model board (youth only, study + lecture points) or the volunteer-hours board, ranked. */
async function rankedBoard(ctx: Ctx, p: Period, kind: BoardKind, now: Date, unitId: string | undefined, cached: boolean): Promise<Fresh<RankedRow[]>> {
  if (kind === 'volunteer') {
    // Counters only: nothing here moves with the clock.
    const scores = await ctx.store.stats.memberScores(p.key, ['volunteer'], 'hours', unitId)
    const value = rankBoard(scores.filter((s) => s.score > 0).map((s) => boardRow(s, 0, 0)))
    return { value, weight: value.length }
  }
  const [scores, { counts: sessions, validUntil }] = await Promise.all([
    ctx.store.stats.memberScores(p.key, ['study', 'lecture'], 'points', unitId, { day: p.firstDay, ageLimit: ctx.policy.youthAgeLimit }),
    startedSessions(ctx, p, now, cached),
  ])
  const rows: BoardRow[] = scores.map((s) => {
    const eligible = sessions.all + (sessions.byUnit.get(s.unitId) ?? 0) + (s.youthGroupId ? (sessions.byGroup.get(s.youthGroupId) ?? 0) : 0)
    return boardRow(s, eligible, rate(s.credits, eligible))
  })
  const value = rankBoard(rows)
  return { value, validUntil, weight: value.length }
}

const boardKey = (ctx: Ctx, p: Period, kind: BoardKind) => viewKeys.board(kind, p, ctx.policy.youthAgeLimit)

interface CityBoard {
  rows: RankedRow[]
  validUntil?: number
}

/** The city board through the read cache, with the clock time it holds until. */
function cityBoard(ctx: Ctx, p: Period, kind: BoardKind, now: Date): Promise<CityBoard> {
  return cachedRead(ctx, boardKey(ctx, p, kind), now, async () => {
    const { value, validUntil, weight } = await rankedBoard(ctx, p, kind, now, undefined, true)
    return { value: { rows: value, validUntil }, validUntil, weight }
  })
}

/**
 * A board, city-wide or of one unit. A unit's board is cut from the city board when that is
 * cached and valid; otherwise only the unit's members are read (a unit's board is not cached on
 * its own: a hundred units would crowd the cache out).
 */
export async function board(ctx: Ctx, p: Period, kind: BoardKind, unitId?: string): Promise<RankedRow[]> {
  const now = ctx.now()
  const cached = await cacheable(ctx)
  if (unitId === undefined) return cached ? (await cityBoard(ctx, p, kind, now)).rows : (await rankedBoard(ctx, p, kind, now, undefined, false)).value
  const city = cached ? await peekRead<CityBoard>(ctx, boardKey(ctx, p, kind), now) : undefined
  return city ? unitBoard(city.rows, unitId) : (await rankedBoard(ctx, p, kind, now, unitId, cached)).value
}

/** What a board's views hold: its units view, its top, and each unit's cut with city ranks. */
interface BoardUnitsView {
  total: number
  units: UnitAverage[]
}
interface BoardTopView {
  total: number
  rows: RankedRow[]
}
type UnitRow = RankedRow & { cityRank: number }
/** A bucket of units' cuts (views.ts UNIT_BUCKETS), with the city board's size. */
type BoardBucketView = Bucket<UnitRow[], { total: number }>

const boardViewKeys = (ctx: Ctx, p: Period, kind: BoardKind) => {
  const base = viewKeys.board(kind, p, ctx.policy.youthAgeLimit)
  return { units: `${base}:units`, top: `${base}:top`, bucket: (b: number) => `${base}:bucket:${b}` }
}

/** Every view of one board, built from one computation of the city board. */
export function boardViews(ctx: Ctx, p: Period, kind: BoardKind): ViewSet {
  const keys = boardViewKeys(ctx, p, kind)
  return {
    marker: keys.units,
    build: async (c, builtAt) => {
      const [{ value: city }, all] = await Promise.all([rankedBoard(c, p, kind, new Date(builtAt), undefined, false), c.store.stats.units()])
      const byUnit = new Map<string, UnitRow[]>(all.map((u) => [u.id, []]))
      for (const r of city) {
        const rows = byUnit.get(r.unitId)
        if (rows) rows.push(Object.assign({}, r, { rank: rows.length + 1, cityRank: r.rank }))
      }
      const views: ReadyView[] = [
        { key: keys.units, value: { total: city.length, units: unitsView(city, all) } satisfies BoardUnitsView, builtAt },
        { key: keys.top, value: { total: city.length, rows: city.slice(0, TOP) } satisfies BoardTopView, builtAt },
      ]
      return [...views, ...bucketed(keys.bucket, byUnit, { total: city.length }, builtAt)]
    },
  }
}

/** A unit's cut as plain ranked rows (the city rank is the views' own field). */
const plainRows = (rows: UnitRow[]): RankedRow[] => rows.map(({ cityRank: _city, ...r }) => r)

/** The leaderboard from its views (the WeChat world). */
async function leaderboardFromViews(ctx: AuthedCtx, p: Period, base: Omit<LeaderboardResult, 'total' | 'rows' | 'units'>, unitId: string | undefined): Promise<LeaderboardResult> {
  const set = boardViews(ctx, p, base.board)
  const keys = boardViewKeys(ctx, p, base.board)
  if (unitId === undefined && base.view === 'units') {
    const served = await readyView<BoardUnitsView>(ctx, keys.units, set)
    return { ...base, total: served?.value.total ?? 0, rows: [], units: served?.value.units ?? [], asOf: served?.asOf }
  }
  if (unitId === undefined) {
    const served = await readyView<BoardTopView>(ctx, keys.top, set)
    return { ...base, total: served?.value.total ?? 0, rows: served?.value.rows ?? [], units: [], asOf: served?.asOf }
  }
  const [mine, city] = await Promise.all([readyView<BoardBucketView>(ctx, keys.bucket(bucketOf(unitId)), set), base.view === 'units' ? readyView<BoardUnitsView>(ctx, keys.units, set) : null])
  const rows = plainRows(mine?.value.units[unitId] ?? [])
  const units = base.view === 'units' ? unitsView(rows, (city?.value.units ?? []).map((u) => ({ id: u.unitId, name: u.unitName }))) : []
  return { ...base, total: rows.length, rows: base.view === 'members' ? rows.slice(0, TOP) : [], units, asOf: mine?.asOf }
}

export interface LeaderboardResult {
  period: string
  board: 'studyModel' | 'volunteer'
  scope: 'city' | 'unit'
  view: 'units' | 'members'
  total: number
  rows: RankedRow[]
  units: UnitAverage[]
  /** When the board was computed, where it is read from a view kept ready (the WeChat world). */
  asOf?: string
}

const TOP = 100

function unitsView(ranked: RankedRow[], all: { id: string; name: string }[]): UnitAverage[] {
  const counts = new Map<string, number>()
  for (const r of ranked) counts.set(r.unitId, (counts.get(r.unitId) ?? 0) + 1)
  return unitAverages(ranked, all, counts)
}

/** The city board's units view (every unit's average), cached with the board it comes from. */
function cityUnitsView(ctx: Ctx, p: Period, kind: BoardKind, now: Date): Promise<{ total: number; units: UnitAverage[] }> {
  return cachedRead(ctx, `units:${boardKey(ctx, p, kind)}`, now, async () => {
    const [city, all] = await Promise.all([cityBoard(ctx, p, kind, now), ctx.store.stats.units()])
    return { value: { total: city.rows.length, units: unitsView(city.rows, all) }, validUntil: city.validUntil, weight: all.length }
  })
}

export async function leaderboard(input: In<'leaderboard'>, ctx: AuthedCtx): Promise<LeaderboardResult> {
  const p = parsePeriod(input.period, ctx.now())
  if (input.scope === 'unit' && !input.unitId) input.unitId = ctx.caller.unitId
  const unitId = input.scope === 'unit' ? input.unitId : undefined
  const view = input.view ?? (input.scope === 'city' ? 'units' : 'members')
  const base = { period: p.key, board: input.board, scope: input.scope, view }
  if (ctx.views === 'ready') return leaderboardFromViews(ctx, p, base, unitId)
  if (view === 'units' && unitId === undefined && (await cacheable(ctx))) {
    const { total, units } = await cityUnitsView(ctx, p, input.board, ctx.now())
    return { ...base, total, rows: [], units }
  }
  const ranked = await board(ctx, p, input.board, unitId)
  const units = view === 'units' ? unitsView(ranked, await ctx.store.stats.units()) : []
  return { ...base, total: ranked.length, rows: view === 'members' ? ranked.slice(0, TOP) : [], units }
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
  entries: { id: string; at: string; activityTitle: string; kind: string; subKind: string | null; points: number; hours: number; method: string; reversesId: string | null; note: string | null }[]
  /** When the rank was computed, where it is read from a view kept ready (the WeChat world). */
  asOf?: string
}

/** A member's own standing and how the score was made up, entry by entry. */
export async function myScore(input: In<'myScore'>, ctx: AuthedCtx): Promise<MyScoreResult> {
  const p = parsePeriod(input.period, ctx.now())
  const me = ctx.caller
  const [standing, entries] = await Promise.all([standingOf(ctx, p, me.id, me.unitId), ctx.store.stats.ledgerOf(me.id, p.start, p.end, ['study', 'lecture', 'volunteer'])])
  const study = entries.filter((e) => e.kind !== 'volunteer')
  return {
    period: p.key,
    youth: standing.mine !== null,
    score: study.reduce((s, e) => s + e.points, 0),
    attendanceRate: standing.mine?.attendanceRate ?? 0,
    cityRank: standing.mine?.cityRank ?? null,
    unitRank: standing.mine?.unitRank ?? null,
    boardSize: standing.boardSize,
    volunteerHours: entries.filter((e) => e.kind === 'volunteer').reduce((s, e) => s + e.hours, 0),
    entries,
    ...(standing.asOf ? { asOf: standing.asOf } : {}),
  }
}

/** A member's place on the study-model board: from the unit's view where views are kept, else the city board. */
async function standingOf(ctx: AuthedCtx, p: Period, memberId: string, unitId: string) {
  if (ctx.views === 'ready') {
    const keys = boardViewKeys(ctx, p, 'studyModel')
    const served = await readyView<BoardBucketView>(ctx, keys.bucket(bucketOf(unitId)), boardViews(ctx, p, 'studyModel'))
    const rows = served?.value.units[unitId] ?? []
    const row = rows.find((r) => r.memberId === memberId)
    return {
      mine: row ? { attendanceRate: row.attendanceRate, cityRank: row.cityRank, unitRank: row.rank } : null,
      boardSize: { city: served?.value.total ?? 0, unit: rows.length },
      asOf: served?.asOf ?? null,
    }
  }
  const city = await board(ctx, p, 'studyModel')
  const unit = city.filter((r) => r.unitId === unitId)
  const row = city.find((r) => r.memberId === memberId)
  return {
    mine: row ? { attendanceRate: row.attendanceRate, cityRank: row.rank, unitRank: unit.findIndex((r) => r.memberId === memberId) + 1 } : null,
    boardSize: { city: city.length, unit: unit.length },
    asOf: null,
  }
}
