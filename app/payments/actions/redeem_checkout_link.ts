import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import type { CheckoutForm } from '#payments/gateways/payment_gateway'
import RecordPaymentEvent from '#payments/actions/record_payment_event'
import RedirectToEsewa from '#payments/actions/redirect_to_esewa'
import { CHECKOUT_TOKEN_PATTERN, hashCheckoutToken } from '#payments/checkout_token'

/**
 * Opens a scan-to-pay link on a phone: marks the link used and gives the
 * form that takes the phone to eSewa. A used, expired or unknown link
 * gives null.
 */
@inject()
export default class RedeemCheckoutLink {
  constructor(private redirectToEsewa: RedirectToEsewa) {}

  async handle(token: string): Promise<{ payment: Payment; form: CheckoutForm } | null> {
    if (!CHECKOUT_TOKEN_PATTERN.test(token)) return null
    // One UPDATE claims the link, so two phones scanning at once cannot both use it.
    const rows = await db
      .from('payments')
      .where('checkout_token_hash', hashCheckoutToken(token))
      .whereNull('checkout_used_at')
      .where('checkout_expires_at', '>', new Date())
      .where('status', PaymentStatus.Pending)
      .update({ checkout_used_at: new Date() })
      .returning('id')
    if (!rows.length) return null
    const payment = await Payment.findOrFail(rows[0].id)
    await new RecordPaymentEvent().handle(payment.id, PaymentEventType.CheckoutLinkOpened)
    return { payment, form: await this.redirectToEsewa.handle(payment, 'qr_link') }
  }
}
