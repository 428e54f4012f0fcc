/** Words and links of the obligations pages: lights, item states, rates, short target names. */
import type { ItemState, MeetingRates, ObligationCell, Target } from '@cloud/contract/obligations'
import { OBLIGATION_STATUS_LABEL, type ObligationStatus, type TargetKind } from '@cloud/contract/vocabulary'
import { pct } from '../../utils/period'
import { fmtDate } from '../../utils/time'

export const STATUS_LABEL = OBLIGATION_STATUS_LABEL
export const STATUSES: ObligationStatus[] = ['green', 'amber', 'red']
export const STATUS_MEANING: Record<ObligationStatus, string> = {
  green: '全部完成',
  amber: '完成八成以上，或未完成的尚在期限内',
  red: '有逾期未完成，或临近期限仍未开展',
}

export const ITEM_STATE_LABEL: Record<ItemState, string> = { overdue: '逾期', open: '未到期', pending: '办理中', met: '已完成' }

/** Column heads of the matrix: a built-in target by its kind in a few characters; an added one by its name. */
const SHORT: Record<TargetKind, string> = {
  youthGroup: '青年学习',
  meetingRhythm: '三会一课',
  training: '全员轮训',
  democraticMeeting: '民主生活会',
  standardBranch: '标准支部',
  dutyReport: '述职评议',
}
export const shortName = (t: Pick<Target, 'kind' | 'name' | 'builtIn'>): string => (t.builtIn ? SHORT[t.kind] : t.name)

/** The last day to meet something due by an instant (an exclusive end): `2026-01-31` for `2026-01-31T16:00Z`. */
export const dueDay = (dueBy: string): string => fmtDate(new Date(Date.parse(dueBy) - 1))

/** A cell's rate as a whole percent (`83%`); `—` where nothing is owed. */
export const cellText = (c: ObligationCell | undefined): string => (c ? pct(c.rate) : '—')

/** The four rates a higher level asks for, each with its denominator (0 → `—`) and what it means. */
export interface RateLine {
  key: 'compliance' | 'attendance' | 'lateRate' | 'overdueRate'
  label: string
  meaning: string
  text: (r: MeetingRates) => string
}
const ratio = (num: number, den: number) => (den > 0 ? `${pct(num / den)}` : '—')
export const RATE_LINES: RateLine[] = [
  { key: 'compliance', label: '规范执行率', meaning: '应开会议按期召开、记录按期上报的比例', text: (r) => ratio(r.onTime, r.required) },
  { key: 'attendance', label: '出席率', meaning: '实到人数 ÷（应到 − 请假）', text: (r) => ratio(r.present, r.expected - r.leave) },
  { key: 'lateRate', label: '补开补报率', meaning: '已开会议中补开或补报的比例', text: (r) => ratio(r.late, r.held) },
  { key: 'overdueRate', label: '逾期率', meaning: '期满仍未召开的应开会议比例', text: (r) => ratio(r.overdue, r.required) },
]

/** Pages of this subpackage and the records evidence points to. */
const query = (q: Record<string, string | undefined>) => {
  const s = Object.entries(q)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')
  return s ? `?${s}` : ''
}
export const OBLIGATIONS = {
  matrix: (period?: string) => `/obligations/index/index${query({ period })}`,
  unit: (unitId: string, period?: string) => `/obligations/unit/index${query({ unitId, period })}`,
  trend: (year?: string, unitId?: string) => `/obligations/trend/index${query({ year, unitId })}`,
  report: (period?: string, unitId?: string) => `/obligations/report/index${query({ period, unitId })}`,
  targets: '/obligations/targets/index',
  meeting: (id: string) => `/branch/record/index?id=${encodeURIComponent(id)}`,
}
