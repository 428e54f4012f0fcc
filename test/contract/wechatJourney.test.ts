/**
 * The WeChat world end to end: bind → activity list → scan the organizer's rotating QR code → check
 * in → 我的记录, with the app's own weapp code (services over transport.weapp.ts, the scanner) calling
 * the BUILT function bundles (`npm run build:cloud`) on the CloudBase fake, an organizer's and a
 * member's phone each with its own OPENID. Because the events come from the app's transport and go
 * into each bundle's `main(event)`, the two halves are proven to agree on the envelope.
 * The runner (wechatJourney.runner.ts) runs in its own Node process; see there for the stand-ins.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildCloud, CLOUD_OUT } from '../../scripts/buildCloud'
import { runTsx, type Finished } from '../helpers/tsxProcess'

const ROOT = join(__dirname, '..', '..')
const FUNCTIONS = ['member', 'activity', 'checkin'] as const

interface CallLine {
  kind: 'call'
  phone: string
  openId: string
  fn: string
  event: Record<string, unknown> & { action?: unknown; userInfo?: { openId?: unknown } }
  ok: boolean
  code: string | null
  message?: string
  thrown?: string
}
interface StepLine {
  kind: 'step'
  step: string
  phone: string
  sees?: Record<string, unknown>
  failed?: { code: string | null; message: string }
}
interface Summary {
  kind: 'summary'
  calls: number
  steps: number
  crashed?: string
}
type Line = CallLine | StepLine | Summary

const ORGANIZER = 'oJourney-organizer-o1'
const MEMBER = 'oJourney-member-m1'

let snapshot = ''
let runner: Finished
let calls: CallLine[] = []
let steps: StepLine[] = []
let summary: Summary | undefined


/**
 * Build, then take a private copy of the bundles (under dist/, so anything they require from
 * node_modules still resolves), so another test rebuilding dist/cloudfunctions meanwhile cannot
 * pull them away mid-run. A copy caught mid-rebuild is incomplete: build again.
 */
async function builtSnapshot(): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    await buildCloud(() => {})
    const dir = mkdtempSync(join(ROOT, 'dist', '.wechat-journey-'))
    try {
      cpSync(CLOUD_OUT, dir, { recursive: true })
      if (FUNCTIONS.every((fn) => existsSync(join(dir, fn, 'index.js')))) return dir
    } catch {
      // dist/cloudfunctions was being rewritten while it was copied.
    }
    rmSync(dir, { recursive: true, force: true })
    if (attempt === 3) throw new Error(`could not take a complete copy of ${CLOUD_OUT} in 3 attempts`)
  }
}

/** The step of this name, or an error showing the whole run. */
function seen(name: string): Record<string, unknown> {
  const s = steps.find((x) => x.step === name)
  if (!s?.sees) throw new Error(`step “${name}” did not succeed: ${JSON.stringify(s)}\n--- stdout\n${runner.stdout}\n--- stderr\n${runner.stderr}`)
  return s.sees
}
const callsOf = (fn: string, action: string) => calls.filter((c) => c.fn === fn && c.event.action === action)

beforeAll(async () => {
  snapshot = await builtSnapshot()
  runner = await runTsx(['test/contract/wechatJourney.runner.ts', snapshot])
  const lines = runner.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line)
  calls = lines.filter((l): l is CallLine => l.kind === 'call')
  steps = lines.filter((l): l is StepLine => l.kind === 'step')
  summary = lines.find((l): l is Summary => l.kind === 'summary')
}, 180_000)

afterAll(() => {
  if (snapshot) rmSync(snapshot, { recursive: true, force: true })
})

test('the journey ran to its end: every step succeeded, every call answered with an envelope, nothing thrown or INTERNAL', () => {
  const context = `\n--- stdout\n${runner.stdout}\n--- stderr\n${runner.stderr}`
  if (!summary || summary.crashed) throw new Error(`the runner did not finish${context}`)
  expect(steps.filter((s) => s.failed)).toEqual([])
  expect(steps).toHaveLength(summary.steps)
  expect(calls).toHaveLength(summary.calls)
  expect(calls.filter((c) => c.thrown)).toEqual([])
  expect(calls.filter((c) => c.code === 'INTERNAL')).toEqual([])
  // The one refusal is the unbound launch, before binding.
  expect(calls.filter((c) => !c.ok).map((c) => `${c.fn}.${String(c.event.action)} ${c.code}`)).toEqual(['member.me UNAUTHENTICATED'])
  expect(runner.code).toBe(0)
})

