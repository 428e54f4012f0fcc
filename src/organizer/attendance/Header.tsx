import { Text, View } from '@tarojs/components'
import type { Attendance } from '@cloud/contract/model'
import Badge from '../../components/Badge'
import KindTag from '../../components/KindTag'
import { fmtClock, fmtRange, PHASE_LABEL, phaseOf } from '../../utils/time'
import { frozen, stillLive } from '../activities/workbenchTabs'

/** The list refreshes itself this often while the activity can still change it. */
export const LIVE_MS = 10_000

const rateOf = (a: Attendance): string =>
  a.audienceCount > 0 ? `${Math.min(100, Math.round((a.presentCount / a.audienceCount) * 100))}%` : '—'

interface Props {
  data: Attendance
  readAt: Date
  problem: string | null
  refreshing: boolean
  onRefresh: () => void
}

/** The activity, its figures, and whether the list is live (every 10 s) or still (ended: 数据已定格, with 刷新). */
export default function Header({ data, readAt, problem, refreshing, onRefresh }: Props) {
  const a = data.activity
  const at = readAt.getTime()
  const phase = phaseOf(a, at)
  const live = stillLive(a, at)
  const still = a.status === 'cancelled' ? '已取消 · 数据已定格' : frozen(a, at) ? '已结束 · 数据已定格' : '签到开始后每 10 秒自动刷新'
  return (
    <View className='attendance__head'>
      <View className='attendance__title-row'>
        <KindTag kind={a.kind} subKind={a.subKind} />
        <Badge tone={phase === 'checkingIn' ? 'primary' : 'neutral'}>{PHASE_LABEL[phase]}</Badge>
      </View>
      <Text className='attendance__title'>{a.title}</Text>
      <Text className='attendance__meta'>
        {fmtRange(a.startAt, a.endAt)}
        {a.placeName ? ` · ${a.placeName}` : ''}
      </Text>
      {a.noLocationReason && (
        <Text className='attendance__meta' data-testid='no-location'>
          未校验位置：{a.noLocationReason}
        </Text>
      )}
      <View className='attendance__stats'>
        <Stat label='应到' value={`${data.audienceCount}`} testId='stat-expected' />
        <Stat label='实到' value={`${data.presentCount}`} testId='stat-present' />
        <Stat label='签到率' value={rateOf(data)} testId='stat-rate' />
      </View>
      {data.flagged > 0 && (
        <Text className='attendance__flagged' data-testid='flagged-summary'>
          可疑签到 {data.flagged} 人：已排在“已签到”最前，请核实，确属代签的可撤销签到
        </Text>
      )}
      <View className='attendance__live-row'>
        <Text className='attendance__live' data-testid='live' data-live={live ? '1' : '0'}>
          {problem ? `刷新失败：${problem}` : `${live ? `每 ${LIVE_MS / 1000} 秒自动刷新` : still} · 更新于 ${fmtClock(readAt)}`}
          {a.kind === 'volunteer' && data.notCheckedOut > 0 ? ` · 未签退 ${data.notCheckedOut} 人` : ''}
        </Text>
        {!live && (
          <Text className='attendance__refresh' data-testid='refresh' onClick={() => !refreshing && onRefresh()}>
            {refreshing ? '刷新中…' : '刷新'}
          </Text>
        )}
      </View>
    </View>
  )
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <View className='attendance__stat'>
      <Text className='attendance__stat-value' data-testid={testId}>
        {value}
      </Text>
      <Text className='attendance__stat-label'>{label}</Text>
    </View>
  )
}
