import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useRef, type ReactNode } from 'react'
import type { ActivityDetail } from '@cloud/contract/model'
import { Button } from '@nutui/nutui-react-taro'
import Badge from '../../components/Badge'
import KindTag from '../../components/KindTag'
import StateView from '../../components/StateView'
import { withdrawWithConfirm } from '../../components/ActivityCard/withdraw'
import { useBusy } from '../../hooks/useBusy'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { getActivity } from '../../services/activity'
import { ApiError } from '../../services/api'
import { signUp } from '../../services/checkin'
import { PAGES } from '../../utils/nav'
import { askSubscribe } from '../../utils/subscribe'
import { fmtDateTime, fmtRange, PHASE_LABEL, phaseOf } from '../../utils/time'
import { scanOrExplain } from '../index/scanHelp'
import Coming from './Coming'
import Materials from './Materials'
import { locationLine, myActions, myState, windowLines } from './facts'
import './index.scss'
import { useFontClass } from '../../utils/fontMode'

/**
 * One activity as a member opens it from a card: what, when, where, who organizes it, what to read,
 * where the member stands and what they may do now; its organizers also see who is coming and their
 * own buttons.
 */
export default function ActivityPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const id = params.id ?? ''
  const detail = useRemote(() => getActivity(id), !!session && !!id, id)
  // Back from checking in or the attendance page: the state as it is now.
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (session && id && shownBefore.current) void detail.reload()
    shownBefore.current = true
  })
  usePullDownRefresh(() => {
    void detail.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (!session) return null
  if (!id) return <Missing text='链接不完整' hint='请从首页或我的记录中重新打开活动' />
  const error = detail.error
  if (error instanceof ApiError && error.code === 'NOT_IN_AUDIENCE' && !detail.data)
    return <Missing text='您不在本次活动的参加范围内' hint='本活动只面向指定的单位或小组；如有疑问，请联系活动的组织单位' testId='not-in-audience' />
  if (error instanceof ApiError && error.code === 'NOT_FOUND' && !detail.data) return <Missing text='活动不存在或已被删除' hint='请返回首页查看近期活动' />
  return (
    <View className={`activity-page ${fontClass}`}>
      <StateView loading={detail.loading} error={detail.error} empty={!detail.data} emptyText='活动不存在' onRetry={() => void detail.reload()}>
        {detail.data && <Detail activity={detail.data} reload={detail.reload} />}
      </StateView>
    </View>
  )
}

/** A state with no activity to show, and the way home. */
function Missing({ text, hint, testId = 'activity-missing' }: { text: string; hint: string; testId?: string }) {
  const fontClass = useFontClass()
  return (
    <View className={`activity-page ${fontClass}`} data-testid={testId}>
      <StateView loading={false} error={null} empty emptyText={text} emptyHint={hint}>
        {null}
      </StateView>
      <View className='activity-page__home'>
        <Button block onClick={() => void Taro.reLaunch({ url: PAGES.home })}>
          返回首页
        </Button>
      </View>
    </View>
  )
}

function Detail({ activity: a, reload }: { activity: ActivityDetail; reload: () => Promise<void> }) {
  const phase = a.status === 'draft' ? null : phaseOf(a)
  const where = locationLine(a)
  return (
    <>
      <View className='activity-page__head' data-testid='activity-head'>
        <View className='activity-page__tags'>
          <KindTag kind={a.kind} subKind={a.subKind} />
          {a.status === 'draft' ? (
            <Badge tone='warning'>草稿</Badge>
          ) : (
            phase && (
              <Badge tone={phase === 'checkingIn' ? 'primary' : phase === 'cancelled' ? 'warning' : 'neutral'} testId='activity-phase'>
                {PHASE_LABEL[phase]}
              </Badge>
            )
          )}
        </View>
        <Text className='activity-page__title' data-testid='activity-title'>
          {a.title}
        </Text>
      </View>

      {/* A draft is the organizer's alone: nothing for them to sign up for or scan yet. */}
      {a.status !== 'draft' && <MyPart activity={a} reload={reload} />}

      <View className='activity-page__card'>
        <Fact label='时间' testId='fact-time'>
          {fmtRange(a.startAt, a.endAt)}
        </Fact>
        <Fact label='签到' testId='fact-window'>
          {windowLines(a).map((line) => (
            <Text key={line} className='activity-page__line'>
              {line}
            </Text>
          ))}
        </Fact>
        <Fact label='地点' testId='fact-place'>
          <Text className='activity-page__line'>{a.placeName || '未填写地点'}</Text>
          {where && <Text className={`activity-page__line activity-page__hint ${where.checked ? 'activity-page__hint--checked' : ''}`}>{where.text}</Text>}
        </Fact>
        <Fact label='组织' testId='fact-organizer'>
          {a.organizerName ? `${a.unitName} · ${a.organizerName}` : a.unitName}
        </Fact>
        {(a.signUpRequired || a.capacity !== null) && (
          <Fact label='名额' testId='fact-places'>
            {a.capacity !== null ? `${a.capacity} 人，已报名 ${a.signUps} 人` : `不限，已报名 ${a.signUps} 人`}
          </Fact>
        )}
      </View>

      <Text className='activity-page__section'>活动说明</Text>
      <View className='activity-page__card'>
        {a.description?.trim() ? (
          <Text className='activity-page__description' data-testid='activity-description' userSelect>
            {a.description}
          </Text>
        ) : (
          <Text className='activity-page__empty' data-testid='activity-description-empty'>
            暂无活动说明
          </Text>
        )}
      </View>

      <Materials materials={a.materials} />

      {a.organizing && <Coming activity={a} />}
    </>
  )
}

/** One labelled line of facts: 时间, 地点… */
function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <View className='activity-page__fact' data-testid={testId}>
      <Text className='activity-page__label'>{label}</Text>
      <View className='activity-page__value'>{children}</View>
    </View>
  )
}

