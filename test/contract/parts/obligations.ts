/**
 * Contract: the obligations engine's records — targets the city saved, the checklist, branch
 * scores, 民主生活会, 述职 reports and evidence files. What the evaluators read across the city is
 * obligationReads.ts.
 */
import type { BranchScore, DemocraticMeeting, DutyReport, Target } from '../../../cloud/contract/obligations'
import { DEFAULT_CHECKLIST, DEFAULT_TARGETS } from '../../../cloud/domain/obligations/targets'
import type { Store } from '../../../cloud/store/Store'
import { NOW, at, expectRefused } from '../fixtures'

const byId = <T extends { id: string }>(xs: T[]): T[] => [...xs].sort((a, b) => a.id.localeCompare(b.id))

const score = (branchId: string, unitId: string, year: string, total: number, over: Partial<BranchScore> = {}): BranchScore => ({
  branchId,
  unitId,
  year,
  scores: [
    { criterionId: 'c1', score: total - 5, note: null, evidence: [] },
    { criterionId: 'c2', score: 5, note: '换届材料齐全', evidence: ['f1', 'f2'] },
  ],
  total,
  maxTotal: 100,
  grade: total >= 85 ? 'model' : 'standard',
  scoredBy: 'a1',
  scoredAt: NOW,
  ...over,
})

const democratic = (unitId: string, heldAt: string, over: Partial<DemocraticMeeting> = {}): Omit<DemocraticMeeting, 'id'> => ({
  unitId,
  heldAt,
  forPeriod: heldAt.slice(0, 4),
  topic: '年度民主生活会',
  attendeeName: '刘洋',
  attendeePost: '市直机关工委组织部部长',
  evidence: ['f1'],
  recordedBy: 'a1',
  recordedAt: NOW,
  ...over,
})

type NewDutyReport = Parameters<Store['saveDutyReport']>[0]
const report = (level: DutyReport['level'], subjectId: string, unitId: string, over: Partial<NewDutyReport> = {}): NewDutyReport => ({
  level,
  subjectId,
  unitId,
  year: '2026',
  reporterName: '王芳',
  text: '一年来，支部认真落实三会一课制度……',
  evidence: ['f1'],
  submittedBy: 'o1',
  submittedAt: NOW,
  ...over,
})

const appraisal = { grade: 'good' as const, comment: '落实较好，学习形式可更丰富', appraisedBy: 'a1', appraisedAt: at(60) }

