import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Payment from '#models/payment'
import { type PaymentStatus, assertTransition } from '#payments/enums/payment_status'
import { PaymentEventType } from '#payments/enums/payment_event_type'
import RecordPaymentEvent from '#payments/actions/record_payment_event'
import {
  RECHECK_DELAYS_MINUTES,
  REFUND_WATCH_DAYS,
  type SettlementSource,
} from '#payments/settlement'

/**
 * A payment row held under its lock while eSewa's answer is applied: the
 * moves it may make, each written to the audit trail in the same transaction.
 */
export class LockedPayment {
  /** The status when the lock was taken. */
  readonly before: PaymentStatus
  /** One clock reading for the whole decision. */
  readonly now = DateTime.now()
  #audit = new RecordPaymentEvent()

  constructor(
    readonly payment: Payment,
    readonly source: SettlementSource,
    readonly trx: TransactionClientContract
  ) {
    this.before = payment.status
  }

  /** Moves to another status (only along an allowed transition). */
  async moveTo(to: PaymentStatus, reason: string, changes: Partial<Payment> = {}) {
    assertTransition(this.payment.status, to)
    this.payment.merge({ ...changes, status: to })
    await this.record(PaymentEventType.StatusChanged, {
      from: this.before,
      to,
      reason,
      source: this.source,
    })
  }

  /** Asks an admin to look, once per distinct reason; `details` go into the audit trail. */
  async flag(reason: string, details: Record<string, unknown> = {}) {
    if (this.payment.flagReason === reason) return
    this.payment.merge({ flaggedAt: this.now, flagReason: reason })
    await this.record(PaymentEventType.Flagged, { ...details, reason, source: this.source })
  }

  /** Notes an answer that changes nothing. */
  async replay(reason: string) {
    await this.record(PaymentEventType.ReplayRejected, { reason, source: this.source })
  }

  /** Appends to the audit trail inside the lock's transaction. */
  async record(type: PaymentEventType, data: Record<string, unknown>) {
    await this.#audit.handle(this.payment.id, type, data, this.trx)
  }

  /**
   * When the reconciler asks next: backing off after its own failed checks,
   * and soon after a check that a redirect or the webhook caused.
   */
  scheduleRecheck() {
    const step =
      this.source === 'reconciler'
        ? Math.min(this.payment.checkAttempts, RECHECK_DELAYS_MINUTES.length - 1)
        : 0
    this.payment.nextCheckAt = this.now.plus({ minutes: RECHECK_DELAYS_MINUTES[step] })
  }

  /**
   * After a completed payment was checked again, the next refund check, or none.
   */
  scheduleRefundWatch() {
    const { paidAt } = this.payment
    const daysSincePaid = paidAt ? this.now.diff(paidAt, 'days').days : 0
    const nextDay = REFUND_WATCH_DAYS.find((day) => day > daysSincePaid + 0.01)
    this.payment.nextCheckAt = nextDay && paidAt ? paidAt.plus({ days: nextDay }) : null
  }
}
