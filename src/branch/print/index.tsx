import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { MeetingRecordView, RollRow } from '@cloud/contract/model'
import { ABSENCE_REASON_LABEL, AMENDABLE_FIELD_LABEL, MEETING_TYPE_LABEL, RECORD_STATE_LABEL } from '@cloud/contract/vocabulary'
import StateView from '../../components/StateView'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { exportRecords, meetingRecord, meetingRecords, type RecordScope } from '../../services/branch'
import { saveFile } from '../../utils/download'
import { toastError, toastInfo } from '../../utils/feedback'
import { fmtDateTime, fmtRange } from '../../utils/time'
import { valueText } from '../record/Filed'
import { PhotoThumb } from '../shared/Photos'
import { pctText, rhythmPeriodLabel } from '../shared/labels'
import '../shared/index.scss'
import './index.scss'

/** One meeting (`id`), or every meeting of a branch or a unit in a period. */
async function load(params: Partial<Record<string, string>>): Promise<MeetingRecordView[]> {
  if (params.id) return [await meetingRecord(params.id)]
  return (await meetingRecords(scopeOf(params) ?? {})).records
}

function scopeOf(params: Partial<Record<string, string>>, one?: MeetingRecordView): RecordScope | null {
  if (one) return { branchId: one.activity.branchId ?? undefined, period: one.activity.meeting?.forPeriod }
  if (params.branchId) return { branchId: params.branchId, period: params.period }
  if (params.unitId) return { unitId: params.unitId, period: params.period }
  return null
}

/**
 * The record book (会议记录本) to print on A4, one meeting a page: header, the roll as a bordered
 * table, 议题, 决议, 纪要, photos, corrections and signatures. The toolbar does not print.
 */
export default function PrintRecords() {
  const session = useSignedIn()
  const { params } = useRouter()
  const valid = !!(params.id || params.branchId || params.unitId)
  const list = useRemote(() => load(params), !!session && valid, JSON.stringify(params))
  const [exporting, setExporting] = useState(false)
  if (!session) return null
  if (!valid)
    return (
      <StateView loading={false} error={new Error('缺少会议或支部，请从会议记录页进入')} empty emptyText=''>
        {null}
      </StateView>
    )
  const records = list.data ?? []

  async function exportExcel() {
    const scope = scopeOf(params, params.id ? records[0] : undefined)
    if (!scope) return
    setExporting(true)
    try {
      const file = await exportRecords(scope)
      toastInfo(`${await saveFile(file)}（${file.rows} 条记录）`)
    } catch (e) {
      toastError(e)
    } finally {
      setExporting(false)
    }
  }

  return (
    <View className='minutes-book'>
      <View className='minutes-book__toolbar'>
        <Text className='minutes-book__tip'>
          {process.env.TARO_ENV === 'h5' ? '每次会议一页，A4 纸打印后可装订成会议记录本。' : '小程序不能直接打印：可导出 Excel，或在电脑上打开网页端打印。'}
        </Text>
        {process.env.TARO_ENV === 'h5' && (
          <Button type='primary' size='small' disabled={records.length === 0} data-testid='print' onClick={() => window.print()}>
            打印
          </Button>
        )}
        <Button size='small' loading={exporting} disabled={exporting || records.length === 0} data-testid='export-records' onClick={() => void exportExcel()}>
          导出 Excel
        </Button>
      </View>
      <StateView loading={list.loading} error={list.error} empty={records.length === 0} emptyText='这一期没有会议记录' onRetry={() => void list.reload()}>
        {records.map((v) => (
          <Sheet key={v.activity.id} v={v} />
        ))}
      </StateView>
    </View>
  )
}

const who = (rows: RollRow[], detail: (r: RollRow) => string | null) =>
  rows.length === 0 ? '无' : rows.map((r) => (detail(r) ? `${r.name}（${detail(r)}）` : r.name)).join('；')

