/** The meeting records of a branch or unit as a workbook: 会议, 出席 and 更正 sheets (CSV: the 会议 sheet). */
import type { AbsenceNote, AmendmentValue, MeetingRecordView } from '../../contract/model'
import { ABSENCE_REASON_LABEL, AMENDABLE_FIELD_LABEL, MEETING_TYPE_LABEL, RECORD_STATE_LABEL } from '../../contract/vocabulary'
import { excel, toFile, type ExportFile } from '../spreadsheet'

const MEETING_HEADER = [
  '支部', '类型', '主题', '时间', '地点', '所属周期', '主持人', '记录人', '议题', '决议', '纪要',
  '应到(正式/预备)', '实到', '请假', '缺席', '出席率', '法定人数', '状态', '补开', '补报', '上报时间', '审阅',
]
const ROLL_HEADER = ['支部', '会议', '时间', '姓名', '党员类别', '党小组', '状态', '签到时间', '请假事由', '缺席原因']
const AMENDMENT_HEADER = ['支部', '会议', '更正内容', '更正为', '原因', '更正人', '更正时间']

/** Shanghai wall-clock time for people reading the sheet. */
const local = (iso: string | null): string => (iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '')
const yesNo = (b: boolean) => (b ? '是' : '')
const absenceText = (n: AbsenceNote | null) => (n ? `${ABSENCE_REASON_LABEL[n.reason]}${n.note ? `：${n.note}` : ''}` : '')
const valueText = (v: AmendmentValue): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.join('；') : absenceText(v))

export function meetingRows(views: MeetingRecordView[]): (string | number)[][] {
  return views.map((v) => {
    const { activity: a, record: r, roll } = v
    const q = roll.quorum
    return [
      a.branchName,
      a.meeting ? MEETING_TYPE_LABEL[a.meeting.type] : '',
      a.title,
      `${local(a.startAt)} – ${local(a.endAt).slice(11)}`,
      a.placeName ?? '',
      a.meeting?.forPeriod ?? '',
      r.host ?? '',
      r.recorder ?? '',
      r.topics.join('；'),
      r.decisions,
      r.minutes,
      `${roll.expected.total}（${roll.expected.full}/${roll.expected.probationary}）`,
      roll.present.total,
      roll.leave,
      roll.absent,
      `${Math.round(roll.attendanceRate * 100)}%`,
      q ? `${q.met ? '达到' : '未达到'}（需 ${q.needed}，到 ${q.present}）` : '',
      RECORD_STATE_LABEL[v.filed.state],
      yesNo(v.heldLate),
      yesNo(v.filedLate),
      local(v.filed.submittedAt),
      v.filed.reviewComment ? `${v.names.reviewedBy ?? ''}：${v.filed.reviewComment}` : (v.names.reviewedBy ?? ''),
    ]
  })
}

const STATUS = { present: '出席', leave: '请假', absent: '缺席' } as const

export async function exportRecords(views: MeetingRecordView[], format: 'csv' | 'xlsx', title: string): Promise<ExportFile> {
  const rows = meetingRows(views)
  if (format === 'csv') return toFile(title, 'csv', MEETING_HEADER, rows)
  const book = new (await excel()).Workbook()
  const sheet = (name: string, header: string[], body: (string | number)[][]) => {
    const s = book.addWorksheet(name)
    s.addRow(header).font = { bold: true }
    for (const r of body) s.addRow(r)
    s.columns.forEach((c) => (c.width = 14))
  }
  sheet('会议', MEETING_HEADER, rows)
  sheet(
    '出席',
    ROLL_HEADER,
    views.flatMap((v) =>
      v.roll.rows.map((r) => [
        v.activity.branchName,
        v.activity.title,
        local(v.activity.startAt),
        r.name,
        r.partyStatus === 'full' ? '正式党员' : '预备党员',
        r.partyGroupName ?? '',
        STATUS[r.status],
        local(r.checkedInAt),
        r.leaveReason ?? '',
        absenceText(r.absence),
      ]),
    ),
  )
  sheet(
    '更正',
    AMENDMENT_HEADER,
    views.flatMap((v) => v.amendments.map((a) => [v.activity.branchName, v.activity.title, AMENDABLE_FIELD_LABEL[a.field], valueText(a.value), a.reason, a.byName, local(a.at)])),
  )
  const buffer = await book.xlsx.writeBuffer()
  return {
    filename: `${title.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(buffer as ArrayBuffer).toString('base64'),
    rows: rows.length,
  }
}
