import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PaymentEvent from '#models/payment_event'
import type { PaymentEventType } from '#payments/enums/payment_event_type'

/**
 * Appends to a payment's audit trail. Inside a transaction when the event
 * belongs with a status change, so both land or neither does.
 */
export default class RecordPaymentEvent {
  async handle(
    paymentId: number,
    type: PaymentEventType,
    data: Record<string, unknown> = {},
    trx?: TransactionClientContract
  ) {
    return PaymentEvent.create({ paymentId, type, data }, trx ? { client: trx } : undefined)
  }
}
