import { Text, View } from '@tarojs/components'
import Segmented from '../../components/Segmented'
import { useRemote } from '../../hooks/useRemote'
import { orgTree } from '../../services/member'
import type { AudienceOption, AudiencePick, CityScope } from './audience'
import Chips from './Chips'
import MultiPick from './MultiPick'
import './activityForm.scss'

interface Props {
  options: AudienceOption[]
  /** A city admin picks 全市, units or youth groups from the whole city. */
  city: boolean
  value: AudiencePick
  onChange: (patch: Partial<AudiencePick>) => void
}

const SCOPES: { key: CityScope; label: string }[] = [
  { key: 'all', label: '全市' },
  { key: 'units', label: '指定单位' },
  { key: 'groups', label: '指定学习小组' },
]

/** 参加对象: the organizer's own unit or group; a city admin the whole city or the units or groups picked. */
export default function AudienceField({ options, city, value, onChange }: Props) {
  // The city's units and youth groups, read once for a city admin (member.orgTree answers them the whole tree).
  const tree = useRemote(orgTree, city)
  const units = tree.data?.units.map((u) => ({ id: u.id, name: u.name })) ?? null
  const groups = tree.data?.youthGroups.map((g) => ({ id: g.id, name: g.name })) ?? null
  return (
    <View className='activity-form__field' data-testid='audience-field'>
      <Text className='activity-form__label'>参加对象</Text>
      {city ? (
        <>
          <Segmented options={SCOPES} value={value.scope} onChange={(scope) => onChange({ scope })} testId='audience-scope' />
          {value.scope === 'all' && <Text className='activity-form__hint'>全市机关党员都可看到并参加</Text>}
          {value.scope === 'units' && (
            <MultiPick noun='单位' items={units} loading={tree.loading} value={value.unitIds} onChange={(unitIds) => onChange({ unitIds })} testId='pick-units' />
          )}
          {value.scope === 'groups' && (
            <MultiPick noun='学习小组' items={groups} loading={tree.loading} value={value.groupIds} onChange={(groupIds) => onChange({ groupIds })} testId='pick-groups' />
          )}
        </>
      ) : (
        <Chips options={options.map((_, i) => i)} value={value.index} label={(i) => options[i].label} onChange={(index) => onChange({ index })} testId='audience' />
      )}
    </View>
  )
}
