import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { shutdownState } from '#core/http/graceful_shutdown'
import { answerLiveStreamRetry, isLiveStreamRequest } from '#core/http/unavailable'

/**
 * Server middleware: while the process shuts down, a browser that opens the
 * live stream again (on a keep-alive connection) is told to retry shortly,
 * by then against another instance or this one restarted, instead of
 * getting a stream that would hold the shutdown up.
 */
export default class LiveStreamDrainMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (shutdownState.draining && isLiveStreamRequest(ctx.request)) {
      return answerLiveStreamRetry(ctx, 2000)
    }
    return next()
  }
}
