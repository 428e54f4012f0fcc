import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Objection, ObjectionOutcome, ObjectionsResult } from '@cloud/contract/model'
import { OBJECTION_STATUS_LABEL } from '@cloud/contract/selection'
import Dialog from '../../components/Dialog'
import ReasonInput, { reasonProblem } from '../../components/ReasonInput'
import { useBusy } from '../../hooks/useBusy'
import { resolveObjection } from '../../services/stats'
import { toastError } from '../../utils/feedback'
import { fmtDateTime } from '../../utils/time'

const about = (o: Objection) => (o.memberName ? `对「${o.memberName}」` : '对整个名单')

/** What upholding does, said before the admin confirms. */
const upholdEffect = (o: Objection) =>
  o.memberName ? `异议成立将取消「${o.memberName}」的人选资格（名单中保留并标注“异议成立，已取消”）` : '异议成立将撤销整个名单，之后可重新生成名单并公示'

interface Props {
  data: ObjectionsResult | null
  /** Reload the list and the objections after a decision. */
  onResolved: () => Promise<void>
}

/** 异议处理: every objection to the period's lists with who raised it; 成立 / 不成立 with a comment the objector reads. */
export default function ObjectionsPanel({ data, onResolved }: Props) {
  const [deciding, setDeciding] = useState<{ o: Objection; outcome: ObjectionOutcome } | null>(null)
  const [comment, setComment] = useState('')
  const { busy, run } = useBusy()
  if (!data) return null
  const current = data.objections.filter((o) => o.snapshotId === data.snapshotId)

  function decide() {
    if (!deciding) return
    const problem = reasonProblem(comment, '处理意见')
    if (problem) return toastError(new Error(problem))
    const { o, outcome } = deciding
    void run(() => resolveObjection(o.id, outcome, comment.trim()), outcome === 'upheld' ? '已认定异议成立' : '已认定异议不成立', async () => {
      await onResolved()
      setDeciding(null)
    })
  }

  return (
    <View data-testid='objections'>
      <Text className='stats__section'>
        异议处理 · 待处理 {data.objections.filter((o) => o.status === 'pending').length} 件 · 共 {data.objections.length} 件
      </Text>
      {data.objections.length === 0 && <Text className='selection__empty'>暂无异议。公示期内党员提出的异议会显示在这里。</Text>}
      {data.objections.map((o) => (
        <View key={o.id} className='selection__objection' data-testid='objection' data-status={o.status} data-member={o.memberId ?? ''}>
          <View className='selection__line'>
            <Text className='selection__about'>{about(o)}</Text>
            <Text className={`selection__status selection__status--${o.status}`}>{OBJECTION_STATUS_LABEL[o.status]}</Text>
          </View>
          <Text className='selection__text'>理由：{o.reason}</Text>
          <Text className='selection__meta' data-testid='objector'>
            提出人：{o.objectorName} · {fmtDateTime(o.filedAt)}
            {current.includes(o) ? '' : ' · 针对已撤销的名单'}
          </Text>
          {o.status !== 'pending' && (
            <Text className='selection__text'>
              处理意见：{o.comment}（{o.resolverName}，{o.resolvedAt ? fmtDateTime(o.resolvedAt) : ''}）
            </Text>
          )}
          {o.status === 'pending' && (
            <View className='selection__decide'>
              <Button className='selection__decide-button' data-testid='dismiss' onClick={() => (setComment(''), setDeciding({ o, outcome: 'dismissed' }))}>
                不成立
              </Button>
              <Button className='selection__decide-button' type='primary' data-testid='uphold' onClick={() => (setComment(''), setDeciding({ o, outcome: 'upheld' }))}>
                成立
              </Button>
            </View>
          )}
        </View>
      ))}
      {deciding && (
        <Dialog
          open
          busy={busy}
          danger={deciding.outcome === 'upheld'}
          title={`${about(deciding.o)}的异议${deciding.outcome === 'upheld' ? '成立' : '不成立'}？`}
          subtitle={deciding.outcome === 'upheld' ? upholdEffect(deciding.o) : '名单不变；处理意见会告知提出人'}
          confirmText={deciding.outcome === 'upheld' ? '认定成立' : '认定不成立'}
          onCancel={() => setDeciding(null)}
          onConfirm={decide}
        >
          <Text className='selection__text'>异议理由：{deciding.o.reason}</Text>
          <ReasonInput value={comment} onChange={setComment} placeholder='处理意见（必填），如：经核实情况属实' testId='resolve-comment' />
        </Dialog>
      )}
    </View>
  )
}
