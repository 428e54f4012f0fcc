import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const ARTIFACTS = join(__dirname, '..', 'artifacts')

/**
 * Debian's Chromium, headless. Missing Chromium fails the run loudly with the install command:
 * a browser test that silently skips would be a check that never ran.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    const msg =
      `\n\n*** 浏览器测试需要 Chromium，但 ${CHROMIUM} 不存在 ***\n` +
      `*** Browser tests need Debian's Chromium. Install it with:\n` +
      `***   apt-get update && apt-get install -y chromium fonts-noto-cjk\n\n`
    console.error(msg)
    throw new Error(msg)
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
