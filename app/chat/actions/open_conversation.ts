import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Conversation from '#models/conversation'
import type Payment from '#models/payment'

/**
 * Opens (or finds) the conversation a successful unlock gives access to:
 * one per room and client. Runs inside the transaction that completes the
 * payment, so the unlock and its conversation land together. Two unlocks
 * of one room by one client never collide on the unique index: the later
 * one finds the conversation the first one stored.
 */
export default class OpenConversation {
  async handle(payment: Payment, trx: TransactionClientContract) {
    const existing = await this.#find(payment, trx)
    if (existing) return { conversation: existing, created: false }
    const now = new Date()
    const [inserted] = await trx
      .insertQuery()
      .table('conversations')
      .insert({
        room_id: payment.roomId,
        client_id: payment.clientId,
        owner_id: payment.ownerId,
        opened_by_payment_id: payment.id,
        created_at: now,
        updated_at: now,
      })
      .onConflict(['room_id', 'client_id'])
      .ignore()
      .returning('*')
    if (!inserted) {
      // Another transaction stored it first (and committed): that one is the conversation.
      return { conversation: (await this.#find(payment, trx))!, created: false }
    }
    const conversation = Conversation.$createFromAdapterResult(inserted, {}, { client: trx })!
    return { conversation, created: true }
  }

  #find(payment: Payment, trx: TransactionClientContract) {
    return Conversation.query({ client: trx })
      .where('roomId', payment.roomId)
      .where('clientId', payment.clientId)
      .first()
  }
}
