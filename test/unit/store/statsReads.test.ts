/**
 * The read-side store methods the stats cache needs (units, youth-only member scores and the
 * youth groups' data, the next session start, the data version), alike on SQLite and on the CloudBase fake.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { youthTest } from '../../../cloud/domain/coverage'
import { CloudBaseStore } from '../../../cloud/store/cloudbase/CloudBaseStore'
import { SqliteStore } from '../../../cloud/store/sqlite/SqliteStore'
import type { OrgBatch, Store } from '../../../cloud/store/Store'
import { freshDb } from '../../contract/cloudbaseDb'
import { NOW, ORG, addActivity } from '../../contract/fixtures'

/** The fixture city, plus members born on either side of the youth edge for 2026-11 (1990-11-01). */
const EDGE: OrgBatch = {
  ...ORG,
  members: [
    ...ORG.members,
    ...(
      [
        ['e1', '1990-11-01'],
        ['e2', '1990-11-02'],
        ['e3', null],
        ['e4', '2000-02-29'],
      ] as const
    ).map(([id, birthDate], i) => ({ ...ORG.members[2], id, memberNo: `DY8${i}`, bindCode: `CODE8${i}`, name: `边界${i}`, birthDate })),
  ],
}

const adapters: [string, (dir: string) => Store][] = [
  ['SQLite', (dir) => new SqliteStore(join(dir, 'reads.db'), { synchronous: 'NORMAL' })],
  ['CloudBase fake', () => new CloudBaseStore(freshDb())],
]

describe.each(adapters)('read-side methods for the cache, %s', (name, make) => {
  let dir: string
  let store: Store
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'party-checkin-reads-'))
    store = make(dir)
    await store.importOrg(EDGE, NOW)
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('units: every unit by id, as the coverage roster lists them', async () => {
    expect(await store.stats.units()).toEqual([
      { id: 'u01', name: '市委办公室' },
      { id: 'u02', name: '市财政局' },
    ])
    expect(await store.stats.units()).toEqual((await store.obligationOrg()).units)
  })

  it('memberScores with youthOn: exactly the youth of the full list, city and unit', async () => {
    const youthOn = { day: '2026-11-01', ageLimit: 35 }
    const isYouth = youthTest(youthOn.day, youthOn.ageLimit)
    for (const unitId of [undefined, 'u01', 'u02']) {
      const all = await store.stats.memberScores('2026-11', ['study', 'lecture'], 'points', unitId)
      expect(await store.stats.memberScores('2026-11', ['study', 'lecture'], 'points', unitId, youthOn)).toEqual(all.filter((r) => isYouth(r.birthDate)))
    }
    const ids = (await store.stats.memberScores('2026-11', ['study'], 'points', undefined, youthOn)).map((r) => r.memberId).sort()
    expect(ids).toEqual(['e2', 'e4', 'm1', 'm3'])
  })

  it('youthGroupData: exactly the youth of the roster, odd birth dates decided like memberScores', async () => {
    const youthOn = { day: '2026-11-01', ageLimit: 35 }
    const isYouth = youthTest(youthOn.day, youthOn.ageLimit)
    const { members } = await store.youthGroupData(youthOn.day, youthOn.ageLimit, NOW, NOW)
    expect(members.map((m) => m.id).sort()).toEqual(['e2', 'e4', 'm1', 'm3'])
    const scored = (await store.stats.memberScores('2026-11', ['study'], 'points')).filter((r) => isYouth(r.birthDate))
    expect(members.map((m) => m.id).sort()).toEqual(scored.map((r) => r.memberId).sort())
  })

  it('nextSessionStart: the first published study or lecture start at or after the moment', async () => {
    expect(await store.stats.nextSessionStart(NOW)).toBeNull()
    const later = '2026-11-25T01:00:00.000Z'
    await addActivity(store, { kind: 'lecture', title: '讲座', startAt: later, endAt: '2026-11-25T03:00:00.000Z' })
    await addActivity(store, { kind: 'volunteer', title: '志愿', startAt: '2026-11-21T01:00:00.000Z', endAt: '2026-11-21T03:00:00.000Z' })
    await addActivity(store, { kind: 'study', title: '未发布', startAt: '2026-11-22T01:00:00.000Z', endAt: '2026-11-22T03:00:00.000Z', publish: false })
    expect(await store.stats.nextSessionStart(NOW)).toBe(later)
    expect(await store.stats.nextSessionStart(later)).toBe(later)
    expect(await store.stats.nextSessionStart('2026-11-25T01:00:00.001Z')).toBeNull()
  })

  it('dataVersion: the same across reads, another after any write (SQLite); null on CloudBase', async () => {
    const v1 = await store.stats.dataVersion()
    if (name !== 'SQLite') return expect(v1).toBeNull()
    await store.stats.memberScores('2026', ['study'], 'points')
    expect(await store.stats.dataVersion()).toBe(v1)
    await addActivity(store, { kind: 'study', title: '学习' })
    const v2 = await store.stats.dataVersion()
    expect(v2).not.toBe(v1)
    // A commit by another connection (another process, a tool) counts too.
    const other = new Database(join(dir, 'reads.db'))
    other.prepare(`INSERT INTO meta (key, value) VALUES ('other', 'x')`).run()
    other.close()
    expect(await store.stats.dataVersion()).not.toBe(v2)
  })
})
