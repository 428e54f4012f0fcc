import { selection, stats as schemas } from '../../contract/schemas'
import { isCityAdmin, isOrganizer } from '../../domain/roles'
import { defineAction } from '../../runtime/action'
import { inCallersUnit } from '../../runtime/audit'
import { leaderboard, myScore } from './boards'
import { certificate, verifyCertificate } from './certificate'
import { coverage, volunteer } from './dashboards'
import { exportStats } from './exports'
import { obligationActions } from './obligations/actions'
import { policy, setPolicy } from './policy'
import { fileObjection, freezeSnapshot, objections, OBJECTIONS_AUDIT_UNIT, resolveObjection, snapshot } from './selection'

const onObjection = { target: (_input: unknown, o: { id: string }) => ({ target: `objectionId:${o.id}`, unitId: OBJECTIONS_AUDIT_UNIT }) }

/**
 * Coverage, volunteer totals, leaderboards, study-model selection, certificates and the scoring
 * policy; the obligations engine (targets, their records, dashboards and the upward report).
 */
export const statsActions = {
  coverage: defineAction({ input: schemas.coverage, auth: isOrganizer, run: coverage }),
  volunteer: defineAction({ input: schemas.volunteer, auth: isOrganizer, run: volunteer }),
  leaderboard: defineAction({ input: schemas.leaderboard, auth: 'member', run: leaderboard }),
  myScore: defineAction({ input: schemas.myScore, auth: 'member', run: myScore }),
  export: defineAction({ input: schemas.export, auth: isOrganizer, run: exportStats, audit: inCallersUnit }),
  freezeSnapshot: defineAction({ input: schemas.freezeSnapshot, auth: isCityAdmin, run: freezeSnapshot, audit: inCallersUnit }),
  snapshot: defineAction({ input: schemas.snapshot, auth: 'member', run: snapshot }),
  // Objections (异议) to a list on notice: filed under a unit only city admins read, so no unit admin learns who objected.
  fileObjection: defineAction({ input: selection.fileObjection, auth: 'member', run: fileObjection, audit: onObjection }),
  objections: defineAction({ input: selection.objections, auth: isCityAdmin, run: objections }),
  resolveObjection: defineAction({ input: selection.resolveObjection, auth: isCityAdmin, run: resolveObjection, audit: onObjection }),
  certificate: defineAction({ input: schemas.certificate, auth: 'member', run: certificate }),
  verifyCertificate: defineAction({
    input: schemas.verifyCertificate,
    auth: 'public',
    run: verifyCertificate,
    rateLimit: { bucket: 'verify', key: (_input, ctx) => ctx.request.ip ?? 'unknown' },
  }),
  policy: defineAction({ input: schemas.policy, auth: isCityAdmin, run: policy }),
  setPolicy: defineAction({ input: schemas.setPolicy, auth: isCityAdmin, run: setPolicy, audit: inCallersUnit }),
  ...obligationActions,
}
