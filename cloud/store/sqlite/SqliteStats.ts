import type Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import type { ActivityKind } from '../../contract/vocabulary'
import { youthBornAfter, youthTest } from '../../domain/coverage'
import type { Certificate, CounterDrift, MemberScoreRow, PolicyVersion, Snapshot, StatsStore, YouthOn } from '../StatsStore'
import { type Row, str, strOrNull } from './rows'
import { statementCache } from './statements'

/**
 * Only youth with `youthOn`, everyone without: `where` picks them mostly in SQL (well-formed birth
 * dates compared as text, with `params`), `test` decides exactly (odd dates pass the SQL).
 */
function youthFilter(youthOn: YouthOn | undefined, col: string) {
  if (!youthOn) return { where: [], params: {}, test: (_birthDate: string | null) => true }
  return {
    where: [`(${col} > @bornAfter OR ${col} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`],
    params: { bornAfter: youthBornAfter(youthOn.day, youthOn.ageLimit) },
    test: youthTest(youthOn.day, youthOn.ageLimit),
  }
}
/** Period keys as GLOB patterns, and a month key's quarter (`2026-05` → `2026-Q2`). */
const MONTH_KEY = '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
const QUARTER_KEY = '[0-9][0-9][0-9][0-9]-Q[1-4]'
const QUARTER_OF_MONTH = `substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3)`
/** Shanghai period keys of a UTC timestamp column, in SQL (matches domain/time.periodKeys). */
const MONTH = (col: string) => `strftime('%Y-%m', ${col}, '+8 hours')`
/** A check-in counts as attendance unless its credit was reversed (e.g. found to be 代签). */
const ATTENDED = (c: string) =>
  `(SELECT COUNT(*) FROM ledger l WHERE l.activity_id = ${c}.activity_id AND l.member_id = ${c}.member_id AND l.reverses_id IS NULL) >
   (SELECT COUNT(*) FROM ledger l WHERE l.activity_id = ${c}.activity_id AND l.member_id = ${c}.member_id AND l.reverses_id IS NOT NULL)`
/** A reversal counts towards the periods of the entry it reverses, so corrections land where the error was. */
const EFFECTIVE_AT = (l: string) => `COALESCE((SELECT o.created_at FROM ledger o WHERE o.id = ${l}.reverses_id), ${l}.created_at)`
const inList = (values: readonly string[]) => `(SELECT value FROM json_each('${JSON.stringify(values).replace(/'/g, "''")}'))`

