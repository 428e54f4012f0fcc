import type { OrgBatch } from '../../store/Store'
import type { Random } from './random'

type Person = OrgBatch['members'][number]

/** A branch of the demo city with the people who run it. */
export interface SeededBranch {
  id: string
  unitId: string
  name: string
  members: OrgBatch['members']
  partyGroups: { id: string; name: string; members: OrgBatch['members'] }[]
  secretary: Person
  organizer: Person
  /** Every branch officer: secretary, 组织委员 and the other 支部委员. */
  committee: Person[]
}

/** A branch this large splits into two 党小组. */
const SPLIT_ABOVE = 12
const GROUP_NAMES = ['第一党小组', '第二党小组']

/**
 * The branch side of the organisation: about one in ten 预备党员, two 党小组 in every larger branch,
 * and each branch's secretary, 组织委员 and one to three 支部委员 (all 正式党员). Officers are chosen
 * among people who hold no other role and are not in `reserved` (the demo accounts), so the existing
 * demo accounts stay who they were. Mutates the batch's members and fills `batch.partyGroups`.
 */
export function planBranches(batch: OrgBatch, reserved: ReadonlySet<string>, r: Random): SeededBranch[] {
  for (const m of batch.members) m.partyStatus = r.chance(0.1) ? 'probationary' : 'full'
  const out: SeededBranch[] = []
  for (const b of batch.branches) {
    const members = batch.members.filter((m) => m.branchId === b.id)
    const partyGroups: SeededBranch['partyGroups'] = []
    if (members.length > SPLIT_ABOVE) {
      const shuffled = shuffle(members, r)
      const half = Math.ceil(shuffled.length / 2)
      GROUP_NAMES.forEach((name, i) => {
        const id = `${b.id}-g${i + 1}`
        batch.partyGroups.push({ id, branchId: b.id, name })
        const part = shuffled.slice(i * half, (i + 1) * half)
        for (const m of part) m.partyGroupId = id
        // Keep each group's members in roster order: lists read better that way.
        partyGroups.push({ id, name, members: members.filter((m) => part.includes(m)) })
      })
    }
    const candidates = shuffle(
      members.filter((m) => m.partyStatus === 'full' && m.roles.length === 1 && !reserved.has(m.id)),
      r,
    )
    if (candidates.length < 3) throw new Error(`演示数据：${b.name} 人数不足以配备支部委员`)
    const committeeSize = Math.min(candidates.length, 2 + r.int(1, 3))
    const committee = candidates.slice(0, committeeSize)
    const [secretary, organizer] = committee
    const grant = (m: Person, role: 'branchSecretary' | 'branchOrganizer' | 'branchCommittee') =>
      (m.roles = [...m.roles, { role, branchId: b.id, unitId: b.unitId }])
    grant(secretary, 'branchSecretary')
    grant(organizer, 'branchOrganizer')
    for (const m of committee.slice(2)) grant(m, 'branchCommittee')
    out.push({ ...b, members, partyGroups, secretary, organizer, committee })
  }
  return out
}

export function shuffle<T>(list: readonly T[], r: Random): T[] {
  const a = [...list]
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(0, i)
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}
