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
}

export async function load(opts: autocannon.Options): Promise<LoadResult> {
  const cpu0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  // A run of a fixed number of requests only ends on autocannon's next 1-second tick, which would
  // add up to a second of nothing to the wall time: the last response marks the end instead.
  let lastResponse = t0
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({ ...opts }, (err, result) => (err ? reject(err) : resolve(result)))
    run.on('response', () => (lastResponse = process.hrtime.bigint()))
  })
  const end = opts.amount ? lastResponse : process.hrtime.bigint()
  const wall = Number(end - t0) / 1e9
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
  const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 100) / 100
  return { calls: n, p50: q(0.5), p99: q(0.99), max: Math.round(times[times.length - 1] * 100) / 100, first }
}
