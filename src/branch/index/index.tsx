import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { BranchOverview, LeaveView, RhythmStatus } from '@cloud/contract/model'
import { MEETING_TYPE_LABEL, PARTY_STATUS_LABEL, RHYTHM_LABEL, ROLE_LABEL } from '@cloud/contract/vocabulary'
import { branchesRun } from '@cloud/domain/roles'
// Style order as on the other pages (they share one CSS chunk): Badge, StateView, then the rest.
import Badge from '../../components/Badge'
import StateView from '../../components/StateView'
import Dialog from '../../components/Dialog'
import ReasonInput from '../../components/ReasonInput'
import { useBusy } from '../../hooks/useBusy'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { branchOverview, reviewLeave } from '../../services/branch'
import { ORGANIZER } from '../../utils/nav'
import { RECORDS } from '../../obligations/records/nav'
import { fmtDateTime, shanghai } from '../../utils/time'
import { rhythmPeriodLabel, shortPeriodLabel } from '../shared/labels'
import MeetingRow from '../shared/MeetingRow'
import SubscribeTip from './SubscribeTip'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

type Decision = { leave: LeaveView; approve: boolean }

/** 支部工作: the secretary's branch page — what this period still needs, this year's meetings, leave, members. */
export default function BranchHome() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const me = session?.member ?? null
  const mine = me ? branchesRun(me) : []
  const [picked, setPicked] = useState(params.branch ?? '')
  const branchId = picked || mine[0] || ''
  // Several branches: each one's overview, so the picker can name them; one (or a unit organizer's default): just it.
  const all = useRemote(() => Promise.all(mine.map((id) => branchOverview(id))), !!me && mine.length > 1, mine.join(','))
  const one = useRemote(() => branchOverview(branchId || undefined), !!me && mine.length <= 1, branchId)
  const data: BranchOverview | null = mine.length > 1 ? (all.data?.find((o) => o.branch.id === branchId) ?? all.data?.[0] ?? null) : one.data
  const remote = mine.length > 1 ? all : one
  const [decision, setDecision] = useState<Decision | null>(null)
  const [comment, setComment] = useState('')
  const { busy, run } = useBusy()

  useDidShow(() => {
    if (data) void remote.reload()
  })
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (!me) return null

  async function decide() {
    if (!decision) return
    await run(() => reviewLeave(decision.leave.id, decision.approve, comment.trim() || undefined), decision.approve ? '已准假' : '已不准假', async () => {
      await remote.reload()
      setDecision(null)
    })
  }

  const id = data?.branch.id ?? branchId
  return (
    <View className={`bl branch ${fontClass}`}>
      <SubscribeTip />
      <StateView loading={remote.loading} error={remote.error} empty={!data} emptyText='您还没有负责的党支部' emptyHint='支部书记、组织委员可在这里组织支部会议' onRetry={() => void remote.reload()}>
        {data && (
          <>
            {mine.length > 1 && all.data && (
              <View className='bl__chips' data-testid='branch-picker'>
                {all.data.map((o) => (
                  <Text key={o.branch.id} className={`bl__chip ${o.branch.id === id ? 'bl__chip--on' : ''}`} onClick={() => setPicked(o.branch.id)}>
                    {o.branch.name}
                  </Text>
                ))}
              </View>
            )}
            <View className='bl__head'>
              <Text className='bl__title' data-testid='branch-name'>
                {data.branch.name}
              </Text>
              <Text className='bl__meta'>
                {data.branch.unitName} · 党员 {data.branch.memberCount} 人{data.partyGroups.length ? ` · 党小组 ${data.partyGroups.length} 个` : ''}
              </Text>
              {data.may.run && (
                <>
                  <Button type='primary' block data-testid='new-meeting' onClick={() => void Taro.navigateTo({ url: ORGANIZER.createMeeting(id) })}>
                    发布会议
                  </Button>
                  {/* The secretary reports on the branch's year (述职) where the unit appraises it. */}
                  <Button block data-testid='duty-reports' onClick={() => void Taro.navigateTo({ url: RECORDS.duty(data.branch.unitId) })}>
                    述职评议
                  </Button>
                </>
              )}
            </View>

            <Text className='bl__section'>本期应开会议</Text>
            {data.rhythm.length === 0 && <Text className='bl__note branch__pad'>当前政策没有要求本支部定期召开的会议。</Text>}
            {data.rhythm.map((r) => (
              <RhythmRow key={`${r.type}-${r.partyGroupId ?? ''}`} row={r} mayRun={data.may.run} branchId={id} />
            ))}

            <Text className='bl__section'>今年的会议（{data.meetings.length}）</Text>
            <StateView loading={false} error={null} empty={data.meetings.length === 0} emptyText='今年还没有召开会议' emptyHint='点击“发布会议”安排第一次会议'>
              {data.meetings.map((m) => (
                <MeetingRow key={m.activityId} m={m} />
              ))}
            </StateView>

            {data.may.run && (
              <>
                <Text className='bl__section'>待审批的请假（{data.pendingLeaves.length}）</Text>
                {data.pendingLeaves.length === 0 && <Text className='bl__note branch__pad'>没有等待审批的请假。</Text>}
                {data.pendingLeaves.map((l) => (
                  <View key={l.id} className='bl__row' data-testid='leave-row'>
                    <View className='bl__line'>
                      <Text className='bl__name'>{l.memberName}</Text>
                      <Badge tone='warning'>待审批</Badge>
                    </View>
                    <Text className='bl__note'>
                      {l.activityTitle} · {fmtDateTime(l.requestedAt)} 申请
                    </Text>
                    <Text className='bl__text'>事由：{l.reason}</Text>
                    <View className='bl__actions'>
                      <Button size='small' data-testid='leave-reject' onClick={() => (setComment(''), setDecision({ leave: l, approve: false }))}>
                        不准假
                      </Button>
                      <Button size='small' type='primary' data-testid='leave-approve' onClick={() => (setComment(''), setDecision({ leave: l, approve: true }))}>
                        准假
                      </Button>
                    </View>
                  </View>
                ))}
              </>
            )}

            <Text className='bl__section'>支部党员（{data.members.length}）</Text>
            <View className='bl__card' data-testid='branch-members'>
              {data.members.length === 0 && <Text className='bl__note'>本支部暂无党员。</Text>}
              {data.members.map((p) => (
                <View key={p.id} className='branch__member'>
                  <Text className='branch__member-name'>{p.name}</Text>
                  <View className='bl__tags'>
                    {p.roles
                      .filter((r) => r.startsWith('branch'))
                      .map((r) => (
                        <Badge key={r} tone='primary'>
                          {ROLE_LABEL[r]}
                        </Badge>
                      ))}
                    {p.partyGroupName && <Badge>{p.partyGroupName}</Badge>}
                    <Badge tone={p.partyStatus === 'full' ? 'success' : 'warning'}>{p.partyStatus === 'full' ? '正式' : '预备'}</Badge>
                  </View>
                </View>
              ))}
              <Text className='bl__note'>
                正式党员 {data.members.filter((p) => p.partyStatus === 'full').length} 人 · {PARTY_STATUS_LABEL.probationary}{' '}
                {data.members.filter((p) => p.partyStatus === 'probationary').length} 人
              </Text>
            </View>
          </>
        )}
      </StateView>
      {decision && (
        <Dialog
          open
          busy={busy}
          title={`${decision.approve ? '准假' : '不准假'}：${decision.leave.memberName}`}
          subtitle={`${decision.leave.activityTitle} · 事由：${decision.leave.reason}`}
          confirmText={decision.approve ? '准假' : '不准假'}
          danger={!decision.approve}
          onCancel={() => setDecision(null)}
          onConfirm={() => void decide()}
        >
          <ReasonInput value={comment} onChange={setComment} placeholder='意见（选填）' testId='leave-comment' />
        </Dialog>
      )}
    </View>
  )
}

