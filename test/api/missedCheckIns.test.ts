/**
 * 未签到 (`checkin.missed`): a member's activities that started, were meant for them, closed their
 * check-in without one from them and still take a make-up (补签), latest first, each with the offer
 * `requestMakeup` honours and the member's latest request. Not missed: what has not closed its
 * check-in, ended more than 7 days ago, was cancelled or never published, was for others, a meeting
 * the member had leave for or a 支委会 they do not sit on, an activity needing a sign-up they never made.
 *
 * The branch city (branchCity.ts): 甲局 uA with 第一党支部 (a1 secretary, a2 committee, a3–a8), 乙局 uB
 * with b1; adminA and adminB organize their units. Everything is published on 2 November; the list
 * is read on Friday 20 November at 10:00.
 */
import type { MissedActivity } from '../../cloud/contract/model'
import { between, NO_CHECK, shanghai, type World } from '../helpers/api'
import type { TestServer } from '../helpers/testServer'
import { branchCity, type BranchIds } from './branchCity'

let srv: TestServer
let w: World
let ids: BranchIds

/** Activity ids by what each is for in these tests. */
const a: Record<string, string> = {}
const NOW = '2026-11-20 10:00'

const missed = async (who: string): Promise<MissedActivity[]> => (await w.ok('checkin', { action: 'missed' }, who)).activities
const titles = async (who: string) => (await missed(who)).map((m) => m.activity.title)
const rowOf = async (who: string, id: string) => (await missed(who)).find((m) => m.activity.id === id)

/** Published by a unit's admin for the whole unit, without a location check. */
const publish = async (key: string, from: string, to: string, over: Record<string, unknown> = {}, who = 'adminA', unitId = 'uA') => {
  const made = await w.ok(
    'activity',
    { action: 'create', kind: 'lecture', title: key, ...between(from, to), audience: { type: 'units', unitIds: [unitId] }, publish: true, noLocationReason: NO_CHECK, ...over },
    who,
  )
  a[key] = made.id
}

const meeting = async (key: string, type: 'committee' | 'generalMeeting', from: string, to: string) => {
  const made = await w.ok('activity', { action: 'create', kind: 'study', title: key, ...between(from, to), publish: true, noLocationReason: NO_CHECK, meeting: { type, branchId: ids.B1 } }, 'a1')
  a[key] = made.id
}

beforeAll(async () => {
  ;({ srv, w, ids } = await branchCity())
  // Today: running since 08:00 (check-in closed 08:30); started 09:45 (check-in open until 10:15); this afternoon.
  await publish('进行中的讲座', '2026-11-20 08:00', '2026-11-20 12:00')
  await publish('刚开始的讲座', '2026-11-20 09:45', '2026-11-20 11:00')
  await publish('下午的讲座', '2026-11-20 14:00', '2026-11-20 16:00')
  // Earlier: ended exactly 7 days ago (the last moment of its make-up period), ended 8 days ago, five days ago.
  await publish('七天前结束的讲座', '2026-11-13 08:00', '2026-11-13 10:00')
  await publish('八天前的讲座', '2026-11-12 14:00', '2026-11-12 16:00')
  await publish('上周日的讲座', '2026-11-15 14:00', '2026-11-15 16:00')
  await publish('周三的讲座', '2026-11-18 14:00', '2026-11-18 16:00')
  await publish('取消的讲座', '2026-11-19 09:00', '2026-11-19 10:00')
  await w.ok('activity', { action: 'cancel', id: a['取消的讲座'] }, 'adminA')
  await publish('草稿讲座', '2026-11-19 09:00', '2026-11-19 10:00', { publish: false, noLocationReason: undefined })
  await publish('乙局的讲座', '2026-11-17 09:00', '2026-11-17 10:00', {}, 'adminB', 'uB')
  await publish('需报名的志愿服务', '2026-11-19 09:00', '2026-11-19 11:00', { kind: 'volunteer', signUpRequired: true })
  await meeting('支部党员大会', 'generalMeeting', '2026-11-16 14:00', '2026-11-16 16:00')
  await meeting('支委会', 'committee', '2026-11-17 14:00', '2026-11-17 15:00')

  // Before the meetings: a5's leave for the 大会 is approved, a6's declined; a4 signs up for the volunteer day.
  const leave5 = await w.ok('checkin', { action: 'requestLeave', activityId: a['支部党员大会'], reason: '赴外地参加培训' }, 'a5')
  const leave6 = await w.ok('checkin', { action: 'requestLeave', activityId: a['支部党员大会'], reason: '家中有事需要处理' }, 'a6')
  await w.ok('checkin', { action: 'reviewLeave', leaveId: leave5.id, approve: true }, 'a1')
  await w.ok('checkin', { action: 'reviewLeave', leaveId: leave6.id, approve: false }, 'a1')
  await w.ok('checkin', { action: 'signUp', activityId: a['需报名的志愿服务'] }, 'a4')

  // a3 checks in on Wednesday, a2 at the 支委会.
  w.at('2026-11-18 14:05')
  await w.checkIn('adminA', 'a3', a['周三的讲座'])
  w.at('2026-11-17 14:05')
  await w.checkIn('a1', 'a2', a['支委会'])
  w.at(NOW)
})

afterAll(async () => {
  await srv.close()
})

