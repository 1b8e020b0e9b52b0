import db from '@adonisjs/lucid/services/db'
import Conversation from '#models/conversation'

/** A user's unread messages, in total and per conversation id. */
export type UnreadCounts = { total: number; byConversation: Record<number, number> }

/**
 * Unread messages of a user, in total and per conversation (only
 * conversations whose unlock still stands count).
 */
export async function unreadCounts(userId: number): Promise<UnreadCounts> {
  const rows = await db
    .from('messages')
    .join('conversations', 'conversations.id', 'messages.conversation_id')
    .where('messages.receiver_id', userId)
    .whereNull('messages.read_at')
    .whereExists(Conversation.unlockStandsSql)
    .groupBy('messages.conversation_id')
    .select('messages.conversation_id')
    .count('* as unread')
  const byConversation: Record<number, number> = {}
  for (const row of rows) byConversation[row.conversation_id] = Number(row.unread)
  return {
    total: Object.values(byConversation).reduce((sum, count) => sum + count, 0),
    byConversation,
  }
}
