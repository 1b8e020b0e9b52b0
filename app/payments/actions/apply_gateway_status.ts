import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Payment from '#models/payment'
import HandOverUnlock from '#payments/actions/hand_over_unlock'
import { PaymentStatus } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import type { GatewayStatus } from '#payments/gateways/payment_gateway'
import { LockedPayment } from '#payments/locked_payment'
import { announce } from '#core/events/outbox'
import { applyComplete } from '#payments/completion'
import { ERRORS_BEFORE_FLAG, type SettlementSource } from '#payments/settlement'

type Outcome<Name extends GatewayStatus['outcome']> = Extract<GatewayStatus, { outcome: Name }>

/** The payment after the locked update, and the status it had before. */
export type AppliedStatus = { payment: Payment; changed: boolean; previousStatus: PaymentStatus }

/**
 * Applies eSewa's answer to the locked payment row. Concurrent callbacks
 * queue on the lock; the first completes the payment, the others find it
 * complete (other attempts of the same unlock queue in completion.ts).
 * Runs in its own transaction unless given one.
 */
export default class ApplyGatewayStatus {
  async handle(
    paymentId: number,
    status: GatewayStatus,
    source: SettlementSource,
    trx?: TransactionClientContract
  ): Promise<AppliedStatus> {
    if (trx) return this.#applyLocked(paymentId, status, source, trx)
    return db.transaction((own) => this.#applyLocked(paymentId, status, source, own))
  }

  async #applyLocked(
    paymentId: number,
    status: GatewayStatus,
    source: SettlementSource,
    trx: TransactionClientContract
  ): Promise<AppliedStatus> {
    const payment = await Payment.query({ client: trx })
      .where('id', paymentId)
      .forUpdate()
      .firstOrFail()
    const locked = new LockedPayment(payment, source, trx)

    await this.#applyOutcome(locked, status)
    if (source === 'reconciler') await this.#recordReconciled(locked, status)

    payment.useTransaction(trx)
    await payment.save()
    const changed = payment.status !== locked.before
    if (changed) await this.#announce(payment, locked.before, trx)
    // A revoked unlock passes to another paid attempt of the same client and room, if any.
    if (changed && locked.before === PaymentStatus.Complete) {
      await new HandOverUnlock().handle(payment, source, trx)
    }
    return { payment, changed, previousStatus: locked.before }
  }

  /**
   * In the same transaction: the outbox listeners queue the broadcasts and
   * the owner's notification, so they go out exactly when the change commits.
   */
  async #announce(payment: Payment, previousStatus: PaymentStatus, trx: TransactionClientContract) {
    // Loaded once here for every listener that tells the owner who unlocked which room.
    if (payment.isComplete) await payment.load((loader) => loader.load('room').load('client'))
    await announce(trx, 'payment:status_changed', { payment, previousStatus })
  }

  /** One step per kind of answer eSewa can give. */
  async #applyOutcome(locked: LockedPayment, status: GatewayStatus) {
    switch (status.outcome) {
      case 'complete':
        return applyComplete(locked, status)
      case 'canceled':
      case 'full_refund':
        return this.#revoke(locked, status)
      case 'partial_refund':
        await locked.flag('eSewa reports PARTIAL_REFUND: decide whether to keep the unlock')
        return locked.scheduleRefundWatch()
      case 'ambiguous':
        await locked.flag('eSewa reports AMBIGUOUS: check the payment with eSewa')
        return locked.scheduleRecheck()
      case 'unknown':
        await locked.flag(`eSewa reports an undocumented status ${status.status}`)
        return locked.scheduleRecheck()
      case 'not_found':
      case 'pending':
        return this.#notSettled(locked, status)
      case 'error':
        return this.#countError(locked, status)
    }
  }

  /** CANCELED or FULL_REFUND: an unlock is revoked; a pending attempt fails. */
  async #revoke(locked: LockedPayment, status: Outcome<'canceled' | 'full_refund'>) {
    const { payment, now } = locked
    const revokedStatus =
      status.outcome === 'canceled' ? PaymentStatus.Canceled : PaymentStatus.Refunded
    if (payment.status === PaymentStatus.Complete || payment.status === PaymentStatus.Duplicate) {
      await locked.moveTo(
        revokedStatus,
        `eSewa reports ${status.outcome.toUpperCase()}: unlock revoked`,
        { revokedAt: now, nextCheckAt: null }
      )
    } else if (payment.status === PaymentStatus.Pending) {
      await locked.moveTo(
        PaymentStatus.Failed,
        `eSewa reports ${status.outcome.toUpperCase()} before completion`,
        { nextCheckAt: null }
      )
    }
  }

  /**
   * PENDING or NOT_FOUND: a pending attempt is asked again later, or expires
   * when eSewa never saw it and its time is over; a completed one is flagged.
   */
  async #notSettled(locked: LockedPayment, status: Outcome<'not_found' | 'pending'>) {
    const { payment, now } = locked
    if (payment.status === PaymentStatus.Pending) {
      if (status.outcome === 'not_found' && now > payment.expiresAt) {
        await locked.moveTo(
          PaymentStatus.Expired,
          'never paid: eSewa has no such payment and the attempt is over',
          { nextCheckAt: null }
        )
      } else {
        payment.checkAttempts = 0
        locked.scheduleRecheck()
      }
    } else if (payment.status === PaymentStatus.Complete) {
      await locked.flag(`eSewa now reports ${status.outcome.toUpperCase()} for a completed payment`)
      locked.scheduleRefundWatch()
    }
  }

  /** eSewa could not be asked: never paid, never failed on an error, ask again later. */
  async #countError(locked: LockedPayment, status: Outcome<'error'>) {
    const { payment } = locked
    payment.checkAttempts += 1
    if (payment.checkAttempts >= ERRORS_BEFORE_FLAG) {
      await locked.flag(
        `eSewa could not be asked ${payment.checkAttempts} times in a row: ${status.reason}`
      )
    }
    if (payment.status === PaymentStatus.Pending) locked.scheduleRecheck()
  }

  /** The reconciler's own trail entry, and the next refund check of a complete payment. */
  async #recordReconciled(locked: LockedPayment, status: GatewayStatus) {
    const { payment } = locked
    await locked.record(PaymentEventType.Reconciled, {
      outcome: status.outcome,
      status: payment.status,
    })
    // Paid ones (unlocks and duplicates) are asked again after a day and a week.
    const paid = [PaymentStatus.Complete, PaymentStatus.Duplicate]
    if (paid.includes(payment.status) && payment.status === locked.before) {
      locked.scheduleRefundWatch()
    }
  }
}
