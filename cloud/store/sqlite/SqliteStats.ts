import type Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import type { ActivityKind } from '../../contract/vocabulary'
import type { Certificate, CounterDrift, MemberScoreRow, PolicyVersion, Snapshot, StatsStore } from '../StatsStore'
import { type Row, str, strOrNull } from './rows'

/** Shanghai period keys of a UTC timestamp column, in SQL (matches domain/time.periodKeys). */
const MONTH = (col: string) => `strftime('%Y-%m', ${col}, '+8 hours')`
const YEAR = (col: string) => `strftime('%Y', ${col}, '+8 hours')`
const QUARTER = (col: string) => `${YEAR(col)} || '-Q' || ((CAST(strftime('%m', ${col}, '+8 hours') AS INTEGER) + 2) / 3)`
/** A check-in counts as attendance unless its credit was reversed (e.g. found to be 代签). */
const ATTENDED = (c: string) =>
  `(SELECT COUNT(*) FROM ledger l WHERE l.activity_id = ${c}.activity_id AND l.member_id = ${c}.member_id AND l.reverses_id IS NULL) >
   (SELECT COUNT(*) FROM ledger l WHERE l.activity_id = ${c}.activity_id AND l.member_id = ${c}.member_id AND l.reverses_id IS NOT NULL)`
/** A reversal counts towards the periods of the entry it reverses, so corrections land where the error was. */
const EFFECTIVE_AT = (l: string) => `COALESCE((SELECT o.created_at FROM ledger o WHERE o.id = ${l}.reverses_id), ${l}.created_at)`
const inList = (values: readonly string[]) => `(SELECT value FROM json_each('${JSON.stringify(values).replace(/'/g, "''")}'))`

export class SqliteStats implements StatsStore {
  constructor(private readonly db: Database.Database) {}

  async coverageData() {
    const units = (this.db.prepare('SELECT id, name FROM units ORDER BY id').all() as Row[]).map((r) => ({ id: str(r.id), name: str(r.name) }))
    const members = (
      this.db.prepare('SELECT id, name, unit_id, youth_group_id, birth_date FROM members WHERE active = 1').all() as Row[]
    ).map((r) => ({ id: str(r.id), name: str(r.name), unitId: str(r.unit_id), youthGroupId: strOrNull(r.youth_group_id), birthDate: strOrNull(r.birth_date) }))
    const links = this.db.prepare('SELECT group_id, unit_id FROM youth_group_units').all() as Row[]
    const groups = (this.db.prepare('SELECT id, name FROM youth_groups ORDER BY id').all() as Row[]).map((r) => ({
      id: str(r.id),
      name: str(r.name),
      unitIds: links.filter((l) => l.group_id === r.id).map((l) => str(l.unit_id)),
    }))
    return { units, members, groups }
  }

