import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { wantsJson } from '#core/http/content_negotiation'
import Room from '#models/room'
import Payment from '#models/payment'
import PaymentPolicy from '#payments/policies/payment_policy'
import { paymentIntentValidator } from '#payments/validators'
import StartPayment from '#payments/actions/start_payment'
import RedirectToEsewa from '#payments/actions/redirect_to_esewa'
import RedeemCheckoutLink from '#payments/actions/redeem_checkout_link'
import { UnlockNotPossible } from '#payments/exceptions/unlock_not_possible'
import { describeDeadLink } from '#payments/queries/dead_checkout_link'
import { describePaymentForClient } from '#payments/presenters/payment_view'
import { presentPaymentIntent } from '#payments/presenters/payment_intent'

/**
 * A client starting and following an unlock payment.
 */
export default class PaymentsController {
  /**
   * POST /create-payment-intent/: a new pending attempt for a room, with its
   * checkout link and QR code (JSON for the modal; a page without script).
   */
  @inject()
  async createIntent(
    { auth, bouncer, request, response }: HttpContext,
    startPayment: StartPayment
  ) {
    const { roomId } = await paymentIntentValidator.validate({
      roomId: request.input('roomId') ?? request.input('room_id'),
    })
    const room = await Room.findOrFail(roomId)
    await bouncer.with('RoomPolicy').authorize('unlock', room)

    const json = wantsJson(request)
    let attempt
    try {
      attempt = await startPayment.handle(auth.user!, room)
    } catch (error) {
      // Without script, a second click on "Unlock" just shows the unlocked room.
      if (!json && error instanceof UnlockNotPossible && error.code === 'E_ALREADY_UNLOCKED') {
        return response.redirect().toRoute('rooms.show', { id: room.id })
      }
      throw error
    }

    if (!json) {
      const { transactionId } = attempt.payment
      return response.redirect().toRoute('payments.show', { transactionId })
    }
    return response.created(await presentPaymentIntent(attempt))
  }

  /**
   * The checkout as a page (the modal's content without script).
   */
  async show({ bouncer, params, view }: HttpContext) {
    const payment = await Payment.findByTransactionIdOrFail(params.transactionId)
    await bouncer.with(PaymentPolicy).authorize('view', payment)
    await payment.load('room')
    return view.render('pages/payments/show', { payment })
  }

  /**
   * GET /payments/:transactionId/pay: the signed form, posted to eSewa by itself.
   */
  @inject()
  async redirect({ bouncer, params, view }: HttpContext, redirectToEsewa: RedirectToEsewa) {
    const payment = await Payment.findByTransactionIdOrFail(params.transactionId)
    await bouncer.with(PaymentPolicy).authorize('view', payment)
    if (!payment.isPending) {
      const description = describePaymentForClient(payment, await payment.lastCheckFailed())
      return view.render('pages/payments/result', { payment, description })
    }
    const form = await redirectToEsewa.handle(payment, 'browser')
    return view.render('pages/payments/redirect', { form, payment })
  }

  /**
   * GET /pay/:token: the QR code's link, opened on a phone (no login needed:
   * the single-use token stands for this one payment).
   */
  @inject()
  async payByLink({ params, view, response }: HttpContext, redeemCheckoutLink: RedeemCheckoutLink) {
    const redeemed = await redeemCheckoutLink.handle(String(params.token))
    if (!redeemed) {
      const reason = await describeDeadLink(String(params.token))
      return response.status(410).send(await view.render('pages/payments/dead_link', { reason }))
    }
    return view.render('pages/payments/redirect', redeemed)
  }

  /**
   * GET /payments/:transactionId/status: where the payment stands, for the
   * modal after a reconnect.
   */
  async status({ bouncer, params }: HttpContext) {
    const payment = await Payment.findByTransactionIdOrFail(params.transactionId)
    await bouncer.with(PaymentPolicy).authorize('view', payment)
    return { payment: describePaymentForClient(payment, await payment.lastCheckFailed()) }
  }
}
