import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { ActivityMaterial } from '@cloud/contract/model'
import type { ActivityCreateInput } from '@cloud/contract/schemas'
import { ACTIVITY_KIND_LABEL, ACTIVITY_KINDS, ACTIVITY_SUB_KINDS, MEETING_TYPES, TEXT_LIMITS, type ActivityKind, type MeetingType } from '@cloud/contract/vocabulary'
import { branchesRun } from '@cloud/domain/roles'
import Segmented from '../../components/Segmented'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { createActivity } from '../../services/activity'
import { branchOverview } from '../../services/branch'
import { toastError } from '../../utils/feedback'
import { ORGANIZER } from '../../utils/nav'
import { askSubscribe } from '../../utils/subscribe'
import AudienceField from '../shared/AudienceField'
import { audienceOf, audienceOptions, INITIAL_PICK, mayChooseFreely, type AudiencePick } from '../shared/audience'
import { parseCapacity } from '../shared/capacity'
import Chips from '../shared/Chips'
import DescriptionField from '../shared/DescriptionField'
import MaterialsField from '../shared/MaterialsField'
import { pendingProblem } from '../shared/materials'
import PlaceField from '../shared/PlaceField'
import type { Siting } from '../shared/placeChoice'
import ScheduleFields from '../shared/ScheduleFields'
import { defaultSchedule, scheduleTimes, type Schedule } from '../shared/schedule'
import SignUpFields from '../shared/SignUpFields'
import { usePlaceChoice } from '../shared/usePlaceChoice'
import MeetingFields, { meetingTitle, periodsFor, type MeetingChoice } from './Meeting'
import TargetChips from './TargetChips'
import './index.scss'
import { useFontClass } from '../../utils/fontMode'

const isMeetingType = (t: string | undefined): t is MeetingType => !!t && (MEETING_TYPES as readonly string[]).includes(t)

