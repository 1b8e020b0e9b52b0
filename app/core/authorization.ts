import { AuthorizationResponse } from '@adonisjs/bouncer'

/**
 * A policy's refusal with a stable error code (E_UNLOCK_REVOKED, …): the
 * exception handler puts the code into the JSON error, pages get the
 * status page. Policies return `deny(message, code)` instead of `false`
 * when the caller needs to know why.
 */
export class CodedDenial extends AuthorizationResponse {
  constructor(
    message: string,
    readonly code: string,
    status: number
  ) {
    super(false)
    this.message = message
    this.status = status
  }
}

/** Refuses with a message, a stable code and a status (403 unless said). */
export function deny(message: string, code: string, status = 403) {
  return new CodedDenial(message, code, status)
}
