import { inject } from '@adonisjs/core'
import logger from '@adonisjs/core/services/logger'
import ReconcilePayments from '#payments/actions/reconcile_payments'

/** One scheduled reconciler run (see reconciler_schedule.ts). */
@inject()
export default class Reconcile {
  constructor(private reconcile: ReconcilePayments) {}

  async handle() {
    const summary = await this.reconcile.handle()
    if (summary.checked) {
      const { checked, changed, failed } = summary
      const log = failed ? logger.warn.bind(logger) : logger.info.bind(logger)
      log({ summary: { checked, changed, failed } }, 'payments reconciled')
    }
  }
}
