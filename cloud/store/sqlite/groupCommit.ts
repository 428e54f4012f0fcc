import type Database from 'better-sqlite3'

interface Job {
  run: () => unknown
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Group commit: writes that arrive together (one event-loop turn, e.g. a crowd scanning one QR code)
 * run in one transaction, each in its own savepoint, and are acknowledged only after that single
 * commit. With `synchronous=FULL` a commit waits for the disk; sharing it keeps every acknowledged
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
