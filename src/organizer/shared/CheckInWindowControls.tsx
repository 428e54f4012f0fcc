import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { CHECK_IN_WINDOW } from '@cloud/contract/limits'
import type { Activity } from '@cloud/contract/model'
import Dialog from '../../components/Dialog'
import { useBusy } from '../../hooks/useBusy'
import { useNow } from '../../hooks/useNow'
import { endCheckIn, extendCheckIn } from '../../services/activity'
import { fmtTime } from '../../utils/time'
import './CheckInWindowControls.scss'

type Timed = Pick<Activity, 'id' | 'status' | 'endAt' | 'checkInOpensAt' | 'checkInClosesAt'>

interface Props {
  activity: Timed
  /** Laid out as one of a form's fields (the edit page) rather than a card under a page header. */
  inForm?: boolean
  /** After a change: the activity as the server now has it (the page may reload). */
  onChanged?: (a: Activity) => void
}

type Minutes = (typeof CHECK_IN_WINDOW.extendChoices)[number]

/**
 * 延长签到 / 结束签到 while an activity runs: where check-in stands, +15/30/60 minutes (never past the
 * end; a closed window opens again), and closing it now after a confirmation. Nothing shows for a
 * draft, a cancelled or an ended activity.
 */
export default function CheckInWindowControls({ activity, inForm, onChanged }: Props) {
  const now = useNow(15_000)
  const { busy, run } = useBusy()
  const [closesAt, setClosesAt] = useState(activity.checkInClosesAt)
  const [confirming, setConfirming] = useState(false)
  // When this control last changed the window: the page's clock may not have ticked since.
  const [actedAt, setActedAt] = useState(0)
  // A reload of the page brings the server's time; it wins over the one this control last set
  // (state adjusted while rendering, not in an effect).
  const [given, setGiven] = useState(activity.checkInClosesAt)
  if (given !== activity.checkInClosesAt) {
    setGiven(activity.checkInClosesAt)
    setClosesAt(activity.checkInClosesAt)
  }
  if (activity.status !== 'published' || now >= Date.parse(activity.endAt)) return null

  const changed = (a: Activity) => {
    setActedAt(Date.parse(a.updatedAt))
    setClosesAt(a.checkInClosesAt)
    onChanged?.(a)
  }
  const t = Math.max(now, actedAt)
  const notOpen = t < Date.parse(activity.checkInOpensAt)
  const open = !notOpen && t < Date.parse(closesAt)
  const toEnd = Date.parse(closesAt) >= Date.parse(activity.endAt)
  const state = notOpen
    ? `签到 ${fmtTime(activity.checkInOpensAt)} 开放，${toEnd ? '至活动结束' : `${fmtTime(closesAt)} 截止`}`
    : open
      ? `签到中，${toEnd ? '开放至活动结束' : `${fmtTime(closesAt)} 截止`}`
      : `签到已于 ${fmtTime(closesAt)} 截止`

  const extend = (m: Minutes) => void run(async () => changed(await extendCheckIn(activity.id, m)), `已延长 ${m} 分钟`)
  const end = () =>
    void run(
      async () => changed(await endCheckIn(activity.id)),
      '签到已结束',
      () => setConfirming(false),
    )

  return (
    <View className={`window-controls ${inForm ? 'window-controls--in-form' : ''}`} data-testid='window-controls' data-state={notOpen ? 'notOpen' : open ? 'open' : 'closed'}>
      <Text className='window-controls__state' data-testid='window-state'>
        {state}
      </Text>
      {notOpen ? (
        <Text className='window-controls__hint'>签到开放后可在此延长或结束签到</Text>
      ) : (
        <View className='window-controls__actions'>
          {!toEnd &&
            CHECK_IN_WINDOW.extendChoices.map((m) => (
              <Button key={m} size='small' disabled={busy} data-testid={`extend-${m}`} onClick={() => extend(m)}>
                {open ? `延长 ${m} 分钟` : `再开放 ${m} 分钟`}
              </Button>
            ))}
          {open && (
            <Button size='small' className='window-controls__end' disabled={busy} data-testid='end-check-in' onClick={() => setConfirming(true)}>
              结束签到
            </Button>
          )}
        </View>
      )}
      {!notOpen && toEnd && <Text className='window-controls__hint'>签到已开放到活动结束，不能再延长</Text>}
      <Dialog
        open={confirming}
        title='现在结束签到？'
        subtitle='结束后扫码将显示“签到已截止”，未签到的人需申请补签；如需要，可再开放签到。'
        confirmText='结束签到'
        danger
        busy={busy}
        onConfirm={end}
        onCancel={() => setConfirming(false)}
      />
    </View>
  )
}
