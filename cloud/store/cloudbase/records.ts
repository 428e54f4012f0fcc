/**
 * Selection snapshots, volunteer certificates and policy versions on CloudBase. Free-form values
 * (snapshot rules and entries, policies) are stored as JSON text.
 */
import { randomBytes } from 'node:crypto'
import type { Certificate, PolicyVersion, RecordsStore, Snapshot } from '../Store'
import { type Db, nextSeq } from './access'
import { COL, ids } from './collections'
import { num, str } from './documents'
import type { Doc } from './sdk'

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
