import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import LiteInput from '../../components/LiteInput'
import { matching, namesLine } from './audience'
import './MultiPick.scss'

interface Props {
  /** What is picked: 单位, 学习小组. */
  noun: string
  items: readonly { id: string; name: string }[] | null
  loading: boolean
  value: string[]
  onChange: (ids: string[]) => void
  testId: string
}

const SHOWN = 30

/** Several of a long list (the city's units), found by typing part of a name; the picked ones stay listed first. */
export default function MultiPick({ noun, items, loading, value, onChange, testId }: Props) {
  const [query, setQuery] = useState('')
  if (!items) return <Text className='multi-pick__hint'>{loading ? `正在读取${noun}…` : `未能读取${noun}，请稍后重试`}</Text>
  const picked = new Set(value)
  const found = matching(items, query)
  const ordered = [...found.filter((x) => picked.has(x.id)), ...found.filter((x) => !picked.has(x.id))].slice(0, SHOWN)
  const toggle = (id: string) => onChange(picked.has(id) ? value.filter((v) => v !== id) : [...value, id])
  const names = items.filter((x) => picked.has(x.id)).map((x) => x.name)
  return (
    <View className='multi-pick' data-testid={testId}>
      <Text className='multi-pick__summary' data-testid={`${testId}-summary`}>
        {names.length ? `已选 ${names.length} 个${noun}：${namesLine(names)}` : `请选择${noun}（可多选）`}
      </Text>
      <LiteInput className='multi-pick__search' value={query} placeholder={`搜索${noun}名称`} onChange={setQuery} />
      <View className='multi-pick__list'>
        {ordered.map((x) => (
          <View
            key={x.id}
            className={`multi-pick__row ${picked.has(x.id) ? 'multi-pick__row--on' : ''}`}
            data-testid={`${testId}-item`}
            data-on={picked.has(x.id) ? '1' : '0'}
            aria-role='checkbox'
            aria-checked={picked.has(x.id)}
            onClick={() => toggle(x.id)}
          >
            <Text className='multi-pick__box'>{picked.has(x.id) ? '✓' : ''}</Text>
            <Text className='multi-pick__name'>{x.name}</Text>
          </View>
        ))}
        {found.length === 0 && <Text className='multi-pick__hint'>没有名称含“{query.trim()}”的{noun}</Text>}
        {found.length > SHOWN && <Text className='multi-pick__hint'>还有 {found.length - SHOWN} 个，请输入名称查找</Text>}
      </View>
    </View>
  )
}
