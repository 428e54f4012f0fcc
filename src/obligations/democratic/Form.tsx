import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { TEXT_LIMITS } from '@cloud/contract/vocabulary'
import { recordDemocraticMeeting } from '../../services/obligationRecords'
import { toastOk } from '../../utils/feedback'
import { fmtDate, fromShanghai, latestDayAt } from '../../utils/time'
import { EvidenceEditor } from '../records/Evidence'
import { messageOf } from '../records/labels'

const DEFAULT_TIME = '09:00'

interface Props {
  unitId: string
  unitName: string
  onSaved: () => Promise<void>
  onCancel: () => void
}

/** Record a 民主生活会 of a unit: when, the topic, the 工委 comrade who attended (if any), evidence. */
export default function DemocraticForm({ unitId, unitName, onSaved, onCancel }: Props) {
  const today = fmtDate(new Date())
  const [date, setDate] = useState(() => latestDayAt(DEFAULT_TIME))
  const [time, setTime] = useState(DEFAULT_TIME)
  const [topic, setTopic] = useState('')
  const [attendeeName, setAttendeeName] = useState('')
  const [attendeePost, setAttendeePost] = useState('')
  const [ids, setIds] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function save() {
    if (!topic.trim()) return setError('请填写会议主题')
    if (attendeePost.trim() && !attendeeName.trim()) return setError('填写了列席同志的职务，请同时填写姓名')
    setBusy(true)
    setError(null)
    try {
      await recordDemocraticMeeting({
        unitId,
        heldAt: fromShanghai(date, time),
        topic: topic.trim(),
        attendeeName: attendeeName.trim() || null,
        attendeePost: attendeePost.trim() || null,
        evidence: ids,
      })
      await onSaved()
      toastOk('已记录')
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='rec__card' data-testid='democratic-form'>
      <Text className='rec__name'>记录{unitName}民主生活会</Text>
      <View className='rec__pair'>
        <View>
          <Text className='rec__label'>日期</Text>
          <Picker mode='date' value={date} end={today} onChange={(e) => setDate(String(e.detail.value))}>
            <View className='rec__picker' data-testid='dm-date'>
              <Text>{date}</Text>
            </View>
          </Picker>
        </View>
        <View>
          <Text className='rec__label'>开始时间</Text>
          <Picker mode='time' value={time} onChange={(e) => setTime(String(e.detail.value))}>
            <View className='rec__picker' data-testid='dm-time'>
              <Text>{time}</Text>
            </View>
          </Picker>
        </View>
      </View>
      <Text className='rec__label'>会议主题</Text>
      <Input className='rec__field' value={topic} maxLength={TEXT_LIMITS.title} placeholder='如：2026 年度民主生活会' onChange={setTopic} data-testid='dm-topic' />
      <Text className='rec__label'>工委列席同志（无人列席可不填）</Text>
      <Input
        className='rec__field'
        value={attendeeName}
        maxLength={TEXT_LIMITS.personName}
        placeholder='姓名'
        onChange={setAttendeeName}
        data-testid='dm-attendee-name'
      />
      <Input
        className='rec__field'
        value={attendeePost}
        maxLength={TEXT_LIMITS.orgName}
        placeholder='职务，如：市直机关工委组织部部长'
        onChange={setAttendeePost}
        data-testid='dm-attendee-post'
      />
      {!attendeeName.trim() && <Text className='rec__note'>未填列席同志的，记为“待工委列席”，目标不计为完成。</Text>}
      <Text className='rec__label'>佐证材料（会议照片、通知或纪要 PDF）</Text>
      <EvidenceEditor unitId={unitId} ids={ids} onChange={setIds} onBusy={setUploading} testId='dm-evidence' />
      {error && (
        <Text className='rec__error' data-testid='dm-error'>
          {error}
        </Text>
      )}
      <View className='rec__buttons'>
        <Button disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button type='primary' loading={busy} disabled={busy || uploading} data-testid='dm-save' onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  )
}
