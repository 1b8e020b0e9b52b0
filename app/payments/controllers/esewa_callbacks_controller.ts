import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import Payment from '#models/payment'
import { webhookValidator } from '#payments/validators'
import HandleSuccessRedirect from '#payments/actions/handle_success_redirect'
import HandleFailureRedirect from '#payments/actions/handle_failure_redirect'
import HandleWebhook from '#payments/actions/handle_webhook'
import { describePaymentForClient } from '#payments/presenters/payment_view'
import limits from '#config/limits'
import { limitKey, tryConsume } from '#core/http/rate_limits'
import { assertNoControlCharacters } from '#core/validators/plain_text'

/**
 * Whether a redirect of this transaction may still be handled now: a few a
 * minute (LIMIT_ESEWA_CALLBACK_PER_TRANSACTION). Past that, the page shows
 * where the payment stands, with no new eSewa call and no audit row: a
 * payer reloading the page sees their payment, not an error.
 */
function mayVerify(payment: Payment) {
  return tryConsume(limits.esewaCallbackPerTransaction, limitKey('esewa_redirect', payment.id))
}

/**
 * Where eSewa sends the payer back, and the re-verification webhook. None
 * of them trusts what it is sent: each asks eSewa server to server.
 */
export default class EsewaCallbacksController {
  /**
   * GET /esewa-success/:transactionId?data=… (v2) or ?oid=…&amt=…&refId=… (v1)
   */
  @inject()
  async success(ctx: HttpContext, handleSuccessRedirect: HandleSuccessRedirect) {
    // eSewa sends base64 and plain fields; a control character is not eSewa (400).
    assertNoControlCharacters(ctx.request.qs())
    const payment = await Payment.findByTransactionIdOrFail(ctx.params.transactionId)
    if (!(await mayVerify(payment))) return this.#respond(ctx, payment)
    const result = await handleSuccessRedirect.handle(payment, ctx.request.qs())
    return this.#respond(ctx, result.payment)
  }

  /**
   * GET /esewa-failure/:transactionId
   */
  @inject()
  async failure(ctx: HttpContext, handleFailureRedirect: HandleFailureRedirect) {
    // eSewa sends base64 and plain fields; a control character is not eSewa (400).
    assertNoControlCharacters(ctx.request.qs())
    const payment = await Payment.findByTransactionIdOrFail(ctx.params.transactionId)
    if (!(await mayVerify(payment))) return this.#respond(ctx, payment)
    const result = await handleFailureRedirect.handle(payment, ctx.request.qs())
    return this.#respond(ctx, result.payment)
  }

  /**
   * POST /esewa-webhook/ { transaction_id }: check this transaction with
   * eSewa now. Safe for anyone to call any number of times.
   */
  @inject()
  async webhook({ request }: HttpContext, handleWebhook: HandleWebhook) {
    const { transactionId } = await webhookValidator.validate({
      transactionId: request.input('transaction_id') ?? request.input('transactionId'),
    })
    const payment = await Payment.findByTransactionIdOrFail(transactionId)
    const result = await handleWebhook.handle(payment)
    return { transactionId: result.payment.transactionId, status: result.payment.status }
  }

  /** The payer's own browser goes back to the room; a phone that paid by QR sees the result. */
  async #respond({ auth, response, session, view }: HttpContext, payment: Payment) {
    if (auth.user?.id === payment.clientId && payment.isComplete) {
      session.flash('success', 'Payment received. The room is unlocked.')
      return response.redirect().toRoute('rooms.show', { id: payment.roomId })
    }
    const description = describePaymentForClient(payment, await payment.lastCheckFailed())
    return view.render('pages/payments/result', {
      payment,
      description,
      isPayer: auth.user?.id === payment.clientId,
    })
  }
}
