/**
 * The reconciler runs as a recurring durable job, one run per
 * RECONCILE_INTERVAL_SECONDS across every instance (start/jobs.ts); an
 * advisory lock inside it keeps a manual `node ace payments:reconcile`
 * from overlapping a run.
 */
export const RECONCILE_QUEUE = 'payments.reconcile'
