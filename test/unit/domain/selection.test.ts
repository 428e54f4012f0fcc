/**
 * The 公示 list and its objections (异议): where a list stands, which entries an upheld objection
 * cancels, when a new list may be frozen, who may object and who may resolve.
 */
import type { SnapshotEntry } from '../../../cloud/contract/model'
import {
  assertMayFreeze,
  assertMayObject,
  assertMayResolve,
  listState,
  type ObjectionFacts,
  type ObjectionRequest,
  withCancellations,
} from '../../../cloud/domain/selection'
import { domainErrorOf } from '../../helpers/domain'

const NOTICE_UNTIL = '2026-04-01T02:00:00.000Z'
const DURING = new Date('2026-03-28T02:00:00.000Z')
const AFTER = new Date(NOTICE_UNTIL)

const entry = (rank: number, memberId: string): SnapshotEntry => ({ rank, memberId, name: memberId.toUpperCase(), unitName: '甲局', score: 10 - rank, attendanceRate: 1, groupAttendanceRate: 1 })
const LIST = { id: 's1', noticeUntil: NOTICE_UNTIL, entries: [entry(1, 'a1'), entry(2, 'b1'), entry(3, 'c1')] }

let n = 0
const objection = (over: Partial<ObjectionFacts> = {}): ObjectionFacts => ({
  id: `o${++n}`,
  snapshotId: 's1',
  memberId: 'b1',
  objectorId: 'm9',
  status: 'pending',
  comment: null,
  resolvedAt: null,
  ...over,
})
const upheld = (over: Partial<ObjectionFacts> = {}) => objection({ status: 'upheld', comment: '情况属实', resolvedAt: '2026-03-29T02:00:00.000Z', ...over })
const request = (over: Partial<ObjectionRequest> = {}): ObjectionRequest => ({ snapshotId: 's1', objectorId: 'm9', memberId: 'b1', ...over })

describe('listState', () => {
  it('on notice until the date, whatever is pending', () => {
    expect(listState(LIST, [objection()], DURING)).toEqual({ status: 'notice', pending: 1, withdrawnBy: null })
    expect(listState(LIST, [], new Date(AFTER.getTime() - 1))).toMatchObject({ status: 'notice' })
  })

  it('after it, final only once nothing is pending; until then in review with the count', () => {
    expect(listState(LIST, [], AFTER)).toMatchObject({ status: 'final', pending: 0 })
    expect(listState(LIST, [objection(), objection({ memberId: null }), upheld()], AFTER)).toMatchObject({ status: 'review', pending: 2 })
    expect(listState(LIST, [upheld(), objection({ status: 'dismissed' })], AFTER)).toMatchObject({ status: 'final', pending: 0 })
  })

  it('withdrawn by an upheld objection to the whole list, before or after the date; an upheld one to an entry does not withdraw it', () => {
    const whole = upheld({ memberId: null })
    expect(listState(LIST, [whole, objection()], DURING)).toEqual({ status: 'withdrawn', pending: 1, withdrawnBy: whole })
    expect(listState(LIST, [whole], AFTER)).toMatchObject({ status: 'withdrawn' })
    expect(listState(LIST, [upheld()], DURING)).toMatchObject({ status: 'notice', withdrawnBy: null })
  })

  it('reads only the objections to this list', () => {
    expect(listState(LIST, [objection({ snapshotId: 's0' }), upheld({ snapshotId: 's0', memberId: null })], AFTER)).toMatchObject({ status: 'final', pending: 0 })
  })
})

describe('withCancellations', () => {
  it('marks each entry an upheld objection is about, with the first such decision; keeps every entry and its rank', () => {
    const first = upheld({ memberId: 'b1', comment: '经核实存在代签' })
    const out = withCancellations(LIST, [objection({ memberId: 'a1' }), objection({ memberId: 'c1', status: 'dismissed' }), first, upheld({ memberId: 'b1', comment: '再次成立' })])
    expect(out.map((e) => [e.rank, e.memberId, e.cancelled ?? null])).toEqual([
      [1, 'a1', null],
      [2, 'b1', { objectionId: first.id, at: first.resolvedAt, comment: '经核实存在代签' }],
      [3, 'c1', null],
    ])
  })

  it('an upheld objection to the whole list or to another list cancels no entry', () => {
    expect(withCancellations(LIST, [upheld({ memberId: null }), upheld({ snapshotId: 's0' })]).some((e) => e.cancelled)).toBe(false)
  })
})

