import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { tagSessionWith } from '#core/http/session_tags'

/**
 * Silent auth middleware can be used as a global middleware to silent check
 * if the user is logged-in or not.
 *
 * The request continues as usual, even when the user is not logged-in.
 *
 * A "remember me" cookie that opened a fresh session (the last one had
 * expired) tags it with its user; one that no longer opens anything
 * (revoked or expired) is cleared, instead of being checked on every request.
 */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.check()

    const guard = ctx.auth.use('web')
    if (guard.viaRemember && guard.user) {
      await tagSessionWith(ctx.session, guard.user.id)
    } else if (guard.attemptedViaRemember && !guard.user) {
      ctx.response.clearCookie(guard.rememberMeKeyName)
    }

    return next()
  }
}
