import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AbsentRow } from '@cloud/contract/model'
import { MAKEUP_STATUS_LABEL } from '@cloud/contract/vocabulary'
import Badge, { REVIEW_TONE } from '../../components/Badge'
import StateView from '../../components/StateView'
import Who from './Who'

/** A unit-wide or city-wide audience can be hundreds of people: show them a page at a time. */
const PAGE = 50

interface Props {
  rows: AbsentRow[]
  showUnit: boolean
  /** The organizer looking: no 签到 or 补录 for themself (four eyes). */
  selfId: string
  /** 手动签到 is taken now (check-in open, or the activity still running). */
  mayCheckIn: boolean
  onCheckIn: (row: AbsentRow) => void
  /** Make-ups are possible once the activity has started. */
  mayAddMakeup: boolean
  onAddMakeup: (row: AbsentRow) => void
}

/** Who was expected and has not checked in, with any make-up request; 手动签到 on site, 补录 with a reason. */
export default function AbsentList({ rows, showUnit, selfId, mayCheckIn, onCheckIn, mayAddMakeup, onAddMakeup }: Props) {
  const [shown, setShown] = useState(PAGE)
  return (
    <StateView loading={false} error={null} empty={rows.length === 0} emptyText='应到人员都已签到' emptyHint='没有未签到的人员'>
      {rows.slice(0, shown).map((r) => {
        const other = r.memberId !== selfId
        const addable = other && mayAddMakeup && r.makeupStatus !== 'pending'
        const checkable = other && mayCheckIn
        return (
          <View key={r.memberId} className='att-row' data-testid='absent-row' data-member-id={r.memberId}>
            <View className='att-row__line'>
              <Who name={r.name} unitName={r.unitName} branchName={r.branchName} showUnit={showUnit} />
              <View className='att-row__actions'>
                {r.makeupStatus ? (
                  <Badge tone={REVIEW_TONE[r.makeupStatus]}>补签{MAKEUP_STATUS_LABEL[r.makeupStatus]}</Badge>
                ) : (
                  !addable && !checkable && <Badge>未签到</Badge>
                )}
                {addable && (
                  <Button size='small' data-testid='add-makeup' onClick={() => onAddMakeup(r)}>
                    补录
                  </Button>
                )}
                {checkable && (
                  <Button size='small' type='primary' fill='outline' data-testid='absent-checkin' onClick={() => onCheckIn(r)}>
                    签到
                  </Button>
                )}
              </View>
            </View>
          </View>
        )
      })}
      {rows.length > shown && (
        <Text className='attendance__more' onClick={() => setShown(shown + PAGE)}>
          还有 {rows.length - shown} 人，点击显示更多
        </Text>
      )}
    </StateView>
  )
}