describe('assertMayFreeze', () => {
  it('a period without a list, or whose list was withdrawn, may have one', () => {
    expect(() => assertMayFreeze(null)).not.toThrow()
    expect(() => assertMayFreeze(listState(LIST, [upheld({ memberId: null })], DURING))).not.toThrow()
  })

  it.each([
    ['on notice', [], DURING, '公示期内名单已锁定，不能重新生成；如有异议请按异议程序处理'],
    ['in review', [objection(), objection()], AFTER, '公示期已满，尚有 2 件异议待处理；名单已锁定，不能重新生成，请先处理异议'],
    ['that is final', [], AFTER, '本期名单已确定，是评选结果的记录，不能重新生成'],
  ] as const)('a list %s is locked (CONFLICT)', (_state, objections, now, message) => {
    const e = domainErrorOf(() => assertMayFreeze(listState(LIST, objections, now)))
    expect([e.code, e.message]).toEqual(['CONFLICT', message])
  })
})

describe('assertMayObject', () => {
  it('during the notice: an entry, or the whole list, by anyone', () => {
    expect(() => assertMayObject(LIST, [], request(), DURING)).not.toThrow()
    expect(() => assertMayObject(LIST, [], request({ memberId: null }), DURING)).not.toThrow()
    expect(() => assertMayObject(LIST, [], request({ objectorId: 'b1', memberId: 'b1' }), DURING)).not.toThrow()
  })

  it('once per member and entry while pending; again once it is resolved; others and other entries meanwhile', () => {
    const pending = [objection(), objection({ memberId: null })]
    expect(domainErrorOf(() => assertMayObject(LIST, pending, request(), DURING))).toMatchObject({ code: 'CONFLICT', message: '您对该人选的异议正在处理中，请等待处理结果' })
    expect(domainErrorOf(() => assertMayObject(LIST, pending, request({ memberId: null }), DURING))).toMatchObject({ code: 'CONFLICT', message: '您对名单的异议正在处理中，请等待处理结果' })
    expect(() => assertMayObject(LIST, pending, request({ objectorId: 'm8' }), DURING)).not.toThrow()
    expect(() => assertMayObject(LIST, pending, request({ memberId: 'c1' }), DURING)).not.toThrow()
    expect(() => assertMayObject(LIST, [objection({ status: 'dismissed' })], request(), DURING)).not.toThrow()
    // A pending one to an earlier list of the period does not count.
    expect(() => assertMayObject(LIST, [objection({ snapshotId: 's0' })], request(), DURING)).not.toThrow()
  })

  it('refused: after the notice (WINDOW_CLOSED, saying when it ended), someone not on the list, a cancelled entry, a withdrawn or replaced list', () => {
    expect(domainErrorOf(() => assertMayObject(LIST, [], request(), AFTER))).toMatchObject({ code: 'WINDOW_CLOSED', message: '公示期已于 4月1日 10:00 结束，不能再提出异议', details: { noticeUntil: NOTICE_UNTIL } })
    expect(domainErrorOf(() => assertMayObject(LIST, [], request({ memberId: 'x9' }), DURING)).code).toBe('NOT_FOUND')
    expect(domainErrorOf(() => assertMayObject(LIST, [upheld()], request({ objectorId: 'm8' }), DURING))).toMatchObject({ code: 'CONFLICT', message: '该人选已因异议成立取消，无需再提出异议' })
    expect(domainErrorOf(() => assertMayObject(LIST, [upheld({ memberId: null })], request(), DURING))).toMatchObject({ code: 'CONFLICT', message: '该名单已因异议成立撤销，无需再提出异议' })
    expect(domainErrorOf(() => assertMayObject(LIST, [], request({ snapshotId: 's0' }), DURING))).toMatchObject({ code: 'CONFLICT', message: '公示名单已更新，请刷新后查看最新名单' })
  })
})

describe('assertMayResolve', () => {
  it('a pending objection by someone else about someone else', () => {
    expect(() => assertMayResolve({ status: 'pending', objectorId: 'm9', memberId: 'b1' }, 'city')).not.toThrow()
    expect(() => assertMayResolve({ status: 'pending', objectorId: 'm9', memberId: null }, 'city')).not.toThrow()
  })

  it('once: a resolved one is CONFLICT, saying how it was resolved', () => {
    expect(domainErrorOf(() => assertMayResolve({ status: 'dismissed', objectorId: 'm9', memberId: 'b1' }, 'city'))).toMatchObject({ code: 'CONFLICT', message: '该异议已处理（异议不成立），不能再次处理' })
  })

  it('never by the one who raised it nor the one it is about (FORBIDDEN)', () => {
    expect(domainErrorOf(() => assertMayResolve({ status: 'pending', objectorId: 'city', memberId: 'b1' }, 'city')).code).toBe('FORBIDDEN')
    expect(domainErrorOf(() => assertMayResolve({ status: 'pending', objectorId: 'm9', memberId: 'city' }, 'city')).code).toBe('FORBIDDEN')
  })
})