test('the event each bundle received is the app’s: its input and the action side by side, plus the userInfo CloudBase adds', () => {
  const userInfo = (openId: string) => ({ appId: 'wx00000000journey', openId })
  const lecture = String((seen('member opens the list').activities as { id: string }[])[0]?.id)
  const token = String(seen('organizer shows the QR code').token)
  expect(callsOf('member', 'bind').map((c) => c.event)).toEqual([
    { bindCode: 'BINDDY0003', action: 'bind', userInfo: userInfo(ORGANIZER) },
    { bindCode: ' BINDDY0004 ', action: 'bind', userInfo: userInfo(MEMBER) },
  ])
  expect(callsOf('activity', 'list')[0].event).toEqual({ view: 'forMe', action: 'list', userInfo: userInfo(MEMBER) })
  expect(callsOf('activity', 'qrToken')[0].event).toEqual({ id: lecture, action: 'qrToken', userInfo: userInfo(ORGANIZER) })
  expect(callsOf('checkin', 'checkIn')[0].event).toEqual({
    activityId: lecture,
    token,
    idempotencyKey: expect.stringMatching(/^[a-z0-9]+-[a-z0-9]+$/),
    // The phone's own id, made once and kept in its storage (src/utils/deviceId.ts).
    deviceId: expect.stringMatching(/^[\w-]{24}$/),
    action: 'checkIn',
    userInfo: userInfo(MEMBER),
  })
  expect(callsOf('checkin', 'mine')[0].event).toEqual({ action: 'mine', userInfo: userInfo(MEMBER) })
  // Every event names its action; the session of the web world never travels.
  for (const c of calls) {
    expect(typeof c.event.action).toBe('string')
    expect(c.event).not.toHaveProperty('session')
  }
})

test('each call ran as the phone’s OPENID: the organizer published and showed the code, the member did the rest', () => {
  expect(calls.every((c) => c.event.userInfo?.openId === c.openId)).toBe(true)
  expect(calls.filter((c) => c.openId === ORGANIZER).map((c) => `${c.fn}.${String(c.event.action)}`)).toEqual([
    'member.bind',
    'activity.create',
    'activity.qrToken',
    'activity.qrToken',
  ])
  expect(new Set(calls.filter((c) => c.openId === MEMBER).map((c) => c.fn))).toEqual(new Set(['member', 'activity', 'checkin']))
})

test('what the member sees: their name once bound, the lecture in the list, 签到成功 with 1 point, the record in 我的记录', () => {
  expect(seen('organizer binds')).toEqual({ name: '王芳', isOrganizer: true })
  expect(seen('organizer publishes')).toEqual({ status: 'published', title: '处长讲坛：机关党建与业务融合' })

  expect(seen('member launches, unbound')).toEqual({ me: 'refused UNAUTHENTICATED' })
  expect(seen('member binds')).toEqual({ name: '李强', unitName: '市委办公室' })
  const list = seen('member opens the list').activities as { id: string; title: string; unitName: string; checkedIn: boolean }[]
  expect(list).toEqual([{ id: expect.any(String), title: '处长讲坛：机关党建与业务融合', unitName: '市委办公室', checkedIn: false }])
  const lecture = list[0].id

  // The organizer's screen: a short rotating token inside a link to the check-in page.
  const qr = seen('organizer shows the QR code') as { checkInUrl: string; token: string; periodSec: number; arrivals: number }
  expect(qr.periodSec).toBe(15)
  expect(qr.arrivals).toBe(0)
  expect(qr.checkInUrl).toContain(`/pages/checkin/index?a=${lecture}&t=${qr.token}`)

  // WeChat's scanner opened the check-in page with that activity and token, without any message.
  expect(seen('member scans')).toEqual({ opened: `/pages/checkin/index?a=${lecture}&t=${qr.token}`, toasts: [] })
  expect(seen('member checks in')).toEqual({ headline: '签到成功', pointsEarned: 1, title: '处长讲坛：机关党建与业务融合', method: 'qr' })
  expect(seen('member opens 我的记录')).toEqual({ records: [{ activityId: lecture, title: '处长讲坛：机关党建与业务融合', points: 1, method: 'qr' }] })
})

test('afterwards: a second scan is the same check-in, the list marks it, the organizer counts one arrival', () => {
  expect(seen('member scans again')).toMatchObject({ headline: '您已签到' })
  expect(seen('member opens the list again').activities).toEqual([{ id: expect.any(String), checkedIn: true }])
  expect(seen('member opens 我的记录 again')).toEqual({ records: 1 })
  expect(seen('organizer sees arrivals')).toEqual({ arrivals: 1 })
})

test('the WeChat account bound earlier is recognised on an empty phone by member.me, without a bind code', () => {
  expect(seen('member launches on an empty phone')).toEqual({ name: '李强' })
  const last = calls.filter((c) => c.phone === 'memberNewPhone')
  expect(last.map((c) => `${c.fn}.${String(c.event.action)}`)).toEqual(['member.me'])
})
