import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { HourClaimView, MakeupView } from '@cloud/contract/model'
import StateView from '../../components/StateView'
import { fmtDateTime } from '../../utils/time'

interface Props {
  makeups: MakeupView[]
  claims: HourClaimView[]
  onReviewMakeup: (m: MakeupView, approve: boolean) => void
  onReviewHours: (c: HourClaimView, approve: boolean) => void
}

/** What waits for the organizer: make-up requests with their reasons, and volunteer hours over the daily amount. */
export default function PendingList({ makeups, claims, onReviewMakeup, onReviewHours }: Props) {
  return (
    <StateView loading={false} error={null} empty={makeups.length + claims.length === 0} emptyText='没有待审核的事项' emptyHint='成员的补签申请和超时长申请会出现在这里'>
      {makeups.length > 0 && <Text className='attendance__section'>补签申请（{makeups.length}）</Text>}
      {makeups.map((m) => (
        <View key={m.id} className='att-row' data-testid='pending-makeup' data-member-id={m.memberId}>
          <View className='att-row__line'>
            <Text className='att-row__name'>{m.memberName}</Text>
            <Text className='att-row__meta'>{fmtDateTime(m.requestedAt)} 申请</Text>
          </View>
          <Text className='att-row__reason'>理由：{m.reason}</Text>
          <View className='att-row__buttons'>
            <Button size='small' data-testid='makeup-reject' onClick={() => onReviewMakeup(m, false)}>
              驳回
            </Button>
            <Button size='small' type='primary' data-testid='makeup-approve' onClick={() => onReviewMakeup(m, true)}>
              通过
            </Button>
          </View>
        </View>
      ))}
      {claims.length > 0 && <Text className='attendance__section'>志愿时长审核（{claims.length}）</Text>}
      {claims.map((c) => (
        <View key={c.id} className='att-row' data-testid='pending-hours' data-member-id={c.memberId}>
          <View className='att-row__line'>
            <Text className='att-row__name'>{c.memberName}</Text>
            <Text className='att-row__meta'>{fmtDateTime(c.createdAt)}</Text>
          </View>
          <Text className='att-row__reason'>超出当天即时计入的时长，申请再计入 {c.hours} 小时</Text>
          <View className='att-row__buttons'>
            <Button size='small' data-testid='hours-reject' onClick={() => onReviewHours(c, false)}>
              驳回
            </Button>
            <Button size='small' type='primary' data-testid='hours-approve' onClick={() => onReviewHours(c, true)}>
              通过
            </Button>
          </View>
        </View>
      ))}
    </StateView>
  )
}
