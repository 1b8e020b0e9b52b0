import { inject } from '@adonisjs/core'
import type Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import { PaymentGateways } from '#payments/gateways/payment_gateways'
import ApplyGatewayStatus from '#payments/actions/apply_gateway_status'
import RecordPaymentEvent from '#payments/actions/record_payment_event'
import { verifiedRedirectRefId } from '#payments/queries/verified_ref_id'
import type { SettlementResult, SettlementSource } from '#payments/settlement'

/**
 * Decides what a payment is, from what eSewa says server to server. The
 * only path to `complete`: redirects, the webhook and the reconciler all
 * come here. It asks eSewa, records the exchange, applies the answer under
 * the row lock, announcing a change in the same transaction. A redirect
 * alone never unlocks anything.
 */
@inject()
export default class VerifyPayment {
  #audit = new RecordPaymentEvent()
  #apply = new ApplyGatewayStatus()

  constructor(private gateways: PaymentGateways) {}

  async handle(
    payment: Payment,
    source: SettlementSource,
    hints: { refId?: string | null } = {}
  ): Promise<SettlementResult> {
    if ([PaymentStatus.Refunded, PaymentStatus.Canceled].includes(payment.status)) {
      return { payment, outcome: 'skipped', changed: false, reason: `payment is ${payment.status}` }
    }
    // v1's transrec needs a reference: the one eSewa confirmed, else the redirect being
    // handled now, else a verified earlier redirect's; never an unchecked one.
    const refIdHint = payment.esewaRefId ?? hints.refId ?? (await verifiedRedirectRefId(payment))
    const gateway = this.gateways.for(payment.gateway)

    await this.#audit.handle(payment.id, PaymentEventType.VerificationRequested, { source })
    const check = await gateway.checkStatus(payment, { refId: refIdHint })
    await this.#audit.handle(payment.id, PaymentEventType.VerificationResponse, {
      source,
      request: check.request,
      response: check.response,
      outcome: check.status.outcome,
      ...('reason' in check.status ? { reason: check.status.reason } : {}),
    })

    // Applied under the row lock; a change is announced in the same transaction (the outbox).
    const applied = await this.#apply.handle(payment.id, check.status, source)
    return { payment: applied.payment, outcome: check.status.outcome, changed: applied.changed }
  }
}
