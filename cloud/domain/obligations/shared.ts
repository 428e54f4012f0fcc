/** Small rules the evaluators share. */
import type { Evidence } from '../../contract/obligations'

/** A branch owes a period only if it existed when the period began (null: set up before records began). */
export const owesFrom = (createdAt: string | null, w: { start: string }): boolean => !createdAt || Date.parse(w.start) >= Date.parse(createdAt)

/** Whether a record's time has come by `now` (an evaluator at a past month's end ignores what came later). */
export const by = (at: string | null | undefined, now: Date): at is string => !!at && Date.parse(at) <= now.getTime()

/** Evidence files of a record. */
export const files = (ids: readonly string[]): Evidence[] => ids.map((id, i) => ({ kind: 'file', id, label: `佐证材料 ${i + 1}` }))

/** The year a window belongs to (`2026-Q4` → `2026`). */
export const yearOf = (key: string): string => key.slice(0, 4)

/** Met after its deadline. */
export const lateBy = (metAt: string | null, dueBy: string): boolean => metAt !== null && Date.parse(metAt) >= Date.parse(dueBy)
