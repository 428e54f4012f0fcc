/**
 * Reconcile on SQLite: recompute the member and unit counters from the ledger, repair the ones
 * that differ and report each difference.
 */
import type { CounterDrift, CounterStore } from '../Store'
import { ConnPart } from './part'
import { type Row, str } from './rows'
import { MONTH } from './sqlText'

/** Period keys as GLOB patterns, and a month key's quarter (`2026-05` → `2026-Q2`). */
const MONTH_KEY = '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
const QUARTER_KEY = '[0-9][0-9][0-9][0-9]-Q[1-4]'
const QUARTER_OF_MONTH = `substr(period, 1, 4) || '-Q' || ((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3)`

export class Reconciler extends ConnPart implements Pick<CounterStore, 'reconcileCounters'> {
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
}
