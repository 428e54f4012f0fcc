/**
 * The real gateway on the seeded demo city, rate limits on, where each request may say which
 * address it comes from (`from`): for the per-address limits seen from many addresses at once.
 */
import { startTestServer, type AddressedReply, type TestServer } from '../../helpers/testServer'

export type { AddressedReply }
export type AddressedServer = TestServer

export const startAddressedServer = (opts: { now?: string; log?: (line: string) => void } = {}): Promise<AddressedServer> =>
  startTestServer({ ...opts, rateLimits: true, addressed: true })
