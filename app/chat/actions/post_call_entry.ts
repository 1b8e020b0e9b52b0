import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Call from '#models/call'
import Conversation from '#models/conversation'
import Message from '#models/message'

/**
 * Writes the line a finished call leaves in its conversation, from the
 * caller to the callee, inside the transaction that ends the call. An
 * `unseen` entry (a missed call) stays unread for the person called.
 */
export default class PostCallEntry {
  async handle(
    call: Call,
    text: string,
    options: { unseen: boolean },
    trx: TransactionClientContract
  ) {
    const message = await Message.create(
      {
        conversationId: call.conversationId,
        senderId: call.callerId,
        receiverId: call.calleeId,
        content: text,
        callId: call.id,
        readAt: options.unseen ? null : DateTime.now(),
      },
      { client: trx }
    )
    await Conversation.query({ client: trx })
      .where('id', call.conversationId)
      .update({ lastMessageAt: new Date() })
    return message
  }
}
