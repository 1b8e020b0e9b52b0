import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import QRCode from 'qrcode'
import db from '@adonisjs/lucid/services/db'
import { Exception } from '@adonisjs/core/exceptions'
import Payment from '#models/payment'
import type Room from '#models/room'
import type User from '#models/user'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import paymentsConfig from '#config/payments'
import esewaConfig from '#config/esewa'
import { formatRupees } from '#payments/amount'
import { gatewayFor } from '#payments/gateways/gateway_for'
import { recordPaymentEvent } from '#payments/payment_audit'
import { unlockingPayment } from '#payments/queries/room_access'

/**
 * Thrown when a client asks to pay for something they may not or need not
 * (rendered by the exception handler with its status and code).
 */
export class UnlockNotPossible extends Exception {
  constructor(message: string, status: number, code: string) {
    super(message, { status, code })
  }
}

export type NewAttempt = { payment: Payment; checkoutLinkToken: string }

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/**
 * Starting a payment: a pending attempt at the server's price, with a
 * short-lived single-use link for paying on a phone.
 */
export class PaymentAttempts {
  /**
   * Creates a pending attempt for a client and an available room. The price
   * is UNLOCK_PRICE_NPR, whatever the request said.
   */
  async start(client: User, room: Room): Promise<NewAttempt> {
    if (!client.isClient)
      throw new UnlockNotPossible('Only client accounts unlock rooms', 403, 'E_NOT_A_CLIENT')
    if (!room.isAvailable)
      throw new UnlockNotPossible('This room is no longer available', 409, 'E_ROOM_NOT_AVAILABLE')
    if (await unlockingPayment(client, room)) {
      throw new UnlockNotPossible('You have already unlocked this room', 409, 'E_ALREADY_UNLOCKED')
    }

    const amountPaisa = Math.round(paymentsConfig.unlockPriceNpr * 100)
    const checkoutLinkToken = randomBytes(24).toString('base64url')
    const gateway = gatewayFor()
    const now = DateTime.now()

    const payment = await db.transaction(async (trx) => {
      const created = await Payment.create(
        {
          clientId: client.id,
          ownerId: room.ownerId,
          roomId: room.id,
          amount: (amountPaisa / 100).toFixed(2),
          status: PaymentStatus.Pending,
          transactionId: randomUUID(),
          gateway: gateway.name,
          productCode: esewaConfig.productCode,
          amountSent: formatRupees(amountPaisa),
          checkoutTokenHash: hashToken(checkoutLinkToken),
          checkoutExpiresAt: now.plus({ minutes: paymentsConfig.checkoutLinkMinutes }),
          expiresAt: now.plus({ minutes: paymentsConfig.expireAfterMinutes }),
          nextCheckAt: now.plus({ minutes: paymentsConfig.reconcileAfterMinutes }),
        },
        { client: trx }
      )
      await recordPaymentEvent(
        created.id,
        PaymentEventType.Created,
        {
          gateway: created.gateway,
          amount: created.amountSent,
          productCode: created.productCode,
          mode: esewaConfig.mode,
        },
        trx
      )
      return created
    })
    return { payment, checkoutLinkToken }
  }

  /**
   * The payment behind a scan-to-pay link, marking the link used. A used,
   * expired or unknown link gives null.
   */
  async redeemCheckoutLink(token: string): Promise<Payment | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null
    const rows = await db
      .from('payments')
      .where('checkout_token_hash', hashToken(token))
      .whereNull('checkout_used_at')
      .where('checkout_expires_at', '>', new Date())
      .where('status', PaymentStatus.Pending)
      .update({ checkout_used_at: new Date() })
      .returning('id')
    if (!rows.length) return null
    const payment = await Payment.findOrFail(rows[0].id)
    await recordPaymentEvent(payment.id, PaymentEventType.CheckoutLinkOpened)
    return payment
  }

  /**
   * The form that takes the payer to eSewa, logged as a redirect.
   */
  async checkoutFormFor(payment: Payment, via: 'browser' | 'qr_link') {
    const form = gatewayFor(payment.gateway).checkoutForm(payment)
    await recordPaymentEvent(payment.id, PaymentEventType.Redirected, { via, action: form.action })
    return form
  }

  /**
   * A QR code (SVG markup, made on the server) for a URL.
   */
  qrSvg(url: string) {
    return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, width: 220 })
  }

  /**
   * Whether a token belongs to a link that has already been used or has
   * expired (to tell the phone what happened).
   */
  async describeDeadLink(token: string): Promise<'used' | 'expired' | 'unknown'> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return 'unknown'
    const payment = await Payment.findBy('checkoutTokenHash', hashToken(token))
    if (!payment) return 'unknown'
    return payment.checkoutUsedAt ? 'used' : 'expired'
  }
}
