/**
 * Branches the demo city gains after the rest of its roster is drawn, from a generator of their
 * own so everyone drawn before stays who they were: a fourth branch of 市财政局 (one of the city's
 * old branches), and a branch 市卫生健康委员会 set up this year, which owes its meetings only from
 * the month after it was set up.
 */
import type { OrgBatch } from '../../store/Store'
import { SHANGHAI_OFFSET_MS } from '../../domain/time'
import { planBranches, type SeededBranch } from './branchOrg'
import type { Random } from './random'

type Person = OrgBatch['members'][number]

const LATER: { id: string; unitId: string; name: string; size: number; midYear: boolean }[] = [
  { id: 'u04-b4', unitId: 'u04', name: '税政处党支部', size: 10, midYear: false },
  { id: 'u06-b3', unitId: 'u06', name: '疾病预防控制处党支部', size: 9, midYear: true },
]

export interface LaterBranches {
  /** Old branches: imported with the rest of the city. */
  old: { batch: Pick<OrgBatch, 'branches' | 'partyGroups' | 'members'>; branches: SeededBranch[] }
  /** The branch set up this year, with its people: imported on `createdAt`. */
  midYear: { batch: OrgBatch; branches: SeededBranch[]; createdAt: string }
}

/**
 * Draw the later branches and their people (`person` makes one of a unit; it is put in the branch).
 * The mid-year branch is set up on the 15th of the month halfway through the year so far (June for
 * a November `now`), at least ten days before `now`.
 */
export function laterBranches(person: (r: Random, unitId: string) => Person, now: Date, reserved: ReadonlySet<string>, r: Random): LaterBranches {
  const part = (midYear: boolean): OrgBatch => {
    const batch: OrgBatch = { units: [], branches: [], partyGroups: [], youthGroups: [], members: [] }
    for (const b of LATER.filter((x) => x.midYear === midYear)) {
      batch.branches.push({ id: b.id, unitId: b.unitId, name: b.name })
      for (let i = 0; i < b.size; i++) batch.members.push({ ...person(r, b.unitId), branchId: b.id })
    }
    return batch
  }
  const old = part(false)
  const mid = part(true)
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS)
  const month = Math.ceil((local.getUTCMonth() + 1) / 2)
  const created = Math.min(Date.UTC(local.getUTCFullYear(), month - 1, 15, 9) - SHANGHAI_OFFSET_MS, now.getTime() - 10 * 86_400_000)
  return {
    old: { batch: old, branches: planBranches(old, reserved, r) },
    midYear: { batch: mid, branches: planBranches(mid, reserved, r), createdAt: new Date(created).toISOString() },
  }
}
