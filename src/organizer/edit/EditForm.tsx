import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { ActivityDetail, MemberProfile } from '@cloud/contract/model'
import { ACTIVITY_KIND_LABEL, TEXT_LIMITS } from '@cloud/contract/vocabulary'
import { updateActivity, type ActivityUpdateInput } from '../../services/activity'
import { toastError, toastOk } from '../../utils/feedback'
import { ORGANIZER } from '../../utils/nav'
import { fmtRange } from '../../utils/time'
import AudienceField from '../shared/AudienceField'
import { audienceOf, audienceOptions, mayChooseFreely, pickOf, type AudiencePick } from '../shared/audience'
import { parseCapacity } from '../shared/capacity'
import CheckInWindowControls from '../shared/CheckInWindowControls'
import DescriptionField from '../shared/DescriptionField'
import MaterialsField from '../shared/MaterialsField'
import { pendingProblem } from '../shared/materials'
import PlaceField from '../shared/PlaceField'
import { radiusLabel } from '../shared/placeChoice'
import ScheduleFields from '../shared/ScheduleFields'
import { scheduleOf, scheduleTimes, type Schedule } from '../shared/schedule'
import SignUpFields from '../shared/SignUpFields'
import { usePlaceChoice } from '../shared/usePlaceChoice'

interface Props {
  activity: ActivityDetail
  /** Check-in has opened: only the title, description, place name and 学习材料 may change. */
  locked: boolean
  me: MemberProfile
  onSaved: () => void
}

const LOCKED_NOTE = '签到已开始：现在只能修改活动名称、说明、地点名称和学习材料；时间、地点校验、名额和参加对象不能再改。签到时间请用下方的“延长签到”或“结束签到”。'

