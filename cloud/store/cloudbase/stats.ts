/**
 * The read side on CloudBase: dashboards read counters (kept by every credit, see credits.ts),
 * the rest read records page by page and join in code.
 */
import type { ActivityKind } from '../../contract/vocabulary'
import { youthTest } from '../../domain/coverage'
import type { MemberScoreRow, StatsStore, YouthOn } from '../Store'
import type { Db } from './access'
import { COL } from './collections'
import { num, str, strOrNull, strings, sumBy } from './documents'
import type { Doc } from './sdk'

export class CloudBaseStats implements StatsStore {
  constructor(private readonly db: Db) {}

  private range(fromIso: string, toIso: string) {
    return this.db._.gte(fromIso).and(this.db._.lt(toIso))
  }

  private async unitNames(): Promise<Map<string, string>> {
    return new Map((await this.db.all(COL.units, null)).map((u) => [str(u._id), str(u.name)]))
  }

  /**
   * CloudBase has no cheap change counter over its collections, and each function instance would
   * keep its own cache anyway: null, so nothing is cached and every read is fresh.
   */
  async dataVersion() {
    return null
  }

  /** One request: the ledger's newest entry by `seq` (an index on `seq`). */
  async latestCreditSeq() {
    const { data } = await this.db.coll(COL.ledger).orderBy('seq', 'desc').limit(1).field({ seq: true }).get()
    return num(data[0]?.seq)
  }

