import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import HealthChecksController from '#core/controllers/health_checks_controller'

/**
 * Server middleware: answers GET (and HEAD) /health/live and /health/ready before
 * routing, so a probe every few seconds opens no session, sets no cookie and
 * looks no user up (it works while the database is down, and stays fast).
 * The same paths are named routes (start/routes.ts) for links and listings.
 */
const PROBES: Record<string, 'live' | 'ready'> = {
  '/health/live': 'live',
  '/health/ready': 'ready',
}

export default class HealthProbeMiddleware {
  #controller = new HealthChecksController()

  async handle(ctx: HttpContext, next: NextFn) {
    const method = ctx.request.method()
    const probe = method === 'GET' || method === 'HEAD' ? PROBES[ctx.request.url()] : undefined
    if (probe) return this.#controller[probe](ctx)
    return next()
  }
}
