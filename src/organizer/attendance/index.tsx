import { useState } from 'react'
import { View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { AbsentRow, Activity, AttendanceRow, HourClaimView, MakeupView } from '@cloud/contract/model'
import { RELAY_FLAG_LABEL, TEXT_MIN } from '@cloud/contract/vocabulary'
import { assertMakeupOpen } from '@cloud/domain/makeup'
import { manualCheckInRefusal } from '@cloud/domain/manualCheckIn'
import { DEFAULT_POLICY } from '@cloud/domain/policy'
// Style order as on the other pages (they share one CSS chunk): Badge, KindTag (in Header), StateView, then the rest.
import Header, { LIVE_MS } from './Header'
import StateView from '../../components/StateView'
import Dialog from '../../components/Dialog'
import FilterEmpty from '../../components/FilterEmpty'
import LiteInput from '../../components/LiteInput'
import ReasonInput, { reasonProblem } from '../../components/ReasonInput'
import Tabs from '../../components/Tabs'
import { useLive } from '../../hooks/useLive'
import { useBusy } from '../../hooks/useBusy'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { attendance, exportAttendance } from '../../services/activity'
import { addMakeup, confirmHours, manualCheckIn, reverseCheckIn, reviewHours, reviewMakeup } from '../../services/checkin'
import { saveFile } from '../../utils/download'
import { toastError, toastInfo } from '../../utils/feedback'
import { fmtTime } from '../../utils/time'
import { frozen, stillLive } from '../activities/workbenchTabs'
import CheckInWindowControls from '../shared/CheckInWindowControls'
import AbsentList from './AbsentList'
import HoursStepper, { maxHoursOf } from './HoursStepper'
import ManualCheckInSheet from './ManualCheckInSheet'
import PendingList from './PendingList'
import PresentList from './PresentList'
import { matchesName, spansUnits } from './Who'
import './index.scss'
import { useFontClass } from '../../utils/fontMode'

type Tab = 'present' | 'absent' | 'pending'

/** What the open dialog is about. */
type Pending =
  | { type: 'confirmHours'; row: AttendanceRow }
  | { type: 'addMakeup'; row: AbsentRow }
  | { type: 'manualCheckIn'; row: AbsentRow }
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

/** The organizer's attendance list: present, absent, waiting for review; search, 手动签到, 撤销签到, export and make-ups. */
export default function AttendancePage() {
  const fontClass = useFontClass()
  const session = useSignedIn()
  const { params } = useRouter()
  const id = params.id ?? ''
  const enabled = !!session && !!id
  const att = useRemote(() => attendance(id), enabled)
  const [tab, setTab] = useState<Tab>('present')
  const [query, setQuery] = useState('')
  const [pending, setPending] = useState<Pending | null>(null)
  const [picking, setPicking] = useState(false)
  const [text, setText] = useState('')
  const [hours, setHours] = useState(1)
  const { busy, run } = useBusy()
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null)
  const [refreshing, setRefreshing] = useState(false)

  // Live only while the activity can change the list by itself; once it is over, the data stays as it is.
  const activity = att.data?.activity
  useLive(
    () => {
      if (activity && stillLive(activity, Date.now())) void att.reload()
    },
    LIVE_MS,
    enabled && !!activity && !frozen(activity, att.loadedAt?.getTime() ?? 0),
  )
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
  const selfId = session.member.id

  function open(p: Pending) {
    setText('')
    if (p.type === 'confirmHours' && data) setHours(maxHoursOf(data.activity.startAt, data.activity.endAt))
    setPicking(false)
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
    if (pending.type === 'manualCheckIn') return void act(() => manualCheckIn(id, pending.row.memberId, text.trim() || undefined), `${pending.row.name} 已签到`)
    if (pending.type === 'addMakeup') {
      const problem = reasonProblem(text, '补录理由')
      if (problem) return toastError(new Error(problem))
      return void act(() => addMakeup(id, pending.row.memberId, text.trim()), '已补录')
    }
    if (pending.type === 'reverseCheckIn') {
      const problem = reasonProblem(text, '撤销原因')
      if (problem) return toastError(new Error(problem))
      return void act(() => reverseCheckIn(id, pending.row.memberId, text.trim()), '已撤销签到')
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

  async function refresh() {
    setRefreshing(true)
    try {
      await att.reload()
    } finally {
      setRefreshing(false)
    }
  }

  const named = <T,>(rows: T[], nameOf: (r: T) => string) => rows.filter((r) => matchesName(nameOf(r), query))
  const present = named(data?.present ?? [], (r) => r.name)
  const absent = named(data?.absent ?? [], (r) => r.name)
  const makeups = named(data?.pendingMakeups ?? [], (m) => m.memberName)
  const claims = named(data?.pendingHours ?? [], (c) => c.memberName)
  const searching = query.trim() !== ''
  const showUnit = !!data && spansUnits(data.activity.audience)
  const mayCheckIn = !!data && !!readAt && manualCheckInRefusal(data.activity, readAt) === null
  const all = { present: data?.present.length ?? 0, absent: data?.absent.length ?? 0, pending: (data?.pendingMakeups.length ?? 0) + (data?.pendingHours.length ?? 0) }
  const found = { present: present.length, absent: absent.length, pending: makeups.length + claims.length }
  // The search found nothing here although the list has rows: say so, and offer to clear it.
  const filteredOut = searching && found[tab] === 0 && all[tab] > 0

  return (
    <View className={`attendance ${fontClass}`}>
      <StateView loading={att.loading} error={att.error} empty={!data} emptyText='没有找到这个活动' onRetry={() => void att.reload()}>
        {data && readAt && (
          <>
            <Header data={data} readAt={readAt} problem={att.error?.message ?? null} refreshing={refreshing} onRefresh={() => void refresh()} />
            <CheckInWindowControls activity={data.activity} onChanged={() => void att.reload()} />
            <View className='attendance__exports'>
              {mayCheckIn && (
                <Button className='attendance__manual' size='small' type='primary' data-testid='manual-checkin' onClick={() => setPicking(true)}>
                  手动签到
                </Button>
              )}
              <Button size='small' loading={exporting === 'csv'} disabled={!!exporting} data-testid='export-csv' onClick={() => void exportAs('csv')}>
                导出 CSV
              </Button>
              <Button size='small' loading={exporting === 'xlsx'} disabled={!!exporting} data-testid='export-xlsx' onClick={() => void exportAs('xlsx')}>
                导出 Excel
              </Button>
            </View>
            <View className='attendance__search'>
              <LiteInput className='attendance__search-input' value={query} placeholder='按姓名查找' onChange={setQuery} />
            </View>
            <Tabs
              items={[
                { key: 'present', label: '已签到', count: searching ? found.present : data.presentCount },
                { key: 'absent', label: '未签到', count: found.absent },
                { key: 'pending', label: '待审核', count: found.pending },
              ]}
              value={tab}
              onChange={setTab}
            />
            <View className='attendance__list' data-testid='attendance-list'>
              {filteredOut && <FilterEmpty hint={`“${query.trim()}”的查找结果中`} onClear={() => setQuery('')} />}
              {!filteredOut && tab === 'present' && (
                <PresentList
                  activity={data.activity}
                  rows={present}
                  showUnit={showUnit}
                  selfId={selfId}
                  mayConfirmHours={readAt.getTime() > Date.parse(data.activity.checkOutClosesAt ?? data.activity.endAt)}
                  onConfirmHours={(row) => open({ type: 'confirmHours', row })}
                  onReverse={(row) => open({ type: 'reverseCheckIn', row })}
                />
              )}
              {!filteredOut && tab === 'absent' && (
                <AbsentList
                  rows={absent}
                  showUnit={showUnit}
                  selfId={selfId}
                  mayCheckIn={mayCheckIn}
                  onCheckIn={(row) => open({ type: 'manualCheckIn', row })}
                  mayAddMakeup={makeupOpen(data.activity, readAt)}
                  onAddMakeup={(row) => open({ type: 'addMakeup', row })}
                />
              )}
              {!filteredOut && tab === 'pending' && (
                <PendingList
                  makeups={makeups}
                  claims={claims}
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
      {picking && data && (
        <ManualCheckInSheet
          candidates={data.absent.filter((r) => r.memberId !== selfId)}
          showUnit={showUnit}
          onPick={(row) => open({ type: 'manualCheckIn', row })}
          onClose={() => setPicking(false)}
        />
      )}
      {pending && data && (
        <Dialog
          open
          busy={busy}
          title={dialogTitle(pending)}
          subtitle={dialogSubtitle(pending, data.activity.kind === 'volunteer')}
          confirmText={confirmTextOf(pending)}
          danger={(pending.type === 'reviewMakeup' && !pending.approve) || pending.type === 'reverseCheckIn'}
          onCancel={() => setPending(null)}
          onConfirm={confirmDialog}
        >
          {pending.type === 'confirmHours' ? (
            <HoursStepper value={hours} max={maxHoursOf(data.activity.startAt, data.activity.endAt)} onChange={setHours} />
          ) : (
            <ReasonInput value={text} onChange={setText} testId='dialog-text' placeholder={placeholderOf(pending)} />
          )}
        </Dialog>
      )}
    </View>
  )
}

function confirmTextOf(p: Pending): string {
  if (p.type === 'reviewMakeup' && !p.approve) return '驳回'
  if (p.type === 'reverseCheckIn') return '撤销签到'
  if (p.type === 'manualCheckIn') return '确认签到'
  return '确定'
}

function placeholderOf(p: Pending): string {
  if (p.type === 'addMakeup') return `补录理由（必填，至少 ${TEXT_MIN.reason} 个字），如：现场已登记`
  if (p.type === 'reverseCheckIn') return `撤销原因（必填，至少 ${TEXT_MIN.reason} 个字），如：本人未到场，由他人代签`
  if (p.type === 'manualCheckIn') return '备注（选填），如：手机没电'
  return '审核意见（选填）'
}

function dialogTitle(p: Pending): string {
  if (p.type === 'confirmHours') return `确认 ${p.row.name} 的志愿时长`
  if (p.type === 'addMakeup') return `为 ${p.row.name} 补录签到`
  if (p.type === 'manualCheckIn') return `为 ${p.row.name} 手动签到`
  if (p.type === 'reverseCheckIn') return `撤销 ${p.row.name} 的签到`
  return `${p.approve ? '通过' : '驳回'} ${p.makeup.memberName} 的补签申请`
}

function dialogSubtitle(p: Pending, volunteer: boolean): string {
  if (p.type === 'confirmHours') return `签到 ${fmtTime(p.row.checkedInAt)}，未签退；按实际服务时长确认，以半小时为单位`
  if (p.type === 'addMakeup') return `${p.row.branchName ?? p.row.unitName} · 补录即视为补签通过，记入签到记录`
  if (p.type === 'manualCheckIn')
    return `${p.row.branchName ?? p.row.unitName} · 请确认本人在现场。记为“手动签到”，${volunteer ? '志愿时长待签退或确认后计入' : '与扫码签到同样计积分'}，由你登记并记入操作日志`
  if (p.type === 'reverseCheckIn') {
    const why = p.row.flags.map((f) => RELAY_FLAG_LABEL[f]).join('；')
    return `${why ? `${why}。` : ''}撤销后本次签到不再计积分和时长（记为更正，可追溯），签到记录保留并标为已撤销`
  }
  return `理由：${p.makeup.reason}`
}
