/**
 * One dispatch run (`notify.dispatchDue`, every 5 minutes from the local cron and the CloudBase timer):
 * read what may be due, ask the domain which reminders are due now, and deliver each once. Exactly
 * once rests on the store: the inbox message's id comes from (key, member) and delivering inserts it
 * if absent, so overlapping runs and a run that died half-way deliver nothing twice. The WeChat push
 * follows only this run's own insert, so it is never sent twice either.
 */
import type { ObligationItem } from '../../contract/obligations'
import type { DispatchReport, NotifyPreferences, Reminder } from '../../contract/notify'
import { TEMPLATE_OF_KIND } from '../../contract/vocabulary'
import { parsePeriod } from '../../domain/period'
import { deliverable, dueReminders, type ObligationReminderInput } from '../../domain/reminders'
import { SHANGHAI_OFFSET_MS } from '../../domain/time'
import type { Ctx } from '../../runtime/context'
import { PolicySource } from '../../runtime/policySource'
import { evaluateCity } from '../stats/obligations/evaluation'
import type { SubscribeSender } from './wechatSender'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
/** Obligations are looked at once a day, from 08:00 Shanghai (evaluating the city's targets is the run's dearest read). */
const OBLIGATIONS_HOUR = 8
const OBLIGATIONS_KEY = 'notify:obligationsDay'
/** Open items due within this are reminded of (the domain decides 7 or 3 days). */
const OBLIGATION_HORIZON_MS = 7 * DAY
const ROSTER_LIMIT = 100_000

/** The Shanghai calendar day of `now`, and whether it is past 08:00 there. */
function shanghaiMorning(now: Date): { day: string; due: boolean } {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS)
  return { day: local.toISOString().slice(0, 10), due: local.getUTCHours() >= OBLIGATIONS_HOUR }
}

const isDueSoon = (item: ObligationItem, now: number): boolean =>
  item.state === 'overdue' || ((item.state === 'open' || item.state === 'pending') && Date.parse(item.dueBy) - now <= OBLIGATION_HORIZON_MS)

/**
 * The targets' items to remind of today, with whom: a branch's 支部书记 and 组织委员 for branch items,
 * the unit's admins for a unit's own items. Once a day: later runs that day read nothing.
 */
async function obligationInputs(ctx: Ctx, now: Date): Promise<{ inputs: ObligationReminderInput[]; markDone: (() => Promise<void>) | null }> {
  const morning = shanghaiMorning(now)
  if (!morning.due || (await ctx.store.getSetting(OBLIGATIONS_KEY)) === morning.day) return { inputs: [], markDone: null }
  // The policy in force (the timer's context carries the default; a city admin may have changed the rhythm).
  const policy = await new PolicySource(ctx.policy, ctx.store).at(now)
  const evaluation = await evaluateCity({ ...ctx, policy }, parsePeriod(morning.day.slice(0, 4), now))
  const t = now.getTime()
  const due: { targetId: string; targetName: string; item: ObligationItem }[] = []
  for (const target of evaluation.targets)
    for (const item of evaluation.items.get(target.id) ?? []) if (isDueSoon(item, t)) due.push({ targetId: target.id, targetName: target.name, item })
  // Only the units that owe something are read, each once.
  const units = [...new Set(due.map((d) => d.item.unitId))]
  const rosters = new Map(await Promise.all(units.map(async (u) => [u, await ctx.store.listMembersOfUnit(u, undefined, false, ROSTER_LIMIT)] as const)))
  const runners = (unitId: string, branchId: string | null): string[] =>
    (rosters.get(unitId) ?? [])
      .filter((m) =>
        m.roles.some((g) =>
          branchId ? (g.role === 'branchSecretary' || g.role === 'branchOrganizer') && g.branchId === branchId : g.role === 'unitAdmin' && g.unitId === unitId,
        ),
      )
      .map((m) => m.id)
  const inputs = due.map((d) => ({ ...d, recipients: runners(d.item.unitId, d.item.branchId) })).filter((d) => d.recipients.length > 0)
  return { inputs, markDone: () => ctx.store.putSetting(OBLIGATIONS_KEY, morning.day) }
}

