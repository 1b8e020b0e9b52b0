import type { HttpContext } from '@adonisjs/core/http'
import type { Logger } from '@adonisjs/core/logger'

/**
 * What a request gets while the database cannot be reached: 503 with
 * Retry-After, as the API error shape or a plain page; and for the live
 * stream, an answer an EventSource retries (see `answerLiveStreamRetry`).
 */
export const RETRY_AFTER_SECONDS = 5

export const UNAVAILABLE_CODE = 'E_SERVICE_UNAVAILABLE'
const MESSAGE = 'Kotha is briefly unavailable. Please try again in a few seconds.'

/** The Transmit stream route (`transmit.registerRoutes` in start/transmit.ts). */
export const LIVE_STREAM_PATH = '/__transmit/events'

export function isLiveStreamRequest(request: HttpContext['request']) {
  return request.method() === 'GET' && request.url() === LIVE_STREAM_PATH
}

/**
 * 503 + Retry-After: `{"error":{"status":503,"code":"E_SERVICE_UNAVAILABLE",…}}`
 * for API calls, a plain page (no layout: it reads nothing) for browsers.
 */
export async function respondUnavailable(ctx: HttpContext, asJson: boolean) {
  if (isLiveStreamRequest(ctx.request)) {
    return answerLiveStreamRetry(ctx, RETRY_AFTER_SECONDS * 1000)
  }
  const { response } = ctx
  response.status(503).header('Retry-After', String(RETRY_AFTER_SECONDS))
  response.header('Cache-Control', 'no-store')
  if (asJson) {
    return response.send({ error: { status: 503, code: UNAVAILABLE_CODE, message: MESSAGE } })
  }
  let html: string
  try {
    html = await ctx.view.render('pages/errors/unavailable', { retryAfter: RETRY_AFTER_SECONDS })
  } catch {
    html = `<!DOCTYPE html><title>Kotha is briefly unavailable</title><p>${MESSAGE}</p>`
  }
  return response.header('Content-Type', 'text/html; charset=utf-8').send(html)
}

/**
 * An EventSource never reconnects after a non-200 answer, and Transmit's
 * client gives up after five failed attempts in a row. So the stream route
 * answers 200 `text/event-stream` with a `retry:` line (the delay before the
 * next attempt, spread so that clients do not all return at once) and ends:
 * the browser opens, counts a good connection, and comes back later, when
 * the database (or another instance) can serve it. Pages then catch up
 * through the history API's `after` cursor.
 */
export function answerLiveStreamRetry({ response }: HttpContext, retryMs: number) {
  const delay = Math.round(retryMs * (0.5 + Math.random()))
  response
    .status(200)
    .header('Content-Type', 'text/event-stream')
    .header('Cache-Control', 'no-store')
    .header('X-Accel-Buffering', 'no')
  return response.send(`retry: ${delay}\n: unavailable, reconnect later\n\n`)
}

/**
 * One warning per interval while the outage lasts, with how many requests
 * were turned away, instead of one error with a stack trace per request.
 */
export class OutageReporter {
  #turnedAway = 0
  #lastReportAt = 0

  constructor(private intervalMs = 5000) {}

  report(logger: Logger, error: unknown) {
    this.#turnedAway++
    const now = Date.now()
    if (now - this.#lastReportAt < this.intervalMs) return
    const { code, message } = (error ?? {}) as { code?: string; message?: string }
    logger.warn(
      { code, turnedAway: this.#turnedAway },
      'database unavailable, answering 503: %s',
      message ?? String(error)
    )
    this.#lastReportAt = now
    this.#turnedAway = 0
  }
}
