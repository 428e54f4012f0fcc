/**
 * Objections (异议) to the study-model list on public notice, through the real gateway on the quarter
 * lived in ./quarter.ts. The city admin freezes 2026-Q1's top 4 (a1 赵一, b1 冯六, a2 钱二, c2 杨十) on
 * 25 March at 10:00, on notice until 1 April 10:00. During the notice members object to an entry or
 * to the whole list, once per entry until resolved; the city admin lists them with who raised them
 * and resolves each with a comment; an upheld one cancels its entry (kept on the list, marked). After
 * the notice no objection is taken, and the list is final only once none is pending. An upheld
 * objection to the whole list withdraws it: only then is a new list frozen, on a new notice.
 * Every refusal leaves the database as it was.
 */
import type { AuditEntry, InboxMessage, MyObjection, Objection } from '../../../cloud/contract/model'
import { errorOf, expectOk, shanghai } from '../../helpers/api'
import { readCsv } from '../../helpers/spreadsheets'
import { NAME, useQuarter } from './quarter'

const q = useQuarter()
const { stat } = q

const FROZEN_AT = shanghai('2026-03-25 10:00')
const NOTICE_UNTIL = shanghai('2026-04-01 10:00')
const Q1 = '2026-Q1'

let listId = ''
/** Objections by who raised them and about whom (`d1>a2`, `d1>list`). */
const filed: Record<string, MyObjection> = {}

const file = (who: string, memberId: string | undefined, reason: string, snapshotId = listId, period = Q1) =>
  q.w.call('stats', { action: 'fileObjection', period, snapshotId, reason, ...(memberId ? { memberId } : {}) }, who)
const fileOk = async (who: string, memberId: string | undefined, reason: string) => {
  const o = expectOk(await file(who, memberId, reason))
  filed[`${who}>${memberId ?? 'list'}`] = o
  // A minute between filings, so the lists' order (newest first) is theirs.
  q.srv.clock.advance(60_000)
  return o
}
const resolve = (objectionId: string, outcome: 'upheld' | 'dismissed', comment: string, who = 'city') =>
  q.w.call('stats', { action: 'resolveObjection', objectionId, outcome, comment }, who)
/** The period's list as this member reads it (there is one in every test here). */
const list = async (who: string, period = Q1) => {
  const s = await stat({ action: 'snapshot', period }, who)
  if (!s) throw new Error(`no list of ${period}`)
  return s
}
const auditOf = async (who: string): Promise<AuditEntry[]> => (await q.w.ok('member', { action: 'auditLog' }, who)).entries