/** Every reminder due at `now`, from the store's reads of what may be due. */
export async function remindersDue(ctx: Ctx, now: Date): Promise<{ reminders: Reminder[]; markDone: (() => Promise<void>) | null }> {
  const iso = (ms: number) => new Date(now.getTime() + ms).toISOString()
  const s = ctx.store
  const [starting, openShifts, decisions, returned, objections, obligations] = await Promise.all([
    // Up to a day ahead (the day-before reminder), with a run's slack.
    s.activitiesStarting(iso(0), iso(DAY + 5 * MINUTE)),
    s.openShifts(iso(-3 * HOUR), iso(0)),
    s.decisionsBetween(iso(-3 * DAY), iso(1)),
    s.recordsReturned(iso(-3 * DAY), iso(1)),
    s.objectionsResolvedBetween(iso(-3 * DAY), iso(1)),
    obligationInputs(ctx, now),
  ])
  const reminders = dueReminders({ now, starting, openShifts, decisions, returned, objections, obligations: obligations.inputs })
  return { reminders, markDone: obligations.markDone }
}

/** A subscribe message opens this page (an app path without its leading slash). */
const pageOf = (link: string | null): string => (link ?? '/pages/index/index').replace(/^\//, '')

export interface DispatchOptions {
  /** WeChat's subscribe-message sender; none in the local world (inbox only). */
  sender?: SubscribeSender | null
}

/** Find what is due and deliver each reminder once; push it to WeChat where the member subscribed. */
export async function dispatchDue(ctx: Ctx, opts: DispatchOptions = {}): Promise<DispatchReport> {
  const now = ctx.now()
  const at = now.toISOString()
  const report: DispatchReport = { at, due: 0, delivered: 0, pushed: 0, skipped: 0, held: 0, off: 0, fellBack: 0 }
  const { reminders, markDone } = await remindersDue(ctx, now)
  report.due = reminders.length
  const done = reminders.length ? await ctx.store.deliveredKeys(reminders.map((r) => ({ key: r.key, memberId: r.memberId }))) : new Set<string>()
  // The pre-filter only saves work; deliverOnce decides. Keys in the set are `<key>|<memberId>` or the key alone.
  const fresh = reminders.filter((r) => !done.has(`${r.key}|${r.memberId}`) && !done.has(r.key))
  report.skipped = reminders.length - fresh.length
  const members = [...new Set(fresh.map((r) => r.memberId))]
  const prefs: Map<string, NotifyPreferences> = members.length ? await ctx.store.preferencesOf(members) : new Map()
  const sender = opts.sender ?? ctx.subscribe ?? null
  const openIds = sender && members.length ? await ctx.store.openIdsOf(members) : new Map<string, string>()
  for (const r of fresh) {
    const verdict = deliverable(r, prefs.get(r.memberId) ?? { off: [], subscriptions: {} }, now)
    if (verdict === 'off') {
      report.off++
      continue
    }
    if (verdict === 'held') {
      report.held++
      continue
    }
    const { message, delivered } = await ctx.store.deliverOnce({ key: r.key, memberId: r.memberId, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: at })
    if (!delivered) {
      report.skipped++
      continue
    }
    report.delivered++
    const template = TEMPLATE_OF_KIND[r.kind]
    const templateId = sender?.templateIds[template]
    const openId = openIds.get(r.memberId)
    if (!sender || !templateId || !openId) continue
    // A send spends the member's one-time subscription; none left means the inbox only.
    if (!(await ctx.store.spendSubscription(r.memberId, template))) {
      report.fellBack++
      continue
    }
    const sent = await sender.send({ touser: openId, templateId, page: pageOf(r.link), data: r.fields }).catch((e: unknown) => ({ errcode: -1, errmsg: String(e) }))
    if (sent.errcode === 0) {
      await ctx.store.markPushed(message.id)
      report.pushed++
    } else report.fellBack++
  }
  if (markDone) await markDone()
  return report
}
