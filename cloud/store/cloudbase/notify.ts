/**
 * Reminders on CloudBase: members' inboxes and their preferences (kinds turned off, WeChat
 * subscribe-message sends left).
 *
 * Exactly once: a message's `_id` is a digest of (reminder key, member), so of two runs delivering
 * the same reminder one `add` lands and the other fails as a duplicate and reads what is there.
 * Spending a subscription is one conditional update, `where({ _id, subs.<template>: _.gt(0) })` with
 * `_.inc(-1)`, evaluated and applied on one record at once: concurrent runs never spend below zero.
 */
import type { InboxMessage, NotifyPreferences } from '../../contract/notify'
import { NOTIFY_KINDS, SUBSCRIBE_TEMPLATES, type NotifyKind, type SubscribeTemplate } from '../../contract/vocabulary'
import type { Delivery } from '../ports/NotifyStore'
import { chunk, PAGE, type Db } from './access'
import { COL, ids } from './collections'
import { isDoc, num, str, strOrNull, strings } from './documents'
import type { Condition, Doc } from './sdk'

/** What an inbox page shows: the key stays on the record for repairs and audits, not on the page. */
const MESSAGE_FIELDS = ['memberId', 'kind', 'title', 'body', 'link', 'createdAt', 'readAt', 'pushed'] as const

/** How `deliveredKeys` names a (key, member) pair. */
export const deliveredPair = (key: string, memberId: string) => `${key}|${memberId}`

function toMessage(d: Doc): InboxMessage {
  return {
    id: str(d._id),
    memberId: str(d.memberId),
    kind: str(d.kind) as NotifyKind,
    title: str(d.title),
    body: str(d.body),
    link: strOrNull(d.link),
    createdAt: str(d.createdAt),
    readAt: strOrNull(d.readAt),
    pushed: d.pushed === true,
  }
}

function toPreferences(d: Doc | null | undefined): NotifyPreferences {
  if (!d) return { off: [], subscriptions: {} }
  const off = strings(d.off).filter((k): k is NotifyKind => (NOTIFY_KINDS as readonly string[]).includes(k))
  const subs = isDoc(d.subs) ? d.subs : {}
  const subscriptions: NotifyPreferences['subscriptions'] = {}
  for (const t of SUBSCRIBE_TEMPLATES) if (num(subs[t]) > 0) subscriptions[t] = num(subs[t])
  return { off, subscriptions }
}

export class Notify {
  constructor(private readonly db: Db) {}

  // ---- the inbox ----

  async deliverOnce(d: Delivery): Promise<{ message: InboxMessage; delivered: boolean }> {
    const id = ids.inboxMessage(d.key, d.memberId)
    const record: Doc = { key: d.key, memberId: d.memberId, kind: d.kind, title: d.title, body: d.body, link: d.link, createdAt: d.createdAt, readAt: null, pushed: false }
    if (await this.db.addOnce(COL.inbox, id, record)) return { message: toMessage({ ...record, _id: id }), delivered: true }
    // Another run delivered it first: answer what that run put there.
    const existing = await this.db.read(COL.inbox, id)
    return { message: toMessage(existing ?? { ...record, _id: id }), delivered: false }
  }

  /** One `_.in` query of `_id`s per hundred pairs, projected to the pair itself. */
  async deliveredKeys(pairs: { key: string; memberId: string }[]): Promise<Set<string>> {
    if (!pairs.length) return new Set()
    const rows = await this.db.allIn(
      COL.inbox,
      '_id',
      pairs.map((p) => ids.inboxMessage(p.key, p.memberId)),
      {},
      ['key', 'memberId'],
    )
    return new Set(rows.map((r) => deliveredPair(str(r.key), str(r.memberId))))
  }

  async markPushed(messageId: string): Promise<void> {
    await this.db.coll(COL.inbox).doc(messageId).update({ data: { pushed: true } })
  }

  /** One projected read per chunk of ids: the members' bound OPENIDs. */
  async openIdsOf(memberIds: string[]): Promise<Map<string, string>> {
    if (!memberIds.length) return new Map()
    const rows = await this.db.allIn(COL.members, '_id', memberIds, {}, ['openId'])
    return new Map(rows.filter((r) => typeof r.openId === 'string' && r.openId).map((r) => [str(r._id), str(r.openId)]))
  }