/** The edit form of one activity, started from what it is now; sends every field it shows (the server keeps what did not change). */
export default function EditForm({ activity: a, locked, me, onSaved }: Props) {
  const meeting = !!a.meeting
  const [title, setTitle] = useState(a.title)
  const [description, setDescription] = useState(a.description ?? '')
  const [materials, setMaterials] = useState(a.materials)
  const [materialDraft, setMaterialDraft] = useState({ title: '', url: '' })
  const [placeName, setPlaceName] = useState(a.placeName ?? '')
  // The times are sent only when changed: the pickers hold minutes, a stored time may have seconds.
  const initial = useMemo(() => scheduleOf(a), [a])
  const [schedule, setSchedule] = useState<Schedule>(initial)
  const options = useMemo(() => audienceOptions(me), [me])
  const city = mayChooseFreely(me)
  const [pick, setPick] = useState<AudiencePick>(() => pickOf(a.audience, options, city))
  // The audience is sent only when touched: an organizer's options may not include how it was addressed.
  const [audienceTouched, setAudienceTouched] = useState(false)
  const [capacityText, setCapacityText] = useState(a.capacity === null ? '' : String(a.capacity))
  const [signUpRequired, setSignUpRequired] = useState(a.signUpRequired)
  const [movingPlace, setMovingPlace] = useState(false)
  const [busy, setBusy] = useState(false)
  const venue = usePlaceChoice(a.unitId, movingPlace)

  function fields(): ActivityUpdateInput | string {
    if (!title.trim()) return '请填写活动名称'
    const pending = pendingProblem(materialDraft.title, materialDraft.url)
    if (pending) return pending
    // The list is sent whole: it replaces the one stored.
    const words = { id: a.id, title: title.trim(), description: description.trim(), placeName: placeName.trim(), materials }
    if (locked) return words
    const moved = (['date', 'time', 'duration', 'endTime'] as const).some((k) => schedule[k] !== initial[k])
    let times: { startAt?: string; endAt?: string } = {}
    if (moved) {
      const t = scheduleTimes(schedule)
      if ('problem' in t) return t.problem
      times = t
    }
    const windowChanged = schedule.closes !== initial.closes || (moved && schedule.closes !== null)
    const { capacity, problem } = parseCapacity(capacityText)
    if (problem) return problem
    const { audience, problem: noAudience } = audienceOf(pick, options, city)
    if (audienceTouched && !audience) return noAudience ?? '请选择参加对象'
    return {
      ...words,
      ...times,
      ...(windowChanged && schedule.closes !== null && !meeting ? { checkInWindow: { closes: schedule.closes } } : {}),
      ...(!meeting ? { signUpRequired, ...(capacity !== undefined ? { capacity } : {}) } : {}),
      ...(audienceTouched && audience ? { audience } : {}),
    }
  }

  async function save() {
    const patch = fields()
    if (typeof patch === 'string') return toastError(new Error(patch))
    const siting = movingPlace && !locked ? venue.sitingFor(a.status === 'published') : undefined
    if (siting === null) return
    setBusy(true)
    try {
      const place = siting ? await venue.keepPlace(siting) : undefined
      await updateActivity({ ...patch, ...(place ? { place: place.place, noLocationReason: place.noLocationReason } : {}) })
      toastOk('已保存')
      onSaved()
      if (Taro.getCurrentPages().length > 1) await Taro.navigateBack()
      else await Taro.redirectTo({ url: ORGANIZER.activities })
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  const venueText = a.place ? `定位签到，半径 ${radiusLabel(a.place.radiusM)}` : a.noLocationReason ? `不校验位置：${a.noLocationReason}` : '尚未设置签到地点'
  return (
    <>
      <View className='edit__head'>
        <Text className='edit__meta'>
          {meeting ? a.subKind ?? '支部会议' : ACTIVITY_KIND_LABEL[a.kind]} · {a.status === 'draft' ? '草稿' : '已发布'}
          {a.signUps > 0 ? ` · 已报名 ${a.signUps} 人` : ''}
          {a.arrivals > 0 ? ` · 已签到 ${a.arrivals} 人` : ''}
        </Text>
        <Text className='edit__meta'>{fmtRange(a.startAt, a.endAt)}</Text>
      </View>
      {locked && (
        <Text className='activity-form__locked' data-testid='edit-locked'>
          {LOCKED_NOTE}
        </Text>
      )}
      {a.status === 'published' && <CheckInWindowControls activity={a} inForm onChanged={onSaved} />}
      <View className='activity-form__field'>
        <Text className='activity-form__label'>活动名称</Text>
        <Input className='activity-form__input' value={title} maxLength={TEXT_LIMITS.title} onChange={setTitle} data-testid='title' />
      </View>
      <DescriptionField value={description} onChange={setDescription} />
      <MaterialsField value={materials} onChange={setMaterials} draft={materialDraft} onDraft={setMaterialDraft} />
      {!locked && <ScheduleFields value={schedule} onChange={(p) => setSchedule((s) => ({ ...s, ...p }))} kind={a.kind} meeting={meeting} />}
      <View className='activity-form__field'>
        <Text className='activity-form__label'>地点（选填）</Text>
        <Input className='activity-form__input' placeholder='如：机关大楼三楼会议室' value={placeName} maxLength={TEXT_LIMITS.placeName} onChange={setPlaceName} data-testid='place-name' />
      </View>
      {!locked && (
        <View className='activity-form__field'>
          <View className='edit__venue'>
            <Text data-testid='venue-now'>签到地点：{venueText}</Text>
            <Text className='edit__link' data-testid='move-place' onClick={() => setMovingPlace(!movingPlace)}>
              {movingPlace ? '不修改' : '修改'}
            </Text>
          </View>
          {movingPlace && <PlaceField state={venue} />}
        </View>
      )}
      {!locked && !meeting && (
        <>
          <AudienceField
            options={options}
            city={city}
            value={pick}
            onChange={(p) => {
              setAudienceTouched(true)
              setPick((x) => ({ ...x, ...p }))
            }}
          />
          <SignUpFields capacityText={capacityText} onCapacity={setCapacityText} signUpRequired={signUpRequired} onSignUpRequired={setSignUpRequired} signedUp={a.signUps} />
        </>
      )}
      <Text className='activity-form__note'>已报名和已签到的人员不受修改影响；修改后参加人员在活动详情中看到新的内容。</Text>
      <View className='activity-form__actions'>
        <Button type='primary' block loading={busy} disabled={busy} data-testid='save-edit' onClick={() => void save()}>
          保存修改
        </Button>
      </View>
    </>
  )
}
