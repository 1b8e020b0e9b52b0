import { inject } from '@adonisjs/core'
import type Payment from '#models/payment'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import RecordPaymentEvent from '#payments/actions/record_payment_event'
import VerifyPayment from '#payments/actions/verify_payment'
import type { SettlementResult } from '#payments/settlement'

/**
 * Someone asked for this transaction to be checked again: noted, then
 * eSewa is asked. Whatever the request said is ignored.
 */
@inject()
export default class HandleWebhook {
  constructor(private verifyPayment: VerifyPayment) {}

  async handle(payment: Payment): Promise<SettlementResult> {
    await new RecordPaymentEvent().handle(payment.id, PaymentEventType.WebhookReceived)
    return this.verifyPayment.handle(payment, 'webhook')
  }
}
