import { Text, View } from '@tarojs/components'
import type { Audience } from '@cloud/contract/schemas'

/** Does the audience reach more than one unit (everyone, youth groups, several units)? Then rows name the unit too. */
export const spansUnits = (a: Audience): boolean =>
  a.type === 'all' || a.type === 'groups' || (a.type === 'units' && a.unitIds.length > 1)

/** A name matches a search: the text typed appears in it (spaces ignored). */
export function matchesName(name: string, query: string): boolean {
  const q = query.replace(/\s+/g, '').toLowerCase()
  return q === '' || name.replace(/\s+/g, '').toLowerCase().includes(q)
}

interface Props {
  name: string
  unitName: string
  branchName: string | null
  /** The audience spans units: the unit is said too. */
  showUnit: boolean
}

/**
 * Who a row is about: the name, and the 支部 people know each other by. Within one unit the unit is
 * the activity's own and says nothing; a member in no branch is placed by the unit.
 */
export default function Who({ name, unitName, branchName, showUnit }: Props) {
  const place = showUnit ? [unitName, branchName].filter(Boolean).join(' · ') : (branchName ?? unitName)
  return (
    <View className='att-row__who'>
      <Text className='att-row__name'>{name}</Text>
      <Text className='att-row__unit' data-testid='row-place'>
        {place}
      </Text>
    </View>
  )
}
