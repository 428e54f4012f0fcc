/** The organisation, activities and records every contract test starts from. */
import type { Activity } from '../../cloud/contract/model'
import type { ActivityCreateInput } from '../../cloud/contract/schemas'
import { draftActivity } from '../../cloud/domain/activity'
import { DEFAULT_POLICY } from '../../cloud/domain/policy'
import { addMinutes, shanghaiDay } from '../../cloud/domain/time'
import { StoreError, type StoreEntity, type StoreErrorKind } from '../../cloud/store/errors'
import type { DailyCap, NewCheckIn, NewCredit, OrgBatch, Store } from '../../cloud/store/Store'
import { rosterMember, type OrgMember } from '../helpers/roster'

export type StoreFactory = () => Promise<Store>

/** Friday 20 November 2026, 10:00 in Shanghai. */
export const NOW = '2026-11-20T02:00:00.000Z'
export const DAY = shanghaiDay(new Date(NOW))
export const CAP: DailyCap = { from: DAY.start, to: DAY.end, cap: 10 }
export const at = (minutes: number): string => addMinutes(NOW, minutes)

const member = rosterMember

export const ORG: OrgBatch = {
  units: [
    { id: 'u01', name: '市委办公室' },
    { id: 'u02', name: '市财政局' },
  ],
  branches: [
    { id: 'u01-b1', unitId: 'u01', name: '秘书一处党支部' },
    { id: 'u02-b1', unitId: 'u02', name: '预算处党支部' },
  ],
  youthGroups: [
    { id: 'g01', name: '市委办公室青年理论学习小组', unitIds: ['u01'] },
    { id: 'g02', name: '财政联合青年理论学习小组', unitIds: ['u01', 'u02'] },
  ],
  members: [
    member('o1', 'DY001', '王芳', 'u01', { branchId: 'u01-b1', roles: [{ role: 'member' }, { role: 'organizer', unitId: 'u01' }], phone: '13800000001' }),
    member('m1', 'DY002', '李强', 'u01', { branchId: 'u01-b1', youthGroupId: 'g01', birthDate: '1998-05-05', idNumber: '110101199805050011' }),
    member('m2', 'DY003', '张敏', 'u01'),
    member('m3', 'DY004', '陈静', 'u02', { branchId: 'u02-b1', youthGroupId: 'g02', birthDate: '1996-03-03' }),
    member('m4', 'DY005', '赵磊', 'u02', { active: false }),
    member('a1', 'DY006', '刘洋', 'u02', { roles: [{ role: 'cityAdmin' }] }),
  ],
}

/** More members of u02, for capacity races. */
export const crowd = (n: number): OrgMember[] =>
  Array.from({ length: n }, (_, i) => member(`c${i}`, `DY9${String(i).padStart(3, '0')}`, `群众${i}`, 'u02'))

export type ActivityInput = Partial<Omit<ActivityCreateInput, 'publish'>> & { publish?: boolean; unitId?: string }

export async function addActivity(store: Store, over: ActivityInput = {}): Promise<Activity> {
  const organizer = (await store.getMember('o1'))!
  const { publish = true, unitId = 'u01', ...input } = over
  const draft = draftActivity(
    { kind: 'lecture', title: '处长讲坛', startAt: NOW, endAt: at(120), audience: { type: 'units', unitIds: ['u01'] }, ...input },
    organizer,
    unitId,
    DEFAULT_POLICY,
    publish,
  )
  return store.insertActivity({ ...draft, qrSecret: `secret-${draft.title}` }, NOW)
}

export const checkIn = (activityId: string, memberId: string, when = NOW, over: Partial<NewCheckIn> = {}): NewCheckIn => ({
  activityId,
  memberId,
  checkedInAt: when,
  method: 'qr',
  distanceM: null,
  accuracyM: null,
  device: 'jest',
  ip: '127.0.0.1',
  idempotencyKey: null,
  ...over,
})

export const credit = (kind: NewCredit['kind'], points: number, when = NOW, over: Partial<NewCredit> = {}): NewCredit => ({
  kind,
  points,
  hours: 0,
  method: 'qr',
  approvedBy: null,
  createdAt: when,
  device: 'jest',
  ip: '127.0.0.1',
  reversesId: null,
  ...over,
})

/** A fresh store with the organisation imported, for each test. */
export function useStore(factory: StoreFactory): { readonly store: Store } {
  let current: Store | null = null
  beforeEach(async () => {
    current = await factory()
    await current.importOrg(ORG, NOW)
  })
  afterEach(async () => {
    await current?.close()
    current = null
  })
  return {
    get store(): Store {
      if (!current) throw new Error('no store outside a test')
      return current
    },
  }
}

/** A refused write rejects with a StoreError of this kind (and entity): a type to branch on, no text. */
export async function expectRefused(call: Promise<unknown>, kind: StoreErrorKind, entity: StoreEntity | null = null): Promise<void> {
  const error = await call.then(
    () => new Error(`expected a StoreError (${kind}), but the call succeeded`),
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(StoreError)
  expect(error).toMatchObject({ kind, entity })
}

export const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0)
