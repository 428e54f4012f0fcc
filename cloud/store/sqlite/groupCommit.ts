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

  constructor(
    private readonly db: Database.Database,
    private readonly maxBatch = 500,
  ) {}

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
      values = this.db.transaction(() => jobs.map((job) => job.run())).immediate()
    } catch {
      // Some job refused (or the commit failed): nothing of the batch was kept; replay it below.
    }
    if (values) {
      const done = values
      return jobs.forEach((job, i) => job.resolve(done[i]))
    }
    const outcomes: { ok: boolean; value: unknown }[] = []
    try {
      this.db
        .transaction(() => {
          for (const job of jobs) {
            // A savepoint per job: one refused write does not undo its neighbours.
            try {
              outcomes.push({ ok: true, value: this.db.transaction(job.run)() })
            } catch (e) {
              outcomes.push({ ok: false, value: e })
            }
          }
        })
        .immediate()
    } catch (e) {
      for (const job of jobs) job.reject(e)
      return
    }
    jobs.forEach((job, i) => (outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value)))
  }
}
