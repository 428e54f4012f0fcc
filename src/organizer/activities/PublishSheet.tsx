import { useState } from 'react'
import type { ActivitySummary } from '@cloud/contract/model'
import Dialog from '../../components/Dialog'
import { publishActivity, type Siting as PublishSiting } from '../../services/activity'
import { toastError } from '../../utils/feedback'
import PlaceField from '../shared/PlaceField'
import { usePlaceChoice } from '../shared/usePlaceChoice'

interface Props {
  activity: ActivitySummary
  onCancel: () => void
  onPublished: () => void
}

/**
 * A draft the server would not publish for want of a place (the draft has none and its unit no saved
 * place): the organizer chooses one here, or records why there is none, and it is published with it.
 */
export default function PublishSheet({ activity, onCancel, onPublished }: Props) {
  const venue = usePlaceChoice(activity.unitId)
  const [busy, setBusy] = useState(false)

  async function publish() {
    const chosen = venue.sitingFor(true)
    if (!chosen) return
    setBusy(true)
    try {
      const s = await venue.keepPlace(chosen)
      const sent: PublishSiting | undefined = s.place ? { place: s.place } : s.noLocationReason ? { noLocationReason: s.noLocationReason } : undefined
      await publishActivity(activity.id, sent)
      onPublished()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      open
      busy={busy}
      title='发布前请选择签到地点'
      subtitle={`“${activity.title}”还没有签到地点。选了地点，成员须在现场扫码签到；线上等确无固定地点的活动可不校验位置`}
      confirmText='发布'
      onCancel={onCancel}
      onConfirm={() => void publish()}
    >
      <PlaceField state={venue} />
    </Dialog>
  )
}
