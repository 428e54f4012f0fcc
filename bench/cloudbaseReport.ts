/** The CloudBase (WeChat world) section of the bench report: its figures, budgets and table. */
import type { BranchLifeCounts } from './branchLife'

/** One call as the meter saw it. */
export interface Measured {
  requests: number
  /** Requests made one after another (the longest chain). */
  sequential: number
  /** Records the database returned. */
  documents: number
  /** Wall time of the call with every request delayed by the simulated round trip, ms. */
  wallMs: number
  /** The part of `wallMs` the fake spent computing answers (matching, sorting, grouping, copying), ms. */
  fakeMs: number
  /** The longest chain of requests, in order. */
  chain: string[]
  byKind: [string, number][]
}

export interface CloudBaseAction {
  /** `checkin.checkIn first scan`, … */
  name: string
  /** Who called (role and member id). */
  caller: string
  /** On a warm instance (its second call). */
  warm: Measured
  /** The first call, on a fresh instance. */
  cold: Measured
}

export interface TimerInvocation {
  wallMs: number
  fakeMs: number
  requests: number
  sequential: number
  documents: number
  chain: string[]
}

export interface CloudBaseReport {
  at: string
  /** The simulated network round trip of every database request, ms. */
  delayMs: number
  city: {
    units: number
    members: number
    activities: number
    records: Record<string, number>
    attendanceLecture: number
    largestLecture: number
    /** The year's branch life (absent in reports before it was generated). */
    branchLife?: BranchLifeCounts
  }
  /** 'identical' when records built directly match what the adapter writes for the same events. */
  shapes: string
  actions: CloudBaseAction[]
  timer: {
    /** `timerTick` until its reconcile is complete, or one `reconcile` call where there is no timerTick. */
    mode: 'timerTick' | 'reconcile'
    invocations: TimerInvocation[]
    complete: boolean
    /** Counters the pass compared, and how many the fake holds. */
    checked: number
    counters: number
    repaired: number
    viewsBuilt: number | null
  }
  bundles: { name: string; bytes: number }[]
  /** Seconds per phase of the section. */
  seconds: Record<string, number>
  peakHeapMB: number
}

const ok = (pass: boolean) => (pass ? '✅' : '❌')
const MAX_INVOCATION_MS = 30_000
const MAX_BUNDLE_KB = 600

interface Budget {
  /** Names of the actions this budget covers (prefixes of CloudBaseAction.name). */
  actions: string[]
  text: string
  /** On the warm call; `r` for budgets that scale with the city. */
  pass: (m: Measured, r: CloudBaseReport) => boolean
}

const BUDGETS: Budget[] = [
  { actions: ['checkin.checkIn'], text: '≤ 6 sequential', pass: (m) => m.sequential <= 6 },
  { actions: ['checkin.checkOut', 'member.me', 'activity.list', 'checkin.mine'], text: '≤ 4 sequential', pass: (m) => m.sequential <= 4 },
  { actions: ['activity.qrToken'], text: '≤ 2 requests', pass: (m) => m.requests <= 2 },
  { actions: ['stats.leaderboard', 'stats.coverage', 'stats.volunteer', 'stats.myScore'], text: '≤ 3 sequential, ≤ 300 documents', pass: (m) => m.sequential <= 3 && m.documents <= 300 },
  { actions: ['activity.attendance (~2'], text: '≤ 6 sequential', pass: (m) => m.sequential <= 6 },
  // The admin's obligations pages are computed afresh from the year's records: a few round trips one after another
  // (7 × 20 ms at full size) and documents that grow with the city's members (the youth, the meetings and their
  // records, about 1.1 a member), never with the filed rolls' rows (records are read without them) nor with
  // check-ins (which youth-group sessions someone attended is one grouped sum per session).
  {
    actions: ['stats.obligations', 'stats.obligationTrend'],
    text: '≤ 10 sequential, ≤ 450 requests, ≤ 2 documents per member',
    pass: (m, r) => m.sequential <= 10 && m.requests <= 450 && m.documents <= 2 * r.city.members,
  },
]

export const budgetOf = (name: string): Budget | null => BUDGETS.find((b) => b.actions.some((a) => name.startsWith(a))) ?? null

/** A chain with repeats folded: `get ledger ×12 → doc.get members`. */
export function foldChain(chain: string[]): string {
  const out: [string, number][] = []
  for (const what of chain) {
    const last = out[out.length - 1]
    if (last && last[0] === what) last[1]++
    else out.push([what, 1])
  }
  return out.map(([what, n]) => (n > 1 ? `${what} ×${n}` : what)).join(' → ')
}

const figures = (m: Measured, delayMs: number) =>
  `${m.requests} req, **${m.sequential} seq** (${m.sequential} × ${delayMs} = ${m.sequential * delayMs} ms), ${m.documents} docs, ${m.wallMs} ms${m.fakeMs >= 5 ? ` (fake ${m.fakeMs})` : ''}`

const differs = (a: Measured, b: Measured) => a.requests !== b.requests || a.sequential !== b.sequential || a.documents !== b.documents

export interface Miss {
  figure: string
  chain: string[]
}

