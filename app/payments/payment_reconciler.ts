import { DateTime } from 'luxon'
import { withAdvisoryLock } from '#core/database/advisory_lock'
import logger from '@adonisjs/core/services/logger'
import Payment from '#models/payment'
import { PaymentStatus } from '#payments/enums/payment_status'
import paymentsConfig from '#config/payments'
import { PaymentSettlement, type SettlementResult } from '#payments/payment_settlement'

/** Identifies the reconciler's PostgreSQL advisory lock: one run at a time across processes. */
const RECONCILER_LOCK_KEY = 7_041_203

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
 * as the redirects: PaymentSettlement.
 */
export class PaymentReconciler {
  constructor(private settlement = new PaymentSettlement()) {}

  async run(options: { now?: DateTime; limit?: number } = {}): Promise<ReconcileSummary> {
    const now = options.now ?? DateTime.now()
    const summary: ReconcileSummary = { ran: false, checked: 0, changed: 0, results: [] }

    // One run at a time across processes and overlapping ticks.
    summary.ran = await withAdvisoryLock(RECONCILER_LOCK_KEY, async () => {
      for (const payment of await this.due(now, options.limit ?? 100)) {
        const result = await this.settlement.settle(payment, 'reconciler')
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

  /**
   * Payments whose next check is due.
   */
  due(now: DateTime, limit: number) {
    const settledBefore = now.minus({ minutes: paymentsConfig.reconcileAfterMinutes })
    return Payment.query()
      .where((query) => {
        query
          .where('status', PaymentStatus.Pending)
          .where('createdAt', '<=', settledBefore.toJSDate())
          .where((next) =>
            next.whereNull('nextCheckAt').orWhere('nextCheckAt', '<=', now.toJSDate())
          )
      })
      .orWhere((query) => {
        query
          .whereIn('status', [PaymentStatus.Complete, PaymentStatus.Duplicate])
          .whereNotNull('nextCheckAt')
          .where('nextCheckAt', '<=', now.toJSDate())
      })
      .orderBy('id')
      .limit(limit)
  }
}

let timer: NodeJS.Timeout | undefined

/**
 * Runs the reconciler every RECONCILE_INTERVAL_SECONDS inside the web server.
 */
export function scheduleReconciler() {
  const seconds = paymentsConfig.reconcileIntervalSeconds
  if (!seconds || timer) return
  let running = false
  timer = setInterval(async () => {
    if (running) return
    running = true
    try {
      const summary = await new PaymentReconciler().run()
      if (summary.checked)
        logger.info(
          { summary: { checked: summary.checked, changed: summary.changed } },
          'payments reconciled'
        )
    } catch (error) {
      logger.error({ err: error }, 'payment reconciler failed')
    } finally {
      running = false
    }
  }, seconds * 1000)
  timer.unref()
}

export function stopReconciler() {
  if (timer) clearInterval(timer)
  timer = undefined
}
