import type { EventsList } from '@adonisjs/core/types'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { formatNpr } from '#core/format'
import { paymentChannel, userChannel } from '#core/live/channels'
import { broadcastDurably, type LiveMessage } from '#core/live/durable_broadcast'

/**
 * Tells the paying client's open pages (the modal) that a payment moved,
 * and the owner, live, that a room of theirs was unlocked. An outbox
 * listener: the broadcast is a durable job of the payment's own commit, so
 * a crash right after the commit delays the owner's notice, never loses it.
 */
export default class BroadcastPaymentChange {
  async handle(
    { payment, previousStatus }: EventsList['payment:status_changed'],
    trx: TransactionClientContract
  ) {
    const messages = this.#status(payment)
    // A duplicate taking over a revoked unlock is no news for the owner: the room stayed unlocked.
    if (payment.status === PaymentStatus.Complete && previousStatus !== PaymentStatus.Duplicate) {
      messages.push(this.#unlock(payment))
    }
    await broadcastDurably(trx, `payment:${payment.transactionId}:${payment.status}`, messages)
  }

  /** The payment's own channel and the paying client's. */
  #status(payment: Payment): LiveMessage[] {
    const update = {
      type: 'payment.status',
      transactionId: payment.transactionId,
      status: payment.status,
      roomId: payment.roomId,
    }
    return [
      { channel: paymentChannel(payment.transactionId), data: update },
      { channel: userChannel(payment.clientId), data: update },
    ]
  }

  /** The owner hears who unlocked which room (no contact details). */
  #unlock(payment: Payment): LiveMessage {
    const { room, client } = payment
    return {
      channel: userChannel(payment.ownerId),
      data: {
        type: 'room.unlocked',
        paymentId: payment.id,
        roomId: payment.roomId,
        roomTitle: room?.title ?? '',
        clientFirstName: client?.firstName ?? '',
        amount: formatNpr(payment.amount),
        paidAt: payment.paidAt?.toISO() ?? null,
      },
    }
  }
}
