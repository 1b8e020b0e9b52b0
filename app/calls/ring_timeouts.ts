import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Call from '#models/call'
import jobs from '#core/jobs/job_queue'

/** Durable ring timeouts: a restart no longer forgets a ringing call (start/jobs.ts). */
export const RING_TIMEOUT_QUEUE = 'calls.ring_timeout'

/** A backstop sweep for rings older than the timeout (calls from before a deploy). */
export const STALE_RING_QUEUE = 'calls.expire_stale'

/** Ends the call as missed once it has rung `seconds`, unless answered or over by then. */
export function scheduleRingTimeout(call: Call, seconds: number, trx: TransactionClientContract) {
  return jobs.enqueue(
    RING_TIMEOUT_QUEUE,
    { callId: call.id },
    {
      trx,
      key: `ring:${call.id}:${call.requestedAt.toMillis()}`,
      startAfter: new Date(Date.now() + seconds * 1000),
    }
  )
}
