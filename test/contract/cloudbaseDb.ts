import { INDEXES } from '../../cloud/store/cloudbase/collections'
import { type FakeDatabase, type FakeDbOptions, fakeDb } from '../helpers/cloudbaseFake'

/** A fresh fake CloudBase database as `cloud.database()` gives it, with the console's indexes made. */
export function freshDb(options: FakeDbOptions = {}): FakeDatabase {
  const db = fakeDb(options)
  for (const [name, specs] of Object.entries(INDEXES)) db.defineIndexes(name, specs ?? [])
  return db
}
