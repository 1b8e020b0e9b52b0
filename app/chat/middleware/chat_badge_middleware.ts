import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { unreadTotal } from '#chat/queries/unread_counts'

/**
 * Gives pages the logged-in user's unread message count for the badge in
 * the navigation (kept live by resources/js/notifications.js), as a
 * function the navigation awaits: only a page that renders the badge
 * queries it, at most once; JSON calls and redirects never do.
 */
export default class ChatBadgeMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.user
    if (user && ctx.request.method() === 'GET') {
      let total: Promise<number> | undefined
      ctx.view.share({ unreadBadgeTotal: () => (total ??= unreadTotal(user.id)) })
    }
    return next()
  }
}
