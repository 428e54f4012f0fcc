/** Input fields several schema files share: ids, times, periods, free-text comments. */
import { z } from 'zod'
import { TEXT_LIMITS } from './vocabulary'

export const id = z.string().trim().min(1, { error: '缺少编号' }).max(TEXT_LIMITS.id, { error: '编号过长' })
export const isoTime = z.iso.datetime({ offset: true, error: '时间格式不正确' })
export const empty = z.object({})
export const comment = z.string().trim().max(TEXT_LIMITS.comment, { error: `意见不超过 ${TEXT_LIMITS.comment} 字` })
/** A reporting period: a year, a quarter or a month; none: the action's default. */
export const periodKey = z
  .string()
  .trim()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, { error: '统计周期格式应为 2026、2026-Q4 或 2026-11' })
  .optional()