  /**
   * Newest first, ties by id (descending). A later page costs one more read: the message named by
   * `before` says where the page starts; one of another member's, or none, ends the list.
   */
  async inbox(memberId: string, before: string | null, limit: number): Promise<InboxMessage[]> {
    const max = Math.min(PAGE, Math.max(0, Math.floor(limit)))
    if (max === 0) return []
    const _ = this.db._
    let where: Condition = { memberId }
    if (before !== null) {
      const from = await this.db.read(COL.inbox, before)
      if (!from || str(from.memberId) !== memberId) return []
      const at = str(from.createdAt)
      where = _.and([{ memberId }, _.or([{ createdAt: _.lt(at) }, { createdAt: at, _id: _.lt(before) }])])
    }
    const { data } = await this.db
      .coll(COL.inbox)
      .where(where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .field(Object.fromEntries(MESSAGE_FIELDS.map((f) => [f, true])))
      .limit(max)
      .get()
    return data.map(toMessage)
  }

  async unreadCount(memberId: string): Promise<number> {
    return (await this.db.coll(COL.inbox).where({ memberId, readAt: null }).count()).total
  }

  /** One conditional update per hundred ids (all: one), limited to the member's own unread messages. */
  async markRead(memberId: string, which: string[] | 'all', at: string): Promise<number> {
    const inbox = this.db.coll(COL.inbox)
    const unread = { memberId, readAt: null }
    if (which === 'all') return (await inbox.where(unread).update({ data: { readAt: at } })).stats.updated ?? 0
    const results = await Promise.all(chunk([...new Set(which)]).map((part) => inbox.where({ ...unread, _id: this.db._.in(part) }).update({ data: { readAt: at } })))
    return results.reduce((n, r) => n + (r.stats.updated ?? 0), 0)
  }

  // ---- preferences and subscriptions ----

  async getPreferences(memberId: string): Promise<NotifyPreferences> {
    return toPreferences(await this.db.read(COL.notifyPrefs, memberId))
  }

  async preferencesOf(memberIds: string[]): Promise<Map<string, NotifyPreferences>> {
    const out = new Map<string, NotifyPreferences>()
    if (!memberIds.length) return out
    const rows = await this.db.allIn(COL.notifyPrefs, '_id', memberIds, {}, ['off', 'subs'])
    const saved = new Map(rows.map((r) => [str(r._id), r]))
    for (const id of new Set(memberIds)) out.set(id, toPreferences(saved.get(id)))
    return out
  }

  async setKindsOff(memberId: string, off: NotifyKind[]): Promise<NotifyPreferences> {
    const kinds = NOTIFY_KINDS.filter((k) => off.includes(k))
    const current = await this.db.read(COL.notifyPrefs, memberId)
    // An update leaves the subscriptions as they are; a first save starts with none.
    if (current || !(await this.db.addOnce(COL.notifyPrefs, memberId, { off: kinds, subs: {} })))
      await this.db.coll(COL.notifyPrefs).doc(memberId).update({ data: { off: this.db._.set(kinds) } })
    return { ...toPreferences(current), off: kinds }
  }

  async addSubscriptions(memberId: string, templates: SubscribeTemplate[]): Promise<NotifyPreferences> {
    const given = templates.filter((t) => (SUBSCRIBE_TEMPLATES as readonly string[]).includes(t))
    if (!given.length) return this.getPreferences(memberId)
    const counts: Record<string, number> = {}
    for (const t of given) counts[t] = (counts[t] ?? 0) + 1
    const _ = this.db._
    const more = { subs: Object.fromEntries(Object.entries(counts).map(([t, n]) => [t, _.inc(n)])) }
    const prefs = this.db.coll(COL.notifyPrefs).doc(memberId)
    // `_.inc` always changes the record, so `updated` 0 means there is none yet.
    const { stats } = await prefs.update({ data: more })
    if (!stats.updated && !(await this.db.addOnce(COL.notifyPrefs, memberId, { off: [], subs: counts }))) await prefs.update({ data: more })
    return this.getPreferences(memberId)
  }

  async spendSubscription(memberId: string, template: SubscribeTemplate): Promise<boolean> {
    const _ = this.db._
    const { stats } = await this.db
      .coll(COL.notifyPrefs)
      .where({ _id: memberId, [`subs.${template}`]: _.gt(0) })
      .update({ data: { subs: { [template]: _.inc(-1) } } })
    return (stats.updated ?? 0) > 0
  }
}
