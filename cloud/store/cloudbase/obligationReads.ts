/**
 * What the obligations evaluators read across the city, on CloudBase. Each read asks only for the
 * fields it uses and makes its independent requests at once: the organisation is one round of
 * requests; youth groups, meetings and training two (what happened, then who attended or how it
 * was filed).
 *
 * Attendance counts as on the boards (stats.ts): a check-in whose credits were not all reversed.
 */
import type { CadreRank, MeetingType, RecordState } from '../../contract/vocabulary'
import { youthBornAfter, youthTest } from '../../domain/coverage'
import type { ObligationOrg, RhythmMeeting, TrainingInput, YouthGroupInput } from '../../domain/obligations/inputs'
import { periodKeys } from '../../domain/time'
import { chunk, type Db } from './access'
import { COL } from './collections'
import { byText, docs, filedTally, isDoc, num, str, strOrNull, strings, toCadreRank } from './documents'
import type { Doc } from './sdk'

const live = (d: Doc) => !d.mergedInto
const byId = (a: { id: string }, b: { id: string }) => byText(a.id, b.id)

export class ObligationReads {
  constructor(private readonly db: Db) {}

  private range(fromIso: string, toIso: string) {
    return this.db._.gte(fromIso).and(this.db._.lt(toIso))
  }

  /**
   * `activityId|memberId` → when they checked in, for check-ins to these activities that count:
   * their credits were not all reversed (a reversal usually means 代签, someone signed for them).
   * The check-ins and the ledger entries are read at once, each projected to what decides this.
   */
  /**
   * Which of these activities someone attended: a credit left unreversed. One grouped aggregation per
   * chunk of ids, so a year of a city's youth-group sessions costs about one record per session, not
   * one per check-in and ledger entry. (Each ledger entry carries `delta`: +1, or −1 on a reversal.)
   */
  private async sessionsAttended(activityIds: string[]): Promise<Set<string>> {
    if (!activityIds.length) return new Set()
    const $ = this.db._.aggregate
    const parts = await Promise.all(
      chunk([...new Set(activityIds)]).map((part) =>
        this.db.aggregateAll(COL.ledger, (a) =>
          a
            .match({ activityId: this.db._.in(part) })
            .group({ _id: '$activityId', credits: $.sum('$delta') })
            .sort({ _id: 1 }),
        ),
      ),
    )
    return new Set(
      parts
        .flat()
        .filter((r) => num(r.credits) > 0)
        .map((r) => str(r._id)),
    )
  }

  private async attended(activityIds: string[]): Promise<Map<string, string>> {
    const pair = (d: Doc) => `${str(d.activityId)}|${str(d.memberId)}`
    const [checkIns, ledger] = await Promise.all([
      this.db.allIn(COL.checkIns, 'activityId', activityIds, {}, ['activityId', 'memberId', 'checkedInAt']),
      this.db.allIn(COL.ledger, 'activityId', activityIds, {}, ['activityId', 'memberId', 'reversesId']),
    ])
    const balance = new Map<string, number>()
    for (const l of ledger) balance.set(pair(l), (balance.get(pair(l)) ?? 0) + (l.reversesId ? -1 : 1))
    const out = new Map<string, string>()
    for (const c of checkIns) if ((balance.get(pair(c)) ?? 0) > 0) out.set(pair(c), str(c.checkedInAt))
    return out
  }

  async obligationOrg(): Promise<ObligationOrg> {
    const [units, branches, partyGroups, secretaries] = await Promise.all([
      this.db.all(COL.units, null, [], Infinity, ['name', 'mergedInto']),
      this.db.all(COL.branches, null, [], Infinity, ['name', 'unitId', 'createdAt', 'mergedInto']),
      this.db.all(COL.partyGroups, null, [], Infinity, ['name', 'branchId', 'mergedInto']),
      this.db.all(COL.members, { active: true, 'roles.role': 'branchSecretary' }, [['memberNo', 'asc']], Infinity, ['name', 'roles']),
    ])
    const liveBranches = branches.filter(live).map((b) => ({ id: str(b._id), name: str(b.name), unitId: str(b.unitId), createdAt: strOrNull(b.createdAt) }))
    const known = new Set(liveBranches.map((b) => b.id))
    // A branch with two secretaries on record shows the first by member number.
    const names = new Map<string, string>()
    for (const m of secretaries)
      for (const g of docs(m.roles)) {
        const branchId = strOrNull(g.branchId)
        if (g.role === 'branchSecretary' && branchId && known.has(branchId) && !names.has(branchId)) names.set(branchId, str(m.name))
      }
    return {
      units: units
        .filter(live)
        .map((u) => ({ id: str(u._id), name: str(u.name) }))
        .sort(byId),
      branches: liveBranches.sort(byId),
      partyGroups: partyGroups
        .filter(live)
        .map((g) => ({ id: str(g._id), name: str(g.name), branchId: str(g.branchId) }))
        .sort(byId),
      secretaries: names,
    }
  }

