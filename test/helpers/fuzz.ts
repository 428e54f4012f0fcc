/**
 * The fast-check seed of a property test: FUZZ_SEED replays a failure fast-check reported; CI
 * replays a fixed seed (whether main lands never depends on luck); local runs explore new ones.
 */
export const fuzzSeed = (ciSeed: number): number | undefined =>
  process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? ciSeed : undefined
