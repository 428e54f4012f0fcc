/**
 * The obligations records through the real gateway, on the city of ./city.ts at 2026-11-20: targets,
 * 民主生活会, the checklist and branch scores, 述职 and its appraisal, evidence files, and tagging a
 * training with its target. Each rule and refusal with its code and Chinese message; refusals write nothing.
 */
import { EVIDENCE, OBLIGATION_LIMITS } from '../../../cloud/contract/limits'
import { errorOf, shanghai, type World } from '../../helpers/api'
import type { TestServer } from '../../helpers/testServer'
import { between } from '../../helpers/api'
import { obligationCity, PDF, PNG_1X1 } from './city'

let srv: TestServer
let w: World

beforeAll(async () => {
  ;({ srv, w } = await obligationCity())
  w.at('2026-11-20 10:00')
})

afterAll(async () => {
  await srv.close()
})

/** A refusal writing nothing, whose message says this. */
async function refused(who: string, event: Parameters<World['send']>[1], code: string, message?: RegExp) {
  const res = await w.expectRefused(() => w.send('stats', event, who), code)
  if (message) expect(errorOf(res).message).toMatch(message)
}

const audit = (action: string) => w.all<{ actor_id: string; unit_id: string; target: string }>(`SELECT actor_id, unit_id, target FROM audit_log WHERE action = ? ORDER BY seq`, `stats.${action}`)

describe('targets', () => {
  const training = { action: 'setTarget', kind: 'training', name: '新任干部轮训', rhythm: 'year', params: { minRank: 'section' } }

  it('only the city admin sets targets', async () => {
    await refused('admA', training, 'FORBIDDEN')
    await refused('a1', training, 'FORBIDDEN')
  })

  it('a built-in target keeps its kind; settings of another kind, unknown units or targets are refused', async () => {
    await refused('city', { ...training, id: 'youth-coverage' }, 'BAD_INPUT', /内置目标的类型不能修改/)
    await refused('city', { ...training, params: { minRank: 'section', monthDeadlineDay: 10 } }, 'BAD_INPUT', /不能设置每月截止日/)
    await refused('city', { action: 'setTarget', kind: 'democraticMeeting', name: '列席', rhythm: 'year', params: { minGrade: 'model' } }, 'BAD_INPUT', /“民主生活会全覆盖列席”类目标不能设置达标等次/)
    await refused('city', { ...training, unitIds: ['uA', 'nope'] }, 'BAD_INPUT', /单位不存在：nope/)
    await refused('city', { ...training, id: 'nope' }, 'NOT_FOUND', /目标不存在/)
    await refused('city', { ...training, params: { foo: 1 } }, 'BAD_INPUT')
  })

  it('tuning a built-in target keeps its id; it is audited', async () => {
    const t = await w.ok(
      'stats',
      { action: 'setTarget', id: 'youth-coverage', kind: 'youthGroup', name: '青年理论学习小组全覆盖', rhythm: 'month', params: { ageLimit: 40, monthDeadlineDay: 25 } },
      'city',
    )
    expect(t).toMatchObject({ id: 'youth-coverage', builtIn: true, params: { ageLimit: 40, monthDeadlineDay: 25 }, updatedBy: 'city', updatedAt: srv.clock.now().toISOString() })
    expect(audit('setTarget')).toEqual([{ actor_id: 'city', unit_id: 'uC', target: 'targetId:youth-coverage' }])
  })

  it(`at most ${OBLIGATION_LIMITS.targets} targets`, async () => {
    const have = (await w.ok('stats', { action: 'targets' }, 'city')).targets.length
    for (let i = have; i < OBLIGATION_LIMITS.targets; i++) await w.ok('stats', { ...training, name: `轮训 ${i}` } as never, 'city')
    await refused('city', training, 'BAD_INPUT', new RegExp(`目标最多 ${OBLIGATION_LIMITS.targets} 个`))
  })
})

