/**
 * The obligations engine's records on SQLite: targets the city saved and its checklist (few, read
 * whole: JSON documents), branch scores, 民主生活会, 述职 reports, and evidence files (rows here,
 * bytes as files in a folder beside the database, as meeting photos are). The reads the evaluators
 * need across the city are in obligationReads.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import type { BranchScore, Checklist, CriterionScore, DemocraticMeeting, DutyReport, EvidenceFile, Target } from '../../contract/obligations'
import type { AppraisalGrade, BranchGrade, DutyLevel } from '../../contract/vocabulary'
import { StoreError } from '../errors'
import { newId } from '../ids'
import type { Conn } from './connection'
import { ConnPart } from './part'
import { type Row, str, strOrNull } from './rows'

const json = (xs: unknown) => JSON.stringify(xs)
/** Rows of these units, or of every unit when null: one SQL text for both. */
const unitParams = (unitIds: string[] | null) => ({ all: unitIds === null ? 1 : 0, unitIds: json(unitIds ?? []) })
const OF_UNITS = '(@all = 1 OR unit_id IN (SELECT value FROM json_each(@unitIds)))'

const toBranchScore = (r: Row): BranchScore => ({
  branchId: str(r.branch_id),
  unitId: str(r.unit_id),
  year: str(r.year),
  scores: JSON.parse(str(r.scores_json)) as CriterionScore[],
  total: Number(r.total),
  maxTotal: Number(r.max_total),
  grade: str(r.grade) as BranchGrade,
  scoredBy: str(r.scored_by),
  scoredAt: str(r.scored_at),
})

const toDemocraticMeeting = (r: Row): DemocraticMeeting => ({
  id: str(r.id),
  unitId: str(r.unit_id),
  heldAt: str(r.held_at),
  forPeriod: str(r.for_period),
  topic: str(r.topic),
  attendeeName: strOrNull(r.attendee_name),
  attendeePost: strOrNull(r.attendee_post),
  evidence: JSON.parse(str(r.evidence_json)) as string[],
  recordedBy: str(r.recorded_by),
  recordedAt: str(r.recorded_at),
})

const toDutyReport = (r: Row): DutyReport => ({
  id: str(r.id),
  level: str(r.level) as DutyLevel,
  subjectId: str(r.subject_id),
  unitId: str(r.unit_id),
  year: str(r.year),
  reporterName: str(r.reporter_name),
  text: str(r.text),
  evidence: JSON.parse(str(r.evidence_json)) as string[],
  submittedBy: str(r.submitted_by),
  submittedAt: str(r.submitted_at),
  grade: strOrNull(r.grade) as AppraisalGrade | null,
  comment: strOrNull(r.comment),
  appraisedBy: strOrNull(r.appraised_by),
  appraisedAt: strOrNull(r.appraised_at),
})

const toEvidenceFile = (r: Row): EvidenceFile => ({
  id: str(r.id),
  unitId: str(r.unit_id),
  mime: str(r.mime),
  name: str(r.name),
  size: Number(r.size),
  uploadedBy: str(r.uploaded_by),
  uploadedAt: str(r.uploaded_at),
})

export class ObligationRecords extends ConnPart {
  // ---- targets and the checklist ----

  async savedTargets(): Promise<Target[]> {
    return (this.sql('SELECT json FROM targets ORDER BY id').all() as Row[]).map((r) => JSON.parse(str(r.json)) as Target)
  }

  async saveTarget(t: Target): Promise<void> {
    this.write(() => this.sql('INSERT INTO targets (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json').run(t.id, json(t)))
  }

  async getChecklist(): Promise<Checklist | null> {
    const r = this.sql('SELECT json FROM checklist WHERE id = 1').get() as Row | undefined
    return r ? (JSON.parse(str(r.json)) as Checklist) : null
  }

  async saveChecklist(c: Checklist): Promise<void> {
    this.write(() => this.sql('INSERT INTO checklist (id, json) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json').run(json(c)))
  }

  // ---- branch scores ----

  async branchScores(year: string, unitIds: string[] | null): Promise<BranchScore[]> {
    const rows = this.sql(`SELECT * FROM branch_scores WHERE year = @year AND ${OF_UNITS} ORDER BY branch_id`).all({ year, ...unitParams(unitIds) }) as Row[]
    return rows.map(toBranchScore)
  }

  async saveBranchScore(s: BranchScore): Promise<void> {
    this.write(() =>
      this.sql(
          `INSERT INTO branch_scores (branch_id, year, unit_id, scores_json, total, max_total, grade, scored_by, scored_at)
           VALUES (@branchId, @year, @unitId, @scoresJson, @total, @maxTotal, @grade, @scoredBy, @scoredAt)
           ON CONFLICT(branch_id, year) DO UPDATE SET unit_id = excluded.unit_id, scores_json = excluded.scores_json, total = excluded.total,
             max_total = excluded.max_total, grade = excluded.grade, scored_by = excluded.scored_by, scored_at = excluded.scored_at`,
        )
        .run({ ...s, scoresJson: json(s.scores) }),
    )
  }

  // ---- 民主生活会 ----

  async democraticMeetings(fromIso: string, toIso: string, unitIds: string[] | null): Promise<DemocraticMeeting[]> {
    const rows = this.sql(
        `SELECT * FROM democratic_meetings WHERE held_at >= @from AND held_at < @to AND ${OF_UNITS} ORDER BY held_at, recorded_at, id`,
      )
      .all({ from: fromIso, to: toIso, ...unitParams(unitIds) }) as Row[]
    return rows.map(toDemocraticMeeting)
  }

