/** The read side on SQLite: dashboards read the counters, the rest one statement each. */
import type { ActivityKind } from '../../contract/vocabulary'
import { youthBornAfter, youthTest } from '../../domain/coverage'
import type { MemberScoreRow, StatsStore, YouthOn } from '../Store'
import { ConnPart } from './part'
import { type Row, str, strOrNull } from './rows'
import { ATTENDED, EFFECTIVE_AT, inList } from './sqlText'

/**
 * Only youth with `youthOn`, everyone without: `where` picks them mostly in SQL (well-formed birth
 * dates compared as text, with `params`), `test` decides exactly (odd dates pass the SQL).
 */
export function youthFilter(youthOn: YouthOn | undefined, col: string) {
  if (!youthOn) return { where: [], params: {}, test: (_birthDate: string | null) => true }
  return {
    where: [`(${col} > @bornAfter OR ${col} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`],
    params: { bornAfter: youthBornAfter(youthOn.day, youthOn.ageLimit) },
    test: youthTest(youthOn.day, youthOn.ageLimit),
  }
}

export class SqliteStats extends ConnPart implements StatsStore {
  private seen = { changes: -1, data: -1, version: 0 }

  /**
   * `total_changes()` moves with every row this connection writes (the server's only one), and
   * `data_version` with every commit by any other connection (a second process, a tool); either
   * moving bumps the version, so a cached read can never outlive a write.
   */
  async dataVersion() {
    const r = this.sql('SELECT total_changes() AS changes, data_version AS data FROM pragma_data_version').get() as Row
    const changes = Number(r.changes)
    const data = Number(r.data)
    if (changes !== this.seen.changes || data !== this.seen.data) this.seen = { changes, data, version: this.seen.version + 1 }
    return this.seen.version
  }

  async latestCreditSeq() {
    return Number((this.sql('SELECT COALESCE(MAX(seq), 0) AS seq FROM ledger').get() as Row).seq)
  }

  /** Merged units are kept for old records but are no longer on boards or coverage. */
  async units() {
    return (this.sql('SELECT id, name FROM units WHERE merged_into IS NULL ORDER BY id').all() as Row[]).map((r) => ({ id: str(r.id), name: str(r.name) }))
  }

  async unitTotals(periods: string[], kind: ActivityKind) {
    const rows = this.sql(`SELECT unit_id, period, points, hours, credits FROM unit_counters WHERE kind = ? AND period IN ${inList(periods)}`)
      .all(kind) as Row[]
    return rows.map((r) => ({ unitId: str(r.unit_id), period: str(r.period), points: Number(r.points), hours: Number(r.hours), credits: Number(r.credits) }))
  }

  async participation(period: string, kind: ActivityKind) {
    // At most one counter row per member, period and kind (its key), so the join never doubles a member.
    const rows = this.sql(
        `SELECT m.unit_id, COUNT(*) AS members, COUNT(c.member_id) AS participants
         FROM members m LEFT JOIN member_counters c ON c.member_id = m.id AND c.period = ? AND c.kind = ? AND c.credits > 0
         WHERE m.active = 1 GROUP BY m.unit_id`,
      )
      .all(period, kind) as Row[]
    return rows.map((r) => ({ unitId: str(r.unit_id), members: Number(r.members), participants: Number(r.participants) }))
  }

  async memberScores(period: string, kinds: ActivityKind[], measure: 'points' | 'hours', unitId?: string, youthOn?: YouthOn): Promise<MemberScoreRow[]> {
    const column = measure === 'hours' ? 'c.hours' : 'c.points'
    // Separate texts for city and unit, so a unit's board reads its members by index, not all 20,000.
    const youth = youthFilter(youthOn, 'm.birth_date')
    const where = ['m.active = 1', ...(unitId === undefined ? [] : ['m.unit_id = @unitId']), ...youth.where].join(' AND ')
    const rows = this.sql(
        `SELECT m.id, m.name, m.unit_id, m.birth_date, m.youth_group_id,
           COALESCE(SUM(${column}), 0) AS score, COALESCE(SUM(c.credits), 0) AS credits, MAX(c.last_at) AS reached_at
         FROM members m
         LEFT JOIN member_counters c ON c.member_id = m.id AND c.period = @period AND c.kind IN ${inList(kinds)}
         WHERE ${where}
         GROUP BY m.id ORDER BY m.id`,
      )
      .all({ period, ...(unitId === undefined ? {} : { unitId }), ...youth.params }) as Row[]
    // Unit names from their own small table rather than a join per member.
    const unitNames = new Map((await this.units()).map((u) => [u.id, u.name]))
    const out: MemberScoreRow[] = []
    for (const r of rows) {
      const unitName = unitNames.get(str(r.unit_id))
      const birthDate = strOrNull(r.birth_date)
      if (unitName === undefined || !youth.test(birthDate)) continue
      out.push({
        memberId: str(r.id),
        name: str(r.name),
        unitId: str(r.unit_id),
        unitName,
        birthDate,
        youthGroupId: strOrNull(r.youth_group_id),
        score: Number(r.score),
        credits: Number(r.credits),
        reachedAt: strOrNull(r.reached_at),
      })
    }
    return out
  }