  /**
   * Youth are picked by the database on their birth date (stored as `YYYY-MM-DD`, compared as
   * text), then tested exactly; the groups' study sessions are read beside them, then who attended.
   */
  async youthGroupData(day: string, ageLimit: number, fromIso: string, toIso: string): Promise<Omit<YouthGroupInput, 'policyAgeLimit'>> {
    const isYouth = youthTest(day, ageLimit)
    const [members, groups, sessions] = await Promise.all([
      this.db.all(COL.members, { active: true, birthDate: this.db._.gt(youthBornAfter(day, ageLimit)) }, [], Infinity, ['name', 'unitId', 'branchId', 'youthGroupId', 'birthDate']),
      this.db.all(COL.youthGroups, null, [], Infinity, ['name', 'unitIds', 'mergedInto']),
      this.db.all(COL.activities, { kind: 'study', status: 'published', audienceType: 'groups', startAt: this.range(fromIso, toIso) }, [], Infinity, ['startAt', 'audienceGroupIds']),
    ])
    const attended = await this.sessionsAttended(sessions.map((s) => str(s._id)))
    const first = new Map<string, Map<string, string>>()
    for (const s of sessions) {
      if (!attended.has(str(s._id))) continue
      const startAt = str(s.startAt)
      const month = periodKeys(new Date(startAt)).month
      for (const g of new Set(strings(s.audienceGroupIds))) {
        const months = first.get(g) ?? new Map<string, string>()
        const earlier = months.get(month)
        if (earlier === undefined || startAt < earlier) months.set(month, startAt)
        first.set(g, months)
      }
    }
    return {
      members: members
        .map((m) => ({ id: str(m._id), name: str(m.name), unitId: str(m.unitId), branchId: strOrNull(m.branchId), youthGroupId: strOrNull(m.youthGroupId), birthDate: strOrNull(m.birthDate) }))
        .filter((m) => isYouth(m.birthDate))
        .sort(byId),
      groups: groups
        .filter(live)
        .map((g) => ({ id: str(g._id), name: str(g.name), unitIds: strings(g.unitIds) }))
        .sort(byId),
      sessions: first,
    }
  }

  /** The meetings, then their records (state, filing and the filed roll's counts, not its rows), by the meetings' ids. */
  async rhythmMeetings(fromIso: string, toIso: string): Promise<RhythmMeeting[]> {
    const meetings = await this.db.all(COL.activities, { isMeeting: true, status: 'published', startAt: this.range(fromIso, toIso) }, [], Infinity, [
      'title',
      'unitId',
      'branchId',
      'meeting',
      'startAt',
      'audienceType',
      'audiencePartyGroupIds',
    ])
    const held = meetings.filter((m) => isDoc(m.meeting) && m.branchId)
    const records = new Map((await this.db.allIn(COL.meetingRecords, '_id', held.map((m) => str(m._id)), {}, ['state', 'submittedAt', 'filedExpected', 'filedPresent', 'filedLeave'])).map((r) => [str(r._id), r]))
    return held
      .map((m): RhythmMeeting => {
        const info = isDoc(m.meeting) ? m.meeting : {}
        const record = records.get(str(m._id))
        return {
          activityId: str(m._id),
          title: str(m.title),
          unitId: str(m.unitId),
          branchId: str(m.branchId),
          // As meetingAccess.partyGroupOfMeeting: the 党小组 a meeting addressed to 党小组 is for.
          partyGroupId: m.audienceType === 'partyGroups' ? (strings(m.audiencePartyGroupIds)[0] ?? null) : null,
          type: str(info.type) as MeetingType,
          forPeriod: str(info.forPeriod),
          startAt: str(m.startAt),
          // A meeting nobody has written up yet has its record still to draft.
          recordState: record ? (str(record.state) as RecordState) : 'draft',
          submittedAt: record ? strOrNull(record.submittedAt) : null,
          tally: filedTally(record),
        }
      })
      .sort((a, b) => byText(a.startAt, b.startAt) || byText(a.activityId, b.activityId))
  }

  async cadres(ranks: CadreRank[]): Promise<TrainingInput['cadres']> {
    if (!ranks.length) return []
    const rows = await this.db.all(COL.members, { active: true, cadreRank: this.db._.in([...new Set(ranks)]) }, [], Infinity, ['name', 'unitId', 'branchId', 'cadreRank'])
    return rows.flatMap((m) => {
      const cadreRank = toCadreRank(m.cadreRank)
      return cadreRank ? [{ id: str(m._id), name: str(m.name), unitId: str(m.unitId), branchId: strOrNull(m.branchId), cadreRank }] : []
    })
  }

  /** The published activities serving the target, then their counted check-ins (make-ups are check-ins too). */
  async trainingAttendance(targetId: string): Promise<TrainingInput['attended']> {
    const activities = await this.db.all(COL.activities, { targetId, status: 'published' }, [], Infinity, ['title'])
    const titles = new Map(activities.map((a) => [str(a._id), str(a.title)]))
    const counted = [...(await this.attended([...titles.keys()])).entries()]
      .map(([pair, at]) => {
        const [activityId, memberId] = pair.split('|')
        return { memberId, at, activityId }
      })
      .sort((a, b) => byText(a.at, b.at) || byText(a.activityId, b.activityId))
    const out: TrainingInput['attended'] = new Map()
    for (const c of counted) if (!out.has(c.memberId)) out.set(c.memberId, { at: c.at, activityId: c.activityId, title: titles.get(c.activityId) ?? '' })
    return out
  }
}
