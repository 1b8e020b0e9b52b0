/*
|--------------------------------------------------------------------------
| In-process schedule (web server only)
|--------------------------------------------------------------------------
|
| The payment reconciler runs every RECONCILE_INTERVAL_SECONDS; several
| servers may run it, an advisory lock keeps runs from overlapping. Calls
| still ringing past their timeout become missed calls.
|
*/
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { scheduleReconciler, stopReconciler } from '#payments/reconciler_schedule'
import ExpireRingingCall from '#calls/actions/expire_ringing_call'
import { cancelRingTimers } from '#calls/ring_timers'

scheduleReconciler()

// Rings whose timer was lost (a restart) still end as missed calls.
const ringSweep = setInterval(() => {
  new ExpireRingingCall()
    .expireStale()
    .catch((error) => logger.error({ err: error }, 'ring sweep failed'))
}, 15_000)
ringSweep.unref()

app.terminating(() => {
  stopReconciler()
  clearInterval(ringSweep)
  cancelRingTimers()
})
