import type { HttpContext } from '@adonisjs/core/http'

/**
 * Whether a request asks for JSON (the unlock modal, the chat and call
 * scripts) rather than a page. The one test for it: controllers answer
 * JSON or redirect on it, the exception handler picks the error shape.
 */
export function wantsJson(request: HttpContext['request']) {
  return (request.header('accept') ?? '').includes('application/json')
}
