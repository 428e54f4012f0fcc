import type { Envelope } from '@cloud/contract/errors'

/** Sends one event to one cloud function and returns its envelope; one implementation per platform. */
export type Transport = (fn: string, event: Record<string, unknown>, session: string | null) => Promise<Envelope<unknown>>
