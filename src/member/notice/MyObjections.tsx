import { Text, View } from '@tarojs/components'
import type { MyObjection } from '@cloud/contract/model'
import { OBJECTION_STATUS_LABEL } from '@cloud/contract/selection'
import { fmtDateTime } from '../../utils/time'

/** 我的异议: what the member raised about this period's lists, and how each was resolved. */
export default function MyObjections({ mine, listId }: { mine: MyObjection[]; listId: string }) {
  if (mine.length === 0) return null
  return (
    <View data-testid='my-objections'>
      <Text className='member-page__section'>我的异议</Text>
      {mine.map((o) => (
        <View key={o.id} className='notice__objection' data-testid='my-objection' data-status={o.status}>
          <View className='notice__line'>
            <Text className='notice__about'>{o.memberName ? `对「${o.memberName}」` : '对整个名单'}</Text>
            <Text className={`notice__status notice__status--${o.status}`}>{OBJECTION_STATUS_LABEL[o.status]}</Text>
          </View>
          <Text className='notice__text'>理由：{o.reason}</Text>
          {o.comment && <Text className='notice__text'>处理意见：{o.comment}</Text>}
          <Text className='notice__meta'>
            {fmtDateTime(o.filedAt)} 提出
            {o.resolvedAt ? ` · ${fmtDateTime(o.resolvedAt)} 处理` : ' · 市直机关工委核实中'}
            {o.snapshotId !== listId ? ' · 针对已撤销的名单' : ''}
          </Text>
        </View>
      ))}
    </View>
  )
}
