/**
 * The obligations engine's records on CloudBase: targets the city saved, the checklist, branch
 * scores, 民主生活会, 述职 reports and evidence files (the bytes in CloudBase storage, as photos.ts
 * keeps meeting photos). The reads the evaluators need across the city are obligationReads.ts.
 *
 * Keys make saves idempotent: a branch's score is `${branchId}:${year}`, a 述职 report
 * `${level}:${subjectId}:${year}` (with a stable public `id` of its own). A report changes only
 * while it has no grade, by a conditional update `where({ _id, grade: null })`, evaluated and applied
 * on one record at once, so a save racing an appraisal, or two appraisals, cannot both land.
 */
import type { BranchScore, Checklist, DemocraticMeeting, DutyReport, EvidenceFile, Target, TargetParams } from '../../contract/obligations'
import type { AppraisalGrade, BranchGrade, DutyLevel, Rhythm, TargetKind } from '../../contract/vocabulary'
import { StoreError } from '../errors'
import { newId } from '../ids'
import type { Db } from './access'
import { COL, ids } from './collections'
import { byText, docs, isDoc, num, str, strOrNull, strings } from './documents'
import type { CloudStorage, Doc } from './sdk'

const CHECKLIST_ID = 'city'
const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' }

// ---- documents ----

/** Params are free-form per kind: kept as JSON text, so a field left out stays left out. */
function toParams(v: unknown): TargetParams {
  const parsed = JSON.parse(typeof v === 'string' ? v : '{}') as unknown
  return isDoc(parsed) ? (parsed as TargetParams) : {}
}

const targetDoc = (t: Target): Doc => ({
  kind: t.kind,
  name: t.name,
  description: t.description,
  rhythm: t.rhythm,
  deadline: t.deadline,
  unitIds: t.unitIds ? [...t.unitIds] : null,
  paramsJson: JSON.stringify(t.params),
  active: t.active,
  builtIn: t.builtIn,
  updatedAt: t.updatedAt,
  updatedBy: t.updatedBy,
})

const toTarget = (d: Doc): Target => ({
  id: str(d._id),
  kind: str(d.kind) as TargetKind,
  name: str(d.name),
  description: str(d.description),
  rhythm: str(d.rhythm) as Rhythm,
  deadline: strOrNull(d.deadline),
  unitIds: Array.isArray(d.unitIds) ? strings(d.unitIds) : null,
  params: toParams(d.paramsJson),
  active: d.active === true,
  builtIn: d.builtIn === true,
  updatedAt: strOrNull(d.updatedAt),
  updatedBy: strOrNull(d.updatedBy),
})

function toChecklist(d: Doc): Checklist {
  const t = isDoc(d.thresholds) ? d.thresholds : {}
  return {
    criteria: docs(d.criteria).map((c) => ({ id: str(c.id), text: str(c.text), maxScore: num(c.maxScore) })),
    thresholds: { standard: num(t.standard), model: num(t.model), exemplary: num(t.exemplary) },
    updatedAt: strOrNull(d.updatedAt),
    updatedBy: strOrNull(d.updatedBy),
  }
}

const toBranchScore = (d: Doc): BranchScore => ({
  branchId: str(d.branchId),
  unitId: str(d.unitId),
  year: str(d.year),
  scores: docs(d.scores).map((s) => ({ criterionId: str(s.criterionId), score: num(s.score), note: strOrNull(s.note), evidence: strings(s.evidence) })),
  total: num(d.total),
  maxTotal: num(d.maxTotal),
  grade: str(d.grade) as BranchGrade,
  scoredBy: str(d.scoredBy),
  scoredAt: str(d.scoredAt),
})

const toDemocraticMeeting = (d: Doc): DemocraticMeeting => ({
  id: str(d._id),
  unitId: str(d.unitId),
  heldAt: str(d.heldAt),
  forPeriod: str(d.forPeriod),
  topic: str(d.topic),
  attendeeName: strOrNull(d.attendeeName),
  attendeePost: strOrNull(d.attendeePost),
  evidence: strings(d.evidence),
  recordedBy: str(d.recordedBy),
  recordedAt: str(d.recordedAt),
})

const dutyReportDoc = (r: DutyReport): Doc => ({ ...r, evidence: [...r.evidence] })

