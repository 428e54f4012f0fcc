import { stats as schemas } from '../../contract/schemas'
import { isCityAdmin, isOrganizer } from '../../domain/roles'
import { defineAction } from '../../runtime/action'
import { inCallersUnit } from '../../runtime/audit'
import { freezeSnapshot, leaderboard, myScore, snapshot } from './boards'
import { certificate, verifyCertificate } from './certificate'
import { coverage, volunteer } from './dashboards'
import { exportStats } from './exports'
import { obligationActions } from './obligations/actions'
import { policy, setPolicy } from './policy'

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
