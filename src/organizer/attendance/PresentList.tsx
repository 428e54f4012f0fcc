import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Activity, AttendanceRow } from '@cloud/contract/model'
import { CREDIT_METHOD_LABEL, RELAY_FLAG_LABEL } from '@cloud/contract/vocabulary'
import Badge from '../../components/Badge'
import StateView from '../../components/StateView'
import { fmtDateTime, fmtTime } from '../../utils/time'

interface Props {
  activity: Activity
  rows: AttendanceRow[]
  /** Whether check-out has closed, so hours of those who did not check out may be confirmed. */
  mayConfirmHours: boolean
  onConfirmHours: (row: AttendanceRow) => void
  /** 撤销积分 of a flagged check-in. */
  onReverse: (row: AttendanceRow) => void
}

/** Flagged check-ins still counting come first: what the organizer has yet to look at. */
const open = (r: AttendanceRow) => r.flags.length > 0 && !r.reversed
const flaggedFirst = (rows: AttendanceRow[]) => [...rows.filter(open), ...rows.filter((r) => !open(r))]

/** Who checked in: when, how, what it earned; volunteers' check-out and hours. */
export default function PresentList({ activity, rows, mayConfirmHours, onConfirmHours, onReverse }: Props) {
  const volunteer = activity.kind === 'volunteer'
  return (
    <StateView loading={false} error={null} empty={rows.length === 0} emptyText='还没有人签到' emptyHint='成员扫码签到后会实时出现在这里'>
      {flaggedFirst(rows).map((r) => (
        <View
          key={r.memberId}
          className={`att-row ${open(r) ? 'att-row--flagged' : ''}`}
          data-testid='present-row'
          data-member-id={r.memberId}
          data-flagged={r.flags.length > 0 ? '1' : '0'}
          data-reversed={r.reversed ? '1' : '0'}
        >
          <View className='att-row__line'>
            <View className='att-row__who'>
              <Text className='att-row__name'>{r.name}</Text>
              <Text className='att-row__unit'>{r.unitName}</Text>
            </View>
            <Badge tone={r.method === 'qr' || r.method === 'geo' ? 'success' : 'neutral'} testId='present-method'>
              {CREDIT_METHOD_LABEL[r.method]}
            </Badge>
          </View>
          <View className='att-row__line'>
            <Text className='att-row__meta'>
              签到 {fmtDateTime(r.checkedInAt)}
              {r.reversed ? '' : volunteer ? ` · ${r.hours} 小时` : ` · +${r.points} 积分`}
              {volunteer && r.checkedOutAt ? ` · 签退 ${fmtTime(r.checkedOutAt)}` : ''}
            </Text>
            {r.hoursPending > 0 && <Badge tone='warning'>待审核 {r.hoursPending} 小时</Badge>}
          </View>
          {r.flags.length > 0 && (
            <View className='att-row__line'>
              <View className='att-row__flags' data-testid='relay-flags'>
                {r.flags.map((f) => (
                  <Badge key={f} tone='warning'>
                    {RELAY_FLAG_LABEL[f]}
                  </Badge>
                ))}
              </View>
              {!r.reversed && (
                <Button size='small' type='primary' fill='outline' data-testid='reverse-checkin' onClick={() => onReverse(r)}>
                  撤销积分
                </Button>
              )}
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
    </StateView>
  )
}