export function obligationsContract(env: { readonly store: Store }): void {
  it('keeps the targets the city saved, whole, and replaces one saved again under its id', async () => {
    const { store } = env
    expect(await store.savedTargets()).toEqual([])
    const tuned: Target = { ...DEFAULT_TARGETS[0], params: { ageLimit: 35, monthDeadlineDay: 25 }, active: false, updatedAt: NOW, updatedBy: 'a1' }
    const added: Target = {
      id: 'campaign-2026',
      kind: 'training',
      name: '2026 年处级干部专题轮训',
      description: '按市委组织部通知，年底前全员轮训',
      rhythm: 'year',
      deadline: '2026-12-20',
      unitIds: ['u01', 'u02'],
      params: { minRank: 'county' },
      active: true,
      builtIn: false,
      updatedAt: at(1),
      updatedBy: 'a1',
    }
    await store.saveTarget(tuned)
    await store.saveTarget(added)
    expect(byId(await store.savedTargets())).toEqual(byId([tuned, added]))

    const renamed: Target = { ...added, name: '2026 年处级干部轮训（调整）', unitIds: null, params: { minRank: 'bureau' }, deadline: null, updatedAt: at(2) }
    await store.saveTarget(renamed)
    expect(byId(await store.savedTargets())).toEqual(byId([tuned, renamed]))
  })

  it('has no checklist until the city saves one, then keeps the latest', async () => {
    const { store } = env
    expect(await store.getChecklist()).toBeNull()
    const saved = { ...DEFAULT_CHECKLIST, updatedAt: NOW, updatedBy: 'a1' }
    await store.saveChecklist(saved)
    expect(await store.getChecklist()).toEqual(saved)
    const changed = { ...saved, criteria: saved.criteria.slice(0, 2), thresholds: { standard: 0.5, model: 0.8, exemplary: 0.9 }, updatedAt: at(1) }
    await store.saveChecklist(changed)
    expect(await store.getChecklist()).toEqual(changed)
  })

  it('keeps one score per branch and year, and reads a year’s scores of the units asked', async () => {
    const { store } = env
    await store.saveBranchScore(score('u01-b1', 'u01', '2026', 80))
    await store.saveBranchScore(score('u02-b1', 'u02', '2026', 90))
    await store.saveBranchScore(score('u01-b1', 'u01', '2025', 70))
    const rescored = score('u01-b1', 'u01', '2026', 96, { grade: 'exemplary', scoredBy: 'o1', scoredAt: at(5) })
    await store.saveBranchScore(rescored)

    const branches = (xs: BranchScore[]) => xs.map((s) => s.branchId).sort()
    expect(branches(await store.branchScores('2026', null))).toEqual(['u01-b1', 'u02-b1'])
    expect(await store.branchScores('2026', ['u01'])).toEqual([rescored])
    expect(await store.branchScores('2026', ['u02'])).toEqual([score('u02-b1', 'u02', '2026', 90)])
    expect(await store.branchScores('2026', [])).toEqual([])
    expect(await store.branchScores('2025', null)).toEqual([score('u01-b1', 'u01', '2025', 70)])
    expect(await store.branchScores('2024', null)).toEqual([])
  })

  it('records 民主生活会 and reads those held in a range, of the units asked, oldest first', async () => {
    const { store } = env
    const june = await store.insertDemocraticMeeting(democratic('u01', '2026-06-10T01:00:00.000Z'))
    const withoutAttendee = democratic('u02', '2026-01-01T00:00:00.000Z', { attendeeName: null, attendeePost: null, evidence: [] })
    const january = await store.insertDemocraticMeeting(withoutAttendee)
    const lastYear = await store.insertDemocraticMeeting(democratic('u01', '2025-12-31T23:59:59.999Z'))
    await store.insertDemocraticMeeting(democratic('u02', '2027-01-01T00:00:00.000Z'))
    expect(june).toEqual({ id: expect.any(String), ...democratic('u01', '2026-06-10T01:00:00.000Z') })
    expect(new Set([june.id, january.id, lastYear.id]).size).toBe(3)

    const year = ['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'] as const
    expect(await store.democraticMeetings(...year, null)).toEqual([january, june])
    expect(january).toEqual({ id: january.id, ...withoutAttendee })
    expect(await store.democraticMeetings(...year, ['u01'])).toEqual([june])
    expect(await store.democraticMeetings(...year, ['u02', 'u03'])).toEqual([january])
    expect(await store.democraticMeetings(...year, [])).toEqual([])
    expect(await store.democraticMeetings('2025-01-01T00:00:00.000Z', year[1], ['u01'])).toEqual([lastYear, june])
  })

  it('keeps one 述职 per level, subject and year, replaced in place until it is appraised', async () => {
    const { store } = env
    const first = await store.saveDutyReport(report('branch', 'u01-b1', 'u01'))
    expect(first).toEqual({ ...report('branch', 'u01-b1', 'u01'), id: expect.any(String), grade: null, comment: null, appraisedBy: null, appraisedAt: null })
    expect(await store.getDutyReport(first.id)).toEqual(first)

    const unitReport = await store.saveDutyReport(report('unit', 'u01', 'u01', { reporterName: '刘洋' }))
    const other = await store.saveDutyReport(report('branch', 'u02-b1', 'u02', { reporterName: '陈静' }))
    const lastYear = await store.saveDutyReport(report('branch', 'u01-b1', 'u01', { year: '2025' }))
    expect(new Set([first.id, unitReport.id, other.id, lastYear.id]).size).toBe(4)

    const again = await store.saveDutyReport(
      report('branch', 'u01-b1', 'u01', { reporterName: '周书记', text: '修改后的述职报告', evidence: ['f2', 'f3'], submittedBy: 's1', submittedAt: at(30) }),
    )
    expect(again).toMatchObject({ id: first.id, reporterName: '周书记', text: '修改后的述职报告', evidence: ['f2', 'f3'], grade: null })
    expect(await store.getDutyReport(first.id)).toEqual(again)

    const ids = (xs: DutyReport[]) => xs.map((r) => r.id).sort()
    expect(ids(await store.dutyReports('2026', null))).toEqual([first.id, unitReport.id, other.id].sort())
    expect(ids(await store.dutyReports('2026', ['u01']))).toEqual([first.id, unitReport.id].sort())
    expect(await store.dutyReports('2026', ['u02'])).toEqual([other])
    expect(await store.dutyReports('2026', [])).toEqual([])
    expect(await store.dutyReports('2025', null)).toEqual([lastYear])
  })

  it('appraises a 述职 once; after that it can be neither replaced nor appraised again', async () => {
    const { store } = env
    const submitted = await store.saveDutyReport(report('branch', 'u01-b1', 'u01'))
    const appraised = await store.appraiseDutyReport(submitted.id, appraisal)
    expect(appraised).toEqual({ ...submitted, ...appraisal })
    expect(await store.getDutyReport(submitted.id)).toEqual(appraised)

    await expectRefused(store.saveDutyReport(report('branch', 'u01-b1', 'u01', { text: '想再改一次' })), 'conflict')
    await expectRefused(store.appraiseDutyReport(submitted.id, { ...appraisal, grade: 'excellent' }), 'conflict')
    expect(await store.getDutyReport(submitted.id)).toEqual(appraised)

    await expectRefused(store.appraiseDutyReport('no-such-report', appraisal), 'notFound', 'dutyReport')
    expect(await store.getDutyReport('no-such-report')).toBeNull()
  })

  it('keeps evidence files with their bytes, and says what files are, leaving unknown ids out', async () => {
    const { store } = env
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x00, 0xff])
    const png = new Uint8Array(3000).map((_, i) => (i * 7) % 256)
    const file = { unitId: 'u01', mime: 'application/pdf', name: '2026年民主生活会记录.pdf', uploadedBy: 'o1', uploadedAt: NOW }
    const { id: pdfId } = await store.putEvidence({ ...file, bytes: pdf })
    const { id: pngId } = await store.putEvidence({ unitId: 'u02', mime: 'image/png', name: '会场照片.png', uploadedBy: 'a1', uploadedAt: at(1), bytes: png })
    expect(pdfId).not.toBe(pngId)

    const stored = await store.getEvidence(pdfId)
    expect(stored).toMatchObject({ id: pdfId, ...file, size: pdf.byteLength })
    expect(Array.from(stored!.bytes)).toEqual(Array.from(pdf))
    expect(Array.from((await store.getEvidence(pngId))!.bytes)).toEqual(Array.from(png))
    expect(await store.getEvidence('no-such-file')).toBeNull()

    const pngFile = { id: pngId, unitId: 'u02', mime: 'image/png', name: '会场照片.png', size: 3000, uploadedBy: 'a1', uploadedAt: at(1) }
    expect(await store.evidenceFiles([pngId, 'no-such-file', pdfId, pngId])).toEqual([pngFile, { id: pdfId, ...file, size: pdf.byteLength }])
    expect(await store.evidenceFiles(['no-such-file'])).toEqual([])
    expect(await store.evidenceFiles([])).toEqual([])
  })
}
