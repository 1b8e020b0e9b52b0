import type Conversation from '#models/conversation'
import Message from '#models/message'

/** Messages per history page. */
export const HISTORY_PAGE_SIZE = 30

/** Where a history page starts: before an id, after an id, or the newest. */
export type HistoryCursor = { before?: number; after?: number; limit?: number }

/**
 * A page of history. Without a cursor: the newest page, newest first.
 * `before`: older than that id, newest first. `after`: everything newer
 * than that id, oldest first (what a page that reconnects missed).
 */
export async function messageHistory(conversation: Conversation, cursor: HistoryCursor = {}) {
  const limit = Math.min(cursor.limit ?? HISTORY_PAGE_SIZE, 100)
  const query = Message.query().where('conversationId', conversation.id)
  if (cursor.after !== undefined) {
    const messages = await query
      .where('id', '>', cursor.after)
      .orderBy('id', 'asc')
      .limit(limit + 1)
    return { messages: messages.slice(0, limit), hasMore: messages.length > limit }
  }
  if (cursor.before !== undefined) query.where('id', '<', cursor.before)
  const messages = await query.orderBy('id', 'desc').limit(limit + 1)
  return { messages: messages.slice(0, limit), hasMore: messages.length > limit }
}
