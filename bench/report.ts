import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cloudbaseMarkdown, type CloudBaseReport } from './cloudbaseReport'
import type { LoadResult } from './load'
import { OBLIGATION_READ_MS, isObligationRead, type WorkbookFigure } from './obligationCalls'

type Timing = { calls: number; p50: number; p99: number; max: number; first: number }

export interface Report {
  at: string
  machine: { cpu: string; cores: number; memoryGB: number; node: string }
  durability: string
  /** `meetings`: branch meetings among the activities (absent in reports before branch life). */
  city: { members: number; activities: number; meetings?: number; checkIns: number; ledgerRows: number }
  health: LoadResult
  checkIn: LoadResult
  ratio: number
  /** Server CPU per request (all threads), µs: what each request costs, whatever else the machine did. */
  serverCpuUs: { health: number; checkIn: number }
  verify: { recorded: number; distinctMembers: number; credited: number; expected: number; reconcileRepaired: number }
  reads: Record<string, Timing>
  /** The obligations dashboards' reads (in `reads`) were timed over `calls` calls each; the report workbook made once. */
  obligations?: { calls: number; workbook: WorkbookFigure }
  bareLookup: Timing
  /** GET /api/health one call at a time through the same client: the round trip under every read. */
  healthRoundTrip: Timing
  reconcile: { ms: number; scanMs: number; ratio: number; repaired: number }
  /**
   * The h5 first page: its JavaScript gzipped (the budget's measure), and index.html with its scripts and
   * stylesheets as transferred to a browser accepting brotli and gzip, and uncompressed (both absent in
   * reports before the server compressed; -1 without Chromium).
   */
  sizes: { weappMainKB: number; weappSubpackagesKB: Record<string, number>; h5FirstPageGzipKB: number; h5FirstPageTransferredKB?: number; h5FirstPageUncompressedKB?: number }
  serverPeakRssMB: number
  /** Peak RSS per phase (the peak is reset between phases); reconcile is the nightly job, not budgeted. */
  rssMB: { burst: number; reads: number; reconcile: number; obligations?: number }
  /** The server's group commits (warm-up and burst): how many, for how many check-ins, and how long each COMMIT waited, ms. */
  commits: { commits: number; writes: number; p50: number; p99: number; max: number } | null
  /** A second, profiled burst: share of the server's wall time per step of a check-in. */
  profile: { checkIns: number; rps: number; wallMs: number; steps: { step: string; share: number }[] }
  totalSeconds: number
  /** The CloudBase (WeChat world) section (bench/cloudbase.ts), when it ran. */
  cloudbase?: CloudBaseReport
}

/** What report.json holds: both sections, or only the CloudBase one (`--only cloudbase` before any local run). */
export type SavedReport = Report | { cloudbase: CloudBaseReport }

export const hasLocal = (r: SavedReport): r is Report => 'checkIn' in r

const ok = (pass: boolean) => (pass ? '✅' : '❌')

/** A read's p99 budget, ms: a member's records 5, the cached boards 10, the obligations dashboards (computed afresh, admins only) their own; exports none. */
function readLimitMs(name: string): number | null {
  if (name.includes('export')) return null
  if (isObligationRead(name)) return OBLIGATION_READ_MS
  return name.includes('records') ? 5 : 10
}