describe('objections (异议) during the notice of the 2026-Q1 list', () => {
  it('a member objects to an entry with a reason: pending, seen by them only, with nobody’s name in it', async () => {
    q.srv.clock.set(FROZEN_AT)
    listId = (await stat({ action: 'freezeSnapshot', period: Q1, topN: 4 }, 'city')).id
    const o = await fileOk('d1', 'a2', '该同志三月学习存在代签情况，请核实')
    expect(o).toEqual({
      id: expect.any(String),
      snapshotId: listId,
      period: Q1,
      memberId: 'a2',
      memberName: '钱二',
      reason: '该同志三月学习存在代签情况，请核实',
      filedAt: FROZEN_AT,
      status: 'pending',
      comment: null,
      resolvedAt: null,
    })
    expect(await list('d1')).toMatchObject({ id: listId, status: 'notice', pendingObjections: 1, mine: [o] })
    const seenByOthers = await list('a2')
    expect(seenByOthers).toMatchObject({ status: 'notice', pendingObjections: 1, mine: [] })
    expect(JSON.stringify(seenByOthers)).not.toContain(NAME.d1)
  })

  it('one pending objection per member and entry: a second is refused (CONFLICT); another entry, the whole list or another member may', async () => {
    const again = await q.w.expectRefused(() => file('d1', 'a2', '再次提出同一异议'), 'CONFLICT', 409)
    expect(errorOf(again).message).toBe('您对该人选的异议正在处理中，请等待处理结果')
    expect(await fileOk('d1', undefined, '名单未体现各单位青年比例，请复核')).toMatchObject({ memberId: null, memberName: null, status: 'pending' })
    const listAgain = await q.w.expectRefused(() => file('d1', undefined, '名单整体再提一次'), 'CONFLICT', 409)
    expect(errorOf(listAgain).message).toBe('您对名单的异议正在处理中，请等待处理结果')
    await fileOk('a3', 'a2', '同组学习时未见该同志到场')
    await fileOk('d1', 'c2', '积分来源需要公开说明')
    expect((await list('d1')).mine.map((o) => `${o.memberId ?? 'list'}:${o.status}`)).toEqual(['c2:pending', 'list:pending', 'a2:pending'])
    expect((await list('a3')).pendingObjections).toBe(4)
  })

  it('refused without a change: a reason under 2 or over 200 characters, someone not on the list, a replaced list, no list, no session', async () => {
    await q.w.expectRefused(() => file('c1', 'a1', '短'), 'BAD_INPUT', 400)
    await q.w.expectRefused(() => file('c1', 'a1', '长'.repeat(201)), 'BAD_INPUT', 400)
    await q.w.expectRefused(() => q.w.send('stats', { action: 'fileObjection', period: Q1, snapshotId: listId, memberId: 'a1' }, 'c1'), 'BAD_INPUT', 400)
    // b2 scored more than c2 but is below 80 % group attendance: not on the list.
    const notOnList = await q.w.expectRefused(() => file('c1', 'b2', '该同志为何未入选？'), 'NOT_FOUND', 404)
    expect(errorOf(notOnList).message).toBe('公示名单中没有该人选，请刷新后重试')
    const stale = await q.w.expectRefused(() => file('c1', 'a1', '对旧名单的异议', 'no-such-list'), 'CONFLICT', 409)
    expect(errorOf(stale).message).toBe('公示名单已更新，请刷新后查看最新名单')
    await q.w.expectRefused(() => file('c1', 'a1', '该季度没有名单', listId, '2026-Q2'), 'NOT_FOUND', 404)
    await q.w.expectRefused(() => q.w.send('stats', { action: 'fileObjection', period: Q1, snapshotId: listId, reason: '未登录提出异议' }), 'UNAUTHENTICATED', 401)
  })

  it('only the city admin lists the objections (with who raised them) and resolves them', async () => {
    const anyId = filed['d1>a2'].id
    for (const who of ['admA', 'orgA', 'a1', 'd1']) {
      await q.w.expectRefused(() => q.w.call('stats', { action: 'objections', period: Q1 }, who), 'FORBIDDEN', 403)
      await q.w.expectRefused(() => resolve(anyId, 'dismissed', '无权处理', who), 'FORBIDDEN', 403)
    }
    const all = await stat({ action: 'objections', period: Q1 }, 'city')
    expect(all).toMatchObject({ period: Q1, snapshotId: listId, status: 'notice', pending: 4 })
    expect(all.objections.map((o) => `${o.objectorName}>${o.memberName ?? '名单'}:${o.status}`)).toEqual([
      `${NAME.d1}>杨十:pending`,
      `${NAME.a3}>钱二:pending`,
      `${NAME.d1}>名单:pending`,
      `${NAME.d1}>钱二:pending`,
    ])
  })

  it('resolving needs a comment; an upheld objection cancels its entry, kept on the list and marked for everyone', async () => {
    const target = filed['d1>a2'].id
    await q.w.expectRefused(() => resolve(target, 'upheld', ''), 'BAD_INPUT', 400)
    await q.w.expectRefused(() => q.w.send('stats', { action: 'resolveObjection', objectionId: target, comment: '缺少结论' }, 'city'), 'BAD_INPUT', 400)
    await q.w.expectRefused(() => resolve('no-such-objection', 'upheld', '经核实情况属实'), 'NOT_FOUND', 404)

    q.srv.clock.set(shanghai('2026-03-27 15:00'))
    const done = expectOk(await resolve(target, 'upheld', '经核实，三月学习存在代签，取消其人选资格'))
    expect(done).toMatchObject({ id: target, status: 'upheld', resolvedBy: 'city', resolverName: NAME.city, comment: '经核实，三月学习存在代签，取消其人选资格', resolvedAt: shanghai('2026-03-27 15:00') })
    const seen = await list('b1')
    expect(seen.entries.map((e) => [e.memberId, e.cancelled ?? null])).toEqual([
      ['a1', null],
      ['b1', null],
      ['a2', { objectionId: target, at: shanghai('2026-03-27 15:00'), comment: '经核实，三月学习存在代签，取消其人选资格' }],
      ['c2', null],
    ])
    expect(seen).toMatchObject({ status: 'notice', pendingObjections: 3 })
    expect((await list('d1')).mine.find((o) => o.id === target)).toMatchObject({ status: 'upheld', comment: '经核实，三月学习存在代签，取消其人选资格' })

    const twice = await q.w.expectRefused(() => resolve(target, 'dismissed', '改为不成立'), 'CONFLICT', 409)
    expect(errorOf(twice).message).toBe('该异议已处理（异议成立），不能再次处理')
    const cancelled = await q.w.expectRefused(() => file('c1', 'a2', '对已取消人选的异议'), 'CONFLICT', 409)
    expect(errorOf(cancelled).message).toBe('该人选已因异议成立取消，无需再提出异议')
  })

  it('the objector hears the ruling in 消息 at the next reminder run, once; nobody else does', async () => {
    const target = filed['d1>a2'].id
    const inbox = async (who: string): Promise<InboxMessage[]> => (await q.w.ok('notify', { action: 'inbox', limit: 50 }, who)).messages
    await q.w.ok('notify', { action: 'dispatchDue' }, 'city')
    await q.w.ok('notify', { action: 'dispatchDue' }, 'city')
    const mine = (await inbox('d1')).filter((m) => m.kind === 'objectionDecided')
    expect(mine).toEqual([
      expect.objectContaining({
        id: `objectionDecided:${target}|d1`,
        title: '异议成立：2026 年第一季度学习标兵公示',
        body: '你对 2026 年第一季度学习标兵公示名单中的钱二提出的异议已处理：异议成立。处理意见：经核实，三月学习存在代签，取消其人选资格。可在“评选公示”中查看。',
        link: '/member/notice/index',
      }),
    ])
    for (const who of ['a2', 'a3', 'city']) expect((await inbox(who)).filter((m) => m.kind === 'objectionDecided')).toEqual([])
  })

  it('a city admin does not resolve an objection they raised (FORBIDDEN): another city admin does', async () => {
    const own = expectOk(await file('city', 'b1', '该同志积分含有重复登记的讲座'))
    filed['city>b1'] = own
    const refused = await q.w.expectRefused(() => resolve(own.id, 'dismissed', '本人处理本人异议'), 'FORBIDDEN', 403)
    expect(errorOf(refused).message).toBe('不能处理本人提出的异议，请由其他市直机关工委管理员处理')
    await q.w.ok('member', { action: 'setRole', memberId: 'b3', role: 'cityAdmin', grant: true }, 'city')
    expect(expectOk(await resolve(own.id, 'dismissed', '经核实讲座仅登记一次，异议不成立', 'b3'))).toMatchObject({ status: 'dismissed', resolvedBy: 'b3' })
  })

  it('after the notice no objection is taken (WINDOW_CLOSED); with objections pending the list is not final: no export, no new list', async () => {
    q.srv.clock.set(NOTICE_UNTIL)
    const late = await q.w.expectRefused(() => file('c1', 'a1', '公示期后提出异议'), 'WINDOW_CLOSED', 422)
    expect(errorOf(late).message).toBe('公示期已于 4月1日 10:00 结束，不能再提出异议')
    expect(await list('c1')).toMatchObject({ status: 'review', pendingObjections: 3 })
    const exporting = await q.w.expectRefused(() => q.w.call('stats', { action: 'export', what: 'studyModels', period: Q1, format: 'csv' }, 'city'), 'CONFLICT', 409)
    expect(errorOf(exporting).message).toBe('公示期已满，尚有异议待处理；异议处理完毕、名单确定后才能导出')
    const refreeze = await q.w.expectRefused(() => q.w.call('stats', { action: 'freezeSnapshot', period: Q1, topN: 5 }, 'city'), 'CONFLICT', 409)
    expect(errorOf(refreeze).message).toBe('公示期已满，尚有 3 件异议待处理；名单已锁定，不能重新生成，请先处理异议')
  })

  it('once every objection is resolved the list is final; the cancelled entry stays on it, marked, and is left out of the export', async () => {
    for (const key of ['a3>a2', 'd1>list', 'd1>c2']) expectOk(await resolve(filed[key].id, 'dismissed', '经核实，未发现问题，异议不成立'))
    const final = await list('a3')
    expect(final).toMatchObject({ status: 'final', pendingObjections: 0 })
    expect(final.entries.filter((e) => e.cancelled).map((e) => e.memberId)).toEqual(['a2'])
    expect(final.mine).toEqual([expect.objectContaining({ memberId: 'a2', status: 'dismissed', comment: '经核实，未发现问题，异议不成立' })])
    const csv = readCsv(expectOk(await q.w.call('stats', { action: 'export', what: 'studyModels', period: Q1, format: 'csv' }, 'city')))
    expect(csv.rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['1', '赵一'],
      ['2', '冯六'],
      ['4', '杨十'],
    ])
  })

  it('the audit log has each filing and resolution, filed where only city admins read it', async () => {
    const rows = await auditOf('city')
    const filings = rows.filter((r) => r.action === 'stats.fileObjection')
    const resolutions = rows.filter((r) => r.action === 'stats.resolveObjection')
    expect(filings).toHaveLength(Object.keys(filed).length)
    expect(resolutions).toHaveLength(Object.keys(filed).length)
    for (const r of [...filings, ...resolutions]) expect(r).toMatchObject({ unitId: 'city', target: expect.stringMatching(/^objectionId:/) })
    expect(filings.find((r) => r.target === `objectionId:${filed['d1>a2'].id}`)).toMatchObject({ actorId: 'd1', actorName: NAME.d1, after: filed['d1>a2'] })
    expect(resolutions.find((r) => r.target === `objectionId:${filed['d1>a2'].id}`)).toMatchObject({ actorId: 'city', after: expect.objectContaining({ status: 'upheld', objectorName: NAME.d1 }) })
    // A unit admin reads their unit's rows: none of these.
    expect((await auditOf('admA')).filter((r) => r.action.endsWith('Objection'))).toEqual([])
  })
})

