import { aggregate as schemas } from '../../contract/schemas'
import { parsePeriod } from '../../domain/period'
import { isCityAdmin } from '../../domain/roles'
import { SHANGHAI_OFFSET_MS, periodKeys } from '../../domain/time'
import { defineAction } from '../../runtime/action'
import type { Ctx } from '../../runtime/context'
import { PolicySource } from '../../runtime/policySource'
import type { CounterDrift } from '../../store/Store'
import { boardViews } from '../stats/boards'
import { coverageBasis, coverageViews, volunteerViews } from '../stats/dashboards'
import { rebuild } from '../stats/views'

/**
 * How long one invocation keeps starting reconcile steps: a step takes a few seconds at most, and
 * the function's timeout is 60 s, so every invocation ends well inside it.
 */
export const STEP_BUDGET_MS = 20_000
/** A pass starts once a night, from 02:00 Shanghai time, when no one is checking in. */
const PASS_HOUR = 2
/** Repairs reported per answer and kept with the progress (all are counted). */
const DRIFT_SHOWN = 100
const PROGRESS_KEY = 'reconcile:progress'

export interface ReconcileProgress {
  /** The pass under way: where it resumes, and what it has done so far. */
  pass: { startedAt: string; cursor: string | null; steps: number; checked: number; repaired: number; drift: CounterDrift[] } | null
  /** The last pass that finished. */
  last: { startedAt: string; completedAt: string; steps: number; checked: number; repaired: number; drift: CounterDrift[] } | null
}

export interface ReconcileReport {
  /** True when this call finished the pass (or there was none to do). */
  complete: boolean
  startedAt: string | null
  steps: number
  checked: number
  repaired: number
  drift: CounterDrift[]
  pendingRepaired: number
  tookMs: number
  at: string
}

async function loadProgress(ctx: Ctx): Promise<ReconcileProgress> {
  const raw = await ctx.store.getSetting(PROGRESS_KEY)
  const parsed = raw ? (JSON.parse(raw) as Partial<ReconcileProgress>) : {}
  return { pass: parsed.pass ?? null, last: parsed.last ?? null }
}

/** The start of the latest night (02:00 Shanghai time) at or before `now`. */
function lastNight(now: Date): number {
  const local = now.getTime() + SHANGHAI_OFFSET_MS
  const day = Math.floor(local / 86_400_000) * 86_400_000
  const at = day + PASS_HOUR * 3_600_000
  return (at <= local ? at : at - 86_400_000) - SHANGHAI_OFFSET_MS
}

/**
 * Reconcile, a step at a time: resume the pass under way (or start one when `start` says so), run
 * steps until the pass ends or `budgetMs` is spent, and record the progress, so the next call (the
 * next timer invocation) carries on where this one stopped.
 */
export async function reconcile(ctx: Ctx, opts: { start: 'now' | 'nightly'; budgetMs?: number } = { start: 'now' }): Promise<ReconcileReport> {
  const started = Date.now()
  const now = ctx.now()
  const budget = opts.budgetMs ?? STEP_BUDGET_MS
  const pendingRepaired = await ctx.store.repairPending()
  const progress = await loadProgress(ctx)
  const due = opts.start === 'now' || !progress.last || Date.parse(progress.last.startedAt) < lastNight(now)
  if (!progress.pass && !due) return { complete: true, startedAt: null, steps: 0, checked: 0, repaired: 0, drift: [], pendingRepaired, tookMs: Date.now() - started, at: now.toISOString() }
  const pass = progress.pass ?? { startedAt: now.toISOString(), cursor: null, steps: 0, checked: 0, repaired: 0, drift: [] }
  for (;;) {
    const step = await ctx.store.reconcileStep(pass.cursor)
    pass.steps++
    pass.checked += step.checked
    pass.repaired += step.drift.length
    pass.drift = [...pass.drift, ...step.drift].slice(0, DRIFT_SHOWN)
    pass.cursor = step.cursor
    if (step.cursor === null || Date.now() - started >= budget) break
  }
  const complete = pass.cursor === null
  const next: ReconcileProgress = complete
    ? { pass: null, last: { startedAt: pass.startedAt, completedAt: ctx.now().toISOString(), steps: pass.steps, checked: pass.checked, repaired: pass.repaired, drift: pass.drift } }
    : { pass, last: progress.last }
  await ctx.store.putSetting(PROGRESS_KEY, JSON.stringify(next))
  const { cursor: _cursor, ...done } = pass
  return { complete, ...done, pendingRepaired, tookMs: Date.now() - started, at: now.toISOString() }
}

