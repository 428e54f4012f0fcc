/**
 * Durability: the real server (synchronous=FULL, group commit) is killed with SIGKILL in the middle
 * of a check-in burst; after a restart every check-in it had acknowledged is there, with its credit.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SessionSigner } from '../../cloud/server/sessions'
import { NO_CHECK } from '../helpers/api'

jest.setTimeout(120_000)

const ROOT = join(__dirname, '..', '..')
const SECRET = 'durability-test-secret'
let dataDir: string
let port: number

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port
      s.close(() => resolve(p))
    })
  })

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'cloud/server/main.ts', '--no-build'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SESSION_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so SIGKILL reaches everything the server started.
    detached: true,
  })
  let out = ''
  return new Promise((resolve, reject) => {
    const on = (c: Buffer) => {
      out += c.toString()
      if (out.includes('已启动')) resolve(child)
    }
    child.stdout?.on('data', on)
    child.stderr?.on('data', on)
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)))
  })
}

const post = async (fn: string, event: unknown, session: string) => {
  const res = await fetch(`http://127.0.0.1:${port}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
    body: JSON.stringify(event),
  })
  return { status: res.status, body: (await res.json()) as { ok: boolean; data: Record<string, unknown> } }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'party-checkin-durability-'))
  port = await freePort()
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

test('every acknowledged check-in survives a SIGKILL mid-burst', async () => {
  let server = await startServer()
  const db = new Database(join(dataDir, 'party-checkin.db'), { readonly: true })
  const admin = (db.prepare(`SELECT member_id AS id FROM member_roles WHERE role = 'cityAdmin'`).get() as { id: string }).id
  const members = (db.prepare(`SELECT id FROM members WHERE active = 1 ORDER BY id`).all() as { id: string }[]).map((m) => m.id)
  db.close()
  const signer = new SessionSigner(SECRET)
  const adminSession = signer.issue(admin, new Date()).session
  const start = new Date(Date.now() + 10 * 60_000)
  const created = await post(
    'activity',
    { action: 'create', kind: 'lecture', title: '断电测试讲座', startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString(), audience: { type: 'all' }, publish: true, noLocationReason: NO_CHECK },
    adminSession,
  )
  expect(created.status).toBe(200)
  const activityId = String(created.body.data.id)

  const acknowledged = new Set<string>()
  let killed = false
  let next = 0
  const worker = async () => {
    while (!killed && next < members.length) {
      const member = members[next++]
      const qr = await post('activity', { action: 'qrToken', id: activityId }, adminSession).then((r) => r.body).catch(() => null)
      if (!qr?.ok) return
      const res = await post('checkin', { action: 'checkIn', activityId, token: qr.data.token }, signer.issue(member, new Date()).session).catch(() => null)
      if (res?.status === 200 && res.body.ok) acknowledged.add(member)
      if (!killed && acknowledged.size >= 80) {
        killed = true
        process.kill(-server.pid!, 'SIGKILL')
      }
    }
  }
  await Promise.all(Array.from({ length: 20 }, worker))
  expect(killed).toBe(true)
  expect(acknowledged.size).toBeGreaterThanOrEqual(80)

  server = await startServer()
  try {
    const after = new Database(join(dataDir, 'party-checkin.db'), { readonly: true })
    const present = new Set((after.prepare('SELECT member_id FROM check_ins WHERE activity_id = ?').all(activityId) as { member_id: string }[]).map((r) => r.member_id))
    const credited = new Set((after.prepare('SELECT member_id FROM ledger WHERE activity_id = ?').all(activityId) as { member_id: string }[]).map((r) => r.member_id))
    after.close()
    const lost = [...acknowledged].filter((m) => !present.has(m) || !credited.has(m))
    expect(lost).toEqual([])
    // The restarted server answers and its counters agree with the ledger.
    const reconcile = await post('aggregate', { action: 'reconcile' }, adminSession)
    expect(reconcile.body.data.repaired).toBe(0)
  } finally {
    process.kill(-server.pid!, 'SIGTERM')
  }
})
