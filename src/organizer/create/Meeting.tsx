import { Text, View } from '@tarojs/components'
import { Switch } from '@nutui/nutui-react-taro'
import type { BranchOverview } from '@cloud/contract/model'
import { MEETING_TYPE_LABEL, MEETING_TYPES, type MeetingType } from '@cloud/contract/vocabulary'
import { rhythmPeriodLabel } from '../../branch/shared/labels'

/** What the 支部会议 part of the form holds. */
export interface MeetingChoice {
  type: MeetingType
  partyGroupId: string | null
  /** null: the period of the meeting's date (the server works it out); a key: 补开 for that period. */
  forPeriod: string | null
  election: boolean
}

/** Periods the meeting may count for: this period of its rhythm, and the missed ones (补开). */
export function periodsFor(o: BranchOverview | null, c: MeetingChoice): { current: string | null; missed: string[] } {
  const row = o?.rhythm.find((r) => r.type === c.type && (c.type !== 'groupMeeting' || r.partyGroupId === c.partyGroupId))
  return { current: row?.period ?? null, missed: row?.missed ?? [] }
}

/** A meeting's default title: 2026年11月支委会. */
export const meetingTitle = (c: MeetingChoice, current: string | null, groupName: string | null) =>
  `${c.forPeriod ? rhythmPeriodLabel(c.forPeriod) : current ? rhythmPeriodLabel(current) : ''}${groupName ?? ''}${MEETING_TYPE_LABEL[c.type]}${c.forPeriod ? '（补开）' : ''}`

interface Props {
  overview: BranchOverview | null
  loading: boolean
  value: MeetingChoice
  onChange: (c: MeetingChoice) => void
}

/** 支部会议: type, branch (and 党小组 for 党小组会), the period it counts for, and 选举 for 支部党员大会. */
export default function MeetingFields({ overview, loading, value: c, onChange }: Props) {
  const set = (patch: Partial<MeetingChoice>) => onChange({ ...c, ...patch })
  const groups = overview?.partyGroups ?? []
  const { current, missed } = periodsFor(overview, c)
  return (
    <>
      <View className='activity-form__field'>
        <Text className='activity-form__label'>党支部</Text>
        <Text className='activity-form__value' data-testid='meeting-branch'>
          {overview ? `${overview.branch.name}（${overview.branch.unitName}）` : loading ? '正在读取…' : '未能读取支部，请返回重试'}
        </Text>
      </View>
      <View className='activity-form__field'>
        <Text className='activity-form__label'>会议类型</Text>
        <View className='activity-form__chips'>
          {MEETING_TYPES.map((t) => (
            <Text
              key={t}
              className={`activity-form__chip ${t === c.type ? 'activity-form__chip--on' : ''}`}
              data-testid={`meeting-type-${t}`}
              onClick={() => set({ type: t, forPeriod: null, election: false, partyGroupId: t === 'groupMeeting' ? (groups[0]?.id ?? null) : null })}
            >
              {MEETING_TYPE_LABEL[t]}
            </Text>
          ))}
        </View>
      </View>
      {c.type === 'groupMeeting' && (
        <View className='activity-form__field'>
          <Text className='activity-form__label'>党小组</Text>
          {groups.length === 0 ? (
            <Text className='activity-form__hint'>本支部还没有党小组，请先在“组织架构”中设立。</Text>
          ) : (
            <View className='activity-form__chips'>
              {groups.map((g) => (
                <Text
                  key={g.id}
                  className={`activity-form__chip ${g.id === c.partyGroupId ? 'activity-form__chip--on' : ''}`}
                  data-testid='meeting-group'
                  onClick={() => set({ partyGroupId: g.id, forPeriod: null })}
                >
                  {g.name}
                </Text>
              ))}
            </View>
          )}
        </View>
      )}
      <View className='activity-form__field'>
        <Text className='activity-form__label'>所属周期</Text>
        <View className='activity-form__chips'>
          <Text className={`activity-form__chip ${c.forPeriod === null ? 'activity-form__chip--on' : ''}`} data-testid='meeting-period-default' onClick={() => set({ forPeriod: null })}>
            按开会日期{current ? `（本期 ${rhythmPeriodLabel(current)}）` : ''}
          </Text>
          {[...new Set([...missed, ...(c.forPeriod ? [c.forPeriod] : [])])].map((p) => (
            <Text key={p} className={`activity-form__chip ${c.forPeriod === p ? 'activity-form__chip--on' : ''}`} data-testid='meeting-period' onClick={() => set({ forPeriod: p })}>
              补开 {rhythmPeriodLabel(p)}
            </Text>
          ))}
        </View>
        <Text className='activity-form__hint'>
          {c.forPeriod ? `补开：这次会议计入 ${rhythmPeriodLabel(c.forPeriod)}，记录上标注“补开”。` : '会议计入开会日期所在的周期。漏开的会议可选择补开。'}
        </Text>
      </View>
      {c.type === 'generalMeeting' && (
        <View className='activity-form__field'>
          <View className='activity-form__switch'>
            <Text className='activity-form__label'>进行选举</Text>
            <Switch checked={c.election} onChange={(election) => set({ election })} data-testid='meeting-election' />
          </View>
          <Text className='activity-form__hint'>
            {c.election ? '选举须有应到会有表决权党员的五分之四以上到会。' : '支部党员大会须有半数以上有表决权的正式党员到会。'}
          </Text>
        </View>
      )}
    </>
  )
}
