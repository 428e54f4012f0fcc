/**
 * Reminders (消息提醒): what is due at a moment, to whom, with what words, and whether it may go now.
 * Pure: the dispatch run reads the store, calls `dueReminders`, and delivers each reminder once by key.
 */
import type { ObligationItem } from '../contract/obligations'
import type { Objection } from '../contract/selection'
import type { NotifyPreferences, Reminder } from '../contract/notify'
import type { NotifyKind, SubscribeTemplate } from '../contract/vocabulary'
import { TEMPLATE_OF_KIND, URGENT_NOTIFY_KINDS } from '../contract/vocabulary'
import type { Decision, OpenShift, ReturnedRecord, StartingActivity } from '../store/ports/NotifyStore'
import { SHANGHAI_OFFSET_MS } from './time'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

export interface ObligationReminderInput {
  targetId: string
  targetName: string
  item: ObligationItem
  /** The branch's 支部书记/组织委员 (branch items) or the unit's admins (unit items). */
  recipients: string[]
}

export interface DueInput {
  now: Date
  starting: StartingActivity[]
  openShifts: OpenShift[]
  decisions: Decision[]
  returned: ReturnedRecord[]
  obligations: ObligationReminderInput[]
  /** Objections to a study-model list on notice, resolved: each objector hears the ruling. */
  objections: Objection[]
}

// ---------------------------------------------------------------------------------------------------
// WeChat's subscribe-message fields

export type FieldType = 'thing' | 'time' | 'phrase' | 'name' | 'date' | 'number'

/** Each template's fields and their WeChat types (the openapi fake checks values against them). */
export const TEMPLATE_FIELDS: Record<SubscribeTemplate, Record<string, { type: FieldType; label: string }>> = {
  activityReminder: {
    thing1: { type: 'thing', label: '活动名称' },
    time2: { type: 'time', label: '开始时间' },
    thing3: { type: 'thing', label: '地点/说明' },
  },
  reviewResult: {
    thing1: { type: 'thing', label: '事项' },
    phrase2: { type: 'phrase', label: '结果' },
    thing3: { type: 'thing', label: '备注' },
  },
  taskReminder: {
    thing1: { type: 'thing', label: '事项' },
    time2: { type: 'time', label: '截止时间' },
    thing3: { type: 'thing', label: '说明' },
  },
}

/** WeChat's length limits per field type (characters); longer values make the whole send fail. */
export const FIELD_LIMITS: Record<FieldType, number> = { thing: 20, name: 10, phrase: 5, number: 32, time: 32, date: 32 }

/** Cut to `max` characters (code points, so no half characters), ending with '…' when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text.trim())
  if (chars.length <= max) return chars.join('')
  return chars.slice(0, max - 1).join('') + '…'
}

/** The template's parts in words; times are ISO instants, formatted here. */
export type FieldParts = Record<string, string>

/** Build the template's fields for a kind, each within WeChat's limits; unknown parts are dropped. */
export function subscribeFields(kind: NotifyKind, parts: FieldParts): Record<string, { value: string }> {
  const spec = TEMPLATE_FIELDS[TEMPLATE_OF_KIND[kind]]
  const out: Record<string, { value: string }> = {}
  for (const [field, { type }] of Object.entries(spec)) {
    const raw = parts[field]
    if (raw === undefined) continue
    out[field] = { value: fitField(type, raw) }
  }
  return out
}

/**
 * One value within its type's limit: a time (ISO) formatted, a phrase or name cut short (an ellipsis
 * would make a 结果 or a name read wrong), free text cut with '…'; WeChat refuses an empty value.
 */
export function fitField(type: FieldType, raw: string): string {
  if (type === 'time') return wechatTime(raw)
  if (type === 'phrase') return Array.from(raw.replace(/\s/g, '')).slice(0, FIELD_LIMITS.phrase).join('')
  if (type === 'name') return Array.from(raw.trim()).slice(0, FIELD_LIMITS.name).join('')
  return clip(raw, FIELD_LIMITS[type]) || '—'
}

