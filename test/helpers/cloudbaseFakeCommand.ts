/**
 * `db.command` of the in-memory CloudBase fake: query, update and aggregation commands, and their
 * translation into Mongo syntax (which mingo evaluates). Like the real SDK, conditions and updates
 * are written with commands, never with raw `$` operators, and `undefined` is refused.
 */
import type { Condition, DbCommand, DbCommandValue, Doc } from '../../cloud/store/cloudbase/sdk'
import { fakeError } from './cloudbaseFakeErrors'

type Kind = 'query' | 'logic' | 'update' | 'aggregate'

export class Cmd implements DbCommandValue {
  constructor(
    readonly kind: Kind,
    readonly op: string,
    readonly args: unknown[],
  ) {}
  and(...conditions: DbCommandValue[]): DbCommandValue {
    return new Cmd('logic', '$and', [this, ...conditions])
  }
  or(...conditions: DbCommandValue[]): DbCommandValue {
    return new Cmd('logic', '$or', [this, ...conditions])
  }
}

const q = (op: string) => (value: unknown) => new Cmd('query', op, [value])
const agg = (op: string) => (expression: unknown) => new Cmd('aggregate', op, [expression])
const list = (conditions: Condition[] | Condition, rest: Condition[]): Condition[] => (Array.isArray(conditions) ? conditions : [conditions, ...rest])

export function makeCommand(): DbCommand {
  return {
    eq: q('$eq'),
    neq: q('$ne'),
    gt: q('$gt'),
    gte: q('$gte'),
    lt: q('$lt'),
    lte: q('$lte'),
    in: q('$in'),
    nin: q('$nin'),
    exists: q('$exists'),
    and: (conditions: Condition[], ...rest: Condition[]) => new Cmd('logic', '$and', list(conditions, rest)),
    or: (conditions: Condition[], ...rest: Condition[]) => new Cmd('logic', '$or', list(conditions, rest)),
    inc: (by: number) => new Cmd('update', '$inc', [by]),
    max: (value: unknown) => new Cmd('update', '$max', [value]),
    set: (value: unknown) => new Cmd('update', '$set', [value]),
    remove: () => new Cmd('update', '$unset', []),
    aggregate: {
      sum: agg('$sum'),
      max: agg('$max'),
      min: agg('$min'),
      first: agg('$first'),
      addToSet: agg('$addToSet'),
      cond: agg('$cond'),
      lt: agg('$lt'),
      eq: agg('$eq'),
    },
  }
}

const isPlainObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Cmd)

/** Reject what the SDK would refuse or silently mangle: undefined values and raw `$` operators. */
export function assertStorable(value: unknown, path: string): void {
  if (value === undefined) throw fakeError(-501007, 'INVALID_PARAM', `${path}: undefined is not a valid value (use null)`)
  if (value instanceof Cmd) return
  if (Array.isArray(value)) value.forEach((v, i) => assertStorable(v, `${path}.${i}`))
  else if (isPlainObject(value))
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$')) throw fakeError(-502002, 'INVALID_COMMAND', `${path}: raw operator "${k}" — use db.command instead`)
      assertStorable(v, path ? `${path}.${k}` : k)
    }
}

/** A command chain on one field (`_.gte(a).and(_.lt(b))`) → a Mongo condition on that field. */
function fieldCondition(field: string, cmd: Cmd): Doc {
  if (cmd.kind === 'query') {
    const arg = cmd.args[0]
    assertStorable(arg, field)
    return { [field]: { [cmd.op]: arg } }
  }
  if (cmd.kind === 'logic') return { [cmd.op]: cmd.args.map((c) => (c instanceof Cmd ? fieldCondition(field, c) : toMongoQuery({ [field]: c }))) }
  throw fakeError(-502002, 'INVALID_COMMAND', `${cmd.op} is not a query command`)
}

/** A `where` condition → Mongo query. Plain nested objects match field by field, as in CloudBase. */
export function toMongoQuery(condition: unknown, prefix = ''): Doc {
  if (condition instanceof Cmd) {
    if (condition.kind !== 'logic' || prefix) throw fakeError(-502002, 'INVALID_COMMAND', 'a top-level condition must be an object, _.and or _.or')
    return { [condition.op]: condition.args.map((c) => toMongoQuery(c)) }
  }
  if (!isPlainObject(condition)) throw fakeError(-501007, 'INVALID_PARAM', 'where() takes an object')
  const parts: Doc[] = []
  for (const [key, value] of Object.entries(condition)) {
    const field = prefix ? `${prefix}.${key}` : key
    if (key.startsWith('$')) throw fakeError(-502002, 'INVALID_COMMAND', `raw operator "${key}" — use db.command instead`)
    if (value instanceof Cmd) parts.push(fieldCondition(field, value))
    else if (isPlainObject(value)) parts.push(toMongoQuery(value, field))
    else {
      assertStorable(value, field)
      parts.push({ [field]: value })
    }
  }
  return parts.length === 1 ? parts[0] : { $and: parts }
}

