/** Selection snapshots and the objections to them, volunteer certificates and policy versions on SQLite. */
import { randomBytes } from 'node:crypto'
import type { Objection, ObjectionStatus } from '../../contract/model'
import { newId } from '../ids'
import type { Certificate, ObjectionResolution, PolicyVersion, RecordsStore, Snapshot } from '../Store'
import { ConnPart } from './part'
import { type Row, str, strOrNull } from './rows'

const toObjection = (r: Row): Objection => ({
  id: str(r.id),
  snapshotId: str(r.snapshot_id),
  period: str(r.period),
  memberId: strOrNull(r.member_id),
  memberName: strOrNull(r.member_name),
  objectorId: str(r.objector_id),
  objectorName: str(r.objector_name),
  reason: str(r.reason),
  filedAt: str(r.filed_at),
  status: str(r.status) as ObjectionStatus,
  resolvedBy: strOrNull(r.resolved_by),
  resolverName: strOrNull(r.resolver_name),
  comment: strOrNull(r.comment),
  resolvedAt: strOrNull(r.resolved_at),
})

export class Records extends ConnPart implements RecordsStore {
  async insertSnapshot(s: Snapshot) {
    this.write(() => {
      this.sql('INSERT INTO snapshots (id, period, rules_json, entries_json, frozen_by, frozen_at, notice_until) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(s.id, s.period, JSON.stringify(s.rules), JSON.stringify(s.entries), s.frozenBy, s.frozenAt, s.noticeUntil)
    })
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

  async insertObjection(o: Parameters<RecordsStore['insertObjection']>[0]) {
    return this.write((): Objection | null => {
      const made: Objection = { ...o, id: newId(), status: 'pending', resolvedBy: null, resolverName: null, comment: null, resolvedAt: null }
      // objections_pending: a second pending one of the same objector, list and entry is not inserted.
      const { changes } = this.sql(
          `INSERT INTO objections (id, snapshot_id, period, member_id, member_name, objector_id, objector_name, reason, filed_at, status)
           VALUES (@id, @snapshotId, @period, @memberId, @memberName, @objectorId, @objectorName, @reason, @filedAt, 'pending')
           ON CONFLICT DO NOTHING`,
        )
        .run({ id: made.id, snapshotId: o.snapshotId, period: o.period, memberId: o.memberId, memberName: o.memberName, objectorId: o.objectorId, objectorName: o.objectorName, reason: o.reason, filedAt: o.filedAt })
      return changes === 1 ? made : null
    })
  }

  async objectionsOf(period: string) {
    return (this.sql('SELECT * FROM objections WHERE period = ? ORDER BY filed_at, id').all(period) as Row[]).map(toObjection)
  }

  async getObjection(id: string) {
    const r = this.sql('SELECT * FROM objections WHERE id = ?').get(id) as Row | undefined
    return r ? toObjection(r) : null
  }

  // No index on resolved_at: a year brings a handful of objections, and the reminder run reads them.
  async objectionsResolvedBetween(fromIso: string, toIso: string) {
    return (
      this.sql(`SELECT * FROM objections WHERE status <> 'pending' AND resolved_at >= ? AND resolved_at < ? ORDER BY resolved_at, id`).all(fromIso, toIso) as Row[]
    ).map(toObjection)
  }

  async resolveObjection(id: string, r: ObjectionResolution) {
    return this.write((): Objection | null => {
      const { changes } = this.sql(`UPDATE objections SET status = ?, resolved_by = ?, resolver_name = ?, comment = ?, resolved_at = ? WHERE id = ? AND status = 'pending'`)
        .run(r.status, r.resolvedBy, r.resolverName, r.comment, r.resolvedAt, id)
      return changes === 1 ? toObjection(this.sql('SELECT * FROM objections WHERE id = ?').get(id) as Row) : null
    })
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
    return this.versions()
  }

  private versions(): PolicyVersion[] {
    return (this.sql('SELECT * FROM policy_versions ORDER BY effective_from, seq').all() as Row[]).map((r) => ({
      seq: Number(r.seq),
      effectiveFrom: str(r.effective_from),
      policy: JSON.parse(str(r.policy_json)) as unknown,
      createdBy: str(r.created_by),
      createdAt: str(r.created_at),
    }))
  }

  async insertPolicyVersion(v: Omit<PolicyVersion, 'seq'>) {
    return this.write(() => {
      this.sql('INSERT INTO policy_versions (effective_from, policy_json, created_by, created_at) VALUES (?, ?, ?, ?)')
        .run(v.effectiveFrom, JSON.stringify(v.policy), v.createdBy, v.createdAt)
      return this.versions()
    })
  }
}
