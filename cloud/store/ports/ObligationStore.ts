import type { BranchScore, Checklist, DemocraticMeeting, DutyReport, EvidenceFile, Target } from '../../contract/obligations'
import type { AppraisalGrade, CadreRank } from '../../contract/vocabulary'
import type { ObligationOrg, RhythmMeeting, TrainingInput, YouthGroupInput } from '../../domain/obligations/inputs'

/**
 * The obligations engine's records (targets the city saved, the checklist, branch scores,
 * 民主生活会, 述职 reports, evidence files) and the reads its evaluators need across the city.
 */
export interface ObligationStore {
  /** Targets the city admin saved (built-in ones tuned, and added ones); the domain merges in the defaults. */
  savedTargets(): Promise<Target[]>
  /** Insert or replace a target by id. */
  saveTarget(t: Target): Promise<void>
  /** The city's checklist; null until first saved (the domain's default applies). */
  getChecklist(): Promise<Checklist | null>
  saveChecklist(c: Checklist): Promise<void>

  /** Branch scores of a year, of these units (null: every unit). */
  branchScores(year: string, unitIds: string[] | null): Promise<BranchScore[]>
  /** Insert or replace the score of (branchId, year). */
  saveBranchScore(s: BranchScore): Promise<void>

  /** 民主生活会 held in [fromIso, toIso), of these units (null: every unit), oldest first. */
  democraticMeetings(fromIso: string, toIso: string, unitIds: string[] | null): Promise<DemocraticMeeting[]>
  insertDemocraticMeeting(m: Omit<DemocraticMeeting, 'id'>): Promise<DemocraticMeeting>

  /** 述职 reports of a year, of these units (null: every unit). */
  dutyReports(year: string, unitIds: string[] | null): Promise<DutyReport[]>
  getDutyReport(id: string): Promise<DutyReport | null>
  /**
   * Insert the report of (level, subjectId, year), or replace its text, reporter and evidence while it
   * is not appraised (the id stays). StoreError `conflict` once it has been appraised.
   */
  saveDutyReport(r: Omit<DutyReport, 'id' | 'grade' | 'comment' | 'appraisedBy' | 'appraisedAt'>): Promise<DutyReport>
  /** Appraise a report not yet appraised; StoreError `conflict` if it was meanwhile, `notFound` if missing. */
  appraiseDutyReport(id: string, a: { grade: AppraisalGrade; comment: string | null; appraisedBy: string; appraisedAt: string }): Promise<DutyReport>

  /** Keep an evidence file (checked and size-limited by the caller) under a new id. */
  putEvidence(f: Omit<EvidenceFile, 'id' | 'size'> & { bytes: Uint8Array }): Promise<{ id: string }>
  getEvidence(id: string): Promise<(EvidenceFile & { bytes: Uint8Array }) | null>
  /** What these evidence files are (no bytes); unknown ids are left out. */
  evidenceFiles(ids: string[]): Promise<EvidenceFile[]>

  /** Units, branches (with when they were set up) and 党小组 in use, and the branches' secretaries. */
  obligationOrg(): Promise<ObligationOrg>
  /** Active members with a birth date making them youth on `day` (at most `ageLimit`), their groups and the groups' sessions in [fromIso, toIso). */
  youthGroupData(day: string, ageLimit: number, fromIso: string, toIso: string): Promise<Omit<YouthGroupInput, 'policyAgeLimit'>>
  /** Published branch meetings that started in [fromIso, toIso), every unit, with their records' filing. */
  rhythmMeetings(fromIso: string, toIso: string): Promise<RhythmMeeting[]>
  /** Active members of these cadre ranks. */
  cadres(ranks: CadreRank[]): Promise<TrainingInput['cadres']>
  /**
   * Per member, their first counted attendance (a check-in whose credit is not reversed, a make-up
   * included) of a published activity that serves the target.
   */
  trainingAttendance(targetId: string): Promise<TrainingInput['attended']>
}
