/**
 * The obligations records on CloudBase where this adapter differs from SQLite: a 述职 keyed by
 * secretary and year with a stable public id, appraisal and resubmission racing on one record,
 * evidence bytes in storage under `evidence/`, and what each evaluator read costs in round trips.
 */
import { COL } from '../../cloud/store/cloudbase/collections'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import { StoreError } from '../../cloud/store/errors'
import type { FakeDatabase } from '../helpers/cloudbaseFake'
import { DatabaseMeter } from '../helpers/cloudbaseMeter'
import { type FakeStorage, fakeStorage } from '../helpers/cloudbaseFakeStorage'
import { freshDb } from './cloudbaseDb'
import { NOW, ORG, addActivity, addBranchOrg, addMeeting, at, checkIn, credit, expectRefused } from './fixtures'

let db: FakeDatabase
let storage: FakeStorage
let meter: DatabaseMeter
let store: CloudBaseStore

beforeEach(async () => {
  db = freshDb()
  storage = fakeStorage()
  meter = new DatabaseMeter()
  store = new CloudBaseStore(meter.wrap(db), { storage })
  await store.importOrg(ORG, NOW)
  await addBranchOrg(store)
})

const report = (over: Partial<Parameters<CloudBaseStore['saveDutyReport']>[0]> = {}) => ({
  level: 'branch' as const,
  subjectId: 'u01-b1',
  unitId: 'u01',
  year: '2026',
  reporterName: '周书记',
  text: '一年来，支部……',
  evidence: [],
  submittedBy: 's1',
  submittedAt: at(1),
  ...over,
})
const appraisal = (grade: 'excellent' | 'good', when = at(10)) => ({ grade, comment: null, appraisedBy: 'o1', appraisedAt: when })

describe('述职 on CloudBase', () => {
  it('keeps one report per secretary and year under its key, its public id stable across saves', async () => {
    const first = await store.saveDutyReport(report())
    const again = await store.saveDutyReport(report({ text: '修改后的述职', evidence: ['f1'], submittedAt: at(2) }))
    expect(again).toMatchObject({ id: first.id, text: '修改后的述职', evidence: ['f1'], submittedAt: at(2), grade: null })
    expect(await store.saveDutyReport(report({ text: '修改后的述职', evidence: ['f1'], submittedAt: at(2) }))).toEqual(again)
    expect(db.dump(COL.dutyReports).map((d) => [d._id, d.id])).toEqual([['branch:u01-b1:2026', first.id]])
    expect(await store.getDutyReport(first.id)).toEqual(again)
    expect(await store.getDutyReport('nope')).toBeNull()
  })

  it('lets one of two simultaneous first saves insert and the other replace its text', async () => {
    const [a, b] = await Promise.all([store.saveDutyReport(report({ text: '甲' })), store.saveDutyReport(report({ text: '乙' }))])
    expect(a.id).toBe(b.id)
    expect(db.size(COL.dutyReports)).toBe(1)
  })

  it('appraises once: of two appraisals at once one is refused, and a save after it too', async () => {
    const r = await store.saveDutyReport(report())
    const results = await Promise.allSettled([store.appraiseDutyReport(r.id, appraisal('excellent')), store.appraiseDutyReport(r.id, appraisal('good'))])
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((x): x is PromiseRejectedResult => x.status === 'rejected')
    expect(refused?.reason).toBeInstanceOf(StoreError)
    expect(refused?.reason).toMatchObject({ kind: 'conflict' })
    await expectRefused(store.saveDutyReport(report({ text: '评议后再改' })), 'conflict')
    await expectRefused(store.appraiseDutyReport('nope', appraisal('good')), 'notFound', 'dutyReport')
  })

  it('never lets a save racing an appraisal change an appraised report', async () => {
    const r = await store.saveDutyReport(report())
    const [saved, appraised] = await Promise.allSettled([store.saveDutyReport(report({ text: '同时修改' })), store.appraiseDutyReport(r.id, appraisal('good'))])
    expect(appraised.status).toBe('fulfilled')
    const final = (await store.getDutyReport(r.id))!
    expect(final.grade).toBe('good')
    // Either the save landed before the appraisal (and the appraisal is of that text) or it was refused.
    if (saved.status === 'fulfilled') expect(final.text).toBe('同时修改')
    else expect(final.text).toBe(r.text)
  })
})

describe('evidence files on CloudBase', () => {
  it('keeps the bytes in storage under evidence/ and the record beside them', async () => {
    const bytes = new Uint8Array([37, 80, 68, 70, 45])
    const { id } = await store.putEvidence({ unitId: 'u01', mime: 'application/pdf', name: '会议记录.pdf', uploadedBy: 's1', uploadedAt: at(1), bytes })
    expect(storage.size).toBe(1)
    expect(String(db.dump(COL.evidenceFiles)[0].fileID)).toMatch(new RegExp(`/evidence/u01/${id}\\.pdf$`))
    const file = (await store.getEvidence(id))!
    expect([...file.bytes]).toEqual([...bytes])
    expect(file).toMatchObject({ id, unitId: 'u01', mime: 'application/pdf', name: '会议记录.pdf', size: 5 })
    expect(await store.evidenceFiles(['nope', id, id])).toEqual([{ id, unitId: 'u01', mime: 'application/pdf', name: '会议记录.pdf', size: 5, uploadedBy: 's1', uploadedAt: at(1) }])
    expect(await store.getEvidence('nope')).toBeNull()
  })
})

describe('what the evaluators read costs', () => {
  const cost = async (read: () => Promise<unknown>) => {
    await store.ping()
    meter.start()
    await read()
    return meter.stop()
  }

  beforeEach(async () => {
    const session = await addActivity(store, { kind: 'study', title: '小组学习', audience: { type: 'groups', groupIds: ['g01'] } })
    const training = await addActivity(store, { title: '轮训', targetId: 'rotation-training', audience: { type: 'all' } })
    for (const [a, who] of [[session, 'm1'], [training, 'm3']] as const) await store.recordCheckIn(checkIn(a.id, who), credit(a.kind, 1))
    await addMeeting(store)
  })

  it('the organisation: one round of requests', async () => {
    expect((await cost(() => store.obligationOrg())).sequential).toBe(1)
  })

  it('youth groups, meetings and training: two, one after another; cadres one', async () => {
    expect((await cost(() => store.youthGroupData('2026-10-01', 35, '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'))).sequential).toBe(2)
    expect((await cost(() => store.rhythmMeetings('2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'))).sequential).toBe(2)
    expect((await cost(() => store.trainingAttendance('rotation-training'))).sequential).toBe(2)
    expect((await cost(() => store.cadres(['bureau', 'county']))).sequential).toBe(1)
  })
})