/**
 * How often the timer rebuilds the views while credits come in; with none since the last build, it
 * waits up to VIEWS_IDLE_MS (sessions starting move attendance rates, rosters change names).
 */
export const VIEWS_REFRESH_MS = 5 * 60_000
export const VIEWS_IDLE_MS = 60 * 60_000
const VIEWS_KEY = 'views:built'

interface ViewsBuilt {
  at: string
  /** The newest credit then (`latestCreditSeq`). */
  seq: number
  /** What the views' keys depend on besides the period. */
  periods: string
  youthAgeLimit: number
}

/**
 * Rebuild the views of the current month, quarter and year (boards, coverage, volunteer totals),
 * unless nothing they show can have moved since the last build: no new credit, the same periods and
 * policy, and younger than VIEWS_IDLE_MS. Returns how many views were written (0: skipped).
 */
export async function refreshViews(ctx: Ctx): Promise<number> {
  const now = ctx.now()
  const periods = Object.values(periodKeys(now))
  const [raw, seq] = await Promise.all([ctx.store.getSetting(VIEWS_KEY), ctx.store.stats.latestCreditSeq()])
  const last = raw ? (JSON.parse(raw) as ViewsBuilt) : null
  const age = last ? now.getTime() - Date.parse(last.at) : Infinity
  const same = last !== null && last.periods === periods.join(',') && last.youthAgeLimit === ctx.policy.youthAgeLimit && age >= 0
  if (same && (age < VIEWS_REFRESH_MS || (last.seq === seq && age < VIEWS_IDLE_MS))) return 0
  let built = 0
  for (const key of periods) {
    const p = parsePeriod(key, now)
    for (const set of [boardViews(ctx, p, 'studyModel'), boardViews(ctx, p, 'volunteer'), volunteerViews(p), coverageViews(p, await coverageBasis(ctx, p, now))])
      built += await rebuild(ctx, set)
  }
  const done: ViewsBuilt = { at: now.toISOString(), seq, periods: periods.join(','), youthAgeLimit: ctx.policy.youthAgeLimit }
  await ctx.store.putSetting(VIEWS_KEY, JSON.stringify(done))
  return built
}

export interface TimerReport {
  reconcile: ReconcileReport
  views: { built: number; tookMs: number }
}

/**
 * What the timer runs (every 5 minutes on CloudBase): pending writes finished, the nightly reconcile
 * carried on a step at a time, and, where views are kept ready, the current periods' views rebuilt.
 */
export async function timerTick(ctx: Ctx): Promise<TimerReport> {
  // The policy in force (a city admin may have changed the youth age limit the views depend on).
  const policy = await new PolicySource(ctx.policy, ctx.store).at(ctx.now())
  const run: Ctx = { ...ctx, policy }
  const rec = await reconcile(run, { start: 'nightly' })
  const started = Date.now()
  const built = run.views === 'ready' ? await refreshViews(run) : 0
  return { reconcile: rec, views: { built, tookMs: Date.now() - started } }
}

export const aggregateActions = {
  // The timer (WeChat trigger, local cron) calls `timerTick`; people need to be city admins, and
  // each call carries a pass on for up to STEP_BUDGET_MS (call again while `complete` is false).
  reconcile: defineAction({ input: schemas.reconcile, auth: isCityAdmin, run: async (_input, ctx) => reconcile(ctx) }),
}
