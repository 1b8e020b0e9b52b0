import { Exception } from '@adonisjs/core/exceptions'

/**
 * Thrown when a client asks to pay for something they may not or need not
 * (rendered by the exception handler with its status and code).
 */
export class UnlockNotPossible extends Exception {
  constructor(message: string, status: number, code: string) {
    super(message, { status, code })
  }
}
