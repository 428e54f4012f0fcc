import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'
import { storeContract } from './store.contract'

let dir: string
let n = 0
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'party-checkin-contract-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('SqliteStore', () => {
  storeContract(async () => new SqliteStore(join(dir, `store-${++n}.db`), { synchronous: 'NORMAL' }))
})