/** Where the member stands (已报名 / 已签到 09:02 / 未签到…) and what they may do now. */
function MyPart({ activity: a, reload }: { activity: ActivityDetail; reload: () => Promise<void> }) {
  const { busy, run } = useBusy()
  const state = myState(a)
  const can = myActions(a)
  const missedWhy = state.key === 'missed' && !can.makeup ? a.makeup.reason : null

  async function join() {
    // Signing up is the tap WeChat needs to ask for reminders (as on the home page).
    await askSubscribe(['activityReminder', 'reviewResult'])
    await run(() => signUp(a.id), '报名成功', reload)
  }

  async function withdraw() {
    if (await withdrawWithConfirm(a)) await reload()
  }

  return (
    <View className='activity-page__card activity-page__mine' data-testid='my-state' data-state={state.key}>
      <Text className='activity-page__label'>我的状态</Text>
      <Text className={`activity-page__state activity-page__state--${state.tone}`} data-testid='my-state-text'>
        {state.text}
      </Text>
      {missedWhy && <Text className='activity-page__hint'>{missedWhy}</Text>}
      {can.makeup && a.makeup.deadline && <Text className='activity-page__hint'>如确实参加了，可在 {fmtDateTime(a.makeup.deadline)} 前申请补签，组织者审核通过后计入记录</Text>}
      <View className='activity-page__actions'>
        {can.scan && (
          <Button type='primary' block data-testid='scan' onClick={() => void scanOrExplain()}>
            {can.scan === 'checkIn' ? '扫码签到' : '扫码签退'}
          </Button>
        )}
        {can.signUp && (
          <Button type='primary' block loading={busy} disabled={busy} data-testid='detail-sign-up' onClick={() => void join()}>
            报名
          </Button>
        )}
        {can.full && (
          <Button block disabled data-testid='detail-full'>
            名额已满
          </Button>
        )}
        {can.makeup && (
          <Button type='primary' block data-testid='detail-makeup' onClick={() => void Taro.navigateTo({ url: `${PAGES.records}?tab=missed` })}>
            申请补签
          </Button>
        )}
        {can.withdraw && (
          <Button block data-testid='detail-withdraw' onClick={() => void withdraw()}>
            取消报名
          </Button>
        )}
      </View>
    </View>
  )
}
