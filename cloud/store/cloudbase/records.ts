/**
 * Selection snapshots and the objections to them, volunteer certificates and policy versions on
 * CloudBase. Free-form values (snapshot rules and entries, policies) are stored as JSON text.
 */
import { randomBytes } from 'node:crypto'
import type { Objection, ObjectionStatus } from '../../contract/model'
import type { Certificate, ObjectionResolution, PolicyVersion, RecordsStore, Snapshot } from '../Store'
import { type Db, nextSeq } from './access'
import { COL, ids } from './collections'
import { num, str, strOrNull } from './documents'
import type { Doc } from './sdk'

/** An objection's entry in its `_id` and slot: the member objected to, or `*` for the whole list. */
const entryKeyOf = (memberId: string | null) => memberId ?? '*'

function toObjection(d: Doc): Objection {
  return {
    id: str(d._id),
    snapshotId: str(d.snapshotId),
    period: str(d.period),
    memberId: strOrNull(d.memberId),
    memberName: strOrNull(d.memberName),
    objectorId: str(d.objectorId),
    objectorName: str(d.objectorName),
    reason: str(d.reason),
    filedAt: str(d.filedAt),
    status: str(d.status) as ObjectionStatus,
    resolvedBy: strOrNull(d.resolvedBy),
    resolverName: strOrNull(d.resolverName),
    comment: strOrNull(d.comment),
    resolvedAt: strOrNull(d.resolvedAt),
  }
}

const parse = (v: unknown): unknown => JSON.parse(typeof v === 'string' ? v : 'null') as unknown

function toCertificate(d: Doc): Certificate {
  return {
    serial: str(d.serial),
    memberId: str(d.memberId),
    period: str(d.period),
    hours: num(d.hours),
    activities: num(d.activities),
    issuingUnit: str(d.issuingUnit),
    verifyCode: str(d.verifyCode),
    issuedAt: str(d.issuedAt),
    issuedBy: str(d.issuedBy),
  }
}

export class Records implements RecordsStore {
  constructor(private readonly db: Db) {}

  async insertSnapshot(s: Snapshot) {
    await this.db.coll(COL.snapshots).add({
      data: { _id: s.id, period: s.period, rulesJson: JSON.stringify(s.rules), entriesJson: JSON.stringify(s.entries), frozenBy: s.frozenBy, frozenAt: s.frozenAt, noticeUntil: s.noticeUntil },
    })
  }

  async latestSnapshot(period?: string): Promise<Snapshot | null> {
    const q = period === undefined ? this.db.coll(COL.snapshots) : this.db.coll(COL.snapshots).where({ period })
    const { data } = await q.orderBy('frozenAt', 'desc').limit(1).get()
    const r = data[0]
    if (!r) return null
    const entries = parse(r.entriesJson)
    return { id: str(r._id), period: str(r.period), rules: parse(r.rulesJson), entries: Array.isArray(entries) ? entries : [], frozenBy: str(r.frozenBy), frozenAt: str(r.frozenAt), noticeUntil: str(r.noticeUntil) }
  }

  /**
   * One pending objection per objector, list and entry: each one's `_id` counts attempts, and a new
   * attempt is allowed only once the latest is resolved, so two at once race for one `_id`.
   */
  async insertObjection(o: Parameters<RecordsStore['insertObjection']>[0]): Promise<Objection | null> {
    const entryKey = entryKeyOf(o.memberId)
    const { data } = await this.db.coll(COL.objections).where({ snapshotId: o.snapshotId, objectorId: o.objectorId, entryKey }).orderBy('attempt', 'desc').limit(1).get()
    const latest = data[0]
    if (latest && latest.status === 'pending') return null
    const attempt = (latest ? num(latest.attempt) : 0) + 1
    const id = ids.objection(o.snapshotId, o.objectorId, entryKey, attempt)
    const made: Objection = { ...o, id, status: 'pending', resolvedBy: null, resolverName: null, comment: null, resolvedAt: null }
    const { id: _id, ...fields } = made
    return (await this.db.addOnce(COL.objections, id, { ...fields, entryKey, attempt })) ? made : null
  }

