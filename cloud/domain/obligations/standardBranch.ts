/**
 * 标准党支部: every branch is scored on the city's checklist each year and reaches at least the
 * target's grade; each unit has at least `modelsPerUnit` branches graded 样板 or better.
 */
import type { BranchScore, Checklist, CriterionScore, Evidence, ObligationItem, Target } from '../../contract/obligations'
import { BRANCH_GRADE_LABEL, BRANCH_GRADES, type BranchGrade } from '../../contract/vocabulary'
import type { Period } from '../period'
import { appliesTo, stateOf, type TargetWindow } from './engine'
import type { ObligationOrg, StandardBranchInput } from './inputs'
import { by, files, lateBy, owesFrom, yearOf } from './shared'

/** Shares compared with a little slack, so 85 of 100 is exactly 0.85. */
const EPS = 1e-9

/** The grade a total earns: the highest whose share of the full score it reaches. */
export function gradeOf(total: number, maxTotal: number, thresholds: Checklist['thresholds']): BranchGrade {
  if (!(maxTotal > 0)) return 'below'
  const share = total / maxTotal
  if (share + EPS >= thresholds.exemplary) return 'exemplary'
  if (share + EPS >= thresholds.model) return 'model'
  if (share + EPS >= thresholds.standard) return 'standard'
  return 'below'
}

/** What is wrong with a set of scores against the checklist, in words; null when every criterion is scored once within its range. */
export function scoreProblems(checklist: Pick<Checklist, 'criteria'>, scores: readonly Pick<CriterionScore, 'criterionId' | 'score'>[]): string | null {
  const byId = new Map(checklist.criteria.map((c) => [c.id, c]))
  const seen = new Set<string>()
  for (const s of scores) {
    const c = byId.get(s.criterionId)
    if (!c) return `评分项“${s.criterionId}”不在评分细则中`
    if (seen.has(c.id)) return `评分项“${c.text}”重复评分`
    seen.add(c.id)
    if (!Number.isFinite(s.score) || s.score < 0) return `评分项“${c.text}”的得分应为 0 到 ${c.maxScore} 分`
    if (s.score > c.maxScore) return `评分项“${c.text}”的得分不能超过 ${c.maxScore} 分`
  }
  const missing = checklist.criteria.find((c) => !seen.has(c.id))
  return missing ? `缺少评分项“${missing.text}”的得分` : null
}

const atLeast = (g: BranchGrade, min: BranchGrade): boolean => BRANCH_GRADES.indexOf(g) >= BRANCH_GRADES.indexOf(min)

const scoreEvidence = (s: BranchScore, branchName: string): Evidence[] => [
  { kind: 'branchScore', id: s.branchId, label: `${branchName} ${s.year} 年评定：${BRANCH_GRADE_LABEL[s.grade]}` },
  ...files(s.scores.flatMap((c) => c.evidence)),
]

/** One item per branch and window (graded at least the target's grade), and one per unit with branches (enough 样板). */
export function standardBranchItems(target: Target, windows: TargetWindow[], _period: Period, org: ObligationOrg, input: StandardBranchInput, now: Date): ObligationItem[] {
  const minGrade = target.params.minGrade ?? 'standard'
  const models = target.params.modelsPerUnit ?? 1
  const scoreOf = new Map<string, BranchScore>()
  for (const s of input.scores) if (by(s.scoredAt, now)) scoreOf.set(`${s.branchId}/${s.year}`, s)
  const units = org.units.filter((u) => appliesTo(target, u.id))
  const items: ObligationItem[] = []
  for (const w of windows) {
    const year = yearOf(w.key)
    for (const u of units) {
      const branches = org.branches.filter((b) => b.unitId === u.id)
      for (const b of branches) {
        if (!owesFrom(b.createdAt, w)) continue
        const s = scoreOf.get(`${b.id}/${year}`)
        const metAt = s && atLeast(s.grade, minGrade) ? s.scoredAt : null
        items.push({
          what: `达到${BRANCH_GRADE_LABEL[minGrade]}`,
          unitId: u.id,
          branchId: b.id,
          subject: { kind: 'branch', id: b.id, name: b.name },
          state: stateOf(metAt, w.dueBy, now),
          from: w.start,
          dueBy: w.dueBy,
          metAt,
          late: lateBy(metAt, w.dueBy),
          note: !s ? '未评定' : metAt ? null : `评定为${BRANCH_GRADE_LABEL[s.grade]}（总分 ${s.total}/${s.maxTotal}）`,
          evidence: s ? scoreEvidence(s, b.name) : [],
        })
      }
      if (models <= 0 || !branches.length) continue
      const graded = branches
        .map((b) => ({ b, s: scoreOf.get(`${b.id}/${year}`) }))
        .filter((x): x is { b: (typeof branches)[number]; s: BranchScore } => !!x.s && atLeast(x.s.grade, 'model'))
        .sort((x, y) => x.s.scoredAt.localeCompare(y.s.scoredAt))
      const metAt = graded.length >= models ? graded[models - 1].s.scoredAt : null
      items.push({
        what: `至少 ${models} 个样板党支部`,
        unitId: u.id,
        branchId: null,
        subject: { kind: 'unit', id: u.id, name: u.name },
        state: stateOf(metAt, w.dueBy, now),
        from: w.start,
        dueBy: w.dueBy,
        metAt,
        late: lateBy(metAt, w.dueBy),
        note: metAt ? null : `样板党支部 ${graded.length}/${models} 个`,
        evidence: graded.map((x) => ({ kind: 'branchScore' as const, id: x.b.id, label: `${x.b.name} ${BRANCH_GRADE_LABEL[x.s.grade]}` })),
      })
    }
  }
  return items
}
