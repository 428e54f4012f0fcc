/**
 * Who came and who did not: a member's records, an activity's attendance and absentees, and
 * volunteer hours per day. CloudBase has no joins, so each reads the records it needs (paged, ids
 * in chunks) and joins in code.
 */
import type { AbsentRow, Activity, AttendanceEntry, MyRecord } from '../../contract/model'
import type { ActivityKind, ReviewStatus } from '../../contract/vocabulary'
import type { Db } from './access'
import { COL } from './collections'
import { byText, num, str, sumBy, toActivity, toCheckIn } from './documents'
import type { Condition, Doc } from './sdk'

const pair = (d: Doc) => `${str(d.activityId)}|${str(d.memberId)}`

export class Attendance {
  constructor(
    private readonly db: Db,
    /** Every unit's name (org.ts keeps them for a minute per instance). */
    private readonly unitNames: () => Promise<Map<string, string>>,
    /** Every branch's name, kept the same way. */
    private readonly branchNames: () => Promise<Map<string, string>>,
  ) {}

  /**
   * Points and hours credited, and hours waiting, per (activity, member), of one member's or one
   * activity's records (`where`): both read at once. `reversed`: the pairs with a correction entry.
   */
  private async totals(where: Doc) {
    const [ledger, claims] = await Promise.all([this.db.all(COL.ledger, where), this.db.all(COL.hourClaims, { ...where, status: 'pending' })])
    const reversed = new Set(ledger.filter((l) => l.reversesId !== null && l.reversesId !== undefined).map(pair))
    // Who approved each pair's first credit (the corrections are someone else's decision).
    const approvedBy = new Map<string, string>()
    for (const l of ledger) if ((l.reversesId ?? null) === null && l.approvedBy && !approvedBy.has(pair(l))) approvedBy.set(pair(l), str(l.approvedBy))
    return { points: sumBy(ledger, pair, 'points'), hours: sumBy(ledger, pair, 'hours'), pending: sumBy(claims, pair, 'hours'), reversed, approvedBy }
  }

