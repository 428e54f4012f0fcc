/**
 * The study-model list on public notice (公示) and the objections (异议) raised about it. A frozen
 * list is locked: it is never silently replaced. During the notice any member may object to an
 * entry or to the whole list; the city admin resolves each (成立 / 不成立, with a comment). An upheld
 * objection to an entry cancels that entry (kept on the list, marked); one to the whole list
 * withdraws the list, and only then may a new one be frozen (a new notice). The list is final once
 * the notice has ended and no objection is pending; a final list is the record and stays as it is.
 */
import { OBJECTION_STATUS_LABEL, type Objection, type SelectionStatus, type SnapshotEntry } from '../contract/selection'
import { fail } from './errors'
import { SHANGHAI_OFFSET_MS } from './time'

/** What the rules read of a frozen list. */
export interface FrozenList {
  id: string
  noticeUntil: string
  entries: { memberId: string }[]
}

/** What the rules read of an objection. */
export type ObjectionFacts = Pick<Objection, 'id' | 'snapshotId' | 'memberId' | 'objectorId' | 'status' | 'comment' | 'resolvedAt'>

export interface ListState {
  status: SelectionStatus
  /** Objections to the list not resolved yet. */
  pending: number
  /** The upheld objection to the whole list that withdrew it, if one did. */
  withdrawnBy: ObjectionFacts | null
}

/** The objections about one list (a period's may be about an earlier, withdrawn one too). */
export const objectionsTo = <O extends { snapshotId: string }>(listId: string, all: readonly O[]): O[] => all.filter((o) => o.snapshotId === listId)

/** Where a list stands now, from its notice date and the objections to it. */
export function listState(list: FrozenList, objections: readonly ObjectionFacts[], now: Date): ListState {
  const mine = objectionsTo(list.id, objections)
  const pending = mine.filter((o) => o.status === 'pending').length
  const withdrawnBy = mine.find((o) => o.memberId === null && o.status === 'upheld') ?? null
  if (withdrawnBy) return { status: 'withdrawn', pending, withdrawnBy }
  if (now.getTime() < Date.parse(list.noticeUntil)) return { status: 'notice', pending, withdrawnBy }
  return { status: pending > 0 ? 'review' : 'final', pending, withdrawnBy }
}

/** The entries as frozen, each cancelled by an upheld objection to it marked so (异议成立，已取消). */
export function withCancellations(list: { id: string; entries: SnapshotEntry[] }, objections: readonly ObjectionFacts[]): SnapshotEntry[] {
  const upheld = new Map<string, ObjectionFacts>()
  for (const o of objectionsTo(list.id, objections)) if (o.memberId !== null && o.status === 'upheld' && !upheld.has(o.memberId)) upheld.set(o.memberId, o)
  return list.entries.map((e) => {
    const o = upheld.get(e.memberId)
    return o ? { ...e, cancelled: { objectionId: o.id, at: o.resolvedAt ?? '', comment: o.comment ?? '' } } : e
  })
}

/** A new list for a period: only when there is none, or the last one was withdrawn. */
export function assertMayFreeze(latest: ListState | null): void {
  switch (latest?.status) {
    case 'notice':
      return fail('CONFLICT', '公示期内名单已锁定，不能重新生成；如有异议请按异议程序处理')
    case 'review':
      return fail('CONFLICT', `公示期已满，尚有 ${latest.pending} 件异议待处理；名单已锁定，不能重新生成，请先处理异议`)
    case 'final':
      return fail('CONFLICT', '本期名单已确定，是评选结果的记录，不能重新生成')
  }
}

export interface ObjectionRequest {
  /** The list the member read. */
  snapshotId: string
  objectorId: string
  /** The entry objected to; null: the list as a whole. */
  memberId: string | null
}

/** A member may object while the list is on notice: once per entry (or the list) until it is resolved. */
export function assertMayObject(list: FrozenList, objections: readonly ObjectionFacts[], req: ObjectionRequest, now: Date): void {
  if (req.snapshotId !== list.id) fail('CONFLICT', '公示名单已更新，请刷新后查看最新名单')
  const state = listState(list, objections, now)
  if (state.status === 'withdrawn') fail('CONFLICT', '该名单已因异议成立撤销，无需再提出异议')
  if (now.getTime() >= Date.parse(list.noticeUntil))
    fail('WINDOW_CLOSED', `公示期已于 ${shanghaiText(list.noticeUntil)} 结束，不能再提出异议`, { noticeUntil: list.noticeUntil })
  const mine = objectionsTo(list.id, objections)
  if (req.memberId !== null) {
    const entry = req.memberId
    if (!list.entries.some((e) => e.memberId === entry)) fail('NOT_FOUND', '公示名单中没有该人选，请刷新后重试')
    if (mine.some((o) => o.memberId === entry && o.status === 'upheld')) fail('CONFLICT', '该人选已因异议成立取消，无需再提出异议')
  }
  if (mine.some((o) => o.objectorId === req.objectorId && o.memberId === req.memberId && o.status === 'pending')) objectionPending(req.memberId)
}

/** The refusal of a second pending objection by the same member to the same entry (or the whole list). */
export function objectionPending(memberId: string | null): never {
  return fail('CONFLICT', `您对${memberId === null ? '名单' : '该人选'}的异议正在处理中，请等待处理结果`)
}

/** An objection is resolved once, and not by the one who raised it nor by the one it is about. */
export function assertMayResolve(o: Pick<Objection, 'status' | 'objectorId' | 'memberId'>, deciderId: string): void {
  if (o.status !== 'pending') fail('CONFLICT', `该异议已处理（${OBJECTION_STATUS_LABEL[o.status]}），不能再次处理`)
  if (o.objectorId === deciderId) fail('FORBIDDEN', '不能处理本人提出的异议，请由其他市直机关工委管理员处理')
  if (o.memberId === deciderId) fail('FORBIDDEN', '不能处理与本人有关的异议，请由其他市直机关工委管理员处理')
}

/** `4月1日 10:00`, Shanghai time. */
function shanghaiText(iso: string): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}