describe('evidence files', () => {
  let pngA: string
  it('those who record for a unit upload images and PDF; the bytes must be what the type says', async () => {
    pngA = (await w.ok('stats', { action: 'uploadEvidence', unitId: 'uA', name: '会场照片.png', mime: 'image/png', data: PNG_1X1 }, 'a1')).id
    const pdf = await w.ok('stats', { action: 'uploadEvidence', unitId: 'uA', name: '会议记录.pdf', mime: 'application/pdf', data: PDF }, 'admA')
    expect(await w.ok('stats', { action: 'evidence', id: pdf.id }, 'orgA')).toEqual({ id: pdf.id, mime: 'application/pdf', name: '会议记录.pdf', data: PDF })
    expect(audit('uploadEvidence').map((r) => r.unit_id)).toEqual(['uA', 'uA'])
    await refused('admA', { action: 'uploadEvidence', unitId: 'uA', name: 'x.png', mime: 'image/png', data: PDF }, 'BAD_INPUT', /文件内容与类型不符/)
    await refused('admA', { action: 'uploadEvidence', unitId: 'uA', name: 'x.gif', mime: 'image/gif', data: PNG_1X1 }, 'BAD_INPUT', /只能上传/)
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(EVIDENCE.maxBytes)]).toString('base64')
    await refused('admA', { action: 'uploadEvidence', unitId: 'uA', name: 'big.pdf', mime: 'application/pdf', data: big }, 'BAD_INPUT')
    const justOver = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(EVIDENCE.maxBytes - 4)]).toString('base64')
    await refused('admA', { action: 'uploadEvidence', unitId: 'uA', name: 'big.pdf', mime: 'application/pdf', data: justOver }, 'PAYLOAD_TOO_LARGE', /文件过大/)
  })

  it('nobody records for a unit they do not answer for; the files are read by those who see its records', async () => {
    await refused('a1', { action: 'uploadEvidence', unitId: 'uB', name: 'x.png', mime: 'image/png', data: PNG_1X1 }, 'FORBIDDEN', /只能为您负责的单位/)
    await refused('admA', { action: 'uploadEvidence', unitId: 'nope', name: 'x.png', mime: 'image/png', data: PNG_1X1 }, 'NOT_FOUND')
    await refused('a3', { action: 'uploadEvidence', unitId: 'uA', name: 'x.png', mime: 'image/png', data: PNG_1X1 }, 'FORBIDDEN')
    for (const who of ['city', 'admA', 'orgA', 'a1', 'a5']) expect((await w.ok('stats', { action: 'evidence', id: pngA }, who)).data).toBe(PNG_1X1)
    await refused('admB', { action: 'evidence', id: pngA }, 'FORBIDDEN', /只能查看您负责单位的佐证材料/)
    await refused('b1', { action: 'evidence', id: pngA }, 'FORBIDDEN')
    await refused('admA', { action: 'evidence', id: 'nope' }, 'NOT_FOUND')
  })
})