/** Aggregation stage arguments: commands become operators; the rest is passed through. */
export function toMongoExpression(value: unknown): unknown {
  if (value instanceof Cmd) {
    if (value.kind === 'aggregate') return { [value.op]: toMongoExpression(value.args[0]) }
    throw fakeError(-502002, 'INVALID_COMMAND', `${value.op} is not an aggregation operator`)
  }
  if (Array.isArray(value)) return value.map(toMongoExpression)
  if (isPlainObject(value)) {
    const out: Doc = {}
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$')) throw fakeError(-502002, 'INVALID_COMMAND', `raw operator "${k}" — use db.command.aggregate instead`)
      out[k] = toMongoExpression(v)
    }
    return out
  }
  if (value === undefined) throw fakeError(-501007, 'INVALID_PARAM', 'undefined in an aggregation stage')
  return value
}

// ---- applying an update to one document ----

function parentOf(doc: Doc, path: string[], create: boolean): Doc | null {
  let node: Doc = doc
  for (const key of path.slice(0, -1)) {
    const next = node[key]
    if (next === undefined) {
      if (!create) return null
      node[key] = {}
      node = node[key] as Doc
    } else if (isPlainObject(next)) node = next
    // Mongo: "Cannot create field 'x' in element {y: null}"
    else throw fakeError(-502001, 'DATABASE_REQUEST_FAILED', `cannot create field '${path.join('.')}' inside a non-object value`)
  }
  return node
}

const compare = (a: unknown, b: unknown): number => (typeof a === typeof b ? (a as number) < (b as number) ? -1 : a === b ? 0 : 1 : 0)

function applyOne(doc: Doc, path: string, op: string, arg: unknown): void {
  const keys = path.split('.')
  const leaf = keys[keys.length - 1]
  const parent = parentOf(doc, keys, op !== '$unset')
  if (!parent) return
  const current = parent[leaf]
  switch (op) {
    case '$set':
      parent[leaf] = structuredClone(arg)
      return
    case '$unset':
      delete parent[leaf]
      return
    case '$inc':
      if (current !== undefined && typeof current !== 'number') throw fakeError(-502001, 'DATABASE_REQUEST_FAILED', `cannot inc non-number '${path}'`)
      parent[leaf] = (typeof current === 'number' ? current : 0) + (arg as number)
      return
    case '$max':
      if (current === undefined || current === null || compare(arg, current) > 0) parent[leaf] = arg
      return
  }
  throw fakeError(-502002, 'INVALID_COMMAND', `unknown update command ${op}`)
}

/** Flatten `update({ data })` into (path, op, arg): plain objects merge field by field (CloudBase semantics). */
function flatten(data: Doc, prefix: string, out: [string, string, unknown][]): void {
  for (const [key, value] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (path === '_id') throw fakeError(-501007, 'INVALID_PARAM', 'cannot update _id')
    if (value instanceof Cmd) {
      if (value.kind !== 'update') throw fakeError(-502002, 'INVALID_COMMAND', `${value.op} is not an update command`)
      assertStorable(value.args[0] ?? null, path)
      out.push([path, value.op, value.args[0]])
    } else if (isPlainObject(value) && Object.keys(value).length > 0) flatten(value, path, out)
    else {
      assertStorable(value, path)
      out.push([path, '$set', value])
    }
  }
}

/** Apply an update to a copy of `doc`; returns the new document. */
export function applyUpdate(doc: Doc, data: Doc): Doc {
  const ops: [string, string, unknown][] = []
  flatten(data, '', ops)
  const next = structuredClone(doc)
  for (const [path, op, arg] of ops) applyOne(next, path, op, arg)
  return next
}

/** A document to store whole (`add`, `set`): plain data only, no commands. */
export function plainData(data: Doc): Doc {
  assertStorable(data, '')
  const visit = (v: unknown): void => {
    if (v instanceof Cmd) throw fakeError(-502002, 'INVALID_COMMAND', 'commands are only for update() and where()')
    if (Array.isArray(v)) v.forEach(visit)
    else if (isPlainObject(v)) Object.values(v).forEach(visit)
  }
  visit(data)
  return structuredClone(data)
}

// ---- a `$group` of plain fields, evaluated directly ----

type Plain = string | number | boolean | null
const isPlainValue = (v: unknown): v is Plain => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
/** `'$field'` (one level, no dots) → `field`; anything else → null. */
const fieldOf = (expr: unknown): string | null => (typeof expr === 'string' && /^\$[^$.]+$/.test(expr) ? expr.slice(1) : null)

