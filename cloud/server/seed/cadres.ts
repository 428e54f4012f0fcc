/**
 * 职级 on the demo roster, as a 市直机关 reads: each unit's leadership 厅局级 (one to three), about one
 * in eight 县处级 (the 处长, most branch secretaries among them), a third or so 乡科级, the rest 一般干部.
 * Ranks follow age: nobody young leads a unit or a 处.
 */
import type { CadreRank } from '../../contract/vocabulary'
import type { OrgBatch } from '../../store/Store'
import type { SeededBranch } from './branchOrg'
import { shuffle } from './branchOrg'
import type { Random } from './random'

type Person = OrgBatch['members'][number]

const ageOf = (p: Person, year: number) => (p.birthDate ? year - Number(p.birthDate.slice(0, 4)) : 40)

/**
 * Give every member a rank (mutates them). Answers each unit's 机关党委书记: one of its 厅局级
 * leaders, the one who reports on the unit's party work (述职).
 */
export function rankCadres(members: Person[], branches: SeededBranch[], year: number, r: Random): Map<string, Person> {
  const secretaries = new Set(branches.map((b) => b.secretary.id))
  const byUnit = new Map<string, Person[]>()
  for (const m of members) byUnit.set(m.unitId, [...(byUnit.get(m.unitId) ?? []), m])
  const partySecretaries = new Map<string, Person>()
  for (const [unitId, people] of byUnit) {
    const rank = new Map<string, CadreRank>()
    const size = people.length
    const senior = shuffle(
      people.filter((p) => ageOf(p, year) >= 45 && !secretaries.has(p.id)),
      r,
    )
    const leaders = senior.slice(0, size >= 30 ? 3 : size >= 20 ? 2 : 1)
    for (const p of leaders) rank.set(p.id, 'bureau')
    // Branch secretaries are mostly 处长 (a young one is a 科长 still).
    let county = Math.max(1, Math.round(size * 0.12))
    for (const p of people) {
      if (county > 0 && secretaries.has(p.id) && ageOf(p, year) >= 38) {
        rank.set(p.id, 'county')
        county--
      }
    }
    for (const p of shuffle(people.filter((x) => !rank.has(x.id) && ageOf(x, year) >= 38), r)) {
      if (county-- <= 0) break
      rank.set(p.id, 'county')
    }
    for (const p of people) p.cadreRank = rank.get(p.id) ?? (ageOf(p, year) >= 28 && r.chance(0.5) ? 'section' : 'staff')
    partySecretaries.set(unitId, leaders[1] ?? leaders[0] ?? people[0])
  }
  return partySecretaries
}