  /** Units on the boards: a merged unit's members and totals moved to the unit it joined. */
  async units() {
    return (await this.db.all(COL.units, null))
      .filter((u) => !u.mergedInto)
      .map((u) => ({ id: str(u._id), name: str(u.name) }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  /** Published youth-group study sessions starting in the range. */
  private groupSessions(fromIso: string, toIso: string): Promise<Doc[]> {
    return this.db.all(COL.activities, { kind: 'study', status: 'published', audienceType: 'groups', startAt: this.range(fromIso, toIso) })
  }

  /**
   * `activityId|memberId` of the check-ins to these activities that count as attendance: those
   * whose credits were not all reversed (a reversal usually means 代签, someone signed for them).
   */
  private async attendedPairs(activityIds: string[]): Promise<Set<string>> {
    const pair = (d: Doc) => `${str(d.activityId)}|${str(d.memberId)}`
    const checkIns = await this.db.allIn(COL.checkIns, 'activityId', activityIds)
    const balance = new Map<string, number>()
    for (const l of await this.db.allIn(COL.ledger, 'activityId', activityIds)) balance.set(pair(l), (balance.get(pair(l)) ?? 0) + (l.reversesId ? -1 : 1))
    return new Set(checkIns.map(pair).filter((p) => (balance.get(p) ?? 0) > 0))
  }

  async unitTotals(periods: string[], kind: ActivityKind) {
    const rows = await this.db.all(COL.unitCounters, { kind, period: this.db._.in(periods) })
    return rows.map((r) => ({ unitId: str(r.unitId), period: str(r.period), points: num(r.points), hours: num(r.hours), credits: num(r.credits) }))
  }

  async participation(period: string, kind: ActivityKind) {
    const members = await this.db.all(COL.members, { active: true })
    const active = new Set((await this.db.all(COL.memberCounters, { period, kind, credits: this.db._.gt(0) })).map((c) => str(c.memberId)))
    const byUnit = new Map<string, { unitId: string; members: number; participants: number }>()
    for (const m of members) {
      const row = byUnit.get(str(m.unitId)) ?? { unitId: str(m.unitId), members: 0, participants: 0 }
      row.members++
      if (active.has(str(m._id))) row.participants++
      byUnit.set(row.unitId, row)
    }
    return [...byUnit.values()].sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0))
  }

  async memberScores(period: string, kinds: ActivityKind[], measure: 'points' | 'hours', unitId?: string, youthOn?: YouthOn): Promise<MemberScoreRow[]> {
    const isYouth = youthOn ? youthTest(youthOn.day, youthOn.ageLimit) : () => true
    const members = (await this.db.all(COL.members, unitId ? { active: true, unitId } : { active: true })).filter((m) => isYouth(strOrNull(m.birthDate)))
    const names = await this.unitNames()
    const where: Doc = { period, kind: this.db._.in(kinds) }
    const counters = unitId ? await this.db.allIn(COL.memberCounters, 'memberId', members.map((m) => str(m._id)), where) : await this.db.all(COL.memberCounters, where)
    const score = sumBy(counters, (c) => str(c.memberId), measure)
    const credits = sumBy(counters, (c) => str(c.memberId), 'credits')
    const reached = new Map<string, string>()
    for (const c of counters) {
      const at = strOrNull(c.lastAt)
      const id = str(c.memberId)
      if (at && (!reached.has(id) || at > (reached.get(id) ?? ''))) reached.set(id, at)
    }
    return members
      .filter((m) => names.has(str(m.unitId)))
      .map((m) => {
        const id = str(m._id)
        return {
          memberId: id,
          name: str(m.name),
          unitId: str(m.unitId),
          unitName: names.get(str(m.unitId)) ?? '',
          birthDate: strOrNull(m.birthDate),
          youthGroupId: strOrNull(m.youthGroupId),
          score: score.get(id) ?? 0,
          credits: credits.get(id) ?? 0,
          reachedAt: reached.get(id) ?? null,
        }
      })
  }

  async sessionCounts(fromIso: string, toIso: string) {
    const sessions = await this.db.all(COL.activities, { kind: this.db._.in(['study', 'lecture']), status: 'published', startAt: this.range(fromIso, toIso) })
    let all = 0
    const byUnit = new Map<string, number>()
    const byGroup = new Map<string, number>()
    for (const s of sessions) {
      if (s.audienceType === 'all') all++
      for (const u of new Set(strings(s.audienceUnitIds))) byUnit.set(u, (byUnit.get(u) ?? 0) + 1)
      for (const g of new Set(strings(s.audienceGroupIds))) byGroup.set(g, (byGroup.get(g) ?? 0) + 1)
    }
    return { all, byUnit, byGroup }
  }

  async nextSessionStart(fromIso: string) {
    const { data } = await this.db
      .coll(COL.activities)
      .where({ kind: this.db._.in(['study', 'lecture']), status: 'published', startAt: this.db._.gte(fromIso) })
      .orderBy('startAt', 'asc')
      .limit(1)
      .get()
    return data[0] ? str(data[0].startAt) : null
  }

  async groupAttendance(fromIso: string, toIso: string) {
    const sessions = await this.groupSessions(fromIso, toIso)
    const sessionsOf = new Map<string, string[]>()
    for (const s of sessions) for (const g of new Set(strings(s.audienceGroupIds))) sessionsOf.set(g, [...(sessionsOf.get(g) ?? []), str(s._id)])
    const present = await this.attendedPairs(sessions.map((s) => str(s._id)))
    const members = await this.db.all(COL.members, { active: true, youthGroupId: this.db._.neq(null) })
    const out = new Map<string, { sessions: number; attended: number }>()
    for (const m of members) {
      const own = sessionsOf.get(str(m.youthGroupId)) ?? []
      out.set(str(m._id), { sessions: own.length, attended: own.filter((a) => present.has(`${a}|${str(m._id)}`)).length })
    }
    return out
  }

  async ledgerOf(memberId: string, fromIso: string, toIso: string, kinds: ActivityKind[]) {
    const rows = await this.db.all(COL.ledger, { memberId, effectiveAt: this.range(fromIso, toIso), kind: this.db._.in(kinds) }, [['seq', 'asc']])
    const activities = new Map((await this.db.allIn(COL.activities, '_id', rows.map((r) => str(r.activityId)))).map((a) => [str(a._id), a]))
    return rows
      .filter((r) => activities.has(str(r.activityId)))
      .map((r) => ({
        id: str(r._id),
        at: str(r.createdAt),
        activityTitle: str(activities.get(str(r.activityId))?.title),
        kind: str(r.kind) as ActivityKind,
        subKind: strOrNull(activities.get(str(r.activityId))?.subKind),
        points: num(r.points),
        hours: num(r.hours),
        method: str(r.method),
        reversesId: strOrNull(r.reversesId),
        note: strOrNull(r.note),
      }))
  }

  async volunteerSummary(memberId: string, fromIso: string, toIso: string) {
    const rows = await this.db.all(COL.ledger, { memberId, kind: 'volunteer', effectiveAt: this.range(fromIso, toIso) })
    const perActivity = [...sumBy(rows, (r) => str(r.activityId), 'hours').values()].filter((h) => h > 0)
    return { hours: perActivity.reduce((s, h) => s + h, 0), activities: perActivity.length }
  }

  async certificateSubject(memberId: string) {
    const m = await this.db.read(COL.members, memberId)
    const u = m ? await this.db.read(COL.units, str(m.unitId)) : null
    return m && u ? { name: str(m.name), idNumber: strOrNull(m.idNumber), unitId: str(m.unitId), unitName: str(u.name) } : null
  }
}