  async objectionsOf(period: string): Promise<Objection[]> {
    return (await this.db.all(COL.objections, { period }, [['filedAt', 'asc']])).map(toObjection)
  }

  async getObjection(id: string): Promise<Objection | null> {
    const d = await this.db.read(COL.objections, id)
    return d ? toObjection(d) : null
  }

  /** Through the `resolved` index: a pending objection has no resolvedAt, so the range leaves it out. */
  async objectionsResolvedBetween(fromIso: string, toIso: string): Promise<Objection[]> {
    const _ = this.db._
    const rows = await this.db.all(COL.objections, { resolvedAt: _.gte(fromIso).and(_.lt(toIso)) }, [['resolvedAt', 'asc']])
    return rows.map(toObjection).sort((x, y) => (x.resolvedAt ?? '').localeCompare(y.resolvedAt ?? '') || x.id.localeCompare(y.id))
  }

  /** A transaction on the objection: resolved once, whoever else tries at the same time. */
  async resolveObjection(id: string, r: ObjectionResolution): Promise<Objection | null> {
    return this.db.transact(async (t) => {
      const d = await this.db.txRead(t, COL.objections, id)
      if (!d || d.status !== 'pending') return null
      const change = { status: r.status, resolvedBy: r.resolvedBy, resolverName: r.resolverName, comment: r.comment, resolvedAt: r.resolvedAt }
      await t.collection(COL.objections).doc(id).update({ data: change })
      return toObjection({ ...d, ...change, _id: id })
    })
  }

  async findCertificate(memberId: string, period: string, hours: number) {
    const d = await this.db.read(COL.certificates, ids.certificate(memberId, period, hours))
    return d ? toCertificate(d) : null
  }

  async certificateBySerial(serial: string) {
    const { data } = await this.db.coll(COL.certificates).where({ serial }).limit(1).get()
    return data[0] ? toCertificate(data[0]) : null
  }

  /**
   * Serials count up per year on a sequence record (one transaction); the certificate's `_id` is
   * its member, period and hours, so a concurrent twin finds the first one instead of a second.
   */
  async insertCertificate(c: Omit<Certificate, 'serial'>): Promise<Certificate> {
    const year = c.issuedAt.slice(0, 4)
    const n = await this.db.transact(async (t) => {
      const seq = await this.db.txRead(t, COL.sequences, `certificate:${year}`)
      const next = num(seq?.n) + 1
      await t.collection(COL.sequences).doc(`certificate:${year}`).set({ data: { n: next } })
      return next
    })
    const cert: Certificate = { ...c, serial: `ZY${year}${String(n).padStart(6, '0')}`, verifyCode: c.verifyCode || randomBytes(4).toString('hex').toUpperCase() }
    const id = ids.certificate(c.memberId, c.period, c.hours)
    if (await this.db.addOnce(COL.certificates, id, { ...cert })) return cert
    const existing = await this.db.read(COL.certificates, id)
    return existing ? toCertificate(existing) : cert
  }

  async policyVersions(): Promise<PolicyVersion[]> {
    const rows = await this.db.all(COL.policyVersions, null, [
      ['effectiveFrom', 'asc'],
      ['seq', 'asc'],
    ])
    return rows.map((r) => ({ seq: num(r.seq), effectiveFrom: str(r.effectiveFrom), policy: parse(r.policyJson), createdBy: str(r.createdBy), createdAt: str(r.createdAt) }))
  }

  /** Every version afterwards, read right after the insert (not in one transaction: CloudBase has none over a collection). */
  async insertPolicyVersion(v: Omit<PolicyVersion, 'seq'>) {
    await this.db.coll(COL.policyVersions).add({ data: { seq: nextSeq(), effectiveFrom: v.effectiveFrom, policyJson: JSON.stringify(v.policy), createdBy: v.createdBy, createdAt: v.createdAt } })
    return this.policyVersions()
  }
}