export default function CreateActivity() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  // 支部会议 mode: opened from the branch page (发布会议, 补开), or switched on by someone who runs a branch.
  const runs = session ? branchesRun(session.member) : []
  const meetingBranch = params.branch ?? runs[0] ?? ''
  const [mode, setMode] = useState<'activity' | 'meeting'>(params.meeting === '1' ? 'meeting' : 'activity')
  const [meeting, setMeeting] = useState<MeetingChoice>({
    type: isMeetingType(params.type) ? params.type : 'committee',
    partyGroupId: params.group ?? null,
    forPeriod: params.period ?? null,
    election: false,
  })
  const branch = useRemote(() => branchOverview(meetingBranch || undefined), !!session && mode === 'meeting', meetingBranch)
  const [kind, setKind] = useState<ActivityKind>('lecture')
  const [subKind, setSubKind] = useState<string>(ACTIVITY_SUB_KINDS.lecture[0])
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [materials, setMaterials] = useState<ActivityMaterial[]>([])
  const [materialDraft, setMaterialDraft] = useState({ title: '', url: '' })
  const [schedule, setSchedule] = useState<Schedule>(() => defaultSchedule(new Date()))
  const [placeName, setPlaceName] = useState('')
  const audiences = useMemo(() => (session ? audienceOptions(session.member) : []), [session])
  const city = !!session && mayChooseFreely(session.member)
  const [pick, setPick] = useState<AudiencePick>(INITIAL_PICK)
  const [capacityText, setCapacityText] = useState('')
  const [signUpRequired, setSignUpRequired] = useState(false)
  const [targetId, setTargetId] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // The places offered are those of the unit the activity will belong to: the meeting's branch's, the unit addressed, or the organizer's own.
  const { audience, problem: audienceProblem } = audienceOf(pick, audiences, city)
  const placeUnit = mode === 'meeting' ? (branch.data?.branch.unitId ?? null) : audience?.type === 'units' ? audience.unitIds[0] : (session?.member.unitId ?? null)
  const venue = usePlaceChoice(placeUnit, !!session)
  if (!session) return null

  function chooseKind(k: ActivityKind) {
    setKind(k)
    setSubKind(ACTIVITY_SUB_KINDS[k][0])
  }

  const savedName = venue.choice.mode === 'saved' ? venue.places?.find((p) => p.id === venue.choice.savedId)?.name : undefined
  /** The 地点 typed, else the saved place's name. */
  const placeNameOf = (s: Siting) => placeName.trim() || s.placeName || undefined

  /**
   * Create it; a published one goes straight to its QR screen, a draft back to the workbench. The place
   * is checked first, then the position saved as a unit place if asked, then the activity created.
   */
  async function send(publish: boolean, fields: (s: Siting) => ActivityCreateInput) {
    const chosen = venue.sitingFor(publish)
    if (!chosen) return
    // Publishing is the organizer's tap to ask for WeChat reminders (WeChat asks only on a tap): the
    // activity's, a returned record's and the targets' deadlines.
    if (publish) await askSubscribe(['activityReminder', 'reviewResult', 'taskReminder'])
    setBusy(true)
    try {
      const a = await createActivity(fields(await venue.keepPlace(chosen)))
      if (publish) await Taro.redirectTo({ url: ORGANIZER.qr(a.id) })
      else await Taro.navigateBack()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  /** What both kinds of activity send: title, words, times, place. */
  function common(s: Siting) {
    return {
      description: description.trim() || undefined,
      ...(materials.length ? { materials } : {}),
      placeName: placeNameOf(s),
      place: s.place,
      noLocationReason: s.noLocationReason,
    }
  }

  async function submit(publish: boolean) {
    const times = scheduleTimes(schedule)
    if ('problem' in times) return toastError(new Error(times.problem))
    const pending = pendingProblem(materialDraft.title, materialDraft.url)
    if (pending) return toastError(new Error(pending))
    if (mode === 'meeting') {
      const o = branch.data
      if (!o) return toastError(new Error('未能读取党支部，请稍后重试'))
      if (meeting.type === 'groupMeeting' && !meeting.partyGroupId) return toastError(new Error('党小组会请选择党小组'))
      const group = o.partyGroups.find((g) => g.id === meeting.partyGroupId)?.name ?? null
      return send(publish, (s) => ({
        kind: 'study',
        title: title.trim() || meetingTitle(meeting, periodsFor(o, meeting).current, group),
        ...times,
        ...common(s),
        publish,
        meeting: {
          type: meeting.type,
          branchId: o.branch.id,
          ...(meeting.type === 'groupMeeting' && meeting.partyGroupId ? { partyGroupId: meeting.partyGroupId } : {}),
          ...(meeting.forPeriod ? { forPeriod: meeting.forPeriod } : {}),
          ...(meeting.type === 'generalMeeting' ? { election: meeting.election } : {}),
        },
      }))
    }
    if (!title.trim()) return toastError(new Error('请填写活动名称'))
    if (!audience) return toastError(new Error(audienceProblem ?? '请选择参加对象'))
    const { capacity, problem } = parseCapacity(capacityText)
    if (problem) return toastError(new Error(problem))
    await send(publish, (s) => ({
      kind,
      subKind,
      title: title.trim(),
      ...times,
      ...common(s),
      ...(schedule.closes !== null ? { checkInWindow: { closes: schedule.closes } } : {}),
      audience,
      capacity,
      signUpRequired,
      publish,
      ...(targetId && kind !== 'volunteer' ? { targetId } : {}),
    }))
  }

  return (
    <View className={`create activity-form ${fontClass}`}>
      {(runs.length > 0 || params.meeting === '1') && (
        <View className='create__mode'>
          <Segmented
            options={[
              { key: 'activity', label: '一般活动' },
              { key: 'meeting', label: '支部会议' },
            ]}
            value={mode}
            onChange={setMode}
            testId='create-mode'
          />
        </View>
      )}
      {mode === 'meeting' ? (
        <MeetingFields overview={branch.data} loading={branch.loading} value={meeting} onChange={setMeeting} />
      ) : (
        <>
          <View className='activity-form__field'>
            <Text className='activity-form__label'>活动类型</Text>
            <Chips options={ACTIVITY_KINDS} value={kind} label={(k) => ACTIVITY_KIND_LABEL[k]} onChange={chooseKind} testId='kind' />
          </View>
          <View className='activity-form__field'>
            <Text className='activity-form__label'>细分类型</Text>
            <Chips options={ACTIVITY_SUB_KINDS[kind]} value={subKind} label={(s) => s} onChange={setSubKind} />
          </View>
          <TargetChips enabled={kind !== 'volunteer'} value={targetId} onChange={setTargetId} />
        </>
      )}
      <View className='activity-form__field'>
        <Text className='activity-form__label'>{mode === 'meeting' ? '会议名称（选填，不填按类型和周期命名）' : '活动名称'}</Text>
        <Input
          className='activity-form__input'
          placeholder={mode === 'meeting' ? '如：2026年11月支委会' : '如：处长讲坛——优化营商环境'}
          value={title}
          maxLength={TEXT_LIMITS.title}
          onChange={setTitle}
          data-testid='title'
        />
      </View>
      <DescriptionField value={description} onChange={setDescription} />
      <MaterialsField value={materials} onChange={setMaterials} draft={materialDraft} onDraft={setMaterialDraft} />
      <ScheduleFields value={schedule} onChange={(p) => setSchedule((s) => ({ ...s, ...p }))} kind={kind} meeting={mode === 'meeting'} />
      <View className='activity-form__field'>
        <Text className='activity-form__label'>地点（选填）</Text>
        <Input
          className='activity-form__input'
          placeholder={savedName ? `不填则为“${savedName}”` : '如：机关大楼三楼会议室'}
          value={placeName}
          maxLength={TEXT_LIMITS.placeName}
          onChange={setPlaceName}
          data-testid='place-name'
        />
      </View>
      {mode === 'meeting' ? (
        <Text className='activity-form__note'>参加对象：本支部全体党员（党小组会为本党小组）。会前可请假，由支部审批。</Text>
      ) : (
        <AudienceField options={audiences} city={city} value={pick} onChange={(p) => setPick((x) => ({ ...x, ...p }))} />
      )}
      <View className='activity-form__field'>
        <PlaceField state={venue} />
      </View>
      {mode === 'activity' && (
        <SignUpFields capacityText={capacityText} onCapacity={setCapacityText} signUpRequired={signUpRequired} onSignUpRequired={setSignUpRequired} />
      )}
      <View className='activity-form__actions'>
        <Button type='primary' block loading={busy} disabled={busy} data-testid='publish' onClick={() => void submit(true)}>
          发布并展示签到码
        </Button>
        <Button block disabled={busy} data-testid='save-draft' onClick={() => void submit(false)}>
          存为草稿
        </Button>
      </View>
    </View>
  )
}
