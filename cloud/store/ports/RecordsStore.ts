import type { Objection, ObjectionOutcome } from '../../contract/model'

/** A frozen study-model selection (公示 list). */
export interface Snapshot {
  id: string
  period: string
  rules: unknown
  entries: unknown[]
  frozenBy: string
  frozenAt: string
  noticeUntil: string
}

/** A volunteer certificate (志愿服务证明). */
export interface Certificate {
  serial: string
  memberId: string
  period: string
  hours: number
  activities: number
  issuingUnit: string
  verifyCode: string
  issuedAt: string
  issuedBy: string
}

export interface PolicyVersion {
  seq: number
  effectiveFrom: string
  policy: unknown
  createdBy: string
  createdAt: string
}

/** How the city admin resolved an objection. */
export interface ObjectionResolution {
  status: ObjectionOutcome
  resolvedBy: string
  resolverName: string
  comment: string
  resolvedAt: string
}

/** Records kept once written: selection snapshots and the objections to them, certificates and policy versions. */
export interface RecordsStore {
  insertSnapshot(s: Snapshot): Promise<void>
  latestSnapshot(period?: string): Promise<Snapshot | null>
  /**
   * A new objection, pending; null when the objector has one pending about the same entry (or the
   * whole list) of the same list already: two at once, one is kept.
   */
  insertObjection(o: Omit<Objection, 'id' | 'status' | 'resolvedBy' | 'resolverName' | 'comment' | 'resolvedAt'>): Promise<Objection | null>
  /** Every objection to the lists of a period, oldest first. */
  objectionsOf(period: string): Promise<Objection[]>
  getObjection(id: string): Promise<Objection | null>
  /** Objections resolved (成立 or 不成立) in [fromIso, toIso), oldest ruling first: the objectors' reminders. */
  objectionsResolvedBetween(fromIso: string, toIso: string): Promise<Objection[]>
  /** Resolve a pending objection; null when it is missing or no longer pending (resolved meanwhile). */
  resolveObjection(id: string, r: ObjectionResolution): Promise<Objection | null>
  findCertificate(memberId: string, period: string, hours: number): Promise<Certificate | null>
  certificateBySerial(serial: string): Promise<Certificate | null>
  /** Numbered per year; a concurrent twin (same member, period and hours) gets the first one. */
  insertCertificate(c: Omit<Certificate, 'serial'>): Promise<Certificate>
  /** Every version, by the date it takes effect. */
  policyVersions(): Promise<PolicyVersion[]>
  /** Add a version; every version afterwards, as `policyVersions` lists them. */
  insertPolicyVersion(v: Omit<PolicyVersion, 'seq'>): Promise<PolicyVersion[]>
}
