/**
 * Exactly once: overlapping dispatch runs, and a run that dies half-way followed by a new one,
 * deliver each reminder once; a day of the demo city run every 5 minutes delivers each due reminder once.
 */
import type { DispatchReport } from '../../../cloud/contract/notify'
import { dispatchDue } from '../../../cloud/functions/notify'
import { systemCtx } from '../../../cloud/server/system'
import type { Store } from '../../../cloud/store/Store'
import { between, DAY, MIN, shanghai, type World, world } from '../../helpers/api'
import { startTestServer, type TestServer } from '../../helpers/testServer'

let srv: TestServer
let w: World
let organizer: string
let city: string

const run = (store: Store = srv.store) => dispatchDue(systemCtx(store, 'local', srv.clock.now))
const rows = (): number => w.n('SELECT COUNT(*) AS n FROM inbox_messages')
const of = (activityId: string, kind: string): number => w.n('SELECT COUNT(*) AS n FROM inbox_messages WHERE id LIKE ?', `${kind}:${activityId}|%`)

/** The store, except that deliverOnce throws after `n` deliveries (a run dying half-way). */
function dyingAfter(n: number): Store {
  let left = n
  return new Proxy(srv.store, {
    get(target, prop, receiver) {
      if (prop === 'deliverOnce')
        return async (...args: Parameters<Store['deliverOnce']>) => {
          if (left-- <= 0) throw new Error('the run died')
          return target.deliverOnce(...args)
        }
      const v = Reflect.get(target, prop, receiver) as unknown
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
    },
  }) as Store
}

beforeAll(async () => {
  srv = await startTestServer({ now: '2026-11-20T02:00:00.000Z' })
  w = world(srv)
  organizer = w.u01().organizer
  city = w.ids.cityAdmin()
})

afterAll(async () => {
  await srv.close()
})

it('two overlapping runs deliver each reminder once', async () => {
  const a = await w.create(organizer, { title: '党课：重叠运行', ...between('2026-11-21 15:00', '2026-11-21 16:00') })
  w.at('2026-11-20 15:05')
  const before = rows()
  const reports: DispatchReport[] = await Promise.all([run(), run(), w.ok('notify', { action: 'dispatchDue' }, city)])
  const delivered = reports.reduce((s, r) => s + r.delivered, 0)
  expect(rows() - before).toBe(delivered)
  expect(of(a, 'activityTomorrow')).toBe(w.n(`SELECT COUNT(*) AS n FROM members WHERE unit_id = 'u01' AND active = 1`))
  // Each run accounts for every reminder it found: delivered by it, or skipped (another run's), held or off.
  for (const r of reports) expect(r.delivered + r.skipped + r.held + r.off).toBe(r.due)
})

it('a run killed half-way, then a new run: the rest delivered, each once', async () => {
  const a = await w.create(organizer, { title: '党课：中途中断', ...between('2026-11-21 16:30', '2026-11-21 17:30') })
  w.at('2026-11-20 16:35')
  const audience = w.n(`SELECT COUNT(*) AS n FROM members WHERE unit_id = 'u01' AND active = 1`)
  await expect(run(dyingAfter(3))).rejects.toThrow('the run died')
  expect(of(a, 'activityTomorrow')).toBeLessThanOrEqual(3)
  const r = await run()
  expect(of(a, 'activityTomorrow')).toBe(audience)
  expect(r.skipped).toBeGreaterThanOrEqual(of(a, 'activityTomorrow') - r.delivered)
  const again = await run()
  expect(again.delivered).toBe(0)
  expect(of(a, 'activityTomorrow')).toBe(audience)
})

it('the demo city through a day, every 5 minutes: each due reminder delivered once', async () => {
  const start = Date.parse(shanghai('2026-11-25 00:00'))
  srv.clock.set(new Date(start))
  // What starts in that day and the next morning, and to whom (the day before and 30 min before).
  const starting = await srv.store.activitiesStarting(new Date(start + 30 * MIN).toISOString(), new Date(start + DAY).toISOString())
  const before = rows()
  let delivered = 0
  for (let t = start; t < start + DAY; t += 5 * MIN) {
    srv.clock.set(new Date(t))
    delivered += (await run()).delivered
  }
  expect(rows() - before).toBe(delivered)
  expect(starting.length).toBeGreaterThan(0)
  const ids = w.all<{ id: string }>('SELECT id FROM inbox_messages').map((r) => r.id)
  expect(new Set(ids).size).toBe(ids.length)
  for (const a of starting) {
    const soon = new Set(w.all<{ member_id: string }>('SELECT member_id FROM inbox_messages WHERE id LIKE ?', `activitySoon:${a.id}|%`).map((r) => r.member_id))
    expect(soon).toEqual(new Set(a.memberIds))
  }
}, 120_000)
