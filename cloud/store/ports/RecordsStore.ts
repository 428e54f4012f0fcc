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

/** Records kept once written: selection snapshots, certificates and policy versions. */
export interface RecordsStore {
  insertSnapshot(s: Snapshot): Promise<void>
  latestSnapshot(period?: string): Promise<Snapshot | null>
  findCertificate(memberId: string, period: string, hours: number): Promise<Certificate | null>
  certificateBySerial(serial: string): Promise<Certificate | null>
  /** Numbered per year; a concurrent twin (same member, period and hours) gets the first one. */
  insertCertificate(c: Omit<Certificate, 'serial'>): Promise<Certificate>
  /** Every version, by the date it takes effect. */
  policyVersions(): Promise<PolicyVersion[]>
  /** Add a version; every version afterwards, as `policyVersions` lists them. */
  insertPolicyVersion(v: Omit<PolicyVersion, 'seq'>): Promise<PolicyVersion[]>
}
