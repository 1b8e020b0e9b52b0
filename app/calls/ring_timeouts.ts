import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import jobs from '#core/jobs/job_queue'

/** Durable ring timeouts: a restart no longer forgets a ringing call (start/jobs.ts). */
export const RING_TIMEOUT_QUEUE = 'calls.ring_timeout'

/** A backstop sweep for rings older than the timeout (calls from before a deploy). */
export const STALE_RING_QUEUE = 'calls.expire_stale'

/** Ends the call as missed once it has rung `seconds`, unless answered or over by then. */
export function scheduleRingTimeout(
  callId: number,
  seconds: number,
  trx: TransactionClientContract
) {
  return jobs.enqueue(
    RING_TIMEOUT_QUEUE,
    { callId },
    { trx, key: `ring:${callId}`, startAfter: new Date(Date.now() + seconds * 1000) }
  )
}
