import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Payment from '#models/payment'
import type Room from '#models/room'
import type User from '#models/user'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import paymentsConfig from '#config/payments'
import esewaConfig from '#config/esewa'
import { formatRupees } from '#payments/amount'
import { PaymentGateways } from '#payments/gateways/payment_gateways'
import RecordPaymentEvent from '#payments/actions/record_payment_event'
import { UnlockNotPossible } from '#payments/exceptions/unlock_not_possible'
import { hashCheckoutToken, newCheckoutToken } from '#payments/checkout_token'

/** A pending attempt, and the token of its scan-to-pay link (never stored). */
export type NewAttempt = { payment: Payment; checkoutLinkToken: string }

/**
 * Starts a payment: a pending attempt for a client and an available room at
 * the server's price (UNLOCK_PRICE_NPR, whatever the request said), with a
 * short-lived single-use link for paying on a phone.
 */
@inject()
export default class StartPayment {
  constructor(private gateways: PaymentGateways) {}

  async handle(client: User, room: Room, trx?: TransactionClientContract): Promise<NewAttempt> {
    if (!client.isClient)
      throw new UnlockNotPossible('Only client accounts unlock rooms', 403, 'E_NOT_A_CLIENT')
    if (!room.isAvailable)
      throw new UnlockNotPossible('This room is no longer available', 409, 'E_ROOM_NOT_AVAILABLE')
    if (await Payment.unlockOf(client.id, room.id)) {
      throw new UnlockNotPossible('You have already unlocked this room', 409, 'E_ALREADY_UNLOCKED')
    }

    const checkoutLinkToken = newCheckoutToken()
    const payment = trx
      ? await this.#create(client, room, checkoutLinkToken, trx)
      : await db.transaction((own) => this.#create(client, room, checkoutLinkToken, own))
    return { payment, checkoutLinkToken }
  }

  /** The pending row and its first audit entry, together. */
  async #create(client: User, room: Room, token: string, trx: TransactionClientContract) {
    const amountPaisa = Math.round(paymentsConfig.unlockPriceNpr * 100)
    const gateway = this.gateways.for()
    const now = DateTime.now()
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
        checkoutTokenHash: hashCheckoutToken(token),
        checkoutExpiresAt: now.plus({ minutes: paymentsConfig.checkoutLinkMinutes }),
        expiresAt: now.plus({ minutes: paymentsConfig.expireAfterMinutes }),
        nextCheckAt: now.plus({ minutes: paymentsConfig.reconcileAfterMinutes }),
      },
      { client: trx }
    )
    await new RecordPaymentEvent().handle(
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
  }
}
