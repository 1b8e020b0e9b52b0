import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Conversation from '#models/conversation'
import type Payment from '#models/payment'

/**
 * Opens (or finds) the conversation a successful unlock gives access to:
 * one per room and client. Runs inside the transaction that completes the
 * payment, so the unlock and its conversation land together.
 */
export default class OpenConversation {
  async handle(payment: Payment, trx: TransactionClientContract) {
    const existing = await Conversation.query({ client: trx })
      .where('roomId', payment.roomId)
      .where('clientId', payment.clientId)
      .first()
    if (existing) return { conversation: existing, created: false }
    const conversation = await Conversation.create(
      {
        roomId: payment.roomId,
        clientId: payment.clientId,
        ownerId: payment.ownerId,
        openedByPaymentId: payment.id,
      },
      { client: trx }
    )
    return { conversation, created: true }
  }
}
