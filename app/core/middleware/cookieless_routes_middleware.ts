import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { isCookieless } from '#core/http/cookieless'

/**
 * Server middleware: runs the handler of a route marked `cookieless()`
 * (#core/http/cookieless) itself, so the router middleware (session, CSRF,
 * auth) never runs for it and no cookie is set. Every other request goes on
 * to the router.
 */
export default class CookielessRoutesMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const method = ctx.request.method()
    if (method !== 'GET' && method !== 'HEAD') return next()
    const match = router.match(ctx.request.url(), method, ctx.request.parsedUrl.shouldDecodeParam)
    if (!match || !isCookieless(match.route.name)) return next()

    ctx.params = match.params
    ctx.subdomains = match.subdomains
    ctx.route = match.route
    ctx.routeKey = match.routeKey
    const { handler } = match.route
    const value =
      typeof handler === 'function'
        ? await handler(ctx)
        : await handler.handle(ctx.containerResolver, ctx)
    // As the router does with a handler's return value.
    if (value !== undefined && value !== ctx.response && !ctx.response.hasLazyBody) {
      ctx.response.send(value)
    }
  }
}
