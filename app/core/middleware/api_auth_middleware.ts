import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * For JSON and event-stream endpoints: a visitor who is not logged in gets
 * 401 with the API error shape, never a redirect to the login page.
 */
export default class ApiAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!(await ctx.auth.check())) {
      return ctx.response.unauthorized({
        error: { status: 401, code: 'E_UNAUTHORIZED_ACCESS', message: 'Log in first' },
      })
    }
    return next()
  }
}
