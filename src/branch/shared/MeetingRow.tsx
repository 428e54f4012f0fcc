import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MeetingSummary } from '@cloud/contract/model'
import { MEETING_TYPE_LABEL, RECORD_STATE_LABEL } from '@cloud/contract/vocabulary'
import Badge from '../../components/Badge'
import { BRANCH } from '../../utils/nav'
import { fmtDateTime } from '../../utils/time'
import { RECORD_TONE } from './labels'

/** One meeting in a list: its record's filing state and 补开/补报; tap opens the record. */
export default function MeetingRow({ m, extra }: { m: MeetingSummary; extra?: string }) {
  return (
    <View className='bl__row' data-testid='meeting-row' data-id={m.activityId} onClick={() => void Taro.navigateTo({ url: BRANCH.record(m.activityId) })}>
      <View className='bl__line'>
        <Text className='bl__name'>{m.title}</Text>
        <Badge tone={RECORD_TONE[m.recordState]} testId='record-state'>
          {RECORD_STATE_LABEL[m.recordState]}
        </Badge>
      </View>
      <View className='bl__line'>
        <Text className='bl__note'>
          {MEETING_TYPE_LABEL[m.type]}
          {m.partyGroupName ? `（${m.partyGroupName}）` : ''} · {fmtDateTime(m.startAt)} · 实到 {m.arrivals} 人{extra ? ` · ${extra}` : ''}
        </Text>
        <View className='bl__tags'>
          {m.status === 'cancelled' && <Badge>已取消</Badge>}
          {m.heldLate && <Badge tone='warning'>补开</Badge>}
          {m.filedLate && <Badge tone='warning'>补报</Badge>}
        </View>
      </View>
    </View>
  )
}
