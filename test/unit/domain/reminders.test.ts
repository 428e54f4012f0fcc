/**
 * Reminders: what is due when, to whom, in which words; quiet hours, turned-off kinds, and WeChat's
 * field limits. Times are fixed instants; Shanghai is UTC+8.
 */
import type { ObligationItem } from '../../../cloud/contract/obligations'
import type { Objection } from '../../../cloud/contract/selection'
import type { NotifyPreferences, Reminder } from '../../../cloud/contract/notify'
import type { DueInput, ObligationReminderInput } from '../../../cloud/domain/reminders'
import {
  TEMPLATE_FIELDS,
  deliverable,
  dueReminders,
  fitField,
  isUrgent,
  quietHoursEnd,
  subscribeFields,
} from '../../../cloud/domain/reminders'
import type { StartingActivity } from '../../../cloud/store/ports/NotifyStore'

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const START = '2026-12-04T01:00:00.000Z' // 09:00 on 4 December in Shanghai
const startMs = Date.parse(START)
const at = (ms: number) => new Date(ms)
/** A Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(Date.parse(`${local}+08:00`))

const activity = (over: Partial<StartingActivity> = {}): StartingActivity => ({
  id: 'a1',
  title: '学习贯彻全会精神专题党课',
  kind: 'lecture',
  startAt: START,
  endAt: new Date(startMs + 2 * HOUR).toISOString(),
  placeName: '机关三楼会议室',
  memberIds: ['m1', 'm2'],
  ...over,
})

const input = (now: Date, over: Partial<DueInput> = {}): DueInput => ({
  now,
  starting: [],
  openShifts: [],
  decisions: [],
  returned: [],
  obligations: [],
  objections: [],
  ...over,
})

const prefs = (over: Partial<NotifyPreferences> = {}): NotifyPreferences => ({ off: [], subscriptions: {}, ...over })

describe('activity reminders', () => {
  const due = (now: number, a = activity()) => dueReminders(input(at(now), { starting: [a] }))

  it('sends the day-before reminder from exactly 24 h before, with time, place and what to do', () => {
    const rs = due(startMs - DAY)
    expect(rs.map((r) => [r.key, r.memberId])).toEqual([
      ['activityTomorrow:a1', 'm1'],
      ['activityTomorrow:a1', 'm2'],
    ])
    const r = rs[0]
    expect(r.kind).toBe('activityTomorrow')
    expect(r.title).toBe('明天 09:00 开始：学习贯彻全会精神专题党课')
    expect(r.body).toContain('地点：机关三楼会议室')
    expect(r.body).toContain('扫描现场二维码签到')
    expect(r.link).toBe('/pages/index/index')
    expect(r.fields).toEqual({
      thing1: { value: '学习贯彻全会精神专题党课' },
      time2: { value: '2026年12月4日 09:00' },
      thing3: { value: '机关三楼会议室' },
    })
  })

  it('sends nothing earlier than 24 h before', () => {
    expect(due(startMs - DAY - 1)).toEqual([])
  })

  it('says 今天 when the day-before reminder goes the same morning', () => {
    const a = activity({ startAt: '2026-12-04T10:00:00.000Z' }) // 18:00
    expect(dueReminders(input(sh('2026-12-04T08:00:00'), { starting: [a] }))[0].title).toBe('今天 18:00 开始：学习贯彻全会精神专题党课')
  })

  it('switches to the 30-minute reminder at exactly 30 min before, until the start itself', () => {
    expect(due(startMs - 30 * MIN - 1).map((r) => r.kind)).toEqual(['activityTomorrow', 'activityTomorrow'])
    const soon = due(startMs - 30 * MIN)
    expect(soon.map((r) => r.key)).toEqual(['activitySoon:a1', 'activitySoon:a1'])
    expect(soon[0].title).toBe('30 分钟后开始：学习贯彻全会精神专题党课')
    expect(due(startMs - 1).map((r) => r.kind)).toEqual(['activitySoon', 'activitySoon'])
    expect(due(startMs)).toEqual([])
  })

  it('goes to exactly the members the input names (sign-ups where sign-up is required), once each', () => {
    const rs = due(startMs - HOUR, activity({ memberIds: ['s1', 's1', 's2'] }))
    expect(rs.map((r) => r.memberId)).toEqual(['s1', 's2'])
  })

  it('keeps the place field meaningful when there is no place', () => {
    const r = due(startMs - HOUR, activity({ placeName: null }))[0]
    expect(r.body).not.toContain('地点')
    expect(r.fields.thing3.value.length).toBeLessThanOrEqual(20)
  })
})

describe('quiet hours', () => {
  it('is open at 21:59 and from 07:00', () => {
    expect(quietHoursEnd(sh('2026-12-03T21:59:00'))).toBeNull()
    expect(quietHoursEnd(sh('2026-12-03T07:00:00'))).toBeNull()
  })

  it('holds from 22:00 until 07:00 the next day', () => {
    expect(quietHoursEnd(sh('2026-12-03T22:00:00'))).toEqual(sh('2026-12-04T07:00:00'))
    expect(quietHoursEnd(sh('2026-12-03T23:59:00'))).toEqual(sh('2026-12-04T07:00:00'))
  })

  it('holds after midnight until 07:00 the same day', () => {
    expect(quietHoursEnd(sh('2026-12-04T00:00:00'))).toEqual(sh('2026-12-04T07:00:00'))
    expect(quietHoursEnd(sh('2026-12-04T06:59:00'))).toEqual(sh('2026-12-04T07:00:00'))
  })

  it('sets notBefore: now at 21:59, 07:00 after 22:00, now for urgent kinds', () => {
    const late = activity({ startAt: sh('2026-12-04T21:00:00').toISOString() })
    const r2159 = dueReminders(input(sh('2026-12-03T21:59:00'), { starting: [late] }))[0]
    expect(r2159.notBefore).toBe(sh('2026-12-03T21:59:00').toISOString())
    expect(deliverable(r2159, prefs(), sh('2026-12-03T21:59:00'))).toBe('send')

    const r2200 = dueReminders(input(sh('2026-12-03T22:00:00'), { starting: [late] }))[0]
    expect(r2200.notBefore).toBe(sh('2026-12-04T07:00:00').toISOString())
    expect(deliverable(r2200, prefs(), sh('2026-12-03T22:00:00'))).toBe('held')
    expect(deliverable(r2200, prefs(), sh('2026-12-04T06:59:00'))).toBe('held')
    expect(deliverable(r2200, prefs(), sh('2026-12-04T07:00:00'))).toBe('send')

    const early = activity({ startAt: sh('2026-12-04T07:20:00').toISOString() })
    const soon = dueReminders(input(sh('2026-12-04T06:59:00'), { starting: [early] }))[0]
    expect(soon.kind).toBe('activitySoon')
    expect(soon.notBefore).toBe(sh('2026-12-04T06:59:00').toISOString())
    expect(deliverable(soon, prefs(), sh('2026-12-04T06:59:00'))).toBe('send')
  })

  it('holds a reminder made before 22:00 but delivered after', () => {
    const r = dueReminders(input(sh('2026-12-03T21:59:00'), { starting: [activity({ startAt: sh('2026-12-04T21:00:00').toISOString() })] }))[0]
    expect(deliverable(r, prefs(), sh('2026-12-03T22:01:00'))).toBe('held')
  })

  it('knows the urgent kinds', () => {
    expect(isUrgent('activitySoon')).toBe(true)
    expect(isUrgent('checkOutDue')).toBe(true)
    expect(isUrgent('activityTomorrow')).toBe(false)
    expect(isUrgent('obligationOverdue')).toBe(false)
  })
})

describe('turned-off kinds', () => {
  it("answers 'off' for a kind the member turned off, even an urgent one", () => {
    const rs = dueReminders(input(at(startMs - 10 * MIN), { starting: [activity()] }))
    expect(deliverable(rs[0], prefs({ off: ['activitySoon'] }), at(startMs - 10 * MIN))).toBe('off')
    expect(deliverable(rs[0], prefs({ off: ['activityTomorrow'] }), at(startMs - 10 * MIN))).toBe('send')
  })
})

describe('check-out reminder', () => {
  const END = '2026-12-04T05:00:00.000Z' // 13:00
  const shift = (closes: string | null = '2026-12-04T07:00:00.000Z') => ({
    activityId: 'v1', title: '社区志愿服务', endAt: END, checkOutClosesAt: closes, memberId: 'm9',
  })
  const due = (now: number, closes?: string | null) => dueReminders(input(at(now), { openShifts: [shift(closes)] }))

  it('goes to the volunteer still checked in once the shift has ended, while check-out is open', () => {
    const rs = due(Date.parse(END))
    expect(rs).toHaveLength(1)
    expect(rs[0]).toMatchObject({ key: 'checkOutDue:v1', kind: 'checkOutDue', memberId: 'm9', title: '请签退：社区志愿服务' })
    expect(rs[0].body).toContain('今天 15:00 前')
    expect(rs[0].notBefore).toBe(END)
  })

  it('is not sent before the end, nor once check-out has closed', () => {
    expect(due(Date.parse(END) - 1)).toEqual([])
    expect(due(Date.parse('2026-12-04T07:00:00.000Z'))).toEqual([])
    expect(due(Date.parse('2026-12-04T06:59:00.000Z'))).toHaveLength(1)
  })

  it('is sent when check-out has no closing time', () => {
    expect(due(Date.parse(END) + DAY, null)[0].body).toContain('请尽快')
  })
})

describe('decisions and returned records', () => {
  const now = sh('2026-12-03T10:00:00')

  it('tells the member each decision, with the result and the comment', () => {
    const rs = dueReminders(input(now, {
      decisions: [
        { kind: 'makeup', id: 'mk1', memberId: 'm1', activityId: 'a1', title: '十一月主题党日', approved: true, decidedAt: now.toISOString(), comment: null },
        { kind: 'leave', id: 'lv1', memberId: 'm2', activityId: 'a1', title: '十一月主题党日', approved: false, decidedAt: now.toISOString(), comment: '当天需到岗' },
        { kind: 'hours', id: 'h1', memberId: 'm3', activityId: 'v1', title: '社区志愿服务', approved: true, decidedAt: now.toISOString(), comment: null },
      ],
    }))
    expect(rs.map((r) => [r.key, r.kind, r.memberId])).toEqual([
      ['makeupDecided:mk1', 'makeupDecided', 'm1'],
      ['leaveDecided:lv1', 'leaveDecided', 'm2'],
      ['hoursDecided:h1', 'hoursDecided', 'm3'],
    ])
    expect(rs[0].title).toBe('补签申请已通过：十一月主题党日')
    expect(rs[1].title).toBe('请假申请未通过：十一月主题党日')
    expect(rs[1].body).toContain('审核意见：当天需到岗')
    expect(rs[1].fields).toEqual({ thing1: { value: '请假申请：十一月主题党日' }, phrase2: { value: '未通过' }, thing3: { value: '当天需到岗' } })
    expect(rs.every((r) => r.link === '/pages/records/index')).toBe(true)
  })

  it('tells whoever submitted a record that it was sent back, linking to the record', () => {
    const rs = dueReminders(input(now, {
      returned: [{ activityId: 'a7', title: '第四季度支委会', returnedAt: '2026-12-03T01:00:00.000Z', comment: '缺少决议内容', submittedBy: 'm5' }],
    }))
    expect(rs).toHaveLength(1)
    expect(rs[0]).toMatchObject({
      key: 'recordReturned:a7:2026-12-03T01:00:00.000Z',
      kind: 'recordReturned',
      memberId: 'm5',
      title: '会议记录已退回：第四季度支委会',
      link: '/branch/record/index?id=a7',
    })
    expect(rs[0].body).toContain('退回原因：缺少决议内容')
    expect(rs[0].fields.phrase2).toEqual({ value: '已退回' })
  })
})

describe('objection rulings', () => {
  const now = sh('2026-12-03T10:00:00')
  const objection = (over: Partial<Objection> = {}): Objection => ({
    id: 'ob1',
    snapshotId: 's1',
    period: '2026',
    memberId: 'm9',
    memberName: '张晓明',
    objectorId: 'm4',
    objectorName: '李华',
    reason: '全年仅参加两次小组学习',
    filedAt: '2026-12-01T02:00:00.000Z',
    status: 'upheld',
    resolvedBy: 'c1',
    resolverName: '毛伟磊',
    comment: '经核实情况属实，取消其入选资格',
    resolvedAt: '2026-12-03T01:00:00.000Z',
    ...over,
  })

  it('tells the objector the ruling, with the comment, linking to the notice', () => {
    const [r, ...rest] = dueReminders(input(now, { objections: [objection()] }))
    expect(rest).toEqual([])
    expect(r).toMatchObject({ key: 'objectionDecided:ob1', kind: 'objectionDecided', memberId: 'm4', title: '异议成立：2026 年度学习标兵公示', link: '/member/notice/index' })
    expect(r.body).toBe('你对 2026 年度学习标兵公示名单中的张晓明提出的异议已处理：异议成立。处理意见：经核实情况属实，取消其入选资格。可在“评选公示”中查看。')
    expect(r.fields.phrase2).toEqual({ value: '成立' })
  })

  it('names a quarter or month list, and an objection to the whole list', () => {
    const [r] = dueReminders(input(now, { objections: [objection({ period: '2026-Q4', memberId: null, memberName: null, status: 'dismissed', comment: null })] }))
    expect(r.title).toBe('异议不成立：2026 年第四季度学习标兵公示')
    expect(r.body).toBe('你对 2026 年第四季度学习标兵公示整份名单提出的异议已处理：异议不成立。可在“评选公示”中查看。')
    expect(dueReminders(input(now, { objections: [objection({ period: '2026-11' })] }))[0].title).toBe('异议成立：2026 年 11 月学习标兵公示')
  })

  it('says nothing of an objection still pending', () => {
    expect(dueReminders(input(now, { objections: [objection({ status: 'pending', resolvedBy: null, resolverName: null, comment: null, resolvedAt: null })] }))).toEqual([])
  })
})

describe('obligations', () => {
  const DUE = '2026-12-31T16:00:00.000Z' // the end of 31 December in Shanghai
  const dueMs = Date.parse(DUE)
  const item = (over: Partial<ObligationItem> = {}): ObligationItem => ({
    what: '2026-12 支委会',
    unitId: 'u01',
    branchId: 'b1',
    subject: { kind: 'branch', id: 'b1', name: '第一党支部' },
    state: 'open',
    from: '2026-11-30T16:00:00.000Z',
    dueBy: DUE,
    metAt: null,
    late: false,
    note: null,
    evidence: [],
    ...over,
  })
  const ob = (over: Partial<ObligationItem> = {}): ObligationReminderInput => ({
    targetId: 't1', targetName: '支部按月召开支委会', item: item(over), recipients: ['sec', 'org'],
  })
  const due = (now: number, over: Partial<ObligationItem> = {}) => dueReminders(input(at(now), { obligations: [ob(over)] }))

  it('reminds the recipients 7 days before, until 3 days before', () => {
    expect(due(dueMs - 7 * DAY - 1)).toEqual([])
    const rs = due(dueMs - 7 * DAY)
    expect(rs.map((r) => [r.key, r.memberId])).toEqual([
      ['obligationDue7:t1:b1:2026-12 支委会', 'sec'],
      ['obligationDue7:t1:b1:2026-12 支委会', 'org'],
    ])
    expect(rs[0].kind).toBe('obligationDue')
    expect(rs[0].title).toBe('7 天内到期：支部按月召开支委会')
    expect(rs[0].body).toContain('2026年12月31日')
    expect(rs[0].link).toBe('/obligations/unit/index?unitId=u01')
    expect(rs[0].fields.time2).toEqual({ value: '2026年12月31日 23:59' })
    expect(due(dueMs - 3 * DAY - 1)[0].key).toBe('obligationDue7:t1:b1:2026-12 支委会')
  })

  it('reminds again 3 days before, until the deadline', () => {
    expect(due(dueMs - 3 * DAY)[0].key).toBe('obligationDue3:t1:b1:2026-12 支委会')
    expect(due(dueMs - 1)[0].key).toBe('obligationDue3:t1:b1:2026-12 支委会')
    expect(due(dueMs)).toEqual([])
  })

  it('reminds once overdue, and never about a met item', () => {
    const rs = due(dueMs + DAY, { state: 'overdue', note: '2026-12 未召开' })
    expect(rs.map((r) => r.key)).toEqual(['obligationOverdue:t1:b1:2026-12 支委会', 'obligationOverdue:t1:b1:2026-12 支委会'])
    expect(rs[0].kind).toBe('obligationOverdue')
    expect(rs[0].body).toContain('2026-12 未召开')
    expect(due(dueMs - DAY, { state: 'met', metAt: '2026-12-20T01:00:00.000Z' })).toEqual([])
  })

  it('sends nothing with nobody to send to', () => {
    expect(dueReminders(input(at(dueMs - DAY), { obligations: [{ ...ob(), recipients: [] }] }))).toEqual([])
  })
})

describe('subscribe fields', () => {
  it('cuts a 40-character thing to 20 ending with …', () => {
    const long = '一二三四五六七八九十'.repeat(4)
    const f = subscribeFields('activitySoon', { thing1: long, time2: START, thing3: 'x' })
    expect(Array.from(f.thing1.value)).toHaveLength(20)
    expect(f.thing1.value).toBe('一二三四五六七八九十一二三四五六七八九…')
    expect(f.time2.value).toBe('2026年12月4日 09:00')
  })

  it('keeps a phrase to 5 characters and drops fields the template lacks', () => {
    const f = subscribeFields('leaveDecided', { thing1: '请假', phrase2: '已 通过审核了', thing3: '好', time2: START })
    expect(f.phrase2.value).toBe('已通过审核')
    expect(f).not.toHaveProperty('time2')
  })

  it('formats times in Shanghai without leading zeros on month and day', () => {
    expect(subscribeFields('obligationDue', { time2: '2026-12-03T10:30:00.000Z' }).time2.value).toBe('2026年12月3日 18:30')
  })

  it('keeps names to 10 characters and never sends an empty thing', () => {
    expect(fitField('name', '欧阳一二三四五六七八九')).toBe('欧阳一二三四五六七八')
    expect(fitField('thing', '  ')).toBe('—')
  })

  it('fills every field of each kind within its type limit', () => {
    const now = at(startMs - HOUR)
    const long = '很长的标题'.repeat(10)
    const rs: Reminder[] = dueReminders(input(now, {
      starting: [activity({ title: long, placeName: long })],
      decisions: [{ kind: 'makeup', id: 'k', memberId: 'm', activityId: 'a', title: long, approved: true, decidedAt: now.toISOString(), comment: long }],
    }))
    const limit = { thing: 20, phrase: 5, time: 32, name: 10, date: 32, number: 32 } as const
    for (const r of rs) {
      const spec = r.kind === 'makeupDecided' ? TEMPLATE_FIELDS.reviewResult : TEMPLATE_FIELDS.activityReminder
      expect(Object.keys(r.fields).sort()).toEqual(Object.keys(spec).sort())
      for (const [k, { value }] of Object.entries(r.fields)) {
        expect(Array.from(value).length).toBeLessThanOrEqual(limit[spec[k].type])
      }
    }
  })
})