  async groupMeetings(fromIso: string, toIso: string) {
    const rows = this.db
      .prepare(
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
    const rows = this.db
      .prepare(`SELECT unit_id, period, points, hours, credits FROM unit_counters WHERE kind = ? AND period IN ${inList(periods)}`)
      .all(kind) as Row[]
    return rows.map((r) => ({ unitId: str(r.unit_id), period: str(r.period), points: Number(r.points), hours: Number(r.hours), credits: Number(r.credits) }))
  }

  async participation(period: string, kind: ActivityKind) {
    const rows = this.db
      .prepare(
        `SELECT m.unit_id, COUNT(*) AS members,
           SUM(EXISTS (SELECT 1 FROM member_counters c WHERE c.member_id = m.id AND c.period = ? AND c.kind = ? AND c.credits > 0)) AS participants
         FROM members m WHERE m.active = 1 GROUP BY m.unit_id`,
      )
      .all(period, kind) as Row[]
    return rows.map((r) => ({ unitId: str(r.unit_id), members: Number(r.members), participants: Number(r.participants) }))
  }

  async memberScores(period: string, kinds: ActivityKind[], measure: 'points' | 'hours', unitId?: string): Promise<MemberScoreRow[]> {
    const column = measure === 'hours' ? 'c.hours' : 'c.points'
    const rows = this.db
      .prepare(
        `SELECT m.id, m.name, m.unit_id, u.name AS unit_name, m.birth_date, m.youth_group_id,
           COALESCE(SUM(${column}), 0) AS score, COALESCE(SUM(c.credits), 0) AS credits, MAX(c.last_at) AS reached_at
         FROM members m JOIN units u ON u.id = m.unit_id
         LEFT JOIN member_counters c ON c.member_id = m.id AND c.period = @period AND c.kind IN ${inList(kinds)}
         WHERE m.active = 1 AND (@unitId IS NULL OR m.unit_id = @unitId)
         GROUP BY m.id`,
      )
      .all({ period, unitId: unitId ?? null }) as Row[]
    return rows.map((r) => ({
      memberId: str(r.id),
      name: str(r.name),
      unitId: str(r.unit_id),
      unitName: str(r.unit_name),
      birthDate: strOrNull(r.birth_date),
      youthGroupId: strOrNull(r.youth_group_id),
      score: Number(r.score),
      credits: Number(r.credits),
      reachedAt: strOrNull(r.reached_at),
    }))
  }

  async sessionCounts(fromIso: string, toIso: string) {
    const base = `FROM activities a WHERE a.kind IN ('study', 'lecture') AND a.status = 'published' AND a.start_at >= @from AND a.start_at < @to`
    const all = Number((this.db.prepare(`SELECT COUNT(*) AS n ${base} AND a.audience_type = 'all'`).get({ from: fromIso, to: toIso }) as Row).n)
    const by = (scope: 'unit' | 'group') =>
      new Map(
        (
          this.db
            .prepare(`SELECT aa.scope_id, COUNT(*) AS n FROM activity_audience aa JOIN activities a ON a.id = aa.activity_id
                      WHERE aa.scope_type = '${scope}' AND a.kind IN ('study', 'lecture') AND a.status = 'published'
                        AND a.start_at >= @from AND a.start_at < @to GROUP BY aa.scope_id`)
            .all({ from: fromIso, to: toIso }) as Row[]
        ).map((r) => [str(r.scope_id), Number(r.n)]),
      )
    return { all, byUnit: by('unit'), byGroup: by('group') }
  }

  async groupAttendance(fromIso: string, toIso: string) {
    const rows = this.db
      .prepare(
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
    const rows = this.db
      .prepare(
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
    const r = this.db
      .prepare(
        `SELECT COALESCE(SUM(h), 0) AS hours, COUNT(*) AS activities FROM (
           SELECT activity_id, SUM(hours) AS h FROM ledger l
           WHERE member_id = ? AND kind = 'volunteer' AND ${EFFECTIVE_AT('l')} >= ? AND ${EFFECTIVE_AT('l')} < ?
           GROUP BY activity_id HAVING SUM(hours) > 0)`,
      )
      .get(memberId, fromIso, toIso) as Row
    return { hours: Number(r.hours), activities: Number(r.activities) }
  }

  async certificateSubject(memberId: string) {
    const r = this.db
      .prepare('SELECT m.name, m.id_number, m.unit_id, u.name AS unit_name FROM members m JOIN units u ON u.id = m.unit_id WHERE m.id = ?')
      .get(memberId) as Row | undefined
    return r ? { name: str(r.name), idNumber: strOrNull(r.id_number), unitId: str(r.unit_id), unitName: str(r.unit_name) } : null
  }

  async reconcileCounters() {
    return this.db.transaction(() => {
      const periods = (select: string) => `
        WITH e AS (SELECT l.member_id, m.unit_id, l.kind, ${EFFECTIVE_AT('l')} AS created_at, l.points, l.hours,
                          CASE WHEN l.reverses_id IS NULL THEN 1 ELSE -1 END AS c
                   FROM ledger l JOIN members m ON m.id = l.member_id),
             p AS (SELECT *, ${MONTH('created_at')} AS period FROM e
                   UNION ALL SELECT *, ${QUARTER('created_at')} FROM e
                   UNION ALL SELECT *, ${YEAR('created_at')} FROM e)
        ${select}`
      const memberRows = this.db
        .prepare(periods(`SELECT member_id AS id, period, kind, SUM(points) AS points, SUM(hours) AS hours, SUM(c) AS credits, MAX(created_at) AS last_at FROM p GROUP BY 1, 2, 3`))
        .all() as Row[]
      const unitRows = this.db
        .prepare(periods(`SELECT unit_id AS id, period, kind, SUM(points) AS points, SUM(hours) AS hours, SUM(c) AS credits FROM p GROUP BY 1, 2, 3`))
        .all() as Row[]
      const drift = [
        ...this.diff('member', memberRows, this.db.prepare('SELECT member_id AS id, period, kind, points, hours, credits, last_at FROM member_counters').all() as Row[]),
        ...this.diff('unit', unitRows, this.db.prepare('SELECT unit_id AS id, period, kind, points, hours, credits FROM unit_counters').all() as Row[]),
      ]
      if (drift.some((d) => d.scope === 'member')) {
        this.db.prepare('DELETE FROM member_counters').run()
        const ins = this.db.prepare('INSERT INTO member_counters (member_id, period, kind, points, hours, credits, last_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        for (const r of memberRows) ins.run(r.id, r.period, r.kind, r.points, r.hours, r.credits, r.last_at)
      }
      if (drift.some((d) => d.scope === 'unit')) {
        this.db.prepare('DELETE FROM unit_counters').run()
        const ins = this.db.prepare('INSERT INTO unit_counters (unit_id, period, kind, points, hours, credits) VALUES (?, ?, ?, ?, ?, ?)')
        for (const r of unitRows) ins.run(r.id, r.period, r.kind, r.points, r.hours, r.credits)
      }
      return { checked: memberRows.length + unitRows.length, drift }
    }).immediate()
  }

  private diff(scope: 'member' | 'unit', expected: Row[], stored: Row[]): CounterDrift[] {
    const key = (r: Row) => `${r.id}|${r.period}|${r.kind}`
    const have = new Map(stored.map((r) => [key(r), r]))
    const out: CounterDrift[] = []
    const near = (a: unknown, b: unknown) => Math.abs(Number(a) - Number(b)) < 1e-6
    for (const e of expected) {
      const s = have.get(key(e))
      have.delete(key(e))
      const base = { scope, id: str(e.id), period: str(e.period), kind: str(e.kind) }
      if (!s) {
        out.push({ ...base, field: 'missing', was: 0, now: Number(e.points) })
        continue
      }
      for (const f of ['points', 'hours', 'credits'] as const)
        if (!near(s[f], e[f])) out.push({ ...base, field: f, was: Number(s[f]), now: Number(e[f]) })
      // When the score last moved breaks leaderboard ties, so it must be right too.
      if (scope === 'member' && (s.last_at ?? null) !== (e.last_at ?? null))
        out.push({ ...base, field: 'lastAt', was: Date.parse(str(s.last_at ?? '')) || 0, now: Date.parse(str(e.last_at ?? '')) || 0 })
    }
    for (const s of have.values()) {
      // A stored row the ledger does not explain; all-zero rows (a credit and its reversal) are harmless.
      if (!near(s.points, 0) || !near(s.hours, 0) || !near(s.credits, 0))
        out.push({ scope, id: str(s.id), period: str(s.period), kind: str(s.kind), field: 'extra', was: Number(s.points), now: 0 })
    }
    return out
  }

  async insertSnapshot(s: Snapshot) {
    this.db
      .prepare('INSERT INTO snapshots (id, period, rules_json, entries_json, frozen_by, frozen_at, notice_until) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(s.id, s.period, JSON.stringify(s.rules), JSON.stringify(s.entries), s.frozenBy, s.frozenAt, s.noticeUntil)
  }

  async latestSnapshot(period?: string) {
    const r = this.db
      .prepare('SELECT * FROM snapshots WHERE (? IS NULL OR period = ?) ORDER BY frozen_at DESC LIMIT 1')
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
      this.db.prepare('SELECT * FROM certificates WHERE member_id = ? AND period = ? AND hours = ?').get(memberId, period, hours) as Row | undefined,
    )
  }

  async certificateBySerial(serial: string) {
    return this.toCertificate(this.db.prepare('SELECT * FROM certificates WHERE serial = ?').get(serial) as Row | undefined)
  }

  async insertCertificate(c: Omit<Certificate, 'serial'>) {
    return this.db.transaction((): Certificate => {
      // Two requests for the same certificate at once: the second gets the first's.
      const existing = this.db.prepare('SELECT * FROM certificates WHERE member_id = ? AND period = ? AND hours = ?').get(c.memberId, c.period, c.hours) as Row | undefined
      if (existing) return this.toCertificate(existing) as Certificate
      const year = c.issuedAt.slice(0, 4)
      const { n } = this.db.prepare('SELECT COUNT(*) AS n FROM certificates WHERE serial LIKE ?').get(`ZY${year}%`) as { n: number }
      const cert = { ...c, serial: `ZY${year}${String(n + 1).padStart(6, '0')}`, verifyCode: c.verifyCode || randomBytes(4).toString('hex').toUpperCase() }
      this.db
        .prepare(
          `INSERT INTO certificates (serial, member_id, period, hours, activities, issuing_unit, verify_code, issued_at, issued_by)
           VALUES (@serial, @memberId, @period, @hours, @activities, @issuingUnit, @verifyCode, @issuedAt, @issuedBy)`,
        )
        .run(cert)
      return cert
    }).immediate()
  }

  async policyVersions(): Promise<PolicyVersion[]> {
    return (this.db.prepare('SELECT * FROM policy_versions ORDER BY effective_from, seq').all() as Row[]).map((r) => ({
      seq: Number(r.seq),
      effectiveFrom: str(r.effective_from),
      policy: JSON.parse(str(r.policy_json)) as unknown,
      createdBy: str(r.created_by),
      createdAt: str(r.created_at),
    }))
  }

  async insertPolicyVersion(v: Omit<PolicyVersion, 'seq'>) {
    this.db
      .prepare('INSERT INTO policy_versions (effective_from, policy_json, created_by, created_at) VALUES (?, ?, ?, ?)')
      .run(v.effectiveFrom, JSON.stringify(v.policy), v.createdBy, v.createdAt)
  }
}
