import db from '@adonisjs/lucid/services/db'
import Conversation from '#models/conversation'

/** A user's unread messages, in total and per conversation id. */
export type UnreadCounts = { total: number; byConversation: Record<number, number> }

/**
 * The user's unread count in each of their conversations, from the counters
 * the `messages` triggers keep (migration add_unread_counters): only
 * conversations whose unlock still stands count.
 */
function unreadPerConversation(userId: number) {
  return db
    .from('conversations')
    .where((query) => query.where('client_id', userId).orWhere('owner_id', userId))
    .whereExists(Conversation.unlockStandsSql)
    .select('id')
    .select(
      db.raw(
        'case when client_id = ? then client_unread_count else owner_unread_count end as unread',
        [userId]
      )
    )
}

/**
 * Unread messages of a user, in total and per conversation.
 */
export async function unreadCounts(userId: number): Promise<UnreadCounts> {
  const rows: { id: number; unread: number }[] = await unreadPerConversation(userId)
  const byConversation: Record<number, number> = {}
  let total = 0
  for (const row of rows) {
    if (row.unread > 0) byConversation[row.id] = row.unread
    total += row.unread
  }
  return { total, byConversation }
}

/** The number on the navigation's badge: unread messages of a user. */
export async function unreadTotal(userId: number): Promise<number> {
  const row = await db
    .from(unreadPerConversation(userId).as('counts'))
    .sum('unread as total')
    .first()
  return Number(row?.total ?? 0)
}
