import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Activity, AttendanceRow } from '@cloud/contract/model'
import { CREDIT_METHOD_LABEL, RELAY_FLAG_LABEL } from '@cloud/contract/vocabulary'
import Badge from '../../components/Badge'
import StateView from '../../components/StateView'
import { fmtDateTime, fmtTime } from '../../utils/time'
import Who from './Who'

/** A unit-wide or city-wide audience can be hundreds of people: show them a page at a time. */
const PAGE = 50

interface Props {
  activity: Activity
  rows: AttendanceRow[]
  showUnit: boolean
  /** The organizer looking: their own row has no 撤销签到 (four eyes). */
  selfId: string
  /** Whether check-out has closed, so hours of those who did not check out may be confirmed. */
  mayConfirmHours: boolean
  onConfirmHours: (row: AttendanceRow) => void
  /** 撤销签到: take back what a check-in earned, with a reason. */
  onReverse: (row: AttendanceRow) => void
}

/** Flagged check-ins still counting come first: what the organizer has yet to look at. */
const open = (r: AttendanceRow) => r.flags.length > 0 && !r.reversed
const flaggedFirst = (rows: AttendanceRow[]) => [...rows.filter(open), ...rows.filter((r) => !open(r))]

/** A check-in by hand on site is 手动签到; one the organizer added through a make-up stays 组织者补录. */
export const methodLabel = (r: AttendanceRow): string => (r.method === 'manual' && !r.viaMakeup ? '手动签到' : CREDIT_METHOD_LABEL[r.method])

/** Something to take back: a credit not yet reversed (a volunteer's hours come later), never one's own. */
const mayReverse = (r: AttendanceRow, selfId: string) => !r.reversed && r.memberId !== selfId && (r.points > 0 || r.hours > 0)

/** Who checked in: when, how, what it earned; volunteers' check-out and hours; 撤销签到. */
export default function PresentList({ activity, rows, showUnit, selfId, mayConfirmHours, onConfirmHours, onReverse }: Props) {
  const [shown, setShown] = useState(PAGE)
  const volunteer = activity.kind === 'volunteer'
  const ordered = flaggedFirst(rows)
  return (
    <StateView loading={false} error={null} empty={rows.length === 0} emptyText='还没有人签到' emptyHint='成员扫码签到后会实时出现在这里'>
      {ordered.slice(0, shown).map((r) => (
        <View
          key={r.memberId}
          className={`att-row ${open(r) ? 'att-row--flagged' : ''}`}
          data-testid='present-row'
          data-member-id={r.memberId}
          data-flagged={r.flags.length > 0 ? '1' : '0'}
          data-reversed={r.reversed ? '1' : '0'}
        >
          <View className='att-row__line'>
            <Who name={r.name} unitName={r.unitName} branchName={r.branchName} showUnit={showUnit} />
            <Badge tone={r.method === 'qr' || r.method === 'geo' ? 'success' : 'neutral'} testId='present-method'>
              {methodLabel(r)}
            </Badge>
          </View>
          <View className='att-row__line'>
            <Text className='att-row__meta'>
              签到 {fmtDateTime(r.checkedInAt)}
              {r.reversed ? '' : volunteer ? ` · ${r.hours} 小时` : ` · +${r.points} 积分`}
              {volunteer && r.checkedOutAt ? ` · 签退 ${fmtTime(r.checkedOutAt)}` : ''}
            </Text>
            {r.hoursPending > 0 && <Badge tone='warning'>待审核 {r.hoursPending} 小时</Badge>}
            {mayReverse(r, selfId) && (
              <Button size='small' className={open(r) ? '' : 'att-row__quiet'} type={open(r) ? 'primary' : 'default'} fill='outline' data-testid='reverse-checkin' onClick={() => onReverse(r)}>
                撤销签到
              </Button>
            )}
          </View>
          {r.approvedByName && (
            <Text className='att-row__hint' data-testid='approved-by'>
              {r.method === 'makeup' ? `补签由 ${r.approvedByName} 审核通过` : `由 ${r.approvedByName} 登记`}
            </Text>
          )}
          {r.flags.length > 0 && (
            <View className='att-row__flags' data-testid='relay-flags'>
              {r.flags.map((f) => (
                <Badge key={f} tone='warning'>
                  {RELAY_FLAG_LABEL[f]}
                </Badge>
              ))}
            </View>
          )}
          {r.reversed && (
            <View className='att-row__line'>
              <Badge testId='reversed'>已撤销</Badge>
              <Text className='att-row__hint'>{volunteer ? '积分和时长' : '积分'}已由组织者撤销，签到记录保留</Text>
            </View>
          )}
          {volunteer && !r.checkedOutAt && (
            <View className='att-row__line'>
              <Badge tone='warning'>未签退</Badge>
              {r.hours === 0 && r.hoursPending === 0 &&
                (mayConfirmHours ? (
                  <Button size='small' type='primary' fill='outline' data-testid='confirm-hours' onClick={() => onConfirmHours(r)}>
                    确认时长
                  </Button>
                ) : (
                  <Text className='att-row__hint'>签退截止后可确认时长</Text>
                ))}
            </View>
          )}
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
