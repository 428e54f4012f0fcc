import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { MyBranchMeeting } from '@cloud/contract/model'
import { LEAVE_STATUS_LABEL, MEETING_TYPE_LABEL } from '@cloud/contract/vocabulary'
// Style order as on the other pages (they share one CSS chunk): Badge, StateView, then the rest.
import Badge, { REVIEW_TONE } from '../../components/Badge'
import StateView from '../../components/StateView'
import Dialog from '../../components/Dialog'
import ReasonInput, { reasonProblem } from '../../components/ReasonInput'
import { useBusy } from '../../hooks/useBusy'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { branchMeetings, requestLeave, withdrawLeave } from '../../services/branch'
import { toastError } from '../../utils/feedback'
import { BRANCH } from '../../utils/nav'
import { fmtDateTime } from '../../utils/time'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'

const MINE = { present: '已签到', leave: '已请假', absent: '缺席', upcoming: '未开始' } as const
const MINE_TONE = { present: 'success', leave: 'warning', absent: 'primary', upcoming: 'neutral' } as const

/** 我的支部: this year's meetings of the member's branch, with their own attendance and leave. */
export default function MyBranch() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const list = useRemote(() => branchMeetings(), !!session)
  const [asking, setAsking] = useState<MyBranchMeeting | null>(null)
  const [reason, setReason] = useState('')
  const { busy, run } = useBusy()
  useDidShow(() => {
    if (list.data) void list.reload()
  })
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (!session) return null
  const me = session.member
  // The coming meetings first (soonest on top: that is where leave is asked), then the held ones, latest first.
  const meetings = [...(list.data?.meetings ?? [])].sort((a, b) =>
    a.mine === 'upcoming' || b.mine === 'upcoming'
      ? Number(b.mine === 'upcoming') - Number(a.mine === 'upcoming') || a.startAt.localeCompare(b.startAt)
      : b.startAt.localeCompare(a.startAt),
  )

  const act = (work: () => Promise<unknown>, done: string) =>
    run(work, done, async () => {
      await list.reload()
      setAsking(null)
    })

  function ask() {
    if (!asking) return
    const problem = reasonProblem(reason, '请假事由')
    if (problem) return toastError(new Error(problem))
    void act(() => requestLeave(asking.activityId, reason.trim()), '已提交请假')
  }

  return (
    <View className={`bl ${fontClass}`}>
      <View className='bl__head'>
        <Text className='bl__title'>{me.branchName ?? '我的支部'}</Text>
        <Text className='bl__meta'>
          {me.unitName}
          {me.partyGroupName ? ` · ${me.partyGroupName}` : ''}
        </Text>
        <Text className='bl__note'>不能参加会议请在会前请假，由支部审批；准假不计为缺席。</Text>
      </View>
      <Text className='bl__section'>今年的会议</Text>
      <StateView
        loading={list.loading}
        error={list.error}
        empty={meetings.length === 0}
        emptyText={me.branchId ? '今年支部还没有安排会议' : '您还没有编入党支部'}
        emptyHint={me.branchId ? '支部发布会议后会显示在这里' : '请联系本单位管理员'}
        onRetry={() => void list.reload()}
      >
        {meetings.map((m) => (
          <View key={m.activityId} className='bl__row' data-testid='my-meeting' data-id={m.activityId}>
            <View className='bl__line' onClick={() => void Taro.navigateTo({ url: BRANCH.record(m.activityId) })}>
              <Text className='bl__name'>{m.title}</Text>
              <Badge tone={MINE_TONE[m.mine]} testId='mine'>
                {MINE[m.mine]}
              </Badge>
            </View>
            <Text className='bl__note'>
              {MEETING_TYPE_LABEL[m.type]}
              {m.partyGroupName ? `（${m.partyGroupName}）` : ''} · {fmtDateTime(m.startAt)}
            </Text>
            {m.leave && (
              <View className='bl__line'>
                <Text className='bl__note'>请假事由：{m.leave.reason}</Text>
                <Badge tone={REVIEW_TONE[m.leave.status]}>{LEAVE_STATUS_LABEL[m.leave.status]}</Badge>
              </View>
            )}
            {m.leave?.comment && <Text className='bl__note'>审批意见：{m.leave.comment}</Text>}
            <View className='bl__actions'>
              {m.leave?.status === 'pending' && (
                <Button size='small' disabled={busy} data-testid='withdraw-leave' onClick={() => void act(() => withdrawLeave(m.leave!.id), '已撤回')}>
                  撤回请假
                </Button>
              )}
              {m.mayRequestLeave && (
                <Button size='small' type='primary' fill='outline' data-testid='ask-leave' onClick={() => (setReason(''), setAsking(m))}>
                  请假
                </Button>
              )}
              <Button size='small' data-testid='open-record' onClick={() => void Taro.navigateTo({ url: BRANCH.record(m.activityId) })}>
                会议记录
              </Button>
            </View>
          </View>
        ))}
      </StateView>
      {asking && (
        <Dialog open busy={busy} title={`请假：${asking.title}`} subtitle={fmtDateTime(asking.startAt)} confirmText='提交请假' onCancel={() => setAsking(null)} onConfirm={ask}>
          <ReasonInput value={reason} onChange={setReason} placeholder='请假事由（必填），如：赴外地出差' testId='leave-reason' />
        </Dialog>
      )}
    </View>
  )
}
