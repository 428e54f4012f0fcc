import { useState } from 'react'
import type { ActivitySummary } from '@cloud/contract/model'
import Dialog from '../../components/Dialog'
import ReasonInput from '../../components/ReasonInput'
import { cancelActivity } from '../../services/activity'
import { toastError } from '../../utils/feedback'
import { fmtRange } from '../../utils/time'

interface Props {
  activity: ActivitySummary
  onClose: () => void
  onCancelled: () => void
}

/**
 * 取消活动 cannot be undone: the dialog says what follows (members can no longer sign up or check in,
 * the activity leaves their lists, nobody is messaged) and takes an optional reason for the record.
 */
export default function CancelDialog({ activity: a, onClose, onCancelled }: Props) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)

  async function confirm() {
    setBusy(true)
    try {
      await cancelActivity(a.id, reason.trim() || undefined)
      onCancelled()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  const signedUp = a.signUps > 0 ? `已有 ${a.signUps} 人报名，` : ''
  const arrived = a.arrivals > 0 ? `已签到的 ${a.arrivals} 人记录保留。` : ''
  return (
    <Dialog
      open
      busy={busy}
      danger
      title={`取消“${a.title}”？`}
      subtitle={`${fmtRange(a.startAt, a.endAt)}。取消后不能恢复：成员不能再报名和签到，活动从成员的列表中消失；${arrived}${signedUp}系统不会另行通知，请自行告知参加人员。`}
      confirmText='确认取消活动'
      onCancel={onClose}
      onConfirm={() => void confirm()}
    >
      <ReasonInput value={reason} onChange={setReason} testId='cancel-reason' placeholder='取消原因（选填），如：与全市会议时间冲突' />
    </Dialog>
  )
}