describe('an upheld objection to the whole list withdraws it; only then is a new list frozen, on a new notice', () => {
  let first = ''
  let againstA1: Objection['id'] = ''

  it('the city admin upholds an objection to the whole 2026 list: it is withdrawn, kept with the reason, not exported', async () => {
    q.srv.clock.set(shanghai('2026-04-02 10:00'))
    first = (await stat({ action: 'freezeSnapshot', period: '2026', topN: 3 }, 'city')).id
    const whole = expectOk(await file('d1', undefined, '评选未按新修订的办法执行，请重新评选', first, '2026'))
    againstA1 = expectOk(await file('c1', 'a1', '请说明该同志的讲座积分', first, '2026')).id
    q.srv.clock.set(shanghai('2026-04-03 10:00'))
    expectOk(await resolve(whole.id, 'upheld', '评选办法已修订，撤销本名单，按新办法重新评选'))
    const withdrawn = await list('a1', '2026')
    expect(withdrawn).toMatchObject({ id: first, status: 'withdrawn', withdrawn: { objectionId: whole.id, at: shanghai('2026-04-03 10:00'), comment: '评选办法已修订，撤销本名单，按新办法重新评选' } })
    expect(withdrawn.entries).toHaveLength(3)
    const exporting = await q.w.expectRefused(() => q.w.call('stats', { action: 'export', what: 'studyModels', period: '2026', format: 'csv' }, 'city'), 'CONFLICT', 409)
    expect(errorOf(exporting).message).toBe('该名单已因异议成立撤销，请重新生成名单并公示')
    const more = await q.w.expectRefused(() => file('a3', 'b1', '对已撤销名单的异议', first, '2026'), 'CONFLICT', 409)
    expect(errorOf(more).message).toBe('该名单已因异议成立撤销，无需再提出异议')
  })

  it('a new list is frozen on a new notice; the withdrawn one’s objections stay on record and can still be resolved', async () => {
    const second = await stat({ action: 'freezeSnapshot', period: '2026', topN: 3 }, 'city')
    expect(second).toMatchObject({ status: 'notice', noticeUntil: shanghai('2026-04-10 10:00'), pendingObjections: 0 })
    expect(second.id).not.toBe(first)
    expect(await list('d1', '2026')).toMatchObject({ id: second.id, status: 'notice', mine: [expect.objectContaining({ snapshotId: first, status: 'upheld' })] })
    // Read before the new list: refused, the member is asked to look again.
    await q.w.expectRefused(() => file('c1', 'b1', '对旧名单的人选提出异议', first, '2026'), 'CONFLICT', 409)
    const all = await stat({ action: 'objections', period: '2026' }, 'city')
    expect(all).toMatchObject({ snapshotId: second.id, status: 'notice', pending: 0 })
    expect(all.objections.map((o) => [o.snapshotId === first, o.status])).toEqual([
      [true, 'pending'],
      [true, 'upheld'],
    ])
    expectOk(await resolve(againstA1, 'dismissed', '原名单已撤销，该异议不再处理'))
    expect(await list('c1', '2026')).toMatchObject({ id: second.id, status: 'notice', pendingObjections: 0 })
  })
})