const toDutyReport = (d: Doc): DutyReport => ({
  id: str(d.id),
  level: str(d.level) as DutyLevel,
  subjectId: str(d.subjectId),
  unitId: str(d.unitId),
  year: str(d.year),
  reporterName: str(d.reporterName),
  text: str(d.text),
  evidence: strings(d.evidence),
  submittedBy: str(d.submittedBy),
  submittedAt: str(d.submittedAt),
  grade: d.grade ? (str(d.grade) as AppraisalGrade) : null,
  comment: strOrNull(d.comment),
  appraisedBy: strOrNull(d.appraisedBy),
  appraisedAt: strOrNull(d.appraisedAt),
})

const toEvidenceFile = (d: Doc): EvidenceFile => ({
  id: str(d._id),
  unitId: str(d.unitId),
  mime: str(d.mime),
  name: str(d.name),
  size: num(d.size),
  uploadedBy: str(d.uploadedBy),
  uploadedAt: str(d.uploadedAt),
})

const EVIDENCE_FIELDS = ['unitId', 'mime', 'name', 'size', 'uploadedBy', 'uploadedAt'] as const

export class ObligationRecords {
  constructor(
    private readonly db: Db,
    private readonly storage: CloudStorage | null,
  ) {}

  private files(): CloudStorage {
    if (!this.storage) throw new Error('CloudBaseStore was made without storage (options.storage): evidence files need cloud.uploadFile')
    return this.storage
  }

  /** Records of these units (null: every unit) matching `where`, `_.in` chunked. */
  private ofUnits(name: typeof COL.branchScores | typeof COL.dutyReports | typeof COL.democraticMeetings, where: Doc, unitIds: string[] | null): Promise<Doc[]> {
    return unitIds === null ? this.db.all(name, where) : this.db.allIn(name, 'unitId', unitIds, where)
  }

  // ---- targets and the checklist ----

  async savedTargets(): Promise<Target[]> {
    return (await this.db.all(COL.targets, null)).map(toTarget)
  }

  async saveTarget(t: Target): Promise<void> {
    await this.db.coll(COL.targets).doc(t.id).set({ data: targetDoc(t) })
  }

  async getChecklist(): Promise<Checklist | null> {
    const d = await this.db.read(COL.checklist, CHECKLIST_ID)
    return d ? toChecklist(d) : null
  }

  async saveChecklist(c: Checklist): Promise<void> {
    const data: Doc = {
      criteria: c.criteria.map((k) => ({ id: k.id, text: k.text, maxScore: k.maxScore })),
      thresholds: { standard: c.thresholds.standard, model: c.thresholds.model, exemplary: c.thresholds.exemplary },
      updatedAt: c.updatedAt,
      updatedBy: c.updatedBy,
    }
    await this.db.coll(COL.checklist).doc(CHECKLIST_ID).set({ data })
  }

  // ---- branch scores ----

  async branchScores(year: string, unitIds: string[] | null): Promise<BranchScore[]> {
    const rows = await this.ofUnits(COL.branchScores, { year }, unitIds)
    return rows.map(toBranchScore).sort((a, b) => byText(a.branchId, b.branchId))
  }

  async saveBranchScore(s: BranchScore): Promise<void> {
    const data: Doc = {
      ...s,
      scores: s.scores.map((c) => ({ criterionId: c.criterionId, score: c.score, note: c.note, evidence: [...c.evidence] })),
    }
    await this.db.coll(COL.branchScores).doc(ids.branchScore(s.branchId, s.year)).set({ data })
  }

  // ---- 民主生活会 ----

  async democraticMeetings(fromIso: string, toIso: string, unitIds: string[] | null): Promise<DemocraticMeeting[]> {
    const _ = this.db._
    const rows = await this.ofUnits(COL.democraticMeetings, { heldAt: _.gte(fromIso).and(_.lt(toIso)) }, unitIds)
    return rows.map(toDemocraticMeeting).sort((a, b) => byText(a.heldAt, b.heldAt) || byText(a.recordedAt, b.recordedAt) || byText(a.id, b.id))
  }

  async insertDemocraticMeeting(m: Omit<DemocraticMeeting, 'id'>): Promise<DemocraticMeeting> {
    const id = newId()
    await this.db.coll(COL.democraticMeetings).add({ data: { ...m, evidence: [...m.evidence], _id: id } })
    return { ...m, id }
  }

  // ---- 述职 ----

  async dutyReports(year: string, unitIds: string[] | null): Promise<DutyReport[]> {
    const rows = await this.ofUnits(COL.dutyReports, { year }, unitIds)
    return rows.map(toDutyReport).sort((a, b) => byText(a.level, b.level) || byText(a.subjectId, b.subjectId))
  }

