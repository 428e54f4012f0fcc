/** Whom an organizer may address, from their role grants; pure, for the create and edit forms. */
import type { MemberProfile } from '@cloud/contract/model'
import type { Audience } from '@cloud/contract/schemas'
import { isCityAdmin } from '@cloud/domain/roles'

export interface AudienceOption {
  label: string
  audience: Audience
}

/** Audiences an organizer may address, their unit first (what most activities address). */
export function audienceOptions(me: MemberProfile): AudienceOption[] {
  const out: AudienceOption[] = []
  for (const g of me.roles) {
    if (g.role === 'cityAdmin') out.push({ label: '全市机关党员', audience: { type: 'all' } })
    if (g.groupId) out.push({ label: me.youthGroupName ?? '本青年理论学习小组', audience: { type: 'groups', groupIds: [g.groupId] } })
    else if (g.unitId && (g.role === 'organizer' || g.role === 'unitAdmin'))
      out.push({ label: g.unitId === me.unitId ? `本单位（${me.unitName}）` : '所辖单位', audience: { type: 'units', unitIds: [g.unitId] } })
  }
  return out.sort((a, b) => (a.audience.type === 'units' ? -1 : 0) - (b.audience.type === 'units' ? -1 : 0))
}

/** A city admin addresses the whole city, chosen units or chosen youth groups (指定单位 / 指定青年理论学习小组). */
export type CityScope = 'all' | 'units' | 'groups'

export const mayChooseFreely = (me: MemberProfile): boolean => isCityAdmin(me)

/** The audience a city admin's choice makes; null until at least one unit or group is chosen. */
export function cityAudience(scope: CityScope, unitIds: string[], groupIds: string[]): Audience | null {
  if (scope === 'all') return { type: 'all' }
  if (scope === 'units') return unitIds.length ? { type: 'units', unitIds } : null
  return groupIds.length ? { type: 'groups', groupIds } : null
}

/** Names in a short line: the first few, then how many in all. */
export function namesLine(names: string[], shown = 3): string {
  if (names.length <= shown) return names.join('、')
  return `${names.slice(0, shown).join('、')} 等 ${names.length} 个`
}

/** Matches of a search among named things: every character typed, in order, anywhere in the name. */
export function matching<T extends { name: string }>(list: readonly T[], query: string): T[] {
  const q = query.trim()
  return q ? list.filter((x) => x.name.includes(q)) : [...list]
}

/** The audience part of a form: an option by index, or a city admin's scope with the units or groups picked. */
export interface AudiencePick {
  index: number
  scope: CityScope
  unitIds: string[]
  groupIds: string[]
}

export const INITIAL_PICK: AudiencePick = { index: 0, scope: 'all', unitIds: [], groupIds: [] }

/** The audience to send, or null with what to do when a city admin has not picked any yet. */
export function audienceOf(pick: AudiencePick, options: AudienceOption[], city: boolean): { audience: Audience | null; problem: string | null } {
  if (!city) {
    const o = options[pick.index]
    return o ? { audience: o.audience, problem: null } : { audience: null, problem: '您没有可发布活动的单位或小组' }
  }
  const audience = cityAudience(pick.scope, pick.unitIds, pick.groupIds)
  return { audience, problem: audience ? null : pick.scope === 'units' ? '请至少选择一个单位' : '请至少选择一个青年理论学习小组' }
}

/** The form's pick for an activity's stored audience (the edit form starts from it). */
export function pickOf(a: Audience, options: AudienceOption[], city: boolean): AudiencePick {
  if (city && a.type === 'units') return { ...INITIAL_PICK, scope: 'units', unitIds: a.unitIds }
  if (city && a.type === 'groups') return { ...INITIAL_PICK, scope: 'groups', groupIds: a.groupIds }
  if (city) return INITIAL_PICK
  const same = (o: AudienceOption) => JSON.stringify(o.audience) === JSON.stringify(a)
  return { ...INITIAL_PICK, index: Math.max(0, options.findIndex(same)) }
}
