import app from '@adonisjs/core/services/app'
import { wantsJson } from '#core/http/content_negotiation'
import { isDatabaseUnavailable } from '#core/database/connection_errors'
import { OutageReporter, respondUnavailable } from '#core/http/unavailable'
import { renderStatusPage } from '#core/http/status_pages'
import { CodedDenial } from '#core/authorization'
import { isThrottled, respondThrottled } from '#core/http/throttled'
import { flashValidationErrors } from '#core/http/compact_flash'
import { invalidInput, isInvalidInputError } from '#core/database/data_errors'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { HttpError, StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as vineErrors } from '@vinejs/vine'
import { errors as bouncerErrors } from '@adonisjs/bouncer'

/**
 * Turns every error into a response: status pages for browsers, and one
 * stable JSON shape for API calls:
 *   { "error": { "status": 422, "code": "E_VALIDATION_ERROR", "message": "…", "fields": { "email": ["…"] } } }
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /**
   * Status pages are rendered in production and in tests, so tests see
   * what people see.
   */
  protected renderStatusPages = app.inProduction || app.inTest

  /**
   * Also for unmatched URLs (no session, no auth) and when the page itself
   * fails (#core/http/status_pages).
   */
  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (_, ctx) => renderStatusPage(ctx, 403),
    '404': (_, ctx) => renderStatusPage(ctx, 404),
    '500..599': (_, ctx) => renderStatusPage(ctx, 500),
  }

  /**
   * While the database is unreachable: 503 with Retry-After (JSON, a plain
   * page, or a stream answer the browser retries), and one warning now and then.
   */
  #outages = new OutageReporter()

  async handle(error: unknown, ctx: HttpContext): Promise<unknown> {
    if (isDatabaseUnavailable(error)) {
      return respondUnavailable(ctx, isApiRequest(ctx))
    }
    // A spent rate limit: 429 with Retry-After, JSON or a page saying how long to wait.
    if (isThrottled(error)) return respondThrottled(ctx, error, isApiRequest(ctx))
    // Input the validators missed and the database refused (a NUL, an id out of range): 400.
    if (isInvalidInputError(error)) {
      ctx.logger.warn({ err: error }, 'the database refused a value from a request')
      return this.handle(invalidInput(error), ctx)
    }
    if (isApiRequest(ctx)) {
      return this.#renderJson(error, ctx)
    }
    /**
     * A refused action is a 403 page, also for form posts (Bouncer would
     * redirect back and hide the refusal).
     */
    if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE) {
      return ctx.response.status(403).send(await renderStatusPage(ctx, 403))
    }
    return super.handle(error, ctx)
  }

  /**
   * A form that fails validation goes back with its messages and input,
   * kept small enough for the session cookie (#core/http/compact_flash).
   */
  async renderValidationErrorAsHTML(error: HttpError, ctx: HttpContext) {
    if (!ctx.session) return super.renderValidationErrorAsHTML(error, ctx)
    flashValidationErrors(
      ctx,
      error as HttpError & { messages: { field: string; message: string }[] }
    )
    ctx.response.redirect('back', true)
  }

  async report(error: unknown, ctx: HttpContext) {
    if (isDatabaseUnavailable(error)) return this.#outages.report(ctx.logger, error)
    return super.report(error, ctx)
  }

  async #renderJson(error: unknown, ctx: HttpContext) {
    const status = statusOf(error)
    const body: {
      status: number
      code: string
      message: string
      fields?: Record<string, string[]>
    } = {
      status,
      code: codeOf(error, status),
      message:
        status >= 500 && app.inProduction ? 'Something went wrong' : messageOf(error, status),
    }
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      body.message = 'Some fields are not valid'
      body.fields = {}
      for (const item of error.messages as { field: string; message: string }[]) {
        ;(body.fields[item.field] ??= []).push(item.message)
      }
    }
    if (status >= 500) await this.report(error, ctx)
    return ctx.response.status(status).send({ error: body })
  }
}

/**
 * JSON endpoints, and any request that asks for JSON (the unlock modal).
 */
function isApiRequest(ctx: HttpContext) {
  const url = ctx.request.url()
  if (
    url.startsWith('/api/') ||
    url.startsWith('/esewa-webhook') ||
    url.startsWith('/__transmit/') ||
    url.startsWith('/push/')
  )
    return true
  if (/^\/calls\/\d+\/(state|accept|decline|hangup|connected|failed|signal|signals)$/.test(url))
    return true
  if (/^\/payments\/[^/]+\/status$/.test(url)) return true
  return wantsJson(ctx.request)
}

function statusOf(error: unknown): number {
  const status =
    error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE
      ? (error.response.status ?? error.status)
      : (error as { status?: number })?.status
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500
}

function codeOf(error: unknown, status: number): string {
  // A policy's coded refusal (#core/authorization) says why, e.g. E_UNLOCK_REVOKED.
  if (
    error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE &&
    error.response instanceof CodedDenial
  ) {
    return error.response.code
  }
  const code = (error as { code?: string })?.code
  if (typeof code === 'string' && code.startsWith('E_')) return code
  return status === 404 ? 'E_NOT_FOUND' : status >= 500 ? 'E_INTERNAL' : 'E_REQUEST'
}

function messageOf(error: unknown, status: number): string {
  if (status === 404) return 'Not found'
  // Bouncer's exception keeps a fixed "Access denied"; the policy's own reason is on its response.
  if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE && error.response.message) {
    return error.response.message
  }
  const message = (error as { message?: string })?.message
  return typeof message === 'string' && message ? message : 'Request failed'
}
