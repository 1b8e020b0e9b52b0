import { DateTime } from 'luxon'
import { inject } from '@adonisjs/core'
import logger from '@adonisjs/core/services/logger'
import { withAdvisoryLock } from '#core/database/advisory_lock'
import type Payment from '#models/payment'
import type { PaymentStatus } from '#payments/enums/payment_status'
import VerifyPayment from '#payments/actions/verify_payment'
import RecordFailedCheck, { describeFailure } from '#payments/actions/record_failed_check'
import { duePayments } from '#payments/queries/due_payments'
import type { SettlementResult } from '#payments/settlement'

/** Identifies the reconciler's PostgreSQL advisory lock: one run at a time across processes. */
const RECONCILER_LOCK_KEY = 7_041_203

/** What the reconciler did with one payment ('failed': its check threw, see `reason`). */
export type ReconciledPayment = {
  transactionId: string
  outcome: SettlementResult['outcome'] | 'failed'
  status: PaymentStatus
  changed: boolean
  reason?: string
}

/** What one reconciler run did. */
export type ReconcileSummary = {
  ran: boolean
  checked: number
  changed: number
  failed: number
  results: ReconciledPayment[]
}

/**
 * Asks eSewa again about payments it has not settled: pending attempts
 * older than RECONCILE_AFTER_MINUTES (with back-off between checks), and
 * paid ones a day and a week later to catch refunds. Same code path as the
 * redirects: VerifyPayment. Each payment is checked on its own: one that
 * fails is recorded and flagged, and the run goes on with the next.
 */
@inject()
export default class ReconcilePayments {
  constructor(
    private verifyPayment: VerifyPayment,
    private recordFailedCheck: RecordFailedCheck
  ) {}

  async handle(options: { now?: DateTime; limit?: number } = {}): Promise<ReconcileSummary> {
    const now = options.now ?? DateTime.now()
    const summary: ReconcileSummary = { ran: false, checked: 0, changed: 0, failed: 0, results: [] }

    // One run at a time across processes and overlapping ticks.
    summary.ran = await withAdvisoryLock(RECONCILER_LOCK_KEY, async () => {
      for (const payment of await duePayments(now, options.limit ?? 100)) {
        const result = await this.#check(payment)
        summary.checked++
        if (result.changed) summary.changed++
        if (result.outcome === 'failed') summary.failed++
        summary.results.push(result)
      }
    })
    return summary
  }

  /** One payment, whatever happens to it. */
  async #check(payment: Payment): Promise<ReconciledPayment> {
    const { transactionId } = payment
    try {
      const result = await this.verifyPayment.handle(payment, 'reconciler')
      const { outcome, changed } = result
      return { transactionId, outcome, changed, status: result.payment.status }
    } catch (error) {
      const reason = describeFailure(error)
      logger.error({ err: error, transactionId }, 'reconciler: checking a payment failed')
      return {
        transactionId,
        outcome: 'failed',
        changed: false,
        reason,
        status: await this.#recorded(payment, error),
      }
    }
  }

  /** The failure in the payment's trail; the status it has (unchanged). */
  async #recorded(payment: Payment, error: unknown): Promise<PaymentStatus> {
    try {
      const recorded = await this.recordFailedCheck.handle(payment.id, error)
      return recorded.status
    } catch (recordError) {
      // The database itself may be down: the next run tries again.
      logger.error(
        { err: recordError, transactionId: payment.transactionId },
        'reconciler: recording a failure failed'
      )
      return payment.status
    }
  }
}
