import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import paymentsConfig from '#config/payments'
import ReconcilePayments from '#payments/actions/reconcile_payments'

let timer: NodeJS.Timeout | undefined

/**
 * Runs the reconciler every RECONCILE_INTERVAL_SECONDS inside the web server.
 */
export function scheduleReconciler() {
  const seconds = paymentsConfig.reconcileIntervalSeconds
  if (!seconds || timer) return
  let running = false
  timer = setInterval(async () => {
    // A slow run is not overlapped by the next tick.
    if (running) return
    running = true
    try {
      const reconcile = await app.container.make(ReconcilePayments)
      const summary = await reconcile.handle()
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

/** Stops the reconciler's timer (the server is shutting down). */
export function stopReconciler() {
  if (timer) clearInterval(timer)
  timer = undefined
}
