import { inject } from '@adonisjs/core'
import type Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import { PaymentGateways } from '#payments/gateways/payment_gateways'
import RecordPaymentEvent from '#payments/actions/record_payment_event'
import VerifyPayment from '#payments/actions/verify_payment'
import { claimMismatch, loggableQuery } from '#payments/redirect_claim'
import type { SettlementResult } from '#payments/settlement'

/**
 * eSewa sent the payer back to the success URL of an attempt. The redirect
 * is read (and for v2 authenticated) and checked against the attempt; only
 * then is eSewa asked, server to server, what really happened.
 */
@inject()
export default class HandleSuccessRedirect {
  #audit = new RecordPaymentEvent()

  constructor(
    private gateways: PaymentGateways,
    private verifyPayment: VerifyPayment
  ) {}

  async handle(payment: Payment, query: Record<string, unknown>): Promise<SettlementResult> {
    await this.#audit.handle(payment.id, PaymentEventType.CallbackReceived, {
      source: 'success_redirect',
      query: loggableQuery(query),
    })

    const reading = this.gateways.for(payment.gateway).readSuccessRedirect(query)
    if (!reading.ok) return this.#reject(payment, reading.reason)

    const mismatch = claimMismatch(payment, reading.claim, reading.signed)
    if (mismatch) {
      // An unsigned (v1) redirect is only a hint: its amount is checked by transrec with ours.
      if (reading.signed || mismatch !== 'amount differs from this attempt')
        return this.#reject(payment, mismatch)
      await this.#audit.handle(payment.id, PaymentEventType.CallbackRejected, {
        reason: `${mismatch}; verifying with the stored amount`,
      })
    } else {
      // Only a redirect that passed every check may lend its reference to later re-checks.
      await this.#audit.handle(payment.id, PaymentEventType.RedirectVerified, {
        source: 'success_redirect',
        refId: reading.claim.refId,
        signed: reading.signed,
      })
    }

    if (payment.status === PaymentStatus.Complete && payment.esewaRefId === reading.claim.refId) {
      await this.#audit.handle(payment.id, PaymentEventType.ReplayRejected, {
        reason: 'already complete with this eSewa reference',
      })
      return { payment, outcome: 'skipped', changed: false, reason: 'already complete' }
    }
    return this.verifyPayment.handle(payment, 'success_redirect', { refId: reading.claim.refId })
  }

  async #reject(payment: Payment, reason: string): Promise<SettlementResult> {
    await this.#audit.handle(payment.id, PaymentEventType.CallbackRejected, { reason })
    return { payment, outcome: 'rejected', changed: false, reason }
  }
}
