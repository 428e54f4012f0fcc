import { policyAt, type Policy } from '../domain/policy'
import type { Store } from '../store/Store'

/** The policy in force, from the stored versions, re-read every few seconds (versions change rarely). */
export class PolicySource {
  private versions: { effectiveFrom: string; policy: unknown }[] = []
  private loadedAt = -Infinity

  constructor(
    private readonly base: Policy,
    private readonly store: Store,
    private readonly ttlMs = 5000,
  ) {}

  /** Read the versions again on the next request (a city admin just saved one). */
  invalidate(): void {
    this.loadedAt = -Infinity
  }

  async at(now: Date): Promise<Policy> {
    if (Date.now() - this.loadedAt > this.ttlMs) {
      this.versions = await this.store.policyVersions()
      this.loadedAt = Date.now()
    }
    return this.versions.length ? policyAt(this.base, this.versions, now) : this.base
  }
}
