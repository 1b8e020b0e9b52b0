import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import ReconcilePayments from '#payments/actions/reconcile_payments'

/**
 * Checks unsettled payments with eSewa now, through the same code as the
 * redirects: pending attempts past RECONCILE_AFTER_MINUTES and completed
 * ones due for a refund check.
 */
export default class PaymentsReconcile extends BaseCommand {
  static commandName = 'payments:reconcile'
  static description = 'Check pending and recently paid eSewa payments with eSewa now'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Most payments to check in this run', default: 100 })
  declare limit: number

  async run() {
    const reconcile = await this.app.container.make(ReconcilePayments)
    const summary = await reconcile.handle({ limit: this.limit })
    if (!summary.ran) {
      this.logger.warning('another reconciler is running; nothing done')
      return
    }
    for (const result of summary.results) {
      if (result.outcome === 'failed') {
        this.logger.error(`${result.transactionId}: check failed (${result.reason}), flagged`)
        continue
      }
      this.logger.info(
        `${result.transactionId}: eSewa said ${result.outcome}, payment is ${result.status}`
      )
    }
    this.logger.success(
      `checked ${summary.checked} payments, ${summary.changed} changed, ${summary.failed} failed`
    )
  }
}