// ---------------------------------------------------------------------------------------------------
// Shanghai wall-clock words

interface Local {
  y: number
  m: number
  d: number
  hh: string
  mm: string
  day: number
}

function local(iso: string | Date): Local {
  const t = new Date((typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) + SHANGHAI_OFFSET_MS)
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: String(t.getUTCHours()).padStart(2, '0'),
    mm: String(t.getUTCMinutes()).padStart(2, '0'),
    day: Math.floor(t.getTime() / DAY),
  }
}

/** `2026年12月3日 18:30` (Shanghai), WeChat's `time` format. */
export function wechatTime(iso: string): string {
  const l = local(iso)
  return `${l.y}年${l.m}月${l.d}日 ${l.hh}:${l.mm}`
}

/** `今天 09:00`, `明天 09:00`, or `12月5日 09:00`, as seen from `now`. */
function whenWords(iso: string, now: Date): string {
  const l = local(iso)
  const diff = l.day - local(now).day
  const day = diff === 0 ? '今天' : diff === 1 ? '明天' : `${l.m}月${l.d}日`
  return `${day} ${l.hh}:${l.mm}`
}

/** The last minute of an exclusive deadline, so a day ending at midnight reads as that day's 23:59. */
const lastMinute = (dueBy: string): string => new Date(Date.parse(dueBy) - MIN).toISOString()
const dayWords = (iso: string): string => {
  const l = local(iso)
  return `${l.y}年${l.m}月${l.d}日`
}

// ---------------------------------------------------------------------------------------------------
// Quiet hours and preferences

export const isUrgent = (k: NotifyKind): boolean => URGENT_NOTIFY_KINDS.includes(k)

/** 07:00 Shanghai when `now` is in the quiet hours 22:00–07:00 (the next morning's or this morning's), else null. */
export function quietHoursEnd(now: Date): Date | null {
  const localMs = now.getTime() + SHANGHAI_OFFSET_MS
  const dayStart = localMs - (((localMs % DAY) + DAY) % DAY)
  const hour = (localMs - dayStart) / HOUR
  if (hour >= 7 && hour < 22) return null
  const seven = dayStart + 7 * HOUR + (hour >= 22 ? DAY : 0)
  return new Date(seven - SHANGHAI_OFFSET_MS)
}

/**
 * Whether a reminder may go now: 'off' when the member turned its kind off, 'held' while quiet hours
 * last for a non-urgent one (by its `notBefore`, and by `now` itself, so a reminder made before 22:00
 * but delivered after waits too), else 'send'.
 */
export function deliverable(r: Reminder, prefs: NotifyPreferences, now: Date): 'send' | 'held' | 'off' {
  if (prefs.off.includes(r.kind)) return 'off'
  if (isUrgent(r.kind)) return 'send'
  if (Date.parse(r.notBefore) > now.getTime() || quietHoursEnd(now) !== null) return 'held'
  return 'send'
}

// ---------------------------------------------------------------------------------------------------
// What is due

const LINK = {
  activities: '/pages/index/index',
  records: '/pages/records/index',
  record: (activityId: string) => `/branch/record/index?id=${encodeURIComponent(activityId)}`,
  obligations: (unitId: string) => `/obligations/unit/index?unitId=${encodeURIComponent(unitId)}`,
  notice: '/member/notice/index',
}

type Draft = Omit<Reminder, 'memberId' | 'notBefore' | 'fields'> & { parts: FieldParts }

function toMembers(d: Draft, memberIds: string[], now: Date): Reminder[] {
  const held = isUrgent(d.kind) ? null : quietHoursEnd(now)
  const notBefore = (held ?? now).toISOString()
  const fields = subscribeFields(d.kind, d.parts)
  const { parts: _parts, ...rest } = d
  return [...new Set(memberIds)].map((memberId) => ({ ...rest, memberId, notBefore, fields }))
}

