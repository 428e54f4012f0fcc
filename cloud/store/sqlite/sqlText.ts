/** SQL fragments the read side and reconcile share. */

/** Shanghai period keys of a UTC timestamp column, in SQL (matches domain/time.periodKeys). */
export const MONTH = (col: string) => `strftime('%Y-%m', ${col}, '+8 hours')`
/** A check-in counts as attendance unless its credit was reversed (e.g. found to be 代签). */
export const ATTENDED = (c: string) =>
  `(SELECT COUNT(*) FROM ledger l WHERE l.activity_id = ${c}.activity_id AND l.member_id = ${c}.member_id AND l.reverses_id IS NULL) >
   (SELECT COUNT(*) FROM ledger l WHERE l.activity_id = ${c}.activity_id AND l.member_id = ${c}.member_id AND l.reverses_id IS NOT NULL)`
/** A reversal counts towards the periods of the entry it reverses, so corrections land where the error was. */
export const EFFECTIVE_AT = (l: string) => `COALESCE((SELECT o.created_at FROM ledger o WHERE o.id = ${l}.reverses_id), ${l}.created_at)`
export const inList = (values: readonly string[]) => `(SELECT value FROM json_each('${JSON.stringify(values).replace(/'/g, "''")}'))`
