import { Text, View } from '@tarojs/components'
import { TextArea } from '@nutui/nutui-react-taro'
import { TEXT_LIMITS } from '@cloud/contract/vocabulary'
import './activityForm.scss'

/** 活动说明: several lines (what to bring, where to meet, the agenda), with a counter up to the limit. */
export default function DescriptionField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <View className='activity-form__field'>
      <Text className='activity-form__label'>活动说明（选填）</Text>
      <TextArea
        className='activity-form__area'
        value={value}
        onChange={onChange}
        placeholder='如：活动内容、集合地点、需携带的物品'
        maxLength={TEXT_LIMITS.description}
        showCount
        rows={4}
        data-testid='description'
      />
    </View>
  )
}
