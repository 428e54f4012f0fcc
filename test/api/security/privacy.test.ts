/**
 * No member action tells a plain member another member's phone, ID number, birth date or sign-in
 * code. On the seeded demo city (every member with a phone and a birth date, and here an ID
 * number too), a member with no role but `member` calls every action of every function whose
 * `auth` lets them in, with plausible inputs aimed at real data (their activities, their branch's
 * meetings and photos, a certificate of someone else…), and no answer's JSON text may hold any
 * other member's value. New actions open to members must get inputs here: the walk fails on an
 * action without an entry.
 *
 * One exception, by design: `member.demoAccounts` hands out the sign-in codes of the demo
 * accounts while the demo city is loaded (the local world's try-it-out page); it may show those
 * codes and nothing else of anyone.
 */
import type { Member } from '../../../cloud/contract/model'
import { functions } from '../../../cloud/functions'
import type { AnyAction } from '../../../cloud/runtime/action'
import { expectOk, MIN, world, type World } from '../../helpers/api'
import { startTestServer, type TestServer } from '../../helpers/testServer'

jest.setTimeout(120_000)

type Event = Record<string, unknown>
/** What the walk knows when it reaches an action: ids set up below, and the answers so far. */
interface Walk {
  answers: Map<string, unknown[]>
}
/**
 * The inputs of one action (several: each is called), and whether a plain member is refused every
 * time by design (then no success is expected).
 */
interface Entry {
  inputs: (walk: Walk) => Event[] | Promise<Event[]>
  refused?: string
}

let srv: TestServer
let w: World
let me: Member
let myCode: string
/** Other members' private values, by what they are. */
const secrets = new Map<string, { what: string; memberId: string }>()
let table: Record<string, Record<string, Entry>>

/** Set an ID number on every member (the demo city has none): 18 characters from the birth date and the id. */
function giveIdNumbers() {
  const rows = w.all<{ id: string; birth_date: string | null }>(`SELECT id, birth_date FROM members`)
  const update = w.db.prepare(`UPDATE members SET id_number = ? WHERE id = ?`)
  for (const r of rows) {
    const digits = r.id.replace(/\D/g, '').padStart(4, '0').slice(-4)
    update.run(`3301${(r.birth_date ?? '1980-01-01').replace(/-/g, '')}${digits}X`.padEnd(18, '0').slice(0, 18), r.id)
  }
}

