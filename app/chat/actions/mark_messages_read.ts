import { afterCommit } from '#core/database/after_commit'
import emitter from '@adonisjs/core/services/emitter'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Conversation from '#models/conversation'
import type User from '#models/user'

/**
 * Marks the messages sent to `reader` in a conversation as read (all, or up
 * to an id). `messages:read` follows the commit every time, so the unread
 * badge is recounted even when nothing was marked; `upToId` is the last id
 * marked, or null when none was.
 */
export default class MarkMessagesRead {
  async handle(
    reader: User,
    conversation: Conversation,
    upToId?: number,
    trx?: TransactionClientContract
  ) {
    const readAt = DateTime.now()
    const mark = (client: TransactionClientContract) => {
      const query = client
        .from('messages')
        .where('conversation_id', conversation.id)
        .where('receiver_id', reader.id)
        .whereNull('read_at')
      if (upToId !== undefined) query.where('id', '<=', upToId)
      return query.update({ read_at: readAt.toJSDate() }).returning('id') as Promise<
        { id: number }[]
      >
    }
    const lastReadId = (rows: { id: number }[]) =>
      rows.length ? Math.max(...rows.map((row) => Number(row.id))) : null
    const updated = await afterCommit(trx, mark, async (rows) => {
      await emitter.emit('messages:read', {
        reader,
        conversation,
        upToId: lastReadId(rows),
        readAt,
      })
    })
    return { marked: updated.length }
  }
}
