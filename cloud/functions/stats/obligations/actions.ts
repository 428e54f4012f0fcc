/** The obligations engine's actions of the stats function: dashboards, targets, records and the upward report. */
import type { Member } from '../../../contract/model'
import { obligations as schemas } from '../../../contract/schemas'
import { homeUnitOf, isAdmin, isCityAdmin, isOrganizer } from '../../../domain/roles'
import { defineAction } from '../../../runtime/action'
import { inCallersUnit } from '../../../runtime/audit'
import { obligations, obligationTrend } from './dashboard'
import { appraiseDutyReport, dutyReports, submitDutyReport } from './duty'
import { evidence, uploadEvidence } from './evidence'
import { branchScores, checklist, democraticMeetings, recordDemocraticMeeting, scoreBranch, setChecklist } from './records'
import { report } from './report'
import { reportSummary } from './summary'
import { setTarget, targets } from './targets'

/** A row filed under the unit a record belongs to. */
const onUnit = (target: string, unitId: string) => ({ target, unitId })

export const obligationActions = {
  obligations: defineAction({ input: schemas.obligations, auth: isOrganizer, run: obligations }),
  obligationTrend: defineAction({ input: schemas.obligationTrend, auth: isOrganizer, run: obligationTrend }),
  targets: defineAction({ input: schemas.targets, auth: isOrganizer, run: targets }),
  setTarget: defineAction({
    input: schemas.setTarget,
    auth: isCityAdmin,
    run: setTarget,
    audit: { target: (_i, t, { caller }: { caller: Member }) => onUnit(`targetId:${t.id}`, homeUnitOf(caller)) },
  }),
  report: defineAction({
    input: schemas.report,
    auth: isAdmin,
    run: report,
    audit: { target: (i, _r, { caller }: { caller: Member }) => onUnit(i.unitId ? `unitId:${i.unitId}` : 'city', i.unitId ?? homeUnitOf(caller)) },
  }),
  reportSummary: defineAction({ input: schemas.reportSummary, auth: isAdmin, run: reportSummary }),

  democraticMeetings: defineAction({ input: schemas.democraticMeetings, auth: isOrganizer, run: democraticMeetings }),
  recordDemocraticMeeting: defineAction({
    input: schemas.recordDemocraticMeeting,
    auth: isAdmin,
    run: recordDemocraticMeeting,
    audit: { target: (i) => onUnit(`unitId:${i.unitId}`, i.unitId) },
  }),
  checklist: defineAction({ input: schemas.checklist, auth: isOrganizer, run: checklist }),
  setChecklist: defineAction({ input: schemas.setChecklist, auth: isCityAdmin, run: setChecklist, audit: inCallersUnit }),
  branchScores: defineAction({ input: schemas.branchScores, auth: isOrganizer, run: branchScores }),
  scoreBranch: defineAction({
    input: schemas.scoreBranch,
    auth: isAdmin,
    run: scoreBranch,
    audit: { target: (i, s) => onUnit(`branchId:${i.branchId}`, s.unitId) },
  }),
  dutyReports: defineAction({ input: schemas.dutyReports, auth: isOrganizer, run: dutyReports }),
  submitDutyReport: defineAction({
    input: schemas.submitDutyReport,
    auth: isOrganizer,
    run: submitDutyReport,
    audit: { target: (_i, r) => onUnit(`reportId:${r.id}`, r.unitId) },
  }),
  appraiseDutyReport: defineAction({
    input: schemas.appraiseDutyReport,
    auth: isAdmin,
    run: appraiseDutyReport,
    audit: { target: (i, r) => onUnit(`reportId:${i.reportId}`, r.unitId) },
  }),
  uploadEvidence: defineAction({
    input: schemas.uploadEvidence,
    auth: isOrganizer,
    run: uploadEvidence,
    audit: { target: (i) => onUnit(`unitId:${i.unitId}`, i.unitId) },
  }),
  evidence: defineAction({ input: schemas.evidence, auth: isOrganizer, run: evidence }),
}
