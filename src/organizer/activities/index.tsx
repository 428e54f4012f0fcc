import { useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import ActivityCard from '../../components/ActivityCard'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { listOrganizing, publishActivity } from '../../services/activity'
import { toastError, toastOk } from '../../utils/feedback'
import { ORGANIZER } from '../../utils/nav'
import { phaseOf } from '../../utils/time'
import './index.scss'

export default function OrganizerActivities() {
  const session = useSignedIn()
  const list = useRemote(listOrganizing, !!session)
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (session && shownBefore.current) void list.reload()
    shownBefore.current = true
  })
  if (!session) return null
  const activities = list.data?.activities ?? []

  async function publish(id: string) {
    try {
      await publishActivity(id)
      toastOk('已发布')
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
        {activities.map((a) => {
          const phase = phaseOf(a)
          return (
            <ActivityCard
              key={a.id}
              activity={a}
              showArrivals
              footer={
                a.status === 'draft' ? (
                  <Button size='small' type='primary' onClick={() => void publish(a.id)}>
                    发布
                  </Button>
                ) : a.status === 'published' && phase !== 'ended' ? (
                  <Button size='small' type='primary' data-testid='show-qr' onClick={() => Taro.navigateTo({ url: ORGANIZER.qr(a.id) })}>
                    展示签到码
                  </Button>
                ) : null
              }
            />
          )
        })}
      </StateView>
    </View>
  )
}
