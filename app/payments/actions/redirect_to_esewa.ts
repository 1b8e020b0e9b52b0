import { inject } from '@adonisjs/core'
import type Payment from '#models/payment'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import { PaymentGateways } from '#payments/gateways/payment_gateways'
import type { CheckoutForm } from '#payments/gateways/payment_gateway'
import RecordPaymentEvent from '#payments/actions/record_payment_event'

/**
 * The form that takes the payer to eSewa, logged as a redirect.
 */
@inject()
export default class RedirectToEsewa {
  constructor(private gateways: PaymentGateways) {}

  async handle(payment: Payment, via: 'browser' | 'qr_link'): Promise<CheckoutForm> {
    const form = this.gateways.for(payment.gateway).checkoutForm(payment)
    await new RecordPaymentEvent().handle(payment.id, PaymentEventType.Redirected, {
      via,
      action: form.action,
    })
    return form
  }
}
