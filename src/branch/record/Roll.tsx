import { Input, Text, View } from '@tarojs/components'
import type { AbsenceNote, MeetingRoll, RollRow } from '@cloud/contract/model'
import { ABSENCE_REASON_LABEL, ABSENCE_REASONS, TEXT_LIMITS, type AbsenceReason } from '@cloud/contract/vocabulary'
import Badge from '../../components/Badge'
import { fmtTime } from '../../utils/time'
import { pctText } from '../shared/labels'

/** 应到 (正式/预备), 实到, 请假, 缺席, 出席率 and the quorum, as the server counted them. */
export function RollSummary({ roll }: { roll: MeetingRoll }) {
  return (
    <>
      <View className='record__figures'>
        <Figure label='应到' value={roll.expected.total} sub={[`正式 ${roll.expected.full}`, `预备 ${roll.expected.probationary}`]} testId='roll-expected' />
        <Figure label='实到' value={roll.present.total} sub={[`正式 ${roll.present.full}`, `预备 ${roll.present.probationary}`]} testId='roll-present' />
        <Figure label='请假' value={roll.leave} testId='roll-leave' />
        <Figure label='缺席' value={roll.absent} testId='roll-absent' />
      </View>
      <Text className='bl__note record__rate' data-testid='roll-rate'>
        出席率 {pctText(roll.attendanceRate)}（实到 ÷ 应到扣除请假）
      </Text>
      {roll.quorum && (
        <View className={`record__quorum ${roll.quorum.met ? 'record__quorum--met' : ''}`} data-testid='quorum'>
          <Text className='record__quorum-title'>{roll.quorum.met ? '✓ 达到法定人数' : '✗ 未达到法定人数'}</Text>
          <Text className='bl__note'>
            {roll.quorum.rule}：应不少于 {roll.quorum.needed} 人，实到 {roll.quorum.present} 人
          </Text>
        </View>
      )}
    </>
  )
}

function Figure({ label, value, sub, testId }: { label: string; value: number; sub?: string[]; testId: string }) {
  return (
    <View className='record__figure'>
      <Text className='record__figure-value' data-testid={testId}>
        {value}
      </Text>
      <Text className='record__figure-label'>{label}</Text>
      {sub?.map((line) => (
        <Text key={line} className='record__figure-sub'>
          {line}
        </Text>
      ))}
    </View>
  )
}

const STATUS = { present: '已签到', leave: '请假', absent: '缺席' } as const
const TONE = { present: 'success', leave: 'warning', absent: 'primary' } as const

/** Everyone expected, with how they stand; absentees' reasons editable while the record is. */
export function RollRows({
  rows,
  absences,
  onAbsence,
}: {
  rows: RollRow[]
  /** The reasons being edited (editor), or null to show the rows' own. */
  absences: Map<string, AbsenceNote> | null
  onAbsence?: (note: AbsenceNote) => void
}) {
  const order = { absent: 0, leave: 1, present: 2 } as const
  const sorted = [...rows].sort((a, b) => order[a.status] - order[b.status])
  return (
    <View className='bl__card' data-testid='roll'>
      {sorted.map((r) => {
        const note = absences?.get(r.memberId) ?? r.absence
        return (
          <View key={r.memberId} className='record__person' data-testid='roll-row' data-status={r.status} data-member-id={r.memberId}>
            <View className='bl__line'>
              <Text className='bl__name'>
                {r.name}
                <Text className='record__person-meta'>
                  {' '}
                  {r.partyStatus === 'full' ? '正式' : '预备'}
                  {r.partyGroupName ? ` · ${r.partyGroupName}` : ''}
                  {r.committee ? ' · 支委' : ''}
                </Text>
              </Text>
              <Badge tone={TONE[r.status]}>{r.status === 'present' && r.checkedInAt ? `${fmtTime(r.checkedInAt)} 签到` : STATUS[r.status]}</Badge>
            </View>
            {r.status === 'leave' && r.leaveReason && <Text className='bl__note'>请假事由：{r.leaveReason}</Text>}
            {r.status === 'absent' && onAbsence && (
              <>
                <View className='record__reasons'>
                  {ABSENCE_REASONS.map((k: AbsenceReason) => (
                    <Text
                      key={k}
                      className={`bl__chip ${note?.reason === k ? 'bl__chip--on' : ''}`}
                      data-testid={`absence-${k}`}
                      onClick={() => onAbsence({ memberId: r.memberId, reason: k, note: note?.note ?? null })}
                    >
                      {ABSENCE_REASON_LABEL[k]}
                    </Text>
                  ))}
                </View>
                {note && (
                  <View className='nut-input nut-input-container record__input'>
                    <Input
                      className='nut-input-native'
                      value={note.note ?? ''}
                      maxlength={TEXT_LIMITS.reason}
                      placeholder='说明（选填），如：赴省里开会'
                      placeholderClass='nut-input-placeholder'
                      data-testid='absence-note'
                      onInput={(e) => onAbsence({ ...note, note: e.detail.value || null })}
                    />
                  </View>
                )}
                {!note && <Text className='record__missing'>请选择缺席原因</Text>}
              </>
            )}
            {r.status === 'absent' && !onAbsence && (
              <Text className={note ? 'bl__note' : 'record__missing'}>
                {note ? `缺席原因：${ABSENCE_REASON_LABEL[note.reason]}${note.note ? `（${note.note}）` : ''}` : '缺席原因未填写'}
              </Text>
            )}
          </View>
        )
      })}
      {rows.length === 0 && <Text className='bl__note'>应到名单为空。</Text>}
    </View>
  )
}
