import db from '@adonisjs/lucid/services/db'
import type Conversation from '#models/conversation'
import type { MessageFields } from '#chat/presenters/message_presenter'

/** Messages per history page. */
export const HISTORY_PAGE_SIZE = 30

/** Where a history page starts: before an id, after an id, or the newest. */
export type HistoryCursor = { before?: number; after?: number; limit?: number }

/** A stored message as history returns it: a plain row, camel-cased (no model). */
export type HistoryMessage = MessageFields & { id: number }

/**
 * A page of history, one statement. Without a cursor: the newest page,
 * newest first. `before`: older than that id, newest first. `after`:
 * everything newer than that id, oldest first (what a page that
 * reconnects missed).
 */
export async function messageHistory(
  conversation: Pick<Conversation, 'id'>,
  cursor: HistoryCursor = {}
) {
  const limit = Math.min(cursor.limit ?? HISTORY_PAGE_SIZE, 100)
  const query = db
    .from('messages')
    .where('conversation_id', conversation.id)
    .select(
      'id',
      'conversation_id as conversationId',
      'sender_id as senderId',
      'receiver_id as receiverId',
      'content',
      'image_file_name as imageFileName',
      'call_id as callId',
      'client_key as clientKey',
      'read_at as readAt',
      'created_at as createdAt'
    )
  if (cursor.after !== undefined) query.where('id', '>', cursor.after).orderBy('id', 'asc')
  else {
    if (cursor.before !== undefined) query.where('id', '<', cursor.before)
    query.orderBy('id', 'desc')
  }
  const rows: HistoryMessage[] = await query.limit(limit + 1)
  for (const row of rows) row.id = Number(row.id)
  return { messages: rows.slice(0, limit), hasMore: rows.length > limit }
}
