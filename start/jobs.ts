/*
|--------------------------------------------------------------------------
| Durable jobs and their handlers
|--------------------------------------------------------------------------
|
| Each queue's handler lives in its domain (app/<domain>/jobs). Jobs are
| stored in PostgreSQL by pg-boss (app/core/jobs/job_queue.ts), enqueued in
| the transaction of the change that causes them, retried with back-off,
| and listed by `node ace jobs:status`.
|
*/
import jobs from '#core/jobs/job_queue'
import { BROADCAST_QUEUE } from '#core/live/durable_broadcast'
import { PUSH_QUEUE } from '#push/push_jobs'
import { RING_TIMEOUT_QUEUE, STALE_RING_QUEUE } from '#calls/ring_timeouts'
import { RECONCILE_QUEUE } from '#payments/reconciler_schedule'
import paymentsConfig from '#config/payments'
import pushConfig from '#config/push'

jobs.define(BROADCAST_QUEUE, () => import('#core/live/broadcast_job'), {
  retryLimit: 3,
  expireInSeconds: 30,
})

jobs.define(PUSH_QUEUE, () => import('#push/jobs/deliver_notification'), {
  concurrency: pushConfig.concurrency,
  expireInSeconds: 120,
})

jobs.define(RING_TIMEOUT_QUEUE, () => import('#calls/jobs/expire_ring'), {
  expireInSeconds: 60,
})

jobs.define(STALE_RING_QUEUE, () => import('#calls/jobs/expire_stale_rings'), {
  everySeconds: 60,
  retryLimit: 0,
})

jobs.define(RECONCILE_QUEUE, () => import('#payments/jobs/reconcile'), {
  everySeconds: paymentsConfig.reconcileIntervalSeconds,
  retryLimit: 0,
  expireInSeconds: 600,
})