  private async reportById(id: string): Promise<Doc | null> {
    const { data } = await this.db.coll(COL.dutyReports).where({ id }).limit(1).get()
    return data[0] ?? null
  }

  async getDutyReport(id: string): Promise<DutyReport | null> {
    const d = await this.reportById(id)
    return d ? toDutyReport(d) : null
  }

  /** Usually two round trips: the report's record by its key, then its insert or conditional update. */
  async saveDutyReport(r: Omit<DutyReport, 'id' | 'grade' | 'comment' | 'appraisedBy' | 'appraisedAt'>): Promise<DutyReport> {
    const key = ids.dutyReport(r.level, r.subjectId, r.year)
    let d = await this.db.read(COL.dutyReports, key)
    if (!d) {
      const fresh: DutyReport = { ...r, evidence: [...r.evidence], id: newId(), grade: null, comment: null, appraisedBy: null, appraisedAt: null }
      if (await this.db.addOnce(COL.dutyReports, key, dutyReportDoc(fresh))) return fresh
      // Submitted meanwhile by someone else: replace that one's text, as a second save would.
      d = await this.db.read(COL.dutyReports, key)
      if (!d) throw new StoreError('conflict')
    }
    if (d.grade) throw new StoreError('conflict')
    const change: Doc = { reporterName: r.reporterName, text: r.text, submittedBy: r.submittedBy, submittedAt: r.submittedAt }
    const { stats } = await this.db
      .coll(COL.dutyReports)
      .where({ _id: key, grade: null })
      .update({ data: { ...change, evidence: this.db._.set([...r.evidence]) } })
    if (stats.updated) return toDutyReport({ ...d, ...change, evidence: [...r.evidence] })
    // Nothing updated: the same text again (still unappraised), or appraised meanwhile.
    const now = await this.db.read(COL.dutyReports, key)
    if (!now || now.grade) throw new StoreError('conflict')
    return toDutyReport(now)
  }

  async appraiseDutyReport(id: string, a: { grade: AppraisalGrade; comment: string | null; appraisedBy: string; appraisedAt: string }): Promise<DutyReport> {
    const d = await this.reportById(id)
    if (!d) throw new StoreError('notFound', 'dutyReport')
    if (d.grade) throw new StoreError('conflict')
    const change: Doc = { grade: a.grade, comment: a.comment, appraisedBy: a.appraisedBy, appraisedAt: a.appraisedAt }
    const { stats } = await this.db
      .coll(COL.dutyReports)
      .where({ _id: str(d._id), grade: null })
      .update({ data: change })
    if (!stats.updated) throw new StoreError('conflict')
    return toDutyReport({ ...d, ...change })
  }

  // ---- evidence files ----

  /** The file is uploaded first: a crash before its record leaves a file nobody is shown, never a record without its file. */
  async putEvidence(f: Omit<EvidenceFile, 'id' | 'size'> & { bytes: Uint8Array }): Promise<{ id: string }> {
    const id = newId()
    const cloudPath = `evidence/${f.unitId}/${id}.${EXTENSION[f.mime] ?? 'bin'}`
    const { fileID } = await this.files().uploadFile({ cloudPath, fileContent: Buffer.from(f.bytes) })
    const data: Doc = { _id: id, unitId: f.unitId, mime: f.mime, name: f.name, size: f.bytes.byteLength, uploadedBy: f.uploadedBy, uploadedAt: f.uploadedAt, fileID }
    await this.db.coll(COL.evidenceFiles).add({ data })
    return { id }
  }

  async getEvidence(id: string): Promise<(EvidenceFile & { bytes: Uint8Array }) | null> {
    const d = await this.db.read(COL.evidenceFiles, id)
    if (!d) return null
    const { fileContent } = await this.files().downloadFile({ fileID: str(d.fileID) })
    return { ...toEvidenceFile(d), bytes: new Uint8Array(fileContent.buffer, fileContent.byteOffset, fileContent.byteLength) }
  }

  /** In the order asked, each once. */
  async evidenceFiles(idList: string[]): Promise<EvidenceFile[]> {
    const found = new Map((await this.db.allIn(COL.evidenceFiles, '_id', idList, {}, EVIDENCE_FIELDS)).map((d) => [str(d._id), toEvidenceFile(d)]))
    return [...new Set(idList)].flatMap((id) => found.get(id) ?? [])
  }
}
