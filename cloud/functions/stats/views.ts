/**
 * Views kept ready. In the WeChat world (`ctx.views === 'ready'`) every database read is a billed
 * round trip, and a board computed on request reads the whole roster and every counter. There,
 * boards, coverage and volunteer totals are documents (ViewStore) that the timer rebuilds every few
 * minutes for the current periods, each marked with when it was built (`asOf`, which the pages
 * show). A view that is missing or older than VIEW_MAX_AGE_MS (an earlier period nobody asked for,
 * a timer that stopped) is built by its reader and stored for the next one.
 */
import type { Period } from '../../domain/period'
import type { Ctx } from '../../runtime/context'
import type { ReadyView } from '../../store/Store'

/** The timer (every 5 minutes) rebuilds the current periods' views; a reader rebuilds one older than this. */
export const VIEW_MAX_AGE_MS = 30 * 60_000

export interface Served<T> {
  value: T
  /** When the view was built. */
  asOf: string
}

/** A set of views built together (one board's every cut, one period's volunteer totals). */
export interface ViewSet {
  /** The key of one view the set always writes: when it is fresh, so is the whole set. */
  marker: string
  build: (ctx: Ctx, builtAt: string) => Promise<ReadyView[]>
}

/**
 * The view under `key`, from its document if one is young enough, else built (with the rest of its
 * set, which is stored for the next reader). `T` is what the set writes under that key. Null when
 * the set, fresh or just built, has no such view (a unit that does not exist): asking again does
 * not rebuild it.
 */
export async function readyView<T>(ctx: Ctx, key: string, set: ViewSet): Promise<Served<T> | null> {
  const now = ctx.now().getTime()
  const fresh = (v: ReadyView | null): v is ReadyView => v !== null && now - Date.parse(v.builtAt) >= 0 && now - Date.parse(v.builtAt) < VIEW_MAX_AGE_MS
  const have = await ctx.store.readView(key)
  if (fresh(have)) return { value: have.value as T, asOf: have.builtAt }
  if (!have && key !== set.marker && fresh(await ctx.store.readView(set.marker))) return null
  const built = await set.build(ctx, ctx.now().toISOString())
  await ctx.store.writeViews(built)
  const mine = built.find((v) => v.key === key)
  return mine ? { value: mine.value as T, asOf: mine.builtAt } : null
}

/** Build and store a set now (the timer). */
export async function rebuild(ctx: Ctx, set: ViewSet): Promise<number> {
  const built = await set.build(ctx, ctx.now().toISOString())
  await ctx.store.writeViews(built)
  return built.length
}

/**
 * Units share view documents in buckets (a unit's board or members' hours are read with the other
 * units of its bucket): a hundred units then cost the timer a tenth of the writes, and a reader still
 * one document.
 */
export const UNIT_BUCKETS = 16

/** The bucket of a unit: a stable hash of its id. */
export function bucketOf(unitId: string): number {
  let h = 0
  for (let i = 0; i < unitId.length; i++) h = (Math.imul(h, 31) + unitId.charCodeAt(i)) >>> 0
  return h % UNIT_BUCKETS
}

/** A bucket's document: its units' values by unit id, and what every bucket of the set repeats. */
export type Bucket<T, Extra = object> = Extra & { units: Record<string, T> }

/** Per-unit values grouped into their buckets' documents, every bucket written (empty ones too). */
export function bucketed<T, Extra extends object>(key: (bucket: number) => string, byUnit: Map<string, T>, extra: Extra, builtAt: string): ReadyView[] {
  const buckets = Array.from({ length: UNIT_BUCKETS }, () => ({}) as Record<string, T>)
  for (const [unitId, value] of byUnit) buckets[bucketOf(unitId)][unitId] = value
  return buckets.map((units, b) => ({ key: key(b), value: { ...extra, units } satisfies Bucket<T, Extra>, builtAt }))
}

/** The keys of a period's views: what the timer keeps ready and readers ask for. */
export const viewKeys = {
  board: (kind: 'studyModel' | 'volunteer', p: Period, youthAgeLimit: number) => (kind === 'volunteer' ? `board:volunteer:${p.key}` : `board:studyModel:${p.key}:${youthAgeLimit}`),
  coverage: (p: Period, months: string[], youthAgeLimit: number) => `coverage:${p.key}:${months.join(',')}:${youthAgeLimit}`,
  volunteer: (p: Period) => `volunteer:${p.key}`,
}
