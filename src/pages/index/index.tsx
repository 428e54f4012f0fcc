import { useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { branchesRun, isAdmin } from '@cloud/domain/roles'
import ActivityCard from '../../components/ActivityCard'
import { withdrawWithConfirm } from '../../components/ActivityCard/withdraw'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { listForMe } from '../../services/activity'
import { signUp } from '../../services/checkin'
import { unreadCount } from '../../services/notify'
import { toastError, toastOk } from '../../utils/feedback'
import { ADMIN, BRANCH, MEMBER, NOTIFY, ORGANIZER, PAGES, STATS } from '../../utils/nav'
import { askSubscribe } from '../../utils/subscribe'
import { useFontClass } from '../../utils/fontMode'
import { scanOrExplain } from './scanHelp'
import './index.scss'

export default function Home() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const list = useRemote(listForMe, !!session)
  const unread = useRemote(unreadCount, !!session)
  // Coming back (e.g. from a check-in) refreshes the list; the first show is the initial load.
  const shownBefore = useRef(false)
  useDidShow(() => {
    // Back from 消息 (read some) or anywhere else (new ones arrived): the badge as it is now.
    if (session && shownBefore.current) void Promise.all([list.reload(), unread.reload()])
    shownBefore.current = true
  })
  usePullDownRefresh(() => {
    void Promise.all([list.reload(), unread.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  if (!session) return null
  const me = session.member
  const activities = list.data?.activities ?? []
  const unreadN = unread.data ?? 0
  // Who runs a branch: its secretary or 组织委员, or an organizer of the unit (their own branch).
  const runsABranch = branchesRun(me).length > 0 || (!!me.branchId && me.roles.some((g) => g.role === 'organizer' && g.unitId === me.unitId))

  async function join(activityId: string) {
    // Signing up is the tap WeChat needs to ask for reminders: the activity's and the decisions on one's requests.
    await askSubscribe(['activityReminder', 'reviewResult'])
    try {
      const r = await signUp(activityId)
      toastOk(r.alreadySignedUp ? '您已报名' : '报名成功')
    } catch (e) {
      toastError(e)
    }
    // Places change under other people's sign-ups too: show the list as it is now either way.
    await list.reload()
  }

  async function leaveActivity(a: { id: string; title: string }) {
    // A place freed is a place someone else may take: the list as it is now.
    if (await withdrawWithConfirm(a)) await list.reload()
  }

  return (
    <View className={`home ${fontClass}`}>
      <View className='home__hero'>
        <View className='home__who'>
          <Text className='home__name' data-testid='member-name'>
            {me.name}
          </Text>
          <Text className='home__unit'>
            {me.unitName}
            {me.branchName ? ` · ${me.branchName}` : ''}
          </Text>
        </View>
        {/* 我的: profile, 大字模式, help and privacy; 退出登录 is there, behind a confirmation. */}
        <Text className='home__mine' data-testid='mine-entry' onClick={() => Taro.navigateTo({ url: PAGES.mine })}>
          我的
        </Text>
      </View>
      <View className='home__shortcuts'>
        {/* The mini-program scans; a browser explains how to scan with the camera or WeChat. */}
        <View className='home__shortcut home__shortcut--primary' data-testid='scan-entry' onClick={() => void scanOrExplain()}>
          <Text className='home__shortcut-title'>扫码签到</Text>
          <Text className='home__shortcut-hint'>{process.env.TARO_ENV === 'weapp' ? '扫描现场大屏上的二维码' : '用相机或微信扫一扫现场大屏上的签到码'}</Text>
        </View>
        <View className='home__shortcut' data-testid='inbox-entry' onClick={() => Taro.navigateTo({ url: NOTIFY.inbox })}>
          <View className='home__shortcut-head'>
            <Text className='home__shortcut-title'>消息</Text>
            {unreadN > 0 && (
              <Text className='home__count' data-testid='unread-count' aria-label={`${unreadN} 条未读`}>
                {unreadN > 99 ? '99+' : unreadN}
              </Text>
            )}
          </View>
          <Text className='home__shortcut-hint'>{unreadN > 0 ? `${unreadN} 条未读提醒` : '活动、审批与任务提醒'}</Text>
        </View>
        <View className='home__shortcut' onClick={() => Taro.navigateTo({ url: PAGES.records })}>
          <Text className='home__shortcut-title'>我的记录</Text>
          <Text className='home__shortcut-hint'>签到、积分与时长</Text>
        </View>
        <View className='home__shortcut' data-testid='score-entry' onClick={() => Taro.navigateTo({ url: MEMBER.score })}>
          <Text className='home__shortcut-title'>我的积分</Text>
          <Text className='home__shortcut-hint'>排名、公示与志愿证明</Text>
        </View>
        {me.branchId && (
          <View className='home__shortcut' data-testid='my-branch-entry' onClick={() => Taro.navigateTo({ url: BRANCH.meetings })}>
            <Text className='home__shortcut-title'>我的支部</Text>
            <Text className='home__shortcut-hint'>支部会议、请假与会议记录</Text>
          </View>
        )}
        {runsABranch && (
          <View className='home__shortcut' data-testid='branch-entry' onClick={() => Taro.navigateTo({ url: BRANCH.home() })}>
            <Text className='home__shortcut-title'>支部工作</Text>
            <Text className='home__shortcut-hint'>三会一课、会议记录、请假审批</Text>
          </View>
        )}
        {me.isOrganizer && (
          <View className='home__shortcut' data-testid='organizer-entry' onClick={() => Taro.navigateTo({ url: ORGANIZER.activities })}>
            <Text className='home__shortcut-title'>组织者工作台</Text>
            <Text className='home__shortcut-hint'>发布活动、展示签到码</Text>
          </View>
        )}
        {me.isOrganizer && (
          <View className='home__shortcut' data-testid='stats-entry' onClick={() => Taro.navigateTo({ url: STATS.home })}>
            <Text className='home__shortcut-title'>统计看板</Text>
            <Text className='home__shortcut-hint'>覆盖率、志愿服务、排行</Text>
          </View>
        )}
        {isAdmin(me) && (
          <View className='home__shortcut' data-testid='admin-entry' onClick={() => Taro.navigateTo({ url: ADMIN.home })}>
            <Text className='home__shortcut-title'>单位管理</Text>
            <Text className='home__shortcut-hint'>花名册、登录码、操作记录</Text>
          </View>
        )}
      </View>
      <Text className='home__section'>近期活动</Text>
      <StateView
        loading={list.loading}
        error={list.error}
        empty={activities.length === 0}
        emptyText='近期没有需要参加的活动'
        emptyHint='新活动发布后会显示在这里'
        onRetry={() => void list.reload()}
      >
        {activities.map((a) => (
          <ActivityCard key={a.id} activity={a} onSignUp={() => join(a.id)} onWithdraw={() => leaveActivity(a)} />
        ))}
      </StateView>
      <Text className='home__tip'>到达活动现场后，用微信或手机相机扫描大屏上的签到码即可签到。</Text>
    </View>
  )
}