describe('民主生活会', () => {
  const meeting = { action: 'recordDemocraticMeeting' as const, unitId: 'uA', heldAt: shanghai('2026-01-01 01:00'), topic: '2025 年度民主生活会', attendeeName: '刘列席', attendeePost: '市直机关工委' }

  it('recorded by the unit\'s admin or the city admin once held; it counts for the Shanghai year it was held in', async () => {
    const m = await w.ok('stats', meeting, 'admA')
    // 2025-12-31T17:00Z is 1 January 2026 in Shanghai.
    expect(m).toMatchObject({ unitId: 'uA', forPeriod: '2026', attendeeName: '刘列席', recordedBy: 'admA', evidence: [] })
    const byCity = await w.ok('stats', { ...meeting, unitId: 'uB', attendeeName: '', attendeePost: '' }, 'city')
    expect(byCity).toMatchObject({ unitId: 'uB', attendeeName: null, attendeePost: null })
    expect(audit('recordDemocraticMeeting').map((r) => [r.actor_id, r.unit_id])).toEqual([
      ['admA', 'uA'],
      ['city', 'uB'],
    ])
  })

  it('refused: another unit\'s admin, an organizer, a time in the future, evidence of another unit or unknown', async () => {
    await refused('admB', meeting, 'FORBIDDEN', /只有本单位管理员或市直机关工委/)
    await refused('orgA', meeting, 'FORBIDDEN')
    await refused('admA', { ...meeting, heldAt: shanghai('2026-11-20 11:00') }, 'BAD_INPUT', /召开时间不能晚于现在/)
    await refused('admA', { ...meeting, unitId: 'nope' }, 'NOT_FOUND')
    const ofB = (await w.ok('stats', { action: 'uploadEvidence', unitId: 'uB', name: 'b.png', mime: 'image/png', data: PNG_1X1 }, 'admB')).id
    await refused('admA', { ...meeting, evidence: [ofB] }, 'BAD_INPUT', /佐证材料不属于该单位/)
    await refused('admA', { ...meeting, evidence: ['nope'] }, 'BAD_INPUT', /佐证材料不存在/)
  })

  it('listed for the units the caller may see', async () => {
    expect((await w.ok('stats', { action: 'democraticMeetings' }, 'admA')).meetings.map((m) => m.unitId)).toEqual(['uA'])
    expect((await w.ok('stats', { action: 'democraticMeetings', year: '2026' }, 'city')).meetings.map((m) => m.unitId).sort()).toEqual(['uA', 'uB'])
    expect((await w.ok('stats', { action: 'democraticMeetings', year: '2025' }, 'city')).meetings).toEqual([])
    await refused('admA', { action: 'democraticMeetings', unitId: 'uB' }, 'FORBIDDEN', /只能查看您负责单位的记录/)
  })
})