  /**
   * A member's check-ins, newest first: the check-ins, their credits and the units in one round
   * trip, then the activities they were for.
   */
  async recordsOfMember(memberId: string, kind: ActivityKind | undefined, limit: number): Promise<MyRecord[]> {
    const [checkIns, t, units] = await Promise.all([this.db.all(COL.checkIns, { memberId }, [['checkedInAt', 'desc']]), this.totals({ memberId }), this.unitNames()])
    const activities = new Map((await this.db.allIn(COL.activities, '_id', checkIns.map((c) => str(c.activityId)))).map((a) => [str(a._id), toActivity(a)]))
    const shown = checkIns
      .filter((c) => {
        const a = activities.get(str(c.activityId))
        return a !== undefined && units.has(a.unitId) && (kind === undefined || a.kind === kind)
      })
      .slice(0, Math.max(0, limit))
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

  /**
   * Who checked in, with what their phones sent and whether a credit was reversed: the check-ins,
   * their credits, the approved make-ups, the units and branches in one round trip, then the members
   * (and the organizers who approved a credit, in the same read).
   */
  async attendance(activityId: string): Promise<AttendanceEntry[]> {
    const [checkIns, t, units, branches, madeUp] = await Promise.all([
      this.db.all(COL.checkIns, { activityId }, [['checkedInAt', 'desc']]),
      this.totals({ activityId }),
      this.unitNames(),
      this.branchNames(),
      this.db.all(COL.makeups, { activityId, status: 'approved' }),
    ])
    const viaMakeup = new Set(madeUp.map(pair))
    const ids = new Set([...checkIns.map((c) => str(c.memberId)), ...t.approvedBy.values()])
    const members = new Map((await this.db.allIn(COL.members, '_id', [...ids])).map((m) => [str(m._id), m]))
    const approver = (c: Doc) => {
      const by = members.get(t.approvedBy.get(pair(c)) ?? '')
      return by ? str(by.name) : null
    }
    const out: AttendanceEntry[] = []
    for (const c of checkIns) {
      const m = members.get(str(c.memberId))
      if (!m || !units.has(str(m.unitId))) continue
      const ci = toCheckIn(c)
      out.push({
        checkInId: ci.id,
        memberId: ci.memberId,
        name: str(m.name),
        unitName: units.get(str(m.unitId)) ?? '',
        branchName: branches.get(str(m.branchId)) ?? null,
        checkedInAt: ci.checkedInAt,
        checkedOutAt: ci.checkedOutAt,
        method: ci.method,
        approvedByName: approver(c),
        viaMakeup: viaMakeup.has(pair(c)),
        points: t.points.get(pair(c)) ?? 0,
        hours: t.hours.get(pair(c)) ?? 0,
        hoursPending: t.pending.get(pair(c)) ?? 0,
        reversed: t.reversed.has(pair(c)),
        signals: { deviceId: ci.deviceId, lat: ci.lat, lng: ci.lng, accuracyM: ci.accuracyM },
      })
    }
    return out
  }

  /** The active members an activity is for, as a condition on `members`. */
  private audience(a: Activity): Condition {
    const _ = this.db._
    switch (a.audience.type) {
      case 'all':
        return { active: true }
      case 'units':
        return { active: true, unitId: _.in(a.audience.unitIds) }
      case 'groups':
        return { active: true, youthGroupId: _.in(a.audience.groupIds) }
      case 'branches':
        return { active: true, branchId: _.in(a.audience.branchIds) }
      case 'partyGroups':
        return { active: true, partyGroupId: _.in(a.audience.partyGroupIds) }
    }
  }

  /** The audience, the check-ins, the make-ups, the units and branches, read at once. */
  async absent(activity: Activity): Promise<AbsentRow[]> {
    const [members, checkIns, makeups, units, branches] = await Promise.all([
      this.db.all(COL.members, this.audience(activity)),
      this.db.all(COL.checkIns, { activityId: activity.id }),
      this.db.all(COL.makeups, { activityId: activity.id }, [['requestedAt', 'asc']]),
      this.unitNames(),
      this.branchNames(),
    ])
    const present = new Set(checkIns.map((c) => str(c.memberId)))
    const latest = new Map<string, string>()
    for (const k of makeups) latest.set(str(k.memberId), str(k.status))
    return members
      .filter((m) => !present.has(str(m._id)) && units.has(str(m.unitId)))
      .map((m) => ({ m, unitName: units.get(str(m.unitId)) ?? '' }))
      .sort((x, y) => byText(x.unitName, y.unitName) || byText(str(x.m.memberNo), str(y.m.memberNo)))
      .map(({ m, unitName }) => ({
        memberId: str(m._id),
        name: str(m.name),
        unitName,
        branchName: branches.get(str(m.branchId)) ?? null,
        makeupStatus: (latest.get(str(m._id)) as ReviewStatus | undefined) ?? null,
      }))
  }

  async countAudience(activity: Activity): Promise<number> {
    return (await this.db.coll(COL.members).where(this.audience(activity)).count()).total
  }

  /**
   * Hours credited and waiting for services checked into between two times (any credit time). In
   * one round trip: a credit or claim for a service cannot be older than its check-in, so the
   * member's credits and claims since `fromIso` hold all of them, and the check-ins say which count.
   */
  async volunteerHoursBetween(memberId: string, fromIso: string, toIso: string): Promise<{ effective: number; pending: number }> {
    const _ = this.db._
    const [checkIns, ledger, claims] = await Promise.all([
      this.db.all(COL.checkIns, { memberId, checkedInAt: _.gte(fromIso).and(_.lt(toIso)) }),
      this.db.all(COL.ledger, { memberId, createdAt: _.gte(fromIso) }),
      this.db.all(COL.hourClaims, { memberId, status: 'pending', createdAt: _.gte(fromIso) }),
    ])
    const services = new Set(checkIns.map((c) => str(c.activityId)))
    const sum = (rows: Doc[]) => rows.filter((r) => services.has(str(r.activityId))).reduce((s, r) => s + num(r.hours), 0)
    return { effective: sum(ledger), pending: sum(claims) }
  }
}
