/**
 * Results kept ready for reading (boards, coverage, volunteer totals): in the WeChat world a view
 * reads one document instead of the roster and every counter. Built by the functions (the timer,
 * or the first reader of a view that is missing or too old), stored whole under a key.
 */
export interface ReadyView {
  key: string
  value: unknown
  /** When it was computed: what a reader shows as "as of" and judges its age by. */
  builtAt: string
}

export interface ViewStore {
  readView(key: string): Promise<ReadyView | null>
  /** Replace each view under its key. */
  writeViews(views: ReadyView[]): Promise<void>
}
