import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import RecordPaymentEvent from '#payments/actions/record_payment_event'
import { LockedPayment } from '#payments/locked_payment'
import { lockUnlockOf } from '#payments/settlement_locks'
import { announce } from '#core/events/outbox'
import type { SettlementSource } from '#payments/settlement'

/**
 * A complete payment was just revoked (refunded or canceled, saved in
 * `trx`). If the same client paid for the same room again (a duplicate
 * still standing), that payment holds the unlock now: the client who still
 * paid keeps the room and the chat. It is asked again at the next
 * reconciler run, and flagged so that nobody refunds it as a duplicate.
 */
export default class HandOverUnlock {
  async handle(
    revoked: Payment,
    source: SettlementSource,
    trx: TransactionClientContract
  ): Promise<Payment | null> {
    await lockUnlockOf(trx, revoked.clientId, revoked.roomId)
    const standing = await Payment.query({ client: trx })
      .where('clientId', revoked.clientId)
      .where('roomId', revoked.roomId)
      .where('status', PaymentStatus.Duplicate)
      .orderBy('paidAt')
      .orderBy('id')
      .forUpdate()
      .first()
    if (!standing) return null

    const locked = new LockedPayment(standing, source, trx)
    await locked.moveTo(
      PaymentStatus.Complete,
      `holds the unlock since ${revoked.transactionId} was ${revoked.status}`,
      // Asked at the next reconciler run whether it is still paid (an admin may have refunded it).
      { nextCheckAt: locked.now, checkAttempts: 0 }
    )
    await locked.flag(
      `holds the unlock since ${revoked.transactionId} was ${revoked.status}: do not refund this payment`,
      { revokedPaymentId: revoked.id, revokedTransactionId: revoked.transactionId }
    )
    standing.useTransaction(trx)
    await standing.save()
    await new RecordPaymentEvent().handle(
      revoked.id,
      PaymentEventType.UnlockHandedOver,
      { toPaymentId: standing.id, toTransactionId: standing.transactionId, source },
      trx
    )
    await standing.load((loader) => loader.load('room').load('client'))
    await announce(trx, 'payment:status_changed', {
      payment: standing,
      previousStatus: PaymentStatus.Duplicate,
    })
    return standing
  }
}
