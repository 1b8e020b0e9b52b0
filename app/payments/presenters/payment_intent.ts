import QRCode from 'qrcode'
import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import { formatNpr } from '#core/format'
import { paymentChannel } from '#core/live/channels'
import type { NewAttempt } from '#payments/actions/start_payment'
import { describePaymentForClient } from '#payments/presenters/payment_view'

/**
 * What the unlock modal gets for a new attempt: the price, the checkout
 * URL, the scan-to-pay QR code (SVG made on the server), and where to
 * follow the payment.
 */
export async function presentPaymentIntent({ payment, checkoutLinkToken }: NewAttempt) {
  const payUrl = absoluteUrl(urlFor('payments.pay_by_link', { token: checkoutLinkToken }))
  return {
    payment: describePaymentForClient(payment, false),
    price: formatNpr(payment.amount),
    checkoutUrl: urlFor('payments.redirect', { transactionId: payment.transactionId }),
    qr: {
      url: payUrl,
      svg: await qrSvg(payUrl),
      expiresAt: payment.checkoutExpiresAt?.toISO(),
    },
    channel: paymentChannel(payment.transactionId),
    statusUrl: urlFor('payments.status', { transactionId: payment.transactionId }),
  }
}

/** A QR code (SVG markup) for a URL. */
function qrSvg(url: string) {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, width: 220 })
}

/** The QR code is scanned by another device: it needs the full URL. */
function absoluteUrl(path: string) {
  return new URL(path, env.get('APP_URL')).toString()
}
