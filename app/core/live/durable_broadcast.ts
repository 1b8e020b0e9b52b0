import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import jobs from '#core/jobs/job_queue'

export type LiveMessage = { channel: string; data: Record<string, unknown> }

/** The queue of broadcasts that must reach open pages even if this process dies after commit. */
export const BROADCAST_QUEUE = 'live.broadcast'

/**
 * Broadcasts `messages` once `trx` commits, through the durable job queue:
 * a crash between the commit and the broadcast only delays it. `key` names
 * the change (e.g. "payment:12:complete"), so a listener run twice sends once.
 */
export function broadcastDurably(
  trx: TransactionClientContract,
  key: string,
  messages: LiveMessage[]
) {
  if (!messages.length) return Promise.resolve(null)
  return jobs.enqueue(BROADCAST_QUEUE, { messages }, { trx, key })
}
