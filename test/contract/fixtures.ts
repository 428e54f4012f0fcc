/** The organisation, activities and records every contract test starts from. */
import type { Activity, Makeup, MeetingInfo } from '../../cloud/contract/model'
import { type ActivityFields, draftActivity } from '../../cloud/domain/activity'
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
  partyGroups: [],
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

export type ActivityInput = Omit<Partial<ActivityFields>, 'noLocationReason'> & {
  publish?: boolean
  unitId?: string
  branchId?: string | null
  meeting?: MeetingInfo | null
  noLocationReason?: string | null
}

export async function addActivity(store: Store, over: ActivityInput = {}): Promise<Activity> {
  const organizer = (await store.getMember('o1'))!
  const { publish = true, unitId = 'u01', branchId = null, meeting = null, noLocationReason = null, ...input } = over
  const draft = draftActivity(
    { kind: 'lecture', title: '处长讲坛', startAt: NOW, endAt: at(120), audience: { type: 'units', unitIds: ['u01'] }, ...input },
    organizer,
    { unitId, branchId, meeting },
    DEFAULT_POLICY,
    publish,
  )
  // The store keeps whatever reason the draft carries; publishing's rules about it are the domain's.
  return store.insertActivity({ ...draft, noLocationReason, qrSecret: `secret-${draft.title}` }, NOW)
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
  deviceId: null,
  lat: null,
  lng: null,
  ...over,
})

/** A member's pending make-up (补签) request for an activity, asked `when`. */
export const makeupRequest = (activityId: string, memberId: string, when = at(200), over: Partial<Makeup> = {}): Omit<Makeup, 'id'> => ({
  activityId,
  memberId,
  reason: '外出开会',
  status: 'pending',
  requestedBy: memberId,
  requestedAt: when,
  reviewedBy: null,
  reviewedAt: null,
  reviewComment: null,
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

/**
 * Branch life on top of ORG: a second branch in u01, two 党小组 in 秘书一处党支部, its secretary and a
 * committee member, and a 预备党员. Active members of u01-b1 afterwards: o1, m1, s1, s2, p1.
 */
export const BRANCH_ORG: OrgBatch = {
  units: [],
  branches: [{ id: 'u01-b2', unitId: 'u01', name: '秘书二处党支部' }],
  partyGroups: [
    { id: 'u01-b1-g1', branchId: 'u01-b1', name: '第一党小组' },
    { id: 'u01-b1-g2', branchId: 'u01-b1', name: '第二党小组' },
  ],
  youthGroups: [],
  members: [
    member('s1', 'DY101', '周书记', 'u01', {
      branchId: 'u01-b1',
      partyGroupId: 'u01-b1-g1',
      roles: [{ role: 'branchSecretary', unitId: 'u01', branchId: 'u01-b1' }],
    }),
    member('s2', 'DY102', '吴委员', 'u01', {
      branchId: 'u01-b1',
      partyGroupId: 'u01-b1-g2',
      roles: [{ role: 'branchCommittee', unitId: 'u01', branchId: 'u01-b1' }],
    }),
    member('p1', 'DY103', '郑预备', 'u01', { branchId: 'u01-b1', partyGroupId: 'u01-b1-g1', partyStatus: 'probationary' }),
  ],
}

export async function addBranchOrg(store: Store): Promise<void> {
  await store.importOrg(BRANCH_ORG, NOW)
}

/** A meeting of a branch (default: a 支部党员大会 of u01-b1 for 2026-Q4, addressed to the branch). */
export async function addMeeting(store: Store, over: ActivityInput = {}): Promise<Activity> {
  const branchId = over.branchId ?? 'u01-b1'
  return addActivity(store, {
    kind: 'study',
    title: '支部党员大会',
    unitId: 'u01',
    branchId,
    meeting: { type: 'generalMeeting', forPeriod: '2026-Q4', election: false },
    audience: { type: 'branches', branchIds: [branchId] },
    ...over,
  })
}

const sortById = <T extends { id: string }>(xs: T[]): T[] => [...xs].sort((a, b) => a.id.localeCompare(b.id))
export const idsOf = (xs: { id: string }[]): string[] => sortById(xs).map((x) => x.id)
