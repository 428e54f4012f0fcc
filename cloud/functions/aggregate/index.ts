import { aggregate as schemas } from '../../contract/schemas'
import { notYet } from '../../runtime/action'

/** Counter reconciliation from the ledger arrives with issue #5. */
export const aggregateActions = {
  reconcile: notYet(schemas.reconcile, '计数核对'),
}
