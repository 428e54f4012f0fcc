import { Text, View } from '@tarojs/components'
import type { SnapshotResult } from '@cloud/functions/stats/boards'
import { pct, periodLabel } from '../../utils/period'
import { fmtDateTime } from '../../utils/time'
import './index.scss'

/**
 * A frozen study-model list: 公示中 until its date, then 已确定; the people with their scores.
 * Its own status tag rather than Badge: pages import shared styles in one order (see the build's CSS
 * order check), and a Badge pulled in after StateView would break it.
 */
export default function SnapshotView({ snapshot: s }: { snapshot: SnapshotResult }) {
  return (
    <View className='snapshot' data-testid='snapshot' data-status={s.status}>
      <View className='snapshot__head'>
        <Text className='snapshot__title'>{periodLabel(s.period)}青年理论学习标兵</Text>
        <Text className={`snapshot__status snapshot__status--${s.status}`} data-testid='snapshot-status'>
          {s.status === 'notice' ? '公示中' : '已确定'}
        </Text>
      </View>
      <Text className='snapshot__meta' data-testid='notice-until'>
        {s.status === 'notice' ? `公示期至 ${fmtDateTime(s.noticeUntil)}，如有异议请向市直机关工委反映` : `公示期已于 ${fmtDateTime(s.noticeUntil)} 结束，名单已确定`}
      </Text>
      <Text className='snapshot__meta'>
        {fmtDateTime(s.frozenAt)} 冻结 · 前 {s.rules.topN} 名 · 小组学习出勤率不低于 {pct(s.rules.minGroupAttendance)} · 共 {s.entries.length} 人
      </Text>
      {s.entries.map((e) => (
        <View key={e.memberId} className='snapshot__row' data-testid='snapshot-entry'>
          <Text className='snapshot__rank'>{e.rank}</Text>
          <View className='snapshot__who'>
            <Text className='snapshot__name'>{e.name}</Text>
            <Text className='snapshot__meta'>
              {e.unitName} · 出勤率 {pct(e.attendanceRate)} · 小组学习 {pct(e.groupAttendanceRate)}
            </Text>
          </View>
          <Text className='snapshot__score'>{e.score} 分</Text>
        </View>
      ))}
    </View>
  )
}
