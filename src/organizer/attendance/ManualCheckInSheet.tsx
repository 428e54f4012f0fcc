import { useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { AbsentRow } from '@cloud/contract/model'
import FilterEmpty from '../../components/FilterEmpty'
import LiteInput from '../../components/LiteInput'
import Sheet from '../../components/Sheet'
import Who, { matchesName } from './Who'

/** Enough to find someone by scrolling a little; typing a name narrows it. */
const SHOWN = 30

interface Props {
  /** The audience members not yet present, the organizer themself left out (four eyes). */
  candidates: AbsentRow[]
  showUnit: boolean
  onPick: (row: AbsentRow) => void
  onClose: () => void
}

/** 手动签到: find a member without a phone by name among those not yet checked in, and pick them. */
export default function ManualCheckInSheet({ candidates, showUnit, onPick, onClose }: Props) {
  const [query, setQuery] = useState('')
  const found = candidates.filter((r) => matchesName(r.name, query))
  return (
    <Sheet testId='manual-sheet' onMaskTap={onClose}>
      <Text className='dialog__title'>手动签到</Text>
      <Text className='dialog__subtitle'>为没带手机或扫码失败的成员签到：输入姓名查找，只列出尚未签到的人员</Text>
      <View className='attendance__search attendance__search--sheet'>
        <LiteInput className='attendance__search-input' value={query} placeholder='输入姓名查找' onChange={setQuery} />
      </View>
      <ScrollView scrollY className='manual-sheet__list' data-testid='manual-candidates'>
        {candidates.length === 0 ? (
          <Text className='manual-sheet__none'>应到人员都已签到</Text>
        ) : found.length === 0 ? (
          <FilterEmpty hint={`“${query.trim()}”不在未签到人员中，已签到的人员不在此列`} onClear={() => setQuery('')} testId='manual-empty' />
        ) : (
          found.slice(0, SHOWN).map((r) => (
            <View key={r.memberId} className='att-row__line manual-sheet__row' data-testid='manual-candidate' data-member-id={r.memberId}>
              <Who name={r.name} unitName={r.unitName} branchName={r.branchName} showUnit={showUnit} />
              <Button size='small' type='primary' data-testid='manual-pick' onClick={() => onPick(r)}>
                签到
              </Button>
            </View>
          ))
        )}
        {found.length > SHOWN && <Text className='manual-sheet__none'>还有 {found.length - SHOWN} 人，请输入姓名缩小范围</Text>}
      </ScrollView>
      <Button block data-testid='manual-close' onClick={onClose}>
        关闭
      </Button>
    </Sheet>
  )
}
