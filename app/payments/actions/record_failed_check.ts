import db from '@adonisjs/lucid/services/db'
import Payment from '#models/payment'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import { LockedPayment } from '#payments/locked_payment'
import type { SettlementSource } from '#payments/settlement'

/** Error texts kept in the audit trail and the flag are cut to this length. */
const MAX_REASON = 300

/**
 * What went wrong, in one line.
 */
export function describeFailure(error: unknown) {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return text.replace(/\s+/g, ' ').slice(0, MAX_REASON)
}

/**
 * A check of one payment threw (its own transaction was rolled back): the
 * failure goes into the audit trail in a fresh transaction, an admin is
 * asked to look, and the next check backs off like after any failed check.
 * Nothing about the payment's status changes.
 */
export default class RecordFailedCheck {
  async handle(paymentId: number, error: unknown, source: SettlementSource = 'reconciler') {
    const reason = describeFailure(error)
    return db.transaction(async (trx) => {
      const payment = await Payment.query({ client: trx })
        .where('id', paymentId)
        .forUpdate()
        .firstOrFail()
      const locked = new LockedPayment(payment, source, trx)
      await locked.record(PaymentEventType.ReconcileFailed, {
        reason,
        status: payment.status,
        source,
      })
      await locked.flag(`the reconciler could not check this payment: ${reason}`)
      payment.checkAttempts += 1
      locked.scheduleRecheck()
      payment.useTransaction(trx)
      await payment.save()
      return payment
    })
  }
}
