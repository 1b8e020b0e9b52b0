import { DateTime } from 'luxon'
import { inject } from '@adonisjs/core'
import { withAdvisoryLock } from '#core/database/advisory_lock'
import type { PaymentStatus } from '#payments/enums/payment_status'
import VerifyPayment from '#payments/actions/verify_payment'
import { duePayments } from '#payments/queries/due_payments'
import type { SettlementResult } from '#payments/settlement'

/** Identifies the reconciler's PostgreSQL advisory lock: one run at a time across processes. */
const RECONCILER_LOCK_KEY = 7_041_203

/** What one reconciler run did. */
export type ReconcileSummary = {
  ran: boolean
  checked: number
  changed: number
  results: { transactionId: string; outcome: SettlementResult['outcome']; status: PaymentStatus }[]
}

/**
 * Asks eSewa again about payments it has not settled: pending attempts
 * older than RECONCILE_AFTER_MINUTES (with back-off between checks), and
 * completed ones a day and a week later to catch refunds. Same code path
 * as the redirects: VerifyPayment.
 */
@inject()
export default class ReconcilePayments {
  constructor(private verifyPayment: VerifyPayment) {}

  async handle(options: { now?: DateTime; limit?: number } = {}): Promise<ReconcileSummary> {
    const now = options.now ?? DateTime.now()
    const summary: ReconcileSummary = { ran: false, checked: 0, changed: 0, results: [] }

    // One run at a time across processes and overlapping ticks.
    summary.ran = await withAdvisoryLock(RECONCILER_LOCK_KEY, async () => {
      for (const payment of await duePayments(now, options.limit ?? 100)) {
        const result = await this.verifyPayment.handle(payment, 'reconciler')
        summary.checked++
        if (result.changed) summary.changed++
        summary.results.push({
          transactionId: payment.transactionId,
          outcome: result.outcome,
          status: result.payment.status,
        })
      }
    })
    return summary
  }
}
