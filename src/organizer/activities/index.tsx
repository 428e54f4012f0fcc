import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { ActivitySummary } from '@cloud/contract/model'
import ActivityCard from '../../components/ActivityCard'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { ApiError } from '../../services/api'
import { cancelActivity, listOrganizing, publishActivity } from '../../services/activity'
import { toastError, toastOk } from '../../utils/feedback'
import { ORGANIZER } from '../../utils/nav'
import { phaseOf } from '../../utils/time'
import PublishSheet from './PublishSheet'
import './index.scss'

/** The server refused to publish for want of a place: the organizer chooses one (or a reason) and publishes again. */
const wantsPlace = (e: unknown) => e instanceof ApiError && e.code === 'BAD_INPUT' && e.details?.field === 'place'

export default function OrganizerActivities() {
  const session = useSignedIn()
  const list = useRemote(listOrganizing, !!session)
  const shownBefore = useRef(false)
  const [placing, setPlacing] = useState<ActivitySummary | null>(null)
  useDidShow(() => {
    if (session && shownBefore.current) void list.reload()
    shownBefore.current = true
  })
  if (!session) return null
  const activities = list.data?.activities ?? []

  async function publish(a: ActivitySummary) {
    try {
      await publishActivity(a.id)
      await published()
    } catch (e) {
      if (wantsPlace(e)) return setPlacing(a)
      toastError(e)
    }
  }

  async function published() {
    setPlacing(null)
    toastOk('已发布')
    await list.reload()
  }

  async function cancel(a: ActivitySummary) {
    const { confirm } = await Taro.showModal({
      title: '取消活动',
      content: `确定取消“${a.title}”吗？取消后成员不能再报名和签到，已有的签到记录保留。`,
      confirmText: '取消活动',
      cancelText: '不取消',
    })
    if (!confirm) return
    try {
      await cancelActivity(a.id)
      toastOk('活动已取消')
      await list.reload()
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <View className='organizer'>
      <View className='organizer__bar'>
        <Text className='organizer__hint'>{session.member.unitName} · 本单位活动</Text>
        <Button type='primary' size='small' data-testid='new-activity' onClick={() => Taro.navigateTo({ url: ORGANIZER.create })}>
          发布新活动
        </Button>
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        empty={activities.length === 0}
        emptyText='还没有发布过活动'
        emptyHint='点击右上角“发布新活动”开始'
        onRetry={() => void list.reload()}
      >
        {activities.map((a) => (
          <ActivityCard
            key={a.id}
            activity={a}
            showArrivals
            footer={<Actions activity={a} onPublish={() => void publish(a)} onCancel={() => void cancel(a)} />}
          />
        ))}
      </StateView>
      {placing && <PublishSheet activity={placing} onCancel={() => setPlacing(null)} onPublished={() => void published()} />}
    </View>
  )
}

/** What an organizer can do with an activity, by its status and phase. */
function Actions({ activity: a, onPublish, onCancel }: { activity: ActivitySummary; onPublish: () => void; onCancel: () => void }) {
  if (a.status === 'draft')
    return (
      <Button size='small' type='primary' data-testid='publish-draft' onClick={onPublish}>
        发布
      </Button>
    )
  if (a.status === 'cancelled') return null
  const running = phaseOf(a) !== 'ended'
  return (
    <>
      {running && (
        <Button size='small' data-testid='cancel-activity' onClick={onCancel}>
          取消活动
        </Button>
      )}
      <Button size='small' data-testid='show-attendance' onClick={() => Taro.navigateTo({ url: ORGANIZER.attendance(a.id) })}>
        签到名单
      </Button>
      {running && (
        <Button size='small' type='primary' data-testid='show-qr' onClick={() => Taro.navigateTo({ url: ORGANIZER.qr(a.id) })}>
          展示签到码
        </Button>
      )}
    </>
  )
}
