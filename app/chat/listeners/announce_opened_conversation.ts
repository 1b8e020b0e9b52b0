import type { EventsList } from '@adonisjs/core/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Conversation from '#models/conversation'
import { userChannel } from '#core/live/channels'
import { broadcastDurably } from '#core/live/durable_broadcast'

/**
 * Tells both people that their conversation is open, once the unlock that
 * opens it is complete (OpenConversation stored it in the same
 * transaction). An outbox listener: the notice is a durable job of it.
 */
export default class AnnounceOpenedConversation {
  async handle(
    { payment, previousStatus }: EventsList['payment:status_changed'],
    trx: TransactionClientContract
  ) {
    if (!payment.isComplete) return
    // A duplicate payment taking over a revoked unlock: the conversation was open all along.
    if (String(previousStatus) === 'duplicate') return
    const conversation = await Conversation.query({ client: trx })
      .where('roomId', payment.roomId)
      .where('clientId', payment.clientId)
      .first()
    if (!conversation) return
    const data = {
      type: 'conversation.new',
      conversationId: conversation.id,
      roomId: conversation.roomId,
    }
    await broadcastDurably(trx, `conversation-opened:${payment.transactionId}`, [
      { channel: userChannel(conversation.ownerId), data },
      { channel: userChannel(conversation.clientId), data },
    ])
  }
}
