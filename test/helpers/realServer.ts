import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DemoAccount } from '../../cloud/contract/model'

const ROOT = join(__dirname, '..', '..')

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })

export interface RealServer {
  url: string
  dataDir: string
  accounts: DemoAccount[]
  output: () => string
  stop: () => Promise<void>
}

/**
 * `npm start` as a user runs it (same entry, same seeding, h5 build served), on a fresh data
 * folder and a free port. Resolves once the server prints its URL.
 */
export async function startRealServer(): Promise<RealServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'party-checkin-e2e-'))
  const port = await freePort()
  let log = ''
  const child: ChildProcess = spawn(process.execPath, ['--require', 'tsx/cjs', 'cloud/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (c: Buffer) => (log += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (log.includes('已启动')) {
        clearInterval(timer)
        resolve()
      }
    }, 100)
    child.on('exit', (code) => {
      clearInterval(timer)
      reject(new Error(`server exited with ${code}:\n${log}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    accounts: JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[],
    output: () => log,
    stop: async () => {
      child.removeAllListeners('exit')
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
