import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { ActivitySummary } from '@cloud/contract/model'
import KindTag from '../KindTag'
import { fmtRange, PHASE_LABEL, phaseOf } from '../../utils/time'
import './index.scss'

interface Props {
  activity: ActivitySummary
  /** Show the number checked in (organizer views). */
  showArrivals?: boolean
  footer?: ReactNode
  onClick?: () => void
}

export default function ActivityCard({ activity: a, showArrivals, footer, onClick }: Props) {
  const phase = a.status === 'draft' ? null : phaseOf(a)
  return (
    <View className='activity-card' onClick={onClick} data-testid='activity-card' data-activity-id={a.id}>
      <View className='activity-card__head'>
        <KindTag kind={a.kind} subKind={a.subKind} />
        {a.status === 'draft' && <Text className='activity-card__phase activity-card__phase--draft'>草稿</Text>}
        {phase && !a.checkedIn && <Text className={`activity-card__phase activity-card__phase--${phase}`}>{PHASE_LABEL[phase]}</Text>}
        {a.checkedIn && <Text className='activity-card__phase activity-card__phase--done'>已签到</Text>}
      </View>
      <Text className='activity-card__title'>{a.title}</Text>
      <View className='activity-card__meta'>
        <Text>时间：{fmtRange(a.startAt, a.endAt)}</Text>
        {a.placeName && <Text>地点：{a.placeName}</Text>}
        <Text>组织：{a.unitName}</Text>
        {showArrivals && <Text>已签到：{a.arrivals} 人</Text>}
      </View>
      {footer && <View className='activity-card__footer'>{footer}</View>}
    </View>
  )
}
