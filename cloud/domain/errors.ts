import type { ErrorCode } from '../contract/errors'

/** A rule said no. Only the handler edge turns this into an envelope. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, details)
}
