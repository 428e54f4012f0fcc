/**
 * The stable error codes of the public contract (DESIGN.md, "HTTP shape").
 * Clients branch on `code`; `message` is Chinese text a member can act on.
 */
export const ERROR_HTTP_STATUS = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_IN_AUDIENCE: 403,
  NOT_SIGNED_UP: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  FULL: 409,
  PAYLOAD_TOO_LARGE: 413,
  WINDOW_CLOSED: 422,
  TOKEN_EXPIRED: 422,
  ACTIVITY_NOT_OPEN: 422,
  OUT_OF_RANGE: 422,
  LOCATION_REQUIRED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_IMPLEMENTED: 501,
} as const

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS

export interface ErrorBody {
  code: ErrorCode
  message: string
  /** Machine-readable extras, e.g. which fields were bad or when the window opens. */
  details?: Record<string, unknown>
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }
