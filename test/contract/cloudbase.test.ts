import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import { fakeStorage } from '../helpers/cloudbaseFakeStorage'
import { freshDb } from './cloudbaseDb'
import { storeContract } from './store.contract'

describe('CloudBaseStore on the wx-server-sdk fake', () => {
  storeContract(async () => new CloudBaseStore(freshDb(), { storage: fakeStorage() }))
})