export class SqliteStats implements StatsStore {
  private readonly sql: (sql: string) => Database.Statement

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db)
  }

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

  async units() {
    return (this.sql('SELECT id, name FROM units ORDER BY id').all() as Row[]).map((r) => ({ id: str(r.id), name: str(r.name) }))
  }

  async coverageData(youthOn?: YouthOn) {
    const units = await this.units()
    const youth = youthFilter(youthOn, 'birth_date')
    const members = (
      this.sql(`SELECT id, name, unit_id, youth_group_id, birth_date FROM members WHERE ${['active = 1', ...youth.where].join(' AND ')}`).all(youth.params) as Row[]
    )
      .map((r) => ({ id: str(r.id), name: str(r.name), unitId: str(r.unit_id), youthGroupId: strOrNull(r.youth_group_id), birthDate: strOrNull(r.birth_date) }))
      .filter((m) => youth.test(m.birthDate))
    const links = this.sql('SELECT group_id, unit_id FROM youth_group_units').all() as Row[]
    const groups = (this.sql('SELECT id, name FROM youth_groups ORDER BY id').all() as Row[]).map((r) => ({
      id: str(r.id),
      name: str(r.name),
      unitIds: links.filter((l) => l.group_id === r.id).map((l) => str(l.unit_id)),
    }))
    return { units, members, groups }
  }

  async groupMeetings(fromIso: string, toIso: string) {
    const rows = this.sql(
        `SELECT aa.scope_id AS group_id, ${MONTH('a.start_at')} AS month
         FROM activities a JOIN activity_audience aa ON aa.activity_id = a.id AND aa.scope_type = 'group'
         WHERE a.kind = 'study' AND a.status = 'published' AND a.start_at >= ? AND a.start_at < ?
           AND EXISTS (SELECT 1 FROM check_ins c WHERE c.activity_id = a.id AND ${ATTENDED('c')})
         GROUP BY 1, 2`,
      )
      .all(fromIso, toIso) as Row[]
    const out = new Map<string, Set<string>>()
    for (const r of rows) {
      const set = out.get(str(r.group_id)) ?? new Set<string>()
      set.add(str(r.month))
      out.set(str(r.group_id), set)
    }
    return out
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
        `SELECT l.id, l.created_at, a.title, l.kind, l.points, l.hours, l.method, l.reverses_id, l.note
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

  /**
   * Recompute the counters inside SQLite: one pass over the ledger at month level, quarters rolled
   * up from the months and years from the quarters, units from their members' months. Only
   * differing rows come back to JS, so a million-row ledger costs about one scan and little memory.
   */
  async reconcileCounters() {
    // Small caches while it runs: its sorts and temp tables spill to temp files (the OS caches
    // them) instead of growing the server by ~60 MB; measured no slower on the 1M-row ledger.
    const cacheSize = Number(this.db.pragma('cache_size', { simple: true }))
    this.db.pragma('cache_size = -4000')
    this.db.pragma('temp.cache_size = -2000')
    try {
      return this.reconcileInSql()
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`)
    }
  }

  private reconcileInSql() {
    // Keyed like the counters (WITHOUT ROWID), so comparing both ways is a lookup by key, not a
    // temporary index over 750,000 rows; each GROUP BY emits in key order, so inserts append.
    const rollUps = (table: string, id: string, lastAt: string) => `
      INSERT INTO ${table}
        SELECT ${id}, ${QUARTER_OF_MONTH}, kind, SUM(points), SUM(hours), SUM(credits)${lastAt}
        FROM ${table} WHERE period GLOB '${MONTH_KEY}' GROUP BY 1, 2, 3;
      INSERT INTO ${table}
        SELECT ${id}, substr(period, 1, 4), kind, SUM(points), SUM(hours), SUM(credits)${lastAt}
        FROM ${table} WHERE period GLOB '${QUARTER_KEY}' GROUP BY 1, 2, 3;`
    const result = this.db.transaction(() => {
      this.db.exec(`
        CREATE TEMP TABLE IF NOT EXISTS expected_member (member_id TEXT, period TEXT, kind TEXT, points REAL, hours REAL, credits INTEGER, last_at TEXT,
          PRIMARY KEY (member_id, period, kind)) WITHOUT ROWID;
        CREATE TEMP TABLE IF NOT EXISTS expected_unit (unit_id TEXT, period TEXT, kind TEXT, points REAL, hours REAL, credits INTEGER,
          PRIMARY KEY (unit_id, period, kind)) WITHOUT ROWID;
        DELETE FROM expected_member;
        DELETE FROM expected_unit;
        INSERT INTO expected_member
          SELECT l.member_id, ${MONTH('COALESCE(o.created_at, l.created_at)')}, l.kind, SUM(l.points), SUM(l.hours),
                 SUM(CASE WHEN l.reverses_id IS NULL THEN 1 ELSE -1 END), MAX(COALESCE(o.created_at, l.created_at))
          FROM ledger l LEFT JOIN ledger o ON o.id = l.reverses_id
          GROUP BY 1, 2, 3;
        INSERT INTO expected_unit
          SELECT m.unit_id, e.period, e.kind, SUM(e.points), SUM(e.hours), SUM(e.credits)
          FROM expected_member e JOIN members m ON m.id = e.member_id GROUP BY 1, 2, 3;
        ${rollUps('expected_member', 'member_id', ', MAX(last_at)')}
        ${rollUps('expected_unit', 'unit_id', '')}
      `)
      const count = (t: string) => Number((this.sql(`SELECT COUNT(*) AS n FROM ${t}`).get() as Row).n)
      const LIMIT = 100_000
      // Rows expected per scope, counted once: the diff and the result both need them.
      const expected = { member: count('expected_member'), unit: count('expected_unit') }
      const differing = (scope: 'member' | 'unit') => {
        const [t, c, id] = scope === 'member' ? ['expected_member', 'member_counters', 'member_id'] : ['expected_unit', 'unit_counters', 'unit_id']
        const lastAt = scope === 'member' ? `OR ifnull(s.last_at, '') <> ifnull(e.last_at, '')` : ''
        const cols = scope === 'member' ? ', s.last_at AS s_last_at, e.last_at AS e_last_at' : ''
        const rows = this.sql(
            `SELECT e.${id} AS id, e.period, e.kind, e.points, e.hours, e.credits, s.points AS s_points, s.hours AS s_hours, s.credits AS s_credits, s.${id} IS NOT NULL AS stored ${cols}
             FROM ${t} e LEFT JOIN ${c} s ON s.${id} = e.${id} AND s.period = e.period AND s.kind = e.kind
             WHERE s.${id} IS NULL OR abs(s.points - e.points) > 1e-6 OR abs(s.hours - e.hours) > 1e-6 OR s.credits <> e.credits ${lastAt}
             LIMIT ${LIMIT}`,
          )
          .all() as Row[]
        // Counter rows with no expected row (extras) can only exist if fewer stored rows were matched
        // than there are: otherwise the pass over every stored counter is skipped.
        const matched = expected[scope] - rows.filter((r) => Number(r.stored) === 0).length
        if (rows.length < LIMIT && matched === count(c)) return rows
        const extras = this.sql(
            `SELECT s.${id} AS id, s.period, s.kind, 0 AS points, 0 AS hours, 0 AS credits, s.points AS s_points, s.hours AS s_hours, s.credits AS s_credits, 2 AS stored ${scope === 'member' ? ', s.last_at AS s_last_at, NULL AS e_last_at' : ''}
             FROM ${c} s LEFT JOIN ${t} e ON s.${id} = e.${id} AND s.period = e.period AND s.kind = e.kind
             WHERE e.${id} IS NULL AND (abs(s.points) > 1e-6 OR abs(s.hours) > 1e-6 OR s.credits <> 0)
             LIMIT ${LIMIT}`,
          )
          .all() as Row[]
        return [...rows, ...extras].slice(0, LIMIT)
      }
      const drift = [...this.diff('member', differing('member')), ...this.diff('unit', differing('unit'))]
      if (drift.some((d) => d.scope === 'member'))
        this.db.exec('DELETE FROM member_counters; INSERT INTO member_counters (member_id, period, kind, points, hours, credits, last_at) SELECT * FROM expected_member;')
      if (drift.some((d) => d.scope === 'unit'))
        this.db.exec('DELETE FROM unit_counters; INSERT INTO unit_counters (unit_id, period, kind, points, hours, credits) SELECT * FROM expected_unit;')
      return { checked: expected.member + expected.unit, drift }
    }).immediate()
    // A year of expected counters is tens of MB of temp pages: give them back to the system
    // instead of keeping them cached until the next night.
    this.db.exec('DROP TABLE temp.expected_member; DROP TABLE temp.expected_unit;')
    this.db.pragma('shrink_memory')
    return result
  }

  /** Rows that differ, as field-level repairs: `stored` is 0 (missing), 1 (differs) or 2 (extra). */
  private diff(scope: 'member' | 'unit', rows: Row[]): CounterDrift[] {
    const out: CounterDrift[] = []
    for (const r of rows) {
      const base = { scope, id: str(r.id), period: str(r.period), kind: str(r.kind) }
      if (Number(r.stored) === 0) out.push({ ...base, field: 'missing', was: 0, now: Number(r.points) })
      else if (Number(r.stored) === 2) out.push({ ...base, field: 'extra', was: Number(r.s_points), now: 0 })
      else {
        for (const f of ['points', 'hours', 'credits'] as const)
          if (Math.abs(Number(r[`s_${f}`]) - Number(r[f])) > 1e-6) out.push({ ...base, field: f, was: Number(r[`s_${f}`]), now: Number(r[f]) })
        // When the score last moved breaks leaderboard ties, so it must be right too.
        if (scope === 'member' && (r.s_last_at ?? null) !== (r.e_last_at ?? null))
          out.push({ ...base, field: 'lastAt', was: Date.parse(str(r.s_last_at ?? '')) || 0, now: Date.parse(str(r.e_last_at ?? '')) || 0 })
      }
    }
    return out
  }

  async insertSnapshot(s: Snapshot) {
    this.sql('INSERT INTO snapshots (id, period, rules_json, entries_json, frozen_by, frozen_at, notice_until) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(s.id, s.period, JSON.stringify(s.rules), JSON.stringify(s.entries), s.frozenBy, s.frozenAt, s.noticeUntil)
  }

  async latestSnapshot(period?: string) {
    const r = this.sql('SELECT * FROM snapshots WHERE (? IS NULL OR period = ?) ORDER BY frozen_at DESC LIMIT 1')
      .get(period ?? null, period ?? null) as Row | undefined
    return r
      ? {
          id: str(r.id),
          period: str(r.period),
          rules: JSON.parse(str(r.rules_json)) as unknown,
          entries: JSON.parse(str(r.entries_json)) as unknown[],
          frozenBy: str(r.frozen_by),
          frozenAt: str(r.frozen_at),
          noticeUntil: str(r.notice_until),
        }
      : null
  }

  private toCertificate(r: Row | undefined): Certificate | null {
    return r
      ? {
          serial: str(r.serial),
          memberId: str(r.member_id),
          period: str(r.period),
          hours: Number(r.hours),
          activities: Number(r.activities),
          issuingUnit: str(r.issuing_unit),
          verifyCode: str(r.verify_code),
          issuedAt: str(r.issued_at),
          issuedBy: str(r.issued_by),
        }
      : null
  }

  async findCertificate(memberId: string, period: string, hours: number) {
    return this.toCertificate(
      this.sql('SELECT * FROM certificates WHERE member_id = ? AND period = ? AND hours = ?').get(memberId, period, hours) as Row | undefined,
    )
  }

  async certificateBySerial(serial: string) {
    return this.toCertificate(this.sql('SELECT * FROM certificates WHERE serial = ?').get(serial) as Row | undefined)
  }

  async insertCertificate(c: Omit<Certificate, 'serial'>) {
    return this.db.transaction((): Certificate => {
      // Two requests for the same certificate at once: the second gets the first's.
      const existing = this.sql('SELECT * FROM certificates WHERE member_id = ? AND period = ? AND hours = ?').get(c.memberId, c.period, c.hours) as Row | undefined
      if (existing) return this.toCertificate(existing) as Certificate
      const year = c.issuedAt.slice(0, 4)
      const { n } = this.sql('SELECT COUNT(*) AS n FROM certificates WHERE serial LIKE ?').get(`ZY${year}%`) as { n: number }
      const cert = { ...c, serial: `ZY${year}${String(n + 1).padStart(6, '0')}`, verifyCode: c.verifyCode || randomBytes(4).toString('hex').toUpperCase() }
      this.sql(
          `INSERT INTO certificates (serial, member_id, period, hours, activities, issuing_unit, verify_code, issued_at, issued_by)
           VALUES (@serial, @memberId, @period, @hours, @activities, @issuingUnit, @verifyCode, @issuedAt, @issuedBy)`,
        )
        .run(cert)
      return cert
    }).immediate()
  }

  async policyVersions(): Promise<PolicyVersion[]> {
    return (this.sql('SELECT * FROM policy_versions ORDER BY effective_from, seq').all() as Row[]).map((r) => ({
      seq: Number(r.seq),
      effectiveFrom: str(r.effective_from),
      policy: JSON.parse(str(r.policy_json)) as unknown,
      createdBy: str(r.created_by),
      createdAt: str(r.created_at),
    }))
  }

  async insertPolicyVersion(v: Omit<PolicyVersion, 'seq'>) {
    this.sql('INSERT INTO policy_versions (effective_from, policy_json, created_by, created_at) VALUES (?, ?, ?, ?)')
      .run(v.effectiveFrom, JSON.stringify(v.policy), v.createdBy, v.createdAt)
  }
}
