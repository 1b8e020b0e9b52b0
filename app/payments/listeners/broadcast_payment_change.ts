import transmit from '@adonisjs/transmit/services/main'
import logger from '@adonisjs/core/services/logger'
import type { EventsList } from '@adonisjs/core/types'
import type Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { formatNpr } from '#core/format'
import { paymentChannel, userChannel } from '#core/live/channels'

/**
 * Tells the paying client's open pages (the modal) that a payment moved,
 * and the owner, live, that a room of theirs was unlocked. Runs after the
 * change is committed; a failure is logged, never thrown into the request.
 */
export default class BroadcastPaymentChange {
  async handle({ payment }: EventsList['payment:status_changed']) {
    try {
      this.#announceStatus(payment)
      if (payment.status === PaymentStatus.Complete) this.#announceUnlock(payment)
    } catch (error) {
      logger.error({ err: error, paymentId: payment.id }, 'payment broadcast failed')
    }
  }

  /** The payment's own channel and the paying client's. */
  #announceStatus(payment: Payment) {
    const update = {
      type: 'payment.status',
      transactionId: payment.transactionId,
      status: payment.status,
      roomId: payment.roomId,
    }
    transmit.broadcast(paymentChannel(payment.transactionId), update)
    transmit.broadcast(userChannel(payment.clientId), update)
  }

  /** The owner hears who unlocked which room (no contact details). */
  #announceUnlock(payment: Payment) {
    const { room, client } = payment
    transmit.broadcast(userChannel(payment.ownerId), {
      type: 'room.unlocked',
      roomId: payment.roomId,
      roomTitle: room?.title ?? '',
      clientFirstName: client?.firstName ?? '',
      amount: formatNpr(payment.amount),
      paidAt: payment.paidAt?.toISO() ?? null,
    })
  }
}
