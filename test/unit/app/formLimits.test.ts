/**
 * The app's forms check input with the server's own limits (cloud/contract/limits.ts): whatever a
 * form lets through, the action's schema takes, and whatever it refuses, the schema refuses too.
 */
import { activity, stats } from '../../../cloud/contract/schemas'
import { CAPACITY } from '../../../cloud/contract/limits'
import { parseCapacity } from '../../../src/organizer/shared/capacity'
import { changesOf, FIELDS, toPolicyChange, valuesOf, type FieldKey } from '../../../src/stats/policy/fields'
import { DEFAULT_POLICY } from '../../../cloud/domain/policy'

const current = valuesOf(DEFAULT_POLICY)
const texts = (over: Partial<Record<FieldKey, string>>) =>
  ({ ...Object.fromEntries(FIELDS.map((f) => [f.key, String(current[f.key])])), ...over }) as Record<FieldKey, string>
const setPolicyAccepts = (change: object) => stats.setPolicy.safeParse({ effectiveFrom: '2026-12-01T00:00:00+08:00', ...change }).success

test.each(FIELDS.map((f) => [f.key, f.min, f.max] as const))('policy field %s: the form and setPolicy agree at %i and %i', (key, min, max) => {
  for (const [n, ok] of [
    [min - 1, false],
    [min, true],
    [max, true],
    [max + 1, false],
  ] as const) {
    const form = changesOf(texts({ [key]: String(n) }), current)
    expect([n, form.problem === null]).toEqual([n, ok])
    expect([n, setPolicyAccepts(toPolicyChange({ [key]: n }))]).toEqual([n, ok])
  }
})

test('capacity: the form and activity.create agree at the edges', () => {
  const base = {
    kind: 'lecture',
    title: '讲座',
    startAt: '2026-12-01T09:00:00+08:00',
    endAt: '2026-12-01T10:00:00+08:00',
    audience: { type: 'all' },
  }
  for (const n of [CAPACITY.min - 1, CAPACITY.min, CAPACITY.max, CAPACITY.max + 1]) {
    const form = parseCapacity(String(n))
    const server = activity.create.safeParse({ ...base, capacity: n }).success
    expect([n, form.problem === undefined]).toEqual([n, server])
  }
  expect(parseCapacity('')).toEqual({})
})