  async insertDemocraticMeeting(m: Omit<DemocraticMeeting, 'id'>): Promise<DemocraticMeeting> {
    const meeting: DemocraticMeeting = { id: newId(), ...m, evidence: [...m.evidence] }
    // The write answers what it recorded: an audited caller's row names it.
    return this.write(() => {
      this.sql(
          `INSERT INTO democratic_meetings (id, unit_id, held_at, for_period, topic, attendee_name, attendee_post, evidence_json, recorded_by, recorded_at)
           VALUES (@id, @unitId, @heldAt, @forPeriod, @topic, @attendeeName, @attendeePost, @evidenceJson, @recordedBy, @recordedAt)`,
        )
        .run({ ...meeting, evidenceJson: json(meeting.evidence) })
      return meeting
    })
  }

  // ---- 述职 ----

  async dutyReports(year: string, unitIds: string[] | null): Promise<DutyReport[]> {
    const rows = this.sql(`SELECT * FROM duty_reports WHERE year = @year AND ${OF_UNITS} ORDER BY level, subject_id`).all({ year, ...unitParams(unitIds) }) as Row[]
    return rows.map(toDutyReport)
  }

  async getDutyReport(id: string): Promise<DutyReport | null> {
    const r = this.sql('SELECT * FROM duty_reports WHERE id = ?').get(id) as Row | undefined
    return r ? toDutyReport(r) : null
  }

  /** Read and write in one transaction: an appraisal cannot land between the check and the change. */
  async saveDutyReport(r: Omit<DutyReport, 'id' | 'grade' | 'comment' | 'appraisedBy' | 'appraisedAt'>): Promise<DutyReport> {
    const params = { ...r, evidenceJson: json(r.evidence) }
    return this.write(() => {
      const held = this.sql('SELECT id, grade FROM duty_reports WHERE level = @level AND subject_id = @subjectId AND year = @year').get(params) as Row | undefined
      if (held && held.grade !== null) throw new StoreError('conflict')
      const id = held ? str(held.id) : newId()
      if (held)
        this.sql(
            `UPDATE duty_reports SET reporter_name = @reporterName, text = @text, evidence_json = @evidenceJson, submitted_by = @submittedBy,
               submitted_at = @submittedAt
             WHERE id = @id`,
          )
          .run({ ...params, id })
      else
        this.sql(
            `INSERT INTO duty_reports (id, level, subject_id, unit_id, year, reporter_name, text, evidence_json, submitted_by, submitted_at)
             VALUES (@id, @level, @subjectId, @unitId, @year, @reporterName, @text, @evidenceJson, @submittedBy, @submittedAt)`,
          )
          .run({ ...params, id })
      return toDutyReport(this.sql('SELECT * FROM duty_reports WHERE id = ?').get(id) as Row)
    })
  }

  async appraiseDutyReport(id: string, a: { grade: AppraisalGrade; comment: string | null; appraisedBy: string; appraisedAt: string }): Promise<DutyReport> {
    return this.write(() => {
      const held = this.sql('SELECT grade FROM duty_reports WHERE id = ?').get(id) as Row | undefined
      if (!held) throw new StoreError('notFound', 'dutyReport')
      if (held.grade !== null) throw new StoreError('conflict')
      this.sql('UPDATE duty_reports SET grade = @grade, comment = @comment, appraised_by = @appraisedBy, appraised_at = @appraisedAt WHERE id = @id').run({ ...a, id })
      return toDutyReport(this.sql('SELECT * FROM duty_reports WHERE id = ?').get(id) as Row)
    })
  }
}

export class EvidenceFiles extends ConnPart {
  private readonly dir: string
  /** An in-memory database's files live as long as it does. */
  private readonly temporary: boolean

  /** The evidence of the database in `file`: in `evidence/` beside it, or a fresh folder for an in-memory one. */
  constructor(c: Conn, file: string) {
    super(c)
    this.temporary = file === ':memory:' || file === ''
    this.dir = this.temporary ? mkdtempSync(join(tmpdir(), 'party-checkin-evidence-')) : join(dirname(resolve(file)), 'evidence')
  }

  close(): void {
    if (this.temporary) rmSync(this.dir, { recursive: true, force: true })
  }

  async putEvidence(f: Omit<EvidenceFile, 'id' | 'size'> & { bytes: Uint8Array }): Promise<{ id: string }> {
    const id = newId()
    // ids are base64url: safe as file names.
    const fileName = `${id}.bin`
    mkdirSync(this.dir, { recursive: true })
    // The file first: a row never points at bytes that are not there.
    writeFileSync(join(this.dir, fileName), f.bytes)
    return this.write(() => {
      this.sql('INSERT INTO evidence_files (id, unit_id, mime, name, size, file_name, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, f.unitId, f.mime, f.name, f.bytes.byteLength, fileName, f.uploadedBy, f.uploadedAt)
      return { id }
    })
  }

  async getEvidence(id: string): Promise<(EvidenceFile & { bytes: Uint8Array }) | null> {
    const r = this.sql('SELECT * FROM evidence_files WHERE id = ?').get(id) as Row | undefined
    if (!r) return null
    const bytes = readFileSync(join(this.dir, str(r.file_name)))
    return { ...toEvidenceFile(r), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }
  }

  /** In the order asked, each once. */
  async evidenceFiles(ids: string[]): Promise<EvidenceFile[]> {
    if (ids.length === 0) return []
    const rows = this.sql('SELECT * FROM evidence_files WHERE id IN (SELECT value FROM json_each(?))').all(json(ids)) as Row[]
    const found = new Map(rows.map((r) => [str(r.id), toEvidenceFile(r)]))
    return [...new Set(ids)].flatMap((id) => found.get(id) ?? [])
  }
}
