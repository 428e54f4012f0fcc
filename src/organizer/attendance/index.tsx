import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { AbsentRow, Activity, Attendance, AttendanceRow, HourClaimView, MakeupView } from '@cloud/contract/model'
import { RELAY_FLAG_LABEL, TEXT_MIN } from '@cloud/contract/vocabulary'
import { assertMakeupOpen } from '@cloud/domain/makeup'
import { DEFAULT_POLICY } from '@cloud/domain/policy'
// Style order as on the other pages (they share one CSS chunk): Badge, KindTag, StateView, then the rest.
import Badge from '../../components/Badge'
import KindTag from '../../components/KindTag'
import StateView from '../../components/StateView'
import Dialog from '../../components/Dialog'
import ReasonInput, { reasonProblem } from '../../components/ReasonInput'
import Tabs from '../../components/Tabs'
import { useLive } from '../../hooks/useLive'
import { useBusy } from '../../hooks/useBusy'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { attendance, exportAttendance } from '../../services/activity'
import { addMakeup, confirmHours, reverseCheckIn, reviewHours, reviewMakeup } from '../../services/checkin'
import { saveFile } from '../../utils/download'
import { toastError, toastInfo } from '../../utils/feedback'
import { fmtClock, fmtRange, fmtTime, PHASE_LABEL, phaseOf } from '../../utils/time'
import CheckInWindowControls from '../shared/CheckInWindowControls'
import AbsentList from './AbsentList'
import HoursStepper, { maxHoursOf } from './HoursStepper'
import PendingList from './PendingList'
import PresentList from './PresentList'
import './index.scss'

/** The list refreshes itself this often while it is on screen. */
const LIVE_MS = 10_000

type Tab = 'present' | 'absent' | 'pending'

/** What the open dialog is about. */
type Pending =
  | { type: 'confirmHours'; row: AttendanceRow }
  | { type: 'addMakeup'; row: AbsentRow }
  | { type: 'reviewMakeup'; makeup: MakeupView; approve: boolean }
  | { type: 'reverseCheckIn'; row: AttendanceRow }

/** May make-ups still be added (`checkin.addMakeup`) at this time? The server's rule: published, started, and within the days after the end. */
function makeupOpen(a: Activity, at: Date): boolean {
  try {
    assertMakeupOpen(a, at, DEFAULT_POLICY)
    return true
  } catch {
    return false
  }
}

const rateOf = (a: Attendance): string =>
  a.audienceCount > 0 ? `${Math.min(100, Math.round((a.presentCount / a.audienceCount) * 100))}%` : '—'

