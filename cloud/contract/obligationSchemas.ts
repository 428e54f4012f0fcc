/** Inputs of the targets' actions (stats function): dashboards, targets, the records that meet them, evidence. */
import { z } from 'zod'
import { comment, empty, id, isoTime, periodKey } from './fields'
import { EVIDENCE, EVIDENCE_BASE64_MAX, OBLIGATION_LIMITS, POLICY_RANGES } from './limits'
import { APPRAISAL_GRADES, BRANCH_GRADES, CADRE_RANKS, DUTY_LEVELS, MEETING_TYPES, RHYTHMS, TARGET_KINDS, TEXT_LIMITS } from './vocabulary'

const dayKey = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 2026-12-31' })
const yearKey = z.string().trim().regex(/^\d{4}$/, { error: '年度格式应为 2026' })
const evidenceIds = z.array(id).max(EVIDENCE.maxPerRecord, { error: `附件不超过 ${EVIDENCE.maxPerRecord} 个` }).default([])
const longText = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不超过 ${max} 字` })

/** The obligations engine: targets of the plan, the records that meet them, dashboards and the upward report. */
export const obligations = {
  /**
   * Targets × units of the city (or × branches of `unitId`) for a period; with `targetId` and
   * `scopeId` (a unit or branch id) also that cell's items with names and evidence.
   */
  obligations: z.object({ period: periodKey, unitId: id.optional(), targetId: id.optional(), scopeId: id.optional() }),
  /** Each target's share met at the end of every month of a year, for the city or one unit. */
  obligationTrend: z.object({ year: yearKey.optional(), unitId: id.optional() }),
  targets: empty,
  /** Add a target of an existing kind (no `id`), or change one; built-in targets can be switched off, not removed. */
  setTarget: z.object({
    id: id.optional(),
    kind: z.enum(TARGET_KINDS, { error: '目标类型不正确' }),
    name: longText('目标名称', TEXT_LIMITS.targetName),
    description: z.string().trim().max(TEXT_LIMITS.targetDescription, { error: `说明不超过 ${TEXT_LIMITS.targetDescription} 字` }).default(''),
    rhythm: z.enum(RHYTHMS, { error: '周期应为 每月/每季度/每半年/每年' }),
    deadline: dayKey.nullable().default(null),
    unitIds: z.array(id).min(1, { error: '请至少选择一个单位，或选择全部单位' }).max(500).nullable().default(null),
    params: z
      .object({
        ageLimit: z.number().int().min(POLICY_RANGES.youthAgeLimit.min).max(POLICY_RANGES.youthAgeLimit.max).optional(),
        monthDeadlineDay: z.number().int().min(1, { error: '每月截止日应在 1–28 日' }).max(28, { error: '每月截止日应在 1–28 日' }).optional(),
        meetingTypes: z.array(z.enum(MEETING_TYPES)).min(1, { error: '请至少选择一种会议' }).optional(),
        minRank: z.enum(CADRE_RANKS).optional(),
        minGrade: z.enum(BRANCH_GRADES).optional(),
        modelsPerUnit: z.number().int().min(0).max(20).optional(),
        levels: z.array(z.enum(DUTY_LEVELS)).min(1, { error: '请至少选择一类书记' }).optional(),
      })
      .strict()
      .default({}),
    active: z.boolean().default(true),
  }),
  /** The upward report (记实建档) of a unit or the city: one XLSX workbook. */
  report: z.object({ period: periodKey, unitId: id.optional() }),
  /** The same report's summary, for the printable page. */
  reportSummary: z.object({ period: periodKey, unitId: id.optional() }),

  /** A unit's 民主生活会 for a year and who from the 工委 attended. */
  democraticMeetings: z.object({ year: yearKey.optional(), unitId: id.optional() }),
  recordDemocraticMeeting: z.object({
    unitId: id,
    heldAt: isoTime,
    topic: longText('会议主题', TEXT_LIMITS.title),
    attendeeName: z.string().trim().max(TEXT_LIMITS.personName, { error: `姓名不超过 ${TEXT_LIMITS.personName} 字` }).nullable().default(null),
    attendeePost: z.string().trim().max(TEXT_LIMITS.orgName, { error: `职务不超过 ${TEXT_LIMITS.orgName} 字` }).nullable().default(null),
    evidence: evidenceIds,
  }),
  /** The standard-branch checklist and its grade thresholds. */
  checklist: empty,
  setChecklist: z.object({
    criteria: z
      .array(
        z.object({
          id: id.optional(),
          text: longText('考评内容', TEXT_LIMITS.criterion),
          maxScore: z.number().int().min(1, { error: '分值至少 1 分' }).max(OBLIGATION_LIMITS.criterionMaxScore, { error: `分值不超过 ${OBLIGATION_LIMITS.criterionMaxScore} 分` }),
        }),
      )
      .min(1, { error: '请至少保留一项考评内容' })
      .max(OBLIGATION_LIMITS.criteria, { error: `考评内容不超过 ${OBLIGATION_LIMITS.criteria} 项` }),
    thresholds: z
      .object({ standard: z.number().min(0).max(1), model: z.number().min(0).max(1), exemplary: z.number().min(0).max(1) })
      .refine((t) => t.standard <= t.model && t.model <= t.exemplary, { error: '分数线应为 标准 ≤ 样板 ≤ 示范' }),
  }),
  /** Branches' checklist scores of a year, of one unit or every unit the caller may see. */
  branchScores: z.object({ year: yearKey.optional(), unitId: id.optional() }),
  scoreBranch: z.object({
    branchId: id,
    year: yearKey,
    scores: z
      .array(
        z.object({
          criterionId: id,
          score: z.number().min(0, { error: '得分不能为负' }),
          note: z.string().trim().max(TEXT_LIMITS.reason, { error: `说明不超过 ${TEXT_LIMITS.reason} 字` }).nullable().default(null),
          evidence: evidenceIds,
        }),
      )
      .min(1, { error: '请逐项打分' })
      .max(OBLIGATION_LIMITS.criteria),
  }),
  /** Secretaries' 述职 reports of a year, of one unit or every unit the caller may see. */
  dutyReports: z.object({ year: yearKey.optional(), unitId: id.optional() }),
  submitDutyReport: z.object({
    level: z.enum(DUTY_LEVELS, { error: '述职类别应为 机关党委书记 或 党支部书记' }),
    subjectId: id,
    year: yearKey,
    reporterName: longText('述职人姓名', TEXT_LIMITS.personName),
    text: longText('述职报告', TEXT_LIMITS.dutyReport),
    evidence: evidenceIds,
  }),
  appraiseDutyReport: z.object({
    reportId: id,
    grade: z.enum(APPRAISAL_GRADES, { error: '评议等次应为 好/较好/一般/差' }),
    comment: comment.nullable().default(null),
  }),
  /**
   * Keep an evidence file (image or PDF, base64) for a record of `unitId` about to be saved; answers
   * its id. Those who may see that unit's records may read it.
   */
  uploadEvidence: z.object({
    unitId: id,
    name: z.string().trim().min(1, { error: '缺少文件名' }).max(TEXT_LIMITS.title, { error: `文件名不超过 ${TEXT_LIMITS.title} 字` }),
    mime: z.enum(EVIDENCE.mimes, { error: '只能上传 JPG、PNG、WebP 图片或 PDF 文件' }),
    data: z
      .string({ error: '缺少文件内容' })
      .min(1, { error: '文件为空' })
      .max(EVIDENCE_BASE64_MAX, { error: `文件过大（上限 ${Math.round(EVIDENCE.maxBytes / 1_000_000)} MB），请压缩后再传` }),
  }),
  /** An evidence file, base64, to whoever may see the record it backs. */
  evidence: z.object({ id }),
}