  async sessionCounts(fromIso: string, toIso: string) {
    const base = `FROM activities a WHERE a.kind IN ('study', 'lecture') AND a.status = 'published' AND a.start_at >= @from AND a.start_at < @to`
    const all = Number((this.sql(`SELECT COUNT(*) AS n ${base} AND a.audience_type = 'all'`).get({ from: fromIso, to: toIso }) as Row).n)
    const by = (scope: 'unit' | 'group') =>
      new Map(
        (
          this.sql(`SELECT aa.scope_id, COUNT(*) AS n FROM activity_audience aa JOIN activities a ON a.id = aa.activity_id
                      WHERE aa.scope_type = '${scope}' AND a.kind IN ('study', 'lecture') AND a.status = 'published'
                        AND a.start_at >= @from AND a.start_at < @to GROUP BY aa.scope_id`)
            .all({ from: fromIso, to: toIso }) as Row[]
        ).map((r) => [str(r.scope_id), Number(r.n)]),
      )
    return { all, byUnit: by('unit'), byGroup: by('group') }
  }

  async nextSessionStart(fromIso: string) {
    const r = this.sql(`SELECT MIN(start_at) AS at FROM activities WHERE kind IN ('study', 'lecture') AND status = 'published' AND start_at >= ?`)
      .get(fromIso) as Row
    return strOrNull(r.at)
  }

  async groupAttendance(fromIso: string, toIso: string) {
    const rows = this.sql(
        `WITH gs AS (
           SELECT a.id, aa.scope_id AS gid FROM activities a
           JOIN activity_audience aa ON aa.activity_id = a.id AND aa.scope_type = 'group'
           WHERE a.kind = 'study' AND a.status = 'published' AND a.start_at >= ? AND a.start_at < ?)
         SELECT m.id,
           (SELECT COUNT(*) FROM gs WHERE gs.gid = m.youth_group_id) AS sessions,
           (SELECT COUNT(*) FROM gs JOIN check_ins c ON c.activity_id = gs.id AND c.member_id = m.id
            WHERE gs.gid = m.youth_group_id AND ${ATTENDED('c')}) AS attended
         FROM members m WHERE m.active = 1 AND m.youth_group_id IS NOT NULL`,
      )
      .all(fromIso, toIso) as Row[]
    return new Map(rows.map((r) => [str(r.id), { sessions: Number(r.sessions), attended: Number(r.attended) }]))
  }

  async ledgerOf(memberId: string, fromIso: string, toIso: string, kinds: ActivityKind[]) {
    const rows = this.sql(
        `SELECT l.id, l.created_at, a.title, a.sub_kind, l.kind, l.points, l.hours, l.method, l.reverses_id, l.note
         FROM ledger l JOIN activities a ON a.id = l.activity_id
         WHERE l.member_id = ? AND ${EFFECTIVE_AT('l')} >= ? AND ${EFFECTIVE_AT('l')} < ? AND l.kind IN ${inList(kinds)}
         ORDER BY l.seq`,
      )
      .all(memberId, fromIso, toIso) as Row[]
    return rows.map((r) => ({
      id: str(r.id),
      at: str(r.created_at),
      activityTitle: str(r.title),
      kind: str(r.kind) as ActivityKind,
      subKind: strOrNull(r.sub_kind),
      points: Number(r.points),
      hours: Number(r.hours),
      method: str(r.method),
      reversesId: strOrNull(r.reverses_id),
      note: strOrNull(r.note),
    }))
  }

  async volunteerSummary(memberId: string, fromIso: string, toIso: string) {
    const r = this.sql(
        `SELECT COALESCE(SUM(h), 0) AS hours, COUNT(*) AS activities FROM (
           SELECT activity_id, SUM(hours) AS h FROM ledger l
           WHERE member_id = ? AND kind = 'volunteer' AND ${EFFECTIVE_AT('l')} >= ? AND ${EFFECTIVE_AT('l')} < ?
           GROUP BY activity_id HAVING SUM(hours) > 0)`,
      )
      .get(memberId, fromIso, toIso) as Row
    return { hours: Number(r.hours), activities: Number(r.activities) }
  }

  async certificateSubject(memberId: string) {
    const r = this.sql('SELECT m.name, m.id_number, m.unit_id, u.name AS unit_name FROM members m JOIN units u ON u.id = m.unit_id WHERE m.id = ?')
      .get(memberId) as Row | undefined
    return r ? { name: str(r.name), idNumber: strOrNull(r.id_number), unitId: str(r.unit_id), unitName: str(r.unit_name) } : null
  }
}
