import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { ActivitySummary } from '@cloud/contract/model'
import Badge from '../Badge'
import KindTag from '../KindTag'
import { fmtRange, PHASE_LABEL, phaseOf } from '../../utils/time'
import './index.scss'

interface Props {
  activity: ActivitySummary
  /** Show the number checked in (organizer views). */
  showArrivals?: boolean
  footer?: ReactNode
  /** Member views: sign up for an activity that needs it; the card shows its own busy state. */
  onSignUp?: () => Promise<void>
  onClick?: () => void
}

/** "已报名 3/30", or without a capacity "已报名 3 人"; "名额 30 人" when sign-up is not needed. */
function placesText(a: ActivitySummary): string | null {
  if (a.signUpRequired) return a.capacity ? `已报名 ${a.signUps}/${a.capacity}` : `已报名 ${a.signUps} 人`
  return a.capacity ? `名额 ${a.capacity} 人` : null
}

export default function ActivityCard({ activity: a, showArrivals, footer, onSignUp, onClick }: Props) {
  const phase = a.status === 'draft' ? null : phaseOf(a)
  const places = placesText(a)
  const signUp = onSignUp && a.signUpRequired && a.status === 'published' && phase !== 'ended' && !a.checkedIn ? <SignUp activity={a} onSignUp={onSignUp} /> : null
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
        {places && <Text data-testid='places'>{places}</Text>}
        {showArrivals && <Text>已签到：{a.arrivals} 人</Text>}
      </View>
      {(footer || signUp) && (
        <View className='activity-card__footer'>
          {signUp}
          {footer}
        </View>
      )}
    </View>
  )
}

/** 报名 / 已报名 / 名额已满, by the member's sign-up and the places left. */
function SignUp({ activity: a, onSignUp }: { activity: ActivitySummary; onSignUp: () => Promise<void> }) {
  const [busy, setBusy] = useState(false)
  if (a.signedUp)
    return (
      <Badge tone='success' testId='signed-up'>
        ✓ 已报名
      </Badge>
    )
  if (a.capacity !== null && a.signUps >= a.capacity)
    return (
      <Badge tone='neutral' testId='full'>
        名额已满
      </Badge>
    )
  async function go() {
    setBusy(true)
    try {
      await onSignUp()
    } finally {
      setBusy(false)
    }
  }
  // A plain pill rather than NutUI's Button: the card stays free of NutUI, which keeps one CSS order
  // for the chunk all pages share (NutUI's icon font after StateView's style on every page).
  return (
    <Text
      className={`activity-card__sign-up ${busy ? 'activity-card__sign-up--busy' : ''}`}
      data-testid='sign-up'
      onClick={(e) => {
        e.stopPropagation()
        if (!busy) void go()
      }}
    >
      {busy ? '报名中…' : '报名'}
    </Text>
  )
}
