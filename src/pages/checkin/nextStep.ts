/**
 * What a refusal leaves the member to do. `scan`: this code is spent (expired, or check-in not open
 * yet), so only a new scan of the screen can help; `retry`: the same code may still work (no position
 * yet, out of range, the network); `none`: no scan will help (not in the audience, not signed up,
 * cancelled, closed — 补签 is offered there when the server allows it).
 */
export function nextStepAfter(code: string, details?: Record<string, unknown>): 'scan' | 'retry' | 'none' {
  if (code === 'TOKEN_EXPIRED') return 'scan'
  if (code === 'WINDOW_CLOSED') return details?.opensAt ? 'scan' : 'none'
  if (['NOT_IN_AUDIENCE', 'NOT_SIGNED_UP', 'ACTIVITY_NOT_OPEN', 'NOT_FOUND', 'BAD_INPUT', 'FORBIDDEN'].includes(code)) return 'none'
  return 'retry'
}