describe('which activities a member missed', () => {
  it('the started ones whose check-in closed, latest first; not one still open, nor one to come', async () => {
    expect(await titles('a3')).toEqual(['进行中的讲座', '支部党员大会', '上周日的讲座', '七天前结束的讲座'])
  })

  it('each with its times, place and make-up deadline, offered while nothing was asked', async () => {
    expect(await rowOf('a3', a['进行中的讲座'])).toEqual({
      activity: { id: a['进行中的讲座'], title: '进行中的讲座', kind: 'lecture', subKind: null, ...between('2026-11-20 08:00', '2026-11-20 12:00'), placeName: null },
      makeup: { allowed: true, reason: null, deadline: shanghai('2026-11-27 12:00') },
      lastRequest: null,
    })
  })

  it('one that ended exactly 7 days ago until the minute passes; one that ended 8 days ago never', async () => {
    expect(await titles('a3')).toContain('七天前结束的讲座')
    expect(await titles('a3')).not.toContain('八天前的讲座')
    w.at('2026-11-20 10:01')
    try {
      expect(await titles('a3')).not.toContain('七天前结束的讲座')
    } finally {
      w.at(NOW)
    }
  })

  it('not one the member checked in to; another member who did not sees it', async () => {
    expect(await titles('a3')).not.toContain('周三的讲座')
    expect(await titles('a4')).toContain('周三的讲座')
  })

  it('not a cancelled or draft activity', async () => {
    for (const who of ['a3', 'a4', 'a8']) {
      expect(await titles(who)).not.toContain('取消的讲座')
      expect(await titles(who)).not.toContain('草稿讲座')
    }
  })

  it("not another unit's activity; its own members see it, and not ours", async () => {
    expect(await titles('a3')).not.toContain('乙局的讲座')
    expect(await titles('b1')).toEqual(['乙局的讲座'])
  })

  it('not a meeting the member had approved leave for; declined leave is no excuse', async () => {
    expect(await titles('a5')).not.toContain('支部党员大会')
    expect(await titles('a6')).toContain('支部党员大会')
  })

  it('a 支委会 only for its committee, and not for one who attended', async () => {
    expect(await titles('a3')).not.toContain('支委会')
    expect(await titles('a2')).not.toContain('支委会')
    expect(await titles('a1')).toContain('支委会')
  })

  it('an activity needing sign-up only for those who signed up', async () => {
    expect(await titles('a3')).not.toContain('需报名的志愿服务')
    expect(await titles('a4')).toContain('需报名的志愿服务')
  })
})

describe('make-up requests in the list', () => {
  it('asked for: 待审核 (pending), no second request offered', async () => {
    await w.ok('checkin', { action: 'requestMakeup', activityId: a['上周日的讲座'], reason: '当天在外出差，未能到场签到' }, 'a3')
    const row = await rowOf('a3', a['上周日的讲座'])
    expect(row?.lastRequest).toMatchObject({ status: 'pending', requestedAt: shanghai(NOW), reviewComment: null })
    expect(row?.makeup).toEqual({ allowed: false, reason: '该活动已有待审核或已通过的补签，无需重复申请', deadline: shanghai('2026-11-22 16:00') })
    await w.expectRefused(() => w.checkin('a3', { action: 'requestMakeup', activityId: a['上周日的讲座'], reason: '再申请一次试试' }), 'CONFLICT')
  })

  it('rejected: 未通过 with the comment, and may be asked again within the period', async () => {
    const asked = await w.ok('checkin', { action: 'requestMakeup', activityId: a['上周日的讲座'], reason: '手机没电了' }, 'a4')
    await w.ok('checkin', { action: 'reviewMakeup', makeupId: asked.id, approve: false, comment: '请补充说明当天情况' }, 'adminA')
    const row = await rowOf('a4', a['上周日的讲座'])
    expect(row?.lastRequest).toMatchObject({ id: asked.id, status: 'rejected', reviewComment: '请补充说明当天情况' })
    expect(row?.makeup.allowed).toBe(true)
    const again = await w.ok('checkin', { action: 'requestMakeup', activityId: a['上周日的讲座'], reason: '当天在会场，手机没电未能扫码' }, 'a4')
    expect((await rowOf('a4', a['上周日的讲座']))?.lastRequest).toMatchObject({ id: again.id, status: 'pending' })
  })

  it('approved: a check-in, so no longer missed', async () => {
    const pending = (await rowOf('a3', a['上周日的讲座']))!.lastRequest!
    await w.ok('checkin', { action: 'reviewMakeup', makeupId: pending.id, approve: true }, 'adminA')
    expect(await titles('a3')).not.toContain('上周日的讲座')
  })

  it('every make-up the list offers, requestMakeup accepts', async () => {
    const offered = (await missed('a6')).filter((m) => m.makeup.allowed)
    expect(offered.length).toBeGreaterThan(2)
    for (const m of offered) await w.ok('checkin', { action: 'requestMakeup', activityId: m.activity.id, reason: '临时有事未能到场' }, 'a6')
    expect((await missed('a6')).every((m) => m.lastRequest?.status === 'pending' && !m.makeup.allowed)).toBe(true)
  })
})

describe('whose list', () => {
  it("only the caller's own: a member id in the request is ignored", async () => {
    const own = await w.ok('checkin', { action: 'missed' }, 'a3')
    const res = await w.send('checkin', { action: 'missed', memberId: 'a4' }, 'a3')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, data: own })
    expect(own.activities.map((m) => m.activity.title)).not.toContain('周三的讲座')
  })

  it('says how many days a make-up may be asked for, from the policy', async () => {
    expect((await w.ok('checkin', { action: 'missed' }, 'a3')).makeupDays).toBe(7)
  })

  it('signed out: UNAUTHENTICATED', async () => {
    const res = await w.send('checkin', { action: 'missed' })
    expect(res.status).toBe(401)
  })
})
