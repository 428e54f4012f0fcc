/**
 * 操作记录 as admins read it: rows of their units, filtered by unit, dates and who acted (tapped
 * in a row, or searched by name), with the names of what each row points at instead of its ids.
 */
import type { z } from 'zod'
import { LIST_MAX } from '../../contract/limits'
import type { AuditEntry } from '../../contract/model'
import type { member as schemas } from '../../contract/schemas'
import { fail } from '../../domain/errors'
import { adminUnits } from '../../domain/roles'
import type { AuthedCtx } from '../../runtime/action'

type In = z.output<typeof schemas.auditLog>

/** A row with names beside the ids it records; null where it points at no such thing (or it is gone). */
export interface AuditRow extends AuditEntry {
  /** The activity it is about: its target, or the activity of the record it changed. */
  activityTitle: string | null
  /** The member it is about: its target, or the member of the record it changed. */
  memberName: string | null
  /** The unit or branch it is about, where its target is one. */
  unitName: string | null
  branchName: string | null
}

export interface AuditLogResult {
  entries: AuditRow[]
  /** With a name search: whom it matched, so the page can say whose actions it lists. */
  actors?: { id: string; name: string }[]
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null)
const idIn = (v: unknown): string | null => (typeof v === 'string' && v ? v : null)

/** `<field>:<id>` of a target (`memberId:m1`, `id:a1` an activity, `unitId:u1`), as action specs write it. */
function targetOf(e: AuditEntry): { field: string; id: string } | null {
  const at = e.target?.indexOf(':') ?? -1
  return e.target && at > 0 ? { field: e.target.slice(0, at), id: e.target.slice(at + 1) } : null
}

/** What a row points at: its target, else the `memberId` / `activityId` of the record it wrote. */
function pointsAt(e: AuditEntry) {
  const t = targetOf(e)
  const after = obj(e.after)
  const is = (...fields: string[]) => (t && fields.includes(t.field) ? t.id : null)
  return {
    activityId: is('id', 'activityId') ?? idIn(after?.activityId),
    memberId: is('memberId') ?? idIn(after?.memberId),
    unitId: is('unitId'),
    branchId: is('branchId'),
  }
}

export async function auditLog(input: In, ctx: AuthedCtx): Promise<AuditLogResult> {
  const mine = adminUnits(ctx.caller)
  if (mine && input.unitId && !mine.includes(input.unitId)) fail('FORBIDDEN', '只能查看本单位的操作记录')
  const unitIds = input.unitId ? [input.unitId] : (mine ?? undefined)
  // A name is looked for among those who acted in these units' logs, so it never reaches past them.
  const wanted = input.actorName?.toLowerCase()
  const actors = wanted ? (await ctx.store.auditActors(unitIds)).filter((a) => a.name.toLowerCase().includes(wanted)) : undefined
  if (actors && actors.length === 0) return { entries: [], actors }
  // Stored times are UTC ISO strings; compare like with like whatever offset the filter was written in.
  const iso = (t?: string) => (t ? new Date(t).toISOString() : undefined)
  const entries = await ctx.store.listAudit(
    { unitIds, actorId: input.actorId, actorIds: actors?.map((a) => a.id), from: iso(input.from), to: iso(input.to) },
    LIST_MAX.audit,
  )
  const refs = entries.map(pointsAt)
  const ids = (k: keyof (typeof refs)[number]) => [...new Set(refs.map((r) => r[k]).filter((x): x is string => x !== null))]
  const branchIds = ids('branchId')
  const [names, branches] = await Promise.all([
    ctx.store.auditNames({ members: ids('memberId'), activities: ids('activityId'), units: ids('unitId') }),
    branchIds.length ? ctx.store.branchesOf('branch', branchIds) : Promise.resolve(new Map<string, { name: string }>()),
  ])
  const name = (m: Map<string, string>, id: string | null) => (id ? (m.get(id) ?? null) : null)
  return {
    entries: entries.map((e, i) => ({
      ...e,
      activityTitle: name(names.activities, refs[i].activityId),
      memberName: name(names.members, refs[i].memberId),
      unitName: name(names.units, refs[i].unitId),
      branchName: refs[i].branchId ? (branches.get(refs[i].branchId)?.name ?? null) : null,
    })),
    ...(actors ? { actors } : {}),
  }
}
