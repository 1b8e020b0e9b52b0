import type { HttpContext } from '@adonisjs/core/http'
import { wantsJson } from '#core/http/content_negotiation'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Room from '#models/room'
import Payment from '#models/payment'
import RoomPolicy from '#rooms/policies/room_policy'
import PaymentPolicy from '#payments/policies/payment_policy'
import { paymentIntentValidator } from '#payments/validators'
import { PaymentAttempts, UnlockNotPossible } from '#payments/payment_attempts'
import { describePaymentForClient } from '#payments/presenters/payment_view'
import { paymentChannel } from '#core/live/channels'
import { formatNpr } from '#core/format'
import env from '#start/env'

/**
 * A client starting and following an unlock payment.
 */
export default class PaymentsController {
  /**
   * POST /create-payment-intent/: a new pending attempt for a room, with its
   * checkout link and QR code (JSON for the modal; a page without script).
   */
  async createIntent({ auth, bouncer, request, response }: HttpContext) {
    const { roomId } = await paymentIntentValidator.validate({
      roomId: request.input('roomId') ?? request.input('room_id'),
    })
    const room = await Room.findOrFail(roomId)
    await bouncer.with(RoomPolicy).authorize('unlock', room)

    const json = wantsJson(request)
    let attempt
    try {
      attempt = await new PaymentAttempts().start(auth.user!, room)
    } catch (error) {
      // Without script, a second click on "Unlock" just shows the unlocked room.
      if (!json && error instanceof UnlockNotPossible && error.code === 'E_ALREADY_UNLOCKED') {
        return response.redirect().toRoute('rooms.show', { id: room.id })
      }
      throw error
    }

    const { payment, checkoutLinkToken } = attempt
    if (!json) {
      return response.redirect().toRoute('payments.show', { transactionId: payment.transactionId })
    }
    const payUrl = absoluteUrl(urlFor('payments.pay_by_link', { token: checkoutLinkToken }))
    return response.created({
      payment: describePaymentForClient(payment, false),
      price: formatNpr(payment.amount),
      checkoutUrl: urlFor('payments.redirect', { transactionId: payment.transactionId }),
      qr: {
        url: payUrl,
        svg: await new PaymentAttempts().qrSvg(payUrl),
        expiresAt: payment.checkoutExpiresAt?.toISO(),
      },
      channel: paymentChannel(payment.transactionId),
      statusUrl: urlFor('payments.status', { transactionId: payment.transactionId }),
    })
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
  async redirect({ bouncer, params, view }: HttpContext) {
    const payment = await Payment.findByTransactionIdOrFail(params.transactionId)
    await bouncer.with(PaymentPolicy).authorize('view', payment)
    if (!payment.isPending)
      return view.render('pages/payments/result', { payment, ...(await this.#resultOf(payment)) })
    const form = await new PaymentAttempts().checkoutFormFor(payment, 'browser')
    return view.render('pages/payments/redirect', { form, payment })
  }

  /**
   * GET /pay/:token: the QR code's link, opened on a phone (no login needed:
   * the single-use token stands for this one payment).
   */
  async payByLink({ params, view, response }: HttpContext) {
    const attempts = new PaymentAttempts()
    const payment = await attempts.redeemCheckoutLink(String(params.token))
    if (!payment) {
      const reason = await attempts.describeDeadLink(String(params.token))
      return response.status(410).send(await view.render('pages/payments/dead_link', { reason }))
    }
    const form = await attempts.checkoutFormFor(payment, 'qr_link')
    return view.render('pages/payments/redirect', { form, payment })
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

  async #resultOf(payment: Payment) {
    return { description: describePaymentForClient(payment, await payment.lastCheckFailed()) }
  }
}


function absoluteUrl(path: string) {
  return new URL(path, env.get('APP_URL')).toString()
}