beforeAll(async () => {
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  giveIdNumbers()

  // A member with no role over anyone, in a branch with meetings, photos and one meeting ahead.
  const myId = w.one<{ id: string }>(
    `SELECT m.id FROM members m WHERE m.unit_id = 'u01' AND m.active = 1
     AND m.id NOT IN (SELECT member_id FROM member_roles WHERE role <> 'member')
     AND EXISTS (SELECT 1 FROM photos p JOIN activities a ON a.id = p.activity_id WHERE a.branch_id = m.branch_id)
     AND EXISTS (SELECT 1 FROM activities a WHERE a.branch_id = m.branch_id AND a.meeting_type IS NOT NULL AND a.status = 'published' AND a.start_at > ?)
     ORDER BY m.id LIMIT 1`,
    srv.clock.now().toISOString(),
  ).id
  me = (await srv.store.getMember(myId))!
  myCode = w.member(myId).bind_code
  const mine = w.member(myId)
  for (const m of w.all<{ id: string; phone: string | null; id_number: string | null; birth_date: string | null; bind_code: string }>(`SELECT * FROM members WHERE id <> ?`, myId)) {
    for (const [what, value, own] of [
      ['phone', m.phone, mine.phone],
      ['ID number', m.id_number, mine.id_number],
      ['birth date', m.birth_date, mine.birth_date],
      ['sign-in code', m.bind_code, mine.bind_code],
    ] as const) {
      // A value the member shares with someone (a birthday) is their own to see.
      if (value && value !== own) secrets.set(value, { what, memberId: m.id })
    }
  }

  // Activities to act on, as a u01 organizer sets them up: a lecture open for check-in, a volunteer
  // service under way, and one that needs signing up.
  const organizer = w.ids.organizer('u01')
  const noPlace = { noLocationReason: '室内活动，无需定位' }
  const lecture = await w.create(organizer, { title: '隐私测试讲座', startAt: w.inMin(5), endAt: w.inMin(65), ...noPlace })
  const service = await w.create(organizer, { kind: 'volunteer', title: '隐私测试志愿服务', startAt: w.inMin(-20), endAt: w.inMin(160), ...noPlace })
  const signUp = await w.create(organizer, { title: '需报名的讲座', startAt: w.inMin(3 * 24 * 60), endAt: w.inMin(3 * 24 * 60 + 60), signUpRequired: true, capacity: 50, ...noPlace })
  // One ending in a minute, which the member will have missed.
  const missedNow = await w.create(organizer, { title: '刚结束的讲座', startAt: w.inMin(-59), endAt: w.inMin(1), ...noPlace })
  // Volunteer hours for the member and for a neighbour, and a certificate the city admin issued the neighbour.
  const neighbour = w.ids.roleless('u01').find((id) => id !== myId)!
  for (const who of [myId, neighbour]) {
    await w.checkIn(organizer, who, service)
    await w.ok('checkin', { action: 'confirmHours', activityId: service, memberId: who, hours: 2 }, organizer)
  }
  const theirs = await w.ok('stats', { action: 'certificate', period: '2026', memberId: neighbour }, w.ids.cityAdmin())
  if (!theirs.issued) throw new Error('the neighbour has confirmed hours: a certificate is issued')

  // The year's study-model list on notice, for the member to object to (an entry, and the whole list).
  const onNotice = await w.ok('stats', { action: 'freezeSnapshot', period: '2026', topN: 10, minGroupAttendance: 0 }, w.ids.cityAdmin())

  const now = srv.clock.now().toISOString()
  const ids = (sql: string, ...params: unknown[]) => w.all<{ id: string }>(sql, ...params).map((r) => r.id)
  const branch = me.branchId
  const pastMeetings = ids(
    `SELECT a.id FROM activities a JOIN meeting_records r ON r.activity_id = a.id WHERE a.branch_id = ? AND a.end_at < ? AND a.status = 'published' ORDER BY a.start_at DESC LIMIT 3`,
    branch,
    now,
  )
  const aheadMeetings = ids(`SELECT id FROM activities WHERE branch_id = ? AND meeting_type IS NOT NULL AND status = 'published' AND start_at > ? ORDER BY start_at`, branch, now)
  const photos = ids(`SELECT p.id FROM photos p JOIN activities a ON a.id = p.activity_id WHERE a.branch_id = ?`, branch)
  // Recent activities of the member's unit they missed: what a make-up request is for.
  const missed = ids(
    `SELECT a.id FROM activities a WHERE a.status = 'published' AND a.end_at < ? AND a.meeting_type IS NULL
     AND (a.audience_type = 'all' OR a.audience_json LIKE '%"u01"%')
     AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.activity_id = a.id AND c.member_id = ?)
     ORDER BY a.end_at DESC LIMIT 2`,
    now,
    myId,
  ).concat(missedNow)
  const someoneElse = neighbour
  const firstLeave = (walk: Walk): string => {
    const made = (walk.answers.get('checkin.requestLeave') ?? []).find((a): a is { id: string } => typeof a === 'object' && a !== null && 'id' in a)
    return made?.id ?? 'no-leave'
  }

  table = {
    member: {
      signIn: { inputs: () => [{ bindCode: myCode }] },
      bind: { inputs: () => [{ bindCode: myCode }], refused: 'binding is for the WeChat world' },
      signOut: { inputs: () => [{}] },
      me: { inputs: () => [{}] },
      demoAccounts: { inputs: () => [{}] },
    },
    activity: {
      list: { inputs: () => [{ view: 'forMe' }, { view: 'organizing' }] },
      get: { inputs: () => [{ id: lecture }, { id: service }, ...missed.map((id) => ({ id }))] },
      record: { inputs: () => pastMeetings.map((id) => ({ id })) },
      photo: { inputs: () => photos.map((id) => ({ id })) },
      branchOverview: { inputs: () => [{}, { branchId: branch }], refused: 'only the branch secretary, organizer or unit admin' },
      branchMeetings: { inputs: () => [{ period: '2026' }, { period: '2026-11' }] },
    },
    checkin: {
      signUp: { inputs: () => [{ activityId: signUp }] },
      withdrawSignUp: { inputs: () => [{ activityId: signUp }] },
      checkIn: { inputs: async () => [{ activityId: lecture, token: await w.token(organizer, lecture) }] },
      checkOut: { inputs: async () => [{ activityId: service, token: await w.token(organizer, service) }] },
      requestMakeup: { inputs: () => missed.map((activityId) => ({ activityId, reason: '临时出差未能参加' })) },
      requestLeave: { inputs: () => aheadMeetings.map((activityId) => ({ activityId, reason: '出差在外地，无法参加' })) },
      withdrawLeave: { inputs: (walk) => [{ leaveId: firstLeave(walk) }] },
      mine: { inputs: () => [{}, { kind: 'volunteer' }, { kind: 'study' }] },
      myMakeups: { inputs: () => [{}] },
      missed: { inputs: () => [{}] },
    },
    stats: {
      leaderboard: {
        inputs: () => [
          { period: '2026' },
          { period: '2026', view: 'members' },
          { period: '2026', scope: 'unit' },
          { period: '2026', scope: 'unit', view: 'units' },
          { period: '2026-11', board: 'volunteer', view: 'members' },
          { period: '2026', board: 'volunteer', scope: 'unit' },
        ],
      },
      myScore: { inputs: () => [{ period: '2026' }, { period: '2026-11' }] },
      snapshot: { inputs: () => [{ period: '2026' }] },
      fileObjection: {
        inputs: () => [
          { period: '2026', snapshotId: onNotice.id, memberId: onNotice.entries[0].memberId, reason: '该同志学习记录需要核实' },
          { period: '2026', snapshotId: onNotice.id, reason: '名单未说明评选办法' },
        ],
      },
      certificate: { inputs: () => [{ period: '2026' }, { period: '2026', memberId: someoneElse }] },
      verifyCertificate: { inputs: () => [{ serial: theirs.serial, code: theirs.verifyCode }] },
    },
    notify: {
      inbox: { inputs: () => [{}] },
      markRead: { inputs: () => [{ all: true }] },
      subscribed: { inputs: () => [{ accepted: [] }] },
      preferences: { inputs: () => [{}] },
      setPreferences: { inputs: () => [{ off: [] }] },
    },
  }
  // The lecture's check-in window opens; the short one ends.
  srv.clock.advance(2 * MIN)
})