describe('the checklist and branch scores', () => {
  const full = [10, 10, 20, 15, 10, 10, 10, 15]
  const scores = (points: number[]) => points.map((score, i) => ({ criterionId: `c${i + 1}`, score }))

  it('the default checklist: eight criteria, 100 points', async () => {
    const c = await w.ok('stats', { action: 'checklist' }, 'a1')
    expect(c.criteria.map((x) => x.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'])
    expect(c.criteria.reduce((s, x) => s + x.maxScore, 0)).toBe(100)
  })

  it('a branch is scored by its unit\'s admin or the city admin; total, grade from the thresholds', async () => {
    const s = await w.ok('stats', { action: 'scoreBranch', branchId: 'A1', year: '2026', scores: scores([8, 8, 17, 13, 8, 9, 9, 14]) }, 'admA')
    expect(s).toMatchObject({ branchId: 'A1', unitId: 'uA', year: '2026', total: 86, maxTotal: 100, grade: 'model', scoredBy: 'admA' })
    expect(await w.ok('stats', { action: 'scoreBranch', branchId: 'B1', year: '2025', scores: scores(full) }, 'city')).toMatchObject({ total: 100, grade: 'exemplary' })
    expect(audit('scoreBranch').map((r) => [r.unit_id, r.target])).toEqual([
      ['uA', 'branchId:A1'],
      ['uB', 'branchId:B1'],
    ])
    expect((await w.ok('stats', { action: 'branchScores' }, 'a5')).scores.map((x) => x.branchId)).toEqual(['A1'])
  })

  it('refused: another unit\'s admin, a year not begun, a criterion missing, unknown or above its maximum', async () => {
    const base = { action: 'scoreBranch', branchId: 'A1', year: '2026', scores: scores(full) }
    await refused('admB', base, 'FORBIDDEN', /只有本单位管理员或市直机关工委可以评定党支部/)
    await refused('a1', base, 'FORBIDDEN')
    await refused('admA', { ...base, branchId: 'nope' }, 'NOT_FOUND', /党支部不存在/)
    await refused('admA', { ...base, year: '2027' }, 'BAD_INPUT', /不能评定尚未开始的年度/)
    await refused('admA', { ...base, scores: scores(full).slice(1) }, 'BAD_INPUT')
    await refused('admA', { ...base, scores: [...scores(full).slice(1), { criterionId: 'c9', score: 1 }] }, 'BAD_INPUT')
    await refused('admA', { ...base, scores: scores([11, 10, 20, 15, 10, 10, 10, 15]) }, 'BAD_INPUT')
  })

  it('the city admin changes the checklist: criteria kept keep their ids, new ones get new ids', async () => {
    const c = await w.ok('stats', { action: 'checklist' }, 'city')
    const next = await w.ok(
      'stats',
      {
        action: 'setChecklist',
        criteria: [{ id: 'c1', text: c.criteria[0].text, maxScore: 20 }, { text: c.criteria[1].text, maxScore: 30 }, { text: '新增：党建品牌创建', maxScore: 50 }],
        thresholds: { standard: 0.6, model: 0.8, exemplary: 0.9 },
      },
      'city',
    )
    expect(next.criteria.slice(0, 2).map((x) => x.id)).toEqual(['c1', 'c2'])
    expect(next.criteria[2].id).not.toMatch(/^c\d$/)
    expect(next).toMatchObject({ updatedBy: 'city', thresholds: { model: 0.8 } })
    expect(await w.ok('stats', { action: 'checklist' }, 'orgA')).toEqual(next)
    await refused('admA', { action: 'setChecklist', criteria: next.criteria, thresholds: next.thresholds }, 'FORBIDDEN')
    await refused('city', { action: 'setChecklist', criteria: next.criteria, thresholds: { standard: 0.9, model: 0.8, exemplary: 0.95 } }, 'BAD_INPUT', /分数线应为/)
    // Scores now follow the new checklist.
    const s = await w.ok('stats', { action: 'scoreBranch', branchId: 'A2', year: '2026', scores: next.criteria.map((x) => ({ criterionId: x.id, score: x.maxScore * 0.8 })) }, 'admA')
    expect(s).toMatchObject({ total: 80, maxTotal: 100, grade: 'model' })
  })
})

describe('述职评议', () => {
  const branch = { action: 'submitDutyReport' as const, level: 'branch' as 'branch' | 'unit', subjectId: 'A1', year: '2026', reporterName: '赵一', text: '支部书记抓党建工作述职报告' }
  const unit = { ...branch, level: 'unit' as const, subjectId: 'uA', reporterName: '吴管理' }
  let byA1: string
  let byAdmA: string

  it('a branch\'s report by its runners or the unit\'s admin, a unit\'s by its admin', async () => {
    await refused('a5', branch, 'FORBIDDEN', /只有本支部书记、组织委员或本单位管理员/)
    await refused('admB', branch, 'FORBIDDEN')
    await refused('a1', unit, 'FORBIDDEN', /只有本单位管理员可以提交机关党委书记述职/)
    await refused('city', unit, 'FORBIDDEN')
    await refused('a1', { ...branch, year: '2027' }, 'BAD_INPUT', /尚未开始/)
    await refused('a1', { ...branch, subjectId: 'nope' }, 'NOT_FOUND')
    byA1 = (await w.ok('stats', branch, 'a1')).id
    // Revised while not appraised: the same report.
    expect(await w.ok('stats', { ...branch, text: '修改后的述职报告' }, 'a1')).toMatchObject({ id: byA1, text: '修改后的述职报告', grade: null })
    byAdmA = (await w.ok('stats', unit, 'admA')).id
    expect(audit('submitDutyReport').map((r) => [r.actor_id, r.unit_id])).toEqual([
      ['a1', 'uA'],
      ['a1', 'uA'],
      ['admA', 'uA'],
    ])
    expect((await w.ok('stats', { action: 'dutyReports', year: '2026' }, 'a1')).reports.map((r) => r.level).sort()).toEqual(['branch', 'unit'])
  })

  it('nobody appraises their own report; a unit\'s is the city\'s to appraise, a branch\'s the unit admin\'s', async () => {
    const own = await w.expectRefused(() => w.send('stats', { action: 'appraiseDutyReport', reportId: byAdmA, grade: 'excellent' }, 'admA'), 'FORBIDDEN')
    expect(errorOf(own).message).toBe('不能评议自己提交的述职报告，请由上级评议')
    const selfBranch = (await w.ok('stats', { ...branch, subjectId: 'A2', reporterName: '周五' }, 'admA')).id
    await refused('admA', { action: 'appraiseDutyReport', reportId: selfBranch, grade: 'good' }, 'FORBIDDEN', /不能评议自己/)
    await refused('admB', { action: 'appraiseDutyReport', reportId: byA1, grade: 'good' }, 'FORBIDDEN', /党支部书记述职由本单位管理员或市直机关工委评议/)
    await refused('a5', { action: 'appraiseDutyReport', reportId: byA1, grade: 'good' }, 'FORBIDDEN')
    await refused('admA', { action: 'appraiseDutyReport', reportId: 'nope', grade: 'good' }, 'NOT_FOUND')
    expect(await w.ok('stats', { action: 'appraiseDutyReport', reportId: byA1, grade: 'good', comment: '履职尽责' }, 'admA')).toMatchObject({ grade: 'good', comment: '履职尽责', appraisedBy: 'admA' })
    expect(await w.ok('stats', { action: 'appraiseDutyReport', reportId: byAdmA, grade: 'excellent' }, 'city')).toMatchObject({ grade: 'excellent', appraisedBy: 'city' })
  })

  it('once appraised it is final: neither appraised again nor revised', async () => {
    await refused('city', { action: 'appraiseDutyReport', reportId: byA1, grade: 'poor' }, 'CONFLICT', /已评议/)
    await refused('a1', { ...branch, text: '再改一次' }, 'CONFLICT', /已评议，不能再修改/)
  })
})

describe('a training tagged with its target', () => {
  const lecture = (extra: { targetId?: string | null }) => ({ action: 'create' as const, kind: 'lecture' as const, title: '专题轮训', ...between('2026-11-25 09:00', '2026-11-25 17:00'), audience: { type: 'units' as const, unitIds: ['uA'] }, ...extra })

  it('only an active training target', async () => {
    for (const targetId of ['democratic-meeting', 'nope']) {
      const res = await w.expectRefused(() => w.send('activity', lecture({ targetId }), 'orgA'), 'BAD_INPUT')
      expect(errorOf(res).message).toBe('所选目标不存在或不是轮训目标')
    }
    const a = await w.ok('activity', lecture({ targetId: 'rotation-training' }), 'orgA')
    expect(a).toMatchObject({ targetId: 'rotation-training' })
    // Editing something else keeps the tag; it can be cleared, or changed to another training target only.
    expect(await w.ok('activity', { action: 'update', id: a.id, title: '专题轮训（第一期）' }, 'orgA')).toMatchObject({ targetId: 'rotation-training' })
    await w.expectRefused(() => w.send('activity', { action: 'update', id: a.id, targetId: 'duty-report' }, 'orgA'), 'BAD_INPUT')
    expect(await w.ok('activity', { action: 'update', id: a.id, targetId: null }, 'orgA')).toMatchObject({ targetId: null })
  })
})

describe('职级 on the roster', () => {
  it('member.roster gives each member’s 职级 as recorded, null where none', async () => {
    const { members } = await w.ok('member', { action: 'roster', unitId: 'uA' }, 'admA')
    const rank = Object.fromEntries(members.map((m) => [m.id, m.cadreRank]))
    expect(rank).toMatchObject({ a1: 'county', a4: 'bureau', a2: null, a5: null })
  })
})
