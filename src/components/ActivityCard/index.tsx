import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivitySummary } from '@cloud/contract/model'
import Badge from '../Badge'
import KindTag from '../KindTag'
import { PAGES } from '../../utils/nav'
import { fmtRange, PHASE_LABEL, phaseOf } from '../../utils/time'
import { beforeStart } from './withdraw'
import './index.scss'

interface Props {
  activity: ActivitySummary
  /** Show the number checked in (organizer views). */
  showArrivals?: boolean
  footer?: ReactNode
  /** Member views: sign up for an activity that needs it; the card shows its own busy state. */
  onSignUp?: () => Promise<void>
  /** Member views: 取消报名 beside 已报名 before the start (the caller confirms and withdraws). */
  onWithdraw?: () => Promise<void>
  /** What a tap on the card does; without one it opens the activity's detail page. */
  onClick?: () => void
}

/**
 * On h5 the card is a button for the keyboard and screen readers too (Enter or Space opens it); the
 * mini-program reads `aria-role`. Spread as plain attributes: Taro passes them to the element.
 */
const buttonLike = (open: () => void): Record<string, unknown> =>
  process.env.TARO_ENV === 'h5'
    ? {
        role: 'button',
        tabIndex: 0,
        onKeyDown: (e: KeyboardEvent) => {
          // Only the card itself: Enter on a button inside it is that button's.
          if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return
          e.preventDefault()
          open()
        },
      }
    : { 'aria-role': 'button' }

/** "已报名 3/30", or without a capacity "已报名 3 人"; "名额 30 人" when sign-up is not needed. */
function placesText(a: ActivitySummary): string | null {
  if (a.signUpRequired) return a.capacity ? `已报名 ${a.signUps}/${a.capacity}` : `已报名 ${a.signUps} 人`
  return a.capacity ? `名额 ${a.capacity} 人` : null
}

export default function ActivityCard({ activity: a, showArrivals, footer, onSignUp, onWithdraw, onClick }: Props) {
  const phase = a.status === 'draft' ? null : phaseOf(a)
  const places = placesText(a)
  const signUp =
    onSignUp && a.signUpRequired && a.status === 'published' && phase !== 'ended' && !a.checkedIn ? (
      <SignUp activity={a} onSignUp={onSignUp} onWithdraw={beforeStart(a) ? onWithdraw : undefined} />
    ) : null
  const open = onClick ?? (() => void Taro.navigateTo({ url: PAGES.activity(a.id) }))
  return (
    <View
      className='activity-card'
      hoverClass='activity-card--pressed'
      onClick={open}
      {...buttonLike(open)}
      data-testid='activity-card'
      data-activity-id={a.id}
    >
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
        // The footer's buttons (报名, the workbench's 签到码…) do their own thing: a tap there, on a
        // button or between them, never also opens the detail page.
        <View className='activity-card__footer' onClick={(e) => e.stopPropagation()}>
          {signUp}
          {footer}
        </View>
      )}
    </View>
  )
}

/** 报名 / 已报名 (with 取消报名 before the start) / 名额已满, by the member's sign-up and the places left. */
function SignUp({ activity: a, onSignUp, onWithdraw }: { activity: ActivitySummary; onSignUp: () => Promise<void>; onWithdraw?: () => Promise<void> }) {
  const [busy, setBusy] = useState(false)
  async function go(work: () => Promise<void>) {
    setBusy(true)
    try {
      await work()
    } finally {
      setBusy(false)
    }
  }
  if (a.signedUp)
    return (
      <>
        <Badge tone='success' testId='signed-up'>
          ✓ 已报名
        </Badge>
        {onWithdraw && (
          <Text
            className={`activity-card__withdraw ${busy ? 'activity-card__sign-up--busy' : ''}`}
            data-testid='withdraw'
            onClick={(e) => {
              // The card opens the detail page on a tap; this pill does only its own thing.
              e.stopPropagation()
              if (!busy) void go(onWithdraw)
            }}
          >
            {busy ? '取消中…' : '取消报名'}
          </Text>
        )}
      </>
    )
  if (a.capacity !== null && a.signUps >= a.capacity)
    return (
      <Badge tone='neutral' testId='full'>
        名额已满
      </Badge>
    )
  // A plain pill rather than NutUI's Button: the card stays free of NutUI, which keeps one CSS order
  // for the chunk all pages share (NutUI's icon font after StateView's style on every page).
  return (
    <Text
      className={`activity-card__sign-up ${busy ? 'activity-card__sign-up--busy' : ''}`}
      data-testid='sign-up'
      onClick={(e) => {
        e.stopPropagation()
        if (!busy) void go(onSignUp)
      }}
    >
      {busy ? '报名中…' : '报名'}
    </Text>
  )
}
