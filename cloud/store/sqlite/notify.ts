/**
 * Reminders on SQLite: inboxes, preferences, the WeChat sends members have left, and what a
 * dispatch run reads. A message's id is (key, member), so delivering is `INSERT OR IGNORE`: of two
 * overlapping runs exactly one inserts, and only that one goes on to push it to WeChat.
 */
import type { InboxMessage, NotifyPreferences } from '../../contract/notify'
import type { ActivityKind, NotifyKind, SubscribeTemplate } from '../../contract/vocabulary'
import type { Decision, Delivery, OpenShift, ReturnedRecord, StartingActivity } from '../ports/NotifyStore'
import { ConnPart } from './part'
import { type Row, str, strOrNull } from './rows'

/** The message's id: one per reminder and member, for ever. */
export const messageId = (key: string, memberId: string): string => `${key}|${memberId}`

const toMessage = (r: Row): InboxMessage => ({
  id: str(r.id),
  memberId: str(r.member_id),
  kind: str(r.kind) as NotifyKind,
  title: str(r.title),
  body: str(r.body),
  link: strOrNull(r.link),
  createdAt: str(r.created_at),
  readAt: strOrNull(r.read_at),
  pushed: r.pushed === 1,
})

/** Each audience scope and the member column it picks by (as attendance.ts counts an audience). */
const SCOPES = [
  ['unit', 'unit_id'],
  ['group', 'youth_group_id'],
  ['branch', 'branch_id'],
  ['partyGroup', 'party_group_id'],
] as const

const json = (xs: readonly string[]): string => JSON.stringify(xs)

export class Notify extends ConnPart {
  async deliverOnce(d: Delivery): Promise<{ message: InboxMessage; delivered: boolean }> {
    const id = messageId(d.key, d.memberId)
    return this.write(() => {
      const { changes } = this.sql(
          `INSERT OR IGNORE INTO inbox_messages (id, member_id, kind, title, body, link, created_at, read_at, pushed)
           VALUES (@id, @memberId, @kind, @title, @body, @link, @createdAt, NULL, 0)`,
        )
        .run({ id, memberId: d.memberId, kind: d.kind, title: d.title, body: d.body, link: d.link, createdAt: d.createdAt })
      const message = toMessage(this.sql('SELECT * FROM inbox_messages WHERE id = ?').get(id) as Row)
      return { message, delivered: changes === 1 }
    })
  }

  /** Answers `${key}|${memberId}` of the pairs already delivered. */
  async deliveredKeys(pairs: { key: string; memberId: string }[]): Promise<Set<string>> {
    if (pairs.length === 0) return new Set()
    const rows = this.sql('SELECT id FROM inbox_messages WHERE id IN (SELECT value FROM json_each(?))')
      .all(json(pairs.map((p) => messageId(p.key, p.memberId)))) as Row[]
    return new Set(rows.map((r) => str(r.id)))
  }

  async markPushed(id: string): Promise<void> {
    this.write(() => this.sql('UPDATE inbox_messages SET pushed = 1 WHERE id = ?').run(id))
  }

  async openIdsOf(memberIds: string[]): Promise<Map<string, string>> {
    if (!memberIds.length) return new Map()
    const rows = this.sql('SELECT id, open_id FROM members WHERE open_id IS NOT NULL AND id IN (SELECT value FROM json_each(?))').all(JSON.stringify(memberIds)) as Row[]
    return new Map(rows.map((r) => [str(r.id), str(r.open_id)]))
  }

