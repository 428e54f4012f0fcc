import { Picker, Text, View } from '@tarojs/components'
import type { ActivityKind } from '@cloud/contract/vocabulary'
import { fmtDate } from '../../utils/time'
import Chips from './Chips'
import { CLOSE_CHOICES, closeLabel, closesOf, DURATIONS, windowNote, type DurationKey, type Schedule } from './schedule'
import './activityForm.scss'

interface Props {
  value: Schedule
  onChange: (patch: Partial<Schedule>) => void
  kind: ActivityKind
  /** A branch meeting keeps the 30/30 rule: no 签到截止 choice. */
  meeting: boolean
}

const DURATION_KEYS = DURATIONS.map((d) => d.key)
const durationLabel = (k: DurationKey) => DURATIONS.find((d) => d.key === k)?.label ?? k

/** 日期, 开始时间, 时长 (or 结束时间 the same day) and 签到截止, with the window they make said in words. */
export default function ScheduleFields({ value: s, onChange, kind, meeting }: Props) {
  const closes = closesOf(kind, s)
  return (
    <>
      <View className='activity-form__row'>
        <View className='activity-form__field activity-form__field--half'>
          <Text className='activity-form__label'>日期</Text>
          <Picker mode='date' value={s.date} start={fmtDate(new Date())} onChange={(e) => onChange({ date: String(e.detail.value) })}>
            <Text className='activity-form__picker' data-testid='date'>
              {s.date}
            </Text>
          </Picker>
        </View>
        <View className='activity-form__field activity-form__field--half'>
          <Text className='activity-form__label'>开始时间</Text>
          <Picker mode='time' value={s.time} onChange={(e) => onChange({ time: String(e.detail.value) })}>
            <Text className='activity-form__picker' data-testid='start-time'>
              {s.time}
            </Text>
          </Picker>
        </View>
      </View>
      <View className='activity-form__field'>
        <Text className='activity-form__label'>时长</Text>
        <Chips options={DURATION_KEYS} value={s.duration} label={durationLabel} onChange={(duration) => onChange({ duration })} testId='duration' />
        {s.duration === 'custom' && (
          <View className='activity-form__switch'>
            <Text className='activity-form__hint'>结束时间（当天，最长 12 小时）</Text>
            <Picker mode='time' value={s.endTime} onChange={(e) => onChange({ endTime: String(e.detail.value) })}>
              <Text className='activity-form__picker' data-testid='end-time'>
                {s.endTime}
              </Text>
            </Picker>
          </View>
        )}
      </View>
      {!meeting && (
        <View className='activity-form__field'>
          <Text className='activity-form__label'>签到截止</Text>
          <Chips options={CLOSE_CHOICES} value={closes} label={closeLabel} onChange={(c) => onChange({ closes: c })} testId='closes' />
        </View>
      )}
      <Text className='activity-form__note' data-testid='window-note'>
        {windowNote(meeting ? 'study' : kind, meeting ? 30 : closes)}
      </Text>
    </>
  )
}
