/** Load helpers: autocannon in this process (pinned to its own core by `npm run bench`). */
import autocannon from 'autocannon'

export interface LoadResult {
  requests: number
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  durationS: number
  /** CPU used by this (generator) process during the run, as a share of one core. */
  generatorCpu: number
  /** When the last connection got its first answer (ms from the start), and the latency of the requests sent after that. */
  allOpen?: { afterMs: number; p50: number; p99: number; requests: number }
}

const ms = () => Number(process.hrtime.bigint()) / 1e6
const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 100) / 100

/**
 * Every answer with the client (connection) it came on: a server accepts new connections one per
 * turn of its event loop (libuv), so under load the first request on each new connection also
 * waits to be accepted; that wait is told apart from the steady state here.
 */
class Answers {
  private readonly t0 = ms()
  private readonly sentAt: number[] = []
  private readonly took: number[] = []
  private readonly answered = new Set<unknown>()
  private allOpenAt = Infinity
  lastAt = this.t0

  constructor(private readonly connections: number) {}

  add(client: unknown, tookMs: number) {
    this.lastAt = ms()
    this.sentAt.push(this.lastAt - tookMs)
    this.took.push(tookMs)
    if (!this.answered.has(client)) {
      this.answered.add(client)
      if (this.answered.size === this.connections) this.allOpenAt = this.lastAt
    }
  }

  allOpen(): LoadResult['allOpen'] {
    const steady = this.took.filter((_, i) => this.sentAt[i] >= this.allOpenAt).sort((a, b) => a - b)
    if (steady.length === 0) return undefined
    return { afterMs: Math.round(this.allOpenAt - this.t0), p50: percentile(steady, 0.5), p99: percentile(steady, 0.99), requests: steady.length }
  }
}

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const cpu0 = process.cpuUsage()
  const t0 = ms()
  const answers = new Answers(opts.connections ?? 10)
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)))
    run.on('response', (client: unknown, _status: number, _bytes: number, tookMs: number) => answers.add(client, tookMs))
  })
  // A run of a fixed number of requests only ends on autocannon's next 1-second tick, which would
  // add up to a second of nothing to the wall time: the last answer marks the end instead.
  const wall = ((opts.amount ? answers.lastAt : ms()) - t0) / 1e3
  const cpu = process.cpuUsage(cpu0)
  const requests = r.requests.total
  return {
    requests,
    rps: Math.round(requests / wall),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    durationS: Math.round(r.duration * 100) / 100,
    generatorCpu: Math.round(((cpu.user + cpu.system) / 1e6 / wall) * 100) / 100,
    allOpen: answers.allOpen(),
  }
}

/** Sequential timed calls: latency of one request at a time, p50/p99 in ms. */
export async function timeCalls(n: number, call: (i: number) => Promise<void>): Promise<{ calls: number; p50: number; p99: number; max: number; first: number }> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint()
    await call(i)
    times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  // The first call shows what a cold cache costs; the percentiles what people see afterwards.
  const first = Math.round(times[0] * 100) / 100
  times.sort((a, b) => a - b)
  return { calls: n, p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: Math.round(times[times.length - 1] * 100) / 100, first }
}