type Accumulate = { out: string; op: '$sum' | '$max' | '$min' | '$first'; field: string | null; constant: number }

/** The larger of two values of one type (strings and numbers order natively, as mingo's compare does for a single type). */
const larger = (a: Plain, b: Plain): boolean => (a as string | number) > (b as string | number)

/**
 * A `$group` stage (Mongo syntax, as toMongoExpression gives it) evaluated without mingo, when it
 * only reads top-level fields that every record holds as plain values: `_id` a field, an object of
 * fields, or null; accumulators `$sum` (of a field or a number), `$max`, `$min` and `$first` of a
 * field, `$max`/`$min` over values of one type. It answers as mingo's `$group` does (groups in
 * order of first appearance, `_id` first, then the accumulators in the order given). Null when the
 * stage or the records are outside that: mingo evaluates it then.
 */
export function plainGroup(rows: readonly Doc[], group: Doc): Doc[] | null {
  const idExpr = group._id
  const idFields = idExpr === null ? [] : fieldOf(idExpr) !== null ? [fieldOf(idExpr) as string] : isPlainObject(idExpr) ? Object.values(idExpr).map(fieldOf) : null
  if (!idFields || idFields.some((f) => f === null) || ('_id' in group === false)) return null
  const idKeys = isPlainObject(idExpr) ? Object.keys(idExpr) : null
  const accumulators: Accumulate[] = []
  for (const [out, spec] of Object.entries(group)) {
    if (out === '_id') continue
    if (!isPlainObject(spec) || Object.keys(spec).length !== 1) return null
    const [op] = Object.keys(spec)
    const arg = spec[op]
    if (op !== '$sum' && op !== '$max' && op !== '$min' && op !== '$first') return null
    if (op === '$sum' && typeof arg === 'number' && Number.isFinite(arg)) accumulators.push({ out, op, field: null, constant: arg })
    else if (fieldOf(arg) !== null) accumulators.push({ out, op, field: fieldOf(arg), constant: 0 })
    else return null
  }
  const read = [...(idFields as string[]), ...accumulators.flatMap((a) => (a.field ? [a.field] : []))]
  // Every field read is there, as a plain value; `$max`/`$min` see one type besides null.
  const typeOf = new Map<string, string>()
  for (const d of rows)
    for (const f of read) {
      const v = d[f]
      if (!isPlainValue(v)) return null
      if (v === null) continue
      const t = typeof v
      if ((typeOf.get(f) ?? t) !== t) if (accumulators.some((a) => a.field === f && (a.op === '$max' || a.op === '$min'))) return null
      typeOf.set(f, t)
    }
  const groups = new Map<string, { id: Plain | Doc; values: Plain[]; count: number }>()
  for (const d of rows) {
    const values = idFields.map((f) => d[f as string] as Plain)
    const key = JSON.stringify(values)
    let g = groups.get(key)
    if (!g) {
      const id: Plain | Doc = idKeys ? Object.fromEntries(idKeys.map((k, i) => [k, values[i]])) : idFields.length ? values[0] : null
      g = { id, values: accumulators.map((a) => (a.op === '$sum' ? 0 : a.field ? (d[a.field] as Plain) : null)), count: 0 }
      groups.set(key, g)
    } else
      accumulators.forEach((a, i) => {
        const v = a.field ? (d[a.field] as Plain) : null
        const have = g!.values[i]
        if (a.op === '$max' && v !== null && (have === null || larger(v, have))) g!.values[i] = v
        if (a.op === '$min' && v !== null && (have === null || larger(have, v))) g!.values[i] = v
      })
    accumulators.forEach((a, i) => {
      if (a.op !== '$sum' || !a.field) return
      const v = d[a.field]
      if (typeof v === 'number') g!.values[i] = (g!.values[i] as number) + v
    })
    g.count++
  }
  return [...groups.values()].map((g) => {
    const out: Doc = { _id: g.id }
    accumulators.forEach((a, i) => (out[a.out] = a.op === '$sum' && !a.field ? g.count * a.constant : g.values[i]))
    return out
  })
}

/**
 * A deep copy of stored data, as `structuredClone` makes it, several times faster on records:
 * arrays and plain objects are copied here, anything else (a Date, say) by `structuredClone`.
 */
export function copy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(copy) as T
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return structuredClone(value)
  const out: Doc = {}
  for (const k of Object.keys(value)) {
    const v = copy((value as Doc)[k])
    // An own `__proto__` key stays a key (assigning it would set the prototype).
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
    else out[k] = v
  }
  return out as T
}