  async inbox(memberId: string, before: string | null, limit: number): Promise<InboxMessage[]> {
    const n = Math.max(1, Math.floor(limit))
    if (before === null) {
      const rows = this.sql('SELECT * FROM inbox_messages WHERE member_id = ? ORDER BY created_at DESC, id DESC LIMIT ?').all(memberId, n) as Row[]
      return rows.map(toMessage)
    }
    // Older than the cursor by (time, id), so messages of the same second are neither lost nor repeated.
    const cursor = this.sql('SELECT created_at, id FROM inbox_messages WHERE id = ? AND member_id = ?').get(before, memberId) as Row | undefined
    if (!cursor) return []
    const rows = this.sql(
        `SELECT * FROM inbox_messages WHERE member_id = ? AND (created_at, id) < (?, ?)
         ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .all(memberId, cursor.created_at, cursor.id, n) as Row[]
    return rows.map(toMessage)
  }

  async unreadCount(memberId: string): Promise<number> {
    const r = this.sql('SELECT COUNT(*) AS n FROM inbox_messages WHERE member_id = ? AND read_at IS NULL').get(memberId) as Row
    return Number(r.n)
  }

  async markRead(memberId: string, ids: string[] | 'all', at: string): Promise<number> {
    return this.write(() => {
      if (ids === 'all') return this.sql('UPDATE inbox_messages SET read_at = ? WHERE member_id = ? AND read_at IS NULL').run(at, memberId).changes
      if (ids.length === 0) return 0
      return this.sql(
          `UPDATE inbox_messages SET read_at = ? WHERE member_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))`,
        )
        .run(at, memberId, json(ids)).changes
    })
  }

  // ---- preferences and subscriptions ----

  async getPreferences(memberId: string): Promise<NotifyPreferences> {
    return (await this.preferencesOf([memberId])).get(memberId)!
  }

  async preferencesOf(memberIds: string[]): Promise<Map<string, NotifyPreferences>> {
    const out = new Map<string, NotifyPreferences>()
    for (const id of memberIds) out.set(id, { off: [], subscriptions: {} })
    if (memberIds.length === 0) return out
    const ids = json(memberIds)
    const offs = this.sql('SELECT member_id, off_json FROM notify_preferences WHERE member_id IN (SELECT value FROM json_each(?))').all(ids) as Row[]
    for (const r of offs) out.get(str(r.member_id))!.off = JSON.parse(str(r.off_json)) as NotifyKind[]
    const subs = this.sql('SELECT member_id, template, remaining FROM notify_subscriptions WHERE member_id IN (SELECT value FROM json_each(?)) AND remaining > 0')
      .all(ids) as Row[]
    for (const r of subs) out.get(str(r.member_id))!.subscriptions[str(r.template) as SubscribeTemplate] = Number(r.remaining)
    return out
  }

  async setKindsOff(memberId: string, off: NotifyKind[]): Promise<NotifyPreferences> {
    this.write(() =>
      this.sql('INSERT INTO notify_preferences (member_id, off_json) VALUES (?, ?) ON CONFLICT(member_id) DO UPDATE SET off_json = excluded.off_json')
        .run(memberId, json([...new Set(off)])),
    )
    return this.getPreferences(memberId)
  }

  async addSubscriptions(memberId: string, templates: SubscribeTemplate[]): Promise<NotifyPreferences> {
    this.write(() => {
      const add = this.sql(
        `INSERT INTO notify_subscriptions (member_id, template, remaining) VALUES (?, ?, 1)
         ON CONFLICT(member_id, template) DO UPDATE SET remaining = remaining + 1`,
      )
      for (const t of templates) add.run(memberId, t)
    })
    return this.getPreferences(memberId)
  }

  async spendSubscription(memberId: string, template: SubscribeTemplate): Promise<boolean> {
    // The condition is in the write: two runs cannot both spend the last send.
    const { changes } = this.write(() =>
      this.sql('UPDATE notify_subscriptions SET remaining = remaining - 1 WHERE member_id = ? AND template = ? AND remaining > 0').run(memberId, template),
    )
    return changes === 1
  }

  // ---- what a dispatch run reads ----

  async activitiesStarting(fromIso: string, toIso: string): Promise<StartingActivity[]> {
    // Recipients per audience scope, each joined on its own member index; sign-ups alone where required.
    const rows = this.sql(
        `WITH starting AS (
           SELECT * FROM activities WHERE status = 'published' AND start_at >= @from AND start_at < @to),
         recipient AS (
           SELECT s.activity_id, s.member_id FROM starting a JOIN sign_ups s ON s.activity_id = a.id WHERE a.sign_up_required = 1
           UNION
           SELECT a.id, m.id FROM starting a JOIN members m WHERE a.sign_up_required = 0 AND a.audience_type = 'all'
           UNION
           ${SCOPES.map(([scope, column]) => `SELECT a.id, m.id FROM starting a JOIN activity_audience x ON x.activity_id = a.id AND x.scope_type = '${scope}'
             JOIN members m ON m.${column} = x.scope_id WHERE a.sign_up_required = 0`).join(' UNION ')})
         SELECT a.id, a.title, a.kind, a.start_at, a.end_at, a.place_name, m.id AS member_id
         FROM starting a LEFT JOIN recipient r ON r.activity_id = a.id LEFT JOIN members m ON m.id = r.member_id AND m.active = 1
         ORDER BY a.start_at, a.id, m.id`,
      )
      .all({ from: fromIso, to: toIso }) as Row[]
    const out = new Map<string, StartingActivity>()
    for (const r of rows) {
      const id = str(r.id)
      let a = out.get(id)
      if (!a) {
        a = { id, title: str(r.title), kind: str(r.kind) as ActivityKind, startAt: str(r.start_at), endAt: str(r.end_at), placeName: strOrNull(r.place_name), memberIds: [] }
        out.set(id, a)
      }
      if (r.member_id !== null && r.member_id !== undefined) a.memberIds.push(str(r.member_id))
    }
    return [...out.values()]
  }

  async openShifts(fromIso: string, toIso: string): Promise<OpenShift[]> {
    const rows = this.sql(
        `SELECT a.id AS activity_id, a.title, a.end_at, a.check_out_closes_at, c.member_id
         FROM activities a JOIN check_ins c ON c.activity_id = a.id
         WHERE a.kind = 'volunteer' AND a.status = 'published' AND a.end_at >= ? AND a.end_at < ? AND c.checked_out_at IS NULL
         ORDER BY a.end_at, a.id, c.member_id`,
      )
      .all(fromIso, toIso) as Row[]
    return rows.map((r) => ({
      activityId: str(r.activity_id),
      title: str(r.title),
      endAt: str(r.end_at),
      checkOutClosesAt: strOrNull(r.check_out_closes_at),
      memberId: str(r.member_id),
    }))
  }

  async decisionsBetween(fromIso: string, toIso: string): Promise<Decision[]> {
    const rows = this.sql(
        `SELECT 'makeup' AS kind, k.id AS id, k.member_id AS member_id, k.activity_id AS activity_id, a.title AS title, k.status AS status,
             k.reviewed_at AS reviewed_at, k.review_comment AS comment
           FROM makeups k JOIN activities a ON a.id = k.activity_id
           WHERE k.reviewed_at >= @from AND k.reviewed_at < @to AND k.status IN ('approved', 'rejected')
         UNION ALL
         SELECT 'leave', l.id, l.member_id, l.activity_id, a.title, l.status, l.reviewed_at, l.comment
           FROM leave_requests l JOIN activities a ON a.id = l.activity_id
           WHERE l.reviewed_at >= @from AND l.reviewed_at < @to AND l.status IN ('approved', 'rejected')
         UNION ALL
         SELECT 'hours', h.id, h.member_id, h.activity_id, a.title, h.status, h.reviewed_at, NULL
           FROM hour_claims h JOIN activities a ON a.id = h.activity_id
           WHERE h.reviewed_at >= @from AND h.reviewed_at < @to AND h.status IN ('approved', 'rejected')
         ORDER BY reviewed_at, id`,
      )
      .all({ from: fromIso, to: toIso }) as Row[]
    return rows.map((r) => ({
      kind: str(r.kind) as Decision['kind'],
      id: str(r.id),
      memberId: str(r.member_id),
      activityId: str(r.activity_id),
      title: str(r.title),
      approved: r.status === 'approved',
      decidedAt: str(r.reviewed_at),
      comment: strOrNull(r.comment),
    }))
  }

  async recordsReturned(fromIso: string, toIso: string): Promise<ReturnedRecord[]> {
    const rows = this.sql(
        `SELECT r.activity_id, a.title, r.reviewed_at, r.review_comment, r.submitted_by
         FROM meeting_records r JOIN activities a ON a.id = r.activity_id
         WHERE r.state = 'returned' AND r.reviewed_at >= ? AND r.reviewed_at < ? AND r.submitted_by IS NOT NULL
         ORDER BY r.reviewed_at, r.activity_id`,
      )
      .all(fromIso, toIso) as Row[]
    return rows.map((r) => ({
      activityId: str(r.activity_id),
      title: str(r.title),
      returnedAt: str(r.reviewed_at),
      comment: strOrNull(r.review_comment),
      submittedBy: str(r.submitted_by),
    }))
  }
}
