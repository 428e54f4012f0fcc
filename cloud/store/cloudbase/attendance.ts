/**
 * Who came and who did not: a member's records, an activity's attendance and absentees, and
 * volunteer hours per day. CloudBase has no joins, so each reads the records it needs (paged, ids
 * in chunks) and joins in code.
 */
import type { AbsentRow, Activity, AttendanceRow, MyRecord } from '../../contract/model'
import type { ActivityKind, CreditMethod, ReviewStatus } from '../../contract/vocabulary'
import type { Db } from './access'
import { COL } from './collections'
import { byText, num, str, strOrNull, sumBy, toActivity, toCheckIn } from './documents'
import type { Condition, Doc } from './sdk'

const pair = (d: Doc) => `${str(d.activityId)}|${str(d.memberId)}`

export class Attendance {
  constructor(private readonly db: Db) {}

  /** Points and hours credited, and hours waiting, per (activity, member) of these check-ins. */
  private async totals(where: Doc, field: 'activityId' | 'memberId', values: string[]) {
    const ledger = await this.db.allIn(COL.ledger, field, values, where)
    const claims = await this.db.allIn(COL.hourClaims, field, values, { ...where, status: 'pending' })
    return { points: sumBy(ledger, pair, 'points'), hours: sumBy(ledger, pair, 'hours'), pending: sumBy(claims, pair, 'hours') }
  }

  private async unitNames(unitIds: string[]): Promise<Map<string, string>> {
    return new Map((await this.db.allIn(COL.units, '_id', unitIds)).map((u) => [str(u._id), str(u.name)]))
  }

  async recordsOfMember(memberId: string, kind: ActivityKind | undefined, limit: number): Promise<MyRecord[]> {
    const checkIns = await this.db.all(COL.checkIns, { memberId }, [['checkedInAt', 'desc']])
    const activities = new Map((await this.db.allIn(COL.activities, '_id', checkIns.map((c) => str(c.activityId)))).map((a) => [str(a._id), toActivity(a)]))
    const units = await this.unitNames([...activities.values()].map((a) => a.unitId))
    const shown = checkIns
      .filter((c) => {
        const a = activities.get(str(c.activityId))
        return a !== undefined && units.has(a.unitId) && (kind === undefined || a.kind === kind)
      })
      .slice(0, Math.max(0, limit))
    const t = await this.totals({ memberId }, 'activityId', shown.map((c) => str(c.activityId)))
    return shown.map((c) => {
      const a = activities.get(str(c.activityId)) as Activity
      const ci = toCheckIn(c)
      return {
        checkInId: ci.id,
        activityId: a.id,
        title: a.title,
        kind: a.kind,
        subKind: a.subKind,
        unitName: units.get(a.unitId) ?? '',
        startAt: a.startAt,
        checkedInAt: ci.checkedInAt,
        checkedOutAt: ci.checkedOutAt,
        method: ci.method,
        points: t.points.get(pair(c)) ?? 0,
        hours: t.hours.get(pair(c)) ?? 0,
        hoursPending: t.pending.get(pair(c)) ?? 0,
      }
    })
  }

  async attendance(activityId: string): Promise<AttendanceRow[]> {
    const checkIns = await this.db.all(COL.checkIns, { activityId }, [['checkedInAt', 'desc']])
    const members = new Map((await this.db.allIn(COL.members, '_id', checkIns.map((c) => str(c.memberId)))).map((m) => [str(m._id), m]))
    const units = await this.unitNames([...members.values()].map((m) => str(m.unitId)))
    const t = await this.totals({ activityId }, 'memberId', checkIns.map((c) => str(c.memberId)))
    const out: AttendanceRow[] = []
    for (const c of checkIns) {
      const m = members.get(str(c.memberId))
      if (!m || !units.has(str(m.unitId))) continue
      out.push({
        memberId: str(c.memberId),
        name: str(m.name),
        unitName: units.get(str(m.unitId)) ?? '',
        checkedInAt: str(c.checkedInAt),
        checkedOutAt: strOrNull(c.checkedOutAt),
        method: str(c.method) as CreditMethod,
        points: t.points.get(pair(c)) ?? 0,
        hours: t.hours.get(pair(c)) ?? 0,
        hoursPending: t.pending.get(pair(c)) ?? 0,
      })
    }
    return out
  }

  /** The active members an activity is for, as a condition on `members`. */
  private audience(a: Activity): Condition {
    const _ = this.db._
    if (a.audience.type === 'all') return { active: true }
    if (a.audience.type === 'units') return { active: true, unitId: _.in(a.audience.unitIds) }
    return { active: true, youthGroupId: _.in(a.audience.groupIds) }
  }

  async absent(activity: Activity): Promise<AbsentRow[]> {
    const members = await this.db.all(COL.members, this.audience(activity))
    const present = new Set((await this.db.all(COL.checkIns, { activityId: activity.id })).map((c) => str(c.memberId)))
    const makeups = await this.db.all(COL.makeups, { activityId: activity.id }, [['requestedAt', 'asc']])
    const latest = new Map<string, string>()
    for (const k of makeups) latest.set(str(k.memberId), str(k.status))
    const units = await this.unitNames(members.map((m) => str(m.unitId)))
    return members
      .filter((m) => !present.has(str(m._id)) && units.has(str(m.unitId)))
      .map((m) => ({ m, unitName: units.get(str(m.unitId)) ?? '' }))
      .sort((x, y) => byText(x.unitName, y.unitName) || byText(str(x.m.memberNo), str(y.m.memberNo)))
      .map(({ m, unitName }) => ({
        memberId: str(m._id),
        name: str(m.name),
        unitName,
        makeupStatus: (latest.get(str(m._id)) as ReviewStatus | undefined) ?? null,
      }))
  }

  async countAudience(activity: Activity): Promise<number> {
    return (await this.db.coll(COL.members).where(this.audience(activity)).count()).total
  }

  /** Hours credited and waiting for services checked into between two times (any credit time). */
  async volunteerHoursBetween(memberId: string, fromIso: string, toIso: string): Promise<{ effective: number; pending: number }> {
    const _ = this.db._
    const checkIns = await this.db.all(COL.checkIns, { memberId, checkedInAt: _.gte(fromIso).and(_.lt(toIso)) })
    const activityIds = checkIns.map((c) => str(c.activityId))
    if (activityIds.length === 0) return { effective: 0, pending: 0 }
    const ledger = await this.db.allIn(COL.ledger, 'activityId', activityIds, { memberId })
    const claims = await this.db.allIn(COL.hourClaims, 'activityId', activityIds, { memberId, status: 'pending' })
    const sum = (rows: Doc[]) => rows.reduce((s, r) => s + num(r.hours), 0)
    return { effective: sum(ledger), pending: sum(claims) }
  }
}
