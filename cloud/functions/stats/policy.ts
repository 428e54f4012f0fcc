import type { z } from 'zod'
import type { stats as schemas } from '../../contract/schemas'
import { fail } from '../../domain/errors'
import { EDITABLE_POLICY_FIELDS, policyAt, type Policy, type PolicyChange } from '../../domain/policy'
import type { AuthedCtx } from '../../runtime/action'

type In<K extends keyof typeof schemas> = z.output<(typeof schemas)[K]>

export async function policy(_input: In<'policy'>, ctx: AuthedCtx) {
  const versions = await ctx.store.policyVersions()
  const editable = Object.fromEntries(EDITABLE_POLICY_FIELDS.map((k) => [k, ctx.policy[k]])) as Pick<Policy, (typeof EDITABLE_POLICY_FIELDS)[number]>
  return { current: editable, versions }
}

/** A new policy version from a date on; earlier credits keep their points. */
export async function setPolicy(input: In<'setPolicy'>, ctx: AuthedCtx) {
  const { effectiveFrom, ...fields } = input
  const change: PolicyChange = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
  if (Object.keys(change).length === 0) fail('BAD_INPUT', '请至少修改一项规则')
  if (Date.parse(effectiveFrom) < ctx.now().getTime() - 60_000) fail('BAD_INPUT', '生效时间不能早于现在：已产生的积分不追溯调整')
  const version = { effectiveFrom: new Date(effectiveFrom).toISOString(), policy: change, createdBy: ctx.caller.id, createdAt: ctx.now().toISOString() }
  const result = await ctx.audit.recording(
    () => ctx.store.insertPolicyVersion(version),
    (versions) => ({ versions, atEffectiveDate: policyAt(ctx.policy, versions, new Date(effectiveFrom)) }),
  )
  ctx.policyChanged?.()
  return result
}
