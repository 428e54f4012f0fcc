import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { MissedActivity } from '@cloud/contract/model'
import { TEXT_MIN } from '@cloud/contract/vocabulary'
import { DEFAULT_POLICY } from '@cloud/domain/policy'
import Badge from '../../components/Badge'
import Dialog from '../../components/Dialog'
import KindTag from '../../components/KindTag'
import ReasonInput, { reasonProblem } from '../../components/ReasonInput'
import StateView from '../../components/StateView'
import type { Remote } from '../../hooks/useRemote'
import { requestMakeup } from '../../services/checkin'
import { fmtDateTime, fmtRange } from '../../utils/time'

export interface MissedAnswer {
  activities: MissedActivity[]
  makeupDays: number
}

type Asking = { row: MissedActivity; reason: string; problem: string | null; sending: boolean }

/**
 * 未签到: each activity the member missed, with 申请补签 (or 待审核 / 未通过 and 重新申请) right there,
 * the reason asked for in a sheet; the organizer's decision shows here and under 补签申请.
 */
export default function MissedList({ missed }: { missed: Remote<MissedAnswer> }) {
  const [asking, setAsking] = useState<Asking | null>(null)
  const rows = missed.data?.activities ?? []
  const days = missed.data?.makeupDays ?? DEFAULT_POLICY.makeupDaysAfterEnd

  async function send() {
    if (!asking) return
    const problem = reasonProblem(asking.reason, '补签理由')
    if (problem) return setAsking({ ...asking, problem })
    setAsking({ ...asking, problem: null, sending: true })
    try {
      await requestMakeup(asking.row.activity.id, asking.reason.trim())
      setAsking(null)
      void Taro.showToast({ title: '已提交，等待审核', icon: 'success' })
      await missed.reload()
    } catch (e) {
      setAsking({ ...asking, sending: false, problem: e instanceof Error ? e.message : '提交失败，请稍后重试' })
    }
  }

  return (
    <>
      <StateView
        loading={missed.loading}
        error={missed.error}
        empty={rows.length === 0}
        emptyText={`近 ${days} 天没有漏签的活动`}
        emptyHint={`签到截止后仍未签到、也未请假的活动会列在这里，活动结束后 ${days} 天内可申请补签`}
        onRetry={() => void missed.reload()}
      >
        <Text className='records__summary'>以下活动您未签到；如确实参加了，请在截止前申请补签，组织者审核通过后计入记录</Text>
        {rows.map((m) => (
          <MissedItem key={m.activity.id} missed={m} onAsk={() => setAsking({ row: m, reason: '', problem: null, sending: false })} />
        ))}
      </StateView>
      <Dialog
        open={asking !== null}
        title='申请补签'
        subtitle={asking ? asking.row.activity.title : undefined}
        confirmText='提交申请'
        busy={asking?.sending}
        onConfirm={() => void send()}
        onCancel={() => setAsking(null)}
      >
        {asking && (
          <>
            {asking.row.makeup.deadline && <Text className='records__meta'>补签截止：{fmtDateTime(asking.row.makeup.deadline)}</Text>}
            <ReasonInput
              value={asking.reason}
              onChange={(reason) => setAsking({ ...asking, reason, problem: null })}
              placeholder={`请说明未能按时签到的原因（至少 ${TEXT_MIN.reason} 个字），如：到场后手机没电`}
              testId='missed-reason'
            />
            {asking.problem && (
              <Text className='records__problem' data-testid='missed-problem'>
                {asking.problem}
              </Text>
            )}
          </>
        )}
      </Dialog>
    </>
  )
}

/** What the row says about the member's latest request, if any. */
function RequestState({ missed: m }: { missed: MissedActivity }) {
  const last = m.lastRequest
  if (last?.status === 'pending') return <Badge tone='warning' testId='missed-status'>待审核</Badge>
  if (last?.status === 'rejected') return <Badge tone='primary' testId='missed-status'>未通过</Badge>
  if (last?.status === 'approved') return <Badge tone='success' testId='missed-status'>已通过</Badge>
  return null
}

function MissedItem({ missed: m, onAsk }: { missed: MissedActivity; onAsk: () => void }) {
  const a = m.activity
  const last = m.lastRequest
  return (
    <View className='records__item records__missed' data-testid='missed' data-state={last?.status ?? (m.makeup.allowed ? 'open' : 'closed')}>
      <View className='records__head'>
        <KindTag kind={a.kind} subKind={a.subKind} />
        <RequestState missed={m} />
      </View>
      <Text className='records__title'>{a.title}</Text>
      <Text className='records__meta'>时间：{fmtRange(a.startAt, a.endAt)}</Text>
      {a.placeName && <Text className='records__meta'>地点：{a.placeName}</Text>}
      {m.makeup.deadline && (
        <Text className='records__meta' data-testid='missed-deadline'>
          补签截止：{fmtDateTime(m.makeup.deadline)}
        </Text>
      )}
      {last?.status === 'rejected' && last.reviewComment && <Text className='records__comment'>组织者意见：{last.reviewComment}</Text>}
      {last?.status === 'pending' && <Text className='records__note'>已提交补签申请，等待组织者审核</Text>}
      {m.makeup.allowed ? (
        <Button className='records__action' type={last ? 'default' : 'primary'} block data-testid='missed-request' onClick={onAsk}>
          {last?.status === 'rejected' ? '重新申请' : '申请补签'}
        </Button>
      ) : (
        last?.status !== 'pending' && m.makeup.reason && <Text className='records__note'>{m.makeup.reason}</Text>
      )}
    </View>
  )
}