export function cloudbaseRows(r: CloudBaseReport): { rows: string[][]; misses: Miss[] } {
  const rows: string[][] = []
  const misses: Miss[] = []
  for (const a of r.actions) {
    const budget = budgetOf(a.name)
    const pass = budget ? budget.pass(a.warm, r) : true
    if (!pass) misses.push({ figure: a.name, chain: a.warm.chain })
    rows.push([`${a.name} (${a.caller})`, figures(a.warm, r.delayMs), differs(a.cold, a.warm) ? figures(a.cold, r.delayMs) : 'same', budget?.text ?? 'diagnostic', budget ? ok(pass) : ''])
  }
  const t = r.timer
  const simulated = (i: TimerInvocation) => i.wallMs - i.fakeMs
  const slowest = t.invocations.reduce<TimerInvocation | null>((s, i) => (!s || simulated(i) > simulated(s) ? i : s), null)
  const inTime = t.invocations.every((i) => simulated(i) <= MAX_INVOCATION_MS)
  const whole = t.complete && t.checked >= t.counters
  const timerPass = inTime && whole && t.repaired === 0
  if (!timerPass && slowest) misses.push({ figure: `timer (slowest invocation)`, chain: slowest.chain })
  rows.push([
    t.mode === 'timerTick' ? 'timer: `timerTick` until the reconcile pass is complete' : 'timer: one `reconcile` (no `timerTick` exported)',
    `${t.invocations.length} invocation(s); slowest **${slowest ? (simulated(slowest) / 1000).toFixed(1) : '—'} s simulated**` +
      (slowest ? ` (${(slowest.wallMs / 1000).toFixed(1)} s wall, of which the fake's own work ${(slowest.fakeMs / 1000).toFixed(1)} s; ${slowest.requests} req, ${slowest.sequential} seq)` : '') +
      `; ${t.complete ? 'complete' : '**not complete**'}, ${t.checked} of ${t.counters} counters checked; drift ${t.repaired}${t.viewsBuilt !== null ? `; ${t.viewsBuilt} views built` : ''}`,
    '',
    'every invocation ≤ 30 s simulated; whole city; drift 0',
    ok(timerPass),
  ])
  for (const b of r.bundles) rows.push([`bundle \`${b.name}\``, `${Math.round(b.bytes / 1024)} KB`, '', `≤ ${MAX_BUNDLE_KB} KB`, ok(b.bytes <= MAX_BUNDLE_KB * 1024)])
  return { rows, misses }
}

export function cloudbaseMarkdown(r: CloudBaseReport): string {
  const { rows, misses } = cloudbaseRows(r)
  const records = Object.entries(r.city.records)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
  return [
    `## CloudBase (WeChat world)`,
    '',
    `Run ${r.at}. Every database request (each \`get\` page, \`count\`, \`add\`, \`update\`, aggregation \`end\`; a transaction's start, operations and commit) ` +
      `waits a simulated round trip of ${r.delayMs} ms on the CloudBase fake. Each action runs through the WeChat entry (\`createWeChatMain\`, caller from OPENID) as a deployed function would: ` +
      `its first call on a fresh instance (cold), then a second on the same instance (warm; budgets apply to it). ` +
      `"seq" is the longest chain of requests made one after another; "docs" the records read; ms the call's wall time with the delays, ` +
      `and in brackets the part of it the fake spent computing answers with mingo. The round trip stands for a request's whole cost, server work included, so a timer ` +
      `invocation's simulated time is its wall time less the fake's own work.`,
    `City: ${r.city.units} units, ${r.city.members} members, ${r.city.activities} activities; ${records}.` +
      (r.city.branchLife
        ? ` Branch life of the year so far: ${r.city.branchLife.meetings} branch meetings (${r.city.branchLife.filed} filed with their roll, ${r.city.branchLife.rollRows} roll rows; ${r.city.branchLife.drafts} drafts), ` +
          `${r.city.branchLife.democratic} 民主生活会, ${r.city.branchLife.scores} branch scores, ${r.city.branchLife.dutyReports} 述职.`
        : '') +
      ` The organisation, WeChat bindings, activities and branch life were written through the CloudBaseStore; ` +
      `check-ins, ledger, counters and daily-cap records were built directly in the adapter's shape and bulk-loaded (shape check: ${r.shapes}). ` +
      `Attendance: a past city lecture of ${r.city.attendanceLecture} check-ins (and the largest, ${r.city.largestLecture}). ` +
      `Phases: ${Object.entries(r.seconds)
        .map(([k, v]) => `${k} ${v} s`)
        .join(', ')}; peak heap ${r.peakHeapMB} MB.`,
    '',
    '| figure | measured (warm) | first call (cold) | budget | |',
    '|---|---|---|---|---|',
    ...rows.map((c) => `| ${c.join(' | ')} |`),
    '',
    ...(misses.length
      ? ['Request chains of the misses (longest chain of requests made one after another):', '', ...misses.map((m) => `- **${m.figure}**: ${m.chain.length ? foldChain(m.chain) : '—'}`), '']
      : []),
  ].join('\n')
}
