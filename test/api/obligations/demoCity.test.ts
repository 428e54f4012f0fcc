/**
 * The seeded demo city (startTestServer's default, 2026-11-20): every target of the plan shows the
 * three lights somewhere, so the dashboards have something to tell on first start; and the report
 * of the whole city opens.
 */
import { DEFAULT_TARGETS } from '../../../cloud/domain/obligations/targets'
import { world, type World } from '../../helpers/api'
import { readWorkbook } from '../../helpers/spreadsheets'
import { startTestServer, type TestServer } from '../../helpers/testServer'

let srv: TestServer
let w: World

beforeAll(async () => {
  srv = await startTestServer()
  w = world(srv)
})

afterAll(async () => {
  await srv.close()
})

describe('the demo city', () => {
  it('every built-in target has at least one green, one amber and one red unit', async () => {
    const r = await w.ok('stats', { action: 'obligations' }, w.ids.cityAdmin())
    expect(r.period).toBe('2026')
    const lights = Object.fromEntries(r.targets.map((s) => [s.target.id, { green: s.green > 0, amber: s.amber > 0, red: s.red > 0 }]))
    expect(lights).toEqual(Object.fromEntries(DEFAULT_TARGETS.map((t) => [t.id, { green: true, amber: true, red: true }])))
  })

  it('the city\'s report opens, its summary equal to the matrix', async () => {
    const city = w.ids.cityAdmin()
    const [file, summary, matrix] = await Promise.all([
      w.ok('stats', { action: 'report' }, city),
      w.ok('stats', { action: 'reportSummary' }, city),
      w.ok('stats', { action: 'obligations' }, city),
    ])
    const book = await readWorkbook(file)
    expect(book.has('汇总')).toBe(true)
    expect(summary.targets.map((t) => t.required)).toEqual(matrix.targets.map((s) => s.total.required))
    expect(summary.rates).toEqual(matrix.rates)
  })
})