function Sheet({ v }: { v: MeetingRecordView }) {
  const a = v.activity
  const r = v.record
  const roll = v.roll
  const names = new Map(roll.rows.map((x) => [x.memberId, x.name]))
  const leave = roll.rows.filter((x) => x.status === 'leave')
  const absent = roll.rows.filter((x) => x.status === 'absent')
  const marks = [v.heldLate && '补开', v.filedLate && '补报'].filter(Boolean).join('、')
  return (
    <View className='minutes-book__sheet' data-testid='print-sheet' data-id={a.id}>
      <Text className='minutes-book__title'>{a.meeting ? MEETING_TYPE_LABEL[a.meeting.type] : '会议'}记录</Text>
      <View className='minutes-book__org'>
        <Text data-testid='p-unit'>单位：{a.unitName}</Text>
        <Text data-testid='p-branch'>
          党支部：{a.branchName}
          {a.partyGroupName ? `（${a.partyGroupName}）` : ''}
        </Text>
        <Text data-testid='p-type'>
          会议类型：{a.meeting ? MEETING_TYPE_LABEL[a.meeting.type] : '—'}
          {a.meeting?.election ? '（选举）' : ''}
        </Text>
        <Text data-testid='p-period'>所属周期：{a.meeting ? rhythmPeriodLabel(a.meeting.forPeriod) : '—'}</Text>
      </View>
      <View className='minutes-book__table'>
        <Cell label='会议名称' value={a.title} wide testId='p-title' />
        <Cell label='时间' value={fmtRange(a.startAt, a.endAt)} testId='p-time' />
        <Cell label='地点' value={a.placeName ?? '—'} testId='p-place' />
        <Cell label='主持人' value={r.host ?? ''} testId='p-host' />
        <Cell label='记录人' value={r.recorder ?? ''} testId='p-recorder' />
        <Cell
          label='应到'
          value={`${roll.expected.total} 人（正式 ${roll.expected.full}，预备 ${roll.expected.probationary}）`}
          testId='p-expected'
        />
        <Cell label='实到' value={`${roll.present.total} 人（正式 ${roll.present.full}，预备 ${roll.present.probationary}）`} testId='p-present' />
        <Cell label={`请假 ${roll.leave} 人`} value={who(leave, (x) => x.leaveReason)} wide testId='p-leave' />
        <Cell
          label={`缺席 ${roll.absent} 人`}
          value={who(absent, (x) => {
            const n = r.absences.find((b) => b.memberId === x.memberId) ?? x.absence
            return n ? `${ABSENCE_REASON_LABEL[n.reason]}${n.note ? `，${n.note}` : ''}` : '原因未填'
          })}
          wide
          testId='p-absent'
        />
        <Cell
          label='法定人数'
          value={roll.quorum ? `${roll.quorum.rule}；应不少于 ${roll.quorum.needed} 人，实到 ${roll.quorum.present} 人，${roll.quorum.met ? '达到' : '未达到'}法定人数` : '本类会议无法定人数要求'}
          wide
          testId='p-quorum'
        />
        <Cell label='出席率' value={pctText(roll.attendanceRate)} testId='p-rate' />
        <Cell label='记录状态' value={`${RECORD_STATE_LABEL[r.state]}${marks ? `（${marks}）` : ''}`} testId='p-state' />
      </View>
      <Block title='议题'>
        {r.topics.length === 0 && <Text className='minutes-book__text'>（未填写）</Text>}
        {r.topics.map((t, i) => (
          <Text key={i} className='minutes-book__text' data-testid='p-topic'>
            {i + 1}. {t}
          </Text>
        ))}
      </Block>
      <Block title='决议'>
        <Text className='minutes-book__text' data-testid='p-decisions'>
          {r.decisions || '（无）'}
        </Text>
      </Block>
      <Block title='会议纪要'>
        <Text className='minutes-book__text minutes-book__minutes' data-testid='p-minutes'>
          {r.minutes || '（未填写）'}
        </Text>
      </Block>
      {r.photos.length > 0 && (
        <Block title={`会议照片（${r.photos.length} 张）`}>
          <View className='minutes-book__photos'>
            {r.photos.map((id) => (
              <PhotoThumb key={id} id={id} className='minutes-book__photo' />
            ))}
          </View>
        </Block>
      )}
      {v.amendments.length > 0 && (
        <Block title='补充更正'>
          {v.amendments.map((x, i) => (
            <Text key={x.id} className='minutes-book__text' data-testid='p-amendment'>
              {i + 1}. {AMENDABLE_FIELD_LABEL[x.field]}更正为：{valueText(x.value, names)}。原因：{x.reason}（{x.byName}，{fmtDateTime(x.at)}）
            </Text>
          ))}
        </Block>
      )}
      <Text className='minutes-book__filing' data-testid='p-filing'>
        {r.submittedAt ? `上报：${v.names.submittedBy ?? ''} ${fmtDateTime(r.submittedAt)}` : '尚未上报'}
        {r.reviewedAt ? ` · 审阅：${v.names.reviewedBy ?? ''} ${fmtDateTime(r.reviewedAt)}` : ''}
        {r.reviewComment ? ` · 意见：${r.reviewComment}` : ''}
      </Text>
      <View className='minutes-book__signs'>
        <Text className='minutes-book__sign'>主持人签字：</Text>
        <Text className='minutes-book__sign'>记录人签字：</Text>
        <Text className='minutes-book__sign minutes-book__sign--wide'>审阅意见：</Text>
      </View>
    </View>
  )
}

function Cell({ label, value, wide, testId }: { label: string; value: string; wide?: boolean; testId: string }) {
  return (
    <View className={`minutes-book__cell ${wide ? 'minutes-book__cell--wide' : ''}`}>
      <Text className='minutes-book__th'>{label}</Text>
      <Text className='minutes-book__td' data-testid={testId}>
        {value}
      </Text>
    </View>
  )
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className='minutes-book__block'>
      <Text className='minutes-book__block-title'>{title}</Text>
      {children}
    </View>
  )
}
