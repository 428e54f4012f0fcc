import { ROLE_LABEL, type Role } from '@cloud/contract/vocabulary'
import type { AuditEntry } from '../../services/member'

/** Audited actions (`<function>.<action>`) in the words an admin uses. */
export const ACTION_LABEL: Record<string, string> = {
  'activity.create': '发布活动',
  'activity.update': '修改活动',
  'activity.publish': '发布草稿活动',
  'activity.cancel': '取消活动',
  'activity.exportAttendance': '导出签到记录',
  'checkin.reviewMakeup': '审核补签',
  'checkin.addMakeup': '补录签到',
  'checkin.confirmHours': '确认志愿时长',
  'checkin.reviewHours': '审核志愿时长',
  'checkin.reverseCredit': '撤销签到记录',
  'checkin.reverseCheckIn': '撤销可疑签到的积分',
  'activity.savePlace': '保存常用签到地点',
  'activity.removePlace': '删除常用签到地点',
  'member.importRoster': '导入花名册',
  'member.setRole': '设置角色',
  'member.resetAccess': '重置登录',
  'stats.export': '导出统计',
  'stats.freezeSnapshot': '生成标兵公示名单',
  'stats.fileObjection': '对公示名单提出异议',
  'stats.resolveObjection': '处理公示名单异议',
  'stats.setPolicy': '修改积分规则',
}

const TARGET_WORD: Record<string, string> = {
  id: '活动',
  activityId: '活动',
  memberId: '党员',
  makeupId: '补签申请',
  claimId: '时长申请',
  entryId: '签到记录',
  placeId: '常用地点',
  objectionId: '公示异议',
  leaveId: '请假申请',
  unitId: '单位',
  branchId: '党支部',
  reportId: '述职报告',
  targetId: '目标任务',
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null)
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null)

export function actionLabel(e: AuditEntry): string {
  // A dry run is audited too: it read the file and wrote nothing.
  if (e.action === 'member.importRoster' && obj(e.after)?.applied === false) return '检查花名册（未导入）'
  return ACTION_LABEL[e.action] ?? e.action
}

/**
 * What the action was about, by name: the activity and member the server named for the row, else a
 * name the record carries, else only the kind of thing (an id means nothing to an admin).
 */
export function targetText(e: AuditEntry): string | null {
  const names = [
    e.activityTitle && `活动 ${e.activityTitle}`,
    e.memberName && `党员 ${e.memberName}`,
    e.unitName && `单位 ${e.unitName}`,
    e.branchName && `党支部 ${e.branchName}`,
  ].filter((x): x is string => !!x)
  if (names.length) return names.join(' · ')
  const after = obj(e.after)
  const named = str(after?.title) ?? str(obj(after?.activity)?.title) ?? str(after?.name) ?? str(after?.memberName)
  const at = e.target?.indexOf(':') ?? -1
  const word = e.target && at > 0 ? (TARGET_WORD[e.target.slice(0, at)] ?? null) : null
  if (named) return word ? `${word} ${named}` : named
  return word
}

const roleWords = (v: unknown): string =>
  Array.isArray(v) ? [...new Set(v.map((g) => ROLE_LABEL[(obj(g)?.role as Role) ?? 'member'] ?? String(obj(g)?.role)))].join('、') || '党员' : '—'

/** One line of what changed, where the record says it plainly. */
export function changeText(e: AuditEntry): string | null {
  const after = obj(e.after)
  if (e.action === 'member.importRoster') {
    const s = obj(after?.summary)
    if (!s) return null
    return `共 ${s.rows} 行：新增 ${s.created} · 更新 ${s.updated} · 不变 ${s.unchanged} · 停用 ${s.deactivated}`
  }
  if (e.action === 'member.setRole') return `角色：${roleWords(e.before)} → ${roleWords(after?.roles)}`
  return null
}

/** Before/after as indented JSON; bind codes stay out of the log view (the roster shows the current one). */
export const jsonText = (v: unknown): string =>
  v === null || v === undefined ? '（无）' : JSON.stringify(v, (k, x: unknown) => (k === 'bindCode' && typeof x === 'string' ? '（已隐藏）' : x), 2)

/** `YYYY-MM-DD` plus one day, for an end date that includes the whole day. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}
