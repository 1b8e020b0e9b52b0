import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { unreadCounts } from '#chat/queries/unread_counts'

/**
 * Shares the logged-in user's unread message count with every page, for
 * the badge in the navigation (kept live by resources/js/notifications.js).
 */
export default class ChatBadgeMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.auth.user && 'view' in ctx && ctx.request.method() === 'GET') {
      const { total } = await unreadCounts(ctx.auth.user.id)
      ctx.view.share({ unreadTotal: total })
    }
    return next()
  }
}
