import { Text, View } from '@tarojs/components'
import type { SnapshotResult } from '@cloud/contract/model'
import { SELECTION_STATUS_LABEL } from '@cloud/contract/selection'
import { pct, periodLabel } from '../../utils/period'
import { fmtDateTime } from '../../utils/time'
import './index.scss'

/** Where the list stands, in one sentence. */
function standing(s: SnapshotResult): string {
  switch (s.status) {
    case 'notice':
      return `公示期至 ${fmtDateTime(s.noticeUntil)}，公示期内可对名单提出异议`
    case 'review':
      return `公示期满，待处理异议 ${s.pendingObjections} 件；异议处理完毕后名单确定`
    case 'final':
      return `公示期已于 ${fmtDateTime(s.noticeUntil)} 结束，名单已确定`
    case 'withdrawn':
      return `名单已撤销（异议成立）：${s.withdrawn?.comment ?? ''}`
  }
}

/**
 * A frozen study-model list: 公示中, 待处理异议, 已确定 or 已撤销; the people with their scores, an entry
 * cancelled by an upheld objection kept in place and marked. Its own status tag rather than Badge:
 * pages import shared styles in one order, and a Badge pulled in after StateView would break it.
 */
export default function SnapshotView({ snapshot: s }: { snapshot: SnapshotResult }) {
  const cancelled = s.entries.filter((e) => e.cancelled).length
  return (
    <View className='snapshot' data-testid='snapshot' data-status={s.status}>
      <View className='snapshot__head'>
        <Text className='snapshot__title'>{periodLabel(s.period)}青年理论学习标兵</Text>
        <Text className={`snapshot__status snapshot__status--${s.status}`} data-testid='snapshot-status'>
          {SELECTION_STATUS_LABEL[s.status]}
        </Text>
      </View>
      <Text className='snapshot__meta' data-testid='notice-until'>
        {standing(s)}
      </Text>
      <Text className='snapshot__meta'>
        {fmtDateTime(s.frozenAt)} 冻结 · 前 {s.rules.topN} 名 · 小组学习出勤率不低于 {pct(s.rules.minGroupAttendance)} · 共 {s.entries.length - cancelled} 人
        {cancelled > 0 ? `（另有 ${cancelled} 人因异议成立取消）` : ''}
      </Text>
      {s.entries.map((e) => (
        <View key={e.memberId} className={`snapshot__row ${e.cancelled ? 'snapshot__row--cancelled' : ''}`} data-testid='snapshot-entry' data-member={e.memberId} data-cancelled={e.cancelled ? '1' : '0'}>
          <Text className='snapshot__rank'>{e.rank}</Text>
          <View className='snapshot__who'>
            <Text className='snapshot__name'>{e.name}</Text>
            <Text className='snapshot__meta'>
              {e.unitName} · 出勤率 {pct(e.attendanceRate)} · 小组学习 {pct(e.groupAttendanceRate)}
            </Text>
            {e.cancelled && (
              <Text className='snapshot__cancelled' data-testid='entry-cancelled'>
                异议成立，已取消：{e.cancelled.comment}
              </Text>
            )}
          </View>
          <Text className='snapshot__score'>{e.score} 分</Text>
        </View>
      ))}
    </View>
  )
}
