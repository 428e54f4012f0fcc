/** One repair of a member or unit counter, as `reconcileCounters` reports it. */
export interface CounterDrift {
  scope: 'member' | 'unit'
  id: string
  period: string
  kind: string
  field: 'points' | 'hours' | 'credits' | 'lastAt' | 'missing' | 'extra'
  was: number
  now: number
}

export interface ReconcileStep {
  /** Where the next step starts; null when this step ended the pass. */
  cursor: string | null
  checked: number
  drift: CounterDrift[]
}

/** The per-member and per-unit counters are derived from the ledger; this rebuilds them. */
export interface CounterStore {
  /** Recompute member and unit counters from the ledger (finishing writes a crash left half done); repair and report every difference. */
  reconcileCounters(): Promise<{ checked: number; drift: CounterDrift[] }>
  /** Finish writes a crash left half done (none where writes are atomic); how many. */
  repairPending(): Promise<number>
  /**
   * One part of a reconcile pass, starting at `cursor` (null: a new pass), small enough for one
   * timer invocation; an adapter that reconciles the whole city quickly does it in one step.
   */
  reconcileStep(cursor: string | null): Promise<ReconcileStep>
}