function activityReminders(a: StartingActivity, now: Date): Reminder[] {
  const left = Date.parse(a.startAt) - now.getTime()
  if (left <= 0 || left > DAY) return []
  const soon = left <= 30 * MIN
  const when = whenWords(a.startAt, now)
  const place = a.placeName ? `地点：${a.placeName}。` : ''
  const draft: Draft = soon
    ? {
        key: `activitySoon:${a.id}`,
        kind: 'activitySoon',
        title: `${Math.ceil(left / MIN)} 分钟后开始：${a.title}`,
        body: `${place}${when} 开始，请提前到场，打开小程序扫描现场二维码签到。`,
        link: LINK.activities,
        parts: { thing1: a.title, time2: a.startAt, thing3: a.placeName ?? '即将开始，请到场扫码签到' },
      }
    : {
        key: `activityTomorrow:${a.id}`,
        kind: 'activityTomorrow',
        title: `${when} 开始：${a.title}`,
        body: `${place}请合理安排时间准时参加，到场后扫描现场二维码签到；确实无法参加请提前请假。`,
        link: LINK.activities,
        parts: { thing1: a.title, time2: a.startAt, thing3: a.placeName ?? '请准时参加，到场扫码签到' },
      }
  return toMembers(draft, a.memberIds, now)
}

function checkOutReminders(s: OpenShift, now: Date): Reminder[] {
  const t = now.getTime()
  if (Date.parse(s.endAt) > t) return []
  if (s.checkOutClosesAt !== null && Date.parse(s.checkOutClosesAt) <= t) return []
  const until = s.checkOutClosesAt ? `请在 ${whenWords(s.checkOutClosesAt, now)} 前` : '请尽快'
  const draft: Draft = {
    key: `checkOutDue:${s.activityId}`,
    kind: 'checkOutDue',
    title: `请签退：${s.title}`,
    body: `服务已于 ${whenWords(s.endAt, now)} 结束，你还没有签退。${until}扫描现场二维码签退，志愿时长才能计入。`,
    link: LINK.activities,
    parts: { thing1: s.title, time2: s.checkOutClosesAt ?? s.endAt, thing3: '服务已结束，请尽快扫码签退' },
  }
  return toMembers(draft, [s.memberId], now)
}

const DECISION: Record<Decision['kind'], { kind: NotifyKind; what: string }> = {
  makeup: { kind: 'makeupDecided', what: '补签申请' },
  leave: { kind: 'leaveDecided', what: '请假申请' },
  hours: { kind: 'hoursDecided', what: '志愿时长申报' },
}

function decisionReminders(d: Decision, now: Date): Reminder[] {
  const { kind, what } = DECISION[d.kind]
  const result = d.approved ? '已通过' : '未通过'
  const note = d.comment ? `审核意见：${d.comment}。` : ''
  const draft: Draft = {
    key: `${kind}:${d.id}`,
    kind,
    title: `${what}${result}：${d.title}`,
    body: `你在「${d.title}」的${what}${result}。${note}可在“我的记录”中查看。`,
    link: LINK.records,
    parts: { thing1: `${what}：${d.title}`, phrase2: result, thing3: d.comment ?? '可在“我的记录”中查看' },
  }
  return toMembers(draft, [d.memberId], now)
}

function returnedReminders(r: ReturnedRecord, now: Date): Reminder[] {
  const why = r.comment ? `退回原因：${r.comment}。` : ''
  const draft: Draft = {
    key: `recordReturned:${r.activityId}:${r.returnedAt}`,
    kind: 'recordReturned',
    title: `会议记录已退回：${r.title}`,
    body: `你上报的「${r.title}」会议记录已被退回。${why}请修改后重新上报。`,
    link: LINK.record(r.activityId),
    parts: { thing1: `会议记录：${r.title}`, phrase2: '已退回', thing3: r.comment ?? '请修改后重新上报' },
  }
  return toMembers(draft, [r.submittedBy], now)
}

