/**
 * What an adapter refuses, as a typed kind the caller can branch on. Adapters own no text a
 * member reads: the handler edge turns each kind into its envelope code and Chinese message
 * (runtime/storeErrors.ts), or a use case catches one and says it its own way.
 */

/** Records a write can find missing. */
export type StoreEntity = 'activity' | 'checkIn' | 'org' | 'leave' | 'meetingRecord' | 'dutyReport'

export type StoreErrorKind =
  /** The record the write is about does not exist (`entity` says which). */
  | 'notFound'
  /** The member's idempotency key was already used for a check-in to another activity. */
  | 'idempotencyKeyReused'
  /** The credit has its reversing entry already (at most one per credit). */
  | 'alreadyReversed'
  /** The member has a pending or approved make-up for the activity already. */
  | 'makeupOpen'
  /**
   * Someone else got there first: a record saved since it was read (stale version), a leave
   * request already waiting or approved, or decided meanwhile.
   */
  | 'conflict'

export class StoreError extends Error {
  /** For `notFound`: which record; null for the other kinds. */
  readonly entity: StoreEntity | null

  constructor(kind: 'notFound', entity: StoreEntity)
  constructor(kind: Exclude<StoreErrorKind, 'notFound'>)
  constructor(
    readonly kind: StoreErrorKind,
    entity?: StoreEntity,
  ) {
    super(entity ? `${kind}: ${entity}` : kind)
    this.name = 'StoreError'
    this.entity = entity ?? null
  }
}