/** The organizer's live attendance list: present, absent, waiting for review; export and make-ups. */
export default function AttendancePage() {
  const session = useSignedIn()
  const { params } = useRouter()
  const id = params.id ?? ''
  const enabled = !!session && !!id
  const att = useRemote(() => attendance(id), enabled)
  const [tab, setTab] = useState<Tab>('present')
  const [pending, setPending] = useState<Pending | null>(null)
  const [text, setText] = useState('')
  const [hours, setHours] = useState(1)
  const { busy, run } = useBusy()
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null)

  useLive(() => void att.reload(), LIVE_MS, enabled)
  useDidShow(() => {
    if (enabled && att.data) void att.reload()
  })

  if (!session) return null
  if (!id)
    return (
      <StateView loading={false} error={new Error('缺少活动编号，请从组织者工作台进入')} empty emptyText=''>
        {null}
      </StateView>
    )
  const data = att.data
  // The list as it was when it was read: what may be done with it is judged at that time too (refreshed with the list).
  const readAt = att.loadedAt

  function open(p: Pending) {
    setText('')
    if (p.type === 'confirmHours' && data) setHours(maxHoursOf(data.activity.startAt, data.activity.endAt))
    setPending(p)
  }

  /** Every action: do it, say so, and show the list as it is now. */
  const act = (work: () => Promise<unknown>, done: string) =>
    run(work, done, async () => {
      // The dialog stays (busy) until the list shows the change, so nothing looks undone.
      await att.reload()
      setPending(null)
    })

  function confirmDialog() {
    if (!pending) return
    if (pending.type === 'confirmHours') return void act(() => confirmHours(id, pending.row.memberId, hours), '已确认时长')
    if (pending.type === 'addMakeup') {
      const problem = reasonProblem(text, '补录理由')
      if (problem) return toastError(new Error(problem))
      return void act(() => addMakeup(id, pending.row.memberId, text.trim()), '已补录')
    }
    if (pending.type === 'reverseCheckIn') {
      const problem = reasonProblem(text, '撤销原因')
      if (problem) return toastError(new Error(problem))
      return void act(() => reverseCheckIn(id, pending.row.memberId, text.trim()), '已撤销积分')
    }
    return void act(() => reviewMakeup(pending.makeup.id, pending.approve, text.trim() || undefined), pending.approve ? '已通过' : '已驳回')
  }

  async function exportAs(format: 'csv' | 'xlsx') {
    setExporting(format)
    try {
      const file = await exportAttendance(id, format)
      toastInfo(`${await saveFile(file)}（${file.rows} 条记录）`)
    } catch (e) {
      toastError(e)
    } finally {
      setExporting(null)
    }
  }

  return (
    <View className='attendance'>
      <StateView loading={att.loading} error={att.error} empty={!data} emptyText='没有找到这个活动' onRetry={() => void att.reload()}>
        {data && readAt && (
          <>
            <Header data={data} readAt={readAt} problem={att.error?.message ?? null} />
            <CheckInWindowControls activity={data.activity} onChanged={() => void att.reload()} />
            <View className='attendance__exports'>
              <Button size='small' loading={exporting === 'csv'} disabled={!!exporting} data-testid='export-csv' onClick={() => void exportAs('csv')}>
                导出 CSV
              </Button>
              <Button size='small' loading={exporting === 'xlsx'} disabled={!!exporting} data-testid='export-xlsx' onClick={() => void exportAs('xlsx')}>
                导出 Excel
              </Button>
            </View>
            <Tabs
              items={[
                { key: 'present', label: '已签到', count: data.presentCount },
                { key: 'absent', label: '未签到', count: data.absent.length },
                { key: 'pending', label: '待审核', count: data.pendingMakeups.length + data.pendingHours.length },
              ]}
              value={tab}
              onChange={setTab}
            />
            <View className='attendance__list'>
              {tab === 'present' && (
                <PresentList
                  activity={data.activity}
                  rows={data.present}
                  mayConfirmHours={readAt.getTime() > Date.parse(data.activity.checkOutClosesAt ?? data.activity.endAt)}
                  onConfirmHours={(row) => open({ type: 'confirmHours', row })}
                  onReverse={(row) => open({ type: 'reverseCheckIn', row })}
                />
              )}
              {tab === 'absent' && (
                <AbsentList
                  rows={data.absent}
                  mayAddMakeup={makeupOpen(data.activity, readAt)}
                  onAddMakeup={(row) => open({ type: 'addMakeup', row })}
                />
              )}
              {tab === 'pending' && (
                <PendingList
                  makeups={data.pendingMakeups}
                  claims={data.pendingHours}
                  onReviewMakeup={(makeup, approve) => open({ type: 'reviewMakeup', makeup, approve })}
                  onReviewHours={(c: HourClaimView, approve) =>
                    void act(() => reviewHours(c.id, approve), approve ? '已通过' : '已驳回')
                  }
                />
              )}
            </View>
          </>
        )}
      </StateView>
      {pending && data && (
        <Dialog
          open
          busy={busy}
          title={dialogTitle(pending)}
          subtitle={dialogSubtitle(pending)}
          confirmText={pending.type === 'reviewMakeup' && !pending.approve ? '驳回' : pending.type === 'reverseCheckIn' ? '撤销积分' : '确定'}
          danger={(pending.type === 'reviewMakeup' && !pending.approve) || pending.type === 'reverseCheckIn'}
          onCancel={() => setPending(null)}
          onConfirm={confirmDialog}
        >
          {pending.type === 'confirmHours' ? (
            <HoursStepper value={hours} max={maxHoursOf(data.activity.startAt, data.activity.endAt)} onChange={setHours} />
          ) : (
            <ReasonInput
              value={text}
              onChange={setText}
              testId='dialog-text'
              placeholder={placeholderOf(pending)}
            />
          )}
        </Dialog>
      )}
    </View>
  )
}

function placeholderOf(p: Pending): string {
  if (p.type === 'addMakeup') return `补录理由（必填，至少 ${TEXT_MIN.reason} 个字），如：现场已登记`
  if (p.type === 'reverseCheckIn') return `撤销原因（必填，至少 ${TEXT_MIN.reason} 个字），如：本人未到场，由他人代签`
  return '审核意见（选填）'
}

function dialogTitle(p: Pending): string {
  if (p.type === 'confirmHours') return `确认 ${p.row.name} 的志愿时长`
  if (p.type === 'addMakeup') return `为 ${p.row.name} 补录签到`
  if (p.type === 'reverseCheckIn') return `撤销 ${p.row.name} 本次签到的积分`
  return `${p.approve ? '通过' : '驳回'} ${p.makeup.memberName} 的补签申请`
}

function dialogSubtitle(p: Pending): string {
  if (p.type === 'confirmHours') return `签到 ${fmtTime(p.row.checkedInAt)}，未签退；按实际服务时长确认，以半小时为单位`
  if (p.type === 'addMakeup') return `${p.row.unitName} · 补录即视为补签通过，记入签到记录`
  if (p.type === 'reverseCheckIn')
    return `${p.row.flags.map((f) => RELAY_FLAG_LABEL[f]).join('；') || '签到存疑'}。撤销后本次签到不再计积分和时长（记为更正，可追溯），签到记录保留`
  return `理由：${p.makeup.reason}`
}

function Header({ data, readAt, problem }: { data: Attendance; readAt: Date; problem: string | null }) {
  const a = data.activity
  const phase = phaseOf(a, readAt.getTime())
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
          可疑签到 {data.flagged} 人：已排在“已签到”最前，请核实，确属代签的可撤销积分
        </Text>
      )}
      <Text className='attendance__live' data-testid='live'>
        {problem ? `刷新失败：${problem}` : `每 ${LIVE_MS / 1000} 秒自动刷新 · 更新于 ${fmtClock(readAt)}`}
        {a.kind === 'volunteer' && data.notCheckedOut > 0 ? ` · 未签退 ${data.notCheckedOut} 人` : ''}
      </Text>
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
