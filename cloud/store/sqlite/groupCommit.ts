import type Database from 'better-sqlite3'

interface Job {
  run: () => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Group commit: writes that arrive together (one event-loop turn, e.g. a crowd scanning one QR code)
 * run in one transaction and are acknowledged only after that single commit. When one of them is
 * refused, the batch is replayed with each write in its own savepoint, so the others still land.
 * Jobs must therefore only touch the database (they may run twice; the first run leaves nothing).
 * With `synchronous=FULL` a commit waits for the disk; sharing it keeps every acknowledged
 * check-in durable without paying one disk flush per request.
 */
export class GroupCommit {
  private queue: Job[] = []
  private scheduled = false
  private readonly begin: Database.Statement
  private readonly commit: Database.Statement
  private readonly rollback: Database.Statement
  /** How long each COMMIT (log write and, with synchronous=FULL, the disk flush) took. */
  readonly commitTimes = new CommitTimes()

  constructor(
    private readonly db: Database.Database,
    /** Told after each commit (the checkpointer's cue). */
    private readonly onCommit: () => void = () => {},
    private readonly maxBatch = 500,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE')
    this.commit = db.prepare('COMMIT')
    this.rollback = db.prepare('ROLLBACK')
  }

  run<T>(body: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: body, resolve: resolve as (v: unknown) => void, reject })
      if (this.queue.length >= this.maxBatch) this.flush()
      else if (!this.scheduled) {
        this.scheduled = true
        setImmediate(() => this.flush())
      }
    })
  }

  private flush(): void {
    this.scheduled = false
    const jobs = this.queue
    this.queue = []
    if (jobs.length === 0) return
    // Fast path: the batch as one plain transaction. A savepoint per job would first copy every
    // page it touches to a sub-journal (profiled at ~15 % of a check-in), and refusals are rare.
    let values: unknown[] | null = null
    try {
      values = this.transaction(() => jobs.map((job) => job.run()))
    } catch {
      // Some job refused (or the commit failed): nothing of the batch was kept; replay it below.
    }
    if (values) {
      const done = values
      return jobs.forEach((job, i) => job.resolve(done[i]))
    }
    let outcomes: { ok: boolean; value: unknown }[]
    try {
      outcomes = this.transaction(() =>
        jobs.map((job) => {
          // A savepoint per job: one refused write does not undo its neighbours.
          try {
            return { ok: true, value: this.db.transaction(job.run)() }
          } catch (e) {
            return { ok: false, value: e }
          }
        }),
      )
    } catch (e) {
      for (const job of jobs) job.reject(e)
      return
    }
    jobs.forEach((job, i) => (outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value)))
  }

  /** BEGIN IMMEDIATE, the writes, a timed COMMIT; anything thrown before the commit ends rolls everything back and is rethrown. */
  private transaction<T>(writes: () => T[]): T[] {
    let values: T[]
    let tookMs: number
    try {
      this.begin.run()
      values = writes()
      const t = performance.now()
      this.commit.run()
      tookMs = performance.now() - t
    } catch (e) {
      if (this.db.inTransaction) this.rollback.run()
      throw e
    }
    // Committed: nothing below may throw, or the caller would replay writes that already landed.
    this.commitTimes.add(tookMs, values.length)
    try {
      this.onCommit()
    } catch {
      // Only a cue: the checkpointer's own timer still runs.
    }
    return values
  }
}

/** Commit durations of the last 10,000 commits, for the server's log (how long the disk made writes wait). */
export class CommitTimes {
  private readonly ms = new Float64Array(10_000)
  private commits = 0
  private writes = 0

  add(ms: number, writes: number) {
    this.ms[this.commits % this.ms.length] = ms
    this.commits++
    this.writes += writes
  }

  summary(): { commits: number; writes: number; p50: number; p99: number; max: number } | null {
    if (this.commits === 0) return null
    const kept = [...this.ms.subarray(0, Math.min(this.commits, this.ms.length))].sort((a, b) => a - b)
    const at = (p: number) => Math.round(kept[Math.min(kept.length - 1, Math.floor(p * kept.length))] * 10) / 10
    return { commits: this.commits, writes: this.writes, p50: at(0.5), p99: at(0.99), max: at(1) }
  }
}
