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

/** The per-member and per-unit counters are derived from the ledger; this rebuilds them. */
export interface CounterStore {
  /** Recompute member and unit counters from the ledger (finishing writes a crash left half done); repair and report every difference. */
  reconcileCounters(): Promise<{ checked: number; drift: CounterDrift[] }>
}
