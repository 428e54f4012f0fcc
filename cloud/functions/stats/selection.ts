/**
 * The study-model selection (青年理论学习标兵评选): the city admin freezes the top of the board for a
 * public notice (公示); during it any member may raise an objection (异议) to an entry or the whole
 * list; the city admin resolves each. A frozen list is locked (domain/selection.ts says when a new
 * one may be frozen), so what members read on notice is what becomes final.
 */
import type { z } from 'zod'
import { SELECTION } from '../../contract/limits'
import type { MyObjection, Objection, ObjectionsResult, SnapshotEntry, SnapshotResult } from '../../contract/model'
import type { selection as objectionSchemas, stats as schemas } from '../../contract/schemas'
import { fail } from '../../domain/errors'
import { rate } from '../../domain/leaderboard'
import { parsePeriod } from '../../domain/period'
import { assertMayFreeze, assertMayObject, assertMayResolve, type FrozenList, listState, objectionPending, withCancellations } from '../../domain/selection'
import type { AuthedCtx } from '../../runtime/action'
import { newId } from '../../store/ids'
import type { Snapshot } from '../../store/Store'
import { board } from './boards'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>
type ObjectionIn<K extends keyof typeof objectionSchemas> = z.output<(typeof objectionSchemas)[K]>

export const NOTICE_DAYS = SELECTION.noticeDays

/**
 * Where objections are filed in the audit log: a unit of its own that only city admins read (unit
 * admins read their units'), so who objected reaches nobody else, as on the pages.
 */
export const OBJECTIONS_AUDIT_UNIT = 'city'

const listOf = (s: Snapshot): Omit<FrozenList, 'entries'> & { entries: SnapshotEntry[] } => ({ id: s.id, noticeUntil: s.noticeUntil, entries: s.entries as SnapshotEntry[] })

/** A member's own objection: nobody's name in it. */
const mineOf = ({ objectorId: _objector, objectorName: _name, resolvedBy: _by, resolverName: _resolver, ...o }: Objection): MyObjection => o

/** A list as everyone reads it: where it stands, cancelled entries marked, and the caller's own objections. */
function present(s: Snapshot, objections: readonly Objection[], now: Date, callerId: string): SnapshotResult {
  const list = listOf(s)
  const state = listState(list, objections, now)
  const w = state.withdrawnBy
  return {
    id: s.id,
    period: s.period,
    status: state.status,
    rules: s.rules as SnapshotResult['rules'],
    entries: withCancellations(list, objections),
    frozenBy: s.frozenBy,
    frozenAt: s.frozenAt,
    noticeUntil: s.noticeUntil,
    pendingObjections: state.pending,
    withdrawn: w ? { objectionId: w.id, at: w.resolvedAt ?? '', comment: w.comment ?? '' } : null,
    mine: objections
      .filter((o) => o.objectorId === callerId)
      .reverse()
      .map(mineOf),
  }
}

/** Freeze the study-model selection: top N eligible youth, on public notice for 7 days; never over a list that stands. */
export async function freezeSnapshot(input: In<'freezeSnapshot'>, ctx: AuthedCtx): Promise<SnapshotResult> {
  const now = ctx.now()
  const p = parsePeriod(input.period, now)
  const [latest, objections] = await Promise.all([ctx.store.latestSnapshot(p.key), ctx.store.objectionsOf(p.key)])
  assertMayFreeze(latest ? listState(listOf(latest), objections, now) : null)
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
  const snap: Snapshot = {
    id: newId(),
    period: p.key,
    rules: { topN: input.topN, minGroupAttendance: input.minGroupAttendance },
    entries,
    frozenBy: ctx.caller.id,
    frozenAt: now.toISOString(),
    noticeUntil: new Date(now.getTime() + NOTICE_DAYS * 86_400_000).toISOString(),
  }
  return ctx.audit.recording(() => ctx.store.insertSnapshot(snap), () => present(snap, [], now, ctx.caller.id))
}

/** The latest list of a period (of any, without one) as everyone reads it, with the caller's own objections. */
export async function snapshot(input: In<'snapshot'>, ctx: AuthedCtx): Promise<SnapshotResult | null> {
  // With a period both reads go at once; without one the latest list says which period to read.
  const any = input.period === undefined ? await ctx.store.latestSnapshot() : null
  const period = input.period ?? any?.period
  if (period === undefined) return null
  const [latest, objections] = await Promise.all([any ?? ctx.store.latestSnapshot(period), ctx.store.objectionsOf(period)])
  return latest ? present(latest, objections, ctx.now(), ctx.caller.id) : null
}

/** A member raises an objection to an entry, or to the whole list, while it is on notice. */
export async function fileObjection(input: ObjectionIn<'fileObjection'>, ctx: AuthedCtx): Promise<MyObjection> {
  const now = ctx.now()
  const [latest, objections] = await Promise.all([ctx.store.latestSnapshot(input.period), ctx.store.objectionsOf(input.period)])
  if (!latest) return fail('NOT_FOUND', '该周期尚未公示标兵名单')
  const list = listOf(latest)
  const memberId = input.memberId ?? null
  assertMayObject(list, objections, { snapshotId: input.snapshotId, objectorId: ctx.caller.id, memberId }, now)
  const memberName = list.entries.find((e) => e.memberId === memberId)?.name ?? null
  return ctx.audit.recording(
    () =>
      ctx.store.insertObjection({
        snapshotId: latest.id,
        period: latest.period,
        memberId,
        memberName,
        objectorId: ctx.caller.id,
        objectorName: ctx.caller.name,
        reason: input.reason,
        filedAt: now.toISOString(),
      }),
    // Another of the same just got in (a double tap): one is kept.
    (made) => (made ? mineOf(made) : objectionPending(memberId)),
  )
}

/** Every objection to a period's lists with who raised it, pending first (city admin). */
export async function objections(input: ObjectionIn<'objections'>, ctx: AuthedCtx): Promise<ObjectionsResult> {
  const [latest, all] = await Promise.all([ctx.store.latestSnapshot(input.period), ctx.store.objectionsOf(input.period)])
  const state = latest ? listState(listOf(latest), all, ctx.now()) : null
  const pendingFirst = [...all].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending') || b.filedAt.localeCompare(a.filedAt))
  return { period: input.period, snapshotId: latest?.id ?? null, status: state?.status ?? null, pending: state?.pending ?? 0, objections: pendingFirst }
}

/** The city admin resolves an objection: upheld (an entry is cancelled, or the whole list withdrawn) or dismissed. */
export async function resolveObjection(input: ObjectionIn<'resolveObjection'>, ctx: AuthedCtx): Promise<Objection> {
  const o = (await ctx.store.getObjection(input.objectionId)) ?? fail('NOT_FOUND', '异议不存在或已删除，请刷新后重试')
  assertMayResolve(o, ctx.caller.id)
  const resolution = { status: input.outcome, resolvedBy: ctx.caller.id, resolverName: ctx.caller.name, comment: input.comment, resolvedAt: ctx.now().toISOString() }
  return ctx.audit.recording(
    () => ctx.store.resolveObjection(o.id, resolution),
    (done) => done ?? fail('CONFLICT', '该异议刚由其他管理员处理，请刷新后查看'),
  )
}
