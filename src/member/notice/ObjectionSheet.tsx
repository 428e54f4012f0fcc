import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { SnapshotResult } from '@cloud/contract/model'
import Dialog from '../../components/Dialog'
import ReasonInput, { reasonProblem } from '../../components/ReasonInput'
import { useBusy } from '../../hooks/useBusy'
import { fileObjection } from '../../services/stats'
import { toastError } from '../../utils/feedback'

/** The whole list, or one member's id. */
const WHOLE = ''

interface Props {
  snapshot: SnapshotResult
  onFiled: () => Promise<void>
  onClose: () => void
}

/**
 * 提出异议: whom it is about (a person on the list, or the whole list) and why. The reason is what the
 * city admin checks; who raised it is shown to the city admin only.
 */
export default function ObjectionSheet({ snapshot: s, onFiled, onClose }: Props) {
  const [about, setAbout] = useState(WHOLE)
  const [reason, setReason] = useState('')
  const { busy, run } = useBusy()
  const choices = [{ key: WHOLE, label: '整个名单' }, ...s.entries.filter((e) => !e.cancelled).map((e) => ({ key: e.memberId, label: `${e.rank}. ${e.name}` }))]

  function submit() {
    const problem = reasonProblem(reason, '异议理由')
    if (problem) return toastError(new Error(problem))
    void run(() => fileObjection({ period: s.period, snapshotId: s.id, reason: reason.trim(), ...(about ? { memberId: about } : {}) }), '异议已提交，请等待处理结果', async () => {
      await onFiled()
      onClose()
    })
  }

  return (
    <Dialog open busy={busy} title='对公示名单提出异议' subtitle='异议由市直机关工委核实处理，您的姓名仅对其可见' confirmText='提交异议' onCancel={onClose} onConfirm={submit}>
      <Text className='notice__label'>异议对象</Text>
      <View className='notice__choices' aria-role='radiogroup'>
        {choices.map((c) => (
          <Text
            key={c.key || 'whole'}
            className={`notice__choice ${c.key === about ? 'notice__choice--on' : ''}`}
            aria-role='radio'
            aria-checked={c.key === about}
            data-testid={`about-${c.key || 'whole'}`}
            onClick={() => setAbout(c.key)}
          >
            {c.label}
          </Text>
        ))}
      </View>
      <Text className='notice__label'>异议理由</Text>
      <ReasonInput value={reason} onChange={setReason} placeholder='请写明异议的事实和理由（必填），如：该同志某次学习系他人代签' testId='objection-reason' />
    </Dialog>
  )
}
