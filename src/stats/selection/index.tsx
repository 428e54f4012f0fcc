import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { SELECTION } from '@cloud/contract/limits'
import StateView from '../../components/StateView'
import Dialog from '../../components/Dialog'
import PeriodPicker from '../../components/PeriodPicker'
import Segmented from '../../components/Segmented'
import SnapshotView from '../../components/SnapshotView'
import { useBusy } from '../../hooks/useBusy'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { freezeSnapshot, objections, snapshot } from '../../services/stats'
import { toastError } from '../../utils/feedback'
import { currentPeriod, periodLabel } from '../../utils/period'
import { isCityAdmin } from '@cloud/domain/roles'
import ExportButtons from '../shared/ExportButtons'
import ObjectionsPanel from './ObjectionsPanel'
import '../shared/index.scss'
import { useFontClass } from '../../utils/fontMode'
import './index.scss'

const ATTENDANCE = ['0.6', '0.7', '0.8', '0.9', '1'] as const
type Attendance = (typeof ATTENDANCE)[number]
/** The server's default group attendance, as one of the choices. */
const DEFAULT_ATTENDANCE: Attendance = ATTENDANCE.find((a) => Number(a) === SELECTION.minGroupAttendance.default) ?? ATTENDANCE[0]
const { topN: TOP_N, noticeDays } = SELECTION

/** Top N as typed: a whole number within the server's range, or the reason it is not. */
function parseTopN(text: string): { n: number; problem: string | null } {
  const n = Number(text.trim())
  if (!/^\d+$/.test(text.trim()) || n < TOP_N.min || n > TOP_N.max) return { n: 0, problem: `评选人数应为 ${TOP_N.min}–${TOP_N.max} 的整数` }
  return { n, problem: null }
}

/** Why no new list can be frozen while one stands (on notice, awaiting objections, or final). */
const LOCKED = {
  notice: '名单公示中，已锁定：不能重新生成。党员的异议请在下方处理。',
  review: '公示期已满，尚有异议待处理：名单已锁定，处理完毕后名单确定。',
  final: '名单已确定，是本期评选结果的记录：不能重新生成。',
} as const

/**
 * City admin: freeze the study-model selection by the rules; it is on public notice for some days,
 * locked, while members may object; the admin resolves each objection; then it is final.
 */
export default function SelectionPage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const [period, setPeriod] = useState(() => currentPeriod('year'))
  const [topN, setTopN] = useState(String(TOP_N.default))
  const [minAttendance, setMinAttendance] = useState<Attendance>(DEFAULT_ATTENDANCE)
  const [confirming, setConfirming] = useState(false)
  const { busy, run } = useBusy()
  const admin = !!session && isCityAdmin(session.member)
  const snap = useRemote(() => snapshot(period), admin, period)
  const objs = useRemote(() => objections(period), admin, period)
  if (!session) return null
  if (!admin)
    return (
      <StateView loading={false} error={new Error('标兵评选仅限市直机关工委管理员操作')} empty emptyText=''>
        {null}
      </StateView>
    )
  const s = snap.data
  // A list that stands is locked; only a withdrawn one (an upheld objection to the whole list) makes room for a new one.
  const locked = s && s.status !== 'withdrawn' ? LOCKED[s.status] : null
  const reload = async () => {
    await Promise.all([snap.reload(), objs.reload()])
  }
  const rate = `${Math.round(Number(minAttendance) * 100)}%`

  function ask() {
    const { problem } = parseTopN(topN)
    if (problem) return toastError(new Error(problem))
    setConfirming(true)
  }

  async function freeze() {
    await run(() => freezeSnapshot(period, parseTopN(topN).n, Number(minAttendance)), '名单已冻结并公示', async () => {
      await reload()
      setConfirming(false)
    })
  }

  return (
    <View className={`stats selection ${fontClass}`} data-locked={locked ? '1' : '0'}>
      <PeriodPicker value={period} onChange={setPeriod} kinds={['year', 'quarter']} />
      <View className='stats__card'>
        <Text className='stats__card-title'>评选规则</Text>
        <View className='selection__field'>
          <Text className='selection__label'>评选人数（按学习标兵榜排名取前 N 名）</Text>
          <Input className='selection__input' type='number' value={topN} maxLength={String(TOP_N.max).length} onChange={setTopN} data-testid='top-n' />
        </View>
        <View className='selection__field'>
          <Text className='selection__label'>本人所在青年理论学习小组的学习出勤率不低于</Text>
          <Segmented
            options={ATTENDANCE.map((a) => ({ key: a, label: `${Math.round(Number(a) * 100)}%` }))}
            value={minAttendance}
            onChange={setMinAttendance}
            testId='min-attendance'
          />
        </View>
        <Text className='stats__note'>
          积分需大于 0。冻结后名单公示 {noticeDays} 天并锁定，不能重新生成；公示期内党员可对人选或整个名单提出异议，异议逐件处理。公示期满且异议处理完毕，名单确定。整个名单的异议成立时名单撤销，可重新冻结并公示。
        </Text>
        {locked && (
          <Text className='selection__lock' data-testid='lock-state'>
            {locked}
          </Text>
        )}
        <Button type='primary' block disabled={!!locked} data-testid='freeze' onClick={ask}>
          {s?.status === 'withdrawn' ? '重新冻结名单并公示' : '冻结名单并公示'}
        </Button>
      </View>
      <Text className='stats__section'>{periodLabel(period)} · 当前名单</Text>
      <StateView
        loading={snap.loading}
        error={snap.error}
        empty={!s}
        emptyText='本期尚未冻结名单'
        emptyHint='设置规则后点击“冻结名单并公示”'
        onRetry={() => void snap.reload()}
      >
        {s && (
          <>
            <SnapshotView snapshot={s} />
            {s.status === 'final' ? (
              <ExportButtons what='studyModels' period={s.period} />
            ) : (
              <Text className='stats__section'>{s.status === 'withdrawn' ? '名单已撤销，不能导出' : '公示期满、异议处理完毕后可导出'}</Text>
            )}
          </>
        )}
      </StateView>
      {s && <ObjectionsPanel data={objs.data} onResolved={reload} />}
      {confirming && (
        <Dialog
          open
          busy={busy}
          title={`冻结${periodLabel(period)}青年理论学习标兵名单？`}
          subtitle={`按当前学习标兵榜取前 ${parseTopN(topN).n} 名（小组学习出勤率不低于 ${rate}），立即公示 ${noticeDays} 天。`}
          confirmText='冻结并公示'
          onCancel={() => setConfirming(false)}
          onConfirm={() => void freeze()}
        />
      )}
    </View>
  )
}
