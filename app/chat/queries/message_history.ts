import db from '@adonisjs/lucid/services/db'
import type Conversation from '#models/conversation'
import type { MessageFields } from '#chat/presenters/message_presenter'

/** Messages per history page. */
export const HISTORY_PAGE_SIZE = 30

/** Where a history page starts: before an id, after an id, or the newest. */
export type HistoryCursor = { before?: number; after?: number; limit?: number }

/** A stored message as history returns it: a plain row, camel-cased (no model). */
export type HistoryMessage = MessageFields & { id: number }

const COLUMNS = `id, conversation_id AS "conversationId", sender_id AS "senderId",
  receiver_id AS "receiverId", content, image_file_name AS "imageFileName", call_id AS "callId",
  client_key AS "clientKey", read_at AS "readAt", created_at AS "createdAt"`

// Written out rather than built: this runs on every chat page and catch-up, and knex's
// query compiler was a visible share of the messages API's CPU (docs/performance.md).
const PAGES = {
  newest: `SELECT ${COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?`,
  before: `SELECT ${COLUMNS} FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  after: `SELECT ${COLUMNS} FROM messages WHERE conversation_id = ? AND id > ? ORDER BY id ASC LIMIT ?`,
}

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
  const [sql, bindings] =
    cursor.after !== undefined
      ? [PAGES.after, [conversation.id, cursor.after, limit + 1]]
      : cursor.before !== undefined
        ? [PAGES.before, [conversation.id, cursor.before, limit + 1]]
        : [PAGES.newest, [conversation.id, limit + 1]]
  const { rows } = (await db.rawQuery(sql, bindings)) as { rows: HistoryMessage[] }
  for (const row of rows) row.id = Number(row.id)
  return { messages: rows.slice(0, limit), hasMore: rows.length > limit }
}
