import { Text, View } from '@tarojs/components'
import { Input, Switch } from '@nutui/nutui-react-taro'
import { CAPACITY_DIGITS } from './capacity'
import './activityForm.scss'

interface Props {
  capacityText: string
  onCapacity: (text: string) => void
  signUpRequired: boolean
  onSignUpRequired: (on: boolean) => void
  /** People already signed up (the edit form): the capacity cannot go below it. */
  signedUp?: number
}

/** 名额 and 需要报名. */
export default function SignUpFields({ capacityText, onCapacity, signUpRequired, onSignUpRequired, signedUp }: Props) {
  return (
    <>
      <View className='activity-form__field'>
        <Text className='activity-form__label'>名额（选填）</Text>
        <Input className='activity-form__input' type='number' placeholder='不填则不限人数' value={capacityText} maxLength={CAPACITY_DIGITS} onChange={onCapacity} data-testid='capacity' />
        {!!signedUp && <Text className='activity-form__hint'>已有 {signedUp} 人报名，名额不能少于此数</Text>}
      </View>
      <View className='activity-form__field'>
        <View className='activity-form__switch'>
          <Text className='activity-form__label'>需要报名</Text>
          <Switch checked={signUpRequired} onChange={onSignUpRequired} data-testid='signup-switch' />
        </View>
        {signUpRequired && <Text className='activity-form__hint'>成员须先在首页报名，报名后才能签到{capacityText.trim() ? '；报满即止' : ''}</Text>}
      </View>
    </>
  )
}