/** A day as people say it: 12月31日. */
const day = (iso: string) => shanghai(iso).format('M月D日')

function statusText(r: RhythmStatus): string {
  if (r.status === 'held') return `已召开（${day(r.heldAt ?? r.dueBy)}）`
  // The period's end is the first moment of the next one: the last day to hold it is the day before.
  const last = day(new Date(Date.parse(r.dueBy) - 1).toISOString())
  if (r.status === 'due') return `待召开（截止 ${last}）`
  return `上期未开，本期尚未召开（截止 ${last}）`
}

const STATUS_TONE = { held: 'success', due: 'warning', overdue: 'primary' } as const
const STATUS_WORD = { held: '已召开', due: '待召开', overdue: '逾期' } as const

function RhythmRow({ row: r, mayRun, branchId }: { row: RhythmStatus; mayRun: boolean; branchId: string }) {
  const makeUp = (period: string) => void Taro.navigateTo({ url: ORGANIZER.createMeeting(branchId, r.type, period, r.partyGroupId ?? undefined) })
  return (
    <View className='bl__row' data-testid='rhythm-row' data-type={r.type} data-status={r.status}>
      <View className='bl__line'>
        <Text className='bl__name'>
          {MEETING_TYPE_LABEL[r.type]}
          {r.partyGroupName ? `（${r.partyGroupName}）` : ''}
        </Text>
        <View className='bl__tags'>
          <Badge>{RHYTHM_LABEL[r.rhythm]}</Badge>
          <Badge tone={STATUS_TONE[r.status]} testId='rhythm-status'>
            {STATUS_WORD[r.status]}
          </Badge>
        </View>
      </View>
      <Text className='bl__note'>
        {rhythmPeriodLabel(r.period)} · {statusText(r)}
      </Text>
      {r.missed.length > 0 && (
        <View className='branch__missed'>
          <Text className='bl__note'>今年漏开 {r.missed.length} 次：</Text>
          {r.missed.map((p) => (
            <View key={p} className='branch__missed-item' data-testid='missed-period'>
              <Text className='branch__missed-period'>{shortPeriodLabel(p)}</Text>
              {mayRun && (
                <Button size='small' type='primary' fill='outline' data-testid='make-up' onClick={() => makeUp(p)}>
                  补开
                </Button>
              )}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
