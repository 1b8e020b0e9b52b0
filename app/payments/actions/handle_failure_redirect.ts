import { inject } from '@adonisjs/core'
import type Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import RecordPaymentEvent from '#payments/actions/record_payment_event'
import VerifyPayment from '#payments/actions/verify_payment'
import { loggableQuery } from '#payments/redirect_claim'
import type { SettlementResult } from '#payments/settlement'

/**
 * eSewa sent the payer to the failure URL. Only a hint: eSewa is asked
 * once, and nothing that was paid is undone.
 */
@inject()
export default class HandleFailureRedirect {
  #audit = new RecordPaymentEvent()

  constructor(private verifyPayment: VerifyPayment) {}

  async handle(payment: Payment, query: Record<string, unknown>): Promise<SettlementResult> {
    await this.#audit.handle(payment.id, PaymentEventType.CallbackReceived, {
      source: 'failure_redirect',
      query: loggableQuery(query),
    })
    if (payment.status !== PaymentStatus.Pending) {
      await this.#audit.handle(payment.id, PaymentEventType.ReplayRejected, {
        reason: `failure redirect ignored: payment is ${payment.status}`,
      })
      return { payment, outcome: 'skipped', changed: false }
    }
    return this.verifyPayment.handle(payment, 'failure_redirect')
  }
}
