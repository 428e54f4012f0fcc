import { policyAt, type Policy } from '../domain/policy'
import type { Store } from '../store/Store'

/** The policy in force, from the stored versions, re-read every few seconds (versions change rarely). */
export class PolicySource {
  private versions: { effectiveFrom: string; policy: unknown }[] = []
  private loadedAt = -Infinity
  /** A read under way, shared by the calls that need it meanwhile. */
  private loading: Promise<void> | null = null
  /** Bumped by `invalidate`, so a read begun before a change does not count as fresh after it. */
  private generation = 0

  constructor(
    private readonly base: Policy,
    private readonly store: Store,
    private readonly ttlMs = 5000,
  ) {}

  /** Read the versions again on the next request (a city admin just saved one). */
  invalidate(): void {
    this.loadedAt = -Infinity
    this.loading = null
    this.generation++
  }

  async at(now: Date): Promise<Policy> {
    if (Date.now() - this.loadedAt > this.ttlMs) {
      const generation = this.generation
      this.loading ??= this.store.policyVersions().then(
        (versions) => {
          this.versions = versions
          if (generation === this.generation) this.loadedAt = Date.now()
          this.loading = null
        },
        (e: unknown) => {
          this.loading = null
          throw e
        },
      )
      await this.loading
    }
    return this.versions.length ? policyAt(this.base, this.versions, now) : this.base
  }
}