/** The local (SQLite, HTTP) section's table. */
function localMarkdown(r: Report): string {
  const rows: string[][] = [
    ['check-in / health throughput (same run)', `${r.checkIn.rps} / ${r.health.rps} req/s = **${r.ratio}**`, '≥ 0.5', ok(r.ratio >= 0.5)],
    ['server CPU per request (all threads)', `health ${r.serverCpuUs.health} µs, check-in ${r.serverCpuUs.checkIn} µs`, 'profile', ''],
    ['check-in latency, 100 connections', `p50 ${r.checkIn.p50} ms, p99 **${r.checkIn.p99} ms**`, 'p99 ≤ 50 ms', ok(r.checkIn.p99 <= 50)],
    ...(r.checkIn.allOpen
      ? [[`… once all 100 connections were open (after ${r.checkIn.allOpen.afterMs} ms; ${r.checkIn.allOpen.requests} requests)`, `p50 ${r.checkIn.allOpen.p50} ms, p99 ${r.checkIn.allOpen.p99} ms`, 'diagnostic', '']]
      : []),
    ...(r.commits
      ? [[`group commits (warm-up and burst)`, `${r.commits.commits} commits for ${r.commits.writes} check-ins (≈ ${Math.round(r.commits.writes / r.commits.commits)} each); COMMIT (log write + fsync) p50 ${r.commits.p50} ms, p99 ${r.commits.p99} ms, max ${r.commits.max} ms`, 'diagnostic', '']]
      : []),
    ['check-in errors / lost / duplicated', `${r.checkIn.errors + r.checkIn.non2xx} / ${r.verify.expected - r.verify.recorded} / ${r.verify.recorded - r.verify.distinctMembers}`, '0 / 0 / 0', ok(r.checkIn.errors + r.checkIn.non2xx === 0 && r.verify.recorded === r.verify.expected && r.verify.recorded === r.verify.distinctMembers)],
    ['counters vs ledger after the burst', `${r.verify.reconcileRepaired} repaired, ${r.verify.credited} credits`, '0 repaired', ok(r.verify.reconcileRepaired === 0)],
    ...Object.entries(r.reads).map(([k, t]) => {
      const limit = readLimitMs(k)
      return [`read: ${k}`, `p50 ${t.p50} ms, p99 **${t.p99} ms** (first call ${t.first} ms${isObligationRead(k) && r.obligations ? `; ${r.obligations.calls} calls` : ''})`, limit === null ? '—' : `p99 ≤ ${limit.toLocaleString('en')} ms`, limit === null ? '' : ok(t.p99 <= limit)]
    }),
    ...(r.obligations
      ? [['report workbook city (`stats.report`, once)', `${r.obligations.workbook.ms} ms, ${r.obligations.workbook.kb} KB, ${r.obligations.workbook.rows} rows (server peak RSS ${r.rssMB.obligations ?? '—'} MB over the obligations reads)`, 'diagnostic', '']]
      : []),
    ['bare indexed SQLite lookup (same run)', `p50 ${r.bareLookup.p50} ms, p99 ${r.bareLookup.p99} ms`, 'reference', ''],
    ['health round trip, one call at a time (same client)', `p50 ${r.healthRoundTrip.p50} ms, p99 ${r.healthRoundTrip.p99} ms`, 'reference', ''],
    ['reconcile / bare GROUP BY scan', `${r.reconcile.ms} / ${r.reconcile.scanMs} ms = **${r.reconcile.ratio}**`, '≤ 2', ok(r.reconcile.ratio <= 2)],
    ['weapp main package', `${r.sizes.weappMainKB} KB (subpackages: ${Object.entries(r.sizes.weappSubpackagesKB).map(([k, v]) => `${k} ${v} KB`).join(', ')})`, '≤ 600 KB', ok(r.sizes.weappMainKB <= 600)],
    ['h5 first page JavaScript, gzipped', `${r.sizes.h5FirstPageGzipKB} KB`, '≤ 150 KB', ok(r.sizes.h5FirstPageGzipKB >= 0 && r.sizes.h5FirstPageGzipKB <= 150)],
    ...(r.sizes.h5FirstPageTransferredKB !== undefined
      ? [['h5 first page as transferred (index.html, scripts, styles; br/gzip)', `**${r.sizes.h5FirstPageTransferredKB} KB** (uncompressed ${r.sizes.h5FirstPageUncompressedKB ?? '—'} KB)`, 'diagnostic', '']]
      : []),
    ['server peak RSS (burst and reads)', `${r.serverPeakRssMB} MB (burst ${r.rssMB.burst}, reads ${r.rssMB.reads}; nightly reconcile ${r.rssMB.reconcile})`, '≤ 150 MB', ok(r.serverPeakRssMB <= 150)],
  ]
  return [
    `Benchmark ${r.at} on ${r.machine.cores} × ${r.machine.cpu}, ${r.machine.memoryGB} GB, Node ${r.machine.node}. Server on core 0, load generator on core 1 (generator CPU ${Math.round(r.checkIn.generatorCpu * 100)} % of a core during the burst). Durability: ${r.durability}.`,
    `City: ${r.city.members} members, ${r.city.activities} activities${r.city.meetings ? ` (${r.city.meetings} of them branch meetings)` : ''}, ${r.city.checkIns} check-ins, ${r.city.ledgerRows} ledger rows. Whole run ${r.totalSeconds} s.`,
    '',
    '| figure | measured | budget | |',
    '|---|---|---|---|',
    ...rows.map((c) => `| ${c.join(' | ')} |`),
    '',
    `Where a check-in's time goes (server main thread, wall time, ${r.profile.checkIns} more check-ins at ${r.profile.rps} req/s under the V8 profiler; ` +
      `µs per check-in = share × ${r.profile.wallMs} ms / ${r.profile.checkIns}):`,
    '',
    '| step | share | µs per check-in |',
    '|---|---|---|',
    ...r.profile.steps.map((s) => `| ${s.step} | ${Math.round(s.share * 1000) / 10} % | ${Math.round((s.share * r.profile.wallMs * 1000) / r.profile.checkIns)} |`),
    '',
  ].join('\n')
}

export function markdown(r: SavedReport): string {
  return [hasLocal(r) ? localMarkdown(r) : null, r.cloudbase ? cloudbaseMarkdown(r.cloudbase) : null].filter((part) => part !== null).join('\n')
}

export function writeReport(r: SavedReport, dir: string) {
  writeFileSync(join(dir, 'report.json'), JSON.stringify(r, null, 2) + '\n')
  const md = markdown(r)
  writeFileSync(join(dir, 'report.md'), md)
  console.log('\n' + md)
}