/** "2026 年度", "2026 年第四季度", "2026 年 11 月": a selection period as the notice names it. */
function periodWords(period: string): string {
  const [year, part] = period.split('-')
  if (!part) return `${year} 年度`
  if (part.startsWith('Q')) return `${year} 年第${'一二三四'[Number(part.slice(1)) - 1]}季度`
  return `${year} 年 ${Number(part)} 月`
}

function objectionReminders(o: Objection, now: Date): Reminder[] {
  if (o.status === 'pending' || !o.resolvedAt) return []
  const result = o.status === 'upheld' ? '异议成立' : '异议不成立'
  const about = o.memberName ? `名单中的${o.memberName}` : '整份名单'
  const list = `${periodWords(o.period)}学习标兵公示`
  const note = o.comment ? `处理意见：${o.comment}。` : ''
  const draft: Draft = {
    key: `objectionDecided:${o.id}`,
    kind: 'objectionDecided',
    title: `${result}：${list}`,
    body: `你对 ${list}${about}提出的异议已处理：${result}。${note}可在“评选公示”中查看。`,
    link: LINK.notice,
    parts: { thing1: `公示异议：${o.memberName ?? '整份名单'}`, phrase2: o.status === 'upheld' ? '成立' : '不成立', thing3: o.comment ?? '可在评选公示中查看' },
  }
  return toMembers(draft, [o.objectorId], now)
}

function obligationReminders(o: ObligationReminderInput, now: Date): Reminder[] {
  const { item } = o
  if (item.state === 'met') return []
  const left = Date.parse(item.dueBy) - now.getTime()
  const scope = `${o.targetId}:${item.subject.id}:${item.what}`
  const deadline = dayWords(lastMinute(item.dueBy))
  const subject = `${item.subject.name}「${item.what}」`
  const note = item.note ? `（${item.note}）` : ''
  let draft: Draft
  if (item.state === 'overdue') {
    draft = {
      key: `obligationOverdue:${scope}`,
      kind: 'obligationOverdue',
      title: `已逾期：${o.targetName}`,
      body: `${subject}已超过截止日期 ${deadline}，仍未完成${note}。请尽快督促落实并补报。`,
      link: LINK.obligations(item.unitId),
      parts: { thing1: `${item.subject.name} ${item.what}`, time2: lastMinute(item.dueBy), thing3: '已逾期，请尽快完成并补报' },
    }
  } else if (left > 0 && left <= 7 * DAY) {
    const days = left <= 3 * DAY ? 3 : 7
    draft = {
      key: `obligationDue${days}:${scope}`,
      kind: 'obligationDue',
      title: `${days} 天内到期：${o.targetName}`,
      body: `${subject}将于 ${deadline} 截止，目前尚未完成${note}。请在截止前完成。`,
      link: LINK.obligations(item.unitId),
      parts: { thing1: `${item.subject.name} ${item.what}`, time2: lastMinute(item.dueBy), thing3: `${days} 天内到期，请按时完成` },
    }
  } else return []
  return toMembers(draft, o.recipients, now)
}

/**
 * Every reminder due at `input.now`, one per (key, member); the caller delivers each once by key,
 * so a run may return what an earlier run already delivered. Windows: activityTomorrow from 24 h
 * before the start until 30 min before, activitySoon from then until the start; checkOutDue once the
 * shift ended while check-out is open; decisions, returned records and objection rulings whenever passed in; obligations
 * 7 days before (until 3 days before), 3 days before (until the deadline), and once overdue.
 */
export function dueReminders(input: DueInput): Reminder[] {
  const { now } = input
  return [
    ...input.starting.flatMap((a) => activityReminders(a, now)),
    ...input.openShifts.flatMap((s) => checkOutReminders(s, now)),
    ...input.decisions.flatMap((d) => decisionReminders(d, now)),
    ...input.returned.flatMap((r) => returnedReminders(r, now)),
    ...input.obligations.flatMap((o) => obligationReminders(o, now)),
    ...input.objections.flatMap((o) => objectionReminders(o, now)),
  ]
}
