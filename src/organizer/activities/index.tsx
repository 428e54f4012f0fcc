import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { ActivitySummary } from '@cloud/contract/model'
import ActivityCard from '../../components/ActivityCard'
import StateView from '../../components/StateView'
import Tabs from '../../components/Tabs'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { ApiError } from '../../services/api'
import { listOrganizing, publishActivity } from '../../services/activity'
import { toastError, toastOk } from '../../utils/feedback'
import { ORGANIZER } from '../../utils/nav'
import { phaseOf } from '../../utils/time'
import CancelDialog from './CancelDialog'
import PublishSheet from './PublishSheet'
import { defaultTab, inTabOrder, tabOf, WORKBENCH_TABS, type WorkbenchTab } from './workbenchTabs'
import './index.scss'
import { useFontClass } from '../../utils/fontMode'

/** The server refused to publish for want of a place: the organizer chooses one (or a reason) and publishes again. */
const wantsPlace = (e: unknown) => e instanceof ApiError && e.code === 'BAD_INPUT' && e.details?.field === 'place'

const isTab = (t: string | undefined): t is WorkbenchTab => WORKBENCH_TABS.some((x) => x.key === t)

/** The tab last chosen, kept while the app runs: back from the QR screen or the list, the organizer is where they were. */
let chosenTab: WorkbenchTab | null = null

export default function OrganizerActivities() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const list = useRemote(listOrganizing, !!session)
  const shownBefore = useRef(false)
  const [placing, setPlacing] = useState<ActivitySummary | null>(null)
  const [cancelling, setCancelling] = useState<ActivitySummary | null>(null)
  const [tab, setTab] = useState<WorkbenchTab | null>(isTab(params.tab) ? params.tab : chosenTab)
  useDidShow(() => {
    if (session && shownBefore.current) void list.reload()
    shownBefore.current = true
  })
  if (!session) return null
  const activities = list.data?.activities ?? []
  // Sorted at the time the list was read, like everything else on it.
  const at = list.loadedAt?.getTime() ?? 0
  const byTab: Record<WorkbenchTab, ActivitySummary[]> = { ongoing: [], upcoming: [], ended: [] }
  for (const a of activities) byTab[tabOf(a, at)].push(a)
  const counts = { ongoing: byTab.ongoing.length, upcoming: byTab.upcoming.length, ended: byTab.ended.length }
  const shown = tab ?? defaultTab(counts)
  const spec = WORKBENCH_TABS.find((t) => t.key === shown)!

  function choose(t: WorkbenchTab) {
    chosenTab = t
    setTab(t)
  }

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

  async function cancelled() {
    setCancelling(null)
    toastOk('活动已取消')
    await list.reload()
  }

  return (
    <View className={`organizer ${fontClass}`}>
      <View className='organizer__bar'>
        <Text className='organizer__hint'>{session.member.unitName} · 本单位活动</Text>
        <Button type='primary' size='small' data-testid='new-activity' onClick={() => Taro.navigateTo({ url: ORGANIZER.create })}>
          发布新活动
        </Button>
      </View>
      {list.data && (
        <Tabs items={WORKBENCH_TABS.map((t) => ({ key: t.key, label: t.label, count: counts[t.key] }))} value={shown} onChange={choose} />
      )}
      <View className='organizer__list' data-testid='workbench-list' data-tab={shown}>
        <StateView
          loading={list.loading}
          error={list.error}
          empty={byTab[shown].length === 0}
          emptyText={activities.length === 0 && !list.loading ? '还没有发布过活动' : spec.emptyText}
          emptyHint={activities.length === 0 ? '点击右上角“发布新活动”开始' : spec.emptyHint}
          onRetry={() => void list.reload()}
        >
          {inTabOrder(shown, byTab[shown]).map((a) => (
            <ActivityCard
              key={a.id}
              activity={a}
              showArrivals
              footer={<Actions activity={a} onPublish={() => void publish(a)} onCancel={() => setCancelling(a)} />}
            />
          ))}
        </StateView>
      </View>
      {placing && <PublishSheet activity={placing} onCancel={() => setPlacing(null)} onPublished={() => void published()} />}
      {cancelling && <CancelDialog activity={cancelling} onClose={() => setCancelling(null)} onCancelled={() => void cancelled()} />}
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
  if (a.status === 'cancelled')
    return (
      <Button size='small' data-testid='show-attendance' onClick={() => Taro.navigateTo({ url: ORGANIZER.attendance(a.id) })}>
        签到名单
      </Button>
    )
  const running = phaseOf(a) !== 'ended'
  return (
    <>
      {running && (
        <Button className='organizer__danger' size='small' type='danger' fill='outline' data-testid='cancel-activity' onClick={onCancel}>
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
