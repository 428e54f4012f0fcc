/**
 * Where a check-in's time goes: a V8 CPU profile of the server during a burst, each sample charged
 * to the innermost frame that belongs to a known step of the request (leaf first, so an HMAC
 * inside session checking counts as session checking). Samples are wall-clock, so time blocked in
 * a disk flush shows up under the frame that waited, and idle time is the event loop waiting.
 */
import { readFileSync } from 'node:fs'

interface Frame {
  functionName: string
  url: string
}
interface ProfileNode {
  id: number
  callFrame: Frame
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Steps of a check-in, most specific first; a frame matches on `file` and, when given, `fn`. */
const STEPS: { step: string; file?: RegExp; fn?: RegExp }[] = [
  { step: 'write transaction: check-in row, ledger entry, 6 counters, commit (fsync)', file: /store\/sqlite\/groupCommit|better-sqlite3\/lib\/methods\/transaction/ },
  { step: 'caller: session signature, revocation, member and roles', file: /server\/sessions|store\/sqlite\/(SqliteStore|sessions|org|rows)/, fn: /^(verify|mac|sessionMember|getMember|toMember|memberOf)$/ },
  { step: 'reads before the write: activity, earlier check-in, sign-up', file: /store\/sqlite\/(SqliteStore|activities|checkins)/, fn: /^(getActivity|getQrSecret|cachedActivity|findCheckIn|signedUpActivityIds)$/ },
  { step: 'check-in rules: QR token, window, audience, geofence', file: /domain\/(qrToken|checkIn|geo|activity|time)/ },
  { step: 'validation, rate limit and dispatch', file: /zod|runtime\/(dispatch|rateLimit|policySource)/ },
  { step: 'idle: waiting for requests', fn: /^\(idle\)$/ },
  { step: 'garbage collection', fn: /^\(garbage collector\)$/ },
]
const REST = 'HTTP, JSON and the event loop (as for health)'

export interface ProfileBreakdown {
  wallMs: number
  steps: { step: string; share: number }[]
}

export function breakdown(file: string): ProfileBreakdown {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const parent = new Map<number, number>()
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const stepOf = new Map<number, string>()
  const classify = (id: number): string => {
    const known = stepOf.get(id)
    if (known) return known
    let step = REST
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame
      const hit = STEPS.find((s) => (!s.file || s.file.test(f.url)) && (!s.fn || s.fn.test(f.functionName)))
      if (hit) {
        step = hit.step
        break
      }
    }
    stepOf.set(id, step)
    return step
  }
  // Only the burst: from the first sample inside the check-in action to the last one.
  const inCheckIn = (id: number): boolean => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame
      if (f.functionName === 'checkIn' && /functions\/checkin\/checkIn/.test(f.url)) return true
    }
    return false
  }
  const first = p.samples.findIndex(inCheckIn)
  let last = p.samples.length - 1
  while (last > first && !inCheckIn(p.samples[last])) last--
  const totals = new Map<string, number>()
  let wall = 0
  for (let i = Math.max(first, 0) + 1; i <= last; i++) {
    const dt = p.timeDeltas[i] ?? 0
    wall += dt
    const step = classify(p.samples[i])
    totals.set(step, (totals.get(step) ?? 0) + dt)
  }
  const steps = [...totals].map(([step, us]) => ({ step, share: Math.round((us / wall) * 1000) / 1000 })).sort((a, b) => b.share - a.share)
  return { wallMs: Math.round(wall / 1000), steps }
}
