import { Text, View } from '@tarojs/components'
import './index.scss'

export interface TabItem<K extends string> {
  key: K
  label: string
  /** Shown after the label, e.g. how many rows the tab holds. */
  count?: number
}

interface Props<K extends string> {
  items: TabItem<K>[]
  value: K
  onChange: (key: K) => void
}

/** A row of equal-width tabs with an underline on the chosen one; each has `data-testid="tab-<key>"`. */
export default function Tabs<K extends string>({ items, value, onChange }: Props<K>) {
  return (
    <View className='tabs'>
      {items.map((t) => (
        <View
          key={t.key}
          className={`tabs__item ${t.key === value ? 'tabs__item--on' : ''}`}
          data-testid={`tab-${t.key}`}
          onClick={() => onChange(t.key)}
        >
          <Text className='tabs__label'>{t.label}</Text>
          {t.count !== undefined && <Text className='tabs__count'>{t.count}</Text>}
        </View>
      ))}
    </View>
  )
}
