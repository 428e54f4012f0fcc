/** 标准党支部 (cloud/domain/obligations/standardBranch.ts): grades, score checks, branch and unit items. */
import type { BranchScore, TargetParams } from '../../../../cloud/contract/obligations'
import type { BranchGrade } from '../../../../cloud/contract/vocabulary'
import { targetWindows } from '../../../../cloud/domain/obligations/engine'
import { gradeOf, scoreProblems, standardBranchItems } from '../../../../cloud/domain/obligations/standardBranch'
import { DEFAULT_CHECKLIST } from '../../../../cloud/domain/obligations/targets'
import { parsePeriod } from '../../../../cloud/domain/period'
import type { ObligationOrg } from '../../../../cloud/domain/obligations/inputs'
import { anOrg, at, shanghai, targetOf } from './fixtures'

const TH = DEFAULT_CHECKLIST.thresholds

describe('gradeOf', () => {
  it('the highest grade whose share of the full score is reached, exactly at the threshold', () => {
    expect([59.99, 60, 84.99, 85, 94.99, 95, 100].map((t) => gradeOf(t, 100, TH))).toEqual(['below', 'standard', 'standard', 'model', 'model', 'exemplary', 'exemplary'])
    expect(gradeOf(51, 60, TH)).toBe('model')
    expect(gradeOf(0, 0, TH)).toBe('below')
  })
})

describe('scoreProblems', () => {
  const full = DEFAULT_CHECKLIST.criteria.map((c) => ({ criterionId: c.id, score: c.maxScore }))
  it('null when every criterion is scored once within its range', () => {
    expect(scoreProblems(DEFAULT_CHECKLIST, full)).toBeNull()
    expect(scoreProblems(DEFAULT_CHECKLIST, full.map((s) => ({ ...s, score: 0 })))).toBeNull()
  })
  it('says what is wrong: missing, unknown, twice, above its max, negative', () => {
    expect(scoreProblems(DEFAULT_CHECKLIST, full.slice(1))).toBe(`缺少评分项“${DEFAULT_CHECKLIST.criteria[0].text}”的得分`)
    expect(scoreProblems(DEFAULT_CHECKLIST, [...full, { criterionId: 'c99', score: 1 }])).toBe('评分项“c99”不在评分细则中')
    expect(scoreProblems(DEFAULT_CHECKLIST, [...full, full[0]])).toBe(`评分项“${DEFAULT_CHECKLIST.criteria[0].text}”重复评分`)
    expect(scoreProblems(DEFAULT_CHECKLIST, [{ criterionId: 'c1', score: 11 }, ...full.slice(1)])).toBe(`评分项“${DEFAULT_CHECKLIST.criteria[0].text}”的得分不能超过 10 分`)
    expect(scoreProblems(DEFAULT_CHECKLIST, [{ criterionId: 'c1', score: -1 }, ...full.slice(1)])).toBe(`评分项“${DEFAULT_CHECKLIST.criteria[0].text}”的得分应为 0 到 10 分`)
  })
})

describe('standardBranchItems', () => {
  const score = (branchId: string, unitId: string, total: number, grade: BranchGrade, scoredAt: string, year = '2026'): BranchScore => ({
    branchId,
    unitId,
    year,
    scores: [{ criterionId: 'c1', score: 10, note: null, evidence: [`ev-${branchId}`] }],
    total,
    maxTotal: 100,
    grade,
    scoredBy: 'admin',
    scoredAt: shanghai(scoredAt),
  })
  const evaluate = (scores: BranchScore[], now: string, opts: { period?: string; org?: ObligationOrg; params?: TargetParams } = {}) => {
    const target = targetOf('standardBranch', opts.params ? { params: opts.params } : {})
    const p = parsePeriod(opts.period ?? '2026', at(now))
    return standardBranchItems(target, targetWindows(target, p, at(now)), p, opts.org ?? anOrg(), { checklist: DEFAULT_CHECKLIST, scores }, at(now))
  }
  const scores = [score('b1', 'u1', 88, 'model', '2026-12-31 23:59'), score('b3', 'u2', 52, 'below', '2026-10-01 10:00')]

  it('a branch item per branch owing the year (b2, set up in 2026, owes 2027 only) and a unit item per unit with branches', () => {
    const items = evaluate(scores, '2026-12-31 23:59')
    expect(items.map((i) => `${i.subject.kind}:${i.subject.id} ${i.what}`)).toEqual(['branch:b3 达到标准党支部', 'unit:u2 至少 1 个样板党支部', 'branch:b1 达到标准党支部', 'unit:u1 至少 1 个样板党支部'])
    expect(evaluate([], '2027-02-01 10:00', { period: '2027' }).map((i) => i.subject.id)).toContain('b2')
  })

  it('graded at least 标准 by the year’s end is met; graded lower, unmet with the total; unscored, 未评定', () => {
    const items = evaluate(scores, '2026-12-31 23:59')
    expect(items.find((i) => i.subject.id === 'b1')).toMatchObject({
      state: 'met',
      metAt: shanghai('2026-12-31 23:59'),
      late: false,
      branchId: 'b1',
      evidence: [
        { kind: 'branchScore', id: 'b1', label: '第一党支部 2026 年评定：样板党支部' },
        { kind: 'file', id: 'ev-b1' },
      ],
    })
    expect(items.find((i) => i.subject.id === 'b3')).toMatchObject({ state: 'open', note: '评定为未达标（总分 52/100）' })
    expect(evaluate([], '2027-01-01 00:00').find((i) => i.subject.id === 'b1')).toMatchObject({ state: 'overdue', note: '未评定' })
    expect(evaluate([score('b1', 'u1', 70, 'standard', '2027-01-05 10:00')], '2027-01-06 10:00').find((i) => i.subject.id === 'b1')).toMatchObject({ state: 'met', late: true })
  })

  it('the unit item: met once enough branches are 样板 or better, at the Nth one’s scoring', () => {
    const items = evaluate(scores, '2026-12-31 23:59')
    expect(items.find((i) => i.subject.id === 'u1')).toMatchObject({ branchId: null, subject: { kind: 'unit', name: '甲局' }, state: 'met', metAt: shanghai('2026-12-31 23:59') })
    expect(items.find((i) => i.subject.id === 'u2')).toMatchObject({ state: 'open', note: '样板党支部 0/1 个' })
    const two = evaluate(scores, '2026-12-31 23:59', { params: { modelsPerUnit: 2 } })
    expect(two.find((i) => i.subject.id === 'u1')).toMatchObject({ state: 'open', note: '样板党支部 1/2 个' })
    expect(evaluate(scores, '2026-12-31 23:59', { params: { modelsPerUnit: 0 } }).filter((i) => i.subject.kind === 'unit')).toEqual([])
    const org = anOrg({ units: [...anOrg().units, { id: 'u3', name: '丙局' }] })
    expect(evaluate(scores, '2026-12-31 23:59', { org }).some((i) => i.unitId === 'u3')).toBe(false)
  })

  it('the target’s minimum grade; scores made after now are not seen', () => {
    const model = evaluate(scores, '2026-12-31 23:59', { params: { minGrade: 'exemplary' } })
    expect(model.find((i) => i.subject.id === 'b1')).toMatchObject({ what: '达到示范党支部', state: 'open', note: '评定为样板党支部（总分 88/100）' })
    expect(evaluate(scores, '2026-12-31 23:58').find((i) => i.subject.id === 'b1')).toMatchObject({ state: 'open', note: '未评定' })
  })
})
