/**
 * What an organizer may change on an activity, and when. Before check-in opens: everything but the
 * kind of a published activity (credits follow the kind). Once check-in has opened, people are
 * arriving by the times on their screens: only the title, description, place name and 学习材料 may change;
 * the window is moved with 延长签到/结束签到 instead. After the end, or once cancelled: nothing.
 */
import type { Activity } from '../contract/model'
import type { ActivityCreateInput } from '../contract/schemas'
import { windowChoiceOf } from './checkInWindow'
import { fail } from './errors'

export type ActivityPatch = Partial<Omit<ActivityCreateInput, 'publish' | 'meeting'>>

/** Fields that may still change once check-in has opened. */
export const EDITABLE_WHILE_CHECKING_IN = ['title', 'description', 'placeName', 'materials'] as const

const FIELD_LABEL: Record<string, string> = {
  kind: '活动类型',
  subKind: '细分类型',
  startAt: '开始时间',
  endAt: '结束时间',
  place: '签到地点',
  noLocationReason: '签到地点',
  audience: '参加对象',
  capacity: '名额',
  signUpRequired: '是否需要报名',
  targetId: '计入目标',
  checkInWindow: '签到时间',
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v.trim() || null : null)
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The fields a request would really change: an edit form sends every field, most of them as they were. */
export function changedFields(current: Activity, patch: ActivityPatch): string[] {
  const out: string[] = []
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue
    const was = (current as unknown as Record<string, unknown>)[k]
    const unchanged =
      k === 'startAt' || k === 'endAt'
        ? Date.parse(String(v)) === Date.parse(String(was))
        : k === 'title' || k === 'description' || k === 'placeName' || k === 'subKind' || k === 'noLocationReason'
          ? text(v) === text(was)
          : k === 'checkInWindow'
            ? same({ ...windowChoiceOf(current), ...(v as object) }, windowChoiceOf(current))
            : same(v, was)
    if (!unchanged) out.push(k)
  }
  return out
}

/**
 * What may change now: everything before check-in opens; the words only once it has; nothing after
 * the end or once cancelled. The edit form offers what this says; `assertMayEdit` holds to it.
 */
export type EditStage = 'open' | 'checkingIn' | 'closed'

export function editStage(a: Pick<Activity, 'status' | 'endAt' | 'checkInOpensAt'>, now: number): EditStage {
  if (a.status === 'cancelled' || now >= Date.parse(a.endAt)) return 'closed'
  return now >= Date.parse(a.checkInOpensAt) ? 'checkingIn' : 'open'
}

/** May these fields change now? Refuses with the first field that may not, and says what may. */
export function assertMayEdit(current: Pick<Activity, 'status' | 'startAt' | 'endAt' | 'checkInOpensAt' | 'kind'>, changed: string[], now: Date): void {
  const t = now.getTime()
  if (current.status === 'cancelled') fail('CONFLICT', '活动已取消，不能修改')
  if (t >= Date.parse(current.endAt)) fail('CONFLICT', '活动已结束，不能修改；参加情况请通过补签或签到记录处理')
  if (current.status === 'published' && changed.includes('kind')) fail('BAD_INPUT', '活动发布后不能修改活动类型；如需更改请取消后重新发布', { field: 'kind' })
  if (editStage(current, t) === 'open') return
  const locked = changed.find((f) => !(EDITABLE_WHILE_CHECKING_IN as readonly string[]).includes(f))
  if (locked)
    fail('CONFLICT', `签到已开始，不能再修改${FIELD_LABEL[locked] ?? locked}；此时只能修改活动名称、说明、地点名称和学习材料，签到时间请用“延长签到”或“结束签到”`, {
      field: locked,
    })
}

/** A capacity may not drop below the people already signed up: their places are not taken away. */
export function assertCapacityKeepsSignUps(capacity: number | null | undefined, signUps: number): void {
  if (capacity != null && capacity < signUps) fail('BAD_INPUT', `已有 ${signUps} 人报名，名额不能少于 ${signUps}`, { field: 'capacity' })
}
