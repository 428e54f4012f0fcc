import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AbsentRow } from '@cloud/contract/model'
import { MAKEUP_STATUS_LABEL } from '@cloud/contract/vocabulary'
import Badge, { REVIEW_TONE } from '../../components/Badge'
import StateView from '../../components/StateView'

/** A unit-wide or city-wide audience can be hundreds of people: show them a page at a time. */
const PAGE = 50

interface Props {
  rows: AbsentRow[]
  /** Make-ups are possible once the activity has started. */
  mayAddMakeup: boolean
  onAddMakeup: (row: AbsentRow) => void
}

/** Who was expected and has not checked in, with any make-up request and the organizer's 补录. */
export default function AbsentList({ rows, mayAddMakeup, onAddMakeup }: Props) {
  const [shown, setShown] = useState(PAGE)
  return (
    <StateView loading={false} error={null} empty={rows.length === 0} emptyText='应到人员都已签到' emptyHint='没有未签到的人员'>
      {rows.slice(0, shown).map((r) => (
        <View key={r.memberId} className='att-row' data-testid='absent-row' data-member-id={r.memberId}>
          <View className='att-row__line'>
            <View className='att-row__who'>
              <Text className='att-row__name'>{r.name}</Text>
              <Text className='att-row__unit'>{r.unitName}</Text>
            </View>
            <View className='att-row__actions'>
              {r.makeupStatus ? (
                <Badge tone={REVIEW_TONE[r.makeupStatus]}>补签{MAKEUP_STATUS_LABEL[r.makeupStatus]}</Badge>
              ) : (
                <Badge>未签到</Badge>
              )}
              {mayAddMakeup && r.makeupStatus !== 'pending' && (
                <Button size='small' type='primary' fill='outline' data-testid='add-makeup' onClick={() => onAddMakeup(r)}>
                  补录
                </Button>
              )}
            </View>
          </View>
        </View>
      ))}
      {rows.length > shown && (
        <Text className='attendance__more' onClick={() => setShown(shown + PAGE)}>
          还有 {rows.length - shown} 人，点击显示更多
        </Text>
      )}
    </StateView>
  )
}
