import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { ActivityMaterial } from '@cloud/contract/model'
import { MATERIALS } from '@cloud/contract/limits'
import { materialOf, materialProblem } from './materials'
import './activityForm.scss'
import './MaterialsField.scss'

interface Props {
  value: ActivityMaterial[]
  onChange: (v: ActivityMaterial[]) => void
  /** The title and link being typed, kept by the form so that saving can notice one not yet added. */
  draft: { title: string; url: string }
  onDraft: (d: { title: string; url: string }) => void
}

/**
 * 学习材料: links to articles (学习强国, 人民网, 共产党员网) members read before or during the activity;
 * a title and a link each, added one at a time, removed with 删除, at most MATERIALS.max.
 */
export default function MaterialsField({ value, onChange, draft, onDraft }: Props) {
  const [problem, setProblem] = useState<string | null>(null)
  const full = value.length >= MATERIALS.max

  function add() {
    const p = materialProblem(draft.title, draft.url, value.length)
    setProblem(p)
    if (p) return
    onChange([...value, materialOf(draft.title, draft.url)])
    onDraft({ title: '', url: '' })
  }

  return (
    <View className='activity-form__field materials-field' data-testid='materials-field'>
      <Text className='activity-form__label'>学习材料（选填，最多 {MATERIALS.max} 项）</Text>
      {value.map((m, i) => (
        <View key={`${i}-${m.url}`} className='materials-field__item' data-testid='material-item'>
          <View className='materials-field__words'>
            <Text className='materials-field__title'>{m.title}</Text>
            <Text className='materials-field__url'>{m.url}</Text>
          </View>
          <Text className='materials-field__remove' data-testid='material-remove' onClick={() => onChange(value.filter((_, j) => j !== i))}>
            删除
          </Text>
        </View>
      ))}
      {full ? (
        <Text className='activity-form__hint' data-testid='materials-full'>
          已添加 {MATERIALS.max} 项，如需更换请先删除一项
        </Text>
      ) : (
        <>
          <Input
            className='activity-form__input'
            placeholder='材料标题，如：党课讲稿'
            value={draft.title}
            maxLength={MATERIALS.titleMax}
            onChange={(title) => onDraft({ ...draft, title })}
            data-testid='material-title'
          />
          <Input
            className='activity-form__input'
            placeholder='文章链接，以 https:// 开头'
            value={draft.url}
            maxLength={MATERIALS.urlMax}
            onChange={(url) => onDraft({ ...draft, url })}
            data-testid='material-url'
          />
          {problem && (
            <Text className='materials-field__problem' data-testid='material-problem'>
              {problem}
            </Text>
          )}
          <Button className='materials-field__add' data-testid='material-add' onClick={add}>
            添加
          </Button>
          <Text className='activity-form__hint'>可在学习强国、人民网等文章页“分享—复制链接”后粘贴；参加人员在活动详情中点开阅读。</Text>
        </>
      )}
    </View>
  )
}
