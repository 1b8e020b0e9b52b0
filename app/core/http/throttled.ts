import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@adonisjs/limiter'

/**
 * What a request gets once a rate limit is spent: 429 with Retry-After, the
 * API's error shape for API calls, a page saying how long to wait for
 * browsers. The login and sign-up forms show the same message next to the
 * form instead (#accounts/controllers).
 */
export type ThrottleError = InstanceType<typeof errors.E_TOO_MANY_REQUESTS>

export const THROTTLE_CODE = 'E_TOO_MANY_REQUESTS'

export function isThrottled(error: unknown): error is ThrottleError {
  return error instanceof errors.E_TOO_MANY_REQUESTS
}

/** Whole seconds until the limit lets requests through again (at least 1). */
export function retryAfterSeconds(error: ThrottleError) {
  return Math.max(1, Math.ceil(error.response.availableIn))
}

/** "Too many attempts. Please wait 3 minutes and try again." */
export function throttleMessage(error: ThrottleError) {
  const seconds = retryAfterSeconds(error)
  const wait =
    seconds < 90
      ? `${seconds} second${seconds === 1 ? '' : 's'}`
      : `${Math.ceil(seconds / 60)} minutes`
  return `Too many attempts. Please wait ${wait} and try again.`
}

/** Retry-After and the limit's headers, on whatever answer follows. */
export function setThrottleHeaders({ response }: HttpContext, error: ThrottleError) {
  response.header('Retry-After', String(retryAfterSeconds(error)))
  response.header('X-RateLimit-Limit', String(error.response.limit))
  response.header('X-RateLimit-Remaining', '0')
  response.header('Cache-Control', 'no-store')
}

/** 429: `{"error":{"status":429,"code":"E_TOO_MANY_REQUESTS","message":"…"}}` or a page. */
export async function respondThrottled(ctx: HttpContext, error: ThrottleError, asJson: boolean) {
  setThrottleHeaders(ctx, error)
  const message = throttleMessage(error)
  ctx.response.status(429)
  if (asJson) {
    return ctx.response.send({ error: { status: 429, code: THROTTLE_CODE, message } })
  }
  let html: string
  try {
    html = await ctx.view.render('pages/errors/too_many_requests', { message })
  } catch (renderError) {
    ctx.logger.error({ err: renderError }, 'the 429 page could not be rendered')
    html = `<!DOCTYPE html><title>Too many requests · Kotha</title><h1>Too many requests</h1><p>${message}</p>`
  }
  return ctx.response.header('Content-Type', 'text/html; charset=utf-8').send(html)
}

/** The limit's refusal if `check` throws one, else null (other errors go on). */
export async function refusalOf(check: Promise<unknown>): Promise<ThrottleError | null> {
  try {
    await check
    return null
  } catch (error) {
    if (isThrottled(error)) return error
    throw error
  }
}

/**
 * 429 with the form page itself, the message next to the form
 * (`throttleMessage`) and what was typed (`state`): the login and sign-up
 * forms.
 */
export async function renderThrottledForm(
  ctx: HttpContext,
  error: ThrottleError,
  template: string,
  state: Record<string, unknown>
) {
  setThrottleHeaders(ctx, error)
  const html = await ctx.view.render(template, {
    ...state,
    throttleMessage: throttleMessage(error),
  })
  return ctx.response.status(429).send(html)
}