afterAll(async () => {
  await srv.close()
})

/** The actions a member may call: `auth` 'public' or 'member', or a predicate the member passes. */
const openTo = (m: Member): [string, string, AnyAction][] =>
  Object.entries(functions as unknown as Record<string, Record<string, AnyAction>>).flatMap(([fn, t]) =>
    Object.entries(t)
      .filter(([, a]) => a.auth === 'public' || a.auth === 'member' || (typeof a.auth === 'function' && a.auth(m)))
      .map(([action, a]): [string, string, AnyAction] => [fn, action, a]),
  )

/** Other members' values found in a text. */
const leaks = (text: string, allowed: Set<string> = new Set()) =>
  [...secrets].filter(([value]) => !allowed.has(value) && text.includes(value)).map(([value, s]) => `${s.what} of ${s.memberId} (${value})`)

describe('what a plain member can read of others', () => {
  it('the member holds no role over anyone, and the demo city has phones, ID numbers, birth dates and codes to leak', () => {
    expect(me.roles.map((r) => r.role)).toEqual(['member'])
    const kinds = new Set([...secrets.values()].map((s) => s.what))
    expect([...kinds].sort()).toEqual(['ID number', 'birth date', 'phone', 'sign-in code'])
    expect(secrets.size).toBeGreaterThan(1_000)
  })

  it('every action open to the member has inputs here, and nothing stale is listed', () => {
    const open = openTo(me).map(([fn, action]) => `${fn}.${action}`)
    const listed = Object.entries(table).flatMap(([fn, t]) => Object.keys(t).map((a) => `${fn}.${a}`))
    expect(open.filter((a) => !listed.includes(a))).toEqual([])
    expect(listed.filter((a) => !open.includes(a))).toEqual([])
  })

  it('no answer to any of them holds another member’s phone, ID number, birth date or sign-in code', async () => {
    const walk: Walk = { answers: new Map() }
    const found: string[] = []
    /** Actions no input got through, with the last refusal; and actions meant to be refused that were not. */
    const refusedThroughout: string[] = []
    const letThrough: string[] = []
    let calls = 0
    for (const [fn, action, def] of openTo(me)) {
      const entry = table[fn]?.[action]
      if (!entry) continue
      const inputs = await entry.inputs(walk)
      expect({ action: `${fn}.${action}`, inputs: inputs.length > 0 }).toEqual({ action: `${fn}.${action}`, inputs: true })
      let succeeded = 0
      let refusal = ''
      for (const input of inputs) {
        const res = await srv.send(fn, { action, ...input }, def.auth === 'public' ? undefined : w.as(me.id))
        calls++
        expect(res.status).not.toBe(500)
        const text = JSON.stringify(res.body)
        const allowed = fn === 'member' && action === 'demoAccounts' ? new Set(srv.accounts.map((a) => a.bindCode)) : undefined
        for (const leak of leaks(text, allowed)) found.push(`${fn}.${action} ${JSON.stringify(input)}: ${leak}`)
        if (res.body.ok) {
          succeeded++
          walk.answers.set(`${fn}.${action}`, [...(walk.answers.get(`${fn}.${action}`) ?? []), res.body.data])
        } else refusal = `${res.body.error.code} ${res.body.error.message}`
      }
      if (!succeeded && !entry.refused) refusedThroughout.push(`${fn}.${action}: ${refusal}`)
      if (succeeded && entry.refused) letThrough.push(`${fn}.${action} (meant to be refused: ${entry.refused})`)
    }
    expect(found).toEqual([])
    // The walk reached the rules, not only the refusals: every action succeeded at least once, except those refused by design.
    expect(refusedThroughout).toEqual([])
    expect(letThrough).toEqual([])
    expect(calls).toBeGreaterThan(40)
  })

  it('the demo accounts list shows codes of demo accounts only, and none of their other data', async () => {
    const { accounts } = expectOk(await srv.call('member', { action: 'demoAccounts' }))
    expect(accounts.length).toBeGreaterThan(0)
    for (const a of accounts) expect(Object.keys(a).sort()).toEqual(['bindCode', 'name', 'role', 'unit'])
    expect(leaks(JSON.stringify(accounts), new Set(accounts.map((a) => a.bindCode)))).toEqual([])
  })

  it('the leaderboard lists names, units and scores, never birth dates', async () => {
    const board = expectOk(await srv.call('stats', { action: 'leaderboard', period: '2026', view: 'members' }, w.as(me.id)))
    expect(board.rows.length).toBeGreaterThan(5)
    for (const row of board.rows) expect(row).not.toHaveProperty('birthDate')
  })
})
