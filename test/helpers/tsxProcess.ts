import { spawn } from 'node:child_process'
import { join } from 'node:path'

export interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

/** Run a TypeScript file of this repository in its own Node process (through tsx), from the repository root. */
export const runTsx = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  new Promise<Finished>((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), ...args], { cwd: join(__dirname, '..', '..'), env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
