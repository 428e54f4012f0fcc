import { Text, View } from '@tarojs/components'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import type { AbsenceNote, MeetingRecordView } from '@cloud/contract/model'
import { MEETING_LIMITS, PHOTO } from '@cloud/contract/limits'
import { TEXT_LIMITS } from '@cloud/contract/vocabulary'
import { PhotoThumb } from '../shared/Photos'
import { RollRows } from './Roll'

/** What the editor holds until 保存. */
export interface Draft {
  host: string
  recorder: string
  topics: string[]
  decisions: string
  minutes: string
  photos: string[]
  absences: Map<string, AbsenceNote>
}

export const draftOf = (v: MeetingRecordView): Draft => ({
  host: v.record.host ?? '',
  recorder: v.record.recorder ?? '',
  topics: v.record.topics.length ? [...v.record.topics] : [''],
  decisions: v.record.decisions,
  minutes: v.record.minutes,
  photos: [...v.record.photos],
  absences: new Map(v.record.absences.map((a) => [a.memberId, a])),
})

interface Props {
  view: MeetingRecordView
  draft: Draft
  onChange: (d: Draft) => void
  uploading: boolean
  onAddPhoto: () => void
}

/** Names to tap for 主持人 and 记录人: those present first, the committee among them first. */
function quickNames(v: MeetingRecordView): string[] {
  const rows = v.roll.rows.filter((r) => r.status === 'present')
  return [...rows.filter((r) => r.committee), ...rows.filter((r) => !r.committee)].map((r) => r.name).slice(0, 8)
}

/** The record as the branch writes it: people, 议题, 决议, 纪要, photos and absentees' reasons. */
export default function Editor({ view, draft, onChange, uploading, onAddPhoto }: Props) {
  const names = quickNames(view)
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch })
  const setTopic = (i: number, t: string) => set({ topics: draft.topics.map((x, j) => (j === i ? t : x)) })
  return (
    <>
      <Text className='bl__section'>会议情况</Text>
      <View className='bl__card'>
        <PersonField label='主持人' value={draft.host} names={names} testId='host' onChange={(host) => set({ host })} />
        <PersonField label='记录人' value={draft.recorder} names={names} testId='recorder' onChange={(recorder) => set({ recorder })} />
        <Text className='record__label'>议题</Text>
        {draft.topics.map((t, i) => (
          <View key={i} className='record__topic'>
            <Text className='record__topic-no'>{i + 1}.</Text>
            <Input
              className='record__field record__grow'
              value={t}
              maxLength={TEXT_LIMITS.topic}
              placeholder='如：传达学习全会精神'
              onChange={(v) => setTopic(i, v)}
              data-testid='topic'
            />
            {draft.topics.length > 1 && (
              <Text className='record__topic-remove' data-testid='topic-remove' onClick={() => set({ topics: draft.topics.filter((_, j) => j !== i) })}>
                删除
              </Text>
            )}
          </View>
        ))}
        {draft.topics.length < MEETING_LIMITS.topics && (
          <Text className='bl__link' data-testid='topic-add' onClick={() => set({ topics: [...draft.topics, ''] })}>
            ＋ 添加议题
          </Text>
        )}
        <Text className='record__label'>决议</Text>
        <TextArea
          className='record__area'
          value={draft.decisions}
          maxLength={TEXT_LIMITS.decisions}
          rows={3}
          placeholder='会议形成的决议；没有可不填'
          onChange={(decisions) => set({ decisions })}
          data-testid='decisions'
        />
        <Text className='record__label'>会议纪要</Text>
        <TextArea
          className='record__area'
          value={draft.minutes}
          maxLength={TEXT_LIMITS.minutes}
          rows={8}
          showCount
          placeholder='会议的主要内容、发言和讨论情况'
          onChange={(minutes) => set({ minutes })}
          data-testid='minutes'
        />
      </View>

      <Text className='bl__section'>
        会议照片（{draft.photos.length}/{PHOTO.maxPerRecord}）
      </Text>
      <View className='bl__card'>
        <View className='record__photos'>
          {draft.photos.map((id) => (
            <PhotoThumb key={id} id={id} onRemove={() => set({ photos: draft.photos.filter((p) => p !== id) })} />
          ))}
        </View>
        {draft.photos.length < PHOTO.maxPerRecord && (
          <Button block loading={uploading} disabled={uploading} data-testid='add-photo' onClick={onAddPhoto}>
            拍照或从相册选择
          </Button>
        )}
        <Text className='bl__note'>照片会自动压缩，每张不超过 {Math.round(PHOTO.maxBytes / 1000)} KB；保存后生效。</Text>
      </View>

      <Text className='bl__section'>参会名单（缺席人员请选择原因）</Text>
      <RollRows rows={view.roll.rows} absences={draft.absences} onAbsence={(n) => set({ absences: new Map(draft.absences).set(n.memberId, n) })} />
    </>
  )
}

function PersonField(props: { label: string; value: string; names: string[]; testId: string; onChange: (v: string) => void }) {
  return (
    <>
      <Text className='record__label'>{props.label}</Text>
      <Input
        className='record__field'
        value={props.value}
        maxLength={TEXT_LIMITS.personName}
        placeholder={`填写${props.label}姓名`}
        onChange={props.onChange}
        data-testid={props.testId}
      />
      {props.names.length > 0 && (
        <View className='record__picks'>
          {props.names.map((n) => (
            <Text
              key={n}
              className={`bl__chip ${props.value === n ? 'bl__chip--on' : ''}`}
              data-testid={`${props.testId}-pick`}
              onClick={() => props.onChange(n)}
            >
              {n}
            </Text>
          ))}
        </View>
      )}
    </>
  )
}
