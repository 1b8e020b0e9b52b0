import type { HttpContext } from '@adonisjs/core/http'
import Payment from '#models/payment'
import { webhookValidator } from '#payments/validators'
import { PaymentSettlement } from '#payments/payment_settlement'
import { describePaymentForClient } from '#payments/presenters/payment_view'

/**
 * Where eSewa sends the payer back, and the re-verification webhook. None
 * of them trusts what it is sent: each asks eSewa server to server.
 */
export default class EsewaCallbacksController {
  /**
   * GET /esewa-success/:transactionId?data=… (v2) or ?oid=…&amt=…&refId=… (v1)
   */
  async success({ auth, params, request, response, session, view }: HttpContext) {
    const payment = await Payment.findByTransactionIdOrFail(params.transactionId)
    const result = await new PaymentSettlement().handleSuccessRedirect(payment, request.qs())
    return this.#respond({ auth, response, session, view }, result.payment)
  }

  /**
   * GET /esewa-failure/:transactionId
   */
  async failure({ auth, params, request, response, session, view }: HttpContext) {
    const payment = await Payment.findByTransactionIdOrFail(params.transactionId)
    const result = await new PaymentSettlement().handleFailureRedirect(payment, request.qs())
    return this.#respond({ auth, response, session, view }, result.payment)
  }

  /**
   * POST /esewa-webhook/ { transaction_id }: check this transaction with
   * eSewa now. Safe for anyone to call any number of times.
   */
  async webhook({ request }: HttpContext) {
    const { transactionId } = await webhookValidator.validate({
      transactionId: request.input('transaction_id') ?? request.input('transactionId'),
    })
    const payment = await Payment.findByTransactionIdOrFail(transactionId)
    const settlement = new PaymentSettlement()
    await settlement.recordWebhook(payment)
    const result = await settlement.settle(payment, 'webhook')
    return { transactionId: result.payment.transactionId, status: result.payment.status }
  }

  async #respond(
    { auth, response, session, view }: Pick<HttpContext, 'auth' | 'response' | 'session' | 'view'>,
    payment: Payment
  ) {
    // The payer's own browser goes back to the room; a phone that paid by QR sees the result.
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
