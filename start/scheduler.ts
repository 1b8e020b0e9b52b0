/*
|--------------------------------------------------------------------------
| In-process schedule (web server only)
|--------------------------------------------------------------------------
|
| The payment reconciler runs every RECONCILE_INTERVAL_SECONDS; several
| servers may run it, an advisory lock keeps runs from overlapping.
|
*/
import app from '@adonisjs/core/services/app'
import { scheduleReconciler, stopReconciler } from '#services/payments/payment_reconciler'

scheduleReconciler()
app.terminating(() => stopReconciler())
