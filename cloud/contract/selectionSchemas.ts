/** Input of the objection actions of the study-model selection (公示异议). */
import { z } from 'zod'
import { id } from './fields'
import { TEXT_LIMITS, TEXT_MIN } from './vocabulary'

/** A period a list was frozen for: a year, a quarter or a month. */
const period = z
  .string({ error: '缺少评选周期' })
  .trim()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, { error: '评选周期格式应为 2026、2026-Q4 或 2026-11' })

const text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(TEXT_MIN.reason, { error: `${what}至少 ${TEXT_MIN.reason} 个字` })
    .max(max, { error: `${what}不超过 ${max} 字` })

export const selection = {
  /**
   * Raise an objection during the notice: about one entry (`memberId`), or without one about the
   * list as a whole. `snapshotId` is the list the member read, so a list replaced meanwhile is not
   * objected to by mistake.
   */
  fileObjection: z.object({ period, snapshotId: id, memberId: id.optional(), reason: text('异议理由', TEXT_LIMITS.reason) }),
  /** Every objection to a period's lists, with who raised it (city admin). */
  objections: z.object({ period }),
  /** 成立 or 不成立, with the reason the objector will read. */
  resolveObjection: z.object({
    objectionId: id,
    outcome: z.enum(['upheld', 'dismissed'], { error: '请选择异议成立或不成立' }),
    comment: text('处理意见', TEXT_LIMITS.comment),
  }),
}
